"""MkDocs adapter for the site's own files, which live on the theme side (overrides/assets/), not
among the writers' content (core: otsite/vendored.py, otsite/web_manifest.py).

- on_config: the vendored runtimes (overrides/assets/vendor/) are checked against the hashes
  scripts/vendor_workbox.sh recorded: a changed, missing, extra or linked file stops the build
  before anything is written.
- on_files: the record itself is left out of the site; a content file may not take the address
  of one of the site's own files (MkDocs would publish the content file instead of the theme's);
  manifest.webmanifest is written from this language's configuration; the site's own scripts and
  stylesheets are published without their notes (otsite/minify.py; vendored files as they are).
"""
from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from otsite.languages import SOURCE_LANGUAGE
from otsite.minify import published_form
from otsite.problems import DataError, Problem
from otsite.vendored import PUBLISHED_AT, RECORD, VENDOR_FOLDER, check_folder
from otsite.web_manifest import WEB_MANIFEST, short_name_problem, web_manifest


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    problems = check_folder(_root(config) / VENDOR_FOLDER)
    problems += _manifest_setting_problems(config)
    if problems:
        refused = DataError(problems)
        raise PluginError(refused.report()) from refused  # kept: the preview lists refused.problems
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    record = files.get_file_from_path(PUBLISHED_AT + RECORD)
    if record is not None:
        files.remove(record)
    problems = _taken_addresses(files, config)
    if files.get_file_from_path(WEB_MANIFEST) is not None:
        problems.append(Problem(_shown(files.get_file_from_path(WEB_MANIFEST), config), 0, "",
                                "the build writes this file itself from the configuration (site_name, extra.short_name, "
                                "site_description): delete it and change those settings instead"))
    if problems:
        refused = DataError(problems)
        raise PluginError(refused.report()) from refused  # kept: the preview lists refused.problems
    files.append(File.generated(config, WEB_MANIFEST, content=web_manifest(
        config.site_name, config.extra["short_name"], config.site_description or "", _language(config))))
    _publish_without_notes(files, config)
    return files


def _publish_without_notes(files: Files, config: MkDocsConfig) -> None:
    """The theme side's own .css and .js (not the vendored runtimes) as a reader downloads them: no comments."""
    own = Path(config.theme.custom_dir).resolve() if config.theme.custom_dir else None
    for file in list(files):
        if own is None or file.generated_by or not file.abs_src_path or not file.src_uri.endswith((".css", ".js")):
            continue
        if file.src_uri.startswith(PUBLISHED_AT) or own not in Path(file.abs_src_path).resolve().parents:
            continue
        source = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=published_form(file.src_uri, source)))


def _taken_addresses(files: Files, config: MkDocsConfig) -> list[Problem]:
    """Content files published where one of the site's own files (overrides/) would be."""
    if not config.theme.custom_dir:
        return []
    own = Path(config.theme.custom_dir).resolve()
    problems = []
    for file in files:
        if file.generated_by or file.is_documentation_page() or not file.abs_src_path:
            continue
        folder = Path(file.abs_src_path).parent.resolve()  # the file itself unresolved: a link into overrides/ is still content
        if folder == own or own in folder.parents:
            continue
        if (own / file.src_uri).is_file() and not file.src_uri.endswith(".html"):
            problems.append(Problem(_shown(file, config), 0, "", (
                f"the site's own file {own.name}/{file.src_uri} is published at this address "
                "(expected another name: a content file would replace it on every page)")))
    return problems


def _manifest_setting_problems(config: MkDocsConfig) -> list[Problem]:
    problem = short_name_problem(config.extra.get("short_name"))
    shown = Path(config.config_file_path).name if config.config_file_path else "mkdocs.yml"
    return [Problem(shown, 0, "extra.short_name", problem)] if problem else []


def _shown(file: File, config: MkDocsConfig) -> str:
    """A file's path from the project folder, as a writer finds it."""
    path = Path(file.abs_src_path or file.src_uri)
    source = path.parent.resolve() / path.name  # a link is named as the writer made it
    root = _root(config)
    return source.relative_to(root).as_posix() if root in source.parents else file.src_uri


def _language(config: MkDocsConfig) -> str:
    return str(config.extra.get("language") or config.theme.get("language") or SOURCE_LANGUAGE)


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
