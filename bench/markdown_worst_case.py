"""Does every page of up to 1 MB build or get refused within seconds? Python-Markdown is
superlinear on some inline input (issue 21); hooks/otsite/markdown_bounds.py refuses what would
take too long. For each pathological pattern and size, the CPU seconds of what the build does
with a writer's page before MkDocs renders it (read it, check its bounds, then, if it fits, read
it as Markdown with the site's extensions and check its HTML: page_checks.check_page), and the
ratio to a plain-prose page of the same size measured in the same run.

WORST_CASES is shared with tests/test_hostile_input.py (one generator of worst-case inputs).

Usage: .venv/bin/python bench/markdown_worst_case.py [--sizes 10000,100000,1000000] [--only open-brackets,...]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.markdown_source import default_reader  # noqa: E402 - after the path is set
from otsite.page_checks import check_page  # noqa: E402


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def _prose(size: int) -> str:
    """Plain paragraphs of about 500 characters: the baseline."""
    sentence = "Occupational therapy helps people do the everyday things they need and want to do. "
    paragraph = sentence * 6 + "\n\n"
    return (paragraph * (size // len(paragraph) + 1))[:size]


def _nested_list(size: int) -> str:
    lines, depth = [], 0
    while sum(map(len, lines)) < size:
        lines.append("    " * depth + "- item\n")
        depth += 1
    return "".join(lines)[:size]


# name -> body of about `size` characters. The first is the baseline.
WORST_CASES: dict[str, Callable[[int], str]] = {
    "prose": _prose,
    "paragraphs": _repeat("lorem ipsum dolor sit amet.\n\n"),
    "open-brackets": _repeat("["),
    "open-brackets-on-lines": _repeat("[\n"),
    "nested-brackets": lambda size: "[" * (size // 2) + "]" * (size - size // 2),
    "image-openers": _repeat("!["),
    "link-openers": _repeat("[a]("),
    "footnote-openers": _repeat("[^"),
    "tag-openers": _repeat("<a "),
    "div-openers": _repeat("<div "),
    "autolink-openers": _repeat("<http://"),
    "cdata-openers": _repeat("<![CDATA["),
    "email-openers": _repeat("<a@"),
    "emphasis": _repeat("**a* "),
    "underscores": _repeat("__a_ "),
    "backticks": _repeat("a` "),
    "line-breaks": _repeat("a  \n"),
    "links": _repeat("[a](b) "),
    "entities": _repeat("&amp; "),
    "nested-list": _nested_list,
    "nested-quotes": lambda size: ">" * (size - 2) + " x",
}

FRONT_MATTER = "---\ndescription: A page for measuring.\nreview:\n  status: draft\n---\n\n"


def page_seconds(folder: Path, name: str, body: str) -> tuple[float, bool]:
    """CPU seconds of the build's checks of a page holding `body`, and whether it was refused for its bounds."""
    reader = default_reader(ROOT)  # a new one each time: a reader keeps what each body rendered to
    path = folder / f"{name}.md"
    path.write_text(FRONT_MATTER + body, encoding="utf-8")
    start = time.process_time()
    problems, _ = check_page(reader, path, f"docs/{name}.md", date(2026, 12, 7))
    seconds = time.process_time() - start
    return seconds, any("too long to read" in p.message or "nested" in p.message or "bytes long" in p.message for p in problems)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--only", default="", help="comma-separated case names (the prose baseline always runs)")
    options = parser.parse_args()
    sizes = [int(size) for size in options.sizes.split(",")]
    names = [*(name for name in WORST_CASES if name != "prose" and (not options.only or name in options.only.split(",")))]
    print(f"CPU seconds of a page's checks (Markdown included when it fits); x = ratio to prose of the same size; R = refused\n")
    print(f"{'case':<24}" + "".join(f"{size:>22,}" for size in sizes))
    with tempfile.TemporaryDirectory() as folder:
        page_seconds(Path(folder), "warm-up", _prose(1000))  # the first read imports Markdown's extensions: not timed below
        baseline = {size: page_seconds(Path(folder), "prose", _prose(size))[0] for size in sizes}
        print(f"{'prose (baseline)':<24}" + "".join(f"{f'{baseline[size]:8.3f} s          ':>22}" for size in sizes), flush=True)
        for name in names:
            cells = []
            for size in sizes:
                seconds, refused = page_seconds(Path(folder), name, WORST_CASES[name](size))
                cells.append(f"{seconds:8.3f} s {seconds / max(baseline[size], 1e-6):7.1f}x {'R' if refused else ' '}")
            print(f"{name:<24}" + "".join(f"{cell:>22}" for cell in cells), flush=True)


if __name__ == "__main__":
    main()
