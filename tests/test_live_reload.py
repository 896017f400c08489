"""Under `mkdocs serve`, an edit to data/ shows up after the rebuild (watch: [data])."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, server: subprocess.Popen, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "mkdocs serve stopped"
        page = fetch(url)
        if page is not None and text in page:
            return True
        time.sleep(0.5)
    return False


def test_data_edit_rebuilds_the_served_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/clinics/harbor-hand-and-upper-limb-center/"
        assert wait_for(url, "Harbor Hand and Upper Limb Center", server), log.read_text()
        clinics = project / "data" / "clinics.yml"
        clinics.write_text(clinics.read_text().replace("name: Harbor Hand and Upper Limb Center", "name: Harbour Renamed Hand Clinic"))
        assert wait_for(url, "Harbour Renamed Hand Clinic", server), log.read_text()
    finally:
        server.terminate()
        server.wait(timeout=20)
