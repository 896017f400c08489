"""What "Save this guide for offline reading" downloads: the list of files, their hashes, the size.

The hosted build walks its finished output folder and lists every page and
asset a reader needs with no network, each with a content hash that Workbox
uses as the file's revision. Clinic pages are saved only within a budget (the
finder's data, which holds every clinic, is always saved): above it, the reader
picks the clinics nearest a ZIP code from the list in offline-manifest.json. The cache name is a
hash of the whole list, so a new deployment gets new caches and the old ones
are deleted. No MkDocs import here: hooks/offline_app_hook.py is the adapter.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .script_data import fill
from .search_assets import LUNR_FOLDER, search_language_files

MB = 1_000_000
# The whole save stays near this size: clinic pages are added while they fit.
SAVE_BUDGET = 10 * MB
SERVICE_WORKER = "sw.js"
SUMMARY = "offline-manifest.json"
# Never saved: source maps, files for search engines and share previews, the
# service worker's own scripts (the browser keeps those itself), the 404 page
# (its links are absolute) and the offline copy's search shim. Nor the content API (api/, content_api.py): it is
# for programs that reuse the text, which fetch it from the server; no page reads it, so saving it would only
# make every reader's download bigger.
_SKIPPED_NAMES = {SERVICE_WORKER, SUMMARY, "404.html", "sitemap.xml", "sitemap.xml.gz", "robots.txt", "CNAME", ".nojekyll"}
_SKIPPED_PREFIXES = ("assets/vendor/", "assets/social-card", "api/")
# Every script the service worker runs besides itself: Workbox's loader and the modules sw.js uses,
# imported up front so the loader never fetches another; each must be a verified vendored file.
WORKBOX_FOLDER = "assets/vendor/workbox/"
WORKBOX_IMPORTS = tuple(WORKBOX_FOLDER + name for name in (
    "workbox-sw.js", "workbox-core.prod.js", "workbox-routing.prod.js", "workbox-strategies.prod.js", "workbox-precaching.prod.js"))


@dataclass(frozen=True)
class Entry:
    url: str  # relative to the site root, percent-encoded as MkDocs links it and a browser asks for it ("a%23b.png")
    revision: str  # first 16 hex digits of the file's sha256
    size: int


@dataclass(frozen=True)
class Manifest:
    entries: tuple[Entry, ...]
    clinic_pages: int  # clinic pages in the site
    saved_clinic_pages: int  # clinic pages within the budget
    clinics: tuple[Entry, ...] = ()  # every clinic page: above the budget the reader picks an area from these
    room: int = 0  # bytes left for clinic pages after everything else

    @property
    def over_budget(self) -> bool:
        return self.saved_clinic_pages < self.clinic_pages

    @property
    def fixed_entries(self) -> tuple[Entry, ...]:
        """What every save downloads: above the budget, clinic pages come from the reader's chosen area instead."""
        if not self.over_budget:
            return self.entries
        clinics = set(self.clinics)  # a set: a tuple here made every save list quadratic in the clinic count
        return tuple(e for e in self.entries if e not in clinics)

    @property
    def total_bytes(self) -> int:
        return sum(entry.size for entry in self.entries)

    @property
    def build(self) -> str:
        """A hash of every URL and revision: it changes whenever any saved file does."""
        lines = [f"{entry.url} {entry.revision}" for entry in self.fixed_entries]
        if self.over_budget:  # clinic pages a reader may choose: a change to any of them is a new build too
            lines += [f"? {entry.url} {entry.revision}" for entry in self.clinics]
        text = "\n".join(lines)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def build_manifest(site: Path, directory_urls: bool = True, budget: int = SAVE_BUDGET, languages: tuple[str, ...] = ("en",),
                   skipped_folders: tuple[str, ...] = ()) -> Manifest:
    """Every file a reader needs offline in the built `site`, with clinic pages cut to `budget`.
    `skipped_folders` ("es/") hold another language's guide, saved by its own worker."""
    files = sorted(path for path in site.rglob("*") if path.is_file())
    core: list[Entry] = []
    clinics: list[Entry] = []
    for path in files:
        relative = path.relative_to(site).as_posix()
        if not _wanted(relative, languages) or relative.startswith(skipped_folders):
            continue
        entry = _entry(path, relative, directory_urls)
        (clinics if _is_clinic_page(relative) else core).append(entry)
    room = budget - sum(entry.size for entry in core)
    saved: list[Entry] = []
    for entry in clinics:  # in path order: a reader can tell which were saved from the A-Z list
        if entry.size > room:
            break
        saved.append(entry)
        room -= entry.size
    return Manifest(tuple(core + saved), len(clinics), len(saved), tuple(clinics), budget - sum(entry.size for entry in core))


def _wanted(relative: str, languages: tuple[str, ...]) -> bool:
    name = relative.rsplit("/", 1)[-1]
    if name in _SKIPPED_NAMES or relative.endswith(".map") or relative.startswith(_SKIPPED_PREFIXES):
        return False
    if relative.startswith(LUNR_FOLDER):  # search loads only its own languages' files (none for English alone)
        return relative[len(LUNR_FOLDER):] in search_language_files(languages)
    return True


def _is_clinic_page(relative: str) -> bool:
    parts = relative.split("/")
    return parts[0] == "clinics" and parts[-1].endswith(".html") and relative not in ("clinics/index.html", "clinics.html")


def _entry(path: Path, relative: str, directory_urls: bool) -> Entry:
    data = path.read_bytes()
    url = relative
    if directory_urls and (relative == "index.html" or relative.endswith("/index.html")):
        url = relative[: -len("index.html")] or "./"
    # Encoded as MkDocs encodes a file's URL: "#", "?", quotes, spaces, newlines and non-ASCII never
    # reach Workbox as a fragment, a query or a different string from the one a page links to.
    return Entry(quote(url), hashlib.sha256(data).hexdigest()[:16], len(data))


def summary_json(manifest: Manifest, date: str) -> str:
    """offline-manifest.json: what the save control tells the reader before anything downloads.

    Above the budget it also lists every clinic page (slug, url, revision, size) and the
    room left for them, so the page can pick the clinics nearest the reader's ZIP code.
    """
    summary: dict[str, object] = {
        "build": manifest.build, "date": date, "bytes": manifest.total_bytes, "files": len(manifest.entries),
        "clinic_pages": manifest.clinic_pages, "saved_clinic_pages": manifest.saved_clinic_pages,
    }
    # What the site root's worker saves of this language when it saves the whole guide (urls relative to this
    # language's folder): each language is a build of its own, so its list is read from here, not from sw.js.
    summary["entries"] = [{"url": e.url, "revision": e.revision} for e in manifest.fixed_entries]
    if manifest.over_budget:
        summary["room"] = manifest.room
        summary["clinics"] = [{"slug": _slug(e.url), "url": e.url, "revision": e.revision, "size": e.size} for e in manifest.clinics]
    return json.dumps(summary, indent=1) + "\n"


def _slug(url: str) -> str:
    """The clinic's slug from its page URL: clinics/<slug>/ or clinics/<slug>.html."""
    part = url.split("/")[1]
    return part[: -len(".html")] if part.endswith(".html") else part


def service_worker(manifest: Manifest, date: str, template: str, imports: tuple[str, ...] = WORKBOX_IMPORTS,
                   folders: tuple[str, ...] = ()) -> str:
    """sw.js: the template with one JSON value (this build's id and date, the scripts to import,
    the file list, the other languages' `folders` ("es/"), whose lists it reads from their offline-manifest.json
    when the reader saves) in place of its one placeholder; the caller checks `imports` are verified files."""
    entries = [{"url": entry.url, "revision": entry.revision} for entry in manifest.fixed_entries]
    clinics = [{"url": entry.url, "revision": entry.revision} for entry in manifest.clinics] if manifest.over_budget else []
    return fill(template, {"build": manifest.build, "date": date, "imports": list(imports), "workbox": WORKBOX_FOLDER,
                           "files": entries, "clinics": clinics, "folders": list(folders)})
