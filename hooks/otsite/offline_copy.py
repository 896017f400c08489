"""The offline copy as shipped in dist/ot-guide-offline.zip: what a reader opening it from disk needs, no more.

scripts/build.py builds site-offline/ (English at its root, each other language in its own
folder, Spanish in es/), trims each language's folder by the rules below, then zips it behind
one page whose file name says to open it first, in every language. The rules are rows
(a category, the files, why), over file names; the only edit inside a file drops the last
line of a script that points at a source map this trim removed. No MkDocs import here.
"""
from __future__ import annotations

import fnmatch
import re
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from .i18n import gettext_for
from .precache import SERVICE_WORKER, SUMMARY
from .search_assets import LUNR_FOLDER, SEARCH_INDEX, search_language_files, search_languages
from .web_manifest import ICONS, WEB_MANIFEST

SOURCE_MAPS = "source maps"
SEARCH_LANGUAGES = "search languages"
HOSTED_ONLY = "hosted only"

# (category, file pattern relative to a language's folder, why a reader of the copy on disk never needs it)
RULES: tuple[tuple[str, str, str], ...] = (
    (SOURCE_MAPS, "*.map", "developer tools read them, readers never do"),
    (HOSTED_ONLY, "sitemap.xml", "for search engines, which never see a copy on disk"),
    (HOSTED_ONLY, "sitemap.xml.gz", "for search engines"),
    (HOSTED_ONLY, "robots.txt", "for search engines"),
    (HOSTED_ONLY, "404.html", "a web server's 'not found' page"),
    (HOSTED_ONLY, WEB_MANIFEST, "installing the guide as an app needs a web address"),
    *((HOSTED_ONLY, f"assets/icons/{icon}", "an app icon only the web manifest lists") for icon, _size, _purpose in ICONS),
    (HOSTED_ONLY, "offline.html", "the page the hosted site's service worker shows for a page that was not saved"),
    (HOSTED_ONLY, SERVICE_WORKER, "the hosted site's service worker"),
    (HOSTED_ONLY, SUMMARY, "what the hosted site's save control downloads"),
    (HOSTED_ONLY, SEARCH_INDEX, "the hosted site's search index; from disk search reads search/search_index.js"),
    (HOSTED_ONLY, "assets/social-card.png", "the picture a shared link shows; a copy on disk has no address to share"),
    (HOSTED_ONLY, "api/*", "the content API (content_api.py) is for programs, which fetch it from the hosted site; "
                           "its ~170 KB would take the zip past its 1.6 MB budget for readers"),
)

# A script's or stylesheet's last line naming its source map (the Source Map format's convention).
_SOURCE_MAP_COMMENT = re.compile(rb"\n(?://# sourceMappingURL=(\S+)|/\*# sourceMappingURL=(\S+) \*/)\s*$")

ARCHIVE_FOLDER = "ot-guide-offline"  # the one folder at the zip's top
GUIDE_FOLDER = "guide"  # the site, inside it, next to the page to open first
_TEMPLATES = Path(__file__).parent / "templates"
_NOT_IN_FILE_NAMES = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


@dataclass(frozen=True)
class GuideLanguage:
    code: str  # "es"
    name: str  # the language's name in itself: "Español"
    site_name: str  # the guide's name in it: "Guía de terapia ocupacional"
    folder: str  # where its build sits in the copy: "" (the root) or "es"


@dataclass
class Trimmed:
    """What the trim removed, by category: relative path -> bytes."""

    removed: dict[str, dict[str, int]] = field(default_factory=dict)

    def add(self, category: str, relative: str, size: int) -> None:
        self.removed.setdefault(category, {})[relative] = size


def rule_for(relative: str, languages: tuple[str, ...]) -> str | None:
    """The category that removes `relative` (a path in a language's folder) from the copy, or None to keep it."""
    for category, pattern, _why in RULES:
        if fnmatch.fnmatchcase(relative, pattern):
            return category
    if relative.startswith(LUNR_FOLDER) and relative[len(LUNR_FOLDER):] not in search_language_files(languages):
        return SEARCH_LANGUAGES
    return None


def trim(site: Path, folders: Iterable[str]) -> Trimmed:
    """Remove from each language folder of `site` ("" for the root, "es") what its readers never need; in place."""
    roots = [site / folder for folder in folders]
    trimmed = Trimmed()
    for root in roots:
        languages = search_languages(root)  # read before the rules remove the index it is read from
        for path in _own_files(root, [other for other in roots if other != root and other.is_relative_to(root)]):
            category = rule_for(path.relative_to(root).as_posix(), languages)
            if category:
                trimmed.add(category, path.relative_to(site).as_posix(), path.stat().st_size)
                path.unlink()
    for path in site.rglob("*"):
        if path.is_file():
            _drop_dangling_source_map_comment(path)
    return trimmed


def _own_files(root: Path, nested: list[Path]) -> Iterator[Path]:
    """The files of one language's folder, not those of a language built inside it (the root holds es/)."""
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(path.is_relative_to(other) for other in nested):
            yield path


def _drop_dangling_source_map_comment(path: Path) -> None:
    """A script's last line `//# sourceMappingURL=x.map` goes with x.map, or devtools log a missing file."""
    if path.suffix not in (".js", ".css"):
        return
    data = path.read_bytes()
    match = _SOURCE_MAP_COMMENT.search(data)
    if match and not (path.parent / (match.group(1) or match.group(2)).decode("utf-8", "replace")).is_file():
        path.write_bytes(data[: match.start()] + b"\n")


def open_first_name(languages: Iterable[GuideLanguage]) -> str:
    """The entry page's file name, in every language: "Open this first - Abra esto primero.html"."""
    words = dict.fromkeys(_open_this_first(lang.code) for lang in languages)  # once each, in the languages' order
    return " - ".join(word for word in words if word) + ".html"


def _open_this_first(language: str) -> str:
    _ = gettext_for(language)
    return _NOT_IN_FILE_NAMES.sub(" ", _("Open this first")).strip()  # a translation's "/" must not make a folder


def open_first_page(languages: list[GuideLanguage]) -> str:
    """The entry page: the guide's name and a link to its home page in each language."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True)
    links = [(lang, f"{GUIDE_FOLDER}/{lang.folder + '/' if lang.folder else ''}index.html") for lang in languages]
    return env.get_template("open_first.html.j2").render(languages=languages, links=links)


def write_archive(site: Path, archive: Path, languages: list[GuideLanguage]) -> Path:
    """The zip: ot-guide-offline/<open first>.html beside ot-guide-offline/guide/ (the site). Written beside
    `archive` first, then moved over it, so a failure never leaves half a zip."""
    partial = archive.with_name(archive.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zipped:
        zipped.writestr(f"{ARCHIVE_FOLDER}/{open_first_name(languages)}", open_first_page(languages))
        for path in sorted(site.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{ARCHIVE_FOLDER}/{GUIDE_FOLDER}/{path.relative_to(site).as_posix()}")
    partial.replace(archive)
    return archive
