"""Typed records for the site's data, built only from validated YAML."""
from __future__ import annotations

from dataclasses import dataclass, field

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class Group:
    """A kind of condition, a body area or an age group."""

    slug: str
    name: str
    summary: str = ""


@dataclass(frozen=True)
class Service:
    slug: str
    name: str
    summary: str
    requires_credential: tuple[str, ...] = ()  # staff offering it hold one of these credential ids


@dataclass(frozen=True)
class Credential:
    """A qualification a clinic's staff can hold, like CHT."""

    id: str
    name: str
    summary: str
    finder_filter: str = ""  # the finder's check box label; "" for no check box


@dataclass(frozen=True)
class Condition:
    slug: str
    name: str
    aliases: tuple[str, ...]
    summary: str
    kind: str
    body_areas: tuple[str, ...]
    age_groups: tuple[str, ...]
    services: tuple[str, ...]
    related: tuple[str, ...]
    specialists: tuple[str, ...] = ()  # glossary terms, e.g. CHT
    misspellings: tuple[str, ...] = ()
    symptoms: tuple[str, ...] = ()  # symptoms and related conditions readers type: searched, never shown as names

    @property
    def search_terms(self) -> tuple[str, ...]:
        """Every word readers may type for this condition: its name, other names, misspellings and symptoms."""
        return (self.name, *self.aliases, *self.misspellings, *self.symptoms)


@dataclass(frozen=True)
class Address:
    street: str
    city: str
    state: str
    zip: str


@dataclass(frozen=True)
class DayHours:
    """Opening times on one weekday, as (open, close) pairs of "HH:MM"."""

    day: str
    ranges: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Clinic:
    slug: str
    name: str
    address: Address
    phone: str
    lat: float
    lon: float
    timezone: str
    hours: tuple[DayHours, ...]
    services: tuple[str, ...]
    languages: tuple[str, ...]
    accessibility: tuple[str, ...]
    sample_data: bool  # made up to show how the site works: no search-engine data, no directions
    staff_credentials: tuple[str, ...] = ()  # credential ids

    @property
    def tel(self) -> str:
        """The phone number as a tel: link target, like +16195550101."""
        return "+1" + "".join(ch for ch in self.phone if ch.isdigit())


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    definition: str
    stands_for: str = ""
    abbreviation: bool = False
    label: str = ""  # the word as readers see it in the Site's language (Evaluación); `term` stays the key and anchor


@dataclass
class Site:
    """Everything in data/, checked and cross-referenced."""

    kinds: tuple[Group, ...]
    body_areas: tuple[Group, ...]
    age_groups: tuple[Group, ...]
    services: tuple[Service, ...]
    conditions: tuple[Condition, ...]
    clinics: tuple[Clinic, ...]
    glossary: tuple[GlossaryTerm, ...]
    credentials: tuple[Credential, ...] = ()
    page_reviews: dict[str, dict] = field(default_factory=dict)  # generated page path -> its review block
    warnings: tuple = ()  # Problems worth telling writers that do not stop the build
    emergencies: tuple[EmergencySign, ...] = ()  # data/emergency_signs.yml
    language: str = "en"  # the language this Site's records speak: "en" or "es" (data's `es:` fields)
    _index: dict[str, dict[str, object]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for name in ("kinds", "body_areas", "age_groups", "services", "conditions", "clinics"):
            self._index[name] = {item.slug: item for item in getattr(self, name)}
        self._index["terms"] = {t.term: t for t in self.glossary}  # type: ignore[assignment]
        self._index["credentials"] = {c.id: c for c in self.credentials}  # type: ignore[assignment]
        # Built once so each page's clinic list costs the same however many pages there are.
        offering: dict[str, list[Clinic]] = {s.slug: [] for s in self.services}
        for clinic in self.clinics:
            for slug in clinic.services:
                offering.setdefault(slug, []).append(clinic)
        self._index["offering"] = offering  # type: ignore[assignment]

    def get(self, collection: str, slug: str):  # noqa: ANN201 - returns the collection's record type
        return self._index[collection][slug]

    def service(self, slug: str) -> Service:
        return self._index["services"][slug]  # type: ignore[return-value]

    def has_condition(self, slug: str) -> bool:
        return slug in self._index["conditions"]

    def condition(self, slug: str) -> Condition:
        return self._index["conditions"][slug]  # type: ignore[return-value]

    def clinics_offering(self, service_slug: str) -> list[Clinic]:
        return self._index["offering"].get(service_slug, [])  # type: ignore[return-value]

    def credential(self, credential_id: str) -> Credential:
        return self._index["credentials"][credential_id]  # type: ignore[return-value]

    @property
    def sample_clinics(self) -> tuple[Clinic, ...]:
        """The made-up clinics, which pages listing them must say are sample data."""
        return tuple(c for c in self.clinics if c.sample_data)

    def term(self, term: str) -> GlossaryTerm:
        return self._index["terms"][term]  # type: ignore[return-value]

    def abbreviations(self) -> dict[str, str]:
        """Abbreviation -> what it stands for, for hover explanations."""
        return {t.term: t.stands_for for t in self.glossary if t.abbreviation}


@dataclass(frozen=True)
class Source:
    """A public page a piece of health text is based on."""

    publisher: str
    title: str
    url: str
    accessed: str


@dataclass(frozen=True)
class EmergencySign:
    """One kind of emergency, defined once and shown on every page that names its id."""

    id: str
    title: str  # short name, like "Stroke, at any age"
    notice: str  # one sentence for the top of a page and for search, starting with the action
    signs: tuple[str, ...]
    steps: tuple[str, ...]
    search_terms: tuple[str, ...]  # symptom words readers type into search
    sources: tuple[Source, ...]
    page: str = ""  # the page with more, as a path under docs/, like conditions/stroke.md
    level: str = "call-911"  # what to do first; picks the notice's heading ("Call 911 now")
    urgency: int = 0  # the level's place in data/emergency_signs.yml `levels` (0: most urgent)
    notice_signs: tuple[str, ...] = ()  # a short form of `signs` for the notice at the top of a page

