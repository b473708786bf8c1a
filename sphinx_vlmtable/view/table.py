"""Data and options to a ``TableView``: which rows and columns a table shows, in what
order, with what spans, links, widths and sort keys. Pure; no docutils, no Sphinx.

The table nodes and every later reader (exports, the interactive table, the CLI) take
the same ``TableView``, so a table is computed in one place.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from sphinx_vlmtable.data.model import (
    DEFAULT_LAYOUT_HINT,
    MODEL_KEY,
    Column,
    Model,
    SurveyData,
    iter_leaves,
)
from sphinx_vlmtable.data.values import Value, natural_key
from sphinx_vlmtable.view.filters import parse_filter
from sphinx_vlmtable.view.layout import (
    ColumnSelectionError,
    HeaderCell,
    header_rows,
    select_columns,
)
from sphinx_vlmtable.view.options import ViewError, ViewOptions, Widths
from sphinx_vlmtable.view.readings import Reading, column_readings
from sphinx_vlmtable.view.sorting import parse_sort, sort_models


@dataclass(frozen=True, slots=True)
class ViewCell:
    """One body cell: its text as written, where it links, how many rows below it covers,
    whether it holds its column's best value, and how its column is read."""

    text: str
    link: str | None = None
    morerows: int = 0
    best: bool = False
    reading: Reading | None = None
    #: The cell's given ``value`` (``{text, value}``), read instead of its text.
    value_text: str | None = None

    @property
    def sort_key(self) -> Value | None:
        """The value it sorts by (numbers and dates by value); None for no value."""
        text = self.text if self.value_text is None else self.value_text
        if self.reading is None:
            return natural_key(text)
        return self.reading.value(text)

    @property
    def markup(self) -> str | None:
        """The inline syntax of the cell's text, or None for plain text."""
        return self.reading.markup if self.reading is not None else None

    @property
    def is_missing(self) -> bool:
        """Whether the cell says "no value" (a placeholder, shown as written)."""
        return self.reading is not None and self.text in self.reading.missing


@dataclass(frozen=True, slots=True)
class ViewRow:
    #: The row's model (its name gives the row's id where the page's ids are known).
    model: Model
    #: One per leaf column; ``None`` where a merged cell from a row above covers it.
    cells: tuple[ViewCell | None, ...]


@dataclass(frozen=True)
class TableView:
    #: The column tree shown (groups around the chosen leaves).
    columns: tuple[Column, ...]
    leaves: tuple[Column, ...]
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[ViewRow, ...]
    #: One width per leaf, for ``colspec`` (percentages, or equal shares).
    colwidths: tuple[int, ...]
    #: ``colwidths-auto`` or ``colwidths-given`` when ``:widths:`` was set.
    widths_class: str | None
    #: The leading columns that label their row (the model names).
    stub_columns: int
    #: The columns whose text is bold (the model names).
    strong_columns: tuple[int, ...]
    #: The columns whose cells are task states (a capability matrix, see view/matrix.py).
    state_columns: tuple[int, ...] = ()

    @property
    def aligns(self) -> tuple[str | None, ...]:
        """Each leaf's body alignment (None: the writer's default)."""
        return tuple(leaf.align for leaf in self.leaves)


def build_view(
    data: SurveyData, options: ViewOptions, readings: dict[str, Reading] | None = None
) -> TableView:
    """The table a directive with these options shows; ViewError for a bad option.
    ``readings``: how each column is read, when the caller has them already."""
    columns = _chosen_columns(data, options.columns)
    leaves = tuple(iter_leaves(columns))
    readings = readings if readings is not None else column_readings(data, options)
    models = _chosen_models(data, readings, options)
    colwidths, widths_class = column_widths(options.widths, len(leaves))
    keys = [leaf.key or "" for leaf in leaves]
    merge = _merge_columns(options.merge, keys)
    column_readings_ = [readings[key] for key in keys]
    placeholder = options.missing
    grid: list[list[ViewCell | None]] = []
    for model in models:
        values, links, given = model.values, model.links, model.given_values
        grid.append(
            [
                ViewCell(values[key], links.get(key), 0, False, reading, given.get(key))
                if key in values
                else ViewCell(placeholder, None, 0, False, reading)
                for key, reading in zip(keys, column_readings_, strict=True)
            ]
        )
    for column, leaf in enumerate(leaves):
        if leaf.best is not None:
            mark_best(grid, column, leaf.best)
    merge_spans(grid, merge)
    rows = tuple(ViewRow(model, tuple(cells)) for model, cells in zip(models, grid, strict=True))
    model_columns = tuple(index for index, key in enumerate(keys) if key == MODEL_KEY)
    return TableView(
        columns=columns,
        leaves=leaves,
        header=tuple(tuple(row) for row in header_rows(columns)),
        rows=rows,
        colwidths=tuple(colwidths),
        widths_class=widths_class,
        stub_columns=1 if keys[0] == MODEL_KEY else 0,
        strong_columns=model_columns,
    )


def mark_best(grid: list[list[ViewCell | None]], column: int, best: str) -> None:
    """Mark the cells holding the column's best value in this view (all, if tied)."""
    values = [(row, cell.sort_key) for row, cells in enumerate(grid) if (cell := cells[column])]
    present = [(row, value) for row, value in values if value is not None]
    if not present:
        return
    choose = max if best == "max" else min
    target = choose(value for _row, value in present)
    for row, value in present:
        if value == target:
            cell = grid[row][column]
            assert cell is not None
            grid[row][column] = replace(cell, best=True)


def _chosen_columns(data: SurveyData, keys: Sequence[str] | None) -> tuple[Column, ...]:
    if keys is None:
        return data.columns
    try:
        return select_columns(data.columns, keys)
    except ColumnSelectionError as error:
        raise ViewError(f":columns: {error}{_layout_hint(data, str(error))}") from None


def _layout_hint(data: SurveyData, message: str) -> str:
    """After "no column has ...": say when the default layout is why."""
    if data.columns_declared or "no column has" not in message:
        return ""
    return f" ({DEFAULT_LAYOUT_HINT})"


def _chosen_models(
    data: SurveyData, readings: dict[str, Reading], options: ViewOptions
) -> list[Model]:
    """Filter, then sort; keys may name any column of the file, shown or not."""
    chosen = list(data.models)
    if options.filter:
        expression = options.filter
        try:
            predicate = parse_filter(expression, readings)
        except ViewError as error:
            column = "" if error.position is None else f" at column {error.position + 1}"
            hint = _layout_hint(data, str(error))
            raise ViewError(f":filter: {error}{column} of {expression!r}{hint}") from None
        chosen = [model for model in chosen if predicate(model.reading_values)]
    if options.sort:
        try:
            chosen = sort_models(chosen, parse_sort(options.sort, list(readings)), readings)
        except ViewError as error:
            raise ViewError(f":sort: {error}{_layout_hint(data, str(error))}") from None
    return chosen


def leaf_keys(columns: Sequence[Column]) -> list[str]:
    return [leaf.key for leaf in iter_leaves(columns) if leaf.key is not None]


def _merge_columns(merge: Sequence[str], keys: Sequence[str]) -> list[int]:
    unknown = [key for key in merge if key not in keys]
    if unknown:
        raise ViewError(f":merge: names no shown column: {', '.join(unknown)}")
    return [keys.index(key) for key in merge]


#: The narrowest column width written (see ``column_widths``).
MIN_TEXT_WIDTH = 3


def column_widths(widths: Widths, count: int) -> tuple[list[int], str | None]:
    """The colspec widths, and the class that tells writers how to use them."""
    # Writers that size columns themselves ignore these, but the text writer reads them
    # as characters, so even "auto" gets real widths, and never under MIN_TEXT_WIDTH:
    # Sphinx 7's text writer never ends on a column one or two characters wide (a table
    # of more than 100 columns would get them).
    equal = [max(MIN_TEXT_WIDTH, 100 // count)] * count
    if widths is None:
        return equal, None
    if widths == "auto":
        return equal, "colwidths-auto"
    if len(widths) != count:
        raise ViewError(f":widths: has {len(widths)} values, but the table has {count} columns")
    # Relative weights, kept as percentages.
    total = sum(widths)
    return [max(MIN_TEXT_WIDTH, round(width * 100 / total)) for width in widths], "colwidths-given"


def merge_spans(grid: list[list[ViewCell | None]], columns: Sequence[int]) -> None:
    """Merge equal adjacent cells down each column, in place: the first cell of a run
    gets ``morerows``, the cells it covers become None. Cells are equal when their
    text *and* their link are (a link never spreads to rows that had another)."""
    for column in columns:
        start = 0
        for row in range(1, len(grid) + 1):
            first = grid[start][column]
            if row < len(grid) and _same(grid[row][column], first):
                continue
            if row - start > 1 and first is not None:
                grid[start][column] = replace(first, morerows=row - start - 1)
                for covered in range(start + 1, row):
                    grid[covered][column] = None
            start = row


def _same(cell: ViewCell | None, other: ViewCell | None) -> bool:
    return (
        cell is not None
        and other is not None
        and cell.text == other.text
        and cell.link == other.link
    )
