"""One path policy for every folder the build reads: links, and things that are not files.

MkDocs follows links in its folders and copies what they point at into the site,
so a link in a pull request could publish a file of the machine that builds it
(/etc/passwd), or of the project that is not meant to be public (.git/config,
where CI keeps its token; .env; node_modules). A link is followed only when what
it points at
- exists (a dangling link is named, not a traceback),
- lies inside the project and outside every dot-folder (.git, .venv, .github),
- is not a folder holding the link (the build would read it over and over),
- is kept in git: tracked, and not ignored (node_modules, site/, .env).
Without git (a copy of the project outside any git work tree), "ignored" is read from
the project's .gitignore plus NEVER_LINKED, and untracked cannot be told: a link to
a file that is neither is followed. Pipes and devices are refused: reading one
could hang the build. Folders behind followed links are walked too, each once.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pathspec

from .problems import Problem

CHECKED_FOLDERS = ("docs", "data", "locales", "overrides", "schemas")  # and every docs-<language> folder: default_folders
NEVER_LINKED = ("node_modules/", "__pycache__/", "site/", "site-offline/", "dist/", ".*")  # without git: ignored whatever .gitignore says


@dataclass(frozen=True)
class FoundFile:
    """A file the build would read, reached through real folders or followed links."""

    shown: str  # relative to the project, as the build reaches it: docs/more/x.png
    inside: str  # relative to its top folder (MkDocs's src_uri for a docs folder): more/x.png
    path: Path  # where to read it


@dataclass
class Walk:
    files: list[FoundFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class LinkTargets:
    """What inside the project a link may lead to: files git keeps (or, without git, that .gitignore does not ignore)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.realpath(root))

    @cached_property
    def _tracked(self) -> frozenset[str] | None:
        """Every tracked file and the folders holding them, relative to the project; None when git cannot tell."""
        top = _git(self.root, "rev-parse", "--show-toplevel")
        listed = _git(self.root, "ls-files", "-z") if top and self.root.is_relative_to(os.path.realpath(top.strip())) else None
        if listed is None:
            return None
        files = [name for name in listed.split("\0") if name]
        return frozenset(files) | {parent.as_posix() for name in files for parent in Path(name).parents if parent != Path(".")}

    @cached_property
    def _ignore_file(self) -> pathspec.GitIgnoreSpec:
        gitignore = self.root / ".gitignore"
        lines = gitignore.read_text(encoding="utf-8", errors="replace").splitlines() if gitignore.is_file() else []
        return pathspec.GitIgnoreSpec.from_lines([*NEVER_LINKED, *lines])

    def refusal(self, real: Path) -> str | None:
        """Why a link may not lead to `real` (inside the project), or None."""
        relative = real.relative_to(self.root).as_posix()
        hidden = next((part for part in relative.split("/") if part.startswith(".")), None)
        if hidden:
            return (f"inside the hidden folder {hidden}, which holds tools' settings and secrets "
                    "(expected a link only to the project's own files: put the file itself here)")
        if self._ignored(relative, real.is_dir()):
            return ("a file git ignores: installed tools, build output or local secrets "
                    "(expected a link only to files the project keeps in git: put the file itself here)")
        if self._tracked is not None and relative not in self._tracked:
            return "a file git does not track (expected a link only to files the project keeps in git: put the file itself here)"
        return None

    def _ignored(self, relative: str, is_dir: bool) -> bool:
        shown = relative + "/" if is_dir else relative
        if self._tracked is None:
            return self._ignore_file.match_file(shown)
        # --no-index: ignored even if someone forced it into git (git add -f node_modules/...)
        return _git(self.root, "check-ignore", "--no-index", "-q", shown) is not None


def _git(root: Path, *args: str) -> str | None:
    """git's output, or None when git is missing, fails, or (check-ignore) says no."""
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None


def default_folders(root: Path) -> tuple[str, ...]:
    """The folders a build reads when no configuration says more: CHECKED_FOLDERS and each language's docs-<code>."""
    return (*CHECKED_FOLDERS, *sorted(path.name for path in root.glob("docs-*") if path.is_dir()))


def links_out_of_project(root: Path, folders: tuple[str, ...] | None = None) -> list[Problem]:
    """A problem for each link, at any depth under `folders`, that the build may not follow (see the module's comment)."""
    targets = LinkTargets(root)
    return [problem for name in (folders or default_folders(root)) for problem in walk(root, name, targets).problems]


def walk(root: Path, folder: str, targets: LinkTargets) -> Walk:
    """Every file the build would read under root/folder, and a problem for each link or special file it may not read."""
    found = Walk()
    top = root / folder
    if top.is_symlink() or top.is_dir():
        _visit(top, root, top, targets, found, set())
    return found


def _visit(path: Path, root: Path, top: Path, targets: LinkTargets, found: Walk, visited: set[str]) -> None:
    real = Path(os.path.realpath(path))
    if path.is_symlink():
        why = _link_refusal(path, real, targets)
        if why:
            found.problems.append(Problem(path.relative_to(root).as_posix(), 0, "", why))
            return
    if real.is_dir():
        if str(real) not in visited:
            visited.add(str(real))
            for child in _children(path):
                _visit(child, root, top, targets, found, visited)
    elif real.is_file():
        found.files.append(FoundFile(path.relative_to(root).as_posix(), path.relative_to(top).as_posix(), path))
    else:
        found.problems.append(Problem(path.relative_to(root).as_posix(), 0, "", "this is not a file or folder but a pipe, socket or device, "
                                      "which the build could hang reading (expected a file: delete this)"))


def _link_refusal(path: Path, real: Path, targets: LinkTargets) -> str | None:
    target = os.readlink(path)
    if not real.is_relative_to(targets.root):
        return (f"this is a link to {target} (which is {real}), outside the project folder "
                "(expected a real file or folder inside the project: the build would publish what it points to)")
    if not real.exists():
        return f"this is a link to {target}, which does not exist (expected a real file or folder: delete the link, or put the file itself here)"
    if real.is_dir() and Path(os.path.realpath(path.parent)).is_relative_to(real):
        return (f"this is a link to {target}, a folder that holds this link, so the build would read it over and over "
                "(expected a link to another folder, or a real folder)")
    why = targets.refusal(real)
    return f"this is a link to {target} (which is {real.relative_to(targets.root).as_posix()}), {why}" if why else None


def _children(folder: Path) -> list[Path]:
    try:
        return [Path(entry.path) for entry in sorted(os.scandir(folder), key=lambda entry: entry.name)]
    except OSError:
        return []  # an unreadable folder: MkDocs reports it itself
