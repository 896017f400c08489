"""Test-only MkDocs hook, run after the site's own: writes what the site's hook
produced (generated files, and each writer's page's Markdown as MkDocs will
render it) to the JSON file named by $OT_CAPTURE."""
from __future__ import annotations

import json
import os
import sys

from mkdocs.plugins import event_priority

_generated: dict[str, str] = {}
_pages: dict[str, str] = {}


@event_priority(-100)
def on_files(files, config):  # noqa: ANN001, ANN201 - MkDocs event signature
    _generated.update({f.src_uri: f.content_string for f in files if f.generated_by})
    return files


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):  # noqa: ANN001, ANN201
    if not page.file.generated_by:
        _pages[page.file.src_uri] = _with_finished_html(markdown, page.file.src_uri)
    return markdown


def _with_finished_html(markdown: str, path: str) -> str:
    """The page's Markdown with the finished HTML the site's hook held out of its Markdown pass
    (otsite.finished_html.FinishedFragments) back in place: what the portable export writes."""
    for module in list(sys.modules.values()):
        fragments = getattr(getattr(getattr(module, "_session", None), "build", None), "fragments", None)  # ot_site_hook's
        if isinstance(fragments, dict) and path in fragments:
            return fragments[path].put_back(markdown)
    return markdown


def on_post_build(config):  # noqa: ANN001, ANN201
    with open(os.environ["OT_CAPTURE"], "w", encoding="utf-8") as out:
        json.dump({"generated": _generated, "pages": _pages}, out)
