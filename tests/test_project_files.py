"""The files around the code: schemas wired for editors, the CI workflow, README commands."""
from __future__ import annotations

import json
import re

import pytest
import yaml
from jsonschema import Draft202012Validator

from conftest import ROOT
from otsite.loading import DATA_FILES

SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


@pytest.mark.parametrize("schema", SCHEMAS, ids=lambda p: p.name)
def test_schemas_are_valid_json_schemas(schema) -> None:
    Draft202012Validator.check_schema(json.loads(schema.read_text()))


@pytest.mark.parametrize("name", DATA_FILES)
def test_each_data_file_names_its_schema_for_editors(name: str) -> None:
    head = (ROOT / "data" / DATA_FILES[name]).read_text().splitlines()[:2]
    schema = f"../schemas/{name}.schema.json"
    assert head == [f"# yaml-language-server: $schema={schema}", f"# $schema: {schema}"]  # VS Code, then JetBrains
    assert (ROOT / "schemas" / f"{name}.schema.json").is_file()
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text())
    assert settings["yaml.schemas"][f"./schemas/{name}.schema.json"] == f"data/{DATA_FILES[name]}"


def test_pull_request_workflow_checks_uploads_and_deploys() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and triggers["push"]["branches"] == ["main"]
    steps = workflow["jobs"]["check"]["steps"]
    commands = [s.get("run", "") for s in steps]
    assert "scripts/test.sh" in commands and "scripts/build.sh" in commands
    assert any("content_report.py" in c for c in commands)
    uploads = {s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/upload-artifact")}
    assert uploads == {"site/", "site-offline/", "screenshots/"}  # screenshots: tests/test_layout.py
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and deploy["needs"] == "check"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert (ROOT / ".github" / "pull_request_template.md").read_text().count("- [ ]") >= 5


def test_readme_gives_two_commands_and_ci_runs_the_test_one() -> None:
    readme = (ROOT / "README.md").read_text()
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"^    (\S.*)$", quick_start, flags=re.M)
    assert commands == ["scripts/serve.sh", "scripts/test.sh"]
    ci = (ROOT / ".ci" / "run").read_text()
    assert ci.rstrip().splitlines()[-1] == f"exec {commands[1]}"
    for command in commands:
        assert (ROOT / command).stat().st_mode & 0o111, f"{command} is not executable"


def test_external_links_job_is_scheduled_and_checks_only_the_sites_links() -> None:
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "external-links.yml").read_text())
    triggers = workflow[True]
    assert "workflow_dispatch" in triggers and triggers["schedule"][0]["cron"].split()[-1] == "1"  # weekly, on demand
    commands = " ".join(s.get("run", "") for s in workflow["jobs"]["links"]["steps"])
    assert "check_external_links.py site/" in commands
    site_workflow = (ROOT / ".github" / "workflows" / "site.yml").read_text()
    assert "check_external_links" not in site_workflow  # pull requests and tests stay offline
    assert "OT_REFUSE_DRAFTS" in site_workflow


def test_external_link_list_holds_every_source_once_and_no_local_page(tmp_path) -> None:
    import importlib.util
    spec = importlib.util.spec_from_file_location("check_external_links", ROOT / "scripts" / "check_external_links.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="https://www.cdc.gov/x">x</a><a href="a/">local</a><a href="mailto:x@y">m</a>')
    (tmp_path / "a" / "index.html").write_text('<a href="https://www.cdc.gov/x">again</a><a href="https://988lifeline.org/?a=1&amp;b=<2>">q</a>')
    links = module.external_links(tmp_path)
    assert links == ["https://988lifeline.org/?a=1&b=<2>", "https://www.cdc.gov/x"]
    page = module.link_page(links)
    assert page.count("<li>") == 2 and "<2>" not in page  # addresses escaped on the list page
