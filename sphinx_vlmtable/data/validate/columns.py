"""The header: ``columns`` (a tree of groups and leaves), ``column_settings`` (settings
for leaves by key) and the texts that mean "no value" (``missing``).

A problem in the tree falls back to the columns that could be read (or the default
layout), so the models are still checked against a header.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from sphinx_vlmtable.data.model import (
    DEFAULT_COLUMNS,
    DEFAULT_LAYOUT_HINT,
    MODEL_KEY,
    RESERVED_MODEL_KEYS,
    Column,
    iter_leaves,
)
from sphinx_vlmtable.data.validate.reporter import ProblemReporter
from sphinx_vlmtable.data.validate.scalars import (
    check_keys,
    has_items,
    is_lone_dash,
    read_list,
    read_mapping,
    read_text,
)
from sphinx_vlmtable.data.values import COLUMN_TYPES
from sphinx_vlmtable.data.yamlsource import MarkedMapping, MarkedNode, MarkedScalar, MarkedSequence
from sphinx_vlmtable.warnings_ import VlmTableWarning, quoted

#: What a leaf column may say about its cells, in ``columns`` or ``column_settings``.
SETTING_KEYS = ("type", "align", "best", "markup", "missing")


COLUMN_KEYS = ("key", "label", "columns", *SETTING_KEYS)


#: The values each setting may take.
SETTING_CHOICES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "type": COLUMN_TYPES,
        "align": ("left", "center", "right"),
        "best": ("max", "min"),
        "markup": ("rst", "myst"),
    }
)


def read_columns(reporter: ProblemReporter, node: MarkedNode) -> tuple[Column, ...]:
    """``columns``: the header tree; with a problem in it, what could be read (or the
    default layout), and no checks of the whole tree that would repeat it."""
    problems_before = len(reporter.problems)
    items = read_list(reporter, node, "'columns'")
    columns = tuple(c for c in (_column(reporter, item) for item in items) if c)
    if len(reporter.problems) > problems_before:
        return columns or DEFAULT_COLUMNS
    seen: dict[str, Column] = {}
    for leaf in iter_leaves(columns):
        assert leaf.key is not None
        if leaf.key in seen:
            reporter.report(
                VlmTableWarning.COLUMNS,
                f"duplicate column key {leaf.key!r} (first at line {seen[leaf.key].line})",
                leaf.line,
            )
        seen.setdefault(leaf.key, leaf)
    if MODEL_KEY not in seen:
        reporter.report(
            VlmTableWarning.COLUMNS,
            f"the columns have no {MODEL_KEY!r} column; it names each model",
            node.line,
            node.column,
        )
    return columns


def apply_column_settings(
    reporter: ProblemReporter, node: MarkedNode, columns: tuple[Column, ...], declared: bool
) -> tuple[Column, ...]:
    """``column_settings: {year: {type: date}, ...}``: settings for leaves by key, so
    the default layout's columns can be typed without restating the tree."""
    mapping = read_mapping(reporter, node, "'column_settings'")
    if mapping is None:
        return columns
    leaves = {leaf.key: leaf for leaf in iter_leaves(columns)}
    updated: dict[str, Column] = {}
    for key_text, (key, value) in mapping.items.items():
        if key_text not in leaves:
            hint = "" if declared else f"; {DEFAULT_LAYOUT_HINT}"
            reporter.report(
                VlmTableWarning.UNKNOWN_KEY,
                f"'column_settings' names {key_text!r}, but no column has that key"
                f"{reporter.did_you_mean(key_text, [k for k in leaves if k])}{hint}",
                key.line,
                key.column,
            )
            continue
        settings = read_mapping(reporter, value, f"the settings of {key_text!r}")
        if settings is None:
            continue
        check_keys(reporter, settings, SETTING_KEYS, f"the settings of {key_text!r}")
        updated[key_text] = _with_settings(reporter, leaves[key_text], settings)
    return _replace_leaves(columns, updated) if updated else columns


def read_missing(reporter: ProblemReporter, node: MarkedNode, what: str) -> tuple[str, ...] | None:
    """A text, or a list of texts, that mean "no value"."""
    if type(node) is MarkedScalar:
        return (node.text,)
    if type(node) is MarkedSequence and not is_lone_dash(node):
        texts = [read_text(reporter, item, f"an entry of {what}") for item in node.items]
        return tuple(text for text in texts if text is not None)
    read_text(reporter, node, what)  # reports the shape
    return None


def _column(reporter: ProblemReporter, node: MarkedNode) -> Column | None:
    """One column of the tree: a leaf, or a group of columns."""
    mapping = read_mapping(reporter, node, "a column")
    if mapping is None:
        return None
    check_keys(reporter, mapping, COLUMN_KEYS, "a column")
    items = mapping.items
    label = _label(reporter, mapping)
    if "key" in items and "columns" in items:
        reporter.report(
            VlmTableWarning.COLUMNS,
            "a column has either 'key' (a leaf) or 'columns' (a group), not both",
            mapping.line,
            mapping.column,
        )
        return None
    if "columns" in items:
        return _group(reporter, mapping, label)
    if "key" not in items:
        reporter.report(
            VlmTableWarning.MISSING_KEY,
            "a column needs a 'key' (a leaf) or 'columns' (a group)",
            mapping.line,
            mapping.column,
        )
        return None
    key = _leaf_key(reporter, items["key"][1])
    if key is None:
        return None
    return _with_settings(reporter, Column(label or "", key, (), mapping.line), mapping)


def _label(reporter: ProblemReporter, mapping: MarkedMapping) -> str | None:
    """A column's ``label``: every column needs one, and not an empty one."""
    items = mapping.items
    if "label" not in items:
        reporter.report(
            VlmTableWarning.MISSING_KEY,
            "a column needs a 'label'",
            mapping.line,
            mapping.column,
        )
        return None
    node = items["label"][1]
    label = read_text(reporter, node, "a column's label")
    if label is not None and not label.strip():
        reporter.report(
            VlmTableWarning.COLUMNS, "a column's label is empty", node.line, node.column
        )
    return label


def _group(reporter: ProblemReporter, mapping: MarkedMapping, label: str | None) -> Column | None:
    """A group and the columns under it; a group of none is a problem."""
    children_node = mapping.items["columns"][1]
    items = read_list(reporter, children_node, "'columns'")
    children = tuple(column for column in (_column(reporter, item) for item in items) if column)
    if not has_items(children_node):
        reporter.report(
            VlmTableWarning.COLUMNS,
            f"the group {label!r} has no columns",
            children_node.line,
            children_node.column,
        )
        return None
    return Column(label or "", None, children, mapping.line) if children else None


def _leaf_key(reporter: ProblemReporter, node: MarkedNode) -> str | None:
    """A leaf's key, if it is one a column may have."""
    key = read_text(reporter, node, "a column's key")
    if key is not None and not key.strip():
        reporter.report(VlmTableWarning.COLUMNS, "a column's key is empty", node.line, node.column)
        return None
    if key in RESERVED_MODEL_KEYS:
        reporter.report(
            VlmTableWarning.COLUMNS,
            f"a column cannot have the key {key!r}: models use it for something else "
            f"(reserved keys: {', '.join(RESERVED_MODEL_KEYS)})",
            node.line,
            node.column,
        )
        return None
    return key


def _with_settings(reporter: ProblemReporter, column: Column, mapping: MarkedMapping) -> Column:
    """The leaf with the settings this mapping gives it (type, align, best, ...)."""
    changes: dict[str, Any] = {}
    for name in SETTING_KEYS:
        if name not in mapping.items:
            continue
        node = mapping.items[name][1]
        if name == "missing":
            changes[name] = read_missing(reporter, node, f"the 'missing' of {column.key!r}")
            continue
        value = _setting(reporter, name, node)
        if value is not None:
            changes[name] = value
    if changes.get("best") and changes.get("markup", column.markup):
        reporter.report(
            VlmTableWarning.COLUMNS,
            f"the column {column.key!r} has both 'best' and 'markup'; best values are "
            "marked in plain columns only",
            mapping.line,
            mapping.column,
        )
        changes.pop("best")
    return replace(column, **changes) if changes else column


def _setting(reporter: ProblemReporter, name: str, node: MarkedNode) -> str | None:
    """One setting's value, if it is one of its choices."""
    value = read_text(reporter, node, f"a column's {name!r}")
    if value is None or value in SETTING_CHOICES[name]:
        return value
    reporter.report(
        VlmTableWarning.COLUMNS,
        f"a column's {name!r} must be one of {', '.join(SETTING_CHOICES[name])}, "
        f"not {quoted(value)}",
        node.line,
        node.column,
    )
    return None


def _replace_leaves(columns: tuple[Column, ...], updated: dict[str, Column]) -> tuple[Column, ...]:
    """The tree with the leaves in ``updated`` replaced by key."""
    return tuple(
        replace(column, columns=_replace_leaves(column.columns, updated))
        if column.is_group
        else updated.get(column.key or "", column)
        for column in columns
    )
