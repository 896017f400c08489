"""ot-strings.js: the browser scripts' interface strings in the build's language.

overrides/assets/javascripts/ot.js's t("Open now") looks each English text up in
window.otStrings; the English build ships an empty table, so the scripts show
their own English text. The table comes from locales/<language>/LC_MESSAGES/scripts.po.
"""
from __future__ import annotations

from .i18n import scripts_catalog
from .script_data import assignment

# Loaded on every page before the scripts that use it (mkdocs.yml extra_javascript).
SCRIPT_STRINGS = "assets/javascripts/ot-strings.js"


def strings_script(language: str) -> str:
    """JavaScript that sets window.otStrings = {English: translation} for `language` ({} for English)."""
    return assignment("otStrings", scripts_catalog(language))
