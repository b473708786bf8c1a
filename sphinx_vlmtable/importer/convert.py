"""Source tables to the data model: the header grid to a column tree, rows to models,
with every loss reported at its source line. No Sphinx here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sphinx_vlmtable.data.model import (
    MODEL_KEY,
    RESERVED_MODEL_KEYS,
    Column,
    snake_case,
)
from sphinx_vlmtable.importer.source import (
    ImportError_,
    ImportResult,
    SourceCell,
    SourcePage,
    clean_page,
)
from sphinx_vlmtable.importer.yaml_writer import write_yaml

#: Grid positions (rows x columns) a table may have: a few cells with large spans must
#: not make millions of positions.
MAX_GRID = 2_000_000


def _grid(rows: list[list[SourceCell]], width: int) -> list[list[SourceCell | None]]:
    """Place cells in a grid by their spans; each position holds the cell covering it.
    Spans are clamped to the table: no wider than ``width`` (its widest row's cells), no
    longer than the rows left."""
    grid: list[list[SourceCell | None]] = []
    for row_index, row in enumerate(rows):
        while len(grid) <= row_index:
            grid.append([])
        column = 0
        for cell in row:
            while column < len(grid[row_index]) and grid[row_index][column] is not None:
                column += 1
            cell.colspan = max(1, min(cell.colspan, width - column))
            cell.rowspan = max(1, min(cell.rowspan, len(rows) - row_index))
            for below in range(cell.rowspan):
                target = row_index + below
                while len(grid) <= target:
                    grid.append([])
                for across in range(cell.colspan):
                    position = column + across
                    line = grid[target]
                    while len(line) <= position:
                        line.append(None)
                    line[position] = cell
            column += cell.colspan
    width = max((len(line) for line in grid), default=0)
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


@dataclass
class _Leaf:
    label: str
    key: str
    column: int


def column_tree(
    head: list[list[SourceCell]], width: int, notes: list[tuple[int, str]]
) -> tuple[list[Column], list[_Leaf]]:
    """The header's cells as a column tree, and its leaves left to right."""
    grid = _grid(head, width)
    for line in grid:  # body rows may be wider than the header
        line.extend([None] * (width - len(line)))
    depth = len(grid)
    leaves: list[_Leaf] = []

    def build(row: int, first: int, last: int) -> list[Column]:
        columns: list[Column] = []
        column = first
        while column < last:
            cell = grid[row][column] if row < depth and column < len(grid[row]) else None
            if cell is None:
                label = f"Column {column + 1}"
                leaves.append(_Leaf(label, "", column))
                columns.append(Column(label, "", (), 0))
                column += 1
                continue
            span_end = column
            while span_end < last and grid[row][span_end] is cell:
                span_end += 1
            bottom = row
            while bottom + 1 < depth and grid[bottom + 1][column] is cell:
                bottom += 1
            if not cell.text:
                cell.text = f"Column {column + 1}"
                notes.append((cell.line, f"an empty header cell is labelled {cell.text!r}"))
            if bottom + 1 >= depth:  # reaches the body: a leaf
                if span_end - column > 1:
                    notes.append((cell.line, f"the header {cell.text!r} spans "
                                  f"{span_end - column} columns at the bottom: it becomes a "
                                  "group over numbered columns"))  # fmt: skip
                    children = []
                    for number, position in enumerate(range(column, span_end), start=1):
                        label = f"{cell.text} {number}"
                        leaves.append(_Leaf(label, "", position))
                        children.append(Column(label, "", (), 0))
                    columns.append(Column(cell.text, None, tuple(children), 0))
                else:
                    leaves.append(_Leaf(cell.text, "", column))
                    columns.append(Column(cell.text, "", (), 0))
            else:
                children = build(bottom + 1, column, span_end)
                columns.append(Column(cell.text, None, tuple(children), 0))
            column = span_end
        return columns

    tree = build(0, 0, width) if depth else [Column(f"Column {i + 1}", "", (), 0)
                                              for i in range(width)]  # fmt: skip
    if not depth:
        leaves = [_Leaf(f"Column {i + 1}", "", i) for i in range(width)]
    return tree, leaves


def _assign_keys(leaves: list[_Leaf], notes: list[tuple[int, str]], line: int) -> int:
    """Give each leaf a unique snake_case key; the model column gets ``model``.
    Returns the index of the model column."""
    model_index = next(
        (i for i, leaf in enumerate(leaves) if leaf.label.strip().lower() in ("model", "models")),
        None,
    )
    if model_index is None:
        model_index = 0
        if leaves:
            notes.append((line, f"no column is labelled 'Model': the first, "
                          f"{leaves[0].label!r}, names the models"))  # fmt: skip
    used: set[str] = {MODEL_KEY}
    for index, leaf in enumerate(leaves):
        if index == model_index:
            leaf.key = MODEL_KEY
            continue
        key = snake_case(leaf.label)
        if key in RESERVED_MODEL_KEYS or key == MODEL_KEY:
            renamed = f"{key}_column"
            notes.append((line, f"the column {leaf.label!r} would have the reserved key "
                          f"{key!r}; it is {renamed!r}"))  # fmt: skip
            key = renamed
        base, number = key, 1
        while key in used:
            number += 1
            key = f"{base}_{number}"
        used.add(key)
        leaf.key = key
    return model_index


def _with_keys(columns: Iterable[Column], keys: Iterable[str]) -> tuple[Column, ...]:
    remaining = iter(keys)

    def rebuild(level: Iterable[Column]) -> tuple[Column, ...]:
        result = []
        for column in level:
            if column.is_group:
                result.append(Column(column.label, None, rebuild(column.columns)))
            else:
                result.append(Column(column.label, next(remaining)))
        return tuple(result)

    return rebuild(columns)


def convert(
    page: SourcePage,
    number: int,
    source_name: str,
    markup: bool = False,
    split: str | None = None,
) -> ImportResult:
    """The ``number``-th table (from 1) of the page as a data file."""
    if not page.tables:
        raise ImportError_("the source has no table")
    if not 1 <= number <= len(page.tables):
        raise ImportError_(f"there is no table {number}: the source has {len(page.tables)}")
    table = page.tables[number - 1]
    losses: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    clean_page(page, losses)
    width = max([len(row) for row in table.head + table.body] + [0])
    rows = len(table.head) + len(table.body)
    if rows * width > MAX_GRID:
        raise ImportError_(f"table {number} (line {table.line}) has {rows:,} rows of up to "
                           f"{width:,} cells, more than the importer reads")  # fmt: skip
    body = _grid(table.body, width)
    width = max([len(row) for row in body] + [width])
    for row in body:
        row.extend([None] * (width - len(row)))
    tree, leaves = column_tree(table.head, width, notes)
    model_index = _assign_keys(leaves, notes, table.line)
    columns = _with_keys(tree, [leaf.key for leaf in leaves])
    converter = _RowConverter(leaves, markup, losses, notes)
    models = [m for row in body if (m := converter.model(row, model_index, table.line))]
    markup_keys = converter.markup_keys
    if not models:
        raise ImportError_(f"table {number} (line {table.line}) has no row with a model name")
    yaml_text, model_files = write_yaml(
        source_name, number, columns, models, page, markup_keys, split
    )
    return ImportResult(yaml_text, losses, notes, table, page, model_files)


class _RowConverter:
    """Body rows to models: each cell's text, link and markup, each loss reported once
    (a merged cell covers many rows)."""

    def __init__(
        self,
        leaves: list[_Leaf],
        markup: bool,
        losses: list[tuple[int, str]],
        notes: list[tuple[int, str]],
    ) -> None:
        self.leaves, self.markup = leaves, markup
        self.losses, self.notes = losses, notes
        self.markup_keys: set[str] = set()
        self.seen_cells: set[int] = set()

    def model(
        self, row: list[SourceCell | None], model_index: int, table_line: int
    ) -> list[tuple[str, Any]] | None:
        name_cell = row[model_index] if model_index < len(row) else None
        if name_cell is None or not name_cell.text.strip():
            line = next((c.line for c in row if c is not None), table_line)
            self.losses.append((line, "a row without a model name was left out"))
            return None
        values: list[tuple[str, Any]] = [(MODEL_KEY, name_cell.text)]
        if name_cell.link:
            values.append(("url", name_cell.link))
        for leaf in self.leaves:
            cell = row[leaf.column] if leaf.column < len(row) else None
            if leaf.key == MODEL_KEY or cell is None:
                continue
            value = self.value(leaf.key, cell)
            if value is not None:
                values.append((leaf.key, value))
        return values

    def value(self, key: str, cell: SourceCell) -> Any:
        first_time = id(cell) not in self.seen_cells
        self.seen_cells.add(id(cell))
        if first_time:
            for loss in cell.losses:
                self.losses.append((cell.line, f"{loss} in {cell.text!r} was not carried over"))
        if not cell.text:
            return None
        text = cell.text
        if cell.markup is not None:
            if self.markup and cell.source is not None:
                text = cell.source
                self.markup_keys.add(key)
            elif first_time:
                self.notes.append((cell.line, f"{cell.markup} in {cell.text!r} is kept as text"))
        if cell.link and _is_web(cell.link):
            return {"text": text, "url": cell.link}
        if cell.link and first_time:
            self.notes.append((cell.line, f"the link {cell.link!r} is not http(s); kept as text"))
        return text


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
