"""MkDocs adapter for "Save this guide for offline reading" (hosted build only; core: otsite/precache.py).

- on_startup: only `mkdocs build` and `gh-deploy` make the hosted site; under
  `mkdocs serve` nothing here runs, so no service worker fights live reload.
- on_config: nothing either when the offline plugin is on (mkdocs-offline.yml):
  the zip opened from disk stays as it was.
- on_files: otherwise (serve, zip) Workbox and the save control's script and
  stylesheet are left out of the output.
- on_page_markdown: a writer's `<!-- save-offline -->` marker becomes an empty
  `ot-` paragraph the sanitizer keeps (it drops comments).
- on_post_page: in the hosted build the paragraph becomes the save control, and
  each page gets the flag (`<meta name="ot-offline-app">`) and a few bytes that load
  the script (which adds its stylesheet) only for a reader who saved the guide, or on
  a page with the control, once the reader scrolls near it (issue 23: the script and
  the size it asks every language for stay off the first screen's download);
  elsewhere the paragraph is removed.
- on_post_build: write offline-manifest.json (size and this language's file list) into
  the output folder, before the main hook swaps it in; in the build at the site's root
  only (one worker saves every language), first check that the Workbox files sw.js
  imports are, as published, the verified vendored files (otsite/vendored.py), then
  write sw.js (a fixed template plus one JSON value: the imports, the file list with
  content hashes, the other languages' folders).
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from otsite.i18n import gettext_for
from otsite.languages import SOURCE_LANGUAGE, language_prefix
from otsite.precache import (SERVICE_WORKER, SUMMARY, WORKBOX_FOLDER, WORKBOX_IMPORTS, build_manifest, service_worker,
                              summary_json)
from otsite.problems import DataError
from otsite.script_data import PLACEHOLDER, fill
from otsite.vendored import VENDOR_FOLDER, check_published
from site_build import read_settings
from theme_seams import plugin_enabled, plugin_settings

MARKER = re.compile(r"^<!-- save-offline -->[ \t]*$", re.MULTILINE)
SLOT = '<p class="ot-save-offline-slot"></p>'
SCRIPT = "assets/javascripts/offline-app.js"
STYLESHEET = "assets/stylesheets/offline-app.css"
_HOSTED_ONLY = (SCRIPT, STYLESHEET, "assets/vendor/workbox/")
_TEMPLATE = Path(__file__).parent / "otsite" / "templates" / "offline-sw.js"
# Filled in by the page script from every language's offline-manifest.json (data-languages: each language's
# name and folder, in extra.languages's order); without a service worker it stays hidden.
# The spot around it is never hidden, so the page's loader can tell when the reader scrolls near it.
CONTROL = (
    '<div class="ot-save-offline-spot"><div class="ot-save-offline" data-languages="{languages}" hidden>'
    '<p class="ot-save-offline__size">{intro}</p>'
    '<p><button type="button" class="md-button md-button--primary ot-save-offline__button">{button}</button></p>'
    '<p class="ot-save-offline__status" role="status" aria-live="polite"></p>'
    '</div></div>'
)
SPOT = ".ot-save-offline-spot"

# Pages load the script when the guide's service worker is installed (one worker, at the site's root,
# scope ./ of the root language's build, saves and serves every language), and a page with the control
# (o.spot) also once the control comes within a screen of the reader's view: a few hundred bytes in the
# page instead of the script, its stylesheet and every language's offline-manifest.json for every reader.
# A fixed script given one JSON value, {site, root, script, spot} (otsite/script_data.py).
LOADER = ('<script>(function(o){if(!("serviceWorker"in navigator&&window.isSecureContext))return;var d=0;'
          'function l(){if(!d++){var s=document.createElement("script");s.src=o.root+o.script;document.head.appendChild(s)}}'
          'navigator.serviceWorker.getRegistration(o.site).then(function(r){if(r&&r.scope===new URL(o.site,location.href).href)l()}).catch(function(){});'
          'if(o.spot)document.addEventListener("DOMContentLoaded",function(){var e=document.querySelector(o.spot);'
          'if(!e)return;if(!window.IntersectionObserver)return l();'
          'new IntersectionObserver(function(x,w){if(x.some(function(i){return i.isIntersecting})){w.disconnect();l()}},{rootMargin:"100% 0px"}).observe(e)})'
          '})(' + PLACEHOLDER + ')</script>')


@dataclass
class _Run:
    building: bool = False  # only `mkdocs build` and `gh-deploy` make the hosted site


_run = _Run()  # MkDocs loads a hook once per process


def on_startup(command: str, dirty: bool) -> None:
    _run.building = command in ("build", "gh-deploy")


def _active(config: MkDocsConfig) -> bool:
    return _run.building and not plugin_enabled(config, "material/offline")


def on_files(files: Files, config: MkDocsConfig) -> Files:
    if not _active(config):
        dropped = _HOSTED_ONLY
    else:  # the worker (and so Workbox) is the site root's alone
        dropped = () if _is_site_root(config) else (WORKBOX_FOLDER,)
    for file in [f for f in files if dropped and f.src_uri.startswith(dropped)]:
        files.remove(file)
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    return MARKER.sub(SLOT, markdown)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if not _active(config):
        return output.replace(SLOT, "")
    root = get_relative_url(".", page.url).rstrip("/") + "/"
    site = root + "../" * language_prefix(_own_language(config)).count("/")  # the whole site's root, the worker's scope
    head = f'<meta name="ot-offline-app" content="{root}" data-site="{site}">'
    head += fill(LOADER, {"site": site, "root": root, "script": SCRIPT, "spot": SPOT if SLOT in output else ""})
    output = output.replace("</head>", head + "</head>", 1)
    return output.replace(SLOT, _control(config)) if SLOT in output else output


def _control(config: MkDocsConfig) -> str:
    """The save control in the build's language, naming every language the guide is saved in."""
    _ = gettext_for(_own_language(config))
    languages = [{"name": name, "folder": language_prefix(code)} for code, name in _languages(config).items()]
    return CONTROL.format(languages=html.escape(json.dumps(languages, ensure_ascii=False), quote=True),
                          intro=html.escape(_("Save this guide, in every language, on this phone or computer to read it with no internet.")),
                          button=html.escape(_("Save this guide for offline reading")))


@event_priority(-100)  # after search has written its index; before the main hook swaps the output folder in (-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not _active(config):
        return
    site = Path(config.site_dir)
    worker_imports = list(WORKBOX_IMPORTS) if _is_site_root(config) else []  # the other languages publish no worker
    unverified = check_published(site, worker_imports, Path(config.config_file_path).resolve().parent / VENDOR_FOLDER)
    if unverified:  # the worker would run them on every page of the site once a reader saves it
        refused = DataError(unverified)
        raise PluginError(refused.report()) from refused  # kept: the preview lists refused.problems
    folders, settings = _other_languages_folders(config), read_settings(config)
    manifest = build_manifest(site, config.use_directory_urls, budget=settings.save_budget, languages=_search_languages(config),
                              skipped_folders=folders)
    date = settings.build_date()
    if _is_site_root(config):  # one worker for the whole guide; the other languages' builds give it their lists
        worker = service_worker(manifest, date, _TEMPLATE.read_text(encoding="utf-8"), folders=folders)
        (site / SERVICE_WORKER).write_text(worker, encoding="utf-8")
    (site / SUMMARY).write_text(summary_json(manifest, date), encoding="utf-8")


def _search_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages search stems in: lunr loads a stemmer for each (the search plugin's `lang`, else the theme's)."""
    search = plugin_settings(config, "material/search")
    chosen = search.lang if search is not None and search.lang else None
    return tuple(chosen or [config.theme.get("language") or SOURCE_LANGUAGE])


def _own_language(config: MkDocsConfig) -> str:
    return str(config.extra.get("language") or config.theme.get("language") or SOURCE_LANGUAGE)


def _languages(config: MkDocsConfig) -> dict[str, str]:
    return dict(config.extra.get("languages") or {_own_language(config): _own_language(config)})


def _is_site_root(config: MkDocsConfig) -> bool:
    """Whether this build sits at the site's root (it alone writes sw.js): the language with no folder."""
    return not language_prefix(_own_language(config))


def _other_languages_folders(config: MkDocsConfig) -> tuple[str, ...]:
    """The folders other languages' builds sit in under this build's output (English: "es/"): built apart,
    each lists its own files in its offline-manifest.json, which the root's worker reads when saving."""
    own = _own_language(config)
    return tuple(language_prefix(code) for code in _languages(config) if code != own and language_prefix(code))
