"""The files around the code: schemas wired for editors, the CI workflow, README commands."""
from __future__ import annotations

import json
import re
from pathlib import Path

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


def _third_party_imports(script: Path) -> set[str]:
    """Top-level names of the modules `script` imports that are neither the standard library nor the project's."""
    import ast
    import sys
    names = set()
    for node in ast.walk(ast.parse(script.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    local = {p.stem for folder in ("hooks", "scripts", "bench") for p in (ROOT / folder).iterdir()}
    return {name for name in names if name not in sys.stdlib_module_names and name not in local | {"otsite", "__future__"}}


def _pinned(requirements: str) -> set[str]:
    """Distribution names pinned in a requirements file and the files it includes with -r, normalised."""
    names = set()
    for line in (ROOT / requirements).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            names |= _pinned(line[3:].strip())
        elif "==" in line:
            names.add(re.sub(r"[-_.]+", "-", line.split("==")[0]).lower())
    return names


def test_every_command_the_readme_offers_works_after_its_setup() -> None:
    """A Python script README offers with `.venv/bin/python` imports only what the site's setup installs
    (requirements.txt), unless its line says it needs `scripts/test.sh` first; a shell command is an executable
    script that sets up what it needs (scripts/setup.sh)."""
    from importlib.metadata import packages_distributions
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Other commands", 1)[1].split("\n## ", 1)[0]
    bullets = {b.split("`", 2)[1]: b for b in re.split(r"\n(?=- `)", section) if b.startswith("- `")}
    distributions = packages_distributions()
    site, tests = _pinned("requirements.txt"), _pinned("requirements-test.txt")
    checked = []
    for command, bullet in bullets.items():
        words = command.split()
        while re.fullmatch(r"[A-Z_]+=\S*", words[0]):  # a setting before the command (OT_ENGINE=properdocs ...)
            words.pop(0)
        if words[0] == ".venv/bin/python":
            script = ROOT / words[1]
            needs = {re.sub(r"[-_.]+", "-", d).lower() for name in _third_party_imports(script) for d in distributions.get(name, [name])}
            setup = tests if "scripts/test.sh" in " ".join(bullet.split()) else site
            assert needs <= setup, f"README offers {command!r}, but {sorted(needs - setup)} are not installed by its setup"
        else:
            script = ROOT / words[0]
            assert script.stat().st_mode & 0o111, f"{words[0]} is not executable"
            assert "scripts/setup.sh" in script.read_text(), f"{words[0]} does not set up what it needs"
        checked.append(command)
    assert len(checked) >= 8, checked  # the section was read, not skipped
