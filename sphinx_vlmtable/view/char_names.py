"""Characters as a reader sees them: clusters (a letter and its marks, an emoji with its
selectors and joined parts, a flag) and a readable name for one that cannot be printed
(``[high voltage]``). Pure: the LaTeX output prints these names where pdflatex has no
glyph, and ``vlmtable init`` declares them for the page's own text."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

ZWJ = "\u200d"


def is_extending(char: str) -> bool:
    """Whether ``char`` belongs to the character before it: a combining mark, a
    variation selector, a skin tone, an emoji tag."""
    point = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= point <= 0xFE0F
        or 0x1F3FB <= point <= 0x1F3FF
        or 0xE0020 <= point <= 0xE007F
        or 0xE0100 <= point <= 0xE01EF
    )


def regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def clusters(text: str) -> Iterator[str]:
    """``text`` in what a reader sees as one character: a letter and its marks, an emoji
    with its selectors, skin tone and joined parts, a flag's two letters."""
    start, end = 0, len(text)
    while start < end:
        stop = start + 1
        if regional(text[start]) and stop < end and regional(text[stop]):
            stop += 1
        while stop < end:
            if is_extending(text[stop]):
                stop += 1
            elif text[stop] == ZWJ:
                stop = min(stop + 2, end)
            else:
                break
        yield text[start:stop]
        start = stop


def symbol_name(cluster: str) -> str:
    """``[high voltage]``, ``[man + woman + girl]``, ``[flag: FR]``, ``[keycap 1]``."""
    if regional(cluster[0]):
        letters = "".join(chr(ord(char) - 0x1F1E6 + ord("A")) for char in cluster)
        return f"[flag: {letters}]"
    if "\u20e3" in cluster:
        return f"[keycap {cluster[0]}]"
    parts = [char for char in cluster if char != ZWJ and not is_extending(char)] or [cluster[0]]
    names = [unicodedata.name(char, f"U+{ord(char):04X}").lower() for char in parts]
    return "[" + " + ".join(names) + "]"
