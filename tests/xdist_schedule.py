"""How scripts/test.sh spreads the tests over pytest-xdist's workers (`--dist loadgroup`, read here).

A test file whose tests share a fixture of its own beyond one test (a module-scoped build, server or
browser page, defined in the file or a helper module of tests/) runs whole in one worker, so that
fixture is made once. Every other test goes on its own to whichever worker is free: the real site's
builds are shared by all workers (conftest.built_once), so a file of page checks over them (such as
test_quality_gates.py, a fifth of the suite) no longer keeps one worker busy alone at the end.

pytest-xdist's own `loadgroup` reads `xdist_group` marks by renaming each test's node id, which
pytest 9 no longer allows (the marks are silently ignored), so this module gives xdist a scheduler of
its own: the workers find the files to keep together as they collect and write them into the run's
shared folder; the main process's scheduler reads them before it hands out the first test.
"""
from __future__ import annotations

import functools
import inspect
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
TOGETHER_FILE = "files-run-whole.json"  # in the run's shared folder (conftest.SHARED_BUILDS)


def files_with_their_own_shared_fixtures(items: list[pytest.Item]) -> set[str]:
    """The test files (as in node ids, "tests/test_x.py") that use a non-function fixture of their own."""
    together = set()
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        for definitions in (info.name2fixturedefs.values() if info else ()):
            if definitions[-1].scope != "function" and _defined_in_tests(definitions[-1].func):
                together.add(item.nodeid.split("::", 1)[0])
    return together


@functools.cache
def _defined_in_tests(function: Callable) -> bool:
    """A fixture of a test file or helper module: made once per worker that runs it (conftest's are shared)."""
    source = Path(inspect.getsourcefile(inspect.unwrap(function)) or "")
    return source.parent == TESTS and source.name != "conftest.py"


def order(items: list[pytest.Item], together: set[str], slow: Callable[[pytest.Item], bool]) -> None:
    """Files run whole first, then the slow tiers, the quick tests last: they even out the workers' ends."""
    items.sort(key=lambda item: (item.nodeid.split("::", 1)[0] not in together, not slow(item)))


def publish(together: set[str], shared: Path) -> None:
    """In a worker: tell the main process's scheduler (every worker collects the same tests)."""
    target = shared / TOGETHER_FILE
    scratch = target.with_name(f"{target.name}.{os.getpid()}")
    scratch.write_text(json.dumps(sorted(together)), encoding="utf-8")
    os.replace(scratch, target)


def make_scheduler(config: pytest.Config, log: object, shared: Path) -> object:
    from xdist.scheduler import LoadScopeScheduling

    class FilesWholeTestsAlone(LoadScopeScheduling):
        """xdist's scope scheduling, where a scope is a file to run whole or else one test. Scopes are
        handed out largest first (xdist's --loadscope-reorder), then in collection order (see `order`)."""

        @functools.cached_property
        def together(self) -> frozenset[str]:
            listed = shared / TOGETHER_FILE  # missing only if no worker collected anything: nothing to keep together
            return frozenset(json.loads(listed.read_text(encoding="utf-8")) if listed.exists() else ())

        def _split_scope(self, nodeid: str) -> str:
            file = nodeid.split("::", 1)[0]
            return file if file in self.together else nodeid

    return FilesWholeTestsAlone(config, log)
