"""scripts/build.py builds both variants in both languages, zips the offline one
(English and Spanish in one zip, which works from disk once unzipped), and keeps
the last good site when a build fails."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT, copy_project, run_build_script

GUIDE = "ot-guide-offline/guide/"  # the site in the zip, beside the page to open first (tests/test_offline_zip.py)


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A project copy after one run of scripts/build.py, and all that run printed."""
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    result = run_build_script(project)
    assert result.returncode == 0, result.stderr
    return project, result.stdout + result.stderr


@pytest.fixture(scope="module")
def built(first_build: tuple[Path, str]) -> Path:
    return first_build[0]


def test_a_clean_build_prints_no_traceback_or_warning(first_build: tuple[Path, str]) -> None:
    """CONTRIBUTING tells writers a traceback means "ask a developer": a clean build prints none, nor a warning."""
    printed = first_build[1]
    noisy = [line for line in printed.splitlines() if re.search(r"traceback|warn", line, re.IGNORECASE)]
    assert not noisy, "\n".join(noisy)
    assert "Built site/" in printed  # the run's own output was read


@pytest.fixture(scope="module")
def unzipped(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline zip unpacked elsewhere, as a reader would: the guide's folder in it."""
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(built / "dist" / "ot-guide-offline.zip") as archive:
        archive.extractall(folder)
    return folder / GUIDE


def test_the_zip_holds_both_languages(built: Path) -> None:
    with zipfile.ZipFile(built / "dist" / "ot-guide-offline.zip") as archive:
        names = set(archive.namelist())
    for language in ("", "es/"):
        for name in ("index.html", "conditions/stroke.html", "clinics/index.html", "glossary.html", "search/search_index.js",
                     "assets/javascripts/finder-data.js"):
            assert f"{GUIDE}{language}{name}" in names, f"{language}{name}"
    assert not [name for name in names if name.endswith(("sw.js", "offline-manifest.json"))], "the zip has no service worker"
    # One service worker, at the site's root, saves every language (ARCHITECTURE.md, "Saving the guide on a phone").
    assert (built / "site" / "sw.js").is_file() and not (built / "site" / "es" / "sw.js").exists()
    assert (built / "site" / "es" / "offline-manifest.json").is_file() and (built / "site" / "es" / "conditions" / "stroke" / "index.html").is_file()


def test_from_the_unzipped_copy_the_switch_spanish_search_and_finder_work(page: Page, unzipped: Path) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto((unzipped / "conditions" / "stroke.html").as_uri())
    page.locator(".md-header a[hreflang=es]").click()  # the header's visible language link
    page.wait_for_load_state("load")
    assert page.url == (unzipped / "es" / "conditions" / "stroke.html").as_uri()
    assert page.locator("html").get_attribute("lang") == "es"

    page.locator("input.md-search__input").click()  # Spanish search, from the Spanish index inlined in the page
    expect(page.locator(".md-search-result__meta")).not_to_have_text(re.compile("Initializing|Inicializando"), timeout=20_000)
    page.keyboard.type("derrame cerebral")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Derrame cerebral", timeout=20_000)
    assert page.locator(".md-search-result__item").first.locator("a").first.get_attribute("href").startswith(
        (unzipped / "es").as_uri() + "/conditions/stroke.html")

    page.goto((unzipped / "es" / "clinics" / "index.html").as_uri())  # the Spanish finder, one ZIP search
    assert page.locator("html").get_attribute("lang") == "es"
    page.fill("#ot-zip", "92025")
    page.click("button[type=submit]")
    expect(page.locator("#ot-results .ot-result__distance").first).to_be_visible()
    expect(page.locator("#ot-count")).to_contain_text("92025")
    assert page.locator("#ot-results .ot-result__distance").count() >= 10
    assert errors == []


def test_build_writes_both_variants_and_the_zip_then_survives_a_bad_edit(built: Path) -> None:
    project = built
    assert (project / "site" / "conditions" / "stroke" / "index.html").is_file()
    assert (project / "site-offline" / "conditions" / "stroke.html").is_file()
    with zipfile.ZipFile(project / "dist" / "ot-guide-offline.zip") as archive:
        assert f"{GUIDE}index.html" in archive.namelist()
        assert f"{GUIDE}search/search_index.js" in archive.namelist()

    stroke = (project / "site" / "conditions" / "stroke" / "index.html").read_text()
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text().replace("](what-to-expect.md)", "](no-such-page.md)"))
    result = run_build_script(project)
    assert result.returncode != 0
    assert "were left as they were" in result.stderr
    assert (project / "site" / "conditions" / "stroke" / "index.html").read_text() == stroke
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "a scratch folder was left behind"
