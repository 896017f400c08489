"""The export as a whole site: every page (writers' and generated) in every language, the assets,
configurations for a hosted and an offline copy, and a plain theme folder, so a stock generator
(MkDocs with Material, or Zensical) builds the guide with no hooks.

What the hook build's theme adds to a page is written into the page itself, as HTML any
generator passes through: the link to the same page in each other language, the draft notice
and the review block (rendered from the project's own partials, overrides/partials/). Links in
the pages depend on the address style (clean URLs or .html files), so each style gets its own
pages folder:

    mkdocs.yml          docs/             -> site/             (MkDocs, clean URLs)
    mkdocs-es.yml       docs-es/          -> site/es/
    mkdocs-offline.yml  docs-html/        -> site-offline/     (MkDocs or Zensical: the offline copy)
    zensical.yml        docs-html/        -> site/             (Zensical, hosted, .html addresses)
    ...
    overrides/          the plain theme: the footer, the finder's page, no visible search words
"""
from __future__ import annotations

import html
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from .emergencies import page_url
from .export import page_sources, portable_files
from .export_config import export_config, write_config
from .front_matter import get_data_like_mkdocs
from .i18n import install_theme
from .languages import SOURCE_LANGUAGE, alternates, docs_folder, language_prefix
from .loading import GENERATED_PAGES
from .markdown_source import default_excluded
from .model import Site
from .page_checks import split_front_matter
from .rendering import _after_title as after_title, search_terms  # the one rule for "after the title"
from .vendored import RECORD

THEME_FILES = Path(__file__).resolve().parent / "export_theme"  # the export's own plain overrides
THEME_PAGES = ("finder.html",)  # the project's page templates that need no hook (overrides/)
ASSETS = "assets"  # overrides/assets/ (the theme's files) go to each pages folder's assets/


@dataclass(frozen=True)
class Edition:
    """One build of the export: a language, and how it is published (a row of EDITION_KINDS)."""

    language: str
    kind: str  # "hosted", "offline" or "zensical"

    @property
    def config(self) -> str:
        """Its configuration's file name, as the project names its own: mkdocs-offline-es.yml."""
        return EDITION_KINDS[self.kind]["config"] + ("" if self.language == SOURCE_LANGUAGE else f"-{self.language}") + ".yml"

    @property
    def project_config(self) -> str:
        """The project's configuration it is made from."""
        return EDITION_KINDS[self.kind]["from"] + ("" if self.language == SOURCE_LANGUAGE else f"-{self.language}") + ".yml"

    @property
    def directory_urls(self) -> bool:
        return self.kind == "hosted"

    @property
    def pages(self) -> str:
        """Its pages folder: docs/ and docs-es/ for clean URLs, docs-html/ and docs-html-es/ for .html addresses."""
        return docs_folder(self.language).replace("docs", "docs" if self.directory_urls else "docs-html", 1)

    @property
    def site(self) -> str:
        """Where it builds to, as scripts/build.py assembles the site: each language under its own folder."""
        return EDITION_KINDS[self.kind]["site"] + language_prefix(self.language)

    @property
    def offline(self) -> bool:
        return self.kind == "offline"


# Zensical reads a relative link in a page's HTML from the page's source file, MkDocs from the page's
# address; the two agree where both are in one folder: with .html addresses. So Zensical's hosted
# copy has .html addresses (zensical.yml), and its offline copy is mkdocs-offline.yml, as MkDocs's.
EDITION_KINDS = {
    "hosted": {"config": "mkdocs", "from": "mkdocs", "site": "site/"},
    "offline": {"config": "mkdocs-offline", "from": "mkdocs-offline", "site": "site-offline/"},
    "zensical": {"config": "zensical", "from": "mkdocs", "site": "site/"},
}


def editions(languages: tuple[str, ...]) -> list[Edition]:
    return [Edition(language, kind) for kind in EDITION_KINDS for language in languages]


def edition_files(root: Path, site: Site, edition: Edition, languages: dict[str, str], site_url: str) -> dict[str, str | Path]:
    """{path in the edition's pages folder: text, or the file to copy} for everything its build needs;
    `site_url` its configuration's address."""
    files: dict[str, str | Path] = dict(_theme_assets(root))
    files.update(_content_files(root, site.language))
    changed = portable_files(root, site, edition.directory_urls, site_url, tuple(languages))
    pages = {path: source.read_text(encoding="utf-8") for path, source in page_sources(root, site.language).items()}
    pages.update(changed)
    theme = _theme(root, site.language)
    for path, text in pages.items():
        if path.endswith(".md"):
            words = [] if path in GENERATED_PAGES else search_terms(site, path, get_data_like_mkdocs(text)[1])
            files[path] = with_theme_parts(text, path, edition, languages, theme, words)
        else:
            files[path] = text  # the generated assets
    return files


def with_theme_parts(text: str, path: str, edition: Edition, languages: dict[str, str], theme: jinja2.Environment,
                     search_words: list[str]) -> str:
    """A page with what the hook build's theme adds around it, written into its Markdown."""
    front, body = split_front_matter(text)
    meta = get_data_like_mkdocs(text)[1]
    top = [language_links(path, edition, languages)]
    bottom = []
    if meta.get("review") and not meta.get("app_page"):  # an app page (the offline page) is no health content
        top.append(_flat(theme.get_template("partials/ot-draft-notice.html").render(page={"meta": meta}, config=_config(edition))))
        bottom.append(_flat(theme.get_template("partials/ot-review.html").render(page={"meta": meta}, config=_config(edition))))
    if search_words and "tags" not in meta:  # the hook's search tags: found by search, never shown (overrides/partials/tags.html)
        front += f"tags: {_json_list(search_words)}\n"
    body = _after_heading(body, "\n\n".join(part for part in top if part))
    body = "\n\n".join([body.rstrip("\n"), *bottom]) + "\n"
    return f"---\n{front}---\n\n{body}" if front else body


def language_links(path: str, edition: Edition, languages: dict[str, str]) -> str:
    """Links to this page in each other language, relative so they work from disk too."""
    links = [f'<a href="{html.escape(alt.href)}" hreflang="{alt.language}" lang="{alt.language}">{html.escape(alt.name)}</a>'
             for alt in alternates(page_url(path, edition.directory_urls), edition.language, languages, "") if not alt.current]
    return f'<p class="ot-page-languages">{" · ".join(links)}</p>' if links else ""


def write_export(root: Path, sites: dict[str, Site], languages: dict[str, str], target: Path) -> int:
    """Write the whole export into `target` (a new folder); returns the number of files written."""
    written, folders = 0, set()
    for edition in editions(tuple(sites)):
        site = sites[edition.language]
        config = export_config(root, site, edition.project_config, edition.pages, edition.site,
                               offline=edition.offline, directory_urls=edition.directory_urls)
        if edition.pages not in folders:  # one pages folder per address style: two kinds share docs-html/
            folders.add(edition.pages)
            for path, content in edition_files(root, site, edition, languages, config["site_url"]).items():
                _write(target / edition.pages / path, content)
                written += 1
        write_config(target / edition.config, config)
        written += 1
    written += _write_theme(root, target / "overrides")
    return written


def _write_theme(root: Path, target: Path) -> int:
    files = {path.relative_to(THEME_FILES).as_posix(): path for path in THEME_FILES.rglob("*.html")}
    files.update({name: root / "overrides" / name for name in THEME_PAGES})
    for relative, source in files.items():
        _write(target / relative, source)
    return len(files)


def _write(destination: Path, content: str | Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, Path):
        shutil.copyfile(content, destination)
    else:
        destination.write_text(content, encoding="utf-8")


def _theme_assets(root: Path) -> dict[str, Path]:
    """The site's own scripts, styles and pictures (overrides/assets/), which the hook build's theme publishes."""
    folder = root / "overrides" / ASSETS
    return {f"{ASSETS}/{path.relative_to(folder).as_posix()}": path for path in sorted(folder.rglob("*"))
            if path.is_file() and path.name != RECORD}


def _content_files(root: Path, language: str) -> dict[str, Path]:
    """Writers' files that are not pages (pictures), a translation's taken from docs/ where it has none."""
    files = {}
    for folder in dict.fromkeys([root / docs_folder(SOURCE_LANGUAGE), root / docs_folder(language)]):
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and not relative.endswith(".md") and not default_excluded(relative):
                files[relative] = path
    return files


def _theme(root: Path, language: str) -> jinja2.Environment:
    """The project's theme partials with the build's `_()` and `| long_date`, in `language`."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(root / "overrides"), autoescape=False)  # noqa: S701 - as MkDocs's; the partials escape
    install_theme(env, language)
    return env


def _config(edition: Edition) -> dict[str, Any]:
    return {"theme": {"language": edition.language}}


def _flat(rendered: str) -> str:
    """Rendered HTML as one Markdown HTML block: no blank line may end it early."""
    return "\n".join(line for line in rendered.strip().splitlines() if line.strip())


def _after_heading(body: str, block: str) -> str:
    """`block` after the page's title: its "# " line, or the first line of a finished HTML page (an <h1> line)."""
    if not block:
        return body
    first, _, rest = body.lstrip("\n").partition("\n")
    if first.startswith("<h1 ") and first.endswith("</h1>"):
        return f"{first}\n\n{block}\n\n{rest}"
    return after_title(body, block)


def _json_list(words: list[str]) -> str:
    return json.dumps(words, ensure_ascii=False)  # JSON is valid YAML
