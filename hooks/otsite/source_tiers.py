"""Sources by tier (data/publishers.yml): who publishes each source, how far it can be trusted, and
the rules a list of sources must meet (a condition page needs a tier 1 or 2 source; no list rests on
commercial pages alone; no staging or mirror host). Rules and tiers are rows of data, not code."""
from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, Iterable
from urllib.parse import urlsplit

from .problems import Problem
from .schema_check import check_against_schema
from .yaml_source import FieldPath, YamlDocument, field_name, read_yaml

PUBLISHERS_FILE = "data/publishers.yml"
# The address scripts/new.py writes until the writer names a source: its FILL IN reminder covers it.
PLACEHOLDER_HOST = "fill-in.example"


@dataclass(frozen=True)
class Publisher:
    name: str
    tier: int  # 1 government and public health ... 4 commercial and marketing


@dataclass(frozen=True)
class Mirror:
    """A host that copies or stages another host's pages: never cited itself."""

    host: str
    use: str  # the publisher's own host
    why: str


@dataclass(frozen=True)
class TierRule:
    files: tuple[str, ...]  # patterns like docs/conditions/*.md, matched against the project-relative path
    best_tier: int  # the weakest tier a list's best source may have
    why: str

    def applies_to(self, path: str) -> bool:
        return any(fnmatchcase(path, pattern) for pattern in self.files)


@dataclass(frozen=True)
class Tiers:
    """data/publishers.yml, ready for look-ups."""

    names: dict[int, str]  # tier -> its name, like 1 -> Government and public health
    publishers: dict[str, Publisher]  # host without a leading www. -> its publisher
    mirrors: dict[str, Mirror]  # host without a leading www. -> where to cite instead
    rules: tuple[TierRule, ...]

    def publisher_of(self, url: str) -> Publisher | None:
        return self.publishers.get(host_key(url))

    def mirror_of(self, url: str) -> Mirror | None:
        return self.mirrors.get(host_key(url))

    def rule_for(self, path: str) -> TierRule | None:
        """The first rule whose files match `path`."""
        return next((rule for rule in self.rules if rule.applies_to(path)), None)

    def best_tier(self, urls: Iterable[str]) -> int | None:
        """The best (lowest) tier among the addresses' publishers; None when none is a known publisher's."""
        tiers = [publisher.tier for publisher in map(self.publisher_of, urls) if publisher is not None]
        return min(tiers, default=None)

    def describe(self, tier: int) -> str:
        return f"tier {tier} ({self.names.get(tier, '?')})"


def host_key(url_or_host: str) -> str:
    """The host of an address (or a host name) in lowercase, a leading www. dropped: cdc.gov for https://www.cdc.gov/x."""
    host = (urlsplit(url_or_host).hostname if "://" in url_or_host else url_or_host) or ""
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def load_tiers(root: Path) -> tuple[Tiers | None, list[Problem]]:
    """data/publishers.yml read, checked against its schema and for hosts listed twice."""
    document, problems = read_yaml(root / PUBLISHERS_FILE, PUBLISHERS_FILE)
    if document is None:
        return None, problems
    problems = check_against_schema(document, "publishers", PUBLISHERS_FILE)
    return (None, problems) if problems else tiers_from(document)


def tiers_from(document: YamlDocument) -> tuple[Tiers | None, list[Problem]]:
    """The Tiers of a schema-valid data/publishers.yml, and what a schema cannot see: a host listed twice,
    a mirror whose `use` is no publisher's host, a tier number given twice."""
    data, problems = document.data, []
    owner: dict[str, FieldPath] = {}
    publishers: dict[str, Publisher] = {}
    for i, item in enumerate(data["publishers"]):
        for j, host in enumerate(item["hosts"]):
            problems += _listed_once(document, owner, host_key(host), ("publishers", i, "hosts", j))
            publishers[host_key(host)] = Publisher(item["name"], item["tier"])
    mirrors: dict[str, Mirror] = {}
    for i, item in enumerate(data["not_canonical"]):
        problems += _listed_once(document, owner, host_key(item["host"]), ("not_canonical", i, "host"))
        if host_key(item["use"]) not in publishers:
            problems.append(_problem(document, ("not_canonical", i, "use"),
                                     f"{item['use']!r} is not a host of any publisher listed here (expected the host of the "
                                     "publisher's own pages, listed under one of the publishers)"))
        mirrors[host_key(item["host"])] = Mirror(item["host"], item["use"], item["why"])
    numbers = [item["tier"] for item in data["tiers"]]
    problems += [_problem(document, ("tiers", i, "tier"), f"tier {number} is described more than once (expected tiers 1, 2, 3 and 4, once each)")
                 for i, number in enumerate(numbers) if numbers.index(number) != i]
    rules = tuple(TierRule(tuple(rule["files"]), rule["best_tier"], rule["why"]) for rule in data["rules"])
    names = {item["tier"]: item["name"] for item in data["tiers"]}
    return (None, problems) if problems else (Tiers(names, publishers, mirrors, rules), [])


def check_sources(tiers: Tiers, document: YamlDocument, display: str, at: FieldPath) -> list[Problem]:
    """The sources listed at `at` in `document` (a file shown as `display`): every host a known publisher's own,
    and the best source at least as trusted as the first rule matching `display` asks."""
    sources = _value(document.data, at)
    if not isinstance(sources, list):
        return []  # the schema reports it
    problems, urls = [], []
    for i, source in enumerate(sources):
        url = source.get("url") if isinstance(source, dict) else None
        if not isinstance(url, str):
            continue  # the schema reports it
        if host_key(url) == PLACEHOLDER_HOST and "FILL IN" in f"{source.get('publisher')} {source.get('title')}":
            return problems  # a page still being started: judged once its source is filled in
        problem = _host_problem(tiers, url)
        if problem:
            problems.append(Problem(display, document.line_of((*at, i, "url")), field_name((*at, i, "url")), problem))
        urls.append(url)
    if any(tiers.publisher_of(url) is None and tiers.mirror_of(url) is None for url in urls):
        return problems  # the tier is judged once the writer has said who publishes each source
    rule, best = tiers.rule_for(display), tiers.best_tier(urls)
    if rule is not None and (best is None or best > rule.best_tier):
        have = tiers.describe(best) if best is not None else "no source on a publisher's own host"
        wanted = "; ".join(tiers.describe(tier) for tier in range(1, rule.best_tier + 1))
        problems.append(Problem(display, document.line_of(at), field_name(at),
                                f"the best source here is {have} (expected at least one source of tier {rule.best_tier} or "
                                f"better: {wanted}; because {rule.why}; tiers are in {PUBLISHERS_FILE})"))
    return problems


def _host_problem(tiers: Tiers, url: str) -> str:
    mirror = tiers.mirror_of(url)
    if mirror is not None:
        return (f"{urlsplit(url).hostname} is not the publisher's own address: {mirror.why} (expected the page "
                f"cited from its publisher's own host, https://{mirror.use}/...)")
    if tiers.publisher_of(url) is None:
        return (f"{urlsplit(url).hostname or url} is not the host of any publisher in {PUBLISHERS_FILE} (expected its "
                f"publisher added there with its tier from 1, government and public health, to 4, commercial and marketing)")
    return ""


def _listed_once(document: YamlDocument, owner: dict[str, FieldPath], key: str, path: FieldPath) -> list[Problem]:
    if key in owner:
        return [_problem(document, path, f"the host {key!r} is already listed at {field_name(owner[key])} (expected each host once)")]
    owner[key] = path
    return []


def _value(data: Any, path: FieldPath) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _problem(document: YamlDocument, path: FieldPath, message: str) -> Problem:
    return document.problem(path, message)
