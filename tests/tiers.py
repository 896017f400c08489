"""Which tier a test belongs to, read from what it uses, so a new test is classified without
anyone remembering to mark it (conftest.py's pytest_collection_modifyitems applies this).

- `browser`: it starts a browser or serves a site: a fixture named in BROWSER_FIXTURES
  (every Playwright browser, context and page comes from `playwright`).
- `build`: it builds the site: a fixture named in BUILD_FIXTURES, or a call of one of the
  build runners (conftest's run_build and friends), by the test, by one of its fixtures, or by
  a helper function or class of the test modules that they name.
- everything else is fast: scripts/test.sh --fast runs `-m "not browser and not build"`.

A fixture asked for by name (`request.getfixturevalue("hosted_site")`, or with a parametrized
name) counts as used: where the code calls getfixturevalue, its string constants and the test's
parameters are read as fixture names."""
from __future__ import annotations

import functools
import inspect
import sys
import types
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
BROWSER_FIXTURES = frozenset({"playwright", "hosted_server", "firefox"})
BUILD_FIXTURES = frozenset({"hosted_site", "offline_site"})


@dataclass
class Uses:
    """What a test's code reaches: names (fixtures asked for, string constants) and build runners called."""

    names: set[str] = field(default_factory=set)
    strings: set[str] = field(default_factory=set)  # fixture names only where the code asks for fixtures by name
    by_name: bool = False
    builds: bool = False
    seen: set[int] = field(default_factory=set)


def _code_objects(code: types.CodeType) -> Iterator[types.CodeType]:
    yield code
    for constant in code.co_consts:
        if isinstance(constant, types.CodeType):  # lambdas, comprehensions, inner functions
            yield from _code_objects(constant)


def _is_test_code(value: object) -> bool:
    """A function or class defined in tests/ (conftest, a test module, a helper module)."""
    return _in_tests(getattr(value, "__module__", None))


@functools.cache
def _in_tests(module_name: str | None) -> bool:
    source = getattr(sys.modules.get(module_name or ""), "__file__", None)
    return source is not None and Path(source).resolve().parent == TESTS


def _follow(function: Callable, runners: Collection[Callable], uses: Uses) -> None:
    """Record what `function` names and calls, following the test code's own helpers."""
    function = inspect.unwrap(function)
    code = getattr(function, "__code__", None)
    if code is None or id(function) in uses.seen or not _is_test_code(function):
        return  # plugins' fixtures (pytest's, Playwright's) count only by the names they request
    uses.seen.add(id(function))
    for part in _code_objects(code):
        uses.strings.update(c for c in part.co_consts if isinstance(c, str))
        uses.by_name |= "getfixturevalue" in part.co_names
        for name in part.co_names:
            value = function.__globals__.get(name)
            if value is None:
                continue
            if any(value is runner for runner in runners):
                uses.builds = True
            elif inspect.isfunction(value):
                _follow(value, runners, uses)
            elif inspect.isclass(value) and _is_test_code(value):
                for member in vars(value).values():
                    if inspect.isfunction(member):
                        _follow(member, runners, uses)


def tiers_of(item: pytest.Item, runners: Collection[Callable]) -> set[str]:
    """The markers `item` gets: a subset of {"browser", "build"}."""
    uses = Uses(names=set(getattr(item, "fixturenames", ())))
    callspec = getattr(item, "callspec", None)
    if callspec is not None:
        uses.strings.update(v for v in callspec.params.values() if isinstance(v, str))
    if isinstance(item, pytest.Function):
        _follow(item.function, runners, uses)
        _follow_fixtures(item, runners, uses)
    found = set()
    if uses.names & BROWSER_FIXTURES:
        found.add("browser")
    if uses.builds or uses.names & BUILD_FIXTURES:
        found.add("build")
    return found


def _follow_fixtures(item: pytest.Function, runners: Collection[Callable], uses: Uses) -> None:
    """Follow every fixture the test reaches: those it requests, and those named in its code (and theirs)."""
    done: set[str] = set()
    while waiting := (uses.names | (uses.strings if uses.by_name else set())) - done:
        name = waiting.pop()
        done.add(name)
        definitions = list(_definitions(item, name))
        while definitions:  # the definition used; the one it overrides only if it asks for it by its own name
            definition = definitions.pop()
            uses.names.update((name, *definition.argnames))
            _follow(definition.func, runners, uses)
            if name not in definition.argnames:
                break


def _definitions(item: pytest.Function, name: str) -> Sequence[pytest.FixtureDef]:
    """The fixture definitions of `name` the test sees; a parameter of the test itself (`page` in
    parametrize) hides a fixture of that name, as it does for pytest."""
    known = item._fixtureinfo.name2fixturedefs.get(name)
    return known if known is not None else item.session._fixturemanager.getfixturedefs(name, item) or ()
