"""A view's data as CSV, JSON or a Markdown pipe table. Pure; no docutils.

Exactly the rows and columns the view shows, in its order, each value as written (a
linked cell gives its text, a markup cell its source). CSV has a header row of leaf
labels and leaves absent values empty (a cell a spreadsheet would read as a formula
gets a leading ``'``, see ``spreadsheet_safe``); JSON is a list of objects keyed by column key,
absent values left out; Markdown is a GitHub pipe table whose header prefixes each leaf
label with its groups' labels, so a survey kept as YAML can regenerate its README.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable

from sphinx_vlmtable.data.model import Column
from sphinx_vlmtable.view.table import TableView

FORMATS = ("csv", "json", "md")


def leaf_paths(columns: Iterable[Column], groups: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Each leaf's labels from its outermost group down to itself."""
    paths: list[tuple[str, ...]] = []
    for column in columns:
        if column.is_group:
            paths += leaf_paths(column.columns, (*groups, column.label))
        else:
            paths.append((*groups, column.label))
    return paths


def records(view: TableView) -> list[dict[str, str]]:
    """Each shown row as {column key: value as written}; absent values left out."""
    keys = [leaf.key or "" for leaf in view.leaves]
    return [
        {key: row.model.values[key] for key in keys if key in row.model.values} for row in view.rows
    ]


#: What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")


def spreadsheet_safe(text: str) -> str:
    """A CSV cell no spreadsheet runs: one that starts like a formula gets a leading
    ``'`` (OWASP's rule), unless it is a plain number such as ``-0.5`` or the ``-``
    placeholder, which spreadsheets read as they are."""
    if text.startswith(_FORMULA_START) and text != "-" and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def to_csv(view: TableView) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([spreadsheet_safe(leaf.label) for leaf in view.leaves])
    keys = [leaf.key or "" for leaf in view.leaves]
    for record in records(view):
        writer.writerow([spreadsheet_safe(record.get(key, "")) for key in keys])
    return out.getvalue()


def to_json(view: TableView) -> str:
    return json.dumps(records(view), ensure_ascii=False, indent=2) + "\n"


def _md_cell(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|")


def to_markdown(view: TableView) -> str:
    header = [": ".join(path) for path in leaf_paths(view.columns)]
    keys = [leaf.key or "" for leaf in view.leaves]
    lines = [
        "| " + " | ".join(_md_cell(label) for label in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for record in records(view):
        lines.append("| " + " | ".join(_md_cell(record.get(key, "")) for key in keys) + " |")
    return "\n".join(lines) + "\n"


def export(view: TableView, kind: str) -> str:
    """The view in one of ``FORMATS``."""
    if kind == "csv":
        return to_csv(view)
    if kind == "json":
        return to_json(view)
    if kind == "md":
        return to_markdown(view)
    raise ValueError(f"unknown export format {kind!r}; choose from {', '.join(FORMATS)}")
