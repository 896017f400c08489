"""scripts/build.py builds both variants, zips the offline one, and keeps the
last good site when a build fails."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT, copy_project


def build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(project / "scripts" / "build.py")], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True)


def test_build_writes_both_variants_and_the_zip_then_survives_a_bad_edit(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = build(project)
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "conditions" / "stroke" / "index.html").is_file()
    assert (project / "site-offline" / "conditions" / "stroke.html").is_file()
    with zipfile.ZipFile(project / "dist" / "ot-guide-offline.zip") as archive:
        assert "site-offline/index.html" in archive.namelist()
        assert "site-offline/search/search_index.js" in archive.namelist()

    stroke = (project / "site" / "conditions" / "stroke" / "index.html").read_text()
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text().replace("](what-to-expect.md)", "](no-such-page.md)"))
    result = build(project)
    assert result.returncode != 0
    assert "were left as they were" in result.stderr
    assert (project / "site" / "conditions" / "stroke" / "index.html").read_text() == stroke
    assert not [p for p in project.iterdir() if p.name.startswith(".site")], "a scratch folder was left behind"
