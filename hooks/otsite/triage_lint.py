"""The triage linter: a page whose "when to get help" lines or text use a trigger word
(fever, fall, choking...) must list the matching red flag in its `emergencies:`, so the
reader sees the emergency signs and steps right there. The rules are data
(data/triage_rules.yml); words match as emergencies.mentions() matches search terms.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Iterable

from .emergencies import normalize
from .front_matter import PageSource
from .languages import SOURCE_LANGUAGE, docs_folder
from .markdown_source import MarkdownReader
from .problems import Problem
from .suggest import closest, did_you_mean
from .yaml_source import NotUtf8, YamlDocument, field_name, parse_yaml

RULES_FILE = "data/triage_rules.yml"
HELP, PROSE, ANYWHERE = "help", "prose", "anywhere"
# How a help level reads in a message (the page schema's get_help levels).
LEVEL_WORDS = {"emergency": "a 911 help line", "urgent": "a same-day help line", "routine": "a routine help line"}
# Whether a page that misses its red flag fails the build (True) or is a reminder (False: a warning
# locally, an error in CI). Set False only while pages written before a new rule are being fixed.
FAILS_BUILD = True

_LINK_TARGET = re.compile(r"\]\([^)]*\)")
_TAG_OR_ATTRIBUTES = re.compile(r"<[^>]*>|\{:?[^}]*\}")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s")
_FENCE = re.compile(r"^\s*(```|~~~)")


@dataclass(frozen=True)
class TriageRule:
    """Trigger words (by language) and the red flags, one of which a page using them must list."""

    id: str
    message: str
    red_flags: tuple[str, ...]
    triggers: dict[str, tuple[str, ...]]
    where: str = ANYWHERE

    def reads(self, place: str) -> bool:
        return self.where in (ANYWHERE, place)


@dataclass(frozen=True)
class Excused:
    """A rule a clinical reviewer excused on one page, and why."""

    page: str  # docs/index.md, docs-es/index.md
    rule: str
    reason: str


@dataclass(frozen=True)
class Passage:
    """A piece of a page the linter reads: a help line or a line of text."""

    line: int  # in the page file
    text: str
    place: str  # HELP or PROSE
    field: str = ""  # get_help.urgent[0] for a help line
    label: str = "the page's text"


@dataclass(frozen=True)
class Hit:
    """A rule's trigger found in a passage of a page that lists none of the rule's red flags."""

    rule: TriageRule
    trigger: str
    passage: Passage


def triage_rules(data: dict[str, Any]) -> tuple[tuple[TriageRule, ...], tuple[Excused, ...]]:
    """The rules and exceptions of a checked data/triage_rules.yml."""
    rules = tuple(TriageRule(id=item["id"], message=item["message"], red_flags=tuple(item["red_flags"]),
                             triggers={language: tuple(words) for language, words in item["triggers"].items()},
                             where=item.get("where", ANYWHERE)) for item in data["rules"])
    return rules, tuple(Excused(**item) for item in data.get("exceptions") or [])


def front_matter(page: PageSource) -> tuple[YamlDocument | None, dict[str, Any], list[str]]:
    """(the page's front matter with its lines, as fields, the ids it lists in `emergencies:`)."""
    document = parse_yaml(page.yaml_text, "")[0] if page.yaml_text else None
    meta = document.data if document is not None and isinstance(document.data, dict) else {}
    listed = [str(name) for name in meta["emergencies"]] if isinstance(meta.get("emergencies"), list) else []
    return document, meta, listed


def passages(page: PageSource) -> tuple[list[str], list[Passage]]:
    """(the page's emergencies, its help lines and lines of text), lines counted in the page file."""
    found: list[Passage] = []
    document, meta, listed = front_matter(page)
    levels = meta.get("get_help")
    for level, lines in (levels.items() if isinstance(levels, dict) else ()):
        for i, text in enumerate(lines if isinstance(lines, list) else ()):
            at = ("get_help", str(level), i)
            found.append(Passage(document.line_of(at) + PageSource.YAML_LINE - 1, str(text), HELP, field_name(at),
                                 LEVEL_WORDS.get(str(level), f"a {level} help line")))
    return listed, found + _prose(page.body, page.body_line)


def _prose(body: str, first_line: int) -> list[Passage]:
    """The body's lines as a reader sees their words: link addresses, tags and code blocks left out.

    Each line also carries the next line's words after a tab, so a phrase broken over two lines is found.
    """
    lines: list[str] = []
    fenced = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        keep = not fenced and not _FENCE.match(line) and not _REFERENCE.match(line)
        lines.append(_TAG_OR_ATTRIBUTES.sub(" ", _LINK_TARGET.sub("]", line)) if keep else "")
    return [Passage(first_line + i, f"{text}\t{lines[i + 1] if i + 1 < len(lines) else ''}", PROSE)
            for i, text in enumerate(lines) if text.strip()]


def _spaced(text: str) -> str:
    """`text` normalized (emergencies.normalize) between spaces: whole words then match as emergencies.mentions() matches them."""
    return f" {normalize(text)} "


_spaced_trigger = cache(_spaced)  # the rule table's words: a few hundred, each normalized once


def _trigger_in(own: str, following: str, words: Iterable[str]) -> str | None:
    """The first of `words` in a passage (`own` and the next line's words `following`, both _spaced);
    a phrase broken over the two lines counts for the first."""
    both = f"{own}{following.lstrip()}"
    for word in words:
        term = _spaced_trigger(word)
        if term in own or (term in both and term not in following):
            return word
    return None


def hits(page: PageSource, rules: Iterable[TriageRule], language: str) -> tuple[list[str], list[Hit]]:
    """(the page's emergencies, every trigger of a rule none of whose red flags the page lists)."""
    listed, pieces = passages(page)
    spaced = [(passage, *map(_spaced, passage.text.partition("\t")[::2])) for passage in pieces]
    words = [set(own.split()) for _, own, _ in spaced]  # a phrase found on a line starts with one of its words
    found = []
    for rule in rules:
        triggers = rule.triggers.get(language, ())
        firsts = {_spaced_trigger(word).split()[0] for word in triggers}
        if set(rule.red_flags) & set(listed):
            continue
        for (passage, own, following), own_words in zip(spaced, words):
            if rule.reads(passage.place) and not firsts.isdisjoint(own_words):
                word = _trigger_in(own, following, triggers)
                found += [Hit(rule, word, passage)] if word is not None else []
    return listed, found


def page_problems(display: str, listed: list[str], found: list[Hit]) -> list[Problem]:
    """One problem per rule a page misses: at its first trigger, naming the red flag to add and the other lines."""
    by_rule: dict[str, list[Hit]] = {}
    for hit in sorted(found, key=lambda h: h.passage.line):
        by_rule.setdefault(hit.rule.id, []).append(hit)
    return [Problem(display, first.passage.line, first.passage.field, _message(first, listed, [h.passage.line for h in rest]))
            for first, *rest in by_rule.values()]


def _message(hit: Hit, listed: list[str], more: list[int]) -> str:
    flags = hit.rule.red_flags
    needed = f'the red flag "{flags[0]}"' if len(flags) == 1 else "one of the red flags " + " or ".join(f'"{f}"' for f in flags)
    noun, verb = ("words", "need") if " " in hit.trigger.strip() else ("word", "needs")
    also = sorted(set(more) - {hit.passage.line})
    where = f"{hit.passage.label}{'; also on line ' + ', '.join(map(str, also)) if also else ''}"
    return (f'the {noun} "{hit.trigger}" (in {where}) {verb} {needed}, because {hit.rule.message}: add it to the front matter '
            f"as emergencies: [{', '.join([*listed, flags[0]])}] (expected this page to list {' or '.join(flags)}; "
            f"rule {hit.rule.id!r} in {RULES_FILE})")


def lint_pages(reader: MarkdownReader, docs: Path, root: Path, rules: Iterable[TriageRule], excused: Iterable[Excused],
               language: str, skip: set[str]) -> tuple[list[Problem], set[tuple[str, str]]]:
    """(problems of the pages under `docs`, (page, rule) of each exception that excused a trigger)."""
    rules = tuple(rules)
    pardoned = {(item.page, item.rule) for item in excused}
    problems: list[Problem] = []
    used: set[tuple[str, str]] = set()
    for relative, path in reader.pages(docs):
        if relative in skip:
            continue
        display = f"{docs.relative_to(root).as_posix()}/{relative}"
        try:
            page = reader.read(path, display)
        except NotUtf8:
            continue  # reported by the page checks
        listed, found = hits(page, rules, language)
        used |= {(display, hit.rule.id) for hit in found if (display, hit.rule.id) in pardoned}
        problems += page_problems(display, listed, [hit for hit in found if (display, hit.rule.id) not in pardoned])
    return problems, used


def check_triage(document: YamlDocument, known_flags: set[str], reader: MarkdownReader, root: Path, docs: Path,
                 language: str, skip: set[str]) -> list[Problem]:
    """The rule table's red flags and exceptions, and every page under `docs` (the build's language)."""
    rules, excused = triage_rules(document.data)
    problems = _unknown_flags(document, rules, known_flags) + _wrong_exceptions(document, rules, excused, root)
    found, used = lint_pages(reader, docs, root, rules, excused, language, skip)
    folder = docs.relative_to(root).as_posix() + "/"
    for i, item in enumerate(excused):
        if item.page.startswith(folder) and (root / item.page).is_file() and (item.page, item.rule) not in used:
            problems.append(_problem(document, ("exceptions", i, "rule"), f"the rule {item.rule!r} finds no trigger word on "
                                     f"{item.page} now, so this exception excuses nothing (expected it removed)"))
    return problems + found + (translated_red_flags(reader, docs, root, skip) if language != SOURCE_LANGUAGE else [])


def translated_red_flags(reader: MarkdownReader, docs: Path, root: Path, skip: set[str]) -> list[Problem]:
    """A translation lists every red flag its English page lists, so its readers are warned of the same emergencies."""
    problems = []
    for relative, path in reader.pages(docs):
        english = root / docs_folder(SOURCE_LANGUAGE) / relative
        if relative in skip or not english.is_file():
            continue
        display = f"{docs.relative_to(root).as_posix()}/{relative}"
        try:
            document, _, listed = front_matter(reader.read(path, display))
            wanted = front_matter(reader.read(english, relative))[2]
        except NotUtf8:
            continue  # reported by the page checks
        missing = [flag for flag in wanted if flag not in listed]
        if missing:
            line = document.line_of(("emergencies",)) + PageSource.YAML_LINE - 1 if document is not None else 1
            problems.append(Problem(display, line, "emergencies", (
                f"the English page {docs_folder(SOURCE_LANGUAGE)}/{relative} lists the red flag{'s' if len(missing) > 1 else ''} "
                f"{', '.join(missing)}, which this page does not (expected the same red flags as the English page: "
                f"emergencies: [{', '.join([*listed, *missing])}])")))
    return problems


def _unknown_flags(document: YamlDocument, rules: tuple[TriageRule, ...], known: set[str]) -> list[Problem]:
    return [_problem(document, ("rules", i, "red_flags", j),
                     f"{flag!r} is not an id in data/emergency_signs.yml ({did_you_mean(closest(flag, known))}expected one of: "
                     f"{', '.join(sorted(known))})")
            for i, rule in enumerate(rules) for j, flag in enumerate(rule.red_flags) if flag not in known]


def _wrong_exceptions(document: YamlDocument, rules: tuple[TriageRule, ...], excused: tuple[Excused, ...], root: Path) -> list[Problem]:
    ids = [rule.id for rule in rules]
    problems = []
    for i, item in enumerate(excused):
        if item.rule not in ids:
            problems.append(_problem(document, ("exceptions", i, "rule"),
                                     f"{item.rule!r} is not a rule here ({did_you_mean(closest(item.rule, ids))}expected one of: {', '.join(ids)})"))
        if not (root / item.page).is_file():
            pages = (page.relative_to(root).as_posix() for page in root.glob("docs*/**/*.md"))
            problems.append(_problem(document, ("exceptions", i, "page"),
                                     f"no page {item.page} ({did_you_mean(closest(item.page, pages))}expected a page like docs/index.md)"))
    return problems


def _problem(document: YamlDocument, path: tuple, message: str) -> Problem:
    return document.problem(path, message)
