"""The writers' preview (scripts/preview.py, run by scripts/serve.sh) in Chromium over http: a mistake answers every
page at once with an error page naming file:line, the page comes back by itself after the fix, the preview starts
with a mistake present, and /es/ is served with the language switch leading there and back.

One preview for the whole module (each start builds both languages): it starts with a mistake present, which the
first test sees and fixes; the others make and mend their own mistakes on the same preview, in turn.
"""
from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import Watch, copy_project, start_serving

TITLE = "The preview cannot show the site yet"
START = 300_000  # ms: this 2-core machine builds both languages at once, next to other work
REBUILD = 180_000  # ms for a rebuild to show in the open tab
AT_ONCE = 2.0  # s: an error page answers a request within this, never waiting for a fix


@dataclass(frozen=True)
class Mistake:
    path: str  # under the project
    good: str  # text in the file, once
    bad: str  # what the writer typed instead
    page: str  # a page to watch (under the preview's address)
    shows: str  # text that page shows when the site builds

    def make(self, project: Path) -> str:
        """Make the mistake; returns the file:line it is at, as the error page must name it."""
        file = project / self.path
        text = file.read_text(encoding="utf-8")
        assert text.count(self.good) == 1, (self.path, self.good)
        broken = text.replace(self.good, self.bad)
        file.write_text(broken, encoding="utf-8")
        return f"{self.path}:{broken[:broken.index(self.bad)].count(chr(10)) + 1}"

    def mend(self, project: Path) -> None:
        file = project / self.path
        file.write_text(file.read_text(encoding="utf-8").replace(self.bad, self.good), encoding="utf-8")


CLINIC = "clinics/harbor-hand-and-upper-limb-center/"
# Present when the preview starts: a misspelled field in a data file.
AT_START = Mistake("data/clinics.yml", "    name: Harbor Hand and Upper Limb Center", "    nme: Harbor Hand and Upper Limb Center",
                   CLINIC, "Harbor Hand and Upper Limb Center")
# Made while it runs: bad YAML (a tab indenting a line), a broken page link, a nav entry to a missing page.
WHILE_RUNNING = [
    Mistake("data/services.yml", "    summary: Care for the hand, wrist, elbow and arm;", "\tsummary: Care for the hand, wrist, elbow and arm;",
            CLINIC, "Harbor Hand and Upper Limb Center"),
    Mistake("docs/what-is-ot.md", "[glossary](glossary.md)", "[glossary](glosary.md)", "what-is-ot/", "What is occupational therapy?"),
    Mistake("mkdocs.yml", "occupational therapy?: what-is-ot.md", "occupational therapy?: what-is-otx.md", "glossary/", "Words we use"),
]
# Only the Spanish build fails: a broken link in a Spanish page.
SPANISH_ONLY = Mistake("docs-es/what-is-ot.md", "(glossary.md)", "(glosario-que-no-existe.md)", "es/what-is-ot/",
                       "¿Qué es la terapia ocupacional?")


@dataclass
class Preview:
    project: Path
    base: str
    log: Path
    process: subprocess.Popen

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except urllib.error.HTTPError:  # an error page is an answer
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    project = copy_project(tmp_path_factory.mktemp("preview") / "project")
    AT_START.make(project)
    port = _free_port()
    log = project.parent / "preview.log"
    with log.open("w") as output:
        process = start_serving([sys.executable, "scripts/preview.py", "-a", f"127.0.0.1:{port}"], project,
                                stdout=output, stderr=subprocess.STDOUT)
    running = Preview(project, f"http://127.0.0.1:{port}/", log, process)
    try:
        deadline = time.monotonic() + START / 1000
        while not _answers(running.base):
            assert process.poll() is None, f"the preview stopped:\n{running.output()}"
            assert time.monotonic() < deadline, f"the preview did not answer:\n{running.output()}"
            time.sleep(0.5)
        yield running
    finally:
        process.terminate()
        process.wait(timeout=30)


def _error_page_at_once(page: Page, url: str, where: str) -> None:
    """A fresh request answers within AT_ONCE seconds with the error page naming `where` (file:line)."""
    start = time.monotonic()
    response = page.goto(url, wait_until="domcontentloaded")
    elapsed = time.monotonic() - start
    assert response is not None and elapsed < AT_ONCE, f"{url} took {elapsed:.1f} s"
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator(".ot-preview-problems")).to_contain_text(where)


def _fixed(preview: Preview, page: Page, mistake: Mistake) -> None:
    """Mend `mistake`; the open error page comes back to the page by itself (no navigation here: live reload)."""
    mistake.mend(preview.project)
    expect(page.locator("h1").first).to_contain_text(mistake.shows, timeout=REBUILD)


def test_the_preview_starts_with_a_mistake_present_and_shows_the_page_once_it_is_fixed(preview: Preview, page: Page) -> None:
    if AT_START.bad not in (preview.project / AT_START.path).read_text(encoding="utf-8"):
        pytest.fail("the mistake the preview started with was mended before this test")
    text = (preview.project / AT_START.path).read_text(encoding="utf-8")
    where = f"{AT_START.path}:{text[:text.index(AT_START.bad)].count(chr(10)) + 1}"
    watch = Watch(preview.base.rstrip("/"))
    watch.attach(page)
    page.set_viewport_size({"width": 375, "height": 740})  # a phone
    _error_page_at_once(page, preview.base + AT_START.page, where)
    # In the site's own look, readable on a phone, with nothing fetched from elsewhere
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(48, 63, 159)"  # ot.css's indigo
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.ot-preview-message')).fontSize)") >= 16
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page is wider than the phone"
    expect(page.locator(".ot-preview-problems pre").first).to_contain_text("^")  # the line, with a marker under the spot
    assert not watch.foreign, watch.foreign
    _fixed(preview, page, AT_START)
    assert page.url == preview.base + AT_START.page
    assert page.evaluate("getComputedStyle(document.querySelector('header')).backgroundColor") == "rgb(48, 63, 159)", \
        "the error page's header has the colour of the site's"


def _mended_at_start(preview: Preview, page: Page) -> None:
    """The other tests begin from a site that builds, whether or not the first test ran."""
    if AT_START.bad in (preview.project / AT_START.path).read_text(encoding="utf-8"):
        page.goto(preview.base + AT_START.page)
        _fixed(preview, page, AT_START)


@pytest.mark.parametrize("mistake", WHILE_RUNNING, ids=["bad-yaml", "page-link", "nav-entry"])
def test_a_mistake_answers_every_page_at_once_with_the_error_page_until_it_is_fixed(preview: Preview, page: Page,
                                                                                     mistake: Mistake) -> None:
    _mended_at_start(preview, page)
    page.goto(preview.base + mistake.page)
    expect(page.locator("h1").first).to_contain_text(mistake.shows)
    where = mistake.make(preview.project)
    try:
        expect(page.locator("h1")).to_have_text(TITLE, timeout=REBUILD)  # the open page reloads to the error page
        other = page.context.new_page()
        _error_page_at_once(other, preview.base + "about/", where)  # and so does any other page of the site, at once
        _error_page_at_once(other, preview.base + mistake.page, where)
    finally:
        mistake.mend(preview.project)
    expect(other.locator("h1").first).to_contain_text(mistake.shows, timeout=REBUILD)


def test_spanish_is_served_at_es_and_the_language_switch_leads_there_and_back(preview: Preview, page: Page) -> None:
    _mended_at_start(preview, page)
    page.goto(preview.base + "what-is-ot/")
    spanish = page.locator('header a[hreflang="es"]').first.evaluate("link => link.href")
    assert spanish == preview.base + "es/what-is-ot/"
    response = page.goto(spanish)
    assert response is not None and response.ok
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.locator("h1").first).to_contain_text(SPANISH_ONLY.shows)
    english = page.locator('header a[hreflang="en"]').first.evaluate("link => link.href")
    assert english == preview.base + "what-is-ot/"


def test_a_mistake_in_a_spanish_page_shows_the_error_page_under_es_only(preview: Preview, page: Page) -> None:
    _mended_at_start(preview, page)
    page.goto(preview.base + SPANISH_ONLY.page)
    expect(page.locator("h1").first).to_contain_text(SPANISH_ONLY.shows)
    where = SPANISH_ONLY.make(preview.project)
    try:
        expect(page.locator("h1")).to_have_text(TITLE, timeout=REBUILD)  # docs-es/ is watched
        expect(page.locator(".ot-preview-problems")).to_contain_text(where)
        english = page.context.new_page()
        english.goto(preview.base + "what-is-ot/")
        expect(english.locator("h1").first).to_contain_text("What is occupational therapy?")  # English is still served
    finally:
        SPANISH_ONLY.mend(preview.project)
    expect(page.locator("h1").first).to_contain_text(SPANISH_ONLY.shows, timeout=REBUILD)


def test_the_terminal_lists_the_same_problems_and_no_traceback(preview: Preview) -> None:
    printed = preview.output()
    assert re.search(rf"{re.escape(AT_START.path)}:\d+: clinics\[0\]\.nme: unknown field", printed), printed[-3000:]
    assert "Traceback" not in printed and "Warning" not in printed, printed[-3000:]
