"""Values as the view compares them: sort keys of cell texts. Pure; no docutils.

Cells are always *shown* as written; what is computed here only orders and compares.
"""

from __future__ import annotations

import re

_RUNS = re.compile(r"(\d+)")

#: A text as runs: ``(0, digit count, digits)`` for a number, ``(1, 0, text)`` otherwise.
NaturalKey = tuple[tuple[int, int, str], ...]


def natural_key(text: str) -> NaturalKey:
    """Numbers inside text compare as numbers: ``2023.9 < 2023.10``, ``Qwen2 < Qwen10``.

    A run of digits compares by its length without leading zeros, then by its digits:
    the same order as ``int()``, without its digit limit or its quadratic cost.
    """
    key = []
    for index, part in enumerate(_RUNS.split(text)):
        if not part:
            continue
        if index % 2:
            digits = part.lstrip("0") or "0"
            key.append((0, len(digits), digits))
        else:
            key.append((1, 0, part.casefold()))
    return tuple(key)
