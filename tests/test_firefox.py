"""The browser checks that matter most, again in Debian's Firefox ESR (not only
Chromium): search over file:// in the offline copy and over http, the emergency
notice above search results, the clinic finder, and pages with no console error,
no page error, no request to another host and no `[hidden]` element displayed. Node scripts in tests/firefox/
drive Firefox over WebDriver BiDi with puppeteer-core (pinned in
package-lock.json; it never downloads a browser) and print their findings as
JSON; the assertions are here."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
import zipcodes
from bs4 import BeautifulSoup

from conftest import ROOT
from otsite.emergencies import page_url
from test_browser_finder import CLINICS, expected_order
from test_reading_comfort import HELPERS, MIN_CONTRAST

FIREFOX = Path("/usr/bin/firefox-esr")
SCRIPTS = ROOT / "tests" / "firefox"
PAGES = ["index.md", "conditions/carpal-tunnel-syndrome.md", "conditions/stroke.md", "clinics/index.md", "glossary.md"]
ZIP = "92103"  # Hillcrest, San Diego


@pytest.fixture(scope="session")
def firefox() -> Callable[[str, dict], dict]:
    """Firefox, driven by the node scripts: run_script below (a fixture, so tests/tiers.py marks its users `browser`)."""
    assert shutil.which("node"), "Node.js is needed for the Firefox tests"
    assert FIREFOX.is_file(), "Debian's firefox-esr is not installed: run scripts/install-system-packages.sh"
    assert (ROOT / "node_modules" / "puppeteer-core").is_dir(), "puppeteer-core is missing: run `npm ci` (scripts/test.sh does)"
    return run_script


def run_script(name: str, spec: dict, timeout: int = 300) -> dict:
    """Run tests/firefox/`name` with `spec` as its JSON argument; returns the JSON object it prints."""
    result = subprocess.run(["node", str(SCRIPTS / name), json.dumps(spec)], cwd=ROOT, capture_output=True,
                            text=True, timeout=timeout)
    assert result.returncode == 0, f"{name} stopped ({result.returncode}):\n{result.stderr[-4000:]}"
    findings = json.loads(result.stdout.strip().splitlines()[-1])
    assert findings["browser"].startswith("firefox/"), findings["browser"]
    return findings


class Site:
    """One copy of the site as Firefox opens it: the hosted copy over http or the offline copy from disk."""

    def __init__(self, kind: str, root: Path, base: str) -> None:
        self.kind, self.root, self.base = kind, root, base
        self.origin = base.rstrip("/") if kind == "http" else "file://"

    def url(self, path: str) -> str:
        return self.base + page_url(path, directory_urls=self.kind == "http")

    def heading(self, path: str) -> str:
        """The page's h1 as built, read from disk (what Firefox must show)."""
        html = (self.root / page_url(path, directory_urls=self.kind == "http"))
        html = html / "index.html" if self.kind == "http" else html
        h1 = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
        for link in h1.select(".headerlink"):
            link.decompose()
        return " ".join(h1.get_text(" ").split())


@pytest.fixture(scope="module")
def sites(hosted_site: Path, hosted_server: str, offline_site: Path) -> dict[str, Site]:
    return {"http": Site("http", hosted_site, hosted_server), "file": Site("file", offline_site, offline_site.as_uri() + "/")}


def by_origin(runs: list[dict], site: Site) -> list[dict]:
    chosen = [run for run in runs if run["origin"] == site.origin]
    assert chosen, f"no findings for {site.origin}"
    return chosen


def assert_clean(run: dict) -> None:
    """Nothing failed, nothing errored and nothing was requested from another host."""
    where = " ".join(str(run[key]) for key in ("url", "origin", "query", "width") if key in run)
    assert "failed" not in run, f"{where}: {run['failed']}\nshown: {run.get('shown')}"
    assert run["errors"] == [], f"{where}: console or page errors in Firefox: {run['errors']}"
    assert run["foreign"] == [], f"{where}: requests to other hosts in Firefox: {run['foreign']}"


# Search ------------------------------------------------------------------

QUERIES = ["carpal tunnel", "face drooping", "xylophone"]
# Contrast of the help line under an empty search and its links (null if it is not displayed).
HELP_CONTRAST = "(() => {" + HELPERS + """
  const box = document.querySelector('.ot-search-help');
  if (!box || !shown(box)) return null;
  return [box, ...box.querySelectorAll('a')].map(el => { const back = backdrop(el); return back && ratio(over(ink(el), back), back); });
})()"""


@pytest.fixture(scope="module")
def search_runs(sites: dict[str, Site], firefox: Callable[[str, dict], dict]) -> list[dict]:
    spec = {"sites": [{"origin": s.origin, "home": s.url("index.md")} for s in sites.values()],
            "queries": QUERIES, "phone_queries": ["carpal tunnel", "xylophone"], "open_first": "carpal tunnel", "probes": {"xylophone": HELP_CONTRAST}}
    return firefox("search.mjs", spec)["runs"]


def search_run(runs: list[dict], site: Site, query: str, width: int = 1280) -> dict:
    found = [run for run in by_origin(runs, site) if run["query"] == query and run["width"] == width]
    assert len(found) == 1, f"{query!r} at {width} px searched {len(found)} times"
    assert_clean(found[0])
    return found[0]


@pytest.mark.parametrize("kind", ["file", "http"])
@pytest.mark.parametrize("width", [1280, 390])
def test_search_finds_carpal_tunnel(search_runs: list[dict], sites: dict[str, Site], kind: str, width: int) -> None:
    site = sites[kind]
    run = search_run(search_runs, site, "carpal tunnel", width)
    assert re.fullmatch(r"\d+ results?", run["meta"]), run["meta"]
    target = site.url("conditions/carpal-tunnel-syndrome.md")
    assert run["results"] and run["results"][0].split("?")[0] == target, run["results"]
    assert not run["notice"]["shown"] and run["notice"]["text"] == ""


@pytest.mark.parametrize("kind", ["file", "http"])
def test_first_search_result_opens_its_page(search_runs: list[dict], sites: dict[str, Site], kind: str) -> None:
    site = sites[kind]
    followed = search_run(search_runs, site, "carpal tunnel")["followed"]
    assert followed["url"].split("?")[0] == site.url("conditions/carpal-tunnel-syndrome.md")
    assert followed["heading"] == site.heading("conditions/carpal-tunnel-syndrome.md") == "Carpal tunnel syndrome"


@pytest.mark.parametrize("kind", ["file", "http"])
def test_search_for_a_stroke_sign_shows_the_emergency_notice(search_runs: list[dict], sites: dict[str, Site],
                                                              kind: str) -> None:
    site = sites[kind]
    run = search_run(search_runs, site, "face drooping")
    notice = run["notice"]
    assert notice["shown"] and notice["role"] == "alert", notice
    assert "911" in notice["text"], notice["text"]
    assert notice["links"] == [site.url("conditions/stroke.md")], notice["links"]
    assert run["results"] and notice["above_results"], "the notice must sit above the results, not over them"


@pytest.mark.parametrize("kind", ["file", "http"])
@pytest.mark.parametrize("width", [1280, 390])
def test_search_with_no_match_says_so_readably(search_runs: list[dict], sites: dict[str, Site], kind: str,
                                               width: int) -> None:
    run = search_run(search_runs, sites[kind], "xylophone", width)
    assert run["meta"] == "No results" and run["results"] == []
    assert not run["notice"]["shown"]
    contrast = run["probe"]
    assert contrast is not None, "the help line under an empty search is not displayed"
    assert len(contrast) == 3 and min(contrast) >= MIN_CONTRAST, f"help line and its two links: {contrast}"


# Clinic finder -------------------------------------------------------------

@pytest.fixture(scope="module")
def finder_runs(sites: dict[str, Site], firefox: Callable[[str, dict], dict]) -> list[dict]:
    spec = {"sites": [{"origin": s.origin, "url": s.url("clinics/index.md")} for s in sites.values()],
            "zip": ZIP, "widths": [1280, 390]}
    return firefox("finder.mjs", spec)["runs"]


@pytest.mark.parametrize("kind", ["file", "http"])
@pytest.mark.parametrize("width", [1280, 390])
def test_finder_sorts_clinics_from_a_zip_code(finder_runs: list[dict], sites: dict[str, Site], kind: str,
                                              width: int) -> None:
    [run] = [r for r in by_origin(finder_runs, sites[kind]) if r["width"] == width]
    assert_clean(run)
    assert re.fullmatch(rf"{len(CLINICS)} clinics, nearest first, from ZIP code {ZIP} \(San Diego, CA\)\.",
                        run["count"]), run["count"]
    place = zipcodes.matching(ZIP)[0]
    expected = expected_order(float(place["lat"]), float(place["long"]))
    assert run["names"] == [name for name, _ in expected]
    shown = [float(text.split()[0]) for text in run["distances"]]
    assert shown == sorted(shown)
    for miles, (_, exact) in zip(shown, expected):
        # Shown to 0.1 mile (whole miles from 10), from ZIP centres the site rounds to 0.001 degree (~0.05 mile).
        assert miles == pytest.approx(exact, abs=0.11 if exact < 10 else 0.6)
    assert run["zip_message"] == ""


@pytest.mark.parametrize("kind", ["file", "http"])
@pytest.mark.parametrize("width", [1280, 390])
def test_finder_takes_the_reader_to_the_results(finder_runs: list[dict], sites: dict[str, Site], kind: str,
                                                width: int) -> None:
    """After "Find clinics" the reader lands on the results heading (it announces the count), in view."""
    [run] = [r for r in by_origin(finder_runs, sites[kind]) if r["width"] == width]
    assert_clean(run)
    assert run["focused"] == "ot-count", f"focus is on {run['focused']!r} after Find clinics"
    assert run["count_in_view"], "the results heading is not in view after Find clinics"


# Pages: no errors, no foreign requests ---------------------------------------

@pytest.fixture(scope="module")
def page_visits(sites: dict[str, Site], firefox: Callable[[str, dict], dict]) -> list[dict]:
    spec = {"sites": [{"origin": s.origin, "pages": [s.url(path) for path in PAGES]} for s in sites.values()]}
    return firefox("pages.mjs", spec)["visits"]


@pytest.mark.parametrize("kind", ["file", "http"])
@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly(page_visits: list[dict], sites: dict[str, Site], kind: str, path: str) -> None:
    """No console or page error, no request to another host, the built heading, no `[hidden]` element displayed."""
    site = sites[kind]
    [visit] = [v for v in by_origin(page_visits, site) if v["url"] == site.url(path)]
    assert_clean(visit)
    assert visit["heading"] == site.heading(path)
    assert visit["shown_hidden"] == [], f"{visit['url']}: elements marked hidden but displayed in Firefox"
    if kind == "http":
        assert visit["status"] == 200
        assert visit["requests"] > 1, "Firefox reported no requests: the request watch is not working"


def test_the_watch_catches_errors_and_foreign_requests(tmp_path: Path, firefox: Callable[[str, dict], dict]) -> None:
    """The same watch, on a page that misbehaves: what it reports is what the other tests rely on."""
    page = tmp_path / "bad.html"
    page.write_text("<!doctype html><title>Bad</title><article><h1>Bad page</h1></article>"
                    '<p hidden style="display: block">Shown anyway</p>'
                    '<img src="https://example.invalid/tracker.png" alt="">'
                    '<script>console.error("logged error"); setTimeout(() => { throw new Error("thrown error"); });</script>',
                    encoding="utf-8")
    [visit] = firefox("pages.mjs", {"sites": [{"origin": "file://", "pages": [page.as_uri()]}]})["visits"]
    assert visit["heading"] == "Bad page"
    assert visit["shown_hidden"] == ['<p hidden="" style="display: block">Shown anyway</p>']
    assert visit["foreign"] == ["https://example.invalid/tracker.png"]
    assert "logged error" in visit["errors"] and any("thrown error" in e for e in visit["errors"]), visit["errors"]
