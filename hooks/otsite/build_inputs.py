"""Every folder a build reads, checked before anything is read or written.

One entry point for the MkDocs hook (each build's own folders) and for
scripts/build.py (every configuration's folders, before building any of them):
the path policy (otsite/project_links.py) on every folder, the allowlist of
writers' files (otsite/content_files.py) on the pages folders, and no page or
folder in docs/ where another language's build is published (docs/es/ would
land on the Spanish site's es/).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .content_files import content_problems
from .languages import SOURCE_LANGUAGE, docs_folder, language_prefix
from .markdown_source import PAGE_SUFFIXES, default_excluded
from .problems import Problem
from .project_links import CHECKED_FOLDERS, LinkTargets, walk


@dataclass(frozen=True)
class BuildInputs:
    """What one or more builds read, as their configurations say."""

    root: Path  # the project folder
    pages: tuple[str, ...]  # each build's pages folder, relative to root: ("docs", "docs-es")
    others: tuple[str, ...] = CHECKED_FOLDERS  # data, catalogs, theme (overrides/), schemas
    languages: Mapping[str, str] = field(default_factory=lambda: {SOURCE_LANGUAGE: "English"})  # code: its name
    settings: Mapping[str, object] = field(default_factory=dict)  # the configuration's extra:
    excluded: Callable[[str], bool] = default_excluded  # paths (in a pages folder) the site generator leaves out
    settings_source: str = "mkdocs.yml"


def input_problems(inputs: BuildInputs) -> list[Problem]:
    """Every problem with the files the builds would read, sorted by file."""
    targets = LinkTargets(inputs.root)
    problems: list[Problem] = []
    for folder in dict.fromkeys((*inputs.pages, *inputs.others)):
        found = walk(inputs.root, folder, targets)
        problems += found.problems
        if folder in inputs.pages:
            problems += content_problems(found.files, inputs.excluded, inputs.settings, inputs.settings_source)
    problems += language_collisions(inputs.root, inputs.languages)
    return sorted(set(problems))


def language_collisions(root: Path, languages: Mapping[str, str]) -> list[Problem]:
    """docs/<code>/ or docs/<code>.md: the source language's build would publish it where language <code>'s build goes."""
    source = root / docs_folder(SOURCE_LANGUAGE)
    problems = []
    for code, name in languages.items():
        if code == SOURCE_LANGUAGE:
            continue
        for taken in [source / code, *(source / f"{code}{suffix}" for suffix in PAGE_SUFFIXES)]:
            if taken.exists() or taken.is_symlink():
                problems.append(Problem(taken.relative_to(root).as_posix(), 0, "", (
                    f"the {name} ({code}) site is published at {language_prefix(code)}, so this would collide with it "
                    f"(expected no file or folder named {code!r} at the top of {source.name}/: rename it; "
                    f"{name} pages go in {docs_folder(code)}/)")))
    return problems
