"""Replacing a built folder in one step, so readers never see half a site."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


def swap_in(built: Path, final: Path) -> None:
    """Put `built` where `final` is: renames only, then the old copy is removed."""
    old = final.with_name(f".{final.name}-old-{os.getpid()}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    shutil.rmtree(old, ignore_errors=True)
