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
    assert uploads == {"site/", "site-offline/"}
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
