"""MkDocs adapter for the printable leaflet of each condition page (core: otsite/leaflet.py).

- on_page_context: a writer's condition page gets `page.ot_leaflet` (its hosted address and a QR
  code to it), which overrides/partials/ot-leaflet.html prints at the page's foot, shown only in
  print. The address is the hosted site's (`extra.hosted_url`, the same value as mkdocs.yml's
  site_url), so the offline copy, which has no site_url, prints it too.
"""
from __future__ import annotations

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from otsite.languages import SOURCE_LANGUAGE, root_site_url
from otsite.leaflet import is_leaflet_page, leaflet


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav: Navigation) -> dict:
    language = str(config.extra.get("language") or SOURCE_LANGUAGE)
    hosted = str(config.extra.get("hosted_url") or root_site_url(config.site_url or "", language))
    if hosted and is_leaflet_page(page.file.src_uri, bool(page.file.generated_by)):
        made = leaflet(hosted, language, page.file.src_uri)
        page.ot_leaflet = {"url": made.url, "qr": Markup(made.qr_svg)}  # type: ignore[attr-defined] - our own markup
    return context
