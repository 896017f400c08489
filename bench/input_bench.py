"""Is every check linear in the data's size? Times at N and 2N, and their ratio
(about 2 means linear, about 4 quadratic), in a temporary copy of the project:

- glossary terms (default N = 20,000, half of them abbreviations): loading and
  checking the data, rendering the glossary page's Markdown, and Python-Markdown
  turning that page into HTML with the site's extensions and the hover
  abbreviations, as the build does;
- clinics (default N = 10,000): loading and checking, and rendering every page.

Times are CPU seconds. The ZIP code table every clinic is checked against is read
once before timing, so the first size does not pay for it.

Usage: .venv/bin/python bench/input_bench.py [--terms 20000] [--clinics 10000] [--stock-abbr]
"""
from __future__ import annotations

import argparse
import string
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import ROOT, copy_project, write_clinics  # noqa: E402

sys.path.insert(0, str(ROOT / "hooks"))
import markdown  # noqa: E402

from otsite.abbreviations import LinearAbbreviations  # noqa: E402
from otsite.geo import zip_place  # noqa: E402
from otsite.loading import load_site  # noqa: E402
from otsite.markdown_source import default_reader  # noqa: E402
from otsite.model import Site  # noqa: E402
from otsite.rendering import generated_pages, render_template  # noqa: E402


STOCK_ABBR = "--stock-abbr" in sys.argv  # Python-Markdown's own abbr tree processor, as before the fix


def _name(i: int) -> str:
    """A distinct word of capital letters for each i: AAAA, AAAB, ..."""
    letters = ""
    for _ in range(4):
        i, digit = divmod(i, 26)
        letters = string.ascii_uppercase[digit] + letters
    return "Q" + letters


def write_glossary(project: Path, count: int) -> None:
    shipped = yaml.safe_load((project / "data" / "glossary.yml").read_text())["terms"]
    extra = [{"term": _name(i), "abbreviation": True, "stands_for": f"Sample term number {i}",
              "definition": f"A made-up term, number {i}, for measuring the build."} if i % 2 else
             {"term": _name(i), "definition": f"A made-up word, number {i}, for measuring the build."} for i in range(count)]
    (project / "data" / "glossary.yml").write_text(yaml.safe_dump({"terms": shipped + extra}, sort_keys=False, width=200))


def timed(step: Callable[[], object]) -> tuple[float, object]:
    """CPU seconds of `step` (this process's own: a shared machine's load does not count) and its value."""
    start = time.process_time()
    value = step()
    return time.process_time() - start, value


def glossary_steps(project: Path) -> dict[str, float]:
    load, site = timed(lambda: load_site(project))
    assert isinstance(site, Site)
    render, page = timed(lambda: render_template("glossary.md.j2", site=site))
    reader = default_reader(project)
    configs = {**reader.extension_configs, "abbr": {"glossary": site.abbreviations()}}
    body = str(page).split("---\n", 2)[2]
    extensions = [*reader.extensions, *([] if STOCK_ABBR else [LinearAbbreviations()])]
    html, _ = timed(lambda: markdown.Markdown(extensions=extensions, extension_configs=configs).convert(body))
    return {"load and check": load, "render glossary page": render, "Markdown to HTML (glossary page)": html}


def clinic_steps(project: Path) -> dict[str, float]:
    zip_place("92101")  # the ZIP table, read once per process
    load, site = timed(lambda: load_site(project))
    assert isinstance(site, Site)
    render, _ = timed(lambda: generated_pages(site))
    return {"load and check": load, "render all pages": render}


def compare(label: str, count: int, write: Callable[[Path, int], None], steps: Callable[[Path], dict[str, float]]) -> None:
    results = []
    for n in (count, 2 * count):
        with tempfile.TemporaryDirectory() as folder:
            project = copy_project(Path(folder) / "project")
            write(project, n)
            results.append(steps(project))
    print(f"\n{label}: N = {count:,}, 2N = {2 * count:,}")
    print(f"  {'step':<36}{'N (s)':>10}{'2N (s)':>10}{'ratio':>8}")
    for step in results[0]:
        small, large = results[0][step], results[1][step]
        print(f"  {step:<36}{small:>10.2f}{large:>10.2f}{large / max(small, 1e-9):>8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--terms", type=int, default=20_000)
    parser.add_argument("--clinics", type=int, default=10_000)
    parser.add_argument("--stock-abbr", action="store_true", help="time Python-Markdown's own abbr (quadratic) instead of ours")
    options = parser.parse_args()
    compare("Glossary terms", options.terms, write_glossary, glossary_steps)
    compare("Clinics", options.clinics, write_clinics, clinic_steps)


if __name__ == "__main__":
    main()
