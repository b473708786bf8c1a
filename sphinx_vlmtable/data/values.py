"""Values as the view compares them: sort keys of cell texts. Pure; no docutils.

Cells are always *shown* as written; what is computed here only orders and compares.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal

from sphinx_vlmtable.data.marks import MARK_STATES, mark_state

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


# -- typed values ------------------------------------------------------------------

#: The column types; ``text`` is compared as written (naturally), the others by value.
COLUMN_TYPES = ("text", "number", "date", "mark")

# A number as surveys write it: an approximate prefix, a sign, digits with "," or "_"
# between thousands, decimals, an exponent, a magnitude, a percent sign, and a note in
# parentheses, each optional but the digits: "~7B", "≥ 1,000", "0.6e-4", "45.2%",
# "7B (MoE)". The head is one regular expression with a single run of spaces in it; the
# tail is read by hand, so no two runs of spaces meet and nothing backtracks over them
# (five optional runs in one expression made a cell of spaces cost n^3.5).
_NUMBER_HEAD = re.compile(
    r"""(?P<approx>[~≈<>≤≥])?\s*
    (?P<sign>[+\-\u2212])?
    (?P<int>\d{1,3}(?:[,_]\d{3})+(?![\d,_])|\d+)?(?P<frac>\.\d+)?
    (?:[eE](?P<exp>[+-]?\d+))?""",
    re.VERBOSE,
)
_MAGNITUDES = {"k": 3, "K": 3, "M": 6, "B": 9, "G": 9, "T": 12}
_DATE = re.compile(r"\s*(\d{4})(?:\.(\d{1,2})|-(\d{1,2})(?:-(\d{1,2}))?)?\s*")
#: Exponents beyond this are refused (Decimal's default context overflows near 10**6).
_MAX_EXPONENT = 100_000


@dataclass(frozen=True, order=True)
class DateValue:
    """A date at the precision it was written: a year, a month, a day, or a day and a
    time to the minute or the second (-1: no time written, which sorts before 00:00).
    A time with a zone is held in UTC."""

    year: int
    month: int = 0
    day: int = 0
    hour: int = -1
    minute: int = -1
    second: int = -1

    @property
    def precision(self) -> int:
        """1 a year, 2 a month, 3 a day, 4 a minute, 5 a second."""
        if self.second >= 0:
            return 5
        if self.minute >= 0:
            return 4
        return 3 if self.day else 2 if self.month else 1

    def at(self, precision: int) -> DateValue:
        return DateValue(
            self.year,
            self.month if precision >= 2 else 0,
            self.day if precision >= 3 else 0,
            self.hour if precision >= 4 else -1,
            self.minute if precision >= 4 else -1,
            self.second if precision >= 5 else -1,
        )


@dataclass(frozen=True, order=True)
class MarkValue:
    """A mark's state (``type: mark``), ordered no < partial < yes."""

    rank: int

    @property
    def state(self) -> str:
        return MARK_STATES[self.rank]


def parse_number(text: str) -> Decimal | None:
    """The value of a number as written, or None if it is not one."""
    text = text.strip()
    match = _NUMBER_HEAD.match(text)
    if match is None or (match["int"] is None and match["frac"] is None):
        return None
    magnitude = _number_tail(text[match.end() :])
    if magnitude is None:
        return None
    digits = (match["int"] or "0").replace(",", "").replace("_", "") + (match["frac"] or "")
    exponent = int(match["exp"]) if match["exp"] and len(match["exp"]) < 8 else 0
    if match["exp"] and (len(match["exp"]) >= 8 or abs(exponent) > _MAX_EXPONENT):
        return None
    exponent += _MAGNITUDES.get(magnitude, 0)
    try:
        value = Decimal(digits).scaleb(exponent) if exponent else Decimal(digits)
    except ArithmeticError:  # beyond Decimal's range: not a number a survey means
        return None
    return -value if match["sign"] in ("-", "\u2212") else value  # a hyphen or a minus sign


def _number_tail(tail: str) -> str | None:
    """What follows a number's digits: ``B``, ``%``, ``(MoE)`` (each optional, spaces
    between); its magnitude letter (or ``""``), or None if the tail is anything else."""
    tail = tail.lstrip()
    magnitude = ""
    if tail[:1] and tail[0] in _MAGNITUDES:
        magnitude, tail = tail[0], tail[1:].lstrip()
    if tail[:1] == "%":
        tail = tail[1:].lstrip()
    if tail and not (
        tail[0] == "(" and tail[-1] == ")" and "(" not in tail[1:-1] and ")" not in tail[1:-1]
    ):
        return None
    return magnitude


#: English month names and their usual abbreviations ("Sept", "Mar."), lower case.
_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
#: ``December 2015``, ``Dec. 2015``, ``15 Dec 2015``, ``December 15, 2015``.
_NAMED_DATE = re.compile(
    r"(?:(?P<day>\d{1,2}) )?(?P<month>[A-Za-z]{3,9})\.?"
    r"(?: (?P<day2>\d{1,2}),?)? (?P<year>\d{4})"
)


def _named_date(text: str) -> tuple[str, str, str | None] | None:
    match = _NAMED_DATE.fullmatch(text.strip())
    if match is None or match["month"].lower() not in _MONTHS:
        return None
    if match["day"] and match["day2"]:
        return None
    month = str(_MONTHS[match["month"].lower()])
    return match["year"], month, match["day"] or match["day2"]


def parse_date(text: str) -> DateValue | None:
    """``2024``, ``2024.7``, ``2024.07``, ``2024-07``, ``2024-07-15``, a month by name
    (``December 2015``, ``Sept 2018``, ``Mar. 2016``, ``15 Dec 2015``), a day with a
    time (``2026-06-26 16:48``, ``2026-06-26T16:48:16Z``, ``...+02:00``), or None."""
    match = _DATE.fullmatch(text)
    if match is not None:
        year, dotted_month, month, day = match.groups()
        month = dotted_month or month
    else:
        if len(text) <= _LONGEST_DATE_TIME and _DATE_TIME.fullmatch(text.strip()):
            return _date_time(text.strip())
        named = _named_date(text)
        if named is None:
            return None
        year, month, day = named
    try:
        date(int(year), int(month or 1), int(day or 1))  # validates month and day
    except ValueError:
        return None
    return DateValue(int(year), int(month or 0), int(day or 0))


#: A day and a time as logs and leaderboards write it: ``2026-06-26 16:48:16``, or ISO
#: 8601's ``2026-06-26T16:48:16.5+02:00``. Every part has a fixed or bounded length and
#: its own separator, so nothing can match two ways; longer texts are not tried at all.
_DATE_TIME = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?",
    re.IGNORECASE,
)
_LONGEST_DATE_TIME = 40


def _date_time(text: str) -> DateValue | None:
    """A date-time ``_DATE_TIME`` matched: its fields, in UTC when a zone is given."""
    match = _DATE_TIME.fullmatch(text)
    assert match is not None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        if zone and zone.upper() != "Z":
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
            moment -= sign * offset
    except (ValueError, OverflowError):
        return None
    value = DateValue(moment.year, moment.month, moment.day, moment.hour, moment.minute)
    return replace(value, second=moment.second) if second is not None else value


Value = Decimal | DateValue | MarkValue | NaturalKey


def parse_mark(text: str) -> MarkValue | None:
    """A cell of a ``type: mark`` column: one mark (``✅``, ``no``, ``🟡``, ``:x:``)."""
    state = mark_state(text)
    return None if state is None else MarkValue(MARK_STATES.index(state))


def parse_value(text: str, column_type: str) -> Value | None:
    """The value a cell is sorted and compared by; None if it does not parse."""
    if column_type == "number":
        return parse_number(text)
    if column_type == "date":
        return parse_date(text)
    if column_type == "mark":
        return parse_mark(text)
    return natural_key(text)


def describe_type(column_type: str) -> str:
    """How a message names what a typed value should look like."""
    if column_type == "number":
        return "a number (such as 7, 1,000, 0.6e-4, 7B, ~1.2T, 45%, 7B (MoE))"
    if column_type == "mark":
        return "a mark (yes, partial or no: ✅ 🟡 ❌, yes, no, :x:)"
    return (
        "a date (YYYY, YYYY.M, YYYY.MM, YYYY-MM, YYYY-MM-DD, December 2015, or a day and "
        "a time: 2026-06-26 16:48:16, 2026-06-26T16:48Z)"
    )
