"""Make untrusted text safe to place in generated Markdown."""
from __future__ import annotations

# Characters that Markdown or HTML could read as markup: raw HTML, links,
# emphasis, tables, headings, attribute lists. Line breaks become spaces so a
# value cannot start a new block. Apostrophes and hyphens stay
# readable because nothing in our templates can make them unsafe.
_MARKUP = "&<>\"\\`*_{}[]()#+!|~^="
_ENTITIES = {ord(ch): f"&#{ord(ch)};" for ch in _MARKUP}


def escape_markdown(text: str) -> str:
    """Text that Markdown and HTML show literally: every markup character becomes an entity."""
    return str(text).replace("\r", " ").replace("\n", " ").translate(_ENTITIES)
