"""manifest.webmanifest (add the guide to a phone's home screen), written by the build for each language.

Names and description come from the language's configuration (site_name, extra.short_name,
site_description); the look (colour, icons) is one for every language. `start_url` and `scope`
are relative, so a sub-path host works, and there is no `id`: it would resolve against the
origin, making every fork on one host (github.io) the same app. No MkDocs import here.
"""
from __future__ import annotations

import json

WEB_MANIFEST = "manifest.webmanifest"
COLOUR = "#303f9f"  # the header's indigo (--md-primary-fg-color in ot.css)
SHORT_NAME_LIMIT = 12  # a home screen cuts longer names
ICONS = [  # (file under assets/icons/, size, purpose): drawn by scripts/make_icons.py
    ("icon-192.png", "192x192", "any"),
    ("icon-512.png", "512x512", "any"),
    ("maskable-192.png", "192x192", "maskable"),
    ("maskable-512.png", "512x512", "maskable"),
]


def web_manifest(name: str, short_name: str, description: str, language: str, direction: str = "ltr") -> str:
    """The manifest's text: one JSON value, whatever the strings hold."""
    manifest = {
        "name": name, "short_name": short_name, "description": description, "lang": language, "dir": direction,
        "start_url": "./", "scope": "./", "display": "standalone", "background_color": COLOUR, "theme_color": COLOUR,
        "icons": [{"src": f"assets/icons/{file}", "sizes": size, "type": "image/png", "purpose": purpose}
                  for file, size, purpose in ICONS],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"


def short_name_problem(short_name: object) -> str | None:
    """Why extra.short_name cannot be used, or None."""
    if not isinstance(short_name, str) or not short_name.strip():
        return "missing (expected the guide's name in at most 12 characters, shown under its home screen icon)"
    if len(short_name) > SHORT_NAME_LIMIT:
        return f"{len(short_name)} characters (expected at most {SHORT_NAME_LIMIT}: a home screen cuts longer names)"
    return None
