"""Replacing a built folder in one step, so readers never see half a site."""
from __future__ import annotations

import itertools
import os
import shutil
import threading
from pathlib import Path

_swaps = itertools.count()


def swap_in(built: Path, final: Path, remove_old_later: bool = False) -> None:
    """Put `built` where `final` is: renames only, then the old copy is removed.

    With `remove_old_later` (`mkdocs serve`, where a writer waits for the new site) the old
    copy is removed in the background: at 10,000 clinics deleting its 11,000 pages took seconds.
    """
    old = final.with_name(f".{final.name}-old-{os.getpid()}-{next(_swaps)}")
    if final.exists():
        final.rename(old)
    built.rename(final)
    if remove_old_later:
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()
    else:
        shutil.rmtree(old, ignore_errors=True)
