"""What a writer may put in a pages folder (docs/, docs-es/): Markdown pages and pictures.

MkDocs copies every other file of its docs folder into the site unread, and an
.html, .svg, .xhtml or .xml (with an .xsl stylesheet) file runs script on the
site's origin. So pages folders hold an allowlist of kinds (ACCEPTED: each
ending, the bytes its file must start with, its size cap), checked by what the
file holds, not only its name: a ".png" that is HTML inside is refused.
Everything else is refused with why and what to do instead (REFUSED; any other
ending gets OTHER_FILE). SVG is refused, not sanitized: it is a script-capable
document format, and writers can export a picture as PNG instead. PDF is refused:
it can carry script, forms and attachments, search and screen readers often
cannot read it, and its words cannot be translated: write it as a page, or link
to it on its publisher's site. Files MkDocs leaves out (dot files such as
.DS_Store, a top-level templates/ folder, exclude_docs) are not published and are
not checked. A page's own size and content are bounded elsewhere (the page checks).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from .markdown_source import PAGE_SUFFIXES
from .problems import Problem
from .project_links import FoundFile

KB = 1024


@dataclass(frozen=True)
class Accepted:
    """One kind of file writers may add."""

    label: str  # how writers know it: "PNG picture"
    magic: tuple[tuple[int, bytes], ...] = ()  # (offset, bytes) the file must hold; () for text
    cap_setting: str = ""  # the configuration's extra: setting with its size cap in KB ("" : bounded elsewhere)
    default_cap_kb: int = 0
    any_case: bool = True  # MkDocs reads a page only by its exact lowercase ending; pictures are served in any case


_PICTURE_CAP = ("max_picture_kb", 1024)  # 1 MB: a photo 1600 pixels wide saved as JPEG or WebP is 200-500 KB
_PNG = Accepted("PNG picture", ((0, b"\x89PNG\r\n\x1a\n"),), *_PICTURE_CAP)
_JPEG = Accepted("JPEG picture", ((0, b"\xff\xd8\xff"),), *_PICTURE_CAP)
_WEBP = Accepted("WebP picture", ((0, b"RIFF"), (8, b"WEBP")), *_PICTURE_CAP)
ACCEPTED: dict[str, Accepted] = {
    **{suffix: Accepted("Markdown page", any_case=False) for suffix in PAGE_SUFFIXES},
    ".png": _PNG, ".jpg": _JPEG, ".jpeg": _JPEG, ".webp": _WEBP,
}

_WHAT_WRITERS_ADD = "Markdown pages (.md) and pictures (PNG, JPEG or WebP)"
_PICTURES = "pictures: use PNG, JPEG or WebP"
_CODE = "scripts, styles, fonts and site settings belong to developers, in overrides/"
_WHY = {
    "page": "a web page file is published as it is and can run script on the site (expected Markdown: write it as a .md page)",
    "xml": f"an XML file can run script through a stylesheet (expected {_WHAT_WRITERS_ADD}; facts and lists belong in data/)",
    "svg": f"an SVG picture can hold script that runs on the site (expected a picture without code; {_PICTURES}: export it as PNG)",
    "picture": f"this kind of picture is not one the site publishes (expected {_PICTURES})",
    "code": f"code and site settings are not content (expected {_WHAT_WRITERS_ADD}; {_CODE})",
    "pdf": ("a PDF can carry script, forms and attachments, and search, screen readers and translators often cannot read it "
            "(expected a Markdown page: write its content as a page, or link to the PDF on its publisher's site)"),
    "office": "a document file is not read by the site's search or screen readers (expected a Markdown page: write its content as a page)",
    "program": f"a program or archive is never published (expected {_WHAT_WRITERS_ADD}: delete this file)",
}
REFUSED: dict[str, str] = {suffix: _WHY[kind] for kind, suffixes in {
    "page": ".html .htm .xhtml .xht .shtml .mht .mhtml .php .asp .jsp",
    "xml": ".xml .xsl .xslt .rss .atom .rdf .xsd .dtd",
    "svg": ".svg .svgz",
    "picture": ".gif .bmp .tif .tiff .ico .heic .heif .avif .psd .raw .cr2 .nef",
    "code": ".js .mjs .cjs .ts .css .scss .less .map .wasm .json .webmanifest .woff .woff2 .ttf .otf .eot .py .yml .yaml",
    "pdf": ".pdf",
    "office": ".doc .docx .odt .rtf .ppt .pptx .xls .xlsx .pages .key .numbers .txt .csv",
    "program": ".exe .dll .so .dylib .bin .sh .bat .cmd .ps1 .com .msi .apk .jar .zip .gz .tgz .7z .rar .tar .swf",
}.items() for suffix in suffixes.split()}
OTHER_FILE = f"this kind of file is not one the site publishes (expected {_WHAT_WRITERS_ADD})"
NO_ENDING = f"a file with no ending (like .md or .png) cannot be told apart from code (expected {_WHAT_WRITERS_ADD})"
UTF8_BOM = b"\xef\xbb\xbf"


def content_problems(files: Iterable[FoundFile], excluded: Callable[[str], bool], settings: Mapping[str, object],
                     settings_source: str = "mkdocs.yml") -> list[Problem]:
    """A problem for each file of a pages folder that is not an allowed kind, or is one only by its name, or is too big.

    `excluded` says which paths (relative to the folder) MkDocs leaves out; `settings` is the configuration's extra:.
    """
    caps, problems = _caps(settings, settings_source)
    for file in files:
        if not excluded(file.inside):
            why = _refusal(file, caps)
            problems += [Problem(file.shown, 0, "", why)] if why else []
    return problems


def _caps(settings: Mapping[str, object], source: str) -> tuple[dict[str, int], list[Problem]]:
    """Each cap setting's size in bytes, and a problem for a setting that is not a whole number of KB."""
    caps, problems = {}, []
    for row in {row.cap_setting: row for row in ACCEPTED.values() if row.cap_setting}.values():
        value = settings.get(row.cap_setting, row.default_cap_kb)
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            problems.append(Problem(source, 0, f"extra.{row.cap_setting}", f"{value!r} is not a size (expected a whole number of kilobytes, like {row.default_cap_kb})"))
            value = row.default_cap_kb
        caps[row.cap_setting] = value * KB
    return caps, problems


def _refusal(file: FoundFile, caps: dict[str, int]) -> str | None:
    suffix = PurePosixPath(file.inside).suffix
    row = ACCEPTED.get(suffix.lower())
    if not suffix:
        return NO_ENDING
    if row is None:
        return REFUSED.get(suffix.lower(), OTHER_FILE)
    if suffix != suffix.lower() and not row.any_case:
        return f"the build reads a page only with a lowercase {suffix.lower()} ending, and would publish this one as it is (expected {suffix.lower()})"
    return _content_refusal(file, row, caps)


def _content_refusal(file: FoundFile, row: Accepted, caps: dict[str, int]) -> str | None:
    try:
        size = file.path.stat().st_size
        with file.path.open("rb") as stream:
            head = stream.read(64)
    except OSError as error:
        return f"the build cannot read this file: {error.strerror or error} (expected a readable file)"
    if row.cap_setting and size > caps[row.cap_setting]:
        return (f"this {row.label} is {size // KB:,} KB, over the {caps[row.cap_setting] // KB:,} KB a picture may be "
                "(expected a smaller file: save it at most 1600 pixels wide, photos as JPEG or WebP)")
    if all(head[offset:offset + len(magic)] == magic for offset, magic in row.magic):
        return None
    return f"its name says {row.label}, but inside it is {_what_it_is(head)} (expected a real {row.label}: save or export it again as one)"


def _what_it_is(head: bytes) -> str:
    """What the first bytes of a file look like, for the message."""
    if head.removeprefix(UTF8_BOM).lstrip(b" \t\r\n").startswith(b"<"):  # HTML, SVG and XML start so
        return "text or markup (HTML, SVG or XML), which could run script"
    kinds = {row.label for row in ACCEPTED.values() if row.magic and all(head[o:o + len(m)] == m for o, m in row.magic)}
    return f"a {kinds.pop()} (give it that ending)" if kinds else "something else"
