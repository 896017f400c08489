"""The safety layer: what the build publishes passes an allowlist, whatever the source said.

Source checks (content_safety.py) name file and line, but they read Markdown
while browsers run the HTML that Markdown becomes. So every page's rendered
HTML goes through nh3 (Rust's Ammonia, as PyPI's readme_renderer does):
allowed elements and attributes only, URLs limited to http, https, mailto, tel
and relative links. The site's own markup that writers may not use (JSON-LD,
the finder's form) is held out of the page before Markdown and put back after
sanitizing, under a placeholder no writer can forge (`TrustedBlocks`).

Every other channel is escaped for where it lands: `text_only` for titles
(page, table of contents, search), `script_json` for JSON inside a script.
"""
from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable

import nh3

# What today's pages use (Markdown, admonitions, tables, definition lists,
# abbreviations, grid cards, permalinks), plus plain inline and block HTML a
# writer may reasonably type. No form, media, embedding, SVG or MathML.
TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "nav", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong",
    "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Dropped with everything inside them, not just unwrapped.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "noscript", "template", "textarea", "iframe", "object", "embed", "svg", "math", "title",
    "xmp", "noembed", "noframes", "plaintext", "select", "frameset", "frame", "applet",
})
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir", "data-search-exclude"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},  # style: only text-align, from Markdown's table alignment
    "th": {"colspan", "rowspan", "scope", "style"},
    "col": {"span"},
    "colgroup": {"span"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
STYLE_PROPERTIES = frozenset({"text-align"})
# Classes the theme and our stylesheet give meaning to; a class like "md-header"
# could pin a writer's paragraph over the page, so anything else is dropped.
CLASSES = frozenset({
    "admonition", "admonition-title", "headerlink", "md-button", "md-button--primary", "grid", "cards", "card", "toc",
    "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint", "important", "success", "check", "done",
    "question", "help", "faq", "warning", "caution", "attention", "failure", "fail", "missing", "danger", "error",
    "bug", "example", "quote",
})
_OUR_CLASS = re.compile(r"ot-[a-z0-9_-]+")
# Material's tooltips (content.tooltips) insert a title as HTML: no angle bracket may reach one.
_TITLE_BRACKETS = str.maketrans({"<": "\u2039", ">": "\u203a"})


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "src" and (":" in value.split("/", 1)[0] or value.startswith("//")):
        return None  # images come from the site itself: a picture from another host tells it who reads what
    if name == "title":
        return value.translate(_TITLE_BRACKETS)
    if name == "id" and value.startswith("__"):  # the theme's own controls (__drawer, __search, __toc)
        return None
    if name == "class":
        kept = [c for c in value.split() if c in CLASSES or _OUR_CLASS.fullmatch(c)]
        return " ".join(kept) or None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    attribute_filter=_attribute_filter, strip_comments=True, link_rel=None, url_schemes=set(URL_SCHEMES),
    filter_style_properties=set(STYLE_PROPERTIES), generic_attribute_prefixes={"aria-"},
)
_TEXT_ONLY = nh3.Cleaner(tags=set(), clean_content_tags=set(DROPPED_WITH_CONTENT), attributes={}, link_rel=None)
# The site's own blocks, each held to its own narrow shape: JSON-LD (already
# escaped by script_json, so it holds no < > &), and the finder's form, whose
# markup writers may not use at all. Neither is allowed in writers' content.
JSON_LD = re.compile(r'<script type="application/ld\+json">[^<>&]*</script>')
# The finder's form through its result list and "show more" button (clinic_directory.md.j2).
FORM = re.compile(r'<form class="ot-finder"[^<>]*>.*?</form>.*?id="ot-more"[^<>]*>[^<>]*</button></p>', re.DOTALL)
_FORM_CLEANER = nh3.Cleaner(
    tags={"form", "fieldset", "legend", "div", "p", "h2", "label", "input", "button", "select", "option", "ol"},
    clean_content_tags=set(DROPPED_WITH_CONTENT - {"select"}), link_rel=None, url_schemes=set(),
    attributes={"*": {"id", "class", "hidden", "role"}, "label": {"for"}, "option": {"value"}, "select": {"name"},
                "button": {"type"}, "input": {"name", "type", "value", "inputmode", "autocomplete", "maxlength"}},
    generic_attribute_prefixes={"aria-"},
)


def sanitize_html(html: str) -> str:
    """A page's rendered content with only allowed elements, attributes, classes and URLs left."""
    return _CLEANER.clean(html)


def text_only(html: str) -> str:
    """HTML reduced to its text, escaped again: for titles that the theme prints as HTML."""
    return _TEXT_ONLY.clean(html)


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no value can close it or start a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text


class HeldBlocks:
    """Blocks held out of a page's Markdown pass, each as a paragraph holding a random
    placeholder, and put back in its HTML by `restore`. The placeholder's secret
    changes every build, so a writer cannot forge one."""

    name = "held"  # in the placeholder and in messages: "otsite-held-<secret>-<n>"

    def __init__(self) -> None:
        self._secret = secrets.token_hex(16)
        self._held: dict[str, str] = {}

    def _placeholder(self, block: str) -> str:
        token = f"otsite-{self.name}-{self._secret}-{len(self._held)}"
        self._held[token] = block
        return token

    def put_back(self, markdown: str) -> str:
        """The page's Markdown as it was before holding: each placeholder line replaced by its block (for comparing, not for building)."""
        for token, block in self._held.items():
            markdown = markdown.replace(token, block)
        return markdown

    def restore(self, html: str) -> str:
        """`html` with every held block back in its place."""
        for token, block in self._held.items():
            paragraph = f"<p>{token}</p>"
            if html.count(paragraph) != 1:
                raise ValueError(f"the placeholder for a {self.name} block is missing or repeated: {block[:80]!r}")
            html = html.replace(paragraph, block)
        self._held.clear()
        return html


class TrustedBlocks(HeldBlocks):
    """The site's own markup, held out of a page while its content is sanitized.

    `hold` swaps a block of the Markdown for a placeholder paragraph; `restore`
    puts the block back in the sanitized HTML.
    """

    name = "trusted"

    def hold(self, markdown: str, blocks: Iterable[str]) -> str:
        """`markdown` with each of `blocks` (exact text, last occurrence) replaced by a placeholder.

        A block must be JSON-LD or the finder's form; the form is put back sanitized to form markup only.
        """
        for block in filter(None, blocks):
            before, found, after = markdown.rpartition(block)
            if not found:
                raise ValueError(f"trusted block not found in the page: {block[:80]!r}")
            markdown = f"{before}\n\n{self._placeholder(_narrowed(block))}\n\n{after}"
        return markdown


def trusted_blocks_in(markdown: str) -> list[str]:
    """The JSON-LD and finder form blocks of a page the build wrote itself (never of a writer's page)."""
    return JSON_LD.findall(markdown) + FORM.findall(markdown)


def _narrowed(block: str) -> str:
    if JSON_LD.fullmatch(block):
        return block
    if FORM.fullmatch(block):
        return _FORM_CLEANER.clean(block)
    raise ValueError(f"not a block the site may add itself: {block[:80]!r}")
