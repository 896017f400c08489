"""What the sanitizer changes: build the site with it off and on, list every difference.

Builds this project twice into temporary folders, once with the hook's
OTSITE_UNSAFE_NO_SANITIZER set (not --strict: the hook warns that build must
never be published), once as usual, then compares every file. HTML pages are
compared after normalizing (tags with sorted attributes, decoded text with
runs of white space joined, one token a line), so only changes a reader or a
script could notice are listed; the search index is compared entry by entry.

Usage: .venv/bin/python scripts/compare_builds.py [--config mkdocs.yml] [--context 0]
Exit status 1 if anything differs.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OFF = "OTSITE_UNSAFE_NO_SANITIZER"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Tokens(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = " ".join(f'{name}="{_attribute(name, value)}"' for name, value in sorted(attrs))
        self.lines.append(f"<{tag}{' ' + shown if shown else ''}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID:
            self.lines.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.lines.append(text)


def _attribute(name: str, value: str | None) -> str:
    value = value or ""
    if name == "style":  # "text-align: left;" and "text-align:left" are the same rule
        value = ";".join(part.replace(" ", "") for part in value.split(";") if part.strip())
    return " ".join(value.split())


def normalized(html: str) -> list[str]:
    parser = _Tokens()
    parser.feed(html)
    parser.close()
    return parser.lines


def build(site: Path, config: str, sanitize: bool) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}
    env.pop(OFF, None)
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(ROOT / config), "-d", str(site)]
    if sanitize:
        command.insert(4, "--strict")
    else:
        env[OFF] = "1"
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def differences(before: Path, after: Path, context: int) -> tuple[dict[str, list[str]], int]:
    """({path: diff lines} for every file that differs between two builds, how many differ only in bytes)."""
    paths = sorted({p.relative_to(before) for p in before.rglob("*") if p.is_file()}
                   | {p.relative_to(after) for p in after.rglob("*") if p.is_file()})
    found: dict[str, list[str]] = {}
    serialization_only = 0
    for path in paths:
        old, new = before / path, after / path
        if not old.exists() or not new.exists():
            found[str(path)] = ["only in the build " + ("with" if new.exists() else "without") + " the sanitizer"]
        elif old.read_bytes() != new.read_bytes():
            lines = _diff(path, old, new, context)
            if lines:
                found[str(path)] = lines
            else:
                serialization_only += 1
    return found, serialization_only


def _diff(path: Path, old: Path, new: Path, context: int) -> list[str]:
    if path.suffix == ".html":
        a, b = normalized(old.read_text(encoding="utf-8")), normalized(new.read_text(encoding="utf-8"))
    elif path.name == "search_index.json":
        a, b = (_index_lines(p) for p in (old, new))
    elif path.suffix in (".js", ".json", ".xml", ".txt", ".css"):
        a, b = old.read_text(encoding="utf-8").splitlines(), new.read_text(encoding="utf-8").splitlines()
    else:
        return ["binary files differ"]
    return [line for line in difflib.unified_diff(a, b, lineterm="", n=context) if not line.startswith(("---", "+++"))]


def _index_lines(path: Path) -> list[str]:
    return [json.dumps(doc, sort_keys=True, ensure_ascii=False) for doc in json.loads(path.read_text())["docs"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("--context", type=int, default=0, help="lines of context around each change")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ot-compare-") as scratch:
        before, after = Path(scratch, "without"), Path(scratch, "with")
        build(before, args.config, sanitize=False)
        build(after, args.config, sanitize=True)
        found, serialization_only = differences(before, after, args.context)
    for path, lines in found.items():
        print(f"== {path}")
        print("\n".join(lines))
    print(f"{serialization_only} file(s) differ only in how the same HTML is written (attribute quoting, entities)")
    print(f"{len(found)} file(s) differ between the builds without and with the sanitizer")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
