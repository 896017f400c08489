"""A picture whose name would have broken sw.js or its file list (`self.__WB_MANIFEST.png`, the
template's placeholder, `#`, `?`-free but quoted names) is still saved and served offline (issue 21):
headless Chromium over http saves the guide, then reads each picture from the saved copy with
the server gone. Reuses test_offline_app's project copy, server and keyboard save."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, BrowserContext

from conftest import ROOT
from test_offline_app import DAY_ONE, Served, listed_files, save_guide

# Allowed content (real PNGs in docs/images/), with names that string surgery or an unencoded URL broke.
NAMES = ["self.__WB_MANIFEST.png", "__OT_DATA__.png", "a#b.png", "it's.png", "self.__OT_CONFIG.png"]
PICTURE = ROOT / "overrides" / "assets" / "icons" / "icon-192.png"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    served = Served(tmp_path)
    images = served.project / "docs" / "images"
    images.mkdir(exist_ok=True)
    for name in NAMES:
        shutil.copy(PICTURE, images / name)
    served.build(DAY_ONE)
    yield served
    served.server.shutdown()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    context = browser.new_context()
    yield context
    context.close()


FETCH = """async (urls) => Promise.all(urls.map(async (url) => {
  const response = await fetch(url);
  return [url, response.status, (await response.arrayBuffer()).byteLength];
}))"""


def test_hostile_names_are_listed_saved_and_served_offline(served: Served, context: BrowserContext) -> None:
    listed = {url for url, _ in listed_files(served.site)}
    addresses = ["images/" + quote(name) for name in NAMES]
    assert set(addresses) <= listed, sorted(set(addresses) - listed)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    context.on("weberror", lambda error: errors.append(str(error.error)))
    save_guide(page, served.url)  # registers the worker (sw.js must parse) and saves every listed file
    assert page.evaluate("navigator.serviceWorker.controller !== null")

    served.server.shutdown()  # offline means the server is gone
    served.server.server_close()
    context.set_offline(True)
    size = PICTURE.stat().st_size
    answers = page.evaluate(FETCH, [served.url + address for address in addresses])
    assert answers == [[served.url + address, 200, size] for address in addresses]
    assert errors == []
