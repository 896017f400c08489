"""List every Spanish page's translation state (current, stale, missing, orphan, untracked), or update one hash.

    .venv/bin/python scripts/translation_status.py                       # the table, then what to do
    .venv/bin/python scripts/translation_status.py --changes docs-es/about.md
        # what changed in the English page since it was translated (git diff from the translated version)
    .venv/bin/python scripts/translation_status.py --update-hash docs-es/about.md
        # after bringing the translation up to date: record the English page's hash now

Exits 1 when a Spanish page names no or the wrong English page, and, with
OT_FAIL_STALE_TRANSLATIONS=1, when a translation is stale.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.translation import (  # noqa: E402 - after the path is set
    FAIL_STALE_SETTING, STALE, TranslationState, fail_stale_translations, translation_problems, translation_status,
    update_hash)


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--update-hash", metavar="PAGE", help="record the English page's hash now in PAGE (docs-es/...)")
    group.add_argument("--changes", metavar="PAGE", help="show what changed in PAGE's English page since it was translated")
    args = parser.parse_args(argv)
    if args.update_hash:
        return _update(root, args.update_hash)
    if args.changes:
        return _changes(root, args.changes)
    return _table(root)


def _table(root: Path) -> int:
    states = translation_status(root)
    print(f"{'state':9}  {'review':8}  {'Spanish page':48}  English page")
    for state in states:
        print(f"{state.state:9}  {state.status or '-':8}  {state.page:48}  {state.source}")
    counts = Counter(state.state for state in states)
    print("\n" + ", ".join(f"{count} {name}" for name, count in sorted(counts.items())))
    problems, stale = translation_problems(root)
    for problem in problems + stale:
        print(problem, file=sys.stderr)
    failing = bool(problems) or (bool(stale) and fail_stale_translations({}, os.environ))
    if stale and not failing:
        print(f"{len(stale)} stale translation(s) are reminders; {FAIL_STALE_SETTING}=1 makes them errors.", file=sys.stderr)
    return 1 if failing else 0


def _update(root: Path, page: str) -> int:
    try:
        old, new = update_hash(root, page.removeprefix("./"))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"{page}: translation.source_sha256 {old} -> {new}" if old != new else f"{page}: already current ({new})")
    return 0


def _changes(root: Path, page: str) -> int:
    """git diff of the English page from the committed version whose hash the translation records."""
    state = next((s for s in translation_status(root) if s.page == page.removeprefix("./")), None)
    if state is None or state.state != STALE:
        print(f"{page}: {'no such Spanish page' if state is None else state.state} (expected a stale translation)",
              file=sys.stderr)
        return 1
    commit = _commit_with_hash(root, state)
    if commit is None:
        print(f"{state.source}: no committed version has the hash {state.recorded} (compare the pages by eye)", file=sys.stderr)
        return 1
    return subprocess.run(["git", "diff", commit, "--", state.source], cwd=root).returncode


def _commit_with_hash(root: Path, state: TranslationState) -> str | None:
    log = subprocess.run(["git", "log", "--format=%H", "--", state.source], cwd=root, capture_output=True, text=True)
    for commit in log.stdout.split():
        shown = subprocess.run(["git", "show", f"{commit}:{state.source}"], cwd=root, capture_output=True)
        if shown.returncode == 0 and hashlib.sha256(shown.stdout).hexdigest() == state.recorded:
            return commit
    return None


if __name__ == "__main__":
    sys.exit(main())
