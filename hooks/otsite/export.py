"""The portable core's output: every page and file the build adds or changes,
as plain Markdown (and the finder's script), for any static site generator."""
from __future__ import annotations

from pathlib import Path

from .loading import GENERATED_PAGES
from .model import Site
from .page_checks import split_front_matter
from .rendering import compose_page, generated_assets, generated_pages
from .yaml_source import parse_yaml


def portable_files(root: Path, site: Site) -> dict[str, str]:
    """{path under docs/: text} for generated pages and assets, and writers' pages as readers get them."""
    files = {**generated_pages(site), **generated_assets(site)}
    docs = root / "docs"
    for path in sorted(docs.rglob("*.md")):
        relative = path.relative_to(docs).as_posix()
        if relative in GENERATED_PAGES:
            continue
        front, body = split_front_matter(path.read_text(encoding="utf-8"))
        document, _ = parse_yaml(front, relative) if front else (None, [])
        get_help = (document.data or {}).get("get_help") or {} if document else {}
        emergencies = (document.data or {}).get("emergencies") or [] if document else []
        composed = compose_page(site, relative, body, get_help, emergencies)
        if composed != body:
            files[relative] = f"---\n{front}---\n{composed}" if front else composed
    return files


def write_files(files: dict[str, str], target: Path) -> None:
    for relative, text in files.items():
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(text, encoding="utf-8")
