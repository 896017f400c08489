"""The export's configurations: the project's own (mkdocs.yml, mkdocs-es.yml, mkdocs-offline*.yml,
with their INHERIT chains followed and !ENV settings read), less what needs the hooks, plus what
the hooks would set at build time (the glossary's abbreviations, the Spanish site's address, the
footer's words in the build's language). Each is complete on its own: no INHERIT, no hooks."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .i18n import gettext_for
from .languages import language_prefix
from .model import Site

HOOK_ONLY = ("INHERIT", "hooks", "watch")  # settings a build without the hooks cannot use
HOOK_EXTRA = ("markdown_limits", "max_picture_kb")  # extra settings only the hooks read
THEME = "overrides"  # the export's own plain theme folder


class _ConfigLoader(yaml.SafeLoader):
    """Reads a configuration as MkDocs would: !ENV [NAME, default] becomes the variable's value or the default."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]  # type: ignore[arg-type]
    *variables, default = names if len(names) > 1 else [*names, None]
    return next((os.environ[name] for name in variables if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _environment_value)


def project_config(root: Path, name: str) -> dict[str, Any]:
    """The project's configuration `name`, with the files it inherits from merged in as MkDocs merges them."""
    config = yaml.load((root / name).read_text(encoding="utf-8"), _ConfigLoader) or {}  # noqa: S506 - a safe loader
    parent = config.pop("INHERIT", None)
    return _merged(project_config(root, parent), config) if parent else config


def _merged(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Mappings merged key by key, anything else replaced: MkDocs's INHERIT (mergedeep's default)."""
    merged = dict(parent)
    for key, value in child.items():
        merged[key] = _merged(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) else value
    return merged


def export_config(root: Path, site: Site, name: str, pages: str, site_dir: str, offline: bool, directory_urls: bool) -> dict[str, Any]:
    """The project's configuration `name` as the export builds it without hooks: from `pages` into `site_dir`."""
    config = {key: value for key, value in project_config(root, name).items() if key not in HOOK_ONLY}
    if not directory_urls:
        config["use_directory_urls"] = False
    _ = gettext_for(site.language)
    config["docs_dir"], config["site_dir"] = pages, site_dir
    prefix = language_prefix(site.language)
    address = str(config.get("site_url") or "")
    if address and prefix and not address.endswith("/" + prefix):  # as the hook does: a translation lives under its folder
        address = address.rstrip("/") + "/" + prefix
    config["site_url"] = "" if offline else address
    config["theme"] = {**config.get("theme", {}), "custom_dir": THEME}
    extra = {key: value for key, value in (config.get("extra") or {}).items() if key not in HOOK_EXTRA}
    extra["ot_footer"] = {"note": _("Talk to your doctor or therapist about your own health."), "about": _("About this site")}
    config["extra"] = extra
    config["markdown_extensions"] = [_extension(item, site, _("Link to this section")) for item in config.get("markdown_extensions") or []]
    return config


def _extension(item: str | dict[str, Any], site: Site, permalink_title: str) -> str | dict[str, Any]:
    """A Markdown extension's entry with what the hook sets at build time: the glossary, the ¶ link's title."""
    name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
    if name == "abbr":
        return {name: {**(options or {}), "glossary": site.abbreviations()}}
    if name == "toc" and isinstance(options, dict) and "permalink_title" in options:
        return {name: {**options, "permalink_title": permalink_title}}
    return item


def write_config(path: Path, config: dict[str, Any]) -> None:
    header = (f"# Written by scripts/export_markdown.py: builds with no hooks ({'zensical' if path.name.startswith('zensical') else 'mkdocs'} "
              f"build -f {path.name}).\n")
    path.write_text(header + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=120), encoding="utf-8")
