"""Shared fixtures: real builds of the site, a local server, Debian's Chromium."""
from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
import yaml
from playwright.sync_api import Page, Route, expect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from synthetic import copy_project  # noqa: E402,F401 - one way to copy the project, shared with the benchmarks
import xdist_schedule as schedule  # noqa: E402 - how the tests are spread over pytest-xdist's workers
from tiers import tiers_of  # noqa: E402


def run_mkdocs(project: Path, *arguments: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The `mkdocs` command with `arguments`, run in `project` with extra environment `env`; returns the finished process."""
    _only_in_build_tests()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "mkdocs", *arguments], cwd=project, env=env, capture_output=True, text=True)


def run_build(project: Path, config: str, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a writer would run it, with extra environment `env`; returns the finished process."""
    return run_mkdocs(project, "build", "--strict", "-f", str(project / config), "-d", str(site_dir), env=env)


def run_build_script(project: Path, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    """scripts/build.py in `project`, as a writer runs it (every configuration, then the zip)."""
    _only_in_build_tests()
    return subprocess.run([sys.executable, str(project / "scripts" / "build.py")], cwd=project, timeout=timeout,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)


def start_serving(command: list[str], project: Path, **popen: object) -> subprocess.Popen:
    """Start a command that builds and serves the site (`mkdocs serve`, scripts/serve.sh) in `project`; the caller stops it."""
    _only_in_build_tests()
    popen.setdefault("env", {**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return subprocess.Popen(command, cwd=project, **popen)  # type: ignore[call-overload]


# --- Tiers (tests/tiers.py): each test is marked `browser` and/or `build` from what it uses ------------

BUILD_RUNNERS = (run_mkdocs, run_build, run_build_script, start_serving)
_running: list[pytest.Item] = []  # the test being run, for the check below


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        for tier in sorted(tiers_of(item, BUILD_RUNNERS)):
            item.add_marker(tier)
    together = schedule.files_with_their_own_shared_fixtures(items)
    schedule.order(items, together, slow=lambda item: any(item.get_closest_marker(tier) for tier in ("browser", "build")))
    if "PYTEST_XDIST_WORKER" in os.environ:
        schedule.publish(together, Path(os.environ[SHARED_BUILDS]))


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object | None:
    """`--dist loadgroup` (scripts/test.sh): tests/xdist_schedule.py's scheduler; other modes stay pytest-xdist's."""
    return schedule.make_scheduler(config, log, Path(os.environ[SHARED_BUILDS])) if config.getoption("dist") == "loadgroup" else None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Iterator[None]:
    _running.append(item)
    try:
        return (yield)
    finally:
        _running.pop()


def _only_in_build_tests() -> None:
    """A build in a test tiers.py did not mark `build` would slow the fast tier: say how to make it seen."""
    if _running and _running[-1].get_closest_marker("build") is None:
        raise AssertionError(f"{_running[-1].nodeid} builds the site but is not marked `build`: call the build runner "
                             "from the test, one of its fixtures, or a helper function of tests/ they name (see tests/tiers.py)")


def load_data(name: str) -> dict:
    # libyaml's safe loader: the same data, read in a fraction of the time (test modules read data as they are collected)
    return yaml.load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@pytest.fixture(scope="session")
def readable_tmp() -> Iterator[Path]:
    """A temporary folder other users can read: LinkChecker, run as root, reads files as `nobody`."""
    folder = Path(tempfile.mkdtemp(prefix="ot-guide-tests-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


# Builds of the real sources are made once per test run and shared, also between pytest-xdist's
# workers: the main process makes a folder for them and names it in the environment its workers inherit.
SHARED_BUILDS = "OT_TESTS_SHARED_BUILDS"


def pytest_configure(config: pytest.Config) -> None:
    if SHARED_BUILDS not in os.environ:
        folder = Path(tempfile.mkdtemp(prefix="ot-guide-builds-"))
        folder.chmod(0o755)  # LinkChecker, run as root, reads files as `nobody`
        os.environ[SHARED_BUILDS] = str(folder)
        config.stash[_SHARED_FOLDER] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_SHARED_FOLDER, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        del os.environ[SHARED_BUILDS]


_SHARED_FOLDER = pytest.StashKey[Path]()


def built_once(name: str, build: Callable[[Path], None]) -> Path:
    """The folder `name` of the run's shared builds, made by `build(folder)` in whichever process asks first."""
    shared = Path(os.environ[SHARED_BUILDS])
    site, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another worker building it: wait, then use what it built
        if not done.exists():
            shutil.rmtree(site, ignore_errors=True)
            build(site)
            done.touch()
    return site


def _build_real_site(site: Path, config: str, spanish_config: str) -> None:
    """English at the folder's root, Spanish under es/, as scripts/build.py assembles them."""
    for configuration, target in ((config, site), (spanish_config, site / "es")):
        result = run_build(ROOT, configuration, target)
        assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def hosted_site() -> Path:
    """The hosted variant (clean URLs), built from the real sources; Spanish under es/."""
    return built_once("mkdocs", lambda site: _build_real_site(site, "mkdocs.yml", "mkdocs-es.yml"))


@pytest.fixture(scope="session")
def offline_site() -> Path:
    """The offline variant (.html URLs, inlined search index), built from the real sources; Spanish under es/."""
    return built_once("mkdocs-offline", lambda site: _build_real_site(site, "mkdocs-offline.yml", "mkdocs-offline-es.yml"))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        # LinkChecker checks a server faster than 10 requests a second only if it says it may.
        self.send_header("LinkChecker", "allowed")
        super().end_headers()


@contextmanager
def serve_folder(folder: Path, handler: type[SimpleHTTPRequestHandler] = _QuietHandler) -> Iterator[str]:
    """Serve `folder` on a free port of 127.0.0.1 (a fixed port may be another process's); yields the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert thread.is_alive()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def hosted_server(hosted_site: Path) -> Iterator[str]:
    """The hosted site served on a free port of 127.0.0.1; yields its base URL."""
    with serve_folder(hosted_site) as origin:
        yield f"{origin}/"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium; Playwright's own browser downloads are not possible here."""
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: run scripts/install-system-packages.sh"
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }


@dataclass
class Watch:
    """What a page did that it should not: console errors and requests off the site."""

    origin: str  # "http://127.0.0.1:PORT" or "file://"
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def is_local(self, url: str) -> bool:
        return url.startswith(self.origin) or url.startswith(("data:", "blob:", "about:"))

    def attach(self, page: Page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", lambda request: self.is_local(request.url) or self.foreign.append(request.url))
        page.route("**/*", self._block_foreign)

    def _block_foreign(self, route: Route) -> None:
        route.continue_() if self.is_local(route.request.url) else route.abort()


@pytest.fixture(params=["http", "file"])
def home(request: pytest.FixtureRequest) -> tuple[str, str]:
    """(home page URL, origin) for the hosted copy over http or the offline copy from disk."""
    if request.param == "http":
        base: str = request.getfixturevalue("hosted_server")
        return base, base.rstrip("/")
    offline: Path = request.getfixturevalue("offline_site")
    return (offline / "index.html").as_uri(), "file://"


def read(page: Page, url: str) -> str:
    """The HTML behind a same-site URL, over http or from disk."""
    if url.startswith("file://"):
        return Path(unquote(urlparse(url).path)).read_text(encoding="utf-8")
    response = page.request.get(url)
    assert response.ok, f"{url} answered {response.status}"
    return response.text()


def search_for(page: Page, query: str) -> None:
    """Type `query` into the site's search box once the search index has loaded."""
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).not_to_have_text("Initializing search", timeout=20_000)
    page.keyboard.type(query)


def search_results(page: Page, query: str, results: re.Pattern[str], placeholder: re.Pattern[str]) -> list[str]:
    """Every result link for `query` in the open search, best first, as absolute URLs without query
    or anchor, each page once. `results` and `placeholder` match the result count line in the
    site's language: Material searches on each key press, so a fill of "" then of the whole query is
    one search, and the placeholder in between shows when the list belongs to this query."""
    box = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    for text in ("", query):
        box.fill(text)
        box.press("End")
        expect(meta).to_have_text(results if text else placeholder)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a.md-search-result__link", "links => links.map(a => a.href)")
    return list(dict.fromkeys(href.split("#")[0].split("?")[0] for href in hrefs))


def stop_word_differences(rank: Callable[[str], list[str]], queries: Iterable[str], strip: Callable[[str], str]) -> list[str]:
    """Queries whose top 5 results change when their stop words are left out (`strip`), each shown with both lists."""
    differ = []
    for query in queries:
        found, plain = rank(query)[:5], rank(strip(query))[:5]
        if found != plain:
            differ.append(f"  {query!r}: {found}\n  {strip(query)!r}: {plain}")
    return differ
