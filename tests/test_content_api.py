"""The open content API (otsite/content_api.py): every condition and topic page of each language as JSON
under api/v1/ (Spanish: es/api/v1/), each red flag once, an index per language, a JSON Schema beside
them that every file passes, in the hosted site and the offline copy. Expectations come from the sources (data/,
docs/, docs-es/), never from the API's own output."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from conftest import ROOT, load_data
from otsite.content_api import ApiSettings, ContentPage, page_document
from otsite.front_matter import get_data_like_mkdocs, page_text
from otsite.loading import load_site
from otsite.offline_copy import HOSTED_ONLY, rule_for
from otsite.page_records import PageRecord
from otsite.precache import build_manifest

LANGUAGES = {"en": "", "es": "es/"}  # language -> its folder in the site
FOLDERS = {"en": ROOT / "docs", "es": ROOT / "docs-es"}
SITE_URL = "https://example.org/"  # mkdocs.yml's default, which the session builds use
API = "api/v1/"
SCHEMA_SOURCE = ROOT / "schemas" / "api" / "v1"
VARIANTS = ["hosted_site", "offline_site"]
SCHEMAS = ("index", "page", "red-flag")


def front_matter(language: str, relative: str) -> dict[str, Any]:
    _, meta = get_data_like_mkdocs(page_text((FOLDERS[language] / relative).read_bytes(), relative))
    return meta


def expected_pages(language: str) -> dict[str, set[str]]:
    """The condition slugs (data/conditions.yml) and topic pages (writers' pages outside conditions/, except
    the home page and the app's own pages) of a language, from the sources."""
    topics = {path.stem for path in FOLDERS[language].glob("*.md")
              if path.name != "index.md" and not front_matter(language, path.name).get("app_page")}
    return {"conditions": {item["slug"] for item in load_data("conditions")["conditions"]}, "topics": topics}


def emergency_ids() -> set[str]:
    return {item["id"] for item in load_data("emergency_signs")["emergencies"]}


def read_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def api_folder(site: Path, language: str) -> Path:
    return site / LANGUAGES[language] / API


def page_files(site: Path, language: str) -> dict[Path, dict[str, Any]]:
    """Every page's JSON (all of them, or the test fails here: a loop over no file would check nothing)."""
    folder = api_folder(site, language)
    files = {path: read_json(path) for kind in ("conditions", "topics") for path in sorted((folder / kind).glob("*.json"))}
    assert len(files) == sum(len(slugs) for slugs in expected_pages(language).values())
    return files


def red_flag_files(site: Path, language: str) -> dict[Path, dict[str, Any]]:
    files = {path: read_json(path) for path in sorted((api_folder(site, language) / "red-flags").glob("*.json"))}
    assert len(files) == len(emergency_ids())
    return files


def validator(site: Path, language: str, name: str) -> Draft202012Validator:
    """The schema the site publishes beside the files (checked equal to schemas/api/v1/ below)."""
    return Draft202012Validator(read_json(api_folder(site, language) / "schema" / f"{name}.schema.json"))


def built_page(site: Path, path: str) -> Path:
    """The HTML file a page address (from the site's root) is served from: conditions/stroke/ or conditions/stroke.html."""
    return site / path / "index.html" if path.endswith("/") or not path else site / path


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("variant", VARIANTS)
def test_every_condition_and_topic_page_has_its_json(variant: str, language: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(variant)
    folder = api_folder(site, language)
    found = {kind: {path.stem for path in (folder / kind).glob("*.json")} for kind in ("conditions", "topics")}
    assert found == expected_pages(language)
    assert {path.stem for path in (folder / "red-flags").glob("*.json")} == emergency_ids()
    assert (folder / "index.json").is_file()
    # the offline build has them; the zip's trim (scripts/build.py) leaves them out as hosted-only: they would take it past its budget
    assert {rule_for(path.relative_to(site / LANGUAGES[language]).as_posix(), (language,)) for path in folder.rglob("*") if path.is_file()} == {HOSTED_ONLY}


@pytest.mark.parametrize("variant", VARIANTS)
def test_every_published_file_validates_against_the_published_schema(variant: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(variant)
    for language in LANGUAGES:
        for name in SCHEMAS:
            published = read_json(api_folder(site, language) / "schema" / f"{name}.schema.json")
            assert published == read_json(SCHEMA_SOURCE / f"{name}.schema.json")
            Draft202012Validator.check_schema(published)
        files = page_files(site, language)
        assert len(files) == sum(len(slugs) for slugs in expected_pages(language).values())
        flags = red_flag_files(site, language)
        assert len(flags) == len(emergency_ids())
        index, pages, red_flag = (validator(site, language, name) for name in SCHEMAS)
        problems = [f"{path.relative_to(site)}: {error.json_path}: {error.message}"
                    for schema, documents in ((pages, files), (red_flag, flags))
                    for path, document in documents.items() for error in schema.iter_errors(document)]
        problems += [f"index: {error.json_path}: {error.message}" for error in index.iter_errors(read_json(api_folder(site, language) / "index.json"))]
        assert problems == []


@pytest.mark.parametrize("variant", VARIANTS)
def test_the_index_lists_every_page_and_each_address_resolves(variant: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(variant)
    for language, prefix in LANGUAGES.items():
        index = read_json(api_folder(site, language) / "index.json")
        assert index["language"] == language
        assert {entry["language"]: entry["index"]["path"] for entry in index["languages"]} == {
            code: f"{folder}{API}index.json" for code, folder in LANGUAGES.items()}
        listed = {(entry["type"], entry["slug"]) for entry in index["pages"]}
        expected = {(kind.removesuffix("s"), slug) for kind, slugs in expected_pages(language).items() for slug in slugs}
        assert listed == expected and len(index["pages"]) == len(expected)
        for entry in index["pages"]:
            document = read_json(site / entry["api"]["path"])
            assert (document["type"], document["slug"], document["language"]) == (entry["type"], entry["slug"], language)
            assert document["api"] == entry["api"] and document["page"] == entry["page"] and document["title"] == entry["title"]
            assert entry["page"]["path"].startswith(prefix) and built_page(site, entry["page"]["path"]).is_file(), entry
        assert {flag["id"] for flag in index["red_flags"]} == emergency_ids() and len(index["red_flags"]) == len(emergency_ids())
        for flag in index["red_flags"]:
            assert read_json(site / flag["api"]["path"])["id"] == flag["id"]
        assert set(index["schemas"]) == set(SCHEMAS)
        for link in index["schemas"].values():
            assert (site / link["path"]).is_file()


def test_addresses_are_absolute_on_the_hosted_site_and_relative_only_offline(hosted_site: Path, offline_site: Path) -> None:
    for site, absolute in ((hosted_site, True), (offline_site, False)):
        for language in LANGUAGES:
            for path, document in {**page_files(site, language), **red_flag_files(site, language)}.items():
                flags = document.get("red_flags", [document])
                links = [document["api"], *(flag["api"] for flag in flags), *(flag["page"] for flag in flags if flag["page"])]
                if document["type"] != "red_flag":
                    links.append(document["page"])
                    assert document["page"]["path"].endswith("/" if absolute else ".html")
                for link in links:
                    assert link["url"] == (SITE_URL + link["path"] if absolute else None), path
                    assert (site / link["path"]).exists(), link
                assert document["api"]["path"] == path.relative_to(site).as_posix()


def test_each_page_names_its_other_language_equivalent_and_it_resolves(hosted_site: Path) -> None:
    for language in LANGUAGES:
        (other,) = [code for code in LANGUAGES if code != language]
        for path, document in page_files(hosted_site, language).items():
            (equivalent,) = document["other_languages"]
            assert equivalent["language"] == other
            theirs = read_json(hosted_site / equivalent["api"]["path"])
            assert (theirs["type"], theirs["slug"], theirs["language"]) == (document["type"], document["slug"], other)
            assert theirs["page"] == equivalent["page"] and built_page(hosted_site, equivalent["page"]["path"]).is_file()
            assert f'lang="{other}"' in built_page(hosted_site, equivalent["page"]["path"]).read_text(encoding="utf-8")[:300]
            assert [mine["api"] for mine in theirs["other_languages"]] == [document["api"]]  # and back


def _source_of(language: str, document: dict[str, Any]) -> str:
    return f"conditions/{document['slug']}.md" if document["type"] == "condition" else f"{document['slug']}.md"


def test_review_state_and_sources_come_from_the_front_matter_and_a_draft_says_draft(hosted_site: Path) -> None:
    for language in LANGUAGES:
        for path, document in page_files(hosted_site, language).items():
            review = front_matter(language, _source_of(language, document))["review"]
            assert review["status"] == "draft", "every page is a draft today: this test expects it to say so"
            assert (document["status"], document["draft"], document["review"]["status"]) == ("draft", True, "draft"), path
            assert "reviewed_by" not in document["review"] and "last_reviewed" not in document["review"], path
            assert document["review"]["written"] == str(review["written"]) and document["review"]["next_review"] == str(review["next_review"])
            assert document["sources"] == [{key: str(source[key]) for key in ("title", "publisher", "url", "accessed")}
                                           for source in review["sources"]]


def test_red_flags_are_the_pages_emergencies_with_the_action_the_page_shows(hosted_site: Path) -> None:
    """Each page's red flags are its front matter's emergencies, in order, with the heading the page's notice gives
    their level; each red flag's own file has the data's signs and steps."""
    signs = {language: {item["id"]: item | (item.get("es") or {} if language == "es" else {})
                        for item in load_data("emergency_signs")["emergencies"]} for language in LANGUAGES}
    checked = 0
    for language in LANGUAGES:
        for path, document in page_files(hosted_site, language).items():
            meta = front_matter(language, _source_of(language, document))
            assert [flag["id"] for flag in document["red_flags"]] == list(meta.get("emergencies") or []), path
            assert document["when_to_get_help"] == {level: list(lines) for level, lines in (meta.get("get_help") or {}).items()}
            page = built_page(hosted_site, document["page"]["path"]).read_text(encoding="utf-8")
            notice = page[page.find('class="ot-emergency"'):]
            for flag in document["red_flags"]:
                sign = signs[language][flag["id"]]
                assert (flag["level"], flag["notice"], flag["title"]) == (sign["level"], sign["notice"], sign["title"])
                own = read_json(hosted_site / flag["api"]["path"])
                assert (own["id"], own["signs"], own["steps"], own["action"]) == (flag["id"], sign["signs"], sign["steps"], flag["action"])
                assert f"<strong>{flag['action']}</strong>" in notice, (path, flag["action"])  # the heading the page gives its level
                assert flag["help_line"] == {"call-911": "911", "crisis-line": "988"}.get(flag["level"])
                checked += 1
    assert checked > 50


def test_condition_names_and_plain_text_come_from_the_data(hosted_site: Path) -> None:
    conditions = {item["slug"]: item for item in load_data("conditions")["conditions"]}
    for language in LANGUAGES:
        for path, document in {**page_files(hosted_site, language), **red_flag_files(hosted_site, language)}.items():
            raw = path.read_text(encoding="utf-8")
            assert "<" not in raw and ">" not in raw  # written as \u003c: no value can be read as markup
            strings = _strings(document)
            assert not [text for text in strings if re.search(r"</?[a-zA-Z][^>]*>|&[a-z]+;|&#", text)], path
            if document["type"] == "red_flag":
                continue
            if document["type"] == "condition":
                item = conditions[document["slug"]]
                fields = item | (item.get("es") or {}) if language == "es" else item
                assert (document["title"], document["summary"], document["also_called"]) == (fields["name"], fields["summary"], fields.get("aliases", []))
            else:
                heading = re.search(r"^# (.+?)(?: \{[^}]*\})?$", (FOLDERS[language] / f"{document['slug']}.md").read_text(encoding="utf-8"), re.M)
                assert document["title"] == heading.group(1)


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in _strings(item)]
    return []


def test_the_service_worker_does_not_save_the_api(hosted_site: Path) -> None:
    """The API is for programs reusing the text; saving it would only make every reader's download bigger."""
    assert (hosted_site / API / "index.json").is_file()
    listed = [entry["url"] for entry in read_json(hosted_site / "offline-manifest.json")["entries"]]
    assert listed and not [url for url in listed if url.startswith("api/")]
    assert not [entry.url for entry in build_manifest(hosted_site).entries if entry.url.startswith("api/")]


BROKEN = {  # (the file, what breaks it)
    "draft-false": ("conditions/stroke", lambda d: d.update(draft=False)),  # a draft claiming not to be one
    "draft-names-reviewer": ("conditions/stroke", lambda d: d["review"].update(reviewed_by={"reviewer": "A. Person", "credential": "OTR/L", "license": "OT 12345"})),
    "status-claims-review": ("conditions/stroke", lambda d: d.update(status="clinically reviewed")),  # while its review block says draft
    "no-red-flags": ("conditions/stroke", lambda d: d.pop("red_flags")),
    "unknown-level": ("conditions/stroke", lambda d: d["red_flags"][0].update(level="whenever")),
    "rooted-path": ("conditions/stroke", lambda d: d["page"].update(path="/conditions/stroke/")),
    "source-without-url": ("conditions/stroke", lambda d: d["sources"][0].pop("url")),
    "other-version": ("conditions/stroke", lambda d: d.update(api_version=2)),
    "empty-title": ("topics/caregivers", lambda d: d.update(title=" ")),
    "flag-without-steps": ("red-flags/stroke", lambda d: d.update(steps=[])),
    "flag-without-action": ("red-flags/stroke", lambda d: d.pop("action")),
}


@pytest.mark.parametrize("case", BROKEN)
def test_the_schema_rejects_a_broken_file(hosted_site: Path, case: str) -> None:
    name, break_it = BROKEN[case]
    document = read_json(api_folder(hosted_site, "en") / f"{name}.json")
    schema = validator(hosted_site, "en", "red-flag" if name.startswith("red-flags/") else "page")
    assert list(schema.iter_errors(document)) == []
    broken = copy.deepcopy(document)
    break_it(broken)
    assert list(schema.iter_errors(broken)) != []


REVIEWED = {"status": "clinically reviewed", "last_reviewed": "2026-11-21", "next_review": "2027-11-21", "reviewer": "Dana Example",
            "credential": "OTR/L, CHT", "license": "OT 123456",
            "sources": [{"publisher": "MedlinePlus", "title": "Stroke", "url": "https://medlineplus.gov/stroke.html", "accessed": "2026-11-20"}]}


def test_only_a_clinically_reviewed_page_names_its_reviewer() -> None:
    """The core alone: a reviewed page's record names reviewer and date; a draft (even one whose
    front matter wrongly names a reviewer) says draft and names nobody. Both pass the schema."""
    site = load_site(ROOT)
    schema = Draft202012Validator(read_json(SCHEMA_SOURCE / "page.schema.json"))
    settings = ApiSettings("en")
    draft = REVIEWED | {"status": "draft", "written": "2026-11-20"}
    for review, reviewed in ((REVIEWED, True), (draft, False)):
        record = PageRecord("conditions/stroke.md", "", {"description": "A page.", "review": review, "emergencies": ["stroke"]})
        document = page_document(site, ContentPage("condition", "stroke", record), settings)
        assert list(schema.iter_errors(document)) == []
        assert document["draft"] is not reviewed and document["status"] == review["status"]
        assert ("reviewed_by" in document["review"]) is reviewed and ("last_reviewed" in document["review"]) is reviewed
        assert "Dana Example" in json.dumps(document) if reviewed else "Dana Example" not in json.dumps(document)
