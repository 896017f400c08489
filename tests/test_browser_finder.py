"""The clinic finder in headless Chromium, over http (hosted copy) and file://
(offline copy): ZIP codes, location, filters (the CHT credential among them),
"open now", messages, keyboard use, a bad record in the shipped data, and no
request leaving the machine."""
from __future__ import annotations

import json
import math
import re
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import zipcodes
from playwright.sync_api import Browser, Page, expect

from conftest import Watch, load_data, serve_folder

CLINICS = load_data("clinics")["clinics"]
PACIFIC = ZoneInfo("America/Los_Angeles")


def miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance, computed here independently of the site's code."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 3958.8 * math.asin(math.sqrt(a))


def expected_order(lat: float, lon: float, clinics: list[dict] = CLINICS) -> list[tuple[str, float]]:
    rows = [(c["name"], miles(lat, lon, c["coordinates"]["lat"], c["coordinates"]["lon"])) for c in clinics]
    return sorted(rows, key=lambda row: row[1])


def is_open(clinic: dict, when: datetime) -> bool:
    local = when.astimezone(ZoneInfo(clinic["timezone"]))
    text = clinic["hours"].get(local.strftime("%a").lower()[:3])
    if not text:
        return False
    now = local.strftime("%H:%M")
    return any(opens <= now < closes for opens, closes in (part.strip().split("-") for part in text.split(",")))


@pytest.fixture
def finder(home: tuple[str, str]) -> tuple[str, str]:
    """(finder page URL, origin) of the hosted copy over http or the offline copy from disk."""
    url, origin = home
    return (f"{url}clinics/" if origin.startswith("http") else url.replace("index.html", "clinics/index.html")), origin


@pytest.fixture
def watched(page: Page, finder: tuple[str, str]) -> Watch:
    watch = Watch(finder[1])
    watch.attach(page)
    return watch


def names(page: Page) -> list[str]:
    return page.locator("#ot-results .ot-result__name").all_inner_texts()


def distances(page: Page) -> list[float]:
    return [float(text.split()[0]) for text in page.locator("#ot-results .ot-result__distance").all_inner_texts()]


def open_finder(page: Page, url: str) -> None:
    """Open the finder and use its form once (its script loads on first use), until it lists every clinic."""
    page.goto(url)
    page.locator("#ot-zip").focus()
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(CLINICS))


def search_zip(page: Page, code: str) -> None:
    page.fill("#ot-zip", code)
    page.click("button[type=submit]")


def test_zip_code_sorts_clinics_by_distance(page: Page, finder: tuple[str, str], watched: Watch) -> None:
    page.goto(finder[0])
    search_zip(page, "92025")
    expect(page.locator("#ot-count")).to_have_text(re.compile(r"^12 clinics, nearest first, from ZIP code 92025 \(Escondido, CA\)"))
    place = zipcodes.matching("92025")[0]
    expected = expected_order(float(place["lat"]), float(place["long"]))
    assert names(page) == [name for name, _ in expected]
    for shown, (_, exact) in zip(distances(page), expected):
        assert shown == pytest.approx(exact, abs=0.06 if exact < 10 else 0.6)
    assert "zip=92025" in page.url or finder[1] == "file://"
    assert watched.errors == [] and watched.foreign == []


def test_filters_narrow_the_list(page: Page, finder: tuple[str, str], watched: Watch) -> None:
    page.goto(finder[0])
    page.select_option("#ot-service", "hand-therapy")
    hand = {c["name"] for c in CLINICS if "hand-therapy" in c["services"]}
    expect(page.locator("#ot-count")).to_have_text(re.compile(rf"^{len(hand)} clinics match"))
    assert set(names(page)) == hand
    page.select_option("#ot-language", "Spanish")
    both = {c["name"] for c in CLINICS if "hand-therapy" in c["services"] and "Spanish" in c["languages"]}
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(both))
    assert set(names(page)) == both and both < hand
    page.select_option("#ot-access", "Quiet sensory room")
    page.select_option("#ot-service", "")
    quiet = {c["name"] for c in CLINICS if "Quiet sensory room" in c["accessibility"] and "Spanish" in c["languages"]}
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(quiet))
    assert set(names(page)) == quiet
    page.select_option("#ot-language", "Arabic")
    expect(page.locator("#ot-count")).to_have_text("No clinics match. Try choosing fewer options.")
    assert watched.errors == [] and watched.foreign == []


def test_filters_and_zip_can_be_set_from_the_address(page: Page, finder: tuple[str, str], watched: Watch) -> None:
    page.goto(f"{finder[0]}?service=pediatric-occupational-therapy&zip=92101")
    expect(page.locator("#ot-service")).to_have_value("pediatric-occupational-therapy")
    kids = [c for c in CLINICS if "pediatric-occupational-therapy" in c["services"]]
    place = zipcodes.matching("92101")[0]
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(kids))
    assert names(page) == [name for name, _ in expected_order(float(place["lat"]), float(place["long"]), kids)]
    assert watched.errors == [] and watched.foreign == []


def test_use_my_location_sorts_from_where_the_reader_is(browser: Browser, finder: tuple[str, str]) -> None:
    oceanside = {"latitude": 33.1959, "longitude": -117.3795}
    context = browser.new_context(geolocation=oceanside, permissions=["geolocation"])
    page = context.new_page()
    watch = Watch(finder[1])
    watch.attach(page)
    page.goto(finder[0])
    page.click("#ot-locate")
    expect(page.locator("#ot-count")).to_have_text(re.compile(r"nearest first, from your location"))
    assert names(page) == [name for name, _ in expected_order(oceanside["latitude"], oceanside["longitude"])]
    assert watch.errors == [] and watch.foreign == []
    context.close()


@pytest.mark.parametrize("when", [datetime(2026, 11, 30, 10, 0, tzinfo=PACIFIC),   # a Monday morning
                                  datetime(2026, 12, 5, 11, 30, tzinfo=PACIFIC),   # a Saturday
                                  datetime(2026, 12, 1, 18, 15, tzinfo=PACIFIC),   # a Tuesday evening
                                  datetime(2026, 12, 6, 10, 0, tzinfo=PACIFIC)],   # a Sunday
                         ids=["monday-10am", "saturday-1130am", "tuesday-615pm", "sunday"])
def test_open_now_follows_each_clinics_hours(page: Page, finder: tuple[str, str], when: datetime) -> None:
    page.clock.set_fixed_time(when)
    open_finder(page, finder[0])
    shown = dict(zip(names(page), page.locator("#ot-results .ot-result > p:nth-of-type(2)").all_inner_texts()))
    expected = {c["name"]: "Open now" if is_open(c, when) else "Closed now" for c in CLINICS}
    assert shown == expected
    page.check("#ot-open")
    assert set(names(page)) == {name for name, state in expected.items() if state == "Open now"}


@pytest.mark.parametrize("code, message", [
    ("99999", "We could not find ZIP code 99999 near our clinics."),
    ("10001", "We could not find ZIP code 10001 near our clinics."),  # real, but far from every clinic
    ("92a01", "Please type a ZIP code of 5 numbers, like 92101."),
])
def test_unknown_or_malformed_zip_gets_a_clear_message(page: Page, finder: tuple[str, str], code: str, message: str) -> None:
    page.goto(finder[0])
    search_zip(page, code)
    expect(page.locator("#ot-zip-message")).to_contain_text(message)
    expect(page.locator("#ot-zip")).to_have_attribute("aria-invalid", "true")
    assert len(names(page)) == len(CLINICS), "the list stays, unsorted, rather than going empty"


def test_finder_works_with_the_keyboard_alone(page: Page, finder: tuple[str, str], watched: Watch) -> None:
    page.goto(finder[0])
    page.locator("#ot-zip").focus()
    page.keyboard.type("91910")
    page.keyboard.press("Enter")
    expect(page.locator("#ot-count")).to_contain_text("from ZIP code 91910")
    expect(page.locator("#ot-count")).to_be_focused()  # the results heading, so phone readers see the result
    for _ in range(10):  # back up through the form to the service list
        if page.evaluate("document.activeElement.id") == "ot-service":
            break
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.id") == "ot-service"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # "Hand therapy"
    expect(page.locator("#ot-service")).to_have_value("hand-therapy")
    expect(page.locator("#ot-results .ot-result")).to_have_count(sum("hand-therapy" in c["services"] for c in CLINICS))
    first = names(page)[0]
    page.locator("#ot-results a").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_contain_text(first)
    assert watched.errors == [] and watched.foreign == []


def test_without_javascript_every_clinic_is_listed_by_city(browser: Browser, finder: tuple[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(finder[0])
    expect(page.locator("#ot-finder")).to_be_hidden()
    listed = page.locator("#ot-by-city li strong a").all_inner_texts()
    assert sorted(listed) == sorted(c["name"] for c in CLINICS)
    context.close()


def test_credential_filter_works_with_the_other_filters_and_the_address(page: Page, finder: tuple[str, str],
                                                                       watched: Watch) -> None:
    page.goto(f"{finder[0]}?service=hand-therapy")
    expect(page.locator("label[for=ot-credential-cht]")).to_have_text("Has a Certified Hand Therapist (CHT)")
    hand = {c["name"] for c in CLINICS if "hand-therapy" in c["services"]}
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(hand))
    page.check("#ot-credential-cht")
    hand_cht = {c["name"] for c in CLINICS if "hand-therapy" in c["services"] and "CHT" in c["staff_credentials"]}
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(hand_cht))
    assert set(names(page)) == hand_cht and 0 < len(hand_cht) < len(hand)
    for credentials in page.locator("#ot-results .ot-result__credentials").all_inner_texts():
        assert credentials.startswith("Staff credentials: ") and "Certified Hand Therapist (CHT)" in credentials
    assert "credential=CHT" in page.url or finder[1] == "file://"
    page.select_option("#ot-service", "")  # CHT alone: some clinics with a CHT offer no hand therapy here
    cht = {c["name"] for c in CLINICS if "CHT" in c["staff_credentials"]}
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(cht))
    assert set(names(page)) == cht and cht > hand_cht
    page.select_option("#ot-language", "Spanish")
    spanish = {c["name"] for c in CLINICS if "CHT" in c["staff_credentials"] and "Spanish" in c["languages"]}
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(spanish))
    assert set(names(page)) == spanish and spanish < cht
    page.uncheck("#ot-credential-cht")
    expect(page.locator("#ot-results .ot-result")).to_have_count(sum("Spanish" in c["languages"] for c in CLINICS))
    assert watched.errors == [] and watched.foreign == []


def test_credential_filter_can_be_set_from_the_address(page: Page, finder: tuple[str, str], watched: Watch) -> None:
    page.goto(f"{finder[0]}?service=hand-therapy&credential=CHT&zip=92101")
    expect(page.locator("#ot-credential-cht")).to_be_checked()
    hand_cht = [c for c in CLINICS if "hand-therapy" in c["services"] and "CHT" in c["staff_credentials"]]
    place = zipcodes.matching("92101")[0]
    expect(page.locator("#ot-count")).to_contain_text(f"{len(hand_cht)} clinic")
    assert names(page) == [name for name, _ in expected_order(float(place["lat"]), float(place["long"]), hand_cht)]
    assert watched.errors == [] and watched.foreign == []


def test_sample_clinics_say_so_in_the_results(page: Page, finder: tuple[str, str]) -> None:
    open_finder(page, finder[0])
    expect(page.locator("#ot-results .ot-result")).to_have_count(len(CLINICS))
    expect(page.locator("#ot-results .ot-result__sample")).to_have_count(sum(c["sample_data"] for c in CLINICS))
    expect(page.locator("#ot-results .ot-result__sample").first).to_have_text("Sample data: not a real clinic")


# --- One bad record in the shipped data --------------------------------------

BAD_TIME_ZONE = 0  # index in data/clinics.yml of the clinic whose time zone is made unusable
BAD_HOUR_TEXT = 1  # ... whose hours become text the script cannot read
BAD_HOUR_RANGE = 2  # ... whose hours become minutes past the end of the day ("25:00-26:00")


def tamper_finder_data(site: Path) -> None:
    """Break three clinics' records in a built site's finder data, as a bad deploy or a hand edit could."""
    script = site / "assets" / "javascripts" / "finder-data.js"
    prefix, text = "window.otFinder = ", script.read_text(encoding="utf-8")
    data = json.loads(text.removeprefix(prefix).rstrip().removesuffix(";"))
    clinics = data["clinics"]
    assert [c["slug"] for c in clinics] == [c["slug"] for c in CLINICS]
    clinics[BAD_TIME_ZONE]["tz"] = "Mars/Olympus"
    clinics[BAD_HOUR_TEXT]["hours"] = {day: "25:00-26:00" for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    clinics[BAD_HOUR_RANGE]["hours"] = {day: [[25 * 60, 26 * 60]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}
    script.write_text(prefix + json.dumps(data) + ";\n", encoding="utf-8")


@pytest.fixture(params=["http", "file"])
def tampered_finder(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(finder URL, origin) of a copy of the built site whose finder data holds three bad records."""
    built: Path = request.getfixturevalue("hosted_site" if request.param == "http" else "offline_site")
    site = Path(shutil.copytree(built, tmp_path / "site"))
    tamper_finder_data(site)
    if request.param == "file":
        yield (site / "clinics" / "index.html").as_uri(), "file://"
        return
    with serve_folder(site) as base:
        yield f"{base}/clinics/", base


def test_one_bad_record_does_not_blank_the_list(page: Page, tampered_finder: tuple[str, str]) -> None:
    when = datetime(2026, 11, 30, 10, 0, tzinfo=PACIFIC)  # a Monday morning: most clinics are open
    watch = Watch(tampered_finder[1])
    watch.attach(page)
    page.clock.set_fixed_time(when)
    open_finder(page, tampered_finder[0])
    status = dict(page.evaluate("""() => Array.from(document.querySelectorAll('#ot-results .ot-result')).map(item => {
        const state = item.querySelector('.ot-result__open, .ot-result__closed');
        return [item.querySelector('.ot-result__name').textContent, state ? state.textContent : null];
    })"""))
    bad = {CLINICS[i]["name"] for i in (BAD_TIME_ZONE, BAD_HOUR_TEXT, BAD_HOUR_RANGE)}
    assert {name for name, state in status.items() if state is None} == bad
    expected = {c["name"]: "Open now" if is_open(c, when) else "Closed now" for c in CLINICS if c["name"] not in bad}
    assert {name: state for name, state in status.items() if name not in bad} == expected
    assert "Open now" in expected.values()
    page.check("#ot-open")  # a clinic whose hours cannot be read is not claimed to be open
    assert set(names(page)) == {name for name, state in expected.items() if state == "Open now"}
    page.uncheck("#ot-open")
    search_zip(page, "92101")  # sorting and the other filters still work
    expect(page.locator("#ot-count")).to_contain_text(f"{len(CLINICS)} clinics, nearest first")
    page.select_option("#ot-service", "hand-therapy")
    expect(page.locator("#ot-results .ot-result")).to_have_count(sum("hand-therapy" in c["services"] for c in CLINICS))
    assert watch.errors == [] and watch.foreign == []
