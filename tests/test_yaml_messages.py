"""YAML mistakes in a writer's words (otsite/yaml_errors.py), each at the line and column of the slip itself,
in data files and in pages' front matter, and CONTRIBUTING's table of messages kept in step with them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, copy_project, run_build
from otsite import yaml_source
from otsite.markdown_source import MarkdownReader
from otsite.page_checks import check_page
from otsite.problems import Problem
from otsite.schema_check import check_against_schema
from otsite.yaml_source import parse_yaml


@dataclass(frozen=True)
class Slip:
    """Broken YAML, the line the slip is on, the text the column must point at on that line, and words the message must hold."""

    text: str
    line: int
    spot: str
    words: tuple[str, ...]


SLIPS = {
    # Indentation: a list item or a field indented more or less than its neighbours.
    "list-item-indented-more": Slip("items:\n  - name: a\n    phone: 1\n   - name: b\n", 4, "- name: b",
                                    ("line 4 is indented differently from the list above it", "line up its dash (-) with the dash on line 2")),
    "list-item-indented-less": Slip("items:\n  - name: a\n    phone: 1\n - name: b\n", 4, "- name: b",
                                    ("line 4 is indented differently from the lines above it", "line up its dash (-)")),
    "field-in-list-indented-less": Slip("items:\n  - name: a\n   phone: 1\n", 3, "phone",
                                        ("line 3 is indented differently from the lines above it", "line up 'phone:' with 'name:' on line 2")),
    "field-indented-less": Slip("clinic:\n  name: a\n phone: 1\n", 3, "phone",
                                ("line 3 is indented differently from the lines above it", "line up 'phone:' with 'name:' on line 2")),
    "field-indented-more": Slip("clinic:\n  name: a\n    phone: 1\n", 3, "phone",
                                ("line 3 is indented more than line 2 above it", "line up 'phone:' with 'name:'")),
    # A missing colon, or no space after it: the parser stops a line later, the message points at the slip.
    "no-space-after-colon": Slip("clinic:\n  name:Ana\n  phone: 1\n", 2, "name:Ana",
                                 ("there is no space after the colon in 'name:Ana'", "expected 'name: Ana'")),
    "no-space-after-colon-last-field": Slip("clinic:\n  name: Ana\n  phone:1\n", 3, "phone:1",
                                            ("there is no space after the colon in 'phone:1'", "expected 'phone: 1'")),
    "missing-colon": Slip("clinic:\n  name Ana\n  phone: 1\n", 2, "name",
                          ("this line has no colon after the field name", "expected 'name: Ana'")),
    "missing-colon-last-field": Slip("clinic:\n  name: Ana\n  phone 1\n", 3, "phone",
                                     ("this line has no colon after the field name", "expected 'phone: 1'")),
    "colon-and-space-in-a-value": Slip("clinic:\n  note: Open: 9 to 5\n", 2, ": 9 to 5",
                                       ("this value holds a colon followed by a space", 'like note: "Open: 9 to 5"')),
    "no-space-after-dash": Slip("items:\n  -name: a\n  - name: b\n", 2, "-name",
                                ("a list item needs a space after its dash", "expected '- name: a'")),
    # A tab, an unclosed quote or bracket, a key written twice.
    "tab": Slip("clinic:\n  name:\tAna\n", 2, "\tAna", ("a tab character is used for indenting or spacing here", "expected spaces only")),
    "unclosed-double-quote": Slip('a: 1\nclinic:\n  name: "Ana\n  phone: 1\nb: 2\n', 3, '"Ana',
                                  ('the quote mark (") that opens here is never closed', 'expected another " at the end')),
    "unclosed-single-quote": Slip("clinic:\n  name: 'Ana\n  phone: 1\n", 2, "'Ana", ("the quote mark (') that opens here is never closed",)),
    "unclosed-bracket": Slip("a: 1\nb: [1, 2\nc: 3\n", 2, "[1, 2", ("the bracket [ that opens a list here is never closed",)),
    "text-after-closing-quote": Slip('a: "x" y\n', 1, "y", ('there is more text after the closing quote mark (")',)),
    "duplicate-key": Slip('hours:\n  mon: "09:00-17:00"\n  tue: "09:00-17:00"\n  mon: "09:00-12:00"\n', 4, "mon",
                          ("the field 'mon' appears more than once here: first on line 2", "expected each field once")),
    "control-character": Slip("a: b\x01c\n", 1, "\x01", ("invisible control character (U+0001)",)),
    # Anything else: plain words first, the parser's own after them.
    "anything-else": Slip("a: [1, ]]\n", 1, "]", ("this line cannot be read as YAML data", "the YAML reader says: ")),
}


class _PureTextLoader(yaml.SafeLoader):
    """PyYAML's own parser, whose words differ from libyaml's: the table must know both."""


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    if request.param == "pure-python":
        monkeypatch.setattr(yaml_source, "_TextLoader", _PureTextLoader)
    return request.param


def column_of(slip: Slip) -> int:
    return slip.text.split("\n")[slip.line - 1].rindex(slip.spot) + 1


@pytest.mark.parametrize("name", SLIPS)
def test_each_yaml_slip_is_named_at_its_line_and_column(name: str, parser: str) -> None:
    slip = SLIPS[name]
    document, problems = parse_yaml(slip.text, "data/x.yml")
    assert document is None and len(problems) == 1, problems
    problem = problems[0]
    assert (problem.line, problem.column) == (slip.line, column_of(slip)), problem
    for words in slip.words:
        assert words in problem.message, problem.message
    assert "not valid YAML" not in problem.message


def test_field_written_as_text_without_its_space_gets_a_suggestion() -> None:
    document, problems = parse_yaml("services:\n  - slug: a\n    name: x\n    summary: y\n  - name:Bo\n", "data/services.yml")
    assert document is not None and problems == []
    found = [p for p in check_against_schema(document, "services", "data/services.yml") if p.field == "services[1]"]
    assert found and found[0].line == 5
    assert found[0].message.endswith("got \"name:Bo\" (did you mean 'name: Bo'? a field needs a space after its colon)")


BROKEN_FRONT_MATTER = """---
description: A page.
review:
  status: draft
   written: 2026-11-28
---

Some text.
"""


def test_front_matter_slips_name_the_pages_own_lines(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text(BROKEN_FRONT_MATTER, encoding="utf-8")
    problems, _ = check_page(MarkdownReader(), page, "docs/x.md", date(2026, 12, 7))
    assert [(p.line, p.column) for p in problems] == [(5, 4)]
    assert problems[0].message.startswith("line 5 is indented more than line 4 above it")
    assert "line up 'written:' with 'status:'" in problems[0].message


def test_a_failed_build_prints_the_slip_with_its_line_and_a_marker(tmp_path: Path) -> None:
    """The whole chain, once: the hook's report shows the page's line under the problem, with carets under the field."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "children.md"
    text = page.read_text(encoding="utf-8")
    written = re.search(r"\n  (written: .*)", text)
    assert written
    broken = text.replace(written.group(0), "\n   " + written.group(1), 1)  # one space too many
    page.write_text(broken, encoding="utf-8")
    number = broken.split("\n").index("   " + written.group(1)) + 1
    result = run_build(project, "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    head = next(i for i, l in enumerate(lines) if l.startswith(f"  docs/children.md:{number}: line {number} is indented more"))
    assert lines[head + 1].strip() == f"{number} |    {written.group(1)}"
    assert lines[head + 2].endswith("|    ^^^^^^^^"), lines[head + 2]


def _contributing_rows() -> list[str]:
    """The first `code` of each row of CONTRIBUTING's table of messages, as a pattern ('…' stands for any text)."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    table = text[text.index("| Message starts with |"):].split("\n\n")[0]
    rows = []
    for row in table.splitlines()[2:]:
        code = re.search(r"`([^`]+)`", row.split("|")[1])
        if code:
            rows.append(".*?".join(re.escape(part) for part in code.group(1).split("…")))
    return rows


@pytest.mark.parametrize("name", SLIPS)
def test_contributing_lists_what_the_build_prints(name: str) -> None:
    """Each message starts as a row of CONTRIBUTING's table says, so the writers' guide cannot drift from the build."""
    message = parse_yaml(SLIPS[name].text, "data/x.yml")[1][0].message
    rows = _contributing_rows()
    assert any(re.match(row, message) for row in rows), f"no row of CONTRIBUTING's table of messages matches: {message}"
