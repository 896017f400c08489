"""Did-you-mean for every name a writer types: page links (the closest existing file, written as the link must
write it), section anchors (the closest heading of that page), and ids in data (conditions, services, glossary
terms, red flags, a condition's page file), worded as for misspelled fields; and each link problem marks the link on its line."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conftest import copy_project, run_build
from otsite.link_check import SourcePage, check_links
from otsite.loading import load_site
from otsite.markdown_source import MarkdownReader
from otsite.problems import DataError

FILES = {"index.md", "what-to-expect.md", "conditions/index.md", "conditions/stroke.md", "img/hand-splint.png"}
ANCHORS = {"what-to-expect.md": {"your-first-visit", "your-care-plan"}, "conditions/stroke.md": {"what-it-is", "how-ot-helps"}}


def link_problems(page: str, line: str) -> list:
    body = f"Some text first.\n\n{line}\n"
    return check_links(MarkdownReader(), [SourcePage(page, f"docs/{page}", body, 5)], FILES, ANCHORS)


@pytest.mark.parametrize("page, link, guess", [
    ("conditions/stroke.md", "../what-to-expet.md", "../what-to-expect.md"),  # relative to the linking page, as the writer types it
    ("index.md", "conditions/strok.md", "conditions/stroke.md"),
    ("conditions/stroke.md", "../img/hand-splint.jpg", "../img/hand-splint.png"),
    ("index.md", "what-to-expect.md#your-first-vist", "what-to-expect.md#your-first-visit"),
    ("conditions/stroke.md", "#how-ot-help", "#how-ot-helps"),  # a section of the same page
    ("conditions/index.md", "strok.md#what-it-is", "stroke.md#what-it-is"),
])
def test_a_broken_link_suggests_the_closest_file_or_section(page: str, link: str, guess: str) -> None:
    line = f"Read [the part on this]({link}) before you go."
    problems = link_problems(page, line)
    assert len(problems) == 1, problems
    problem = problems[0]
    assert f"the link {link!r}" in problem.message and f"(did you mean {guess!r}? expected" in problem.message
    assert (problem.line, problem.column) == (7, line.index("[") + 1)  # the body starts on line 5: the link is on its line 3


def test_nothing_close_means_no_guess() -> None:
    problems = link_problems("index.md", "[x](zzzz-qqqq.md) and [y](what-to-expect.md#qqqq-zzzz)")
    assert len(problems) == 2 and not any("did you mean" in p.message for p in problems)


@pytest.mark.parametrize("line, start", [
    ("An image: ![a splint](img/splint.png).", "!"),
    ('Raw HTML: <a href="what-to-expet.md">the visit</a>.', "<a"),
])
def test_each_kind_of_link_is_marked_where_it_starts(line: str, start: str) -> None:
    problems = link_problems("index.md", line)
    assert [p.column for p in problems] == [line.index(start) + 1]


def test_ids_in_data_suggest_the_closest_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    edits = {"conditions.yml": [("related: [stroke, parkinsons-disease]", "related: [strok, parkinsons-disease]"),
                                ("    specialists: [OTR, COTA]", "    specialists: [OTR, COTTA]")],
             "clinics.yml": [("services: [hand-therapy]\n", "services: [hand-therapie]\n")],
             "triage_rules.yml": [("red_flags: [sepsis]", "red_flags: [sepsiss]"),
                                  ("exceptions: []", "exceptions:\n  - page: docs/conditions/strok.md\n    rule: fal\n"
                                                     "    reason: A reason long enough to pass the schema.")]}
    for name, changes in edits.items():
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        for old, new in changes:
            assert old in text, old
            text = text.replace(old, new, 1)
        path.write_text(text, encoding="utf-8")
    pages = project / "docs" / "conditions"
    (pages / "trigger-finger.md").rename(pages / "triger-finger.md")  # a condition's page with a misspelled file name
    with pytest.raises(DataError) as raised:
        load_site(project, today=max(date.today(), date(2026, 12, 7)))
    messages = [p.message for p in raised.value.problems]
    for wrong, right in [("strok", "stroke"), ("COTTA", "COTA"), ("hand-therapie", "hand-therapy"), ("sepsiss", "sepsis"), ("fal", "fall")]:
        assert any(m.startswith(f"{wrong!r} is not") and f"(did you mean {right!r}? expected one of:" in m for m in messages), (wrong, messages)
    assert any(m.startswith("no page docs/conditions/strok.md (did you mean 'docs/conditions/stroke.md'? expected") for m in messages), messages
    assert any(str(p).startswith("docs/conditions/triger-finger.md: this page has no condition in data/conditions.yml "
                                  "(did you mean 'trigger-finger'? expected") for p in raised.value.problems), messages
    conditions = project / "data" / "conditions.yml"
    strok = next(p for p in raised.value.problems if p.message.startswith("'strok'"))
    assert strok.column == conditions.read_text().split("\n")[strok.line - 1].index("strok") + 1  # the excerpt marks the id itself


def test_a_build_suggests_the_anchor_and_marks_the_link(tmp_path: Path) -> None:
    """Anchors come from the rendered pages, so through the hook once: the anchor typo of the issue."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "what-is-ot.md"
    text = page.read_text(encoding="utf-8")
    assert "](what-to-expect.md)" in text
    page.write_text(text.replace("](what-to-expect.md)", "](what-to-expect.md#your-first-vist)", 1), encoding="utf-8")
    result = run_build(project, "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    head = next(i for i, l in enumerate(lines) if "names a section #your-first-vist" in l)
    assert "(did you mean 'what-to-expect.md#your-first-visit-the-evaluation'? expected" in lines[head]
    shown, marker = lines[head + 1], lines[head + 2]
    link = re.search(r"\[[^\]]*\]\(what-to-expect\.md#your-first-vist\)", shown)
    assert link, shown
    assert marker[link.start():link.end()] == "^" * len(link.group()) and marker[:link.start()].strip() == "|"
