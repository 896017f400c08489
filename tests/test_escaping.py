"""Text from data and front matter reaches readers as text, never as markup."""
from __future__ import annotations

from pathlib import Path

from conftest import copy_project, run_build

PAYLOAD = "<img src=x onerror=alert(1)>"


def test_payloads_in_data_and_front_matter_are_shown_as_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    clinics = project / "data" / "clinics.yml"
    clinics.write_text(clinics.read_text().replace("name: Harbor Hand and Upper Limb Center", f'name: "{PAYLOAD}"'))
    conditions = project / "data" / "conditions.yml"
    conditions.write_text(conditions.read_text().replace("aliases: [CTS,", f'aliases: ["{PAYLOAD}", CTS,'))
    page = project / "docs" / "what-is-ot.md"
    page.write_text(page.read_text().replace("---\n", f'---\ntitle: "{PAYLOAD}"\n', 1)
                    .replace("  reviewer: Content team", f'  reviewer: "{PAYLOAD}"')
                    .replace("description: ", f'description: "{PAYLOAD}" #', 1)
                    .replace("  sources:\n", f'  sources:\n    - publisher: "{PAYLOAD}"\n      title: "{PAYLOAD}"\n', 1))
    stroke = project / "docs" / "conditions" / "stroke.md"
    stroke.write_text(stroke.read_text().replace("  emergency:\n", f'  emergency:\n    - "{PAYLOAD}"\n', 1))
    site = tmp_path / "site"
    result = run_build(project, "mkdocs.yml", site)
    assert result.returncode == 0, result.stderr

    pages = {p: p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    leaks = [str(p.relative_to(site)) for p, html in pages.items() if "<img src=x" in html]
    assert leaks == []
    # ...and readers still see the text itself where it belongs.
    assert "&lt;img src=x onerror=alert(1)&gt;" in pages[site / "what-is-ot" / "index.html"]
    assert 'content="&lt;img src=x onerror=alert(1)&gt;"' in pages[site / "what-is-ot" / "index.html"]  # description
    clinic_pages = [html for p, html in pages.items() if p.parent.parent.name == "clinics"]
    assert any("&lt;img src=x onerror=alert(1)&gt;" in html or "&#60;img src=x onerror=alert&#40;1&#41;&#62;" in html
               for html in clinic_pages)
