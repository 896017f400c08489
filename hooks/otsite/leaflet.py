"""The printable leaflet of a condition page (issue 23, item 7c): the page's hosted address and a QR
code to it, drawn at build time as inline SVG (segno, pure Python), shown only in print (ot.css).

The address is always the hosted site's, also in the offline copy: a leaflet is handed to others,
who have no copy on their disk. No MkDocs imports: the adapter (hooks/leaflet_hook.py) passes in
what it knows.
"""
from __future__ import annotations

from dataclasses import dataclass

import segno

from .emergencies import page_url
from .languages import language_prefix

CONDITIONS_FOLDER = "conditions/"


@dataclass(frozen=True)
class Leaflet:
    """What a printed condition page adds at its foot."""

    url: str  # the page's hosted address
    qr_svg: str  # a QR code of `url`, an <svg> element (sizes from CSS)


def is_leaflet_page(src_uri: str, generated: bool) -> bool:
    """A writer's condition page (docs/conditions/<slug>.md); the build's own lists there are not."""
    return src_uri.startswith(CONDITIONS_FOLDER) and src_uri.count("/") == 1 and not generated


def hosted_page_url(hosted_site_url: str, language: str, src_uri: str) -> str:
    """The address readers find docs/`src_uri` at on the hosted site, in `language`'s folder."""
    return hosted_site_url.rstrip("/") + "/" + language_prefix(language) + page_url(src_uri, directory_urls=True)


def qr_svg(url: str) -> str:
    """`url` as a QR code (error correction M, the standard quiet zone), one path in an <svg> without a size."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, omitsize=True, svgclass="ot-leaflet__qr", lineclass=None, dark="#000")


def leaflet(hosted_site_url: str, language: str, src_uri: str) -> Leaflet:
    url = hosted_page_url(hosted_site_url, language, src_uri)
    return Leaflet(url, qr_svg(url))
