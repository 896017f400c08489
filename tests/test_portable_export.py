"""The portable core's pages (otsite/export.py's portable_files, the Markdown scripts/export_markdown.py
builds its whole-site export from: tests/test_export_site.py) are exactly what the MkDocs hook adds to
the build, so another generator gets the same content: in English and in Spanish, each equal to its own
language's build (a page not yet translated included, with its notice)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import ROOT, copy_project, run_build
from otsite.export import portable_files
from otsite.export_config import project_config
from otsite.loading import load_site
from otsite.page_checks import split_front_matter
from otsite.sanitize import JSON_LD

HELD = re.compile(r"\n*otsite-trusted-[0-9a-f]{32}-\d+\n*")


def held_out(markdown: str) -> str:
    """The Markdown with the site's own JSON-LD in the place-holder form the hook hands to MkDocs while it sanitizes."""
    return HELD.sub("\n\nHELD\n\n", JSON_LD.sub("HELD", markdown))


UNTRANSLATED = "caregivers.md"  # taken out of docs-es/ in the project copy: the Spanish build shows the English page


@pytest.mark.parametrize(("language", "config", "pages"), [("en", "mkdocs.yml", "docs"), ("es", "mkdocs-es.yml", "docs-es")], ids=["en", "es"])
def test_export_is_identical_to_what_the_hook_builds(tmp_path: Path, language: str, config: str, pages: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs-es" / UNTRANSLATED).unlink()
    (project / "mkdocs-capture.yml").write_text(
        f"INHERIT: {config}\nhooks:\n  - hooks/ot_site_hook.py\n  - {ROOT / 'tests' / 'tools' / 'capture_hook.py'}\n")
    capture = tmp_path / "capture.json"
    result = run_build(project, "mkdocs-capture.yml", tmp_path / "site", env={"OT_CAPTURE": str(capture)})
    assert result.returncode == 0, result.stderr
    built = json.loads(capture.read_text())

    site_url = project_config(project, config)["site_url"] + ("es/" if language == "es" else "")  # as the hook sets it
    exported = portable_files(project, load_site(project, language=language, languages=("en", "es")), site_url=site_url)

    generated = {path: text for path, text in exported.items() if path in built["generated"]}
    assert generated == built["generated"], "every generated page and file, byte for byte"
    changed = {path: text for path, text in exported.items() if path not in built["generated"]}
    assert len(changed) >= 16, "the condition pages, at least, are composed by the hook"
    assert (UNTRANSLATED in changed and "ot-fallback-notice" in changed[UNTRANSLATED]) == (language == "es")
    for path, markdown in built["pages"].items():
        source = project / pages / path
        original = split_front_matter((source if source.is_file() else project / "docs" / path).read_text(encoding="utf-8"))[1]
        expected = split_front_matter(changed[path])[1] if path in changed else original
        assert held_out(markdown).strip("\n") == held_out(expected).strip("\n"), path
