"""A source table's header to the data model's columns: the header grid to a column
tree, and a unique snake_case key for each leaf (``model`` for the name column)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from sphinx_vlmtable.data.marks import mark_states
from sphinx_vlmtable.data.model import (
    MODEL_KEY,
    RESERVED_MODEL_KEYS,
    Column,
    iter_leaves,
    snake_case,
)
from sphinx_vlmtable.data.values import parse_date, parse_number
from sphinx_vlmtable.importer.grid import cell_grid
from sphinx_vlmtable.importer.marks import NO_VALUE
from sphinx_vlmtable.importer.source import ImportError_, SourceCell, SourceTable
from sphinx_vlmtable.importer.words import label_key, said


@dataclass
class Leaf:
    """A column that holds values: its label, its key (given by ``assign_keys``) and
    its position in the source table's grid."""

    label: str
    key: str
    column: int


def column_tree(
    head: list[list[SourceCell]], width: int, notes: list[tuple[int, str]]
) -> tuple[list[Column], list[Leaf]]:
    """The header's cells as a column tree, and its leaves left to right."""
    grid = cell_grid(head, width)
    for line in grid:  # body rows may be wider than the header
        line.extend([None] * (width - len(line)))
    if not grid:
        leaves = [Leaf(f"Column {i + 1}", "", i) for i in range(width)]
        return [Column(leaf.label, "", (), 0) for leaf in leaves], leaves
    header = _HeaderTree(grid, notes)
    return header.columns(0, 0, width), header.leaves


class _HeaderTree:
    """The header grid walked from the top: a cell that reaches the body is a leaf (a
    group of numbered leaves if it spans columns there), any other a group over the
    cells below it."""

    def __init__(self, grid: list[list[SourceCell | None]], notes: list[tuple[int, str]]) -> None:
        self.grid, self.depth, self.notes = grid, len(grid), notes
        self.leaves: list[Leaf] = []

    def columns(self, row: int, first: int, last: int) -> list[Column]:
        """The columns of grid positions ``first`` to ``last`` from ``row`` down."""
        columns: list[Column] = []
        column = first
        while column < last:
            line = self.grid[row] if row < self.depth else []
            cell = line[column] if column < len(line) else None
            if cell is None:
                columns.append(self.leaf(f"Column {column + 1}", column))
                column += 1
                continue
            span_end = column
            while span_end < last and line[span_end] is cell:
                span_end += 1
            columns.append(self.column(cell, row, column, span_end))
            column = span_end
        return columns

    def leaf(self, label: str, position: int) -> Column:
        self.leaves.append(Leaf(label, "", position))
        return Column(label, "", (), 0)

    def column(self, cell: SourceCell, row: int, first: int, last: int) -> Column:
        """The column of a header cell that spans positions ``first`` to ``last``."""
        bottom = row
        while bottom + 1 < self.depth and self.grid[bottom + 1][first] is cell:
            bottom += 1
        if not cell.text:
            cell.text = f"Column {first + 1}"
            self.notes.append((cell.line, f"an empty header cell is labelled {said(cell.text)}"))
        if bottom + 1 < self.depth:
            children = self.columns(bottom + 1, first, last)
        elif last - first == 1:  # reaches the body: a leaf
            return self.leaf(cell.text, first)
        else:
            message = (
                f"the header {said(cell.text)} spans {last - first} columns at the bottom: it "
                "becomes a group over numbered columns"
            )
            self.notes.append((cell.line, message))
            numbered = enumerate(range(first, last), start=1)
            children = [self.leaf(f"{cell.text} {number}", at) for number, at in numbered]
        return Column(cell.text, None, tuple(children), 0)


#: Labels that say their column names the rows (compared in lower case): no note.
NAME_LABELS = frozenset(
    ("model", "models", "name", "names", "model name", "project", "project name", "title")
)
#: Labels that say what each row is (compared in lower case, singular, without a
#: parenthesis: "Paper", "Libraries", "Benchmark (Metric)", "Crate name"): the name
#: column when no label is one of ``NAME_LABELS``, with a note.
KIND_LABELS = frozenset(
    (
        "library",
        "framework",
        "implementation",
        "crate",
        "package",
        "tool",
        "method",
        "paper",
        "algorithm",
        "engine",
        "benchmark",
        "dataset",
        "emulator",
        "application",
        "software",
        "plugin",
    )
)

#: Why the name column was chosen, when no label is Model or Name (``assign_keys``).
_BY_KIND = "its label says what each row is"
_FIRST_TEXT = "the first column that holds mostly text"
_FIRST_TEXT_AFTER = (
    "the first column that holds mostly text (the ones before it hold numbers, dates, "
    "durations or marks)"
)
_FULLEST_TEXT = (
    "the first column that holds mostly text in the most rows (a column of text before "
    "it has blanks)"
)
_FIRST = "the first column (no column holds mostly text)"


def assign_keys(
    leaves: list[Leaf],
    notes: list[tuple[int, str]],
    line: int,
    name_column: str | None,
    cells: list[list[SourceCell]],
) -> int:
    """Give each leaf a unique snake_case key; the name column gets ``model``.
    ``cells`` are each leaf's body cells. Returns the index of the name column."""
    model_index = _name_column(leaves, name_column)
    if model_index is None:
        model_index, why = _guessed_name_column(leaves, cells)
        if leaves:
            message = (
                f"no column is labelled 'Model' or 'Name': {said(leaves[model_index].label)} "
                f"names the models, {why} (see --name)"
            )
            notes.append((line, message))
    used: set[str] = {MODEL_KEY}
    for index, leaf in enumerate(leaves):
        if index == model_index:
            leaf.key = MODEL_KEY
            continue
        leaf.key = unique_key(leaf.label, used, notes, line)
    return model_index


def _guessed_name_column(leaves: list[Leaf], cells: list[list[SourceCell]]) -> tuple[int, str]:
    """The name column when no label says Model or Name, and why: the first column
    labelled with what a row is (Library, Paper, ...) that holds text; else the first
    column that holds mostly text, of those filled in the most rows; else the first."""
    texts = [index for index, column in enumerate(cells) if _mostly_text(column)]
    for index in texts:
        if index < len(leaves) and _kind_label(leaves[index].label):
            return index, _BY_KIND
    if not texts:
        return 0, _FIRST
    # A column of text with blanks (a category written once for its group) names no row.
    filled = {index: _rows_filled(cells[index]) for index in texts}
    chosen = next(index for index in texts if filled[index] == max(filled.values()))
    if chosen != texts[0]:
        return chosen, _FULLEST_TEXT
    return chosen, _FIRST_TEXT if chosen == 0 else _FIRST_TEXT_AFTER


def _rows_filled(column: list[SourceCell]) -> int:
    """How many rows a column's cells fill (a merged cell fills each row it spans)."""
    return sum(cell.rowspan for cell in column if cell.text.strip())


def _kind_label(label: str) -> bool:
    """Whether a label says what each row is: one of ``KIND_LABELS``, singular or
    plural, maybe followed by "name" or a parenthesis."""
    words = _PARENTHESIS.sub(" ", label).lower().split()
    if words[-1:] == ["name"] and len(words) > 1:
        words = words[:-1]
    if len(words) != 1:
        return False
    word = words[0]
    return (
        word in KIND_LABELS
        or word.removesuffix("s") in KIND_LABELS
        or (word.endswith("ies") and word[:-3] + "y" in KIND_LABELS)
    )


_PARENTHESIS = re.compile(r"\([^()]*\)")


def _mostly_text(column: list[SourceCell]) -> bool:
    """Whether most of a column's filled cells are text (not numbers, dates, durations,
    sizes or marks): what names are."""
    texts = [cell.text for cell in column if cell.text.strip()]
    return bool(texts) and 2 * sum(not _is_value(text) for text in texts) > len(texts)


def _name_column(leaves: list[Leaf], chosen: str | None) -> int | None:
    """The leaf ``--name`` picks (by label or key, any case), or the one whose label
    says it names the rows (Model, Name, Project, Title, ...)."""
    wanted = (
        NAME_LABELS
        if chosen is None
        else {chosen.strip().lower(), snake_case(chosen), label_key(chosen)}
    )
    for index, leaf in enumerate(leaves):
        label = " ".join(leaf.label.lower().split())
        if label in wanted or snake_case(leaf.label) in wanted or label_key(leaf.label) in wanted:
            return index
    if chosen is not None:
        labels = ", ".join(said(leaf.label) for leaf in leaves)
        raise ImportError_(f"--name {said(chosen)}: no column has that label or key ({labels})")
    return None


def text_column(cells: list[list[SourceCell]]) -> int | None:
    """The column of text (not numbers, dates or marks) filled in the most rows, with
    the most distinct texts; the leftmost of equals; None if none holds text."""
    best, chosen = (0, 0), None
    for index, column in enumerate(cells):
        texts = [cell.text for cell in column if cell.text.strip()]
        if not texts or all(_is_value(text) for text in texts):
            continue
        score = (len(texts), len(set(texts)))
        if score > best:
            best, chosen = score, index
    return chosen


#: A quantity with units, what a name is not: ``2m23s``, ``17063ms``, ``4708MB``,
#: ``1.2x``, ``4.5 GB``. Each unit is letters between numbers, so a try is linear.
_QUANTITY = re.compile(
    r"[~\u2248<>\u00b1+\-]?[ \t]*(?:\d[\d,.]*[ \t]*[A-Za-z\u00b5%\u00d7]{1,5}[ \t]*)+(?:\d[\d,.]*)?"
)


def _is_value(text: str) -> bool:
    """A number, a date, a duration or size, a mark or a no-value text: what a name is
    not."""
    stripped = text.strip()
    return (
        stripped.lower() in NO_VALUE
        or parse_number(text) is not None
        or parse_date(text) is not None
        or mark_states(text) is not None
        or (len(stripped) <= 40 and _QUANTITY.fullmatch(stripped) is not None)
    )


def unique_key(label: str, used: set[str], notes: list[tuple[int, str]], line: int) -> str:
    """The label's key (``words.label_key``), numbered if ``used`` has it (and added to
    it)."""
    key = label_key(label)
    if key in RESERVED_MODEL_KEYS or key == MODEL_KEY:
        renamed = f"{key}_column"
        message = (
            f"the column {said(label)} would have the reserved key {said(key)}; "
            f"it is {said(renamed)}"
        )
        notes.append((line, message))
        key = renamed
    base, number = key, 1
    while key in used:
        number += 1
        key = f"{base}_{number}"
    used.add(key)
    return key


def with_keys(columns: Iterable[Column], keys: Iterable[str]) -> tuple[Column, ...]:
    """The column tree with ``keys`` given to its leaves, left to right."""
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


def without_leaves(
    columns: Iterable[Column], dropped: set[int], numbers: Iterator[int]
) -> list[Column]:
    """The column tree without the leaves numbered in ``dropped`` (left to right, from
    0), and without groups left empty."""
    kept: list[Column] = []
    for column in columns:
        if column.is_group:
            children = without_leaves(column.columns, dropped, numbers)
            if children:
                kept.append(Column(column.label, None, tuple(children), 0))
        elif next(numbers) not in dropped:
            kept.append(column)
    return kept


def top_level_index(columns: tuple[Column, ...], leaf_index: int) -> int:
    """The index of the top-level column that holds the ``leaf_index``-th leaf."""
    seen = 0
    for index, column in enumerate(columns):
        seen += sum(1 for _leaf in iter_leaves((column,)))
        if leaf_index < seen:
            return index
    return len(columns) - 1


def header_cells(table: SourceTable) -> list[SourceCell]:
    """The header's cells that hold a link or an image (a label is text: those are
    left out, each noted in the receipt)."""
    return [cell for row in table.head for cell in row if cell.links or cell.images]
