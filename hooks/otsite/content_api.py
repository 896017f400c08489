"""The open content API: every condition and topic page as JSON, with an index and a JSON Schema.

Published by each language's build under its own folder of the site: English at api/v1/,
Spanish at es/api/v1/ (README.md, "Reuse the content", documents the layout and fields).
Each emergency is one file (red-flags/<id>.json) that pages' red flags link to: its signs
and steps once, not again on every page that names it (the offline zip has a size budget).
Every address in a file is given twice: `path`, from the whole site's root ("es/conditions/stroke/"),
and `url`, absolute, or null when the site has no address (the offline copy).

Text comes from the data and the pages' front matter, never from rendered HTML: plain text.
JSON is written with <, > and & escaped (sanitize.script_json), so no value can be read as markup.
A draft says so (`status`, `draft`) and names no reviewer. No MkDocs import, no I/O beyond
reading the schemas it publishes: the adapter passes in the Site, the page records and the settings.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .emergencies import page_url
from .emergency_levels import HELP_LINES, level_actions
from .languages import SOURCE_LANGUAGE, language_prefix, root_site_url
from .model import EmergencySign, Site, Source
from .page_records import PageRecord
from .rendering import CLINIC_SAMPLE_NOTE, CLINICS_LISTED_PER_CONDITION, clinics_for, signs_for
from .review import DRAFT, REVIEWED, is_draft
from .sanitize import script_json

API_VERSION = 1
API_FOLDER = f"api/v{API_VERSION}/"  # under each language's folder of the site
SCHEMA_SOURCE = Path(__file__).resolve().parents[2] / "schemas" / "api" / f"v{API_VERSION}"
SCHEMAS = ("index", "page", "red-flag")  # published as <API_FOLDER>schema/<name>.schema.json
HOME_PAGE = "index.md"  # the home page introduces the site: not a topic
# page type -> its folder in the API
KINDS = {"condition": "conditions", "topic": "topics"}
# Each emergency once, with its signs, steps and sources; a page's red flags link to it (not repeated on every page).
RED_FLAGS = "red-flags"
HELP_LEVELS = ("emergency", "urgent", "routine")  # front matter get_help, most urgent first


@dataclass(frozen=True)
class ApiSettings:
    language: str  # this build's language
    languages: tuple[str, ...] = (SOURCE_LANGUAGE,)  # every language the site is built in
    site_url: str = ""  # this build's address (a translation's ends in "es/"); "" for a copy on disk
    directory_urls: bool = True  # as in mkdocs.yml: conditions/stroke/, or conditions/stroke.html offline

    @property
    def root_url(self) -> str:
        """The whole site's address, ending in "/", or ""."""
        base = root_site_url(self.site_url, self.language)
        return base.rstrip("/") + "/" if base else ""


@dataclass(frozen=True)
class ContentPage:
    kind: str  # a key of KINDS
    slug: str  # conditions: the data's slug; topics: the page's path without its suffix
    record: PageRecord


def api_files(site: Site, records: list[PageRecord], settings: ApiSettings) -> dict[str, bytes]:
    """{path under this language's pages folder: JSON} for the API's index, every page, every red flag and the schemas."""
    pages = content_pages(site, records)
    files = {_api_path(KINDS[page.kind], page.slug): _json(page_document(site, page, settings)) for page in pages}
    files |= {_api_path(RED_FLAGS, sign.id): _json(red_flag_document(sign, settings)) for sign in site.emergencies}
    files[f"{API_FOLDER}index.json"] = _json(index_document(site, pages, settings))
    files |= {f"{API_FOLDER}schema/{name}.schema.json": (SCHEMA_SOURCE / f"{name}.schema.json").read_bytes() for name in SCHEMAS}
    return files


def content_pages(site: Site, records: list[PageRecord]) -> list[ContentPage]:
    """The condition and topic pages among `records`, conditions first, each in path order."""
    found = [page for page in (_content_page(site, record) for record in records) if page is not None]
    return sorted(found, key=lambda page: (list(KINDS).index(page.kind), page.record.path))


def _content_page(site: Site, record: PageRecord) -> ContentPage | None:
    folder, _, name = record.path.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    if folder == "conditions":  # the other pages there are the build's own lists
        return ContentPage("condition", stem, record) if site.has_condition(stem) else None
    if record.path == HOME_PAGE or record.meta.get("app_page") or not isinstance(record.meta.get("review"), dict):
        return None
    return ContentPage("topic", record.path.rsplit(".", 1)[0], record)


def page_document(site: Site, page: ContentPage, settings: ApiSettings) -> dict[str, Any]:
    """One page's record: what it is, its review state, red flags, sources and addresses."""
    meta, condition = page.record.meta, site.condition(page.slug) if page.kind == "condition" else None
    review = meta["review"]
    document: dict[str, Any] = {
        "api_version": API_VERSION, "type": page.kind, "slug": page.slug, "language": settings.language,
        "translated": page.record.translated,
        "title": _title(site, page),
        "also_called": list(condition.aliases) if condition else [],
        "summary": condition.summary if condition else _text(meta.get("description")),
        "description": _text(meta.get("description")),
        "status": _status(review), "draft": is_draft(review),
        "review": review_document(review),
        "red_flags": [red_flag(sign, settings) for sign in signs_for(site, _strings(meta.get("emergencies")))],
        "when_to_get_help": {level: _strings(lines) for level, lines in (meta.get("get_help") or {}).items() if level in HELP_LEVELS},
        "sources": [_source(source) for source in review.get("sources") or []],
        "shows_sample_clinics": _shows_sample_clinics(site, page),
        "page": _link(_page_path(page.record.path, settings.language, settings), settings),
        "api": _link(_api_path(KINDS[page.kind], page.slug, settings.language), settings),
        "other_languages": [{"language": code, "page": _link(_page_path(page.record.path, code, settings), settings),
                             "api": _link(_api_path(KINDS[page.kind], page.slug, code), settings)}
                            for code in settings.languages if code in page.record.other_languages],
    }
    if isinstance(meta.get("translation"), dict):
        document["translation"] = translation_document(meta["translation"])
    return document


def review_document(review: dict[str, Any]) -> dict[str, Any]:
    """The review state and dates; a reviewer only for a clinically reviewed page."""
    if is_draft(review):
        return {"status": DRAFT, "written": _text(review.get("written")), "next_review": _text(review.get("next_review"))}
    return {"status": REVIEWED, "last_reviewed": _text(review.get("last_reviewed")), "next_review": _text(review.get("next_review")),
            "reviewed_by": {key: _text(review.get(key)) for key in ("reviewer", "credential", "license")}}


def translation_document(translation: dict[str, Any]) -> dict[str, Any]:
    """A translated page's own state: draft (pending a medical translator's review) or reviewed."""
    fields = ("status", "translated", "reviewer", "reviewed") if translation.get("status") == "reviewed" else ("status", "translated")
    return {key: _text(translation.get(key)) for key in fields}


def red_flag(sign: EmergencySign, settings: ApiSettings) -> dict[str, Any]:
    """An emergency a page warns about: what to do first (its level's action and help line), its notice, and
    where its signs and steps are (`api`: its red flag file; `page`: the page that says more)."""
    return {"id": sign.id, "title": sign.title, "level": sign.level, "action": level_actions(settings.language).get(sign.level, ""),
            "help_line": HELP_LINES.get(sign.level), "notice": sign.notice,
            "page": _link(_page_path(sign.page, settings.language, settings), settings) if sign.page else None,
            "api": _link(_api_path(RED_FLAGS, sign.id, settings.language), settings)}


def red_flag_document(sign: EmergencySign, settings: ApiSettings) -> dict[str, Any]:
    """An emergency's own file: what a page's red flag says, its signs, the first steps and its sources."""
    return {"api_version": API_VERSION, "type": "red_flag", "language": settings.language, **red_flag(sign, settings),
            "short_signs": list(sign.notice_signs), "signs": list(sign.signs), "steps": list(sign.steps),
            "sources": [_source(source) for source in sign.sources]}


def index_document(site: Site, pages: list[ContentPage], settings: ApiSettings) -> dict[str, Any]:
    """This language's list of pages, where each language's index and the schemas are."""
    prefix = language_prefix(settings.language) + API_FOLDER
    return {
        "api_version": API_VERSION, "type": "index", "language": settings.language,
        "languages": [{"language": code, "index": _link(f"{language_prefix(code)}{API_FOLDER}index.json", settings)}
                      for code in settings.languages],
        "schemas": {name: _link(f"{prefix}schema/{name}.schema.json", settings) for name in SCHEMAS},
        "pages": [_index_entry(site, page, settings) for page in pages],
        "red_flags": [{key: flag[key] for key in ("id", "title", "level", "action", "api")}
                      for flag in (red_flag(sign, settings) for sign in sorted(site.emergencies, key=lambda sign: sign.urgency))],
    }


def _index_entry(site: Site, page: ContentPage, settings: ApiSettings) -> dict[str, Any]:
    review = page.record.meta["review"]
    return {"type": page.kind, "slug": page.slug, "title": _title(site, page), "status": _status(review), "draft": is_draft(review),
            "page": _link(_page_path(page.record.path, settings.language, settings), settings),
            "api": _link(_api_path(KINDS[page.kind], page.slug, settings.language), settings)}


def _status(review: dict[str, Any]) -> str:
    """The review state a reader sees: anything but a clinical review is a draft (review.is_draft)."""
    return DRAFT if is_draft(review) else REVIEWED


def _title(site: Site, page: ContentPage) -> str:
    """A condition page's heading is its name in data/; a topic's is the writer's."""
    return site.condition(page.slug).name if page.kind == "condition" else page.record.title


def _shows_sample_clinics(site: Site, page: ContentPage) -> bool:
    """Whether the page lists made-up clinics (and says so): a condition page's first clinics, or a page's sample note."""
    if page.kind == "condition":
        return any(clinic.sample_data for clinic, _ in clinics_for(site, site.condition(page.slug))[:CLINICS_LISTED_PER_CONDITION])
    return CLINIC_SAMPLE_NOTE in page.record.body and bool(site.sample_clinics)


def _api_path(folder: str, slug: str, language: str = "") -> str:
    """A file of the API's `folder`: from the language's folder, or with `language`, from the site's root."""
    return f"{language_prefix(language) if language else ''}{API_FOLDER}{folder}/{slug}.json"


def _page_path(path: str, language: str, settings: ApiSettings) -> str:
    return language_prefix(language) + page_url(path, settings.directory_urls)


def _link(path: str, settings: ApiSettings) -> dict[str, str | None]:
    return {"path": path, "url": settings.root_url + path if settings.root_url else None}


def _source(source: Source | dict[str, Any]) -> dict[str, str]:
    get = source.get if isinstance(source, dict) else lambda key: getattr(source, key, "")
    return {key: _text(get(key)) for key in ("title", "publisher", "url", "accessed")}


def _text(value: Any) -> str:
    """A front matter value as text: YAML reads 2026-12-07 as a date."""
    return "" if value is None else str(value)


def _strings(value: Any) -> list[str]:
    return [str(item) for item in value] if isinstance(value, list) else []


def _json(document: dict[str, Any]) -> bytes:
    return (script_json(document) + "\n").encode("utf-8")
