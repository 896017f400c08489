"""Render the site's data as Markdown pages: pure functions, no I/O beyond templates."""
from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from functools import cache
from itertools import groupby
from pathlib import Path
from datetime import time
from typing import Any, Callable, Sequence

import jinja2
from babel.dates import format_time, get_day_names
from markupsafe import Markup

from markdown.extensions.toc import slugify

from .abbreviations import abbreviate_html
from .emergencies import EMERGENCY_DATA, emergency_script, page_url
from .emergency_levels import level_actions
from .folding import OPEN_SECTIONS, fold_sections, lines_outside_fences
from .finder import FINDER_DATA, ZIP_TABLE, finder_options, finder_script, zip_table_script
from .i18n import SOURCE_LANGUAGE, gettext_for, install_jinja, translations
from .markdown_text import escape_markdown
from .model import Clinic, Condition, EmergencySign, Site
from .render_cache import Memo, digest, folder_digest
from .script_strings import SCRIPT_STRINGS, strings_script
from .structured_data import clinic_json_ld, condition_json_ld, directions_url

# A writer puts this line where a page should say the clinic list is sample data (docs/index.md).
CLINIC_SAMPLE_NOTE = "<!-- clinic-sample-note -->"
HelpLevels = dict[str, list[str]]  # front matter get_help: level -> plain sentences
Hold = Callable[[Markup], Markup]  # a piece of finished HTML -> what a page's Markdown holds in its place
TEMPLATE_DIR = Path(__file__).parent / "templates"
CLINICS_LISTED_PER_CONDITION = 5  # a condition page lists this many clinics, then links to the clinic finder
CONDITIONS_LISTED_PER_SERVICE = 12  # beyond this a clinic page links to the A-Z list
# (page in conditions/, Site attribute holding the groups, Condition attribute naming them)
BROWSE_PAGES = (("by-body-area", "body_areas", "body_areas"), ("by-kind", "kinds", "kind"),
                ("by-age-group", "age_groups", "age_groups"))


def _in_place(fragment: Markup) -> Markup:
    """The default Hold: the finished HTML itself, in the Markdown (for other generators, the portable export)."""
    return fragment


# Templates whose page body is finished HTML that Markdown passes through untouched (no
# Markdown pass, so a page costs what a plain page does): autoescaped for HTML, and no
# blank line inside a block, so no value can end the HTML block and start Markdown.
HTML_TEMPLATES = frozenset({"clinic.md.j2", "conditions_index.md.j2", "conditions_browse.md.j2", "_html.md.j2"})


@jinja2.pass_eval_context
def _finalize(context: jinja2.nodes.EvalContext, value: Any) -> Any:
    """Escape every value a template prints unless the template marked it safe: for Markdown,
    or (autoescaped templates) for HTML, where Jinja escapes after this; line breaks become spaces."""
    if isinstance(value, Markup):
        return value
    if context.autoescape:
        return str(value).replace("\r", " ").replace("\n", " ")
    return escape_markdown(value)


def _environment(template_dir: Path, language: str = SOURCE_LANGUAGE) -> jinja2.Environment:
    # keyed by the catalog too: a translator's edit under `mkdocs serve` gives a new catalog (i18n.translations)
    return _environment_with(template_dir, language, translations(language))


@cache
def _environment_with(template_dir: Path, language: str, catalog: object) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(template_dir), finalize=_finalize,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True, autoescape=lambda name: name in HTML_TEMPLATES,
                             # Markdown uses {#id} for heading anchors, so Jinja comments are <# ... #>.
                             comment_start_string="<#", comment_end_string="#>")
    env.filters["time12"] = _time12
    env.filters["slug"] = lambda text: re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")
    # JSON is valid YAML; ASCII-only, because YAML refuses some control characters JSON keeps as they are
    # (a translated string arrives as escaped Markup: its text, unescaped, is what the YAML holds)
    env.filters["yaml_string"] = lambda text: Markup(json.dumps(text.unescape() if isinstance(text, Markup) else str(text)))
    env.filters["anchor"] = _anchor
    install_jinja(env, language, escape_markdown)  # _("...") and {% trans %}: locales/<language>/LC_MESSAGES/messages.po
    return env


def render_template(template: str, language: str | None = None, **context: Any) -> str:
    """Render one of templates/, every printed value escaped for Markdown unless marked safe.

    Its interface strings are in `language`, by default the language of the `site` it is given.
    """
    language = language or getattr(context.get("site"), "language", SOURCE_LANGUAGE)
    return _environment(TEMPLATE_DIR, language).get_template(template).render(**context)


def generated_pages(site: Site, directory_urls: bool = True, kept: Memo | None = None) -> dict[str, str]:
    """Every page the build adds, as {path under docs/: Markdown}; `directory_urls` as in mkdocs.yml; `kept`
    (under mkdocs serve: one process, many builds) the clinic pages of the last call, reused where their inputs did not change.

    Clinic and condition-list pages are finished HTML (HTML_TEMPLATES), with links already
    relative to the page's address and the glossary's abbreviations marked once per page.
    """
    treated_by = _conditions_by_service(site)
    abbreviations = site.abbreviations()
    html = lambda path, template, **context: _abbreviated(  # noqa: E731
        render_template(template, language=site.language, link=_linker(path, directory_urls), **context), abbreviations)
    pages = {
        "conditions/index.md": html("conditions/index.md", "conditions_index.md.j2", site=site, letters=_a_to_z(site.conditions)),
        "clinics/index.md": _clinic_directory(site, directory_urls),
        "glossary.md": render_template("glossary.md.j2", site=site),
    }
    for page, grouping, attribute in BROWSE_PAGES:
        groups = getattr(site, grouping)
        members = {g.slug: [c for c in _sorted(site.conditions) if _in_group(c, attribute, g.slug)] for g in groups}
        path = f"conditions/{page}.md"
        pages[path] = html(path, "conditions_browse.md.j2", grouping=grouping, groups=groups, members=members)
    for path, review in site.page_reviews.items():
        pages[path] = _with_review(pages[path], review)
    # The same for every clinic page (all at one depth): rendered once per service, not once per clinic.
    helps_with = {service.slug: _html_macros(site.language).helps_with(treated_by[service.slug], CONDITIONS_LISTED_PER_SERVICE,
                                                          _linker("clinics/any.md", directory_urls))
                  for service in site.services}
    # Everything a clinic page reads besides its clinic: the site's services and credentials, the glossary, templates.
    shared = digest(site.language, directory_urls, site.services, site.credentials, helps_with, abbreviations, folder_digest(TEMPLATE_DIR))
    kept = kept if kept is not None else Memo()
    kept.new_round()
    for clinic in site.clinics:
        path = f"clinics/{clinic.slug}.md"
        pages[path] = kept.get(digest(shared, path, clinic), lambda: html(
            path, "clinic.md.j2", site=site, clinic=clinic, helps_with=helps_with, clinic_hours=_hours_by_day(clinic, site.language),
            directions=directions_url(clinic), structured_data=clinic_json_ld(site, clinic)))
    return pages


def _clinic_directory(site: Site, directory_urls: bool) -> str:
    """The finder's page. Its list by city is finished HTML, city headings aside: Markdown took seconds over 10,000 clinics."""
    macros, link, abbreviations = _html_macros(site.language), _linker("clinics/index.md", directory_urls), site.abbreviations()
    cities = _by_city(site.clinics)
    return render_template("clinic_directory.md.j2", site=site, options=finder_options(site),
                           city_links=_finished(macros.city_links([city for city, _ in cities]), abbreviations),
                           by_city=[(city, _finished(macros.city_clinics(site, clinics, link), abbreviations)) for city, clinics in cities])


def _finished(fragment: str, abbreviations: dict[str, str]) -> Markup:
    """A piece of finished HTML (a macro of _html.md.j2) for a Markdown page, the glossary's abbreviations marked as Markdown would."""
    return Markup(abbreviate_html(str(fragment).strip(), abbreviations))


def _html_macros(language: str) -> Any:
    return _environment(TEMPLATE_DIR, language).get_template("_html.md.j2").module


DAY_NAMES = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
             "sat": "Saturday", "sun": "Sunday"}


def _hours_by_day(clinic: Clinic, language: str = SOURCE_LANGUAGE) -> list[tuple[str, str]]:
    """(day, opening hours in words) for each day of the week, Monday first: "8:00 am to 5:00 pm", or "Closed"."""
    _ = gettext_for(language)
    opening = {h.day: ", ".join(_("%(opens)s to %(closes)s") % {"opens": _clock(opens, language), "closes": _clock(closes, language)}
                                for opens, closes in h.ranges) for h in clinic.hours}
    return [(name, opening.get(day) or _("Closed")) for day, name in _day_names(language).items()]


@cache
def _day_names(language: str) -> dict[str, str]:
    """{"mon": "Monday", ...} in `language` (Babel's, capitalized: they head table rows)."""
    if language == SOURCE_LANGUAGE:
        return DAY_NAMES
    names = get_day_names("wide", locale=language)  # 0 is Monday
    return {day: names[i][:1].upper() + names[i][1:] for i, day in enumerate(DAY_NAMES)}


def _clock(hhmm: str, language: str) -> str:
    """A time of day as readers of `language` in the US write it: "1:30 pm"; Spanish "1:30 p.m." (Babel's es_US)."""
    if language == SOURCE_LANGUAGE:
        return _time12(hhmm)
    hour, minute = (int(part) for part in hhmm.split(":"))
    return format_time(time(hour % 24, minute), "short", locale=f"{language}_US")


def _abbreviated(page: str, abbreviations: dict[str, str]) -> str:
    """A finished-HTML page with the glossary's abbreviations marked in its body (not its front matter)."""
    front, end, body = page.partition("\n---\n")
    return front + end + abbreviate_html(body, abbreviations)


def _linker(source: str, directory_urls: bool) -> Any:
    """link(target): the address of docs/`target` (#fragment kept) relative to page docs/`source`, as MkDocs writes links."""
    here = page_url(source, directory_urls)
    return lambda target: relative_url(page_url_with_fragment(target, directory_urls), here)


def page_url_with_fragment(target: str, directory_urls: bool) -> str:
    path, hash_, fragment = target.partition("#")
    return _page_url(path, directory_urls) + hash_ + fragment


@cache
def _page_url(path: str, directory_urls: bool) -> str:
    return page_url(path, directory_urls)


def relative_url(target: str, page: str) -> str:
    """Site-relative address `target` as seen from page address `page` (both as page_url gives them),
    the way MkDocs writes it (mkdocs.utils.get_relative_url), without its per-call path arithmetic."""
    base = page.split("/")[:-1]  # "clinics/x/" -> [clinics, x]; "clinics/x.html" -> [clinics]
    parts = target.split("/")
    common = 0
    while common < len(base) and common < len(parts) - 1 and base[common] == parts[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "./"


def _anchor(text: str, taken: Sequence[str] = ()) -> str:
    """The id Python-Markdown's toc gives a heading with `text`, kept apart from the page's other ids `taken`."""
    anchor = slugify(str(text), "-") or "_1"
    while anchor in taken:
        anchor += "_1"
    return anchor


def _with_review(markdown: str, review: dict[str, Any]) -> str:
    """A generated page's front matter with its review block from data/page_reviews.yml added."""
    if not markdown.startswith("---\n"):
        raise ValueError("a generated page with a review block must start with front matter")
    return f"---\nreview: {json.dumps(review)}\n" + markdown[4:]  # JSON (ASCII-only) is valid YAML


def generated_assets(site: Site, directory_urls: bool = True, kept: Memo | None = None) -> dict[str, str]:
    """Every non-page file the build adds, as {path under docs/: text}; `directory_urls` as in mkdocs.yml; `kept`
    the last call's ZIP table for the finder, reused when the clinics did not move."""
    kept = kept if kept is not None else Memo()
    kept.new_round()
    zip_table = kept.get(digest([(clinic.lat, clinic.lon) for clinic in site.clinics]), lambda: zip_table_script(site))
    return {FINDER_DATA: finder_script(site), ZIP_TABLE: zip_table,
            EMERGENCY_DATA: emergency_script(site.emergencies, lambda path: page_url(path, directory_urls)),
            SCRIPT_STRINGS: strings_script(site.language)}


def condition_page(site: Site, slug: str, prose: str, get_help: HelpLevels, emergencies: Sequence[str] = (),
                   directory_urls: bool = True, hold: Hold = _in_place) -> str:
    """A writer's prose page for a condition, with its heading, facts box, help box and clinics added.

    The boxes' contents are finished HTML (links relative to the page, abbreviations marked), each
    put in the Markdown through `hold`: in place, or (the build) as a placeholder for HTML that needs
    no Markdown pass. They are most of the page: Markdown over them cost more than the rest together.
    """
    condition = site.condition(slug)
    clinics = clinics_for(site, condition)
    macros, link, abbreviations = _html_macros(site.language), _linker(f"conditions/{slug}.md", directory_urls), site.abbreviations()
    html = lambda fragment: hold(_finished(fragment, abbreviations))  # noqa: E731
    intro, rest = split_intro(prose)
    return render_template("condition.md.j2", site=site, condition=condition, intro=Markup(intro),
                           prose=Markup(with_help_box(fold_sections(rest), get_help, signs_for(site, emergencies),
                                                      f"conditions/{slug}.md", site.language)),
                           notice=Markup(emergency_notice(site, emergencies)),
                           facts=html(macros.condition_facts(site, condition, link)),
                           clinics=html(macros.condition_clinics(site, condition, clinics, CLINICS_LISTED_PER_CONDITION, link)),
                           related=html(macros.condition_related(site, condition, link)), open_sections=OPEN_SECTIONS,
                           sample_listed=any(c.sample_data for c, _ in clinics[:CLINICS_LISTED_PER_CONDITION]),
                           structured_data=condition_json_ld(site, condition))


def clinics_for(site: Site, condition: Condition) -> list[tuple[Clinic, list[str]]]:
    """Each clinic offering any of `condition`'s services, once, with those services (in the condition's order).

    The data marks no clinic as featured, and a condition page knows no reader's location, so the order is
    one that favors no name: most of this condition's services first (one place for more of the care), then A-Z.
    """
    offers: dict[str, tuple[Clinic, list[str]]] = {}
    for service in condition.services:
        for clinic in site.clinics_offering(service):
            offers.setdefault(clinic.slug, (clinic, []))[1].append(service)
    return sorted(offers.values(), key=lambda pair: (-len(pair[1]), pair[0].name.casefold(), pair[0].slug))


def split_intro(prose: str) -> tuple[str, str]:
    """(introduction, the rest) of a writer's prose: the text before its first "## " section, or,
    when the prose opens with a section, that first section. The "At a glance" box goes between."""
    starts = [i for i, line in enumerate(lines_outside_fences(prose)) if line is not None and line.startswith("## ")]
    lines = prose.split("\n")
    if starts and not "\n".join(lines[: starts[0]]).strip():
        starts = starts[1:]  # no introduction: the first section is one
    cut = starts[0] if starts else len(lines)
    return "\n".join(lines[:cut]).strip("\n") + "\n", "\n".join(lines[cut:])


def compose_page(site: Site, path: str, body: str, get_help: HelpLevels, emergencies: Sequence[str] = (),
                 directory_urls: bool = True, hold: Hold = _in_place) -> str:
    """A writer's page as readers get it: condition pages wrapped in their data, help boxes added.

    `path` is the page's path under docs/; `body` its Markdown without front matter; `directory_urls` as in mkdocs.yml;
    `hold` puts each piece of finished HTML in the Markdown (see condition_page).
    """
    body = body.lstrip("\n")  # as MkDocs hands it over, so every generator gets the same page
    condition = _condition_of(site, path)
    if condition is not None:
        return condition_page(site, condition.slug, body, get_help, emergencies, directory_urls, hold)
    body = _after_title(fill_sample_note(site, body), emergency_notice(site, emergencies))
    return with_help_box(body, get_help, signs_for(site, emergencies), path, site.language)


def fill_sample_note(site: Site, body: str) -> str:
    """Replace a writer's CLINIC_SAMPLE_NOTE marker (the home page's clinic card) with a
    sentence saying the clinic list holds sample data, or with nothing once no clinic is sample."""
    if CLINIC_SAMPLE_NOTE not in body:
        return body
    return body.replace(CLINIC_SAMPLE_NOTE, render_template("clinic_sample_note.md.j2", site.language, samples=site.sample_clinics,
                                                            clinics=site.clinics).strip())


def search_terms(site: Site, path: str, meta: dict[str, Any]) -> list[str]:
    """The words readers search with for a writer's page: a condition's names (from data/), then the page's
    own keywords, each once. Search finds a page by them; the page never shows its keywords."""
    condition = _condition_of(site, path)
    names = list(condition.search_terms) if condition is not None else []
    return list(dict.fromkeys([*names, *(str(word) for word in meta.get("keywords") or [])]))


def _condition_of(site: Site, path: str) -> Condition | None:
    """The condition whose prose page is docs/`path`, if it is one."""
    folder, _, name = path.rpartition("/")
    slug = name.removesuffix(".md")
    return site.condition(slug) if folder == "conditions" and site.has_condition(slug) else None


def with_help_box(prose: str, get_help: HelpLevels, signs: Sequence[EmergencySign] = (), path: str = "",
                  language: str = SOURCE_LANGUAGE) -> str:
    """A page's prose followed by its "when to get help" box, from its front matter and its emergencies' signs.

    `path` (under docs/) is the page's own, for links to each emergency's page; `language` the box's.
    """
    if not get_help and not signs:
        return prose
    links = {s.id: posixpath.relpath(s.page, posixpath.dirname(path) or ".") if s.page and s.page != path else ""
             for s in signs}
    return prose.rstrip("\n") + "\n\n" + render_template("get_help.md.j2", language, levels=get_help, signs=signs, links=links)


def signs_for(site: Site, ids: Sequence[str]) -> list[EmergencySign]:
    """The shared emergency signs a page names in its `emergencies` front matter, in its order."""
    known = {sign.id: sign for sign in site.emergencies}
    return [known[i] for i in ids]


def emergency_notice(site: Site, ids: Sequence[str]) -> str:
    """The short emergency notice for the top of a page, or "" for a page that names no emergency."""
    return render_template("emergency_notice.md.j2", site.language, signs=signs_for(site, ids),
                           headings=level_actions(site.language)) if ids else ""


def _after_title(body: str, block: str) -> str:
    """`block` placed right after the page's "# " title (not in a code block), or at the top without one."""
    if not block:
        return body
    lines = body.split("\n")
    fence = ""
    for i, line in enumerate(lines):
        marker = line.lstrip()[:3]
        if marker in ("```", "~~~"):
            fence = "" if fence == marker else fence or marker
        elif not fence and line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", block.strip("\n"), "", *lines[i + 1:]])
    return block + "\n" + body


def _in_group(condition: Condition, attribute: str, slug: str) -> bool:
    value = getattr(condition, attribute)
    return slug == value if isinstance(value, str) else slug in value


def _sorted(conditions: tuple[Condition, ...]) -> list[Condition]:
    return sorted(conditions, key=lambda c: c.name.casefold())


def _a_to_z(conditions: tuple[Condition, ...]) -> list[tuple[str, list[Condition]]]:
    ordered = _sorted(conditions)
    return [(letter, list(items)) for letter, items in groupby(ordered, key=lambda c: c.name[0].upper())]


def _by_city(clinics: tuple[Clinic, ...]) -> list[tuple[str, list[Clinic]]]:
    ordered = sorted(clinics, key=lambda c: (c.address.city.casefold(), c.name.casefold()))
    return [(city, list(items)) for city, items in groupby(ordered, key=lambda c: c.address.city)]


def _conditions_by_service(site: Site) -> dict[str, list[Condition]]:
    treated: dict[str, list[Condition]] = defaultdict(list)
    for condition in _sorted(site.conditions):
        for service in condition.services:
            treated[service].append(condition)
    return treated


def _time12(hhmm: str) -> str:
    """"13:30" -> "1:30 pm", the way US readers say times."""
    hour, minute = (int(part) for part in hhmm.split(":"))
    suffix = "am" if hour % 24 < 12 else "pm"
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"
