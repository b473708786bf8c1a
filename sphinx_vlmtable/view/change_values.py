"""How a change reads: a number's difference as the number is written (``+1.8``,
``+6B``, ``+150`` or ``+1,500``), a long value shortened, and entries grouped by their
date (``added:``, ``updated:``), newest first. Pure; no docutils."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import TypeVar

from sphinx_vlmtable.data.values import DateValue, parse_date, parse_number

T = TypeVar("T")

#: Characters of a value a change shows, at most (a cell may be long).
SHOWN_LENGTH = 80
#: The digits of a written number, its decimals, exponent, magnitude letter.
_WRITTEN = re.compile(
    r"(?P<digits>\d[\d,_]*)(?:\.(?P<frac>\d+))?(?P<exp>[eE][+-]?\d+)?"
    r"[ \t]*(?P<magnitude>[kKMBGT](?![A-Za-z]))?"
)
_MAGNITUDES = {"k": 3, "K": 3, "M": 6, "B": 9, "G": 9, "T": 12}
#: A difference this large or more is not shown (it would be digits, not a change).
_LARGEST = Decimal(10) ** 30


def number_difference(old: str, new: str) -> str | None:
    """``new - old`` written as ``new`` is (its magnitude letter, its decimals, thousands
    separators if it has them), with its sign; None when either is not a number or
    they are equal."""
    before, after = parse_number(old), parse_number(new)
    written_old, written_new = _WRITTEN.search(old), _WRITTEN.search(new)
    if before is None or after is None or written_old is None or written_new is None:
        return None
    magnitude = written_new["magnitude"] or ""
    difference = (after - before).scaleb(-_MAGNITUDES.get(magnitude, 0))
    if difference == 0 or abs(difference) >= _LARGEST:
        return None
    if written_old["exp"] or written_new["exp"]:
        return f"{difference.normalize():+}{magnitude}"
    places = max(len(written_old["frac"] or ""), len(written_new["frac"] or ""))
    grouped = "," in written_new["digits"] or "," in written_old["digits"]
    text = f"{difference:+,.{places}f}" if grouped else f"{difference:+.{places}f}"
    return text + magnitude


def shortened(text: str, length: int = SHOWN_LENGTH) -> str:
    """``text``, or its start and ``…`` when it is longer than ``length``."""
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def date_label(value: DateValue) -> str:
    """A date as ISO 8601 writes it at its precision: ``2024``, ``2024-09``, ``2024-09-24``."""
    parts = [f"{value.year:04}", f"{value.month:02}" if value.month else "", ""]
    if value.day:
        parts[2] = f"{value.day:02}"
    return "-".join(part for part in parts if part)


def by_date(
    entries: Sequence[T], date_of: Callable[[T], str | None]
) -> list[tuple[str | None, list[T]]]:
    """The entries grouped by their date, newest first, undated last (in their order
    within a group); one group without a date when none has one."""
    groups: dict[DateValue | None, list[T]] = {}
    for entry in entries:
        written = date_of(entry)
        groups.setdefault(parse_date(written) if written else None, []).append(entry)
    dated = sorted((key for key in groups if key is not None), reverse=True)
    ordered: list[tuple[str | None, list[T]]] = [(date_label(key), groups[key]) for key in dated]
    if None in groups:
        ordered.append((None, groups[None]))
    return ordered
