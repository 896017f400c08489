"""The content report: reading grade, length and review state of every writer's page,
and for the Spanish edition (docs-es/) each page's translation state and Fernández Huerta score."""
from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import markdown
import textstat
import yaml

from .page_checks import split_front_matter
from .review import is_draft, written_or_reviewed
from .source_tiers import Tiers, load_tiers
from .translation import MISSING, translation_status

DEFAULT_MAX_GRADE = 8.0  # US school grade; the brief asks for grade 6 to 8
# Fernández Huerta (higher is easier): 70 and up reads "fairly easy" (issue 14's gate for the Spanish edition).
MIN_SPANISH_MEDIAN = 70.0
MIN_SPANISH_PAGE = 60.0
# Enough of mkdocs.yml's extensions to turn writers' Markdown into the text readers see.
_EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables"]


@dataclass(frozen=True)
class PageReport:
    path: str
    grade: float
    words: int
    status: str  # draft or clinically reviewed
    dated: str  # the day a draft was written, or the day of its clinical review
    next_review: str
    sources: int
    best_tier: int | None = None  # the most trusted tier among its sources (data/publishers.yml); None when unknown


def best_source_tier(review: dict, tiers: Tiers | None) -> int | None:
    """The best (lowest) publisher tier of a review block's sources."""
    sources = review.get("sources") or []
    urls = [str(source.get("url", "")) for source in sources if isinstance(source, dict)]
    return tiers.best_tier(urls) if tiers else None


def _tier_text(tier: int | None) -> str:
    return str(tier) if tier is not None else "-"


def report_pages(root: Path, skip: set[str], generated: dict[str, str] | None = None) -> list[PageReport]:
    """A report line for every page under docs/ except the relative paths in `skip`, then for
    each page in `generated` ({path: Markdown}, the build's own pages that carry prose)."""
    docs = root / "docs"
    tiers, _ = load_tiers(root)  # its problems stop the build; the report shows "-" for tiers it cannot read
    written = [report_page(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix(), tiers=tiers)
               for path in sorted(docs.rglob("*.md")) if path.relative_to(docs).as_posix() not in skip]
    return written + [report_page(text, f"(built) {path}", prose_only=True) for path, text in sorted((generated or {}).items())]


def report_page(text: str, display: str, prose_only: bool = False, tiers: Tiers | None = None) -> PageReport:
    front, body = split_front_matter(text)
    meta = yaml.safe_load(front) or {} if front else {}
    review = meta.get("review") or {}
    text = plain_text(body, prose_only)
    return PageReport(display, round(textstat.flesch_kincaid_grade(text), 1), textstat.lexicon_count(text),
                      ("draft" if is_draft(review) else "reviewed") if review else "missing",
                      written_or_reviewed(review) or "missing", str(review.get("next_review", "missing")),
                      len(review.get("sources") or []), best_source_tier(review, tiers))


def plain_text(body: str, prose_only: bool = False) -> str:
    """What a reader reads: Markdown rendered, tags and link addresses dropped.

    With `prose_only`, only sentences (paragraphs and definitions): a built page's lists
    of names and addresses are not text a reading-grade formula can measure.
    """
    collector = _TextCollector(prose_only)
    collector.feed(markdown.markdown(body, extensions=_EXTENSIONS))
    return " ".join(" ".join(collector.parts).split())


def built_page_text(html: str) -> str:
    """What a reader reads in a built page's main content (its <article>): every block, lists included,
    each ending a sentence; the permalink signs (¶) beside headings are not text."""
    collector = _ArticleText()
    collector.feed(html)
    return " ".join(" ".join(collector.parts).split())


class _TextCollector(HTMLParser):
    _BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "div"}
    _PROSE = {"p", "dd"}
    _NAMES = {"a", "strong", "abbr", "li", "td", "th", "dt"}  # names, titles, list and table cells

    def __init__(self, prose_only: bool = False) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.prose_only = prose_only
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"br", "hr", "img", "input"}:
            self.open.append(tag)

    def handle_data(self, data: str) -> None:
        if not self.prose_only or (self._PROSE & set(self.open) and not self._NAMES & set(self.open)):
            self.parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            del self.open[len(self.open) - 1 - self.open[::-1].index(tag)]
        # A heading or list item without a full stop still ends a sentence for the grade formula.
        if tag in self._BLOCKS and self.parts and not self.parts[-1].rstrip().endswith((".", "!", "?", ":")):
            self.parts.append(".")


def format_report(pages: list[PageReport], max_grade: float, today: date) -> str:
    lines = [f"{'page':54} {'grade':>5} {'words':>6}  {'status':8}  {'dated':10}  {'next due':10}  sources  tier  notes"]
    for page in pages:
        notes = []
        if page.grade > max_grade:
            notes.append(f"grade above {max_grade:g}: use shorter sentences and simpler words")
        if page.sources == 0:
            notes.append("no sources")
        if page.best_tier == 4:
            notes.append("only commercial or marketing sources")
        if page.next_review != "missing" and page.next_review < today.isoformat():
            notes.append("review overdue")
        if page.status == "draft":
            notes.append("not yet reviewed by a licensed OT")
        lines.append(f"{page.path:54} {page.grade:5.1f} {page.words:6d}  {page.status:8}  {page.dated:10}  {page.next_review:10}  "
                     f"{page.sources:7d}  {_tier_text(page.best_tier):>4}  {'; '.join(notes)}")
    return "\n".join(lines)


@dataclass(frozen=True)
class SpanishPageReport:
    path: str  # docs-es/...; for a page not translated yet, where its file would go
    score: float | None  # Fernández Huerta; None when the page is not translated yet
    words: int
    translation: str  # current, stale, missing, orphan or untracked (otsite/translation.py)
    translation_status: str  # draft ("Traducción pendiente de revisión") or reviewed; "-" when none
    review: str  # the clinical review status the page carries: draft, reviewed or missing
    best_tier: int | None = None  # the most trusted tier among its sources (data/publishers.yml)


def fernandez_huerta(body: str) -> tuple[float, int]:
    """(Fernández Huerta score, word count) of the text a reader sees in a Spanish page's Markdown body."""
    return fernandez_huerta_of_text(plain_text(body))


def fernandez_huerta_of_text(text: str) -> tuple[float, int]:
    """(Fernández Huerta score, word count) of plain Spanish text."""
    textstat.set_lang("es")  # Spanish syllables; textstat keeps the language globally, so it is set back below
    try:
        return round(textstat.fernandez_huerta(text), 1), textstat.lexicon_count(text)
    finally:
        textstat.set_lang("en_US")


def report_spanish_pages(root: Path) -> list[SpanishPageReport]:
    """A line for every Spanish page and every English page not translated yet (readers get it in English)."""
    pages = []
    tiers, _ = load_tiers(root)
    for state in translation_status(root):
        if state.state == MISSING:
            pages.append(SpanishPageReport(state.page, None, 0, MISSING, "-", "-"))
            continue
        front, body = split_front_matter((root / state.page).read_text(encoding="utf-8"))
        meta = yaml.safe_load(front) or {} if front else {}
        review = meta.get("review") or {}
        score, words = fernandez_huerta(body)
        pages.append(SpanishPageReport(state.page, score, words, state.state, state.status or "-",
                                       ("draft" if is_draft(review) else "reviewed") if review else "missing",
                                       best_source_tier(review, tiers)))
    return pages


def spanish_gate(pages: list[SpanishPageReport], min_median: float = MIN_SPANISH_MEDIAN,
                 min_page: float = MIN_SPANISH_PAGE) -> list[str]:
    """Why the Spanish pages miss the readability gate (median >= min_median, no page below min_page); [] when met."""
    scores = [page.score for page in pages if page.score is not None]
    if not scores:
        return []
    failures = [f"{page.path}: Fernández Huerta {page.score:g} is below {min_page:g} (expected shorter sentences "
                "and shorter, everyday words)" for page in pages if page.score is not None and page.score < min_page]
    median = statistics.median(scores)
    if median < min_median:
        failures.append(f"the median Fernández Huerta score of {len(scores)} Spanish pages is {median:g} "
                        f"(expected {min_median:g} or higher)")
    return failures


def format_spanish_report(pages: list[SpanishPageReport], min_page: float = MIN_SPANISH_PAGE) -> str:
    lines = [f"{'Spanish page':58} {'F-H':>5} {'words':>6}  {'translation':11}  {'transl. review':14}  {'review':8}  tier  notes"]
    for page in pages:
        notes = []
        if page.score is not None and page.score < min_page:
            notes.append(f"below {min_page:g}: use shorter sentences and simpler words")
        notes += {"stale": ["the English page changed: update the translation"],
                  "missing": ["not translated: readers get the English page"],
                  "orphan": ["names no English page at its path"], "untracked": ["no translation block"]}.get(page.translation, [])
        score = f"{page.score:5.1f}" if page.score is not None else f"{'-':>5}"
        lines.append(f"{page.path:58} {score} {page.words:6d}  {page.translation:11}  {page.translation_status:14}  "
                     f"{page.review:8}  {_tier_text(page.best_tier):>4}  {'; '.join(notes)}")
    scores = [page.score for page in pages if page.score is not None]
    if scores:
        lines.append(f"Fernández Huerta over {len(scores)} Spanish pages: median {statistics.median(scores):.1f}, "
                     f"lowest {min(scores):.1f} (higher is easier)")
    return "\n".join(lines)


class _ArticleText(_TextCollector):
    """A _TextCollector that reads only inside <article>, leaving out what is not prose: heading
    permalinks, controls (buttons), scripts and anything marked hidden (e.g. the reading tools until a script shows them)."""

    def __init__(self) -> None:
        super().__init__()
        self.in_article = False
        self.skipping = 0  # depth inside a permalink, a button or a hidden element

    @staticmethod
    def _not_prose(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
        named = dict(attrs)
        return tag in {"button", "script", "style", "template"} or "hidden" in named or (tag == "a" and "headerlink" in (named.get("class") or "").split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.in_article = self.in_article or tag == "article"
        if self.skipping or self._not_prose(tag, attrs):
            self.skipping += tag not in {"br", "hr", "img", "input"}
            return
        super().handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skipping:
            super().handle_data(data)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping -= 1
        elif self.in_article:
            super().handle_endtag(tag)
        self.in_article = self.in_article and tag != "article"
