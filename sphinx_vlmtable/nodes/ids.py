"""Row anchors: the one place an id is made unique, when a page is read (against the
page's ids) and again when pages are joined into one file (singlehtml)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Container

from docutils import nodes


def anchor_base(name: str, prefix: str) -> str:
    """``model-llava-1-5``: the prefix and the name's slug, or a stable digest of the
    name when it has no ASCII letter or digit."""
    slug = nodes.make_id(name) or hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    return f"{prefix}-{slug}"


def unique_id(
    base: str, taken: Container[str], reserve: Callable[[str], None], counters: dict[str, int]
) -> str:
    """``base``, or ``base-2``, ``base-3``...: the first not ``taken``, then reserved.
    ``counters`` holds the last number given to each base, so a thousand names with one
    slug ("A!", "A?", ...) cost a thousand steps, not half a million."""
    candidate, number = base, counters.get(base, 1)
    if number > 1:
        candidate = f"{base}-{number}"
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    counters[base] = number
    reserve(candidate)
    return candidate


def unique_in_document(
    name: str, prefix: str, document: nodes.document, counters: dict[str, int]
) -> str:
    """A row's anchor, unique in the page being read (reserved there: the row itself
    exists only at write time)."""

    def reserve(candidate: str) -> None:
        document.ids[candidate] = document

    return unique_id(anchor_base(name, prefix), document.ids, reserve, counters)


def unique_among(wanted: list[str], taken: set[str], counters: dict[str, int]) -> list[str]:
    """Ids unique among ``taken`` (then added to it). They already are within their
    page; this matters where pages are joined into one output file (singlehtml)."""
    return [unique_id(identifier, taken, taken.add, counters) for identifier in wanted]
