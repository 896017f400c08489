"""Hostile input, table-driven: each case is a writer's page or data edit in a copy of the project.

A case is either refused (the build fails naming its file and line, with no
traceback, and the last good site stays), or it builds and then, in headless
Chromium over http (hosted copy) and file:// (offline copy), nothing runs:
no on* attribute, no script URL, no markup in a title attribute, no payload
ran on load, on hovering or focusing tooltips, or on searching. Outside files
never reach the output. All cases share one project copy: a refused case is
taken out and the rest rebuilt, so a run costs a few builds, not one per case.

Seeded with the examples of issue 11; grown from the OWASP XSS filter evasion
cheat sheet and Ammonia's and html5lib's sanitizer tests (mXSS through
<noscript>, <math>/<style>, comments, entity-encoded schemes).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

import markdown
from mkdocs.config import load_config

from conftest import ROOT, copy_project, run_build, search_for, serve_folder

sys.path.insert(0, str(ROOT / "hooks"))
from otsite.sanitize import sanitize_html  # noqa: E402 - after the path is set

# Every payload calls alert() (recorded, see _RECORDER) or sets parent.__pwned.
IMG = "<img src=x onerror=alert(1)>"
ENCODED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
OUTSIDE_MARKER = "OUTSIDE-FILE-3f9c1e"  # text of a file outside the project


@dataclass
class Case:
    family: str
    name: str
    edit: Callable[[Path], None]  # changes the project copy
    source: str  # the file a refusal must name, relative to the project
    pages: list[str] = field(default_factory=list)  # built pages to load, relative to docs/ without .md
    term: str = ""  # what a reader might type in search to reach it
    has_lines: bool = True  # a refusal names the line (not for a symlink, which has none)
    body: str = ""  # a page case's Markdown, also run through the sanitizer alone when the checks refuse it


def _page(name: str, body: str, front: str = "", ext: str = ".md", closing: str = "---") -> Callable[[Path], None]:
    """Writes docs/hostile/<name><ext>: the About page's front matter (valid), `front` added, then `body`."""
    def edit(project: Path) -> None:
        about = (project / "docs" / "about.md").read_text(encoding="utf-8")
        matter = about.split("---\n", 2)[1]
        folder = project / "docs" / "hostile"
        folder.mkdir(exist_ok=True)
        text = f"---\n{front}{matter}{closing}\n\n# Hostile {name}\n\nhostileword {name}.\n\n{body}\n"
        (folder / f"{name}{ext}").write_text(text, encoding="utf-8")
    return edit


def page_case(family: str, name: str, body: str, **options: str) -> Case:
    ext = options.get("ext", ".md")
    return Case(family, name, _page(name, body, **options), f"docs/hostile/{name}{ext}", [f"hostile/{name}"], "hostileword",
                body=body)


def _replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(project: Path) -> None:
        file = project / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{path} no longer holds {old!r}: update this case"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _symlink(name: str, target: str) -> Callable[[Path], None]:
    """docs/hostile/<name> pointing at `target`, relative to the folder holding the project."""
    def edit(project: Path) -> None:
        folder = project / "docs" / "hostile"
        folder.mkdir(exist_ok=True)
        (folder / name).symlink_to(project.parent / target)
    return edit


CASES = [
    # attr_list: any attribute on any block, link or image (issue 11).
    page_case("attr_list", "onclick", 'Click this.\n{: onclick="alert(1)" }'),
    page_case("attr_list", "href-override", '[a link](https://example.org/){: href="javascript:alert(1)" }'),
    page_case("attr_list", "heading-handlers", '## Heading { onmouseover="alert(1)" data-toc-label="' + IMG + '" }\n\nText.'),
    page_case("attr_list", "cover-the-page", 'Covered.\n{: style="position:fixed;inset:0;z-index:9" class="md-dialog md-header" data-md-component="dialog" }'),
    page_case("attr_list", "formaction", '[x](https://example.org/){: formaction="javascript:alert(1)" xlink:href="javascript:alert(1)" }'),
    # Link destinations.
    page_case("links", "javascript-link", "[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1)) [z](java&#x09;script:alert(1))"),
    page_case("links", "destination-next-line", "[x](\njavascript:alert(1))"),
    page_case("links", "data-and-vbscript", "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [v](vbscript:msgbox(1))\n\n![i](data:image/svg+xml,%3Csvg%20onload%3Dalert(1)%3E)"),
    # Material's tooltips insert title text as HTML (issue 11).
    page_case("tooltips", "abbr-definition", f"HOSTILEABBR is here.\n\n*[HOSTILEABBR]: {ENCODED_IMG}"),
    page_case("tooltips", "link-title", f'[t](https://example.org/ "{ENCODED_IMG}")'),
    page_case("tooltips", "attr-list-title", f'Para.\n{{: title="{ENCODED_IMG}" }}'),
    page_case("tooltips", "raw-abbr-title", '<abbr title="&lt;svg onload=alert(1)&gt;">X</abbr> and <span title="<img src=x onerror=alert(1)>">Y</span>'),
    Case("tooltips", "glossary-stands-for", _replace("data/glossary.yml", "stands_for: Occupational therapy or occupational therapist",
                                                     f'stands_for: "Occupational therapy {IMG}"'),
         "data/glossary.yml", ["glossary", "what-is-ot"], "occupational"),
    # Where the source checks and Python-Markdown disagree (issue 11).
    page_case("parser", "unclosed-fence", f"Text.\n\n```\n{IMG}\n"),
    page_case("parser", "bogus-comment", f"<!-->\n{IMG}\n"),
    page_case("parser", "noscript-attribute", f'<noscript><p title="</noscript>{IMG}"></noscript>'),
    page_case("parser", "textarea-attribute", f'<textarea><p title="</textarea>{IMG}"></textarea>'),
    page_case("parser", "svg-animate", '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>Click</text></a></svg>'),
    page_case("parser", "front-matter-dots", f"{IMG}", closing="..."),
    page_case("parser", "markdown-extension", f"{IMG}", ext=".markdown"),
    # OWASP XSS filter evasion cheat sheet, Ammonia and html5lib sanitizer tests.
    page_case("owasp", "script", "<script>alert(1)</script>"),
    page_case("owasp", "img-onerror", f"{IMG}\n\n<img/src/onerror=alert(1)>\n\n<IMG SRC=x:alert(alt) onerror=eval(src) alt=0>"),
    page_case("owasp", "svg-onload", "<svg onload=alert(1)>\n\n<svg><script>alert(1)</script></svg>"),
    page_case("owasp", "iframes", '<iframe src="javascript:alert(1)"></iframe>\n\n<iframe srcdoc="&lt;script&gt;parent.__pwned=1&lt;/script&gt;"></iframe>'),
    page_case("owasp", "entity-scheme", '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">a</a> '
              '<a href="&#x6A;avascript&colon;alert(1)">b</a> <a href=" &#14;  javascript:alert(1)">c</a>'),
    page_case("owasp", "quote-break", '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">'),
    page_case("owasp", "object-embed", '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">'),
    page_case("owasp", "meta-base", '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">\n<base href="javascript:alert(1)//">'),
    page_case("owasp", "style", '<div style="background-image:url(javascript:alert(1))">s</div>\n\n<style>*{display:none}</style>'),
    page_case("owasp", "form-autofocus", '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button>'
              '<input onfocus=alert(1) autofocus></form>'),
    page_case("owasp", "details-ontoggle", "<details open ontoggle=alert(1)><summary>x</summary>y</details>"),
    page_case("owasp", "math-style-mxss", f"<math><mtext><table><mglyph><style>{IMG}</style></mglyph></table></mtext></math>"),
    page_case("owasp", "svg-style-mxss", f"<svg><style>{IMG}</style></svg>"),
    page_case("owasp", "select-style-mxss", f"<select><option><style></option></select>{IMG}</style>"),
    page_case("owasp", "comment-break", f'<p>A <!-- {IMG} --> B</p>\n\n<!--<img src="--><img src=x onerror=alert(1)//">'),
    page_case("owasp", "media", "<video><source onerror=alert(1)></video>\n\n<audio src=x onerror=alert(1)></audio>"),
    page_case("owasp", "xmp-template", f"<xmp>{IMG}</xmp>\n\n<template>{IMG}</template>"),
    page_case("owasp", "table-background", '<table><tr><td background="javascript:alert(1)">t</td></tr></table>'),
    page_case("owasp", "backtick-and-nul", "<img src=`x` onerror=alert(1)>\n\n<a href=\"java\u0000script:alert(1)\">n</a>"),
    # Search shows an entry's title and tags as HTML (issue 11).
    Case("search", "condition-alias-and-name", _replace("data/conditions.yml", "aliases: [limb loss,", f'aliases: ["hostilealias {IMG}", limb loss,'),
         "data/conditions.yml", ["conditions/amputation"], "hostilealias"),
    Case("search", "page-keyword", _replace("docs/what-is-ot.md", "---\n", f'---\nkeywords: ["hostilekw {IMG}"]\n'),
         "docs/what-is-ot.md", ["what-is-ot"], "hostilekw"),
    Case("search", "clinic-name", _replace("data/clinics.yml", "name: Harbor Hand and Upper Limb Center", f'name: "Harborhostile {IMG}"'),
         "data/clinics.yml", ["clinics/harbor-hand-and-upper-limb-center", "clinics/index"], "harborhostile"),
    page_case("search", "title-front-matter", "Body.", front=f'title: "hostiletitle {IMG}"\n'),
    # A page's address comes from its file name: the sitemap, search index and links must stay well formed.
    page_case("files", 'odd-name&<b>"', "Body."),
    # Nothing from outside the project reaches the site.
    Case("files", "symlink-outside-page", _symlink("passwd.md", "/etc/passwd"), "docs/hostile/passwd.md", has_lines=False),
    Case("files", "symlink-outside-file", _symlink("secret.txt", "outside.txt"), "docs/hostile/secret.txt", has_lines=False),
]

_RECORDER = """
window.__xss = [];
window.alert = window.confirm = window.prompt = function (value) { window.__xss.push(String(value)); };
"""
_FINDINGS = """() => {
  const found = [];
  const script = /^(javascript|data|vbscript):/i;
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020]/g, '');
      if (name.startsWith('on')) found.push(`${el.tagName} ${name}`);
      if (['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'srcdoc'].includes(name)
          && script.test(value)) found.push(`${el.tagName} ${name}=${attr.value}`);
      if (name === 'title' && /[<>]/.test(attr.value)) found.push(`${el.tagName} title=${attr.value}`);
    }
  }
  for (const el of document.querySelectorAll('.md-search-result img, .md-search-result svg, .md-search-result script, '
                                               + '.md-search-result iframe, [role=tooltip] img, [role=tooltip] svg')) {
    found.push(`live ${el.tagName} in search results or a tooltip`);
  }
  if (window.__pwned) found.push('parent.__pwned was set');
  return found.concat(window.__xss.map(v => `alert(${v}) ran`));
}"""


def _rest_after_refusals(tmp: Path, cases: list[Case]) -> tuple[Path, list[Case], dict[str, str]]:
    """Build with every case; take out each case the build refuses and rebuild with the rest.

    Returns the project that built, the cases in it, and each refused case's message.
    """
    refused: dict[str, str] = {}
    remaining = list(cases)
    for attempt in range(len(cases) + 1):
        project = _project(tmp / f"attempt-{attempt}", remaining)
        site = project / "site"
        _old_site(site)
        result = run_build(project, "mkdocs.yml", site)
        if result.returncode == 0:
            return project, remaining, refused
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert (site / "index.html").read_text() == "OLD SITE", "a refused build must leave the last good site in place"
        named = [c for c in remaining if re.search(rf"(^|\s){re.escape(c.source)}{':[0-9]+' if c.has_lines else ''}:", result.stderr)]
        assert named, f"the build failed without naming any case's file and line:\n{result.stderr[-3000:]}"
        refused.update({c.name: _message_for(c, result.stderr) for c in named})
        remaining = [c for c in remaining if c not in named]
    raise AssertionError("unreachable: every attempt takes out at least one case")


def _project(folder: Path, cases: list[Case]) -> Path:
    project = copy_project(folder / "project")
    (folder / "outside.txt").write_text(OUTSIDE_MARKER)  # a file of the machine, outside the project
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("not_in_nav: |\n", "not_in_nav: |\n  /hostile/\n")
                      + "site_url: https://example.org/ot/\n")  # a sitemap with URLs in it
    for case in cases:
        case.edit(project)
    return project


def _old_site(site: Path) -> None:
    site.mkdir(parents=True, exist_ok=True)
    (site / "index.html").write_text("OLD SITE")


def _message_for(case: Case, stderr: str) -> str:
    return "\n".join(line for line in stderr.splitlines() if case.source in line)


@dataclass
class Corpus:
    hosted: Path
    offline: Path
    built: list[Case]  # built by the real build
    refused: dict[str, str]  # case name: the build's message naming it
    alone: list[Case]  # refused by the checks, shown again sanitized by the safety layer alone

    @property
    def loaded(self) -> list[Case]:
        return self.built + self.alone


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    tmp = tmp_path_factory.mktemp("hostile")
    project, built, refused = _rest_after_refusals(tmp, CASES)
    offline = project / "site-offline"
    result = run_build(project, "mkdocs-offline.yml", offline)
    assert result.returncode == 0, result.stderr[-3000:]
    alone = [c for c in CASES if c.name in refused and c.body]
    _sanitized_alone(project, alone)
    return Corpus(project / "site", offline, built, refused, alone)


def _sanitized_alone(project: Path, cases: list[Case]) -> None:
    """The safety layer without the helpful one: each refused page's Markdown, rendered with the site's
    extensions and sanitized as the hook does, shown in the built About page (theme, tooltips, search)
    as sanitized/<name>."""
    config = load_config(str(project / "mkdocs.yml"))
    for case in cases:
        converter = markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)
        content = sanitize_html(converter.convert(f"# Sanitized {case.name}\n\nhostileword.\n\n{case.body}"))
        for page, target in (("site/about/index.html", f"site/sanitized/{case.name}/index.html"),
                             ("site-offline/about.html", f"site-offline/sanitized/{case.name}.html")):
            html = (project / page).read_text(encoding="utf-8")
            start = html.index('<article class="md-content__inner md-typeset">') + len('<article class="md-content__inner md-typeset">')
            html = html[:start] + content + html[html.index("</article>", start):]
            html = html.replace('href="../', 'href="../../').replace('src="../', 'src="../../') if page.startswith("site/") else html.replace('href="', 'href="../').replace('src="', 'src="../')
            (project / target).parent.mkdir(parents=True, exist_ok=True)
            (project / target).write_text(html, encoding="utf-8")
        case.pages = [f"sanitized/{case.name}"]


@pytest.fixture(scope="module")
def server(corpus: Corpus) -> Iterator[str]:
    with serve_folder(corpus.hosted) as origin:
        yield f"{origin}/"


def test_every_case_is_refused_with_file_and_line_or_built(corpus: Corpus) -> None:
    assert len(corpus.built) + len(corpus.refused) == len(CASES)
    by_name = {c.name: c for c in CASES}
    for name, message in corpus.refused.items():
        assert message and (re.search(r":\d+:", message) or not by_name[name].has_lines), f"{name}: no line in {message!r}"
    print(f"\n{len(corpus.refused)} refused ({len(corpus.alone)} of them shown sanitized alone), {len(corpus.built)} built:",
          {c.family: sum(1 for d in CASES if d.family == c.family) for c in CASES}, "built:", [c.name for c in corpus.built])


def test_outside_files_never_reach_the_output(corpus: Corpus) -> None:
    for site in (corpus.hosted, corpus.offline):
        for file in site.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                assert OUTSIDE_MARKER.encode() not in data and b"root:x:0:0" not in data, file


class _Handlers(HTMLParser):
    """Collects event-handler attributes, as a browser would parse them."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"<{tag} {name}=...>" for name, _ in attrs if name.startswith("on")]


def _handlers(html: str) -> list[str]:
    parser = _Handlers()
    parser.feed(html)
    parser.close()
    return parser.found


_LIVE_IN_INDEX = re.compile(r"<(img|svg|script|iframe|object|embed|math|style)\b", re.IGNORECASE)


def test_no_payload_in_the_built_files(corpus: Corpus) -> None:
    """Every page, not only those loaded in Chromium: no tag with an event handler; no live markup in
    the search index (Material shows its titles, tags and text as HTML); a sitemap that is valid XML."""
    import xml.etree.ElementTree as ElementTree
    for site in (corpus.hosted, corpus.offline):
        for file in site.rglob("*.html"):
            assert _handlers(file.read_text(encoding="utf-8")) == [], file
        for file in site.rglob("search_index.*"):
            assert not _LIVE_IN_INDEX.search(file.read_text(encoding="utf-8")), file
        ElementTree.parse(site / "sitemap.xml")


@pytest.mark.parametrize("variant", ["http", "file"])
def test_nothing_runs_in_chromium(browser: Browser, corpus: Corpus,
                                  variant: str, request: pytest.FixtureRequest) -> None:
    offline, built = corpus.offline, corpus.loaded
    base = request.getfixturevalue("server") if variant == "http" else None
    context = browser.new_context()
    context.add_init_script(_RECORDER)
    page = context.new_page()
    problems: list[str] = []
    pages = sorted({p for case in built for p in case.pages} | {"index"})
    for path in pages:
        url = f"{base}{'' if path == 'index' else path.removesuffix('/index') + '/'}" if base else _offline_url(offline, path)
        page.goto(url)
        problems += [f"{path}: {p}" for p in _hover_titles(page) + page.evaluate(_FINDINGS)]
    for term in sorted({case.term for case in built if case.term}):
        page.goto(base if base else _offline_url(offline, "index"))
        problems += [f"search {term!r}: {p}" for p in _search(page, term)]
    context.close()
    assert problems == []


def _offline_url(site: Path, path: str) -> str:
    return (site / ("index.html" if path == "index" else f"{path}.html")).as_uri()


def _hover_titles(page: Page) -> list[str]:
    """Hover and focus each element with a tooltip title in the content, as a reader would."""
    # Handles, not a locator: Material moves a title into its tooltip, so [title] matches fewer each time.
    for element in page.locator(".md-content [title]").element_handles()[:25]:
        if element.is_visible():
            element.hover(timeout=5_000)
            element.focus()
    page.wait_for_timeout(200)
    return page.evaluate(_FINDINGS)


def _search(page: Page, term: str) -> list[str]:
    search_for(page, term)
    page.wait_for_timeout(600)
    shown = page.locator(".md-search-result__item").count()
    return page.evaluate(_FINDINGS) + ([] if shown else [f"no search result for {term!r}"])
