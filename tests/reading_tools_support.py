"""Shared by the reading tools' tests (test_text_size.py, test_read_aloud.py, test_leaflet.py): where a page is
in each copy of the site, and a stand-in for the browser's speech engine that records what it is asked."""
from __future__ import annotations

import json
from pathlib import Path

from otsite.emergencies import page_url

LANGUAGES = {"en": "", "es": "es/"}  # language -> its folder in a build
CONDITIONS = sorted(p.stem for p in (Path(__file__).resolve().parents[1] / "docs" / "conditions").glob("*.md"))
MIN_TARGET_PX = 44


def url_of(home: tuple[str, str], language: str, path: str) -> str:
    """The address of docs/`path` in `language`, in the copy `home` comes from (conftest's `home` fixture)."""
    url, origin = home
    base = url.removesuffix("index.html")
    return base + LANGUAGES[language] + page_url(path, directory_urls=origin != "file://")


def speech_stub(voices: list[dict], late: list[dict] | None = None) -> str:
    """An init script: window.speechSynthesis and SpeechSynthesisUtterance stand-ins. Every speak() is recorded in
    window.otSpoken ({text, lang, voice}), pause/resume/cancel in window.otSpeechCalls. getVoices() gives `voices`;
    window.otAddVoices() adds `late` and fires voiceschanged, as browsers that list their voices late do."""
    return """(() => {
  const voices = %s, late = %s;
  window.otSpoken = []; window.otSpeechCalls = [];
  const engine = new EventTarget();
  Object.assign(engine, {paused: false, speaking: false, pending: false,
    getVoices: () => voices.slice(),
    speak: u => { window.otSpoken.push({text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null}); engine.speaking = true; },
    pause: () => { window.otSpeechCalls.push('pause'); engine.paused = true; },
    resume: () => { window.otSpeechCalls.push('resume'); engine.paused = false; },
    cancel: () => { window.otSpeechCalls.push('cancel'); engine.speaking = false; }});
  Object.defineProperty(window, 'speechSynthesis', {value: engine, configurable: true});
  window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ''; this.voice = null; };
  window.otAddVoices = () => { voices.push(...late); engine.dispatchEvent(new Event('voiceschanged')); };
})();""" % (json.dumps(voices), json.dumps(late or []))


def voice(lang: str, local: bool = True) -> dict:
    return {"name": f"Test voice {lang}", "lang": lang, "localService": local, "default": False, "voiceURI": f"test-{lang}"}
