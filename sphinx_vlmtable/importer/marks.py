"""``--matrix``: columns of marks (✅ ❌ 🟡, yes/no) to tasks and each model's states, so a
capability table becomes a ``vlm-matrix``. A cell may pack several marks under a header
that names them (``Univariate/ Multivariate`` over ``✅ 🔴``): one task each."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_vlmtable.data.marks import mark_states
from sphinx_vlmtable.importer.source import SourceCell, SourceTask
from sphinx_vlmtable.importer.words import label_key

#: Texts that say "no value" in a column of marks or numbers ("-" is the placeholder).
NO_VALUE = frozenset(("-", "\u2014", "\u2013", "n/a", "na", "?", "none", "tbd", "unknown"))


def states_of(text: str) -> list[str] | None:
    """The states a cell's marks say, in order; None if it holds anything else."""
    return mark_states(text)


@dataclass
class MarkColumn:
    """A column of marks, read as tasks: its tasks (one, or a group of several) and
    each of their keys in the order a cell's marks give them."""

    column: int
    task: SourceTask
    keys: list[str]


def mark_column(label: str, column: int, cells: list[SourceCell], line: int) -> MarkColumn | None:
    """The column as tasks, if every filled cell holds marks, as many as the label
    names (``A/ B`` names two); None otherwise."""
    counts = set()
    for cell in cells:
        if (cell.links or cell.images) and not cell.text.strip():
            return None  # a badge or a picture: not a mark
        if not cell.text.strip() or cell.text.strip().lower() in NO_VALUE:
            continue
        states = states_of(cell.text)
        if states is None:
            return None
        counts.add(len(states))
    if len(counts) != 1:
        return None
    (count,) = counts
    group, _colon, names_part = label.rpartition(":")
    names = [name.strip() for name in (names_part or label).split("/")]
    if count == 1:
        key = label_key(label)
        return MarkColumn(column, SourceTask(label, None, True, line, key=key), [key])
    if len(names) != count or not all(names):
        return None
    group_name = group.strip() or label
    group_key = label_key(group_name)
    keys = [f"{group_key}_{label_key(name)}" for name in names]
    subtasks = [
        SourceTask(name, None, False, line, key=key) for name, key in zip(names, keys, strict=True)
    ]
    task = SourceTask(group_name, None, True, line, subtasks, key=group_key)
    return MarkColumn(column, task, keys)


def model_states(columns: list[MarkColumn], row: list[SourceCell | None]) -> dict[str, str]:
    """A row's task states from its mark cells (an empty cell: not stated)."""
    states: dict[str, str] = {}
    for mark in columns:
        cell = row[mark.column] if mark.column < len(row) else None
        said = states_of(cell.text) if cell is not None and cell.text.strip() else None
        for key, state in zip(mark.keys, said or [], strict=False):
            states[key] = state
    return states
