"""Under `mkdocs serve`, an edit to data/ shows up after the rebuild (watch: [data])."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_project, start_serving


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
        # The preview scripts/serve.sh runs (it shows Python's deprecation warnings, as the `mkdocs` command does).
        server = start_serving([sys.executable, "scripts/preview.py", "-a", f"127.0.0.1:{port}"], project,
                               env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/clinics/harbor-hand-and-upper-limb-center/"
        assert wait_for(url, "Harbor Hand and Upper Limb Center", server, 240), log.read_text()  # both languages build first
        clinics = project / "data" / "clinics.yml"
        clinics.write_text(clinics.read_text().replace("name: Harbor Hand and Upper Limb Center", "name: Harbour Renamed Hand Clinic"))
        assert wait_for(url, "Harbour Renamed Hand Clinic", server), log.read_text()
        # Writers read a traceback as "ask a developer": a clean start and rebuild prints none (nor a warning of any kind).
        printed = log.read_text()
        assert "Traceback" not in printed and "warning" not in printed.lower(), printed
    finally:
        server.terminate()
        server.wait(timeout=20)


# (file under the project, text to replace, replacement, page that must show the replacement)
EDITS = [
    ("docs/what-is-ot.md", "- Look up a word you do not know in the [glossary](glossary.md).",
     "- Look up a word you do not know in the [glossary](glossary.md).\n\nAn edited prose sentence.", "what-is-ot/"),
    ("data/conditions.yml", "summary: Learning to do daily tasks after losing part of an arm or leg.",
     "summary: An edited summary of amputation.", "conditions/"),
    ("data/clinics.yml", "name: Harbor Hand and Upper Limb Center", "name: Harbor Edited Hand Center",
     "clinics/harbor-hand-and-upper-limb-center/"),
    ("data/glossary.yml", "stands_for: Certified Hand Therapist\n", "stands_for: Certified Hand Therapist Edited\n",
     "clinics/harbor-hand-and-upper-limb-center/"),
    ("data/taxonomy.yml", "name: Bones, joints and muscles", "name: Bones, joints and muscles edited", "conditions/by-kind/"),
    ("hooks/otsite/templates/clinic.md.j2", "Times are the clinic's local time.", "Times are the edited clinic's local time.",
     "clinics/harbor-hand-and-upper-limb-center/"),
    # A clinic page is rendered again only when what it shows changes (serve_caches.ServeCaches.clinic_pages, passed to rendering.generated_pages): a service it
    # offers, and a condition in its "Helps with" list, are its inputs too.
    ("data/services.yml", "summary: Care for the hand, wrist, elbow and arm;", "summary: Edited care for the hand, wrist, elbow and arm;",
     "clinics/harbor-hand-and-upper-limb-center/"),
    ("data/conditions.yml", "name: Trigger finger\n", "name: Trigger finger edited\n", "clinics/harbor-hand-and-upper-limb-center/"),
]
SHOWN = ["An edited prose sentence.", "An edited summary of amputation.", "Harbor Edited Hand Center",
         "Certified Hand Therapist Edited", "Bones, joints and muscles edited", "Times are the edited clinic's local time.",
         "Edited care for the hand, wrist, elbow and arm;", "Trigger finger edited"]


def test_every_kind_of_edit_shows_up_although_unchanged_pages_are_reused(tmp_path: Path) -> None:
    """Under `mkdocs serve` the hook reuses pages whose inputs did not change (otsite/render_cache.py):
    an edit to a prose page, condition, clinic, glossary, taxonomy or template must still show up."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = start_serving([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"], project,
                               stdout=output, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert wait_for(base + "clinics/harbor-hand-and-upper-limb-center/", "Harbor Hand", server, 120), log.read_text()
        for (path, old, new, page), shown in zip(EDITS, SHOWN):
            before = fetch(base + page)
            assert before is not None and shown not in before, page
            source = project / path
            text = source.read_text(encoding="utf-8")
            assert text.count(old) == 1, (path, old)
            source.write_text(text.replace(old, new), encoding="utf-8")
            assert wait_for(base + page, shown, server, 120), f"{path}: {log.read_text()[-3000:]}"
        assert "Harbor Edited Hand Center" in (fetch(base + "clinics/") or ""), "a data edit reaches the pages that list it"
        # Search entries of unchanged pages are reused between rebuilds too (serve_caches.SearchReuse)
        index = fetch(base + "search/search_index.json") or ""
        assert "An edited prose sentence." in index and "Harbor Edited Hand Center" in index, "edits reach the search index"
        assert "Harbor Hand and Upper Limb Center" not in index, "no stale search entry is kept"
        # ... and so are the page checks' readings of unchanged pages (markdown_source.MarkdownReader.rendered)
        prose = project / "docs" / "what-is-ot.md"
        prose.write_text(prose.read_text(encoding="utf-8") + "\n<script>alert('edited in')</script>\n", encoding="utf-8")
        deadline = time.monotonic() + 120
        while "docs/what-is-ot.md" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.5)
        assert "raw HTML <script> is not allowed" in log.read_text(), log.read_text()[-3000:]  # (MkDocs then waits for a fix)
    finally:
        server.terminate()
        server.wait(timeout=20)
