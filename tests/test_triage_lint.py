"""The triage linter (hooks/otsite/triage_lint.py, rules in data/triage_rules.yml): a page whose
help lines or text use a trigger word must list the matching red flag in its emergencies:.
Fast tests: pages written into a temporary folder, linted with the real rule table."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, copy_project
from otsite.loading import GENERATED_PAGES, load_site
from otsite.markdown_source import MarkdownReader
from otsite.problems import DataError
from otsite.schema_check import check_against_schema
from otsite.triage_lint import check_triage, lint_pages, triage_rules
from otsite.yaml_source import read_yaml

RULES_DOCUMENT, _ = read_yaml(ROOT / "data" / "triage_rules.yml", "data/triage_rules.yml")
RULES, EXCUSED = triage_rules(RULES_DOCUMENT.data)
SIGNS, _ = read_yaml(ROOT / "data" / "emergency_signs.yml", "data/emergency_signs.yml")
KNOWN = {item["id"] for item in SIGNS.data["emergencies"]}

WRITERS_PAGE = """---
description: Gout is a kind of arthritis that makes a joint suddenly red, hot and very painful.
review:
  status: draft
emergencies: [{flags}]
get_help:
  urgent:
    - {urgent}
  routine:
    - See your doctor if a joint keeps hurting.
---

{body}
"""


def lint(tmp_path: Path, language: str = "en", **fields: str) -> list[str]:
    """The linter's messages for one writer's page, docs/conditions/gout.md (docs-es/ for Spanish)."""
    folder = "docs" if language == "en" else f"docs-{language}"
    page = tmp_path / folder / "conditions" / "gout.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    values = {"flags": "self-harm", "urgent": "Get help the same day if a joint is very painful.",
              "body": "Gout can come and go.", **fields}
    page.write_text(WRITERS_PAGE.format(**values), encoding="utf-8")
    problems, _ = lint_pages(MarkdownReader(), tmp_path / folder, tmp_path, RULES, (), language, set())
    return [str(problem) for problem in problems]


def line_of(tmp_path: Path, words: str, folder: str = "docs") -> int:
    text = (tmp_path / folder / "conditions" / "gout.md").read_text(encoding="utf-8")
    return text[: text.index(words)].count("\n") + 1


def test_fever_in_a_same_day_line_without_sepsis_names_file_line_and_the_red_flag(tmp_path: Path) -> None:
    found = lint(tmp_path, urgent="Get help the same day if the joint is hot and you have a fever.")
    line = line_of(tmp_path, "you have a fever")
    assert len(found) == 1, found
    assert found[0].startswith(f'docs/conditions/gout.md:{line}: get_help.urgent[0]: the word "fever" '
                               '(in a same-day help line) needs the red flag "sepsis", because '), found[0]
    assert "add it to the front matter as emergencies: [self-harm, sepsis]" in found[0]
    assert "(expected this page to list sepsis; rule 'fever' in data/triage_rules.yml)" in found[0]


def test_the_same_page_with_the_sepsis_red_flag_passes(tmp_path: Path) -> None:
    assert lint(tmp_path, flags="self-harm, sepsis", urgent="Get help the same day if the joint is hot and you have a fever.") == []


def test_a_page_without_the_trigger_word_passes(tmp_path: Path) -> None:
    assert lint(tmp_path, urgent="Get help the same day if the joint is hot and swollen.") == []


def test_a_spanish_page_is_read_with_the_spanish_words(tmp_path: Path) -> None:
    urgent = "Busque ayuda el mismo día si la articulación está caliente y tiene fiebre."
    found = lint(tmp_path, "es", urgent=urgent)
    assert len(found) == 1 and found[0].startswith(
        f'docs-es/conditions/gout.md:{line_of(tmp_path, "tiene fiebre", "docs-es")}: get_help.urgent[0]: the word "fiebre" '), found
    assert lint(tmp_path, "es", urgent=urgent, flags="sepsis") == []
    # Without accents, as many readers and writers type: "infeccion" is "infección".
    assert any('"infección"' in message for message in lint(tmp_path, "es", body="Puede haber una infeccion."))
    # An English trigger in a Spanish page is not a Spanish trigger.
    assert lint(tmp_path, "es", body="El título en inglés dice fever.") == []


def test_prose_counts_for_anywhere_rules_and_help_only_rules_skip_prose(tmp_path: Path) -> None:
    found = lint(tmp_path, body="Some people with gout\nget a fever during a flare.")
    assert len(found) == 1 and found[0].startswith(f'docs/conditions/gout.md:{line_of(tmp_path, "get a fever")}: the word "fever" '
                                                   "(in the page's text) needs the red flag \"sepsis\""), found
    # 'stroke' is a help-line rule: prose about life after a stroke is not a warning sign.
    assert lint(tmp_path, body="Gout is more common after a stroke.") == []
    found = lint(tmp_path, urgent="Call 911 for any sign of a stroke.")
    assert len(found) == 1 and '"stroke" (in a same-day help line) needs the red flag "stroke"' in found[0], found


@pytest.mark.parametrize("text, rule", [
    ("Fear of falling keeps some people at home.", "fall"),
    ("Gout has fallen out of fashion as a name.", "fall"),
    ("A broadcast talk on casting pottery.", "cast"),
    ("A burning feeling in the toe.", "burns"),
    ("She had headaches.", "head-injury"),
    ("Numbers of people with gout are rising.", "numbness"),
])
def test_triggers_match_whole_words_only(tmp_path: Path, text: str, rule: str) -> None:
    assert lint(tmp_path, body=text) == []


@pytest.mark.parametrize("text, word", [
    ("If you fell, tell your doctor.", "fell"),
    ("FALLS: tell your doctor.", "falls"),
    ("After a cast comes off, the skin is dry.", "cast"),
    ("A hot pan can burn.", "burn"),
    ("Your toes may feel numb.", "numb"),
    ("A blow to the head needs care.", "blow to the head"),
])
def test_whole_word_triggers_are_found(tmp_path: Path, text: str, word: str) -> None:
    found = lint(tmp_path, body=text)
    assert len(found) == 1 and f'"{word}"' in found[0], found


def test_a_phrase_broken_over_two_lines_is_found_on_its_first_line(tmp_path: Path) -> None:
    found = lint(tmp_path, body="Call 911 for chest\npain or pressure.")
    assert len(found) == 1 and found[0].startswith(f"docs/conditions/gout.md:{line_of(tmp_path, 'for chest')}: the words \"chest pain\""), found


def test_link_addresses_and_code_blocks_are_not_read(tmp_path: Path) -> None:
    assert lint(tmp_path, body="Read [how to stay safe at home](../conditions/falls-and-broken-hip.md).") == []
    assert lint(tmp_path, body="```\nfever\n```") == []
    assert len(lint(tmp_path, body="Read [falls](../older-adults.md).")) == 1  # the link's text is read


def test_each_rule_is_reported_once_per_page_with_its_other_lines(tmp_path: Path) -> None:
    found = lint(tmp_path, urgent="Get help the same day for a fever.", body="A fever can come back.\n\nA fever again.")
    assert len(found) == 1, found
    assert re.search(r"\(in a same-day help line; also on line \d+, \d+\)", found[0]), found[0]


def write_rules(project: Path, exceptions: str = "") -> None:
    """The real rule table in `project`, with `exceptions` (YAML list items) instead of its own."""
    text = (ROOT / "data" / "triage_rules.yml").read_text(encoding="utf-8")
    head, _, _ = text.rpartition("\nexceptions:")
    (project / "data").mkdir(parents=True, exist_ok=True)
    (project / "data" / "triage_rules.yml").write_text(f"{head}\nexceptions:{' []' if not exceptions else ''}\n{exceptions}", encoding="utf-8")


def checked(project: Path) -> list[str]:
    document, problems = read_yaml(project / "data" / "triage_rules.yml", "data/triage_rules.yml")
    assert problems == [] and check_against_schema(document, "triage_rules", document.source) == []
    return [str(p) for p in check_triage(document, KNOWN, MarkdownReader(), project, project / "docs", "en", set())]


def test_an_exception_excuses_one_rule_on_one_page_and_a_stale_one_is_reported(tmp_path: Path) -> None:
    lint(tmp_path, body="Gout makes falls more likely, and a fever can come with it.")
    write_rules(tmp_path, "  - page: docs/conditions/gout.md\n    rule: fall\n"
                          "    reason: The page names falls only as a risk; its fall advice is on the falls page.\n")
    found = checked(tmp_path)
    assert len(found) == 1 and '"fever"' in found[0], found  # the fever rule is not excused
    lint(tmp_path, body="Gout can come and go.")
    found = checked(tmp_path)
    line = (tmp_path / "data" / "triage_rules.yml").read_text(encoding="utf-8").splitlines().index("    rule: fall") + 1
    assert found == [f"data/triage_rules.yml:{line}: exceptions[0].rule: the rule 'fall' finds no trigger word on "
                     "docs/conditions/gout.md now, so this exception excuses nothing (expected it removed)"]


def test_an_exception_for_a_missing_page_or_rule_is_reported(tmp_path: Path) -> None:
    lint(tmp_path)
    write_rules(tmp_path, "  - page: docs/conditions/no-such-page.md\n    rule: no-such-rule\n"
                          "    reason: A reason long enough to pass the schema.\n")
    found = checked(tmp_path)
    assert any("exceptions[0].rule: 'no-such-rule' is not a rule here (expected one of: fever, infection," in f for f in found), found
    assert any("exceptions[0].page: no page docs/conditions/no-such-page.md" in f for f in found), found


def test_a_rule_naming_an_unknown_red_flag_is_reported(tmp_path: Path) -> None:
    lint(tmp_path)
    write_rules(tmp_path)
    path = tmp_path / "data" / "triage_rules.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("red_flags: [sepsis]", "red_flags: [sepsiss]", 1), encoding="utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("    red_flags: [sepsiss]") + 1
    found = checked(tmp_path)
    assert found[0].startswith(f"data/triage_rules.yml:{line}: rules[0].red_flags[0]: 'sepsiss' is not an id in "
                               "data/emergency_signs.yml (did you mean 'sepsis'? expected one of: "), found


def test_the_schema_rejects_a_rule_without_red_flags_with_file_and_line(tmp_path: Path) -> None:
    write_rules(tmp_path)
    path = tmp_path / "data" / "triage_rules.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("    red_flags: [sepsis]\n", "    where: everywhere\n", 1), encoding="utf-8")
    document, _ = read_yaml(path, "data/triage_rules.yml")
    found = sorted(str(p) for p in check_against_schema(document, "triage_rules", document.source))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert found == sorted([
        f"data/triage_rules.yml:{lines.index('  - id: fever') + 1}: rules[0].red_flags: this required field is missing "
        "(expected the red flags that satisfy the rule: the page must list at least one of them)",
        f"data/triage_rules.yml:{lines.index('    where: everywhere') + 1}: rules[0].where: expected one of: help, prose, anywhere; "
        'got "everywhere"'])


def test_the_build_reports_a_page_missing_its_red_flag(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "what-to-expect.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("\n---\n", "\n---\n\nSome people get a fever after a visit.\n", 1), encoding="utf-8")
    line = page.read_text(encoding="utf-8").splitlines().index("Some people get a fever after a visit.") + 1
    for in_ci in (True, False):  # an error in CI and on a writer's computer alike
        with pytest.raises(DataError) as failed:
            load_site(project, reminders_fail=in_ci)
        assert any(str(p).startswith(f'docs/what-to-expect.md:{line}: the word "fever" (in the page\'s text) needs the red flag "sepsis"')
                   for p in failed.value.problems), failed.value.report()
    shutil.rmtree(project)


def test_every_real_page_lists_the_red_flags_its_words_need() -> None:
    reader = MarkdownReader()
    found = [str(problem) for language, folder in (("en", "docs"), ("es", "docs-es"))
             for problem in check_triage(RULES_DOCUMENT, KNOWN, reader, ROOT, ROOT / folder, language, GENERATED_PAGES)]
    assert found == [], "\n".join(found)


def test_a_spanish_page_lists_every_red_flag_of_its_english_page(tmp_path: Path) -> None:
    lint(tmp_path, flags="self-harm, sepsis")
    lint(tmp_path, "es", flags="self-harm")
    write_rules(tmp_path)
    document, _ = read_yaml(tmp_path / "data" / "triage_rules.yml", "data/triage_rules.yml")
    found = [str(p) for p in check_triage(document, KNOWN, MarkdownReader(), tmp_path, tmp_path / "docs-es", "es", set())]
    line = line_of(tmp_path, "emergencies:", "docs-es")
    assert found == [f"docs-es/conditions/gout.md:{line}: emergencies: the English page docs/conditions/gout.md lists the red flag "
                     "sepsis, which this page does not (expected the same red flags as the English page: emergencies: [self-harm, sepsis])"]
    lint(tmp_path, "es", flags="sepsis, self-harm")
    assert check_triage(document, KNOWN, MarkdownReader(), tmp_path, tmp_path / "docs-es", "es", set()) == []
