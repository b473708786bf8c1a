"""An interactive table's sort data: each row's rank in each column, and what the
script's filters need (each column's filter kind and its typed values). Pure.

The script never parses a cell: a range filter compares a cell's typed value, read here
as ``:sort:`` and ``:filter:`` read it (numbers by value, dates at their precision).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sphinx_vlmtable.data.values import DateValue, Value
from sphinx_vlmtable.view.table import TableView

#: A text column with at most this many distinct values (and at most one per two rows)
#: is filtered by a choice list; one with more by "contains".
CHOICES_UP_TO = 12
#: A table with more rows than this is shown in pages of ``DEFAULT_PAGE_SIZE`` rows
#: unless ``:page-size:`` says otherwise (0: one page).
PAGE_AFTER = 2000
DEFAULT_PAGE_SIZE = 100

#: A typed value as the script reads it: a number, or a date as [year, month, day]
#: (0 where the date does not say).
ScriptValue = float | list[int] | None


def _distinct_values(view: TableView, column: int) -> list[Value | None]:
    """Each row's value in this column (a covered cell has its merged cell's value)."""
    leaf = view.leaves[column]
    shown = [row.cells[column] for row in view.rows]
    reading = next((cell.reading for cell in shown if cell is not None), None)
    values: list[Value | None] = []
    for row, cell in zip(view.rows, shown, strict=True):
        if cell is not None:
            values.append(cell.sort_key)
            continue
        # Covered by a merged cell above: the same text, so the same value.
        text = row.model.reading_values.get(leaf.key or "")
        values.append(reading.value(text) if reading and text is not None else None)
    return values


def _ranked(values: Sequence[Value | None]) -> tuple[list[int | None], list[Value]]:
    distinct: list[Value] = sorted({value for value in values if value is not None})
    rank = {value: index for index, value in enumerate(distinct)}
    return [None if value is None else rank[value] for value in values], distinct


def column_ranks(view: TableView) -> list[list[int | None]]:
    """Each row's rank in each column: equal values share a rank; no value is None."""
    columns = [_ranked(_distinct_values(view, column))[0] for column in range(len(view.leaves))]
    return [list(row) for row in zip(*columns, strict=True)]


def script_value(value: Value) -> ScriptValue:
    """A typed value for JSON: a number as a float (beyond a float's range, its largest),
    a date as [year, month, day]; text has none (it is compared by rank)."""
    if isinstance(value, Decimal):
        number = float(value)
        if number in (float("inf"), float("-inf")):
            return sys.float_info.max if number > 0 else -sys.float_info.max
        return number
    if isinstance(value, DateValue):
        return [value.year, value.month, value.day]
    return None


@dataclass(frozen=True)
class ColumnFilter:
    """One column's filter: a range (``number``, ``date``), ``choice`` (a text column of
    few values), ``state`` (a matrix's marks) or ``contains`` (more values, or the model
    names); ``order`` lists a choice's ranks in the order offered (None: no value);
    ``values`` a range's typed values by rank."""

    column: int
    kind: str
    order: tuple[int | None, ...] = ()
    values: tuple[ScriptValue, ...] = ()

    def as_json(self) -> list[object]:
        return [self.column, self.kind, list(self.order), list(self.values)]


#: The order a matrix offers its states in (the last, "not stated", is no value).
STATE_ORDER = ("yes", "partial", "no")


def column_filters(view: TableView, keys: Sequence[str] | None) -> list[ColumnFilter]:
    """The filters of a table: the columns ``keys`` names (``:filters:``), or by default
    every column but the model's (the directive refuses a key it does not show)."""
    shown = [leaf.key or "" for leaf in view.leaves]
    if keys is None:
        chosen = [index for index in range(len(shown)) if index not in view.strong_columns]
    else:
        chosen = [shown.index(key) for key in dict.fromkeys(keys) if key in shown]
    return [_column_filter(view, column) for column in chosen]


def _column_filter(view: TableView, column: int) -> ColumnFilter:
    values = _distinct_values(view, column)
    ranks, distinct = _ranked(values)
    kind = view.leaves[column].type
    if kind in ("number", "date"):
        return ColumnFilter(column, kind, values=tuple(script_value(v) for v in distinct))
    no_value = (None,) if None in ranks else ()
    if column in view.state_columns:
        texts = {_first_text(view, column, rank, ranks): rank for rank in range(len(distinct))}
        order = tuple(texts[state] for state in STATE_ORDER if state in texts)
        return ColumnFilter(column, "state", order + no_value)
    choices = len(distinct) + len(no_value)
    # Few values, each in two rows or more on average: a list to choose from.
    if column not in view.strong_columns and choices <= CHOICES_UP_TO and choices * 2 <= len(ranks):
        return ColumnFilter(column, "choice", tuple(range(len(distinct))) + no_value)
    return ColumnFilter(column, "contains")


def _first_text(view: TableView, column: int, rank: int, ranks: Sequence[int | None]) -> str:
    row = ranks.index(rank)
    cell = view.rows[row].cells[column]
    return cell.text if cell is not None else ""


def page_size(given: int | None, rows: int) -> int:
    """Rows per page: ``:page-size:`` (0: all on one page), or by default pages of
    ``DEFAULT_PAGE_SIZE`` for a table of more than ``PAGE_AFTER`` rows."""
    if given is not None:
        return given
    return DEFAULT_PAGE_SIZE if rows > PAGE_AFTER else 0
