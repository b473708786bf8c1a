"""The column tree to a grid of header cells with their spans. Pure functions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sphinx_vlmtable.data.model import Column, iter_leaves


@dataclass(frozen=True, slots=True)
class HeaderCell:
    """One header cell, placed at (row, first column), spanning more rows and columns.

    The spans count the *extra* rows and columns, as docutils' ``morerows`` and
    ``morecols`` do: a cell in one row and one column has both at 0.
    """

    label: str
    row: int
    column: int
    morerows: int = 0
    morecols: int = 0


def depth(columns: Sequence[Column]) -> int:
    """How many header rows the tree needs."""
    return max((1 + depth(c.columns) if c.is_group else 1 for c in columns), default=0)


def leaf_count(column: Column) -> int:
    return sum(1 for _ in iter_leaves((column,)))


def header_rows(columns: Sequence[Column]) -> list[list[HeaderCell]]:
    """One list of cells per header row, each row left to right.

    A group spans its leaves; a leaf spans every row below its own level, so a leaf
    beside a deeper group reaches down to the body.
    """
    row_count = depth(columns)
    rows: list[list[HeaderCell]] = [[] for _ in range(row_count)]

    def place(level: Sequence[Column], row: int, first_column: int) -> None:
        column_index = first_column
        for column in level:
            if column.is_group:
                width = leaf_count(column)
                rows[row].append(HeaderCell(column.label, row, column_index, 0, width - 1))
                place(column.columns, row + 1, column_index)
                column_index += width
            else:
                rows[row].append(HeaderCell(column.label, row, column_index, row_count - row - 1))
                column_index += 1

    place(columns, 0, 0)
    return rows


class ColumnSelectionError(ValueError):
    """A ``:columns:`` choice that names no column or splits a group."""


def select_columns(columns: Sequence[Column], keys: Sequence[str]) -> tuple[Column, ...]:
    """Keep and order the leaves named by ``keys``, with the groups around them.

    A group stays where its leaves are, keeping only the chosen ones; a group with
    none is dropped. A group whose chosen leaves are not next to each other in the
    chosen order cannot be drawn, and is an error.
    """
    parents: dict[str, tuple[Column, ...]] = {}
    leaves: dict[str, Column] = {}

    def index(level: Sequence[Column], path: tuple[Column, ...]) -> None:
        for column in level:
            if column.is_group:
                index(column.columns, (*path, column))
            else:
                assert column.key is not None
                parents[column.key] = path
                leaves[column.key] = column

    index(columns, ())
    for key in keys:
        if key not in leaves:
            raise ColumnSelectionError(f"no column has the key {key!r}")
    if len(set(keys)) != len(keys):
        raise ColumnSelectionError("a column key is chosen twice")
    return _nest([(parents[key], leaves[key]) for key in keys], 0)


def _nest(items: list[tuple[tuple[Column, ...], Column]], level: int) -> tuple[Column, ...]:
    """Rebuild the tree from leaves (with their group paths) in the chosen order."""
    result: list[Column] = []
    finished: set[int] = set()
    position = 0
    while position < len(items):
        path, leaf = items[position]
        if len(path) <= level:
            result.append(leaf)
            position += 1
            continue
        group = path[level]
        if id(group) in finished:
            raise ColumnSelectionError(
                f"the columns of the group {group.label!r} must be chosen next to each other"
            )
        end = position
        while end < len(items) and len(items[end][0]) > level and items[end][0][level] is group:
            end += 1
        children = _nest(items[position:end], level + 1)
        result.append(Column(group.label, None, children, group.line))
        finished.add(id(group))
        position = end
    return tuple(result)
