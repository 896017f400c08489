"""The real site, built once: generated pages, indexes and cross-links say the right things."""
from __future__ import annotations

import re
from urllib.parse import urljoin
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, load_data
from otsite.front_matter import get_data_like_mkdocs

CONDITIONS = load_data("conditions")["conditions"]
CLINICS = load_data("clinics")["clinics"]
SERVICES = {s["slug"]: s for s in load_data("services")["services"]}
CREDENTIALS = {c["id"]: c for c in load_data("services")["credentials"]}
GLOSSARY = load_data("glossary")["terms"]


def page(site: Path, path: str) -> BeautifulSoup:
    """The built page for a clean URL path like 'conditions/stroke/'."""
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def heading(element: BeautifulSoup) -> str:
    """A heading's text without its permalink sign."""
    return "".join(t for t in element.find_all(string=True) if not t.find_parent("a", class_="headerlink")).strip()


def text(element: BeautifulSoup) -> str:
    """The element's text as a reader sees it, with runs of whitespace made single spaces."""
    return " ".join(element.get_text().split())


def article(soup: BeautifulSoup) -> BeautifulSoup:
    return soup.select_one("article.md-content__inner")


def links(element: BeautifulSoup, page_path: str) -> list[str]:
    """The site paths (like /conditions/stroke/#when) that links inside `element` lead to."""
    return [urljoin(f"/{page_path}", a["href"]) for a in element.select("a[href]")]


def test_carpal_tunnel_names_hand_therapy_and_lists_a_few_of_its_clinics(hosted_site: Path) -> None:
    soup = page(hosted_site, "conditions/carpal-tunnel-syndrome/")
    facts = soup.select_one(".ot-facts")
    assert "Hand therapy" in facts.get_text()
    services = set(next(c for c in CONDITIONS if c["slug"] == "carpal-tunnel-syndrome")["services"])
    listed = [text(li.a) for li in soup.select(".ot-condition-clinics > li")]  # each clinic once (issue 23), at most 5
    expected = {c["name"] for c in CLINICS if services & set(c["services"])}
    assert listed and len(listed) == len(set(listed)) == min(5, len(expected)) and set(listed) <= expected
    assert soup.select_one("#clinics-hand-therapy a")["href"].endswith("clinics/?service=hand-therapy")


@pytest.mark.parametrize("condition", CONDITIONS, ids=lambda c: c["slug"])
def test_each_condition_page_joins_prose_and_facts(hosted_site: Path, condition: dict) -> None:
    soup = page(hosted_site, f"conditions/{condition['slug']}/")
    assert heading(soup.h1) == condition["name"]
    facts = text(soup.select_one(".ot-facts"))
    for alias in condition["aliases"]:
        assert alias in facts
    for service in condition["services"]:
        assert SERVICES[service]["name"] in facts
    targets = links(soup.select_one(".ot-related"), f"conditions/{condition['slug']}/")
    related = {t.split("/")[2] for t in targets if re.fullmatch(r"/conditions/[a-z0-9-]+/", t)}
    assert related == set(condition["related"])
    assert soup.select_one("h2#what-it-is"), "the writer's prose is missing"
    assert soup.select_one("aside.ot-review"), "the review block is missing"


def test_a_to_z_lists_every_condition_once(hosted_site: Path) -> None:
    body = article(page(hosted_site, "conditions/"))
    for review in body.select(".ot-review"):
        review.decompose()  # its sources are links too
    targets = [h.strip("./") for h in (a["href"] for a in body.select("li a[href]"))]
    assert sorted(targets) == sorted(c["slug"] for c in CONDITIONS)
    names = [a.get_text(strip=True) for a in body.select("li a[href]")]
    assert names == sorted(names, key=str.casefold)


@pytest.mark.parametrize("page_path, field, taxonomy_key", [
    ("conditions/by-body-area/", "body_areas", "body_areas"),
    ("conditions/by-kind/", "kind", "kinds"),
    ("conditions/by-age-group/", "age_groups", "age_groups"),
])
def test_browse_pages_group_conditions(hosted_site: Path, page_path: str, field: str, taxonomy_key: str) -> None:
    body = article(page(hosted_site, page_path))
    for group in load_data("taxonomy")[taxonomy_key]:
        members = {c["slug"] for c in CONDITIONS if group["slug"] in (c[field] if isinstance(c[field], list) else [c[field]])}
        heading = body.select_one(f"h2#{group['slug']}")
        if not members:
            assert heading is None
            continue
        listed = {a["href"].strip("./") for a in heading.find_next("ul").select("a[href]")}
        assert listed == members, group["slug"]


def test_clinic_directory_groups_clinics_by_city(hosted_site: Path) -> None:
    body = article(page(hosted_site, "clinics/"))
    assert "Sample data" in body.get_text()
    cities = {c["address"]["city"] for c in CLINICS}
    by_city = body.select_one("#ot-by-city")
    headings = [heading(h) for h in by_city.select("h3")]
    assert headings == sorted(cities, key=str.casefold)
    for h3 in by_city.select("h3"):
        city = heading(h3)
        listed = {text(a) for a in h3.find_next("ul").select("strong a")}
        assert listed == {c["name"] for c in CLINICS if c["address"]["city"] == city}


def test_finder_form_offers_every_option_and_waits_for_its_script(hosted_site: Path) -> None:
    body = article(page(hosted_site, "clinics/"))
    form = body.select_one("form#ot-finder")
    assert form.has_attr("hidden"), "without JavaScript the form would not work, so it starts hidden"
    assert [o["value"] for o in form.select("#ot-service option")][1:] == list(SERVICES)
    languages = sorted({lang for c in CLINICS for lang in c["languages"]}, key=str.casefold)
    assert [o["value"] for o in form.select("#ot-language option")][1:] == languages
    for control in form.select("input, select"):
        assert form.select_one(f"label[for='{control['id']}']"), control["id"]


def json_ld(soup: BeautifulSoup) -> dict:
    import json
    return json.loads(soup.select_one(".md-content script[type='application/ld+json']").string)  # the head has the page's own


# Structured data and directions exist only for real clinics: see tests/test_clinic_data.py,
# which builds a copy of the project with a real clinic added.


def test_condition_pages_carry_medical_condition_data_and_finder_links(hosted_site: Path) -> None:
    soup = page(hosted_site, "conditions/carpal-tunnel-syndrome/")
    data = json_ld(soup)
    assert data["@type"] == "MedicalCondition" and "CTS" in data["alternateName"]
    assert soup.select_one("a[href='../../clinics/?service=hand-therapy']")


@pytest.mark.parametrize("clinic", CLINICS, ids=lambda c: c["slug"])
def test_each_clinic_page_has_its_details(hosted_site: Path, clinic: dict) -> None:
    body = article(page(hosted_site, f"clinics/{clinic['slug']}/"))
    content = text(body)
    assert heading(body.h1) == clinic["name"]
    assert clinic["address"]["street"] in content and clinic["address"]["zip"] in content
    digits = re.sub(r"\D", "", clinic["phone"])
    assert body.select_one(f"a[href='tel:+1{digits}']").get_text() == clinic["phone"]
    rows = {tr.select("td")[0].get_text(): tr.select("td")[1].get_text() for tr in body.select("table tbody tr")}
    assert len(rows) == 7 and sum(v != "Closed" for v in rows.values()) == len(clinic["hours"])
    for service in clinic["services"]:
        assert SERVICES[service]["name"] in content
    for item in clinic["languages"] + clinic["accessibility"]:
        assert item in content
    for credential in clinic["staff_credentials"]:
        assert CREDENTIALS[credential]["summary"] in content
    assert ("Sample data" in content) == clinic["sample_data"]


def test_glossary_page_and_abbreviations_on_other_pages(hosted_site: Path) -> None:
    glossary = text(article(page(hosted_site, "glossary/")))
    for term in GLOSSARY:
        assert term["term"] in glossary and term["definition"] in glossary
    abbreviations = {t["term"]: t["stands_for"] for t in GLOSSARY if t.get("abbreviation")}
    abbr = page(hosted_site, "who-provides-ot/").select_one("article abbr[title]")
    assert abbr is not None and abbreviations[abbr.get_text()] == abbr["title"]


def test_generated_pages_stay_out_of_the_side_navigation(hosted_site: Path) -> None:
    nav = page(hosted_site, "conditions/stroke/").select_one("nav.md-nav--primary")
    hrefs = links(nav, "conditions/stroke/")
    assert "/conditions/by-kind/" in hrefs, "the browse pages should be in the nav"
    for slug in [c["slug"] for c in CLINICS] + [c["slug"] for c in CONDITIONS]:
        assert not any(slug in h for h in hrefs), slug


def test_every_content_page_has_a_review_block(hosted_site: Path) -> None:
    """Every page but an app page (front matter app_page: true, e.g. the offline fallback) shows its review."""
    sources = [p for p in (ROOT / "docs").rglob("*.md") if not _is_app_page(p)]
    pages = [p.relative_to(ROOT / "docs").with_suffix("") for p in sources]
    assert len(pages) >= 23
    for path in pages:
        folder = "" if path.name == "index" else f"{path.as_posix()}/"
        review = page(hosted_site, folder).select_one("aside.ot-review")
        assert review and "Next review due" in review.get_text() and review.select("li"), path


def _is_app_page(source: Path) -> bool:
    return get_data_like_mkdocs(source.read_text(encoding="utf-8"))[1].get("app_page") is True  # front matter as MkDocs reads it


def test_stroke_page_shows_the_emergency_box(hosted_site: Path) -> None:
    box = page(hosted_site, "conditions/stroke/").select_one(".ot-help-emergency")
    assert box and "911" in box.get_text()


def test_search_index_is_lean_for_clinic_pages(hosted_site: Path) -> None:
    import json
    docs = json.loads((hosted_site / "search" / "search_index.json").read_text())["docs"]
    clinic = CLINICS[0]
    entries = [d for d in docs if d["location"].startswith(f"clinics/{clinic['slug']}/")]
    assert len(entries) == 1, [d["location"] for d in entries]
    assert clinic["address"]["city"] in entries[0]["text"]
    assert "Monday" not in entries[0]["text"]


def test_offline_copy_uses_local_shim_and_html_links(offline_site: Path) -> None:
    html = (offline_site / "index.html").read_text(encoding="utf-8")
    assert "assets/vendor/iframe-worker/shim.js" in html and "unpkg.com" not in html
    assert 'href="what-is-ot.html"' in html
    assert (offline_site / "search" / "search_index.js").read_text().startswith("var __index =")


@pytest.mark.parametrize("variant", ["hosted_site", "offline_site"])
def test_no_page_loads_anything_from_another_host(variant: str, request: pytest.FixtureRequest) -> None:
    site: Path = request.getfixturevalue(variant)
    pages = list(site.rglob("*.html"))
    assert len(pages) > 40
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").find("link", rel="canonical")
    own = home["href"] if home else None  # the hosted site's own address (site_url); the offline copy has none
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"), ("source", "src")):
            for element in soup.find_all(tag):
                url = element.get(attribute, "")
                if own and url.startswith(own):
                    continue  # the site itself, by its full address (canonical links; the 404 page's assets)
                assert not re.match(r"^(https?:)?//", url), f"{path.relative_to(site)} loads {url}"
