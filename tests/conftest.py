"""Shared fixtures: real builds of the site, a local server, Debian's Chromium."""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("mkdocs.yml", "mkdocs-offline.yml", "docs", "data", "hooks", "overrides", "schemas")


def run_build(project: Path, config: str, site_dir: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` as a writer would run it, with extra environment `env`; returns the finished process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config), "-d", str(site_dir)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def copy_project(target: Path) -> Path:
    """A private copy of the project's sources, for tests that change them."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


def load_data(name: str) -> dict:
    return yaml.safe_load((ROOT / "data" / f"{name}.yml").read_text(encoding="utf-8"))


def _build_real_site(tmp_path_factory: pytest.TempPathFactory, config: str) -> Path:
    site = tmp_path_factory.mktemp(Path(config).stem) / "site"
    result = run_build(ROOT, config, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def hosted_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hosted variant (clean URLs), built from the real sources."""
    return _build_real_site(tmp_path_factory, "mkdocs.yml")


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline variant (.html URLs, inlined search index), built from the real sources."""
    return _build_real_site(tmp_path_factory, "mkdocs-offline.yml")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@pytest.fixture(scope="session")
def hosted_server(hosted_site: Path) -> Iterator[str]:
    """The hosted site served on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(hosted_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert thread.is_alive()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium; Playwright's own browser downloads are not possible here."""
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: run scripts/install-chromium.sh"
    return {
        **browser_type_launch_args,
        "executable_path": executable,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"],
    }
