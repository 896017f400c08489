""""Listen to this page" (issue 23, item 7b): the browser's own speech synthesis reads the article, not the
menus, in the page's language, with a voice of the device (none that needs the network); Pause (then
Resume) and Stop reach the engine; the button is hidden where the browser has no such voice, and shown
when one arrives late (voiceschanged). The engine is a stand-in (reading_tools_support.speech_stub) that
records what it is given. In Chromium over http and from the offline copy on disk, English and Spanish;
the text size and read-aloud controls again in Firefox ESR (tests/firefox/reading-tools.mjs)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from conftest import Watch
from reading_tools_support import LANGUAGES, url_of, speech_stub, voice
from test_firefox import firefox  # noqa: F401 - the Firefox runner fixture
from test_quality_gates import axe_violations

LISTEN = {"en": "Listen to this page", "es": "Escuchar esta página"}
PAUSE = {"en": ("Pause", "Resume"), "es": ("Pausa", "Seguir")}
STOP = {"en": "Stop", "es": "Parar"}
VOICES = [voice("en-US"), voice("es_US"), voice("fr-FR")]  # Android writes es_US


def words(text: str) -> str:
    return " ".join(text.split())


def listen_button(page: Page, language: str):  # noqa: ANN201 - a Playwright locator
    return page.get_by_role("button", name=LISTEN[language], exact=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_reads_the_article_in_the_page_language_with_pause_and_stop(page: Page, home: tuple[str, str], language: str) -> None:
    watch = Watch(home[1])
    watch.attach(page)
    page.add_init_script(speech_stub(VOICES))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(url_of(home, language, "conditions/stroke.md"))
    listen_button(page, language).click()
    page.wait_for_function("window.otSpoken.length > 0")
    spoken = page.evaluate("window.otSpoken")
    assert {(s["lang"], s["voice"]) for s in spoken} == {(VOICES[0 if language == "en" else 1]["lang"],
                                                          VOICES[0 if language == "en" else 1]["name"])}
    said = words(" ".join(s["text"] for s in spoken))
    title = words(page.locator("article h1").evaluate("h => h.firstChild.textContent"))
    assert said.startswith(words(page.locator(".ot-draft-notice").inner_text())[:20]) or title in said[:400]
    for part in ("article h1", "article .ot-lead", "#ot-emergency-title-1", ".ot-help-emergency > .admonition-title",
                 ".ot-help-emergency li"):
        text = words(page.locator(part).first.evaluate("e => e.textContent").replace("¶", ""))
        assert text in said, f"{part}: {text!r} not read"
    assert "911" in said
    # Outside the article (menus, header, footer) and the tools themselves: not read.
    outside = page.evaluate("""() => [...document.querySelectorAll('.md-nav__link, .md-header a, .md-footer a, .md-skip')]
        .map(e => e.textContent.replace(/\\s+/g, ' ').trim()).filter(t => t.length > 3
          && !document.querySelector('article').textContent.replace(/\\s+/g, ' ').includes(t))""")
    assert outside, "the page has menu text to leave out"
    assert [t for t in outside if t in said] == []
    for tool in (LISTEN[language], STOP[language], page.locator(".ot-tools__label").inner_text()):
        assert tool not in said
    assert not re.search(r"(Sources|Fuentes)\b", said), "the review box's sources are not read"
    # Pause, resume, stop reach the engine; the buttons say what they do.
    pause = page.locator(".ot-tools__pause")
    expect(pause).to_be_focused()
    expect(pause).to_have_text(PAUSE[language][0])
    pause.click()
    expect(pause).to_have_text(PAUSE[language][1])
    pause.click()
    expect(pause).to_have_text(PAUSE[language][0])
    page.get_by_role("button", name=STOP[language], exact=True).click()
    calls = page.evaluate("window.otSpeechCalls")
    assert calls[-3:] == ["pause", "resume", "cancel"], calls
    expect(listen_button(page, language)).to_be_visible()
    expect(pause).to_be_hidden()
    assert watch.errors == [] and watch.foreign == []


@pytest.mark.parametrize("voices", [[], [voice("fr-FR")], [voice("en-US", local=False), voice("es-ES", local=False)]],
                         ids=["none", "other-language", "network-only"])
def test_hidden_without_a_voice_of_the_device_for_the_page_language(page: Page, home: tuple[str, str], voices: list[dict]) -> None:
    page.add_init_script(speech_stub(voices))
    for language in LANGUAGES:
        page.goto(url_of(home, language, "conditions/stroke.md"))
        expect(page.locator(".ot-tools")).to_be_visible()  # the text size is there
        expect(page.locator(".ot-tools__play")).to_have_count(1)  # in the page, not shown
        expect(page.locator(".ot-tools__play")).to_be_hidden()


def test_shown_when_a_voice_arrives_late(page: Page, home: tuple[str, str]) -> None:
    page.add_init_script(speech_stub([voice("en-GB")], late=[voice("es-MX")]))
    page.goto(url_of(home, "es", "conditions/stroke.md"))
    expect(listen_button(page, "es")).to_be_hidden()
    page.evaluate("window.otAddVoices()")
    expect(listen_button(page, "es")).to_be_visible()


def test_the_reading_script_loads_only_when_listening(page: Page, hosted_server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.add_init_script(speech_stub(VOICES))
    page.goto(hosted_server + "conditions/stroke/")
    assert not [u for u in requested if "read-aloud" in u]
    listen_button(page, "en").click()
    page.wait_for_function("window.otSpoken.length > 0")
    assert [u for u in requested if u.endswith("/assets/javascripts/read-aloud.js")]


@pytest.mark.parametrize("kind", ["", "conditions/stroke/", "conditions/by-body-area/", "clinics/", "glossary/", "offline/"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", [390, 1280])
def test_axe_finds_nothing_with_the_controls_shown_and_in_use(page: Page, hosted_server: str, language: str, kind: str, width: int) -> None:
    """axe (A, AA, AAA contrast), with the listen button shown, at A++ and while reading (Pause and Stop shown)."""
    page.add_init_script(speech_stub(VOICES))
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(hosted_server + LANGUAGES[language] + kind)
    expect(listen_button(page, language)).to_be_visible()
    page.locator(".ot-tools__size").last.click()
    listen_button(page, language).click()
    expect(page.locator(".ot-tools__pause")).to_be_visible()
    assert axe_violations(page) == []


# --- Firefox ESR: both controls (tests/firefox/reading-tools.mjs) ---------------------------------

def test_firefox_keeps_the_size_and_reads_the_article(firefox, hosted_server: str, offline_site: Path) -> None:  # noqa: ANN001
    sites = [{"origin": hosted_server.rstrip("/"), "home": (hosted_server, hosted_server.rstrip("/"))},
             {"origin": "file://", "home": ((offline_site / "index.html").as_uri(), "file://")}]
    spec = {"stub": speech_stub(VOICES), "silent": speech_stub([]),
            "sites": [{"origin": s["origin"], "pages": {language: [url_of(s["home"], language, "conditions/stroke.md"),
                                                                  url_of(s["home"], language, "what-is-ot.md")]
                                                        for language in LANGUAGES}} for s in sites]}
    runs = firefox("reading-tools.mjs", spec)["runs"]
    assert len(runs) == len(sites) * len(LANGUAGES)
    for run in runs:
        where = f"{run['origin']} {run['language']}"
        assert "failed" not in run, f"{where}: {run['failed']}"
        assert run["errors"] == [] and run["foreign"] == [], where
        assert run["pressedAfter"] == ["A++"] and run["pressedOnNext"] == ["A++"] and run["pressedAfterReload"] == ["A++"], (where, run)
        assert run["sizeAfter"] == pytest.approx(run["sizeBefore"] * 1.5, rel=0.02), where
        assert run["listenShown"] and not run["listenShownSilent"], where
        said = words(" ".join(s["text"] for s in run["spoken"]))
        assert words(run["title"]) in said and "911" in said, where
        assert run["menuText"] and run["menuText"] not in said, where
        assert {s["lang"][:2] for s in run["spoken"]} == {run["language"]}, where
        assert run["calls"][-3:] == ["pause", "resume", "cancel"], where
