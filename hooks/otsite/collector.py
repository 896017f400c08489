"""Python's cyclic garbage collector, kept from walking the site's data over and over.

Loading makes millions of small objects that live for the whole build (parsed YAML
nodes, line numbers, the site's records) and form no garbage cycles. Each full
collection walks all of them, and the number of collections grows with the data too,
so with the collector running, loading 10,000 clinics took more than twice as long as
loading 5,000.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees everything else)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def keep_out_of_collections() -> None:
    """Objects alive now (the loaded site) are left out of every later collection until `release` (gc.freeze)."""
    gc.freeze()


def release() -> None:
    gc.unfreeze()
