"""Refuse symbolic links that lead out of the project.

MkDocs follows links in docs/ and copies what they point at into the site, so
a link to /etc/passwd in a pull request would publish that file. Links that
stay inside the project are followed (their contents are checked too), each
real folder once, so a link to a parent folder cannot loop.
"""
from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

CHECKED_FOLDERS = ("docs", "data", "overrides")


def links_out_of_project(root: Path, folders: tuple[str, ...] = CHECKED_FOLDERS) -> list[Problem]:
    """A problem for each link, at any depth under `folders`, whose target lies outside `root`."""
    project = Path(os.path.realpath(root))
    problems: list[Problem] = []
    visited: set[str] = set()
    for name in folders:
        top = root / name
        if top.is_symlink() or top.is_dir():
            _check(top, root, project, problems, visited)
    return problems


def _check(path: Path, root: Path, project: Path, problems: list[Problem], visited: set[str]) -> None:
    """Check `path` and, if it is a folder inside the project, everything in it."""
    real = Path(os.path.realpath(path))
    if path.is_symlink() and not real.is_relative_to(project):
        shown = path.relative_to(root).as_posix()
        problems.append(Problem(shown, 0, "", f"this is a link to {os.readlink(path)} (which is {real}), outside the project folder "
                                              "(expected a real file or folder inside the project: the build would publish what it points to)"))
        return
    if not real.is_dir() or str(real) in visited:
        return
    visited.add(str(real))
    try:
        children = sorted(os.scandir(path), key=lambda entry: entry.name)
    except OSError:
        return  # an unreadable folder: MkDocs reports it itself
    for child in children:
        _check(Path(child.path), root, project, problems, visited)
