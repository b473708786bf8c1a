"""Pausing the garbage collector while building many long-lived objects.

Loading a data file and expanding a table body create hundreds of thousands of objects
that all stay alive (and docutils nodes point at their parents, so they form cycles).
Each allocation burst makes CPython run full collections that find nothing to free:
measured on 10,000 rows, expanding the body takes 2.0 s with the collector on and 0.5 s
with it paused. Nothing is leaked: the collector runs as usual afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(pause: bool = True) -> Iterator[None]:
    """The collector paused inside (unless ``pause`` is false: work that leaves cyclic
    garbage behind, such as parsing thousands of markup cells, needs it running)."""
    if not pause:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
