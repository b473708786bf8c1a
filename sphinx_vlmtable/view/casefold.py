"""Unicode simple case folding, as RE2 applies it to ``~*`` patterns, for the automaton
that runs them without RE2 (``patterns.py``).

RE2 folds by orbits: the characters that Unicode's simple case folding (the C and S
lines of CaseFolding.txt) sends to one character, together with that character: K, k
and the Kelvin sign; S, s and long s; the three sigmas; sharp s and capital sharp s.
Dotted capital I, dotless i and the fi ligature have no simple folding: each stays
alone. Python has no table of simple folding, but its full
folding (``str.casefold``: the C and F lines) gives the same orbits: characters whose
full folds are one and the same string share an orbit (ß and ẞ both fold to "ss"), and
a one-character fold's target joins the orbit of what folds to it. That rule was checked
against RE2 for every code point (see the tests); it reads Python's Unicode database
(``unicodedata.unidata_version``), RE2 carries its own, so characters newer than the
older of the two can fold differently.
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping

MAX_CODE = 0x10FFFF
_BLOCK = 256


@functools.cache
def orbits() -> Mapping[int, tuple[int, ...]]:
    """Each code point that folds with another, to its whole orbit (sorted)."""
    by_fold: dict[str, list[int]] = {}
    for start in range(0, MAX_CODE + 1, _BLOCK):
        if 0xD800 <= start <= 0xDFFF:  # surrogates fold to nothing
            continue
        block = "".join(map(chr, range(start, start + _BLOCK)))
        if block.casefold() == block:  # folds never shorten: nothing here changes
            continue
        for char in block:
            fold = char.casefold()
            if fold != char:
                by_fold.setdefault(fold, []).append(ord(char))
    found: dict[int, tuple[int, ...]] = {}
    for fold, codes in by_fold.items():
        if len(fold) == 1:
            codes.append(ord(fold))
        if len(codes) > 1:
            orbit = tuple(sorted(codes))
            found.update(dict.fromkeys(orbit, orbit))
    return found


@functools.cache
def _folding_codes() -> tuple[int, ...]:
    return tuple(sorted(orbits()))


def orbit(code: int) -> tuple[int, ...]:
    """The code points that ``code`` matches under ``~*``, itself included."""
    return orbits().get(code, (code,))


def folds_of(ranges: Iterable[tuple[int, int]]) -> list[int]:
    """The code points that fold with one inside ``ranges`` (RE2 folds a class's
    ranges, not only its single characters: ``[a-z]`` also holds the Kelvin sign and
    long s)."""
    codes = _folding_codes()
    table = orbits()
    found: list[int] = []
    for low, high in ranges:
        for code in codes[bisect_left(codes, low) : bisect_right(codes, high)]:
            found.extend(table[code])
    return found
