"""What each emergency level (data/emergency_signs.yml `levels`) tells a reader to do first.

One table for every place that says it: the notice at the top of a page (its heading per
level, templates/emergency_notice.md.j2) and the content API's red flags (content_api.py).
"""
from __future__ import annotations

from .i18n import gettext_for

# level -> the number to call or text, for a level that has one
HELP_LINES = {"call-911": "911", "crisis-line": "988"}


def level_actions(language: str) -> dict[str, str]:
    """Each level's plain instruction ("Call 911 now") in `language`."""
    _ = gettext_for(language)
    return {"call-911": _("Call 911 now"), "act-now": _("Act now"),
            "emergency-room": _("Go to the emergency room now"), "crisis-line": _("Call or text 988 now")}
