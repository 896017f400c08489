"""schema.org JSON-LD for search engines: MedicalClinic, MedicalCondition and MedicalWebPage."""
from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from markupsafe import Markup

from .languages import SOURCE_LANGUAGE
from .model import WEEKDAYS, Clinic, Condition, Site
from .review import is_draft
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


# schema.org's MedicalAudience (a PeopleAudience) with audienceType Patient: written for patients and caregivers.
PATIENTS = {"@type": "MedicalAudience", "audienceType": "Patient"}


def medical_web_page_json_ld(name: str, description: str, url: str, language: str,
                             review: Mapping[str, Any], translation: Mapping[str, Any] | None = None) -> Markup:
    """What a content page is: a medical page for patients, in `language`. It claims a review (lastReviewed,
    reviewedBy) only when a licensed OT reviewed it and, in a translation, a translator checked that text too:
    a draft claims none, as its review block says. `url` empty (the offline copy has no address): no url."""
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "MedicalWebPage", "name": name}
    if description:
        data["description"] = description
    if url:
        data["url"] = url
    data |= {"inLanguage": language, "audience": PATIENTS}
    if _reviewed_in(language, review, translation or {}):
        data["lastReviewed"] = str(review["last_reviewed"])
        data["reviewedBy"] = {"@type": "Person", "name": str(review["reviewer"]), "honorificSuffix": str(review["credential"])}
    return _script(data)


def _reviewed_in(language: str, review: Mapping[str, Any], translation: Mapping[str, Any]) -> bool:
    # never more than the draft notice allows (overrides/partials/ot-draft-notice.html); a page shown untranslated
    # (no translation block) claims nothing either: its readers' language was never reviewed
    return not is_draft(review) and (language == SOURCE_LANGUAGE or translation.get("status") == "reviewed")


def install_page_json_ld(env: Any) -> None:
    """`medical_web_page(page, config)` in the theme (overrides/main.html): the page's title and description
    arrive HTML-escaped from the hook (on_page_content), so they are unescaped once before becoming JSON."""
    def medical_web_page(page: Any, config: Any) -> Markup:
        meta = page.meta
        if isinstance(meta.get("title"), str):
            title = meta["title"]
        else:  # as the share preview names it (partials/ot-social-meta.html): the home page by the site's name
            title = html.escape(config.site_name) if page.is_homepage else page.title or ""
        description = meta["description"] if isinstance(meta.get("description"), str) else ""
        translation = meta["translation"] if isinstance(meta.get("translation"), Mapping) else None
        return medical_web_page_json_ld(html.unescape(title), html.unescape(description), page.canonical_url or "",
                                        str(config.theme["language"]), meta["review"], translation)
    env.globals["medical_web_page"] = medical_web_page


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
