"""Markup cells kept as data (``nodes/inline_data.py``), written in HTML from templates.

Two cells whose nodes differ only in their texts and link addresses are written alike:
the first is written by the translator with a placeholder in each text and address
(its *slots*), and the others are that HTML with their own escaped texts and addresses
in the slots. A cell the translator writes in a way that depends on its text (code,
whose words it splits; an e-mail address it may cloak; an empty address) is not
templated: it is made into nodes and written by the translator, as any other.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docutils import nodes

from sphinx_vlmtable.nodes.inline_data import Frozen, thaw

#: The first slot's placeholder; slot ``i`` is ``chr(SLOT_BASE + i)`` (private use).
SLOT_BASE = 0xE100
MAX_SLOTS = 200
SLOT = re.compile(f"([{chr(SLOT_BASE)}-{chr(SLOT_BASE + MAX_SLOTS - 1)}])")
#: A text the translator writes in its own way (code: word by word).
_OWN_WAY = frozenset({"literal"})


def inline_shape(frozen: Sequence[Frozen]) -> tuple[Any, ...] | None:
    """The cell's nodes without their texts and addresses (what its template depends
    on), or None if the cell cannot be templated."""
    shape: list[Any] = []
    for item in frozen:
        if item[0] == "#text":
            shape.append("#text")
            continue
        kind, _rawsource, attributes, _source, _line, children = item
        if kind in _OWN_WAY:
            return None
        given = dict(attributes or {})
        url = given.pop("refuri", None)
        if url is not None and (not url or url.startswith("mailto:")):
            return None
        inner = inline_shape(children)
        if inner is None:
            return None
        if kind == "target" and url is not None:
            # A link's own target: its ids and names never reach the HTML.
            for name in ("ids", "names", "dupnames"):
                given.pop(name, None)
        kept = tuple(sorted((name, repr(value)) for name, value in given.items()))
        shape.append((kind, url is not None, kept, inner))
    return tuple(shape)


def inline_slots(frozen: Sequence[Frozen]) -> list[tuple[str, str]]:
    """Each slot's content, in order: ``("text", ...)`` or ``("url", ...)``."""
    slots: list[tuple[str, str]] = []
    for item in frozen:
        if item[0] == "#text":
            slots.append(("text", item[1]))
            continue
        url = (item[2] or {}).get("refuri")
        if url is not None:
            slots.append(("url", url))
        slots += inline_slots(item[5])
    return slots


def sample_nodes(frozen: Sequence[Frozen]) -> list[nodes.Node] | None:
    """The cell's nodes with each slot's placeholder in its place; None past MAX_SLOTS."""
    counter = iter(range(MAX_SLOTS))

    def marked(items: Sequence[Frozen]) -> list[Frozen]:
        result: list[Frozen] = []
        for item in items:
            if item[0] == "#text":
                result.append(("#text", chr(SLOT_BASE + next(counter))))
                continue
            kind, rawsource, attributes, source, line, children = item
            attributes = dict(attributes or {})
            if "refuri" in attributes:
                attributes["refuri"] = chr(SLOT_BASE + next(counter))
            result.append((kind, rawsource, attributes, source, line, tuple(marked(children))))
        return result

    try:
        return thaw(marked(frozen))
    except StopIteration:
        return None


def split_slots(written: str) -> list[str | int]:
    """The HTML as parts: text, and each slot as its number."""
    parts: list[str | int] = []
    for piece in SLOT.split(written):
        if len(piece) == 1 and SLOT.fullmatch(piece):
            parts.append(ord(piece) - SLOT_BASE)
        elif piece:
            parts.append(piece)
    return parts


def fill_slots(
    parts: Sequence[str | int], slots: Sequence[tuple[str, str]], translator: Any
) -> None:
    """Append the template's parts with each slot's escaped content."""
    out = translator.body
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        kind, value = slots[part]
        out.append(translator.encode(value) if kind == "text" else translator.attval(value))
