"""The receipt of an import: for each table, the source's counts beside the result's,
each row's fate and each link's and image's, so that the exit status (and the tests)
can show nothing was lost.

It balances when every source row is a model, a section row the source marks as a
heading, or an empty row; when every link is a model's ``url``, a ``{text, url}`` cell,
an entry of the Links column, a link of a markup cell, or listed as dropped with its
row, column and reason; and when the data file as written holds exactly the links the
converter placed (``settle``, read back from the file). Pure; no Sphinx.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sphinx_vlmtable.data.model import ID_KEY, MODEL_KEY, Model, SurveyData, iter_leaves

#: Where a link may go: a model's url, a ``{text, url}`` cell, the Links column, a
#: markup cell (``--markup``), or dropped (with its reason).
LINK_FATES = ("url", "cell", "links", "markup", "dropped")
#: What may become of a source row.
ROW_FATES = ("model", "section", "empty", "left out")


@dataclass
class RowFate:
    line: int
    #: One of ``ROW_FATES``.
    fate: str
    #: The model's name, the section's text, or the row's first text.
    text: str
    #: Why (for a section row, an empty row or a row left out).
    why: str = ""


@dataclass
class LinkFate:
    line: int
    #: The row's model (or section, or ``(header)``), and the column's label.
    row: str
    column: str
    text: str
    url: str
    #: One of ``LINK_FATES``.
    went: str
    reason: str = ""
    #: A linked badge (its text is the badge's words).
    badge: bool = False
    #: The models that hold it (a merged cell covers several rows).
    copies: int = 1


@dataclass
class ImageFate:
    line: int
    row: str
    column: str
    src: str
    alt: str
    #: ``link`` (a linked badge, kept as its link with words) or ``dropped``.
    went: str
    reason: str = ""


@dataclass
class TableReceipt:
    """One source table's import."""

    number: int
    line: int
    heading: str | None
    #: Counted from the source as read, apart from the converter's decisions.
    source_rows: int = 0
    source_cells: int = 0
    source_links: int = 0
    source_images: int = 0
    source_columns: int = 0
    rows: list[RowFate] = field(default_factory=list)
    links: list[LinkFate] = field(default_factory=list)
    images: list[ImageFate] = field(default_factory=list)
    #: Filled cells: kept (a name, a value, a task state), in section rows, dropped.
    cells: Counter[str] = field(default_factory=Counter)
    empty_columns: list[str] = field(default_factory=list)
    #: Each typed column's label and type (``number``, ``date``, ``mark``).
    types: dict[str, str] = field(default_factory=dict)
    #: Cells read as a day with a time.
    date_times: int = 0
    #: The models' values as written (to find them again in the file).
    models: list[list[tuple[str, Any]]] = field(default_factory=list)
    #: What the written file holds of this table's models (``settle``).
    written: dict[str, int] | None = None

    def link_counts(self) -> dict[str, int]:
        """How many links went where (each once, however many rows hold it)."""
        counts = Counter(link.went for link in self.links)
        return {fate: counts[fate] for fate in LINK_FATES}

    def placed(self) -> dict[str, int]:
        """How many times each kind of kept link is in the models (copies counted)."""
        counts: Counter[str] = Counter()
        for link in self.links:
            if link.went != "dropped":
                counts[link.went] += link.copies
        return {fate: counts[fate] for fate in LINK_FATES[:-1]}

    def row_counts(self) -> dict[str, int]:
        counts = Counter(row.fate for row in self.rows)
        return {fate: counts[fate] for fate in ROW_FATES}

    def problems(self) -> list[str]:
        """Why the table does not balance (nothing when it does)."""
        found = []
        rows = self.row_counts()
        if len(self.rows) != self.source_rows:
            found.append(f"{self.source_rows} source rows, {len(self.rows)} accounted for")
        if rows["left out"]:
            found.append(f"{rows['left out']} row(s) with content left out")
        if len(self.links) != self.source_links:
            found.append(f"{self.source_links} source links, {len(self.links)} accounted for")
        if len(self.images) != self.source_images:
            found.append(f"{self.source_images} images, {len(self.images)} accounted for")
        if self.written is not None:
            expected = {"models": rows["model"], **self.placed()}
            for what, count in expected.items():
                if self.written.get(what, 0) != count:
                    found.append(f"the file holds {self.written.get(what, 0)} {what}, not {count}")
        return found

    def as_json(self) -> dict[str, Any]:
        images = Counter(image.went for image in self.images)
        rows = self.row_counts()
        return {
            "table": self.number,
            "line": self.line,
            "heading": self.heading,
            "balanced": not self.problems(),
            "problems": self.problems(),
            "source": {
                "rows": self.source_rows,
                "cells": self.source_cells,
                "links": self.source_links,
                "images": self.source_images,
                "columns": self.source_columns,
            },
            "result": {
                "models": rows["model"],
                "section_rows": rows["section"],
                "empty_rows": rows["empty"],
                "rows_left_out": rows["left out"],
                "cells": {what: self.cells[what] for what in ("kept", "section", "dropped")},
                "links": self.link_counts(),
                "images": {"link": images["link"], "dropped": images["dropped"]},
                "columns": self.source_columns - len(self.empty_columns),
                "empty_columns": self.empty_columns,
                "types": self.types,
                "date_times": self.date_times,
            },
            "written": self.written,
            "rows": [_fields(row) for row in self.rows],
            "links": [_fields(link) for link in self.links],
            "images": [_fields(image) for image in self.images],
        }


def _fields(item: RowFate | LinkFate | ImageFate) -> dict[str, Any]:
    """A fate as JSON: its fields, without the empty ones."""
    return {key: value for key, value in vars(item).items() if value not in ("", None)}


@dataclass
class TableLeft:
    """A table of the page that was not imported, and why."""

    number: int
    line: int
    why: str


@dataclass
class TasksReceipt:
    """The page's task list, when the data file has it: where it was found, why it was
    taken, its items (subtasks counted) and each of its links' fate."""

    heading: str | None
    line: int
    #: How it was chosen (``--tasks``, or the list that introduces the table).
    why: str
    items: int = 0
    source_links: int = 0
    links: list[LinkFate] = field(default_factory=list)

    def problems(self) -> list[str]:
        if len(self.links) != self.source_links:
            return [f"{self.source_links} task list links, {len(self.links)} accounted for"]
        return []

    def as_json(self) -> dict[str, Any]:
        went = Counter(link.went for link in self.links)
        return {
            "heading": self.heading,
            "line": self.line,
            "why": self.why,
            "items": self.items,
            "source": {"links": self.source_links},
            "result": {"links": {fate: went[fate] for fate in LINK_FATES}},
            "links": [_fields(link) for link in self.links],
        }


@dataclass
class ImportReceipt:
    """The receipt of one import (one data file)."""

    source: str
    source_tables: int
    tables: list[TableReceipt] = field(default_factory=list)
    left: list[TableLeft] = field(default_factory=list)
    #: Options that would carry more over, each with why.
    suggestions: list[str] = field(default_factory=list)
    #: The page's task list, when the data file has it.
    tasks: TasksReceipt | None = None

    @property
    def balanced(self) -> bool:
        tasks = self.tasks.problems() if self.tasks is not None else []
        return not tasks and all(not table.problems() for table in self.tables)

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "balanced": self.balanced,
            "tables": {
                "source": self.source_tables,
                "imported": [table.number for table in self.tables],
                "left": [vars(left) for left in self.left],
            },
            "suggestions": self.suggestions,
            "tasks": self.tasks.as_json() if self.tasks is not None else None,
            "imported": [table.as_json() for table in self.tables],
        }


def settle(receipt: ImportReceipt, data: SurveyData, links_key: str | None) -> None:
    """What the data file as written holds of each table's models (found by their id
    or name): models, urls, linked cells, Links entries and markup links, so that the
    receipt compares the converter's word with the file itself."""
    markup = {leaf.key for leaf in iter_leaves(data.columns) if leaf.markup and leaf.key}
    written: dict[str, Model] = {}
    for each in data.models:
        written.setdefault(each.identity, each)
    for table in receipt.tables:
        counts: Counter[str] = Counter()
        for values in table.models:
            given = dict(values)
            model = written.get(str(given.get(ID_KEY, given.get(MODEL_KEY))))
            if model is None:
                continue
            counts["models"] += 1
            counts["url"] += MODEL_KEY in model.links
            counts["cell"] += sum(1 for key in model.links if key not in (MODEL_KEY, *markup))
            for key in markup:
                if key in model.values:
                    counts["links" if key == links_key else "markup"] += markdown_links(
                        model.values[key]
                    )
        table.written = {what: counts[what] for what in ("models", *LINK_FATES[:-1])}


def markdown_links(text: str) -> int:
    """How many links a MyST markup cell holds (read as MyST reads it)."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parseInline(text)
    return sum(1 for token in tokens for child in token.children or [] if child.type == "link_open")
