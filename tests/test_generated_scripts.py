"""Scripts the build writes (sw.js, the page loader, emergency-data.js, ot-strings.js, the finder's
data) are a fixed template plus one JSON value (otsite/script_data.py), issue 21: no file name or
data value can change the code around it. Each hostile string goes through the generator and the
result is run in Node, which must parse it and hand the script exactly the value the build meant.
Fast: no build, no browser."""
from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from offline_app_hook import LOADER  # noqa: E402
from otsite.emergencies import emergency_script  # noqa: E402
from otsite.model import EmergencySign  # noqa: E402
from otsite.precache import WORKBOX_IMPORTS, Entry, Manifest, build_manifest, service_worker  # noqa: E402
from otsite.script_data import PLACEHOLDER, assignment, fill  # noqa: E402

TEMPLATE = (ROOT / "hooks" / "otsite" / "templates" / "offline-sw.js").read_text(encoding="utf-8")
# Strings that broke or could break string surgery: placeholders (the template's, Workbox's, the old
# ones), the end of a script element, quotes, newlines, JavaScript line terminators, bidi overrides.
HOSTILE = ["self.__WB_MANIFEST", PLACEHOLDER, "self.__OT_CONFIG", "self.__OT_CLINICS", "</script><script>alert(1)</script>",
           "<!--", "it's \"quoted\"", "line\nbreak\r", "\u2028\u2029", "\u202eevil\u202c", "a#b?c=d", "${x}`tick`",
           "back\\slash", "\x00nul", "\ud7ff\U0001f600", "&amp;"]
# File names of the same kind; a name cannot hold "/" or NUL.
HOSTILE_NAMES = ["self.__WB_MANIFEST.png", f"{PLACEHOLDER}.png", "a#b.png", "q?x=1.png", "it's.png", 'say "hi".png',
                 "new\nline.png", "bidi\u202egnp.png", "space name.png", "percent%41.png", "ünïcode.png", "</script>.png"]


def node(script: str, stdin: str = "") -> str:
    result = subprocess.run(["node", "-e", script], input=stdin, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def evaluated(code: str, expression: str) -> object:
    """What `expression` is after Node runs `code` (given on stdin, so no quoting of ours touches it)."""
    runner = ("const vm = require('vm'); let code = ''; process.stdin.on('data', (d) => code += d).on('end', () => {"
              "const context = {window: {}}; vm.runInNewContext(code, context);"
              f"process.stdout.write(JSON.stringify(vm.runInNewContext({json.dumps(expression)}, context))); }});")
    return json.loads(node(runner, code))


# --- the one way a value enters a script --------------------------------------------------------

@pytest.mark.parametrize("value", HOSTILE, ids=range(len(HOSTILE)))
def test_a_hostile_string_is_exactly_the_value_the_script_gets(value: str) -> None:
    code = assignment("otData", {"text": value, "list": [value, {value: value}]})
    assert evaluated(code, "window.otData") == {"text": value, "list": [value, {value: value}]}


def test_the_value_cannot_end_a_script_element_or_break_a_line() -> None:
    code = assignment("otData", HOSTILE)
    assert not re.search(r"</|<!--|[<>&\u2028\u2029\n\r]", code.rstrip("\n")), code
    assert code.count("\n") == 1


def test_fill_needs_exactly_one_placeholder() -> None:
    for template in ["no placeholder", f"{PLACEHOLDER} and {PLACEHOLDER}"]:
        with pytest.raises(ValueError):
            fill(template, 1)
    assert fill(f"a {PLACEHOLDER} b", PLACEHOLDER) == f'a "{PLACEHOLDER}" b'  # the value is never searched again


def test_the_page_loader_is_a_fixed_script_with_one_value() -> None:
    code = fill(LOADER, {"root": "../'\"</script>", "script": "assets/javascripts/offline-app.js"})
    inner = re.fullmatch(r"<script>(.*)</script>", code, re.DOTALL).group(1)
    assert "</" not in inner
    node(f"new Function({json.dumps(inner)})")  # parses


def test_the_emergency_data_keeps_hostile_notices_as_they_are() -> None:
    sign = EmergencySign(id="x", title=HOSTILE[4], notice=HOSTILE[0] + HOSTILE[8], signs=(), steps=(),
                         search_terms=(HOSTILE[7],), sources=(), page="conditions/stroke.md")
    script = emergency_script([sign, dataclasses.replace(sign, id="y", title=HOSTILE[9])], lambda path: path)
    data = evaluated(script, "window.otEmergencies")
    assert [item["title"] for item in data] == [HOSTILE[4], HOSTILE[9]] and data[0]["notice"] == HOSTILE[0] + HOSTILE[8]


# --- sw.js ---------------------------------------------------------------------------------------

# A service worker's world, enough for sw.js's top level: what it imports and what it lists to save.
WORKER_STUB = """
const imported = [], listed = [];
const context = {
  imported, listed, URL, Map, Promise, Response, console,
  self: {registration: {scope: 'http://127.0.0.1/'}, location: {origin: 'http://127.0.0.1'}, addEventListener() {}},
  importScripts: (...urls) => imported.push(...urls),
  workbox: {setConfig() {}, core: {setCacheNameDetails() {}, cacheNames: {precache: 'p', runtime: 'r'}},
            precaching: {PrecacheController: class { addToCacheList(entries) { listed.push(...entries); } }},
            routing: {registerRoute() {}}, strategies: {NetworkFirst: class {}}},
};
"""


def run_worker(sw: str) -> dict:
    runner = ("const vm = require('vm'); let code = ''; process.stdin.on('data', (d) => code += d).on('end', () => {"
              + WORKER_STUB + "vm.runInNewContext(code, context);"
              "process.stdout.write(JSON.stringify({imported, listed, clinics: vm.runInNewContext('CLINICS', context)})); });")
    return json.loads(node(runner, sw))


def test_sw_js_hands_the_worker_every_entry_as_it_is() -> None:
    entries = tuple(Entry(value, f"{i:016x}", 1) for i, value in enumerate(HOSTILE))
    clinics = tuple(Entry(f"clinics/{value}/", "c" * 16, 10**9) for value in HOSTILE)
    sw = service_worker(Manifest(entries + clinics, len(clinics), 0, clinics), "2026-12-07", TEMPLATE)
    ran = run_worker(sw)
    assert ran["listed"] == [{"url": e.url, "revision": e.revision} for e in entries]
    assert ran["clinics"] == [{"url": e.url, "revision": e.revision} for e in clinics]
    assert ran["imported"] == list(WORKBOX_IMPORTS)


def test_the_worker_imports_nothing_but_its_data_says() -> None:
    """importScripts is called once, with the data's list: the template names no script itself."""
    calls = re.findall(r"importScripts\((.*?)\)", TEMPLATE)
    assert calls == ["...OT.imports"], calls
    assert TEMPLATE.count(PLACEHOLDER) == 1


def test_precache_urls_are_percent_encoded_as_pages_link_them(tmp_path: Path) -> None:
    """Every hostile name is listed once, encoded so a browser asks for that same file: no "#" cuts it
    into a fragment, no "?" into a query; decoding gives the name back."""
    written = []
    for name in HOSTILE_NAMES:
        try:
            (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n")
            written.append(name)
        except OSError:  # a file system that refuses the name: nothing to list
            pass
    assert len(written) >= len(HOSTILE_NAMES) - 1
    urls = [entry.url for entry in build_manifest(tmp_path).entries]
    assert sorted(unquote(url) for url in urls) == sorted(written)
    check = ("const base = 'http://127.0.0.1/site/'; let d = ''; process.stdin.on('data', (c) => d += c).on('end', () => {"
             "process.stdout.write(JSON.stringify(JSON.parse(d).map((u) => { const x = new URL(u, base);"
             "return [x.hash, x.search, decodeURIComponent(x.pathname.slice('/site/'.length))]; }))); });")
    assert json.loads(node(check, json.dumps(urls))) == [["", "", unquote(url)] for url in urls]


def test_a_built_generated_script_is_one_assignment_of_one_json_value(hosted_site: Path) -> None:
    for name, variable in [("emergency-data.js", "otEmergencies"), ("ot-strings.js", "otStrings"),
                           ("finder-data.js", "otFinder"), ("finder-zips.js", "otFinderZips")]:
        text = (hosted_site / "assets" / "javascripts" / name).read_text(encoding="utf-8")
        match = re.fullmatch(rf"window\.{variable} = (.*);\n", text, re.DOTALL)
        assert match and "\n" not in match.group(1), name
        assert assignment(variable, json.loads(match.group(1))) == text, name  # written by the one generator
