"""The writers' preview: English at http://127.0.0.1:8000/ and Spanish at /es/ (as scripts/build.py lays the
site out), rebuilt and reloaded in the browser whenever a file the site is made from changes.

A mistake never leaves the browser waiting: while a build fails, every page of that language answers at
once with a page listing the problems (otsite/preview_page.py), the terminal prints the same list, and the
page goes back to the reader's page by itself when the writer fixes the file. The preview starts (and waits
for the fix) even when a mistake is there from the start. The builds are strict, as scripts/build.py's are.
A language whose build fails shows the error page under its own address only (Spanish: /es/...), so a
mistake in a Spanish page leaves the English pages readable. The preview is always served at / (links are
relative, so a site published under a sub-path, OT_SITE_URL, previews the same).

How: MkDocs's LiveReloadServer watches the files and answers the browsers; each language is built by a
process of its own (the same `mkdocs.commands.build.build` that `mkdocs serve` runs, announced as `serve` so
the hook keeps its caches between rebuilds). MkDocs loads a hook file once per process, so one process per
language keeps each language's caches apart, and the two builds run side by side. A change to the hooks'
Python code starts the builders again, so the preview never runs stale code.

Usage: scripts/serve.sh [-a HOST:PORT] [-o]   (scripts/serve.sh runs this with the project's Python)
"""
from __future__ import annotations

import argparse
import importlib.util
import logging
import multiprocessing
import os
import posixpath
import re
import shutil
import signal
import sys
import tempfile
import time
import traceback
import urllib.parse
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import yaml
from mkdocs.__main__ import ColorFormatter
from mkdocs.exceptions import MkDocsException
from mkdocs.livereload import LiveReloadServer, _Handler

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from otsite.preview_page import PageLook, error_page, error_text  # noqa: E402 - after the path is set
from otsite.problems import DataError, Problem  # noqa: E402
from otsite.yaml_source import parse_yaml  # noqa: E402
from theme_seams import MKDOCS_MESSAGES, installed_versions, version_report  # noqa: E402 - what MkDocs's messages say, and its version

log = logging.getLogger("mkdocs.preview")  # under "mkdocs": printed as MkDocs prints its own lines


@dataclass(frozen=True)
class Site:
    """One language of the site: its configuration, pages folder and place in the preview."""

    code: str
    config: str
    docs: str
    prefix: str  # its folder under the preview's address: "" or "es/"
    name: str  # as the error page and the terminal name it


SITES = (Site("en", "mkdocs.yml", "docs", "", "the English site (/)"),
         Site("es", "mkdocs-es.yml", "docs-es", "es/", "the Spanish site (/es/)"))
# What the site is made from: an edit to any of these rebuilds it (with every mkdocs*.yml, and each config's `watch`).
WATCHED = ("docs", "docs-es", "data", "hooks", "schemas", "locales", "overrides")
CODE = ROOT / "hooks"  # its Python files live in the builders: a change starts them again
LOOK_PREFIX = "/.ot-preview/"  # the error page's stylesheets: the theme's and the site's own, whatever the last build did
REBUILD_WAIT = 1.0  # seconds a request waits for a rebuild under way before it gets what the last one made


def look_files() -> dict[str, Path]:
    """{name: file} of the stylesheets the error page links: Material's main one and the site's own (as the site, no palette)."""
    spec = importlib.util.find_spec("material")
    theme = Path(spec.origin).parent / "templates" / "assets" / "stylesheets" if spec and spec.origin else None
    found = sorted(theme.glob("main.*.min.css")) if theme else []
    found += [path for path in [ROOT / "overrides" / "assets" / "stylesheets" / "ot.css"] if path.is_file()]
    return {path.name: path for path in found}


# ---------------------------------------------------------------- the builders (one process per language)

@dataclass
class BuildResult:
    code: str
    seconds: float
    problems: list[Problem] = field(default_factory=list)


class _Collected(logging.Handler):
    """The warnings and errors of one build, in the order MkDocs logged them (each fails a strict build)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


class _Labelled(ColorFormatter):
    """MkDocs's own line format, with the language each builder's line is about."""

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def format(self, record: logging.LogRecord) -> str:
        record = logging.makeLogRecord({**record.__dict__, "msg": f"[{self.label}] {record.getMessage()}", "args": ()})
        return super().format(record)


def builder_process(site: Site, site_dir: str, serve_url: str, connection: Connection) -> None:
    """A builder's life: build `site` into `site_dir` each time the preview asks, answer with a BuildResult."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the preview's to handle: it stops the builders
    stream = logging.StreamHandler()
    stream.setFormatter(_Labelled(site.code))
    stream.addFilter(lambda record: record.levelno < logging.WARNING)  # warnings and errors come back as problems
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.propagate = False
    mkdocs_log.addHandler(stream)
    warnings.simplefilter("module", DeprecationWarning)  # shown, as the mkdocs command shows them
    started = False
    while True:
        try:
            connection.recv()
        except (EOFError, OSError):  # the preview stopped
            return
        started, result = build_once(site, site_dir, serve_url, started)
        connection.send(result)


def build_once(site: Site, site_dir: str, serve_url: str, started: bool) -> tuple[bool, BuildResult]:
    """One strict build of `site`, as `mkdocs serve` does it; every failure becomes problems, none is raised."""
    from mkdocs.commands.build import build  # here: only the builders build
    from mkdocs.config import load_config
    collected = _Collected()
    logging.getLogger("mkdocs").addHandler(collected)
    start = time.monotonic()
    try:
        config = load_config(str(ROOT / site.config), site_dir=site_dir, strict=True)
        config.site_url = serve_url
        if not started:  # once per builder, as `mkdocs serve` does: the hook then keeps its caches
            config.plugins.on_startup(command="serve", dirty=False)
            started = True
        build(config, serve_url=serve_url, dirty=False)
        problems: list[Problem] = []
    except Exception as error:  # noqa: BLE001 - whatever stops a build is shown in the browser, never raised
        problems = build_problems(site, collected.messages, error)
    finally:
        logging.getLogger("mkdocs").removeHandler(collected)
    return started, BuildResult(site.code, time.monotonic() - start, problems)


def build_problems(site: Site, messages: Iterable[str], error: BaseException) -> list[Problem]:
    """Every problem one failed build found: the site's own (a DataError, with each file and line), MkDocs's warnings
    and errors (each logged message), or, for an error in the code, a short note (the traceback goes to the terminal)."""
    chain = list(_chain(error))
    data_error = next((e for e in chain if isinstance(e, DataError)), None)
    told = {str(e) for e in chain}  # messages MkDocs logged from the exception itself, already counted
    problems = list(data_error.problems) if data_error else _configuration_not_yaml(error)
    spots = {(problem.path, problem.line) for problem in problems if problem.line}
    for message in messages:
        if not (data_error and message in told):
            # MkDocs's word on a spot the site's own checks named already (a broken link) is left out: theirs says more
            problems += [p for p in _from_message(site, message) if not (p.line and (p.path, p.line) in spots)]
    if not isinstance(error, MkDocsException):
        traceback.print_exception(error)  # a bug, for a developer: the details only in the terminal
        problems.append(Problem("", 0, "", f"The build stopped on an error in the site's code, not in your text "
                                           f"({type(error).__name__}). The terminal shows the details: ask a developer."))
    elif not problems:
        problems += _from_message(site, str(error))
    return problems


def _chain(error: BaseException | None) -> Iterable[BaseException]:
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def _from_message(site: Site, message: str) -> list[Problem]:
    """One logged message as a problem: MkDocs's known ones at their file and line, "Aborted with ..."
    (the count MkDocs ends a failed build with) left out, others as they are."""
    if message.startswith("Aborted with "):
        return []
    for pattern, where, setting in MKDOCS_MESSAGES:
        found = pattern.fullmatch(message.strip())
        if found:
            path, (line, column) = _setting_line(site, found["name"]) if where == "config" else _page_line(site, found["page"], found["name"])
            return [Problem(path, line, setting.format(**found.groupdict()), message.strip(), column)]
    return [Problem("", 0, "", message)]


def _configuration_not_yaml(error: BaseException) -> list[Problem]:
    """A configuration file (mkdocs.yml...) that is not valid YAML, told as a data file's slip is (otsite/yaml_source.py)."""
    slip = next((e for e in _chain(error) if isinstance(e, yaml.YAMLError)), None)
    name = getattr(getattr(slip, "problem_mark", None), "name", None)
    if not name or not Path(name).resolve().is_relative_to(ROOT) or not Path(name).is_file():
        return []
    file = Path(name).resolve()
    return parse_yaml(file.read_text(encoding="utf-8", errors="replace"), file.relative_to(ROOT).as_posix())[1]


def _setting_line(site: Site, name: str) -> tuple[str, tuple[int, int]]:
    """The configuration file and the line and column where it names `name` (a page in the nav, or a setting), this language's first."""
    pattern = re.compile(rf"(?<![^\s:'\"]){re.escape(name)}(?![^\s:'\"])")
    for config in dict.fromkeys([site.config, SITES[0].config]):
        spot = _first_line(ROOT / config, pattern)
        if spot[0]:
            return config, spot
    return site.config, (0, 0)


def _page_line(site: Site, page: str, text: str) -> tuple[str, tuple[int, int]]:
    """The page (this language's, or the English one a translation takes when it has none) and its first line holding `text`."""
    for docs in dict.fromkeys([site.docs, SITES[0].docs]):
        if (ROOT / docs / page).is_file():
            return f"{docs}/{page}", _first_line(ROOT / docs / page, re.compile(re.escape(text)))
    return f"{site.docs}/{page}", (0, 0)


def _first_line(file: Path, pattern: re.Pattern[str]) -> tuple[int, int]:
    """The 1-based line and column of `pattern`'s first match in `file`, or (0, 0)."""
    try:
        lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0, 0
    found = ((number, pattern.search(text)) for number, text in enumerate(lines, 1))
    return next(((number, match.start() + 1) for number, match in found if match), (0, 0))


# ---------------------------------------------------------------- the preview's side

class Builders:
    """One builder process per language, asked to build together; started again when the hooks' code changes."""

    def __init__(self, folders: dict[str, Path], serve_url: str) -> None:
        self.folders, self.serve_url = folders, serve_url
        self.context = multiprocessing.get_context("spawn")  # a clean interpreter: nothing of the server's threads
        self.running: dict[str, tuple[multiprocessing.process.BaseProcess, Connection]] = {}
        self.code_stamp = _code_stamp()

    def build_all(self) -> list[BuildResult]:
        if _code_stamp() != self.code_stamp:
            log.info("The hooks' code changed: starting the builders again")
            self.stop()
            self.code_stamp = _code_stamp()
        for site in SITES:
            if site.code not in self.running or not self.running[site.code][0].is_alive():
                self._start(site)
            self.running[site.code][1].send("build")
        return [self._result(site) for site in SITES]

    def _start(self, site: Site) -> None:
        ours, theirs = self.context.Pipe()
        process = self.context.Process(target=builder_process, args=(site, str(self.folders[site.code]), self.serve_url, theirs),
                                       name=f"preview-{site.code}", daemon=True)
        process.start()
        theirs.close()
        self.running[site.code] = (process, ours)

    def _result(self, site: Site) -> BuildResult:
        process, connection = self.running[site.code]
        try:
            return connection.recv()
        except (EOFError, OSError):  # it died (killed, out of memory): started again on the next build
            self.running.pop(site.code)
            return BuildResult(site.code, 0.0, [Problem("", 0, "", f"The builder of {site.name} stopped unexpectedly "
                                                                    f"(exit code {process.exitcode}): save a file to try again.")])

    def stop(self) -> None:
        for process, connection in self.running.values():
            connection.close()  # the builder's recv() ends: it returns
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
        self.running.clear()


def _code_stamp() -> list[tuple[str, int, int]]:
    return sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in CODE.rglob("*.py"))


class _QuietHandler(_Handler):
    """Requests are not news: only a server error is printed as a warning (an error page's 503 is already explained)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        level = logging.WARNING if str(code).startswith("5") and str(code) != "503" else logging.DEBUG
        log.log(level, f'"{self.requestline}" code {code}')


class PreviewServer(LiveReloadServer):
    """MkDocs's live-reload server, serving each language from its own folder, and while a language's build
    fails its error page for every page address of that language: at once, never waiting for a fix."""

    def __init__(self, folders: dict[str, Path], host: str, port: int) -> None:
        super().__init__(builder=self.rebuild, host=host, port=port, root=str(folders["en"]))
        self.RequestHandlerClass = _QuietHandler
        self.folders = folders
        self.failures: dict[str, bytes] = {}  # per language whose last build failed: its error page
        self.looks = look_files()
        self.look = PageLook(tuple(LOOK_PREFIX + name for name in self.looks))
        self.builders = Builders(folders, self.url)

    def rebuild(self) -> None:
        """Build every language; never raises (MkDocs's loop would then leave every request waiting)."""
        start = time.monotonic()
        try:
            results = self.builders.build_all()
        except Exception as error:  # noqa: BLE001 - the preview's own trouble, shown like a build's
            traceback.print_exception(error)
            results = [BuildResult(site.code, 0.0, [Problem("", 0, "", f"The preview could not build ({type(error).__name__}): "
                                                                         "the terminal shows the details; ask a developer.")]) for site in SITES]
        same: dict[tuple[Problem, ...], list[str]] = {}  # the languages each list of problems stops, printed once
        for site, result in zip(SITES, results):
            if result.problems:
                self.failures[site.code] = error_page(site.name, result.problems, ROOT, self.look).encode("utf-8")
                same.setdefault(tuple(result.problems), []).append(site.name)
            else:
                self.failures.pop(site.code, None)
        for problems, names in same.items():
            print(f"\n{error_text(' and '.join(names), problems, ROOT)}\n", file=sys.stderr, flush=True)
        times = ", ".join(f"{site.code} {result.seconds:.1f} s" for site, result in zip(SITES, results))
        state = "with problems" if self.failures else "done"
        log.info(f"Build {state} in {time.monotonic() - start:.1f} s ({times}): {self.url}")

    def _serve_request(self, environ, start_response):  # noqa: ANN001, ANN202 - WSGI
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            return super()._serve_request(environ, start_response)
        if path.startswith(LOOK_PREFIX):
            return self._look_file(path[len(LOOK_PREFIX):], start_response)
        with self._epoch_cond:  # a rebuild under way: wait a little for it, never for a fix
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch, timeout=REBUILD_WAIT)
            epoch = self._visible_epoch
        site = next(s for s in reversed(SITES) if (path + "/").startswith("/" + s.prefix))
        relative = path[len(site.prefix) + 1:]
        if path.endswith("/"):
            relative += "index.html"
        relative = posixpath.normpath("/" + relative).lstrip("/")  # no way out of the folder
        failure = self.failures.get(site.code)
        if failure is not None and _is_page(relative):
            return self._html(start_response, "503 Service Unavailable", failure, epoch)
        file = self.folders[site.code] / relative
        if file.is_file():
            content = file.read_bytes()
            if relative.endswith(".html"):
                return self._html(start_response, "200 OK", content, epoch)
            start_response("200 OK", [("Content-Type", self._guess_type(str(file))), ("Content-Length", str(len(content)))])
            return [content]
        if not path.endswith("/") and (file / "index.html").is_file():
            start_response("302 Found", [("Location", urllib.parse.quote(path) + "/")])
            return []
        missing = self.folders[site.code] / "404.html"
        return self._html(start_response, "404 Not Found", missing.read_bytes() if missing.is_file() else b"404 Not Found", epoch)

    def _html(self, start_response, status: str, content: bytes, epoch: int) -> list[bytes]:  # noqa: ANN001 - WSGI
        """An HTML answer, with MkDocs's live-reload script: the page reloads when the next build is done."""
        content = self._inject_js_into_html(content, epoch)
        start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content))),
                                ("Cache-Control", "no-store")])
        return [content]

    def _look_file(self, name: str, start_response) -> list[bytes] | None:  # noqa: ANN001 - WSGI
        file = self.looks.get(name)
        if file is None:
            return None
        content = file.read_bytes()
        start_response("200 OK", [("Content-Type", "text/css"), ("Content-Length", str(len(content)))])
        return [content]

    def shutdown(self, wait: bool = False) -> None:
        super().shutdown(wait)
        self.builders.stop()


def _is_page(relative: str) -> bool:
    """A page address (what a reader opens), not a stylesheet, script or picture the last good build made."""
    last = relative.rsplit("/", 1)[-1]
    return last.endswith(".html") or "." not in last


def _watched() -> list[Path]:
    paths = [ROOT / name for name in WATCHED] + sorted(ROOT.glob("mkdocs*.yml"))
    return [path for path in paths if path.exists()]


def _address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: expected HOST:PORT, such as 127.0.0.1:8000")
    return host.strip("[]"), int(port)


def _logging() -> None:
    stream = logging.StreamHandler()
    stream.setFormatter(ColorFormatter())
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.setLevel(logging.INFO)
    mkdocs_log.propagate = False
    mkdocs_log.addHandler(stream)
    warnings.simplefilter("module", DeprecationWarning)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Preview the site (English at /, Spanish at /es/) with live reload.")
    parser.add_argument("-a", "--dev-addr", type=_address, default=("127.0.0.1", 8000), metavar="HOST:PORT",
                        help="the address to serve the preview at (default: 127.0.0.1:8000)")
    parser.add_argument("-o", "--open", action="store_true", help="open the preview in a web browser once it is built")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    _logging()
    unchecked = version_report(installed_versions())
    if unchecked:  # the builds would each stop on it: say it once, before serving
        log.error(unchecked)
        return 1
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stopped by a test or a service manager: clean up too
    scratch = Path(tempfile.mkdtemp(prefix="ot-preview-"))
    folders = {site.code: scratch / site.code for site in SITES}
    server = PreviewServer(folders, *args.dev_addr)
    try:
        log.info("Building the site in English and in Spanish...")
        server.rebuild()  # with a mistake present, the preview starts anyway and shows it
        for path in _watched():
            server.watch(str(path))
        try:
            server.serve(open_in_browser=args.open)
        except KeyboardInterrupt:
            log.info("Shutting down...")
    except OSError as error:
        log.error(f"The preview cannot listen at {server.url} ({error.strerror or error}): "
                  "is another preview running? Stop it, or choose another port with -a 127.0.0.1:8001")
        return 1
    finally:
        server.shutdown()
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
