"""The clinic finder's data, as two scripts (scripts, not fetched JSON, so they
also work from file:// in the offline copy): every clinic, loaded with the
page, and the ZIP codes around them, loaded only when a reader types one."""
from __future__ import annotations


from .search_words import accent_free
from .geo import zips_near
from .model import Clinic, Site
from .script_data import assignment

FINDER_DATA = "assets/javascripts/finder-data.js"  # where the finder page loads its clinics from
ZIP_TABLE = "assets/javascripts/finder-zips.js"  # loaded on the first ZIP code search
ZIP_RADIUS_MILES = 100  # ZIP codes farther than this from every clinic are not in the table


def finder_options(site: Site) -> dict[str, list[str]]:
    """The languages and access features readers can filter by, sorted."""
    def key(text: str) -> str:  # "Árabe" among the A's, as Spanish readers look for it
        return accent_free(text).casefold()

    return {
        "languages": sorted({lang for c in site.clinics for lang in c.languages}, key=key),
        "access": sorted({feature for c in site.clinics for feature in c.accessibility}, key=key),
    }


def finder_script(site: Site) -> str:
    """JavaScript that sets window.otFinder = {services, credentials, clinics}."""
    data = {"services": {s.slug: s.name for s in site.services}, "credentials": {c.id: c.name for c in site.credentials},
            "clinics": [_clinic_record(c) for c in site.clinics]}
    return assignment("otFinder", data)


def zip_table_script(site: Site) -> str:
    """JavaScript that sets window.otFinderZips = {places: [...], zips: {"92101": [lat, lon, place index]}}.

    Positions are rounded to 3 decimals (about 100 m), plenty for distances in miles.
    """
    near = zips_near([(c.lat, c.lon) for c in site.clinics], ZIP_RADIUS_MILES)
    places = sorted({place for _, _, place in near.values()})
    index = {place: i for i, place in enumerate(places)}
    zips = {code: [round(lat, 3), round(lon, 3), index[place]] for code, (lat, lon, place) in sorted(near.items())}
    return assignment("otFinderZips", {"places": places, "zips": zips})


def _clinic_record(clinic: Clinic) -> dict:
    return {
        "slug": clinic.slug, "name": clinic.name, "city": clinic.address.city, "street": clinic.address.street,
        "state": clinic.address.state, "zip": clinic.address.zip, "phone": clinic.phone, "tel": clinic.tel,
        "lat": clinic.lat, "lon": clinic.lon, "tz": clinic.timezone,
        "services": list(clinic.services), "languages": list(clinic.languages), "access": list(clinic.accessibility),
        "hours": {h.day: [[_minutes(o), _minutes(c)] for o, c in h.ranges] for h in clinic.hours},
        "credentials": list(clinic.staff_credentials), "sample": clinic.sample_data,
    }


def _minutes(hhmm: str) -> int:
    hour, minute = hhmm.split(":")
    return int(hour) * 60 + int(minute)
