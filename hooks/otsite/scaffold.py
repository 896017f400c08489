"""Start a new condition or clinic from a template, so a writer begins from valid files."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from .geo import zip_place
from .loading import load_site
from .rendering import render_template

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PHONE = re.compile(r"^\([2-9][0-9]{2}\) [2-9][0-9]{2}-[0-9]{4}$")


class ScaffoldError(Exception):
    """A reason the new entry cannot be started, in the writer's words."""


def new_condition(root: Path, slug: str, name: str, today: date) -> list[Path]:
    """Add `slug` to data/conditions.yml and write docs/conditions/<slug>.md; returns the files touched."""
    site = load_site(root, today=today)
    _check_slug(slug, [c.slug for c in site.conditions], "condition")
    page = root / "docs" / "conditions" / f"{slug}.md"
    if page.exists():
        raise ScaffoldError(f"{page.relative_to(root)} already exists")
    lists = {name_: ", ".join(g.slug for g in getattr(site, name_)) for name_ in ("kinds", "body_areas", "age_groups", "services")}
    entry = render_template("scaffold/condition.yml.j2", slug=slug, name=name, kind=site.kinds[0].slug,
                            body_area=site.body_areas[0].slug, **lists)
    prose = render_template("scaffold/condition.md.j2", name=name, today=today.isoformat(),
                            next_review=(today + timedelta(days=365)).isoformat())
    data = root / "data" / "conditions.yml"
    _append(data, entry)
    page.write_text(prose, encoding="utf-8")
    return [data, page]


def new_clinic(root: Path, slug: str, name: str, zip_code: str, phone: str, street: str, today: date) -> list[Path]:
    """Add a clinic to data/clinics.yml, its town and position filled in from its ZIP code."""
    site = load_site(root, today=today)
    _check_slug(slug, [c.slug for c in site.clinics], "clinic")
    place = zip_place(zip_code) if re.fullmatch(r"[0-9]{5}", zip_code) else None
    if place is None:
        raise ScaffoldError(f"ZIP code {zip_code!r} does not exist (expected a real five-digit US ZIP code)")
    if not PHONE.match(phone):
        raise ScaffoldError(f"expected a US phone number like (619) 555-0100, got {phone!r}")
    entry = render_template("scaffold/clinic.yml.j2", slug=slug, name=name, street=street, zip=zip_code, phone=phone,
                            place=place, services=", ".join(s.slug for s in site.services),
                            credentials=", ".join(c.id for c in site.credentials))
    data = root / "data" / "clinics.yml"
    _append(data, entry)
    return [data]


def _check_slug(slug: str, taken: list[str], kind: str) -> None:
    if not SLUG.match(slug):
        raise ScaffoldError(f"expected a slug of lowercase letters, digits and single hyphens, like hand-therapy, got {slug!r}")
    if slug in taken:
        raise ScaffoldError(f"a {kind} with slug {slug!r} already exists")


def _append(path: Path, entry: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.rstrip("\n") + "\n" + entry, encoding="utf-8")
