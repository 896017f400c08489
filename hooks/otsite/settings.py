"""One build's settings, read once from the configuration's `extra` and the environment, then passed down.

The adapters (hooks/*.py) read them in on_config; nothing in the core reads the environment itself.
No MkDocs import here.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from .languages import SOURCE_LANGUAGE
from .markdown_bounds import MarkdownLimits
from .precache import SAVE_BUDGET
from .review import REFUSE_DRAFTS_SETTING
from .translation import fail_stale_translations

CI_SETTING = "CI"  # CI services set CI=true; there reminders fail the build
# Only scripts/compare_builds.py sets this, to see what sanitizing changes; a --strict build then fails.
SANITIZER_OFF_SETTING = "OTSITE_UNSAFE_NO_SANITIZER"
BUDGET_SETTING = "OT_SAVE_BUDGET_BYTES"  # the most "Save this guide" downloads: a host with more room, or a test
DATE_SETTING = "SOURCE_DATE_EPOCH"  # a reproducible build's day
_TRUE = ("true", "1", "yes")


@dataclass(frozen=True)
class BuildSettings:
    language: str  # this build's language
    languages: Mapping[str, str] = field(default_factory=lambda: {SOURCE_LANGUAGE: "English"})  # every language's code: name
    in_ci: bool = False  # reminders (an overdue review, FILL IN text) fail the build
    refuse_drafts: bool = False  # a clinic publishing for real: no unreviewed page goes out by accident
    fail_stale_translations: bool = False
    sanitizer_off: bool = False
    save_budget: int = SAVE_BUDGET  # bytes
    date_epoch: int | None = None  # seconds; None: today
    limits: MarkdownLimits = field(default_factory=MarkdownLimits)

    @classmethod
    def read(cls, extra: Mapping[str, Any], environ: Mapping[str, str], theme_language: str | None = None) -> BuildSettings:
        """The settings `extra` (a configuration's) and `environ` give; the language from extra.language, else the theme's."""
        language = str(extra.get("language") or theme_language or SOURCE_LANGUAGE)
        budget, epoch = environ.get(BUDGET_SETTING, ""), environ.get(DATE_SETTING, "")
        return cls(language=language,
                   languages=dict(extra.get("languages") or {SOURCE_LANGUAGE: "English"}),
                   in_ci=environ.get(CI_SETTING, "").lower() in _TRUE,
                   refuse_drafts=environ.get(REFUSE_DRAFTS_SETTING, "").lower() in _TRUE or bool(extra.get("refuse_drafts")),
                   fail_stale_translations=fail_stale_translations(extra, environ),
                   sanitizer_off=bool(environ.get(SANITIZER_OFF_SETTING)),
                   save_budget=int(budget) if budget.isdigit() else SAVE_BUDGET,
                   date_epoch=int(epoch) if epoch.isdigit() else None,
                   limits=MarkdownLimits.from_settings(extra))

    def build_date(self) -> str:
        """Today (UTC), or SOURCE_DATE_EPOCH's day for a reproducible build."""
        moment = datetime.fromtimestamp(self.date_epoch, timezone.utc) if self.date_epoch is not None else datetime.now(timezone.utc)
        return moment.date().isoformat()
