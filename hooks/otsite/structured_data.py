"""schema.org JSON-LD for search engines: MedicalClinic and MedicalCondition."""
from __future__ import annotations

from urllib.parse import quote

from markupsafe import Markup

from .model import WEEKDAYS, Clinic, Condition, Site
from .sanitize import script_json

_DAY_NAMES = dict(zip(WEEKDAYS, ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")))


def clinic_json_ld(site: Site, clinic: Clinic) -> Markup:
    """The clinic's schema.org data; none for a sample clinic, so search engines never list it as real."""
    if clinic.sample_data:
        return Markup("")
    return _script({
        "@context": "https://schema.org",
        "@type": "MedicalClinic",
        "name": clinic.name,
        "telephone": clinic.tel,
        "address": {"@type": "PostalAddress", "streetAddress": clinic.address.street, "addressLocality": clinic.address.city,
                    "addressRegion": clinic.address.state, "postalCode": clinic.address.zip, "addressCountry": "US"},
        "geo": {"@type": "GeoCoordinates", "latitude": clinic.lat, "longitude": clinic.lon},
        "openingHoursSpecification": [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{_DAY_NAMES[day.day]}", "opens": opens, "closes": closes}
            for day in clinic.hours for opens, closes in day.ranges],
        "availableService": [{"@type": "MedicalTherapy", "name": site.service(s).name} for s in clinic.services],
        "knowsLanguage": list(clinic.languages),
    })


def condition_json_ld(site: Site, condition: Condition) -> Markup:
    return _script({
        "@context": "https://schema.org",
        "@type": "MedicalCondition",
        "name": condition.name,
        "alternateName": list(condition.aliases),
        "description": condition.summary,
        "possibleTreatment": [{"@type": "MedicalTherapy", "name": site.service(s).name} for s in condition.services],
    })


def directions_url(clinic: Clinic) -> Markup:
    """A plain link that opens directions in the reader's map app; nothing is loaded from a map service.
    Empty for a sample clinic: its made-up street would send a reader to a real place."""
    if clinic.sample_data:
        return Markup("")
    address = f"{clinic.address.street}, {clinic.address.city}, {clinic.address.state} {clinic.address.zip}"
    return Markup(f"https://www.google.com/maps/dir/?api=1&destination={quote(address)}")


def _script(data: dict) -> Markup:
    # < > & are written as \u003c etc., so no value can close the script element early.
    return Markup(f'<script type="application/ld+json">{script_json(data)}</script>')
