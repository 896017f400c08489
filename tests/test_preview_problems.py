"""What the preview (scripts/preview.py) makes of a failed build: the site's own problems as they are, MkDocs's
messages at the file and line they are about, the count MkDocs ends with left out, and a bug as a short note
(its traceback printed to the terminal only). No build here: the messages and exceptions are made up."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from otsite.problems import DataError, Problem

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("ot_preview_script", ROOT / "scripts" / "preview.py")
preview = importlib.util.module_from_spec(_spec)
sys.modules["ot_preview_script"] = preview
_spec.loader.exec_module(preview)
ENGLISH, SPANISH = preview.SITES


def _line_of(path: str, text: str) -> int:
    lines = (ROOT / path).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if text in line)


def _failed_with(error: BaseException) -> BaseException:
    """`error` as MkDocs's build raises it: a plugin's error, then Abort raised while handling it."""
    try:
        try:
            raise error
        except Exception:
            raise Abort("Aborted with a BuildError!")
    except Abort as aborted:
        return aborted


def test_a_missing_nav_page_is_shown_at_its_nav_line() -> None:
    message = "A reference to 'what-is-ot.md' is included in the 'nav' configuration, which is not found in the documentation files."
    problems = preview.build_problems(ENGLISH, [message, "Aborted with 1 warnings in strict mode!"], Abort("Aborted with 1 warnings in strict mode!"))
    line = _line_of("mkdocs.yml", ": what-is-ot.md")
    column = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[line - 1].index("what-is-ot.md") + 1
    assert problems == [Problem("mkdocs.yml", line, "nav", message, column)]
    # The Spanish build's nav is in its own configuration
    [spanish] = preview.build_problems(SPANISH, [message], Abort("Aborted with 1 warnings in strict mode!"))
    assert (spanish.path, spanish.line) == ("mkdocs-es.yml", _line_of("mkdocs-es.yml", ": what-is-ot.md"))


def test_the_sites_own_problems_come_from_the_error_and_mkdocs_word_on_the_same_spot_is_left_out() -> None:
    line = _line_of("docs/what-is-ot.md", "(glossary.md)")
    ours = Problem("docs/what-is-ot.md", line, "", "the link 'glossary.md' leads to no page or file", 42)
    refused = DataError([ours])
    plugin_error = PluginError(refused.report(ROOT))
    plugin_error.__cause__ = refused  # as the hooks raise it: `raise PluginError(...) from refused`
    mkdocs_says = "Doc file 'what-is-ot.md' contains a link 'glossary.md', but the target is not found among documentation files."
    problems = preview.build_problems(ENGLISH, [mkdocs_says, str(plugin_error), "Aborted with a BuildError!"], _failed_with(plugin_error))
    assert problems == [ours], "the problem with its column, once; neither MkDocs's copy of the report nor its own word on that line"


def test_an_unknown_message_is_shown_as_it_is() -> None:
    problems = preview.build_problems(ENGLISH, ["Something MkDocs says"], Abort("Aborted with 1 warnings in strict mode!"))
    assert problems == [Problem("", 0, "", "Something MkDocs says")]


def test_a_bug_is_a_short_note_and_its_traceback_goes_to_the_terminal(capsys: pytest.CaptureFixture[str]) -> None:
    try:
        {}["missing"]
    except KeyError as error:
        problems = preview.build_problems(ENGLISH, [], error)
    assert len(problems) == 1 and "KeyError" in problems[0].message and "ask a developer" in problems[0].message
    assert "Traceback" not in problems[0].message
    assert "Traceback" in capsys.readouterr().err


def test_a_configuration_that_is_not_yaml_is_told_at_its_line_as_a_data_file_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "ROOT", tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: [Occupational Therapy Guide\nsite_description: A guide\n", encoding="utf-8")
    try:
        with config.open(encoding="utf-8") as stream:
            try:
                yaml.safe_load(stream)  # as MkDocs reads it: PyYAML's marks name the file
            except yaml.YAMLError as slip:
                raise ConfigurationError(f"MkDocs encountered an error parsing the configuration file: {slip}")
    except ConfigurationError as error:
        [problem] = preview.build_problems(ENGLISH, [], error)
    assert (problem.path, problem.line, problem.column) == ("mkdocs.yml", 1, 12), problem
    assert "MkDocs encountered" not in problem.message, "in the words a data file's slip gets (otsite/yaml_source.py)"
