"""The preview's error page (otsite/preview_page.py): every problem with its file:line, field, message and its line
with a marker under the spot, all escaped (problems carry writers' text); the terminal gets the same list."""
from __future__ import annotations

from pathlib import Path

from otsite.preview_page import TITLE, PageLook, error_page, error_text
from otsite.problems import Problem

HOSTILE = "<script>alert('x')</script>"


def _project(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "clinics.yml").write_text(f"clinics:\n  - nme: <img src=x onerror=alert(1)>\n", encoding="utf-8")
    return tmp_path


def test_the_page_lists_each_problem_with_its_line_and_marker_escaped(tmp_path: Path) -> None:
    root = _project(tmp_path)
    problems = [Problem("data/clinics.yml", 2, "clinics[0].nme", f"unknown field 'nme' {HOSTILE}", column=5),
                Problem("", 0, "", f"The build stopped {HOSTILE}")]
    page = error_page("the Spanish site (/es/)", problems, root, PageLook(("/.ot-preview/main.css",)))
    assert f"<title>{TITLE}</title>" in page and f"<h1>{TITLE}</h1>" in page
    assert "The Spanish site (/es/) did not build because of these 2 mistakes" in page
    assert "data/clinics.yml:2" in page and "clinics[0].nme" in page
    assert "<script>alert" not in page and "<img src=x" not in page, "writers' text is escaped"
    assert page.count("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") == 2
    # The line, the spot marked (column 5: the field's name) and carets under it
    assert "2 |   - <mark>nme:</mark> &lt;img src=x onerror=alert(1)&gt;" in page
    assert '<span class="ot-preview-marker">^^^^</span>' in page
    assert '<link rel="stylesheet" href="/.ot-preview/main.css">' in page


def test_a_problem_in_a_file_that_is_gone_shows_no_line(tmp_path: Path) -> None:
    page = error_page("the English site (/)", [Problem("docs/gone.md", 3, "", "a message")], tmp_path)
    assert "docs/gone.md:3" in page and "a message" in page and "<pre" not in page
    assert "because of this mistake." in page


def test_the_terminal_gets_the_same_problems(tmp_path: Path) -> None:
    root = _project(tmp_path)
    text = error_text("the English site (/)", [Problem("data/clinics.yml", 2, "clinics[0].nme", "unknown field 'nme'", column=5),
                                               Problem("", 0, "", "a note with no file")], root)
    lines = text.splitlines()
    assert lines[0].startswith(f"{TITLE}: the English site (/) did not build")
    assert "  data/clinics.yml:2: clinics[0].nme: unknown field 'nme'" in lines
    assert any(line.strip().startswith("2 |") and "nme:" in line for line in lines)
    assert any(set(line.split("|")[-1].strip()) == {"^"} for line in lines if "|" in line), "a marker under the spot"
    assert lines[-1] == "  a note with no file"
