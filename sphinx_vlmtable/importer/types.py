"""Column types from the cells: ``number`` or ``date`` when every filled cell parses as
one (the texts that say "no value" aside, and then kept as the column's ``missing``),
``mark`` for columns of single marks; a day with a time is a date at its precision.
``--no-types`` keeps every column text. Pure; no Sphinx."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from sphinx_vlmtable.data.marks import mark_state
from sphinx_vlmtable.data.model import MODEL_KEY, Column
from sphinx_vlmtable.data.values import parse_date, parse_number
from sphinx_vlmtable.importer.marks import NO_VALUE

#: A label that says its column holds dates (a year of ``2023`` is a number otherwise).
_DATE_LABEL = re.compile(
    r"\b(year|date|dates|released?|published|updated|created|added|pushed|last|when|time)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ColumnType:
    """A column's inferred type, the no-value texts it holds, and its date-times."""

    type: str
    missing: tuple[str, ...] = ()
    date_times: int = 0


def cell_text(value: Any) -> str:
    """A model value's text (a ``{text, url}`` cell's text)."""
    return str(value["text"]) if isinstance(value, dict) else str(value)


def infer_type(label: str, texts: Iterable[str]) -> ColumnType | None:
    """``number`` or ``date`` if every text that is not a no-value text parses as
    one (and one does); None for text."""
    values = []
    missing: set[str] = set()
    for text in texts:
        if text.strip().lower() in NO_VALUE:
            missing.add(text)
        else:
            values.append(text)
    if not values:
        return None
    kept = tuple(sorted(missing | {"-"})) if missing - {"-"} else ()
    numbers = all(parse_number(text) is not None for text in values)
    dates = [parse_date(text) for text in values]
    if all(date is not None for date in dates) and (not numbers or _DATE_LABEL.search(label)):
        times = sum(1 for date in dates if date is not None and date.precision >= 4)
        return ColumnType("date", kept, times)
    return ColumnType("number", kept) if numbers else None


def column_types(
    leaves: list[tuple[str, str]], models: list[list[tuple[str, Any]]], markup: set[str]
) -> dict[str, ColumnType]:
    """Each typed column's type, by key; ``leaves`` are ``(key, label)``; the keys in
    ``markup`` (markup cells) stay text."""
    found: dict[str, ColumnType] = {}
    by_key: dict[str, list[str]] = {key: [] for key, _label in leaves}
    for model in models:  # one pass over the cells, whatever the width
        for key, value in model:
            if key in by_key:
                by_key[key].append(cell_text(value))
    for key, label in leaves:
        if key == MODEL_KEY or key in markup:
            continue
        texts = by_key.get(key, [])
        inferred = _marks(texts) or infer_type(label, texts)
        if inferred is not None:
            found[key] = inferred
    return found


def _marks(texts: list[str]) -> ColumnType | None:
    """``mark`` if every text is one mark or says no value, and one is a mark."""
    missing = {text for text in texts if text.strip().lower() in NO_VALUE}
    marks = [text for text in texts if text not in missing]
    if not marks or any(mark_state(text) is None for text in marks):
        return None
    kept = tuple(sorted(missing | {"-"})) if missing - {"-"} else ()
    return ColumnType("mark", kept)


def with_types(columns: Iterable[Column], types: dict[str, ColumnType]) -> tuple[Column, ...]:
    """The column tree with each typed leaf's ``type`` and ``missing``."""
    typed = []
    for column in columns:
        if column.is_group:
            typed.append(replace(column, columns=with_types(column.columns, types)))
        elif column.key in types:
            found = types[column.key]
            typed.append(replace(column, type=found.type, missing=found.missing or None))
        else:
            typed.append(column)
    return tuple(typed)
