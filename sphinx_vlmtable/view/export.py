"""A view's data as CSV, JSON or a Markdown pipe table. Pure; no docutils.

Exactly the rows and columns the view shows, in its order, each value as written (a
markup cell its source), and every link: CSV has a header row of leaf labels, each
linked column followed by a "<label> URL" column, and leaves absent values empty (a
cell a spreadsheet would read as a formula gets a leading ``'``, see
``spreadsheet_safe``); JSON is a list of objects keyed by column key, a linked cell as
``{"text", "url"}``, a row's ``id`` kept, absent values left out; Markdown is a GitHub
pipe table whose header prefixes each leaf label with its groups' labels, links as
links and markup as written, so ``vlmtable import`` of it gives back the same names,
values and links, and a survey kept as YAML can regenerate its README.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable

from sphinx_vlmtable.data.markdown import markdown_target, markdown_text
from sphinx_vlmtable.data.marks import NOT_STATED
from sphinx_vlmtable.data.model import (
    ADDED_KEY,
    ID_KEY,
    MODEL_KEY,
    UPDATED_KEY,
    Column,
)
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


#: A shown cell as export writes it: its text as written, and where it links (or None).
Cell = tuple[str, "str | None"]


def row_cells(view: TableView) -> list[dict[str, Cell]]:
    """Each shown row as {column key: (text as written, url)}; absent values left out,
    and so is a matrix's *not stated* (blank, as in the source: never "no")."""
    keys = [leaf.key or "" for leaf in view.leaves]
    states = {keys[column] for column in view.state_columns}
    return [
        {
            key: (row.model.values[key], row.model.links.get(key))
            for key in keys
            if key in row.model.values
            and not (key in states and row.model.values[key] == NOT_STATED)
        }
        for row in view.rows
    ]


def records(view: TableView) -> list[dict[str, object]]:
    """Each shown row as {column key: text, or {"text", "url"} when it links}, with the
    row's ``id`` after its name when it has one, and its ``added``/``updated`` dates."""
    found: list[dict[str, object]] = []
    for row, cells in zip(view.rows, row_cells(view), strict=True):
        record: dict[str, object] = {}
        for key, (text, url) in cells.items():
            record[key] = text if url is None else {"text": text, "url": url}
            if key == MODEL_KEY and row.model.row_id is not None:
                record[ID_KEY] = row.model.row_id
        for key, date in ((ADDED_KEY, row.model.added), (UPDATED_KEY, row.model.updated)):
            if date is not None:
                record[key] = date
        found.append(record)
    return found


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
    keys = [leaf.key or "" for leaf in view.leaves]
    rows = row_cells(view)
    linked = {key for cells in rows for key, (_text, url) in cells.items() if url is not None}
    header = []
    for leaf, key in zip(view.leaves, keys, strict=True):
        header += [leaf.label, f"{leaf.label} URL"] if key in linked else [leaf.label]
    writer.writerow([spreadsheet_safe(label) for label in header])
    for cells in rows:
        line = []
        for key in keys:
            text, url = cells.get(key, ("", None))
            line += [text, url or ""] if key in linked else [text]
        writer.writerow([spreadsheet_safe(value) for value in line])
    return out.getvalue()


def to_json(view: TableView) -> str:
    return json.dumps(records(view), ensure_ascii=False, indent=2) + "\n"


def _md_cell(text: str, url: str | None, markup: bool) -> str:
    """A pipe-table cell: a link as a link, markup as written, other text literal (a
    ``|`` is escaped in each: the table reads it back as the cell's own)."""
    if url is not None:
        return f"[{markdown_text(text)}]({markdown_target(url).replace('|', '%7C')})"
    if markup:
        return " ".join(text.split()).replace("|", "\\|")
    return markdown_text(text)


def to_markdown(view: TableView) -> str:
    header = [": ".join(path) for path in leaf_paths(view.columns)]
    keys = [leaf.key or "" for leaf in view.leaves]
    markup = {leaf.key for leaf in view.leaves if leaf.markup is not None}
    lines = [
        "| " + " | ".join(_md_cell(label, None, False) for label in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for cells in row_cells(view):
        shown = [_md_cell(*cells.get(key, ("", None)), key in markup) for key in keys]
        lines.append("| " + " | ".join(shown) + " |")
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
