"""How the importer names things: a key from any label (in its own script where it has
no Latin spelling), and a text quoted in a message with its real characters. Pure; no
Sphinx."""

from __future__ import annotations

import unicodedata
from functools import cache

from sphinx_vlmtable.data.scripts import CYRILLIC

#: Categories a message shows escaped (what a terminal cannot show as itself): control
#: characters, surrogates, private use, unassigned, line and paragraph separators. A
#: joiner (U+200C in Persian words), a direction mark or a no-break space is shown as
#: itself.
_ESCAPED = frozenset(("Cc", "Cs", "Co", "Cn", "Zl", "Zp"))


def said(text: str) -> str:
    """``text`` in quotes, as ``repr`` quotes it but with every character a reader's
    terminal shows as itself: a Persian word keeps its zero-width non-joiner, never
    written ``\\u200c``; a control character is escaped."""
    quote = '"' if "'" in text and '"' not in text else "'"
    shown = []
    for char in text:
        if char == "\\" or char == quote:
            shown.append("\\" + char)
        elif unicodedata.category(char) in _ESCAPED:
            shown.append(repr(char)[1:-1])
        else:
            shown.append(char)
    return f"{quote}{''.join(shown)}{quote}"


@cache
def _cyrillic() -> dict[str, str]:
    return {item[0]: item[1:] for item in CYRILLIC.split()}


def _latin(char: str) -> str:
    """A character as a key spells it: a Latin letter without its accents (``é`` is
    ``e``, a full-width A is ``a``), a Cyrillic one transliterated, any other as it is."""
    decomposed = unicodedata.normalize("NFKD", char)
    base = "".join(part for part in decomposed if not unicodedata.combining(part))
    if base and base.isascii():
        return base.lower()
    lower = char.lower()
    spelled = _cyrillic().get(lower)
    if spelled is not None:  # hard and soft signs are left out
        return "".join(_latin(part) for part in spelled if part.isalnum())
    return lower


def label_key(label: str) -> str:
    """A column's or a task's key from its label: snake_case, accents left out,
    Cyrillic transliterated, letters of other scripts kept (``版本格式``; a data file's
    key may be any text); "column" for a label without letters or digits."""
    parts: list[str] = []
    for char in unicodedata.normalize("NFC", label.strip()):
        category = unicodedata.category(char)
        if category == "Cf":  # a joiner or a direction mark: part of the word
            continue
        if char.isalnum() or (category.startswith("M") and parts and parts[-1] != "_"):
            parts.append(_latin(char))
        elif parts and parts[-1] != "_":
            parts.append("_")
    key = "".join(
        char if char.isalnum() or unicodedata.category(char).startswith("M") else "_"
        for char in "".join(parts)
    )
    while "__" in key:
        key = key.replace("__", "_")
    return key.strip("_") or "column"
