"""What is new: ``:new-since:`` read as a date, and each model's mark (new, updated).

Pure; no docutils. A model is *new* when its ``added:`` date is on or after the date,
*updated* when its ``updated:`` date is (and it is not new). Dates compare at the
coarser of their two precisions: ``added: 2024.07`` is new since ``2024-07-15``.
"""

from __future__ import annotations

import os
import re
import time
from datetime import date, timedelta

from sphinx_vlmtable.data.model import Model
from sphinx_vlmtable.data.values import DateValue, describe_type, parse_date
from sphinx_vlmtable.view.options import ViewError

NEW = "new"
UPDATED = "updated"

_DURATION = re.compile(r"\s*(\d{1,5})\s*(day|week|month|year)s?\s*", re.IGNORECASE)
_DAYS = {"day": 1, "week": 7}


def build_date() -> date:
    """Today (UTC), or the day ``SOURCE_DATE_EPOCH`` names, for reproducible builds; a
    value past the last day a date can hold (9999-12-31) is that day."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    seconds = int(epoch) if epoch.isascii() and epoch.isdigit() else int(time.time())
    if seconds >= _AFTER_LAST_DAY:
        return date.max
    return date(*time.gmtime(seconds)[:3])


#: Seconds from 1970 to 10000-01-01: no ``date`` holds that day or any after it.
_AFTER_LAST_DAY = (date.max - date(1970, 1, 1)).days * 86_400 + 86_400


def parse_since(text: str, today: date) -> DateValue:
    """``2024-06-01`` (any date a date column takes) or ``90 days`` / ``12 weeks`` /
    ``6 months`` / ``1 year`` before ``today``; ViewError otherwise."""
    written = parse_date(text)
    if written is not None:
        return written
    match = _DURATION.fullmatch(text)
    if match is None:
        raise ViewError(
            f":new-since: {text!r} is neither {describe_type('date')} nor a duration "
            "such as '90 days', '12 weeks', '6 months' or '1 year'"
        )
    count, unit = int(match[1]), match[2].lower()
    if unit in _DAYS:
        days = count * _DAYS[unit]
        if days >= today.toordinal():
            raise ViewError(f":new-since: {text!r} reaches back before the year 1")
        start = today - timedelta(days=days)
    else:
        months = today.year * 12 + today.month - 1 - count * (12 if unit == "year" else 1)
        year, month = divmod(months, 12)
        start = _day_in_month(max(year, 1), month + 1, today.day)
    return DateValue(start.year, start.month, start.day)


def _day_in_month(year: int, month: int, day: int) -> date:
    while True:  # 31 March minus one month is the last day of February
        try:
            return date(year, month, day)
        except ValueError:
            day -= 1


def on_or_after(text: str | None, since: DateValue) -> bool:
    value = parse_date(text) if text is not None else None
    if value is None:
        return False
    precision = min(value.precision, since.precision)
    return value.at(precision) >= since.at(precision)


def entry_mark(model: Model, since: DateValue) -> str | None:
    """``new``, ``updated`` or None for a model, since a date."""
    if on_or_after(model.added, since):
        return NEW
    if on_or_after(model.updated, since):
        return UPDATED
    return None


def latest_entry_date(model: Model) -> DateValue | None:
    """The later of a model's ``added`` and ``updated`` dates (for "newest first")."""
    dates = [parse_date(text) for text in (model.added, model.updated) if text is not None]
    present = [value for value in dates if value is not None]
    return max(present) if present else None
