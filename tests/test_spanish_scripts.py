"""The browser scripts speak the page's language (issue 14), in headless Chromium over
http (hosted copy) and file:// (offline copy): the clinic finder's sentences, distances,
"open now", labels and messages; the emergency notice above search results (typed
with or without accents); the offline save control's texts and dates. The Spanish
edition is the one under es/ of the hosted_site and offline_site fixtures; the English
pages keep their English (tests/test_browser_finder.py covers them in full)."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
import zipcodes
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from conftest import ROOT, Watch, load_data, search_for
from save_control_support import open_at_save_control
from test_browser_finder import CLINICS, PACIFIC, distances, expected_order, is_open, names, search_zip

SCRIPTS_PO = ROOT / "locales" / "es" / "LC_MESSAGES" / "scripts.po"
SIGNS = load_data("emergency_signs")["emergencies"]
SATURDAY_1130AM = datetime(2026, 12, 5, 11, 30, tzinfo=PACIFIC)  # some clinics open, some closed


def english_fragments() -> set[str]:
    """The English words of every scripts.po msgid, cut at its {placeholders}: the pieces
    of two words or more, which a Spanish page's interface must never show."""
    with SCRIPTS_PO.open("rb") as source:
        ids = [str(message.id) for message in read_po(source) if message.id]
    pieces = {piece.strip(" .,:;()") for text in ids for piece in re.split(r"\{\w+\}", text)}
    return {piece for piece in pieces if " " in piece}


ENGLISH = english_fragments()


@pytest.fixture(params=["http", "file"])
def spanish(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(Spanish home page URL, origin): the hosted copy over http, the offline copy from disk."""
    if request.param == "http":
        base: str = request.getfixturevalue("hosted_server")
        return f"{base}es/", base.rstrip("/")
    offline: Path = request.getfixturevalue("offline_site")
    return (offline / "es" / "index.html").as_uri(), "file://"


def finder_url(home: str) -> str:
    return home.replace("index.html", "clinics/index.html") if home.endswith("index.html") else f"{home}clinics/"


def english_left(text: str) -> list[str]:
    return sorted(piece for piece in ENGLISH if piece in text)


def test_the_catalog_has_english_to_look_for() -> None:
    assert {"Open now", "Closed now", "clinics, nearest first, from ZIP code", "Sample data: not a real clinic"} <= ENGLISH


def test_finder_speaks_spanish(page: Page, spanish: tuple[str, str]) -> None:
    home, origin = spanish
    watch = Watch(origin)
    watch.attach(page)
    page.clock.set_fixed_time(SATURDAY_1130AM)
    page.goto(finder_url(home))
    assert page.evaluate("document.documentElement.lang") == "es"
    page.locator("#ot-zip").focus()  # finder.js loads on the form's first use (overrides/finder.html)
    expect(page.locator("#ot-count")).to_have_text(
        f"{len(CLINICS)} clínicas coinciden. Escriba su código postal para ver primero las más cercanas.")

    search_zip(page, "92103")
    place = zipcodes.matching("92103")[0]
    expect(page.locator("#ot-count")).to_have_text(
        f"{len(CLINICS)} clínicas, primero las más cercanas al código postal 92103 ({place['city']}, {place['state']}).")
    order = expected_order(float(place["lat"]), float(place["long"]))
    shown = page.locator("#ot-results .ot-result__distance").all_inner_texts()
    assert shown and all(re.fullmatch(r"a \d+(\.\d)? millas?", text) for text in shown), shown
    assert names(page) == [name for name, _ in order][: len(shown)]
    for got, (_, expected) in zip(distances_spanish(shown), order):
        assert abs(got - expected) <= (0.1 if expected < 10 else 0.6), (got, expected)  # ZIP table rounding too

    status = dict(zip(names(page), page.locator("#ot-results .ot-result > p:nth-of-type(2)").all_inner_texts()))
    assert status == {c["name"]: "Abierto ahora" if is_open(c, SATURDAY_1130AM) else "Cerrado ahora" for c in CLINICS}
    assert "Abierto ahora" in status.values() and "Cerrado ahora" in status.values()
    phones = page.locator("#ot-results .ot-result__phone").all_inner_texts()
    assert phones and all(text.startswith("Teléfono: ") for text in phones), phones
    spoken = page.locator("#ot-results .ot-result__languages").all_inner_texts()
    assert spoken and all(text.startswith("Idiomas: ") for text in spoken), spoken
    if page.locator("#ot-results .ot-result__sample").count():
        expect(page.locator("#ot-results .ot-result__sample").first).to_have_text("Datos de muestra: no es una clínica real")

    # The form's buttons come from the finder's template (messages.po): Spanish too.
    for selector, english in (("button[type=submit]", "Find clinics"), ("#ot-locate", "Use my location"),
                              ("#ot-more", "Show more clinics")):
        text = (page.locator(selector).text_content() or "").strip()
        assert text and text != english, f"{selector}: {text!r}"
    article = page.locator("article").inner_text()
    assert english_left(article) == [], "English left in the Spanish finder"
    assert watch.errors == [] and watch.foreign == []


def distances_spanish(texts: list[str]) -> list[float]:
    """ "a 3.2 millas" -> 3.2 (es-US writes a decimal point, as US readers expect)."""
    return [float(text.split()[1]) for text in texts]


@pytest.mark.parametrize(("typed", "message"), [
    ("92a01", "Escriba un código postal de 5 números, como 92101."),
    ("99999", "No encontramos el código postal 99999 cerca de nuestras clínicas. Tenemos los códigos postales "
              "que están a menos de 100 millas de una clínica. Revise el número o use su ubicación."),
])
def test_finder_messages_are_spanish(page: Page, spanish: tuple[str, str], typed: str, message: str) -> None:
    page.goto(finder_url(spanish[0]))
    search_zip(page, typed)
    expect(page.locator("#ot-zip-message")).to_have_text(message)


def test_no_match_and_location_sentences_are_spanish(page: Page, spanish: tuple[str, str]) -> None:
    page.context.grant_permissions(["geolocation"])
    page.context.set_geolocation({"latitude": 32.7157, "longitude": -117.1611})  # downtown San Diego
    night = datetime(2026, 12, 6, 3, 0, tzinfo=PACIFIC)  # Sunday 3 a.m.: every clinic closed
    assert not any(is_open(clinic, night) for clinic in CLINICS)
    page.clock.set_fixed_time(night)
    page.goto(finder_url(spanish[0]))
    page.check("#ot-open")
    expect(page.locator("#ot-count")).to_have_text("Ninguna clínica coincide. Intente elegir menos opciones.")
    page.uncheck("#ot-open")
    page.click("#ot-locate")
    expect(page.locator("#ot-count")).to_have_text(f"{len(CLINICS)} clínicas, primero las más cercanas a su ubicación.")


def test_english_finder_stays_english(page: Page, home: tuple[str, str]) -> None:
    url, _ = home
    page.goto(finder_url(url))
    assert page.evaluate("window.otStrings") == {}
    search_zip(page, "92103")
    expect(page.locator("#ot-count")).to_have_text(re.compile(rf"^{len(CLINICS)} clinics, nearest first, from ZIP code 92103 "))
    assert distances(page) and all(re.fullmatch(r"\d+(\.\d)? miles?", text)
                                   for text in page.locator("#ot-results .ot-result__distance").all_inner_texts())


def accented_term() -> tuple[str, str]:
    """(a Spanish search term with accents, the page it leads to) from data/emergency_signs.yml."""
    for sign in SIGNS:
        for term in sign.get("es", {}).get("search_terms", []):
            if re.search(r"[áéíóúñ]", term):
                return term, sign["page"]
    raise AssertionError("no Spanish search term with an accent in data/emergency_signs.yml")


def test_emergency_search_notice_is_spanish_with_or_without_accents(page: Page, spanish: tuple[str, str]) -> None:
    home, origin = spanish
    watch = Watch(origin)
    watch.attach(page)
    page.goto(home)
    term, target = accented_term()
    plain = term.translate(str.maketrans("áéíóúñ", "aeioun")).upper()
    alert = page.locator(".ot-search-emergency")
    for query in (term, plain):
        page.locator("input.md-search__input").fill("")
        search_for(page, query)
        expect(alert).to_contain_text("¿Emergencia?")
        expect(alert.locator("a")).to_have_text(re.compile(r"^Qué hacer: "))
        assert target.removesuffix(".md") in alert.locator("a").get_attribute("href")
        assert english_left(alert.inner_text()) == []
    assert watch.errors == [] and watch.foreign == []


def test_offline_save_control_is_spanish(page: Page, hosted_server: str, hosted_site: Path) -> None:
    open_at_save_control(page, f"{hosted_server}es/")
    size = page.locator(".ot-save-offline__size")
    expect(size).to_contain_text(re.compile(r"^Guarde la guía completa para leerla sin internet, en English y Español \(unos \d+(\.\d)? MB\)\. "
                                            r"Se descarga una sola vez; use wifi si su plan de datos es pequeño\."))
    expect(page.locator(".ot-save-offline__button")).to_have_text("Guardar esta guía para leerla sin internet")
    # What the service worker says after an update, as a page hears it: the date the Spanish way.
    page.evaluate("""() => {
        const root = new URL(document.querySelector('meta[name="ot-offline-app"]').dataset.site, document.baseURI).href;  // the one worker's scope
        navigator.serviceWorker.dispatchEvent(new MessageEvent('message',
            {data: {type: 'ot-updated', date: '2026-11-24', build: 'x', scope: root}}));
    }""")
    expect(page.locator(".ot-update-notice")).to_have_text(
        "Esta guía se actualizó el 24 de noviembre de 2026. Las páginas guardadas en este dispositivo ya muestran la versión nueva.")
    assert english_left(page.locator(".ot-save-offline").inner_text()) == []
