"""'Save this guide for offline reading' on the hosted site (issue 15), in headless Chromium
over http://127.0.0.1 (a secure context): save, go offline, read, search, use the finder,
open a page that was not saved; publish a new build and see it replace the saved one.
Also: the zip and `mkdocs serve` get no service worker."""
from __future__ import annotations

import functools
import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from conftest import ROOT, _QuietHandler, copy_project, run_build, search_for, start_serving
from save_control_support import open_at_save_control, scroll_to_save_control
from test_live_reload import fetch, free_port, wait_for
from test_quality_gates import axe_violations

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.precache import build_manifest, summary_json  # noqa: E402
from test_browser_finder import miles  # noqa: E402

DAY_ONE = "1795305600"  # 2026-11-22 00:00 UTC, as SOURCE_DATE_EPOCH
DAY_TWO = "1795478400"  # 2026-11-24
# The English-only build saves English alone (tests/test_save_all_languages.py saves every language).
SAVED = re.compile(r"^Saved: English, \d+\.\d MB\. Updated November 22, 2026\.$")


class Served:
    """A project copy whose hosted build is served on a free port; rebuilding replaces what is served.
    With `spanish`, each build also builds the Spanish guide into es/, as scripts/build.py does."""

    def __init__(self, folder: Path, spanish: bool = False) -> None:
        self.spanish = spanish
        self.project = copy_project(folder / "project")
        self.site = folder / "site"
        handler = functools.partial(_QuietHandler, directory=str(self.site))
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def build(self, day: str, env: dict[str, str] | None = None) -> None:
        builds = [("mkdocs.yml", self.site)] + ([("mkdocs-es.yml", self.site / "es")] if self.spanish else [])
        # Served at its own address, as a published site is: its hreflang links lead to this server.
        settings = {"SOURCE_DATE_EPOCH": day, "OT_SITE_URL": self.url, **(env or {})}
        for config, target in builds:  # English first: its build empties the whole folder
            result = run_build(self.project, config, target, env=settings)
            assert result.returncode == 0, result.stderr


def _served(folder: Path, spanish: bool = False) -> Iterator[Served]:
    served = Served(folder, spanish)
    served.build(DAY_ONE)
    yield served
    served.server.shutdown()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One build for the tests that neither rebuild nor change it (each test has a browser context of its own)."""
    yield from _served(tmp_path_factory.mktemp("served"))


@pytest.fixture
def served_anew(tmp_path: Path) -> Iterator[Served]:
    """A build of its own, for a test that rebuilds it or changes its files."""
    yield from _served(tmp_path)


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


def listed_files(site: Path) -> list[tuple[str, str]]:
    """(url, revision) of every file sw.js lists, read from the service worker itself."""
    text = (site / "sw.js").read_text(encoding="utf-8")
    entries = json.loads(re.search(r"^const OT = (.*);$", text, re.MULTILINE).group(1))["files"]  # the one JSON value
    return [(entry["url"], entry["revision"]) for entry in entries]


def on_disk(site: Path, url: str) -> Path:
    path = site / ("" if url == "./" else url)
    return path / "index.html" if url.endswith("/") else path


# Every text the status line shows, in order, as a screen reader would hear it.
RECORD_STATUS = """() => { window.otStatusTexts = [];
  const status = document.querySelector('.ot-save-offline__status');
  new MutationObserver(() => window.otStatusTexts.push(status.textContent)).observe(status, {childList: true, characterData: true, subtree: true}); }"""


def save_guide(page: Page, base: str) -> None:
    """Save the guide with the keyboard alone, as a reader who does not use a mouse would."""
    open_at_save_control(page, base)
    button = page.get_by_role("button", name="Save this guide for offline reading")
    expect(button).to_be_visible()
    page.evaluate(RECORD_STATUS)
    button.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".ot-save-offline__status")).to_have_text(SAVED, timeout=60_000)
    shown = page.evaluate("window.otStatusTexts")
    assert any(re.fullmatch(r"Saving… \d{1,3}%", text) for text in shown), shown


def test_the_list_covers_the_site_and_matches_the_files(served: Served) -> None:
    files = listed_files(served.site)
    urls = {url for url, _ in files}
    assert {"./", "conditions/stroke/", "clinics/", "glossary/", "offline/", "search/search_index.json",
            "assets/javascripts/finder-data.js", "assets/javascripts/finder-zips.js"} <= urls
    assert not [url for url in urls if url.endswith(".map") or url.startswith("assets/vendor/") or url == "sw.js"]
    for url, revision in files:  # each revision is the file's own hash: a changed file gets a new one
        assert hashlib.sha256(on_disk(served.site, url).read_bytes()).hexdigest()[:16] == revision, url
    summary = json.loads((served.site / "offline-manifest.json").read_text(encoding="utf-8"))
    assert summary["bytes"] == sum(on_disk(served.site, url).stat().st_size for url, _ in files)
    assert summary["files"] == len(files) and summary["bytes"] <= 10_000_000
    assert summary["date"] == "2026-11-22"


def test_saved_guide_works_with_no_network(served: Served, context: BrowserContext) -> None:
    errors: list[str] = []
    foreign: list[str] = []
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    context.on("request", lambda request: request.url.startswith(served.url) or foreign.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(served.url)
    page.wait_for_load_state("networkidle")  # the control's script and sizes wait until the reader nears it (issue 23)
    assert not [url for url in requested if "offline-app" in url or "offline-manifest" in url]
    scroll_to_save_control(page)
    size = json.loads((served.site / "offline-manifest.json").read_text(encoding="utf-8"))["bytes"] / 1e6
    expect(page.locator(".ot-save-offline__size")).to_contain_text(f"Save the whole guide for offline reading, in English (about {size:.1f} MB)")
    # Before the reader chooses, no service worker, no cache: nothing more is downloaded.
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
    assert page.evaluate("caches.keys()") == []
    assert not [url for url in requested if url.endswith(("/sw.js", ".prod.js", "/workbox-sw.js"))]
    requested.clear()
    page.goto(served.url + "glossary/")  # a page without the control loads no script for a reader who never saved
    page.wait_for_load_state("networkidle")
    assert requested and not [url for url in requested if "offline-app" in url]
    save_guide(page, served.url)

    context.set_offline(True)
    page.goto(served.url + "conditions/stroke/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Stroke\W*$"))
    expect(page.locator(".ot-review")).to_contain_text("Next review due")  # a saved page still shows its review date

    search_for(page, "carpal tunnel")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Carpal tunnel", timeout=20_000)

    page.goto(served.url + "clinics/")
    page.fill("#ot-zip", "92025")
    page.click("button[type=submit]")
    expect(page.locator("#ot-count")).to_have_text(re.compile(r"^12 clinics, nearest first, from ZIP code 92025"))

    page.goto(served.url + "a-page-that-does-not-exist/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^You are offline\W*$"))
    assert errors == [] and foreign == []


def test_a_new_build_replaces_the_saved_guide(served_anew: Served, context: BrowserContext) -> None:
    page = context.new_page()
    save_guide(page, served_anew.url)
    old = page.evaluate("caches.keys()")
    assert old and all("ot-guide-" in name for name in old)

    page_source = served_anew.project / "docs" / "what-is-ot.md"
    page_source.write_text(page_source.read_text(encoding="utf-8") + "\nThis sentence came with the new build.\n", encoding="utf-8")
    served_anew.build(DAY_TWO)
    page.reload()
    expect(page.locator(".ot-update-notice")).to_have_text(
        "This guide was updated on November 24, 2026. The pages saved on this device now show the new version.", timeout=60_000)
    expect(page.locator(".ot-save-offline__status")).to_have_text(re.compile(r"^Saved: English, \d+\.\d MB\. Updated November 24, 2026\.$"))
    new = page.evaluate("caches.keys()")
    assert new and not set(new) & set(old)
    build = json.loads((served_anew.site / "offline-manifest.json").read_text(encoding="utf-8"))["build"]
    assert all(build in name for name in new)

    # A reader who had no page open when the update finished is told on the next page once.
    page.evaluate("localStorage.clear()")
    page.goto(served_anew.url + "glossary/")
    expect(page.locator(".ot-update-notice")).to_contain_text("This guide was updated on November 24, 2026.")
    page.goto(served_anew.url + "what-is-ot/")
    expect(page.locator("article")).to_contain_text("This sentence came with the new build.")
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_timeout(1000)  # the worker's answer to the page's status question
    expect(page.locator(".ot-update-notice")).to_be_hidden()

    context.set_offline(True)  # the saved copy itself holds the new text
    page.goto(served_anew.url + "what-is-ot/")
    expect(page.locator("article")).to_contain_text("This sentence came with the new build.")


def test_a_failed_save_says_so_and_can_be_tried_again(served_anew: Served, context: BrowserContext) -> None:
    missing = served_anew.site / "assets" / "javascripts" / "finder-data.js"
    kept = missing.read_bytes()
    missing.unlink()  # the server answers 404 for one listed file, as a dropped connection would fail it
    page = context.new_page()
    open_at_save_control(page, served_anew.url)
    button = page.get_by_role("button", name="Save this guide for offline reading")
    button.click()
    expect(page.locator(".ot-save-offline__status")).to_have_text(
        "The guide could not be saved. Check your internet connection and try again.", timeout=60_000)
    expect(button).to_be_enabled()
    missing.write_bytes(kept)
    button.click()
    expect(page.locator(".ot-save-offline__status")).to_have_text(SAVED, timeout=60_000)


def title_of(site: Path, url: str) -> str:
    text = on_disk(site, url).read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)<a class=\"headerlink\"", text, re.DOTALL).group(1))).strip()


def finder_data(site: Path, name: str) -> dict:
    """What one of the finder's data scripts (window.otFinder... = {...};) holds, as the page reads it."""
    text = (site / "assets" / "javascripts" / name).read_text(encoding="utf-8")
    return json.loads(text.split("=", 1)[1].strip().rstrip(";"))


def nearest_clinic_pages(site: Path, code: str) -> list[tuple[str, float]]:
    """(clinic page URL, miles) nearest `code` first, from the finder's own shipped data."""
    lat, lon, _ = finder_data(site, "finder-zips.js")["zips"][code]
    rows = [(f"clinics/{c['slug']}/", miles(lat, lon, c["lat"], c["lon"])) for c in finder_data(site, "finder-data.js")["clinics"]]
    return sorted(rows, key=lambda row: row[1])


def test_clinic_pages_past_the_budget_are_those_nearest_the_readers_zip_code(served_anew: Served, context: BrowserContext) -> None:
    full = build_manifest(served_anew.site, budget=10**12)
    sizes = {e.url: e.size for e in full.entries if re.fullmatch(r"clinics/[^/]+/", e.url)}
    revisions = {e.url: e.revision for e in full.entries}
    assert len(sizes) == 12
    nearest = nearest_clinic_pages(served_anew.site, "92025")
    assert sorted(url for url, _ in nearest) == sorted(sizes)
    budget = full.total_bytes - sum(sizes[url] for url, _ in nearest[3:])  # room for the three nearest clinic pages
    served_anew.build(DAY_ONE, {"OT_SAVE_BUDGET_BYTES": str(budget)})
    summary = json.loads((served_anew.site / "offline-manifest.json").read_text(encoding="utf-8"))
    assert {c["url"]: (c["size"], c["revision"]) for c in summary["clinics"]} == {u: (sizes[u], revisions[u]) for u in sizes}
    assert not [url for url, _ in listed_files(served_anew.site) if url in sizes]  # the reader's choice adds them

    page = context.new_page()
    open_at_save_control(page, served_anew.url)
    expect(page.locator(".ot-save-offline__size")).to_contain_text(
        "There are too many clinic pages to save them all. The clinic finder works for all 12 clinics")
    button = page.get_by_role("button", name="Save this guide for offline reading")
    zip_field = page.get_by_label("Save clinics near:")
    zip_field.fill("9202")
    button.click()
    expect(page.locator(".ot-save-offline__status")).to_have_text("Please type a ZIP code of 5 numbers, like 92101.")
    assert page.evaluate("navigator.serviceWorker.getRegistration().then(r => r === undefined)")
    zip_field.fill("92025")
    button.click()
    far = nearest[2][1]
    within = f"{far:.1f}" if far < 10 else str(round(far))
    expect(page.locator(".ot-save-offline__status")).to_have_text(re.compile(
        r"^Saved: English, \d+\.\d MB\. Updated November 22, 2026\. " +
        re.escape(f"It saves the 3 clinics nearest ZIP 92025 (within {within} miles).") + "$"), timeout=60_000)
    page.goto(served_anew.url + nearest[4][0])  # opened while online: kept though not saved

    context.set_offline(True)
    for url, _ in nearest[:3] + nearest[4:5]:
        page.goto(served_anew.url + url)
        expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(title_of(served_anew.site, url)) + r"\W*$"))
    for url, _ in (nearest[3], nearest[-1]):  # neither saved nor opened: the next nearest and the farthest
        page.goto(served_anew.url + url)
        expect(page.locator("h1")).to_have_text(re.compile(r"^You are offline\W*$"))
    # Its links and styles work at any depth: they lead where they do from offline/.
    assert page.get_by_role("link", name="Home page").evaluate("a => a.href") == served_anew.url
    assert page.locator(".md-header").evaluate("e => getComputedStyle(e).position") == "sticky"


def test_the_control_and_the_notice_are_accessible(served: Served, context: BrowserContext) -> None:
    """axe (A, AA, AAA contrast) before and after saving, and on the update notice; body-size text."""
    page = context.new_page()
    open_at_save_control(page, served.url + "about/")
    expect(page.locator(".ot-save-offline__size")).to_contain_text("Save the whole guide for offline reading, in English (about ")
    assert axe_violations(page) == []
    save_guide(page, served.url)
    page.evaluate("""() => { const notice = document.querySelector('.ot-update-notice');
      notice.textContent = 'This guide was updated on November 24, 2026.'; }""")  # what the worker's message shows
    assert axe_violations(page) == []
    for selector in (".ot-save-offline__size", ".ot-save-offline__status", ".ot-save-offline__button", ".ot-update-notice"):
        size = page.locator(selector).evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 16, (selector, size)


def test_the_offline_zip_has_no_service_worker(offline_site: Path) -> None:
    assert not (offline_site / "sw.js").exists() and not (offline_site / "offline-manifest.json").exists()
    assert not (offline_site / "assets" / "vendor" / "workbox").exists()
    assert not (offline_site / "assets" / "javascripts" / "offline-app.js").exists()
    for page in offline_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "ot-offline-app" not in text and "ot-save-offline" not in text, page


def test_mkdocs_serve_registers_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")]
    server = start_serving(command, project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/", "Read it with no internet", server, seconds=120)
        home = fetch(f"http://127.0.0.1:{port}/") or ""
        assert "ot-offline-app" not in home and "ot-save-offline" not in home and "offline-app.js" not in home
        assert fetch(f"http://127.0.0.1:{port}/sw.js") is None
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_clinic_pages_are_saved_within_the_budget(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, size in [("index.html", 100), ("clinics/index.html", 100), ("assets/a.css", 300)] + \
            [(f"clinics/c{n}/index.html", 200) for n in range(5)]:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(b"x" * size)
    manifest = build_manifest(site, budget=1000)  # 500 for the rest, room for two clinic pages
    assert (manifest.clinic_pages, manifest.saved_clinic_pages) == (5, 2)
    assert sorted(e.url for e in manifest.entries) == ["./", "assets/a.css", "clinics/", "clinics/c0/", "clinics/c1/"]
    assert manifest.total_bytes == 900
    assert build_manifest(site, budget=10_000).saved_clinic_pages == 5
    # Above the budget the page picks clinic pages itself: all are listed with their room, none is fixed.
    summary = json.loads(summary_json(manifest, "2026-11-22"))
    assert summary["room"] == 500 and [c["slug"] for c in summary["clinics"]] == [f"c{n}" for n in range(5)]
    assert all(c["size"] == 200 and len(c["revision"]) == 16 for c in summary["clinics"])
    assert sorted(e.url for e in manifest.fixed_entries) == ["./", "assets/a.css", "clinics/"]
    assert "clinics" not in json.loads(summary_json(build_manifest(site, budget=10_000), "2026-11-22"))
    assert build_manifest(site, budget=1000).build == manifest.build != build_manifest(site, budget=10_000).build


# --- The Spanish guide (issue 14): saved with the English one by the one worker at the site's root (issue 23) ---

def spanish(english: str) -> str:
    """The Spanish text of one of the save control's strings, from the scripts' catalog the build uses."""
    from babel.messages.pofile import read_po
    with (ROOT / "locales" / "es" / "LC_MESSAGES" / "scripts.po").open("rb") as file:
        message = read_po(file).get(english)
    assert message is not None and message.string, f"scripts.po has no Spanish for {english!r}"
    return message.string


def spanish_pattern(english: str, **values: str) -> re.Pattern[str]:
    """A regular expression for the Spanish string with its {placeholders} filled from `values` (else any text)."""
    parts = re.split(r"(\{\w+\})", spanish(english))
    return re.compile("^" + "".join(re.escape(values.get(part[1:-1], "")) or ".+" if part.startswith("{") else re.escape(part)
                                     for part in parts) + "$")


SPANISH_SAVED = "Saved: {languages}, {size}. Updated {date}."
SPANISH_OFFLINE_TITLE = re.compile(r"^No tiene conexión a internet\W*$")  # docs-es/offline.md


@pytest.fixture(scope="module")
def served_both(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """Both languages, one build for the tests that neither rebuild nor change it."""
    yield from _served(tmp_path_factory.mktemp("served-both"), spanish=True)


@pytest.fixture
def served_both_anew(tmp_path: Path) -> Iterator[Served]:
    yield from _served(tmp_path, spanish=True)


def save_spanish_guide(page: Page, base: str) -> None:
    open_at_save_control(page, base + "es/")
    button = page.get_by_role("button", name=spanish("Save this guide for offline reading"))
    expect(button).to_be_visible()
    button.click()
    expect(page.locator(".ot-save-offline__status")).to_have_text(spanish_pattern(SPANISH_SAVED), timeout=60_000)


def scope_of_controller(page: Page) -> str:
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    return page.evaluate("navigator.serviceWorker.controller.scriptURL")


def caches_of(page: Page, scope: str) -> set[str]:
    """The cache names of the guide whose worker has `scope`: Workbox ends each name with it."""
    return {name for name in page.evaluate("caches.keys()") if name.endswith("-" + scope)}


def test_the_spanish_list_is_in_its_manifest_for_the_one_worker(served_both: Served) -> None:
    site = served_both.site
    assert not (site / "es" / "sw.js").exists() and (site / "es" / "offline-manifest.json").is_file()
    assert not (site / "es" / "assets" / "vendor" / "workbox").exists(), "only the root's worker imports Workbox"
    text = (site / "sw.js").read_text(encoding="utf-8")
    assert json.loads(re.search(r"^const OT = (.*);$", text, re.MULTILINE).group(1))["folders"] == ["es/"]
    english = listed_files(site)
    assert not [url for url, _ in english if url.startswith("es/")], "sw.js lists the root's files; es/ lists its own"
    summary = json.loads((site / "es" / "offline-manifest.json").read_text(encoding="utf-8"))
    spanish_files = [(entry["url"], entry["revision"]) for entry in summary["entries"]]
    urls = {url for url, _ in spanish_files}
    assert {"./", "conditions/stroke/", "clinics/", "glossary/", "offline/", "search/search_index.json",
            "assets/javascripts/finder-data.js", "assets/javascripts/finder-zips.js"} <= urls
    for url, revision in spanish_files:
        assert hashlib.sha256(on_disk(site / "es", url).read_bytes()).hexdigest()[:16] == revision, url
    assert summary["bytes"] == sum(on_disk(site / "es", url).stat().st_size for url, _ in spanish_files)
    manifest = json.loads((site / "es" / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["lang"] == "es" and manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["name"] == "Guía de terapia ocupacional" and len(manifest["short_name"]) <= 12


def test_spanish_save_button_and_offline_reading(served_both: Served, context: BrowserContext) -> None:
    errors: list[str] = []
    foreign: list[str] = []
    context.on("request", lambda request: request.url.startswith(served_both.url) or foreign.append(request.url))
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    open_at_save_control(page, served_both.url + "es/")
    expect(page.locator(".ot-save-offline__size")).to_have_text(spanish_pattern(
        "Save the whole guide for offline reading, in {languages} (about {size}). It downloads once; use Wi-Fi if your data plan is small."))
    save_spanish_guide(page, served_both.url)
    registration = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
    assert registration == served_both.url, "one worker, at the site's root, for every language"
    assert scope_of_controller(page) == served_both.url + "sw.js"
    assert caches_of(page, served_both.url)

    context.set_offline(True)
    page.goto(served_both.url + "es/conditions/stroke/")
    assert page.locator("html").get_attribute("lang") == "es"
    expect(page.locator("h1")).to_have_text(re.compile(r"^Derrame cerebral"))
    expect(page.locator(".ot-review")).to_be_visible()
    page.goto(served_both.url + "conditions/stroke/")  # the English pages were saved by the same press
    expect(page.locator("h1")).to_have_text(re.compile(r"^Stroke\W*$"))
    page.goto(served_both.url + "es/una-pagina-que-no-existe/")
    expect(page.locator("h1")).to_have_text(SPANISH_OFFLINE_TITLE)
    assert page.get_by_role("link", name="Página de inicio").evaluate("a => a.href") == served_both.url + "es/"
    assert errors == [] and foreign == []


def test_a_new_build_updates_every_saved_language(served_both_anew: Served, context: BrowserContext) -> None:
    page = context.new_page()
    save_guide_any(page, served_both_anew.url)
    before = caches_of(page, served_both_anew.url)
    assert before

    for folder, sentence in (("docs", "This sentence came with the new build."), ("docs-es", "Esta frase llegó con la nueva versión.")):
        source = served_both_anew.project / folder / "what-is-ot.md"
        source.write_text(source.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    served_both_anew.build(DAY_TWO)

    page.goto(served_both_anew.url)
    expect(page.locator(".ot-update-notice")).to_have_text(
        "This guide was updated on November 24, 2026. The pages saved on this device now show the new version.", timeout=60_000)
    after = caches_of(page, served_both_anew.url)
    assert after and not after & before

    context.set_offline(True)  # the one saved copy holds both languages' new text
    page.goto(served_both_anew.url + "what-is-ot/")
    expect(page.locator("article")).to_contain_text("This sentence came with the new build.")
    page.goto(served_both_anew.url + "es/what-is-ot/")
    expect(page.locator("article")).to_contain_text("Esta frase llegó con la nueva versión.")


def save_guide_any(page: Page, base: str) -> None:
    """Save from the English home, whichever languages the build has."""
    open_at_save_control(page, base)
    page.get_by_role("button", name="Save this guide for offline reading").click()
    expect(page.locator(".ot-save-offline__status")).to_have_text(re.compile(r"^Saved: "), timeout=60_000)
