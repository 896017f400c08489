""".github/CODEOWNERS: every path of the repository has owners, code needs a developer, content a
writer or a clinician, the clinical-safety data a clinician (issue 21). Fast: no build.

The matcher follows GitHub's rules for the patterns the file uses (anchored at the root with a
leading "/", "*" within one path segment, a trailing "/" for a folder and all it holds; the last
matching rule wins); a pattern of another kind fails the test, so it never passes by not understanding.
"""
from __future__ import annotations

import subprocess
from fnmatch import fnmatchcase

import pytest

from conftest import ROOT

CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
DEVELOPERS, WRITERS, CLINICIANS = "@ot-guide/developers", "@ot-guide/writers", "@ot-guide/clinicians"
# Sample paths (existing or not) and who must own them: one row per kind of path the issue names.
CODE = ["hooks/ot_site_hook.py", "hooks/otsite/precache.py", "overrides/main.html", "overrides/assets/javascripts/ot.js",
        "overrides/assets/vendor/workbox/workbox-sw.js", "scripts/build.py", "schemas/clinics.schema.json",
        "mkdocs.yml", "mkdocs-es.yml", "mkdocs-offline-es.yml", ".github/workflows/site.yml", ".github/CODEOWNERS",
        ".ci/run", "tests/conftest.py", "bench/synthetic.py", "requirements.txt", "requirements-test.txt",
        "package.json", "package-lock.json"]
CONTENT = ["docs/index.md", "docs/conditions/stroke.md", "docs/images/a.png", "docs-es/index.md", "data/clinics.yml",
           "data/glossary.yml", "locales/es/LC_MESSAGES/messages.po"]
CLINICAL = ["data/emergency_signs.yml", "data/hazards.yml", "data/triage_rules.yml", "data/publishers.yml"]


def rules(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(pattern, owners) for each rule line, in file order."""
    found = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pattern, *owners = line.split()
            found.append((pattern, tuple(owners)))
    return found


def matches(pattern: str, path: str) -> bool:
    """GitHub's match for an anchored pattern: each segment by glob; a folder matches all beneath it."""
    assert pattern.startswith("/") and "**" not in pattern, f"{pattern}: a pattern this test does not understand"
    segments, parts = pattern.strip("/").split("/"), path.split("/")
    if len(parts) < len(segments) or (pattern.endswith("/") and len(parts) == len(segments)):
        return False
    return all(fnmatchcase(part, segment) for part, segment in zip(parts, segments))


def owners_of(path: str, text: str | None = None) -> tuple[str, ...]:
    """The owners of `path`: the last matching rule's, or () when no rule matches."""
    owners: tuple[str, ...] = ()
    for pattern, who in rules(CODEOWNERS.read_text(encoding="utf-8") if text is None else text):
        if matches(pattern, path):
            owners = who
    return owners


def repository_paths() -> list[str]:
    """Every file that is or would be committed (tracked, or new and not ignored)."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True, text=True).stdout
    return sorted({line for line in listed.splitlines() if (ROOT / line).exists()})


def test_every_top_level_path_has_a_rule_of_its_own() -> None:
    """A rule naming the top-level entry itself: a new top-level folder cannot slip in unowned."""
    top_level = sorted({path.split("/")[0] + ("/" if "/" in path else "") for path in repository_paths()})
    assert top_level, "git listed no files"
    patterns = [pattern for pattern, _ in rules(CODEOWNERS.read_text(encoding="utf-8"))]
    unowned = [entry for entry in top_level
               if not any(matches(pattern, entry.rstrip("/") + ("/x" if entry.endswith("/") else ""))
                          and pattern.strip("/").count("/") == 0 for pattern in patterns)]
    assert unowned == [], f"no CODEOWNERS rule for these top-level paths: {unowned}"


def test_every_file_has_owners() -> None:
    unowned = [path for path in repository_paths() if not owners_of(path)]
    assert unowned == [], unowned[:20]


@pytest.mark.parametrize("path", CODE)
def test_code_needs_a_developer(path: str) -> None:
    owners = owners_of(path)
    assert owners == (DEVELOPERS,), f"{path}: {owners}"


@pytest.mark.parametrize("path", CONTENT)
def test_content_needs_a_writer_or_a_clinician(path: str) -> None:
    assert set(owners_of(path)) == {WRITERS, CLINICIANS}, path


@pytest.mark.parametrize("path", CLINICAL)
def test_clinical_safety_data_needs_a_clinician(path: str) -> None:
    assert owners_of(path) == (CLINICIANS,), path


def test_every_owner_is_one_of_the_three_teams() -> None:
    named = {owner for _, owners in rules(CODEOWNERS.read_text(encoding="utf-8")) for owner in owners}
    assert named == {DEVELOPERS, WRITERS, CLINICIANS}


def test_the_matcher_follows_the_last_rule_and_folder_patterns() -> None:
    """The matcher itself: a later rule wins, "dir/" needs something beneath, "*" stays in one segment."""
    text = "/data/ @a\n/data/x.yml @b\n/mkdocs*.yml @c\n/docs/ @d\n"
    assert owners_of("data/x.yml", text) == ("@b",) and owners_of("data/y.yml", text) == ("@a",)
    assert owners_of("mkdocs-es.yml", text) == ("@c",) and owners_of("sub/mkdocs.yml", text) == ()
    assert owners_of("docs", text) == () and owners_of("docs/a/b.md", text) == ("@d",)
