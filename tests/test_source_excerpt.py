"""The line of a problem with a marker under the spot (otsite/source_excerpt.py), and reports that show it."""
from __future__ import annotations

from pathlib import Path

import pytest

from otsite.problems import DataError, Problem
from otsite.source_excerpt import MAX_WIDTH, Excerpt, excerpt, excerpt_text


@pytest.fixture
def root(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clinics.yml").write_text(
        "clinics:\n  - name: Hillcrest\n    address: 123 Main St\n\tphone:\t555\n"
        "see [the visit](visit.md#your-first-vist) now\n" + "word " * 40 + "HERE " + "x " * 60 + "\n",
        encoding="utf-8")
    return tmp_path


def marked(ex: Excerpt) -> str:
    return ex.text[ex.start:ex.end]


def test_column_marks_the_token_there(root: Path) -> None:
    ex = excerpt(Problem("data/clinics.yml", 3, "clinics[0].address", "wrong", column=14), root)
    assert ex is not None and ex.number == 3 and ex.text == "    address: 123 Main St"
    assert marked(ex) == "123"
    assert excerpt_text(ex) == "    3 |     address: 123 Main St\n      |              ^^^"


def test_no_column_marks_the_non_blank_part(root: Path) -> None:
    ex = excerpt(Problem("data/clinics.yml", 3, "", "wrong"), root)
    assert ex is not None and marked(ex) == "address: 123 Main St"


def test_tabs_are_shown_as_spaces_and_the_marker_lines_up(root: Path) -> None:
    ex = excerpt(Problem("data/clinics.yml", 4, "", "tab", column=1), root)
    assert ex is not None and "\t" not in ex.text
    assert ex.text.strip() == "phone:  555" and ex.start == 0 and ex.end > 0 and marked(ex).isspace()
    ex = excerpt(Problem("data/clinics.yml", 4, "", "x", column=9), root)  # the 5 of 555, after two tabs
    assert ex is not None and marked(ex) == "555"


def test_a_link_is_marked_whole(root: Path) -> None:
    ex = excerpt(Problem("data/clinics.yml", 5, "", "broken", column=5), root)
    assert ex is not None and marked(ex) == "[the visit](visit.md#your-first-vist)"


def test_a_long_line_is_cut_around_the_spot(root: Path) -> None:
    line = (root / "data" / "clinics.yml").read_text().splitlines()[5]
    ex = excerpt(Problem("data/clinics.yml", 6, "", "x", column=line.index("HERE") + 1), root)
    assert ex is not None and len(ex.text) <= MAX_WIDTH and marked(ex) == "HERE"
    assert ex.text.startswith("…") and ex.text.endswith("…")


@pytest.mark.parametrize("problem", [Problem("data/clinics.yml", 0, "", "whole file"), Problem("data/clinics.yml", 99, "", "past the end"),
                                     Problem("data/missing.yml", 1, "", "no file"), Problem("../outside.yml", 1, "", "outside")])
def test_no_excerpt_without_a_line_to_show(root: Path, problem: Problem) -> None:
    (root.parent / "outside.yml").write_text("secret: 1\n")
    assert excerpt(problem, root) is None


def test_control_characters_never_reach_the_terminal(root: Path) -> None:
    (root / "data" / "x.yml").write_text("name: \x1b[31mred\u202e\n", encoding="utf-8")
    ex = excerpt(Problem("data/x.yml", 1, "", "x", column=7), root)
    assert ex is not None and "\x1b" not in ex.text and "\u202e" not in ex.text and ex.text.startswith("name: ?")


def test_report_shows_each_line_under_its_problem_and_keeps_the_first_line(root: Path) -> None:
    problems = [Problem("data/clinics.yml", 3, "clinics[0].address", "wrong", column=14), Problem("data/clinics.yml", 0, "", "whole")]
    report = DataError(problems).report(root).splitlines()
    assert report == ["Found 2 problems in the site's content:",
                      "  data/clinics.yml: whole",
                      "  data/clinics.yml:3: clinics[0].address: wrong",
                      "        3 |     address: 123 Main St",
                      "          |              ^^^"]
    assert DataError(problems).report().splitlines() == report[:3]  # no project folder, no excerpts
