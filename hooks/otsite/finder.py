"""The clinic finder's data: every clinic and the ZIP codes around them, as one
script file the finder page loads (a script, not fetched JSON, so it also
works from file:// in the offline copy)."""
from __future__ import annotations

import json

from .geo import zips_near
from .model import Clinic, Site

FINDER_DATA = "assets/javascripts/finder-data.js"  # where the finder page loads its data from
ZIP_RADIUS_MILES = 100  # ZIP codes farther than this from every clinic are not in the table


def finder_options(site: Site) -> dict[str, list[str]]:
    """The languages and access features readers can filter by, sorted."""
    return {
        "languages": sorted({lang for c in site.clinics for lang in c.languages}, key=str.casefold),
        "access": sorted({feature for c in site.clinics for feature in c.accessibility}, key=str.casefold),
    }


def finder_script(site: Site) -> str:
    """JavaScript that sets window.otFinder = {services, clinics, zips}."""
    data = {
        "services": {s.slug: s.name for s in site.services},
        "clinics": [_clinic_record(c) for c in site.clinics],
        "zips": {code: [lat, lon, place] for code, (lat, lon, place) in
                 sorted(zips_near([(c.lat, c.lon) for c in site.clinics], ZIP_RADIUS_MILES).items())},
    }
    return "window.otFinder = " + json.dumps(data, ensure_ascii=False, separators=(",", ":")) + ";\n"


def _clinic_record(clinic: Clinic) -> dict:
    return {
        "slug": clinic.slug, "name": clinic.name, "city": clinic.address.city, "street": clinic.address.street,
        "state": clinic.address.state, "zip": clinic.address.zip, "phone": clinic.phone, "tel": clinic.tel,
        "lat": clinic.lat, "lon": clinic.lon, "tz": clinic.timezone,
        "services": list(clinic.services), "languages": list(clinic.languages), "access": list(clinic.accessibility),
        "hours": {h.day: [[_minutes(o), _minutes(c)] for o, c in h.ranges] for h in clinic.hours},
    }


def _minutes(hhmm: str) -> int:
    hour, minute = hhmm.split(":")
    return int(hour) * 60 + int(minute)
