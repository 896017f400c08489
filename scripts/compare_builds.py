"""What the sanitizer changes, or what the engine changes: build the site twice, list every difference.

By default, builds this project twice into temporary folders, once with the hook's
OTSITE_UNSAFE_NO_SANITIZER set (not --strict: the hook warns that build must
never be published), once as usual, then compares every file. HTML pages are
compared after normalizing (tags with sorted attributes, decoded text with
runs of white space joined, one token a line), so only changes a reader or a
script could notice are listed; the search index is compared entry by entry.

With --engines, builds it with MkDocs and with ProperDocs (scripts/build.py's OT_ENGINE) and
compares the files byte for byte, allowing only what names the engine: the generator tag, and
the precache lists' revisions of the files that differ only by it (with the build id and byte
count summed from them). tests/test_engines.py runs the same comparison on all four configurations.

Usage: .venv/bin/python scripts/compare_builds.py [--config mkdocs.yml] [--context 0] [--engines]
Exit status 1 if anything differs.
"""
from __future__ import annotations

import argparse
import difflib
import json
import os
import re
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


def build(site: Path, config: str, sanitize: bool, engine: str = "mkdocs") -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CI": ""}
    env.pop(OFF, None)
    command = [sys.executable, "-m", engine, "build", "-q", "-f", str(ROOT / config), "-d", str(site)]
    if sanitize:
        command.insert(4, "--strict")
    else:
        env[OFF] = "1"
    subprocess.run(command, cwd=ROOT, env=env, check=True)


def differences(before: Path, after: Path, context: int) -> tuple[dict[str, list[str]], int]:
    """({path: diff lines} for every file that differs between two builds, how many differ only in bytes)."""
    found: dict[str, list[str]] = {}
    serialization_only = 0
    for path in _all_files(before, after):
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


def _all_files(*sites: Path) -> list[Path]:
    return sorted({p.relative_to(site) for site in sites for p in site.rglob("*") if p.is_file()})


# --- Two engines: only what names the engine may differ ---------------------------------------------

ENGINE_MASK = "(engine)"
GENERATOR = re.compile(r'(<meta name="generator" content=")[^"]*(")')
PRECACHE_LISTS = ("offline-manifest.json", "sw.js")  # otsite/precache.py: each saved file with a hash of its bytes
PRECACHE_ENTRY = re.compile(r'("url":\s*"([^"]*)",\s*"revision":\s*")([0-9a-f]+)(")')
PRECACHE_SUMS = re.compile(r'("(?:build|bytes)":\s*)("[0-9a-f]+"|[0-9]+)')  # summed from every entry


def engine_differences(first: Path, second: Path, context: int = 2) -> dict[str, list[str]]:
    """{path: diff lines} for every file of two builds of the same sources by two engines that differs
    in anything but the generator tag and the precache revisions (and their sums) that tag changes."""
    found: dict[str, list[str]] = {}
    tag_only: set[Path] = set()
    paths = _all_files(first, second)
    for path in paths:
        a, b = first / path, second / path
        if not a.exists() or not b.exists():
            found[str(path)] = [f"only in {(first if a.exists() else second).name}"]
        elif path.name not in PRECACHE_LISTS and a.read_bytes() != b.read_bytes():
            if _without_generator(a) == _without_generator(b):
                tag_only.add(path)
            else:
                found[str(path)] = _readable_diff(path, a, b, context)
    for path in paths:
        a, b = first / path, second / path
        if path.name in PRECACHE_LISTS and a.exists() and b.exists() and a.read_bytes() != b.read_bytes():
            old, new = (_masked_precache(p.read_text(encoding="utf-8"), path.parent, tag_only) for p in (a, b))
            if old != new:
                found[str(path)] = _line_diff(old.splitlines(), new.splitlines(), context)
    return found


def _without_generator(path: Path) -> bytes:
    if path.suffix != ".html":
        return path.read_bytes()
    return GENERATOR.sub(rf"\g<1>{ENGINE_MASK}\g<2>", path.read_text(encoding="utf-8")).encode()


def _masked_precache(text: str, folder: Path, tag_only: set[Path]) -> str:
    """A precache list with the revisions of files that differ only by the generator tag masked, and then its sums."""
    masked = False

    def entry(match: re.Match[str]) -> str:
        nonlocal masked
        if folder / _saved_file(match[2]) not in tag_only:
            return match[0]
        masked = True
        return f"{match[1]}{ENGINE_MASK}{match[4]}"

    text = PRECACHE_ENTRY.sub(entry, text)
    # one JSON entry a line, so a diff names the entry; the sums are masked only when an entry was
    text = re.sub(r"\},\s*\{", "},\n{", text)
    return PRECACHE_SUMS.sub(rf"\g<1>{ENGINE_MASK}", text) if masked else text


def _saved_file(url: str) -> str:
    """The file a precache URL serves: a folder's index.html (clean URLs), else the file itself."""
    url = url.removeprefix("./")
    return f"{url}index.html" if url == "" or url.endswith("/") else url


def _readable_diff(path: Path, old: Path, new: Path, context: int) -> list[str]:
    """The normalized diff where it shows the change, else the lines themselves."""
    lines = _diff(path, old, new, context)
    if lines and lines != ["binary files differ"]:
        return lines
    try:
        return _line_diff(old.read_text(encoding="utf-8").splitlines(), new.read_text(encoding="utf-8").splitlines(), context)
    except UnicodeDecodeError:
        return ["binary files differ"]


def _line_diff(a: list[str], b: list[str], context: int, width: int = 300) -> list[str]:
    return [line if len(line) <= width else line[:width] + " ..."
            for line in difflib.unified_diff(a, b, lineterm="", n=context) if not line.startswith(("---", "+++"))]


def report(found: dict[str, list[str]], files: int = 5, lines: int = 40) -> str:
    """The first `files` differing files, each with its first `lines` diff lines."""
    parts = [f"{len(found)} file(s) differ:"]
    for path, diff in list(found.items())[:files]:
        more = [f"... {len(diff) - lines} more line(s)"] if len(diff) > lines else []
        parts.append("\n".join([f"== {path}", *diff[:lines], *more]))
    if len(found) > files:
        parts.append(f"... and {len(found) - files} more file(s): {', '.join(list(found)[files:files + 20])}")
    return "\n".join(parts)


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
    parser.add_argument("--engines", action="store_true", help="compare MkDocs's build with ProperDocs's")
    args = parser.parse_args()
    if args.engines:
        return compare_engines(args.config, args.context)
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


def compare_engines(config: str, context: int) -> int:
    with tempfile.TemporaryDirectory(prefix="ot-compare-") as scratch:
        sites = [Path(scratch, engine) for engine in ("mkdocs", "properdocs")]
        for site in sites:
            build(site, config, sanitize=True, engine=site.name)
        found = engine_differences(*sites, context=max(context, 2))
    print(report(found) if found else f"{config}: MkDocs and ProperDocs built the same site, apart from the generator tag")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
