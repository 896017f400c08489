"""The MkDocs adapter's state, on objects rather than module globals: a Session for the process (MkDocs loads
a hook module once, so under `mkdocs serve` it outlives every rebuild) and a SiteBuild for each build; the
scratch output folder a build writes into; and what the adapter reads from MkDocs's configuration.
"""
from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.nav import Navigation

from otsite.build_inputs import BuildInputs
from otsite.finished_html import FinishedFragments
from otsite.languages import SOURCE_LANGUAGE, docs_folder
from otsite.markdown_source import MarkdownReader, default_excluded
from otsite.model import Site
from otsite.output_folder import swap_in
from otsite.project_links import CHECKED_FOLDERS
from otsite.render_cache import Memo
from otsite.sanitize import TrustedBlocks
from otsite.settings import BuildSettings
from serve_caches import ServeCaches
from theme_seams import SearchSeesPart, WarningCounter, build_into, reading_like_mkdocs


class ScratchOutput:
    """The build writes into a scratch folder beside the real one, swapped in only when it succeeds (links
    included), so a failed build keeps the last good site (theme_seams: scratch-output)."""

    def __init__(self) -> None:
        self.final: Path | None = None
        self.scratch: Path | None = None
        self.warnings = WarningCounter()

    def start(self, config: MkDocsConfig) -> None:
        final = Path(config.site_dir)
        if final.exists() and not final.is_dir():
            raise PluginError(f"cannot write the site to {final}: it is a file, not a folder (expected a folder, or a path that does not exist yet; "
                              "choose another with -d)")
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=f".{final.name}-building-", dir=final.parent))
        except OSError as error:
            raise PluginError(f"cannot write the site to {final}: {error.strerror or error} in {final.parent} "
                              "(expected a folder you can write to; choose another with -d, or change the folder's permissions)") from None
        self.final, self.scratch = final, scratch
        scratch.chmod(0o777 & ~_umask())  # mkdtemp makes it private; the site must stay readable by web servers
        build_into(config, scratch)
        logging.getLogger("mkdocs").addHandler(self.warnings)

    def finish(self, config: MkDocsConfig, strict: bool, keep_old_for_now: bool) -> None:
        """Swap the built site in, unless a --strict build logged a warning (MkDocs aborts next: the last good site stays)."""
        self.stop_counting()
        if self.final is None:
            return
        scratch = Path(config.site_dir)
        if strict and self.warnings.count:
            shutil.rmtree(scratch, ignore_errors=True)
            return
        swap_in(scratch, self.final, remove_old_later=keep_old_for_now)

    def abandon(self) -> None:
        self.stop_counting()
        if self.scratch is not None:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def stop_counting(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)


@dataclass
class SiteBuild:
    """What one build needs between events; a new one for each build (on_pre_build)."""

    settings: BuildSettings
    site: Site | None = None
    reader: MarkdownReader = field(default_factory=MarkdownReader)  # replaced by one that reads pages as MkDocs does
    anchors: dict[str, set[str]] = field(default_factory=dict)
    trusted: dict[str, TrustedBlocks] = field(default_factory=dict)  # per page: the site's own blocks, held out while sanitizing
    finished: dict[str, str] = field(default_factory=dict)  # per generated page of finished HTML: its body, which skips Markdown
    fragments: dict[str, FinishedFragments] = field(default_factory=dict)  # per writer's page: finished HTML held out of its Markdown pass
    search_part: SearchSeesPart = field(default_factory=SearchSeesPart)  # finished pages: search sees only what it indexes
    output: ScratchOutput = field(default_factory=ScratchOutput)
    nav: Navigation | None = None
    fallback: set[str] = field(default_factory=set)  # pages of a translation build taken from docs/: not translated yet
    search_entries_seen: int = 0  # Material's search entries given their accent-free words so far

    def loaded_site(self) -> Site:
        if self.site is None:
            raise PluginError("the site's data was not loaded (on_pre_build did not run)")
        return self.site


@dataclass
class Session:
    """The hook's one piece of state: how MkDocs was started, the serve-time caches, this build's settings and state."""

    dirty: bool = False
    serving: bool = False  # under `mkdocs serve`, pages whose inputs did not change are reused between rebuilds
    caches: ServeCaches = field(default_factory=ServeCaches)
    settings: BuildSettings = field(default_factory=lambda: BuildSettings(SOURCE_LANGUAGE))
    build: SiteBuild = field(default_factory=lambda: SiteBuild(BuildSettings(SOURCE_LANGUAGE)))

    def memo(self, kept: Memo) -> Memo:
        """`kept` under serve; a throwaway memo for a one-off build, which keeps nothing."""
        return kept if self.serving else Memo()


def read_settings(config: MkDocsConfig) -> BuildSettings:
    return BuildSettings.read(config.extra, os.environ, config.theme.get("language"))


def project_root(config: MkDocsConfig) -> Path:
    """The project folder: the one holding the configuration file, however it was named on the command line."""
    return Path(config.config_file_path).resolve().parent


def build_inputs(config: MkDocsConfig) -> BuildInputs:
    """Every folder this build reads (otsite/build_inputs.py); scripts/build.py checks each configuration's before building any."""
    root = project_root(config)
    pages = [Path(config.docs_dir), root / docs_folder(SOURCE_LANGUAGE)]  # a translation takes the files it lacks from docs/
    theme = [_relative(Path(config.theme.custom_dir), root)] if config.theme.custom_dir else []
    return BuildInputs(root, tuple(dict.fromkeys(_relative(path, root) for path in pages)), others=tuple(dict.fromkeys([*CHECKED_FOLDERS, *theme])),
                       languages=dict(read_settings(config).languages), settings=config.extra, excluded=excluded(config),
                       settings_source=_relative(Path(config.config_file_path), root))


def page_reader(config: MkDocsConfig, settings: BuildSettings, rendered: Memo) -> MarkdownReader:
    """Pages read as MkDocs reads them: its own front-matter split, page suffixes, exclusions and Markdown extensions."""
    return MarkdownReader(extensions=tuple(config.markdown_extensions),
                          extension_configs={name: dict(options) for name, options in config.mdx_configs.items()},
                          excluded=excluded(config), limits=settings.limits, rendered=rendered, **reading_like_mkdocs())


def excluded(config: MkDocsConfig) -> Callable[[str], bool]:
    """Whether MkDocs leaves a path of the pages folder out: its defaults, then exclude_docs."""
    exclude_docs = config.exclude_docs
    return lambda path: default_excluded(path) or bool(exclude_docs and exclude_docs.match_file(path))


def _relative(path: Path, root: Path) -> str:
    """`path` from the project folder; its own last part unresolved, so a linked pages folder is still seen as a link."""
    return os.path.relpath(path.parent.resolve() / path.name, root)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
