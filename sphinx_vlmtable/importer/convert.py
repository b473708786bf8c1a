"""Source tables to the data model: the header grid to a column tree, rows to models,
with every loss reported at its source line. No Sphinx here."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sphinx_vlmtable.data.markdown import markdown_link
from sphinx_vlmtable.data.model import (
    ID_KEY,
    MODEL_KEY,
    RESERVED_MODEL_KEYS,
    TASKS_KEY,
    Column,
    iter_leaves,
    snake_case,
)
from sphinx_vlmtable.importer.marks import MarkColumn, mark_column, model_states
from sphinx_vlmtable.importer.source import (
    ImportError_,
    ImportOptions,
    ImportResult,
    SourceCell,
    SourcePage,
    SourceTable,
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


def _assign_keys(
    leaves: list[_Leaf], notes: list[tuple[int, str]], line: int, name_column: str | None
) -> int:
    """Give each leaf a unique snake_case key; the name column gets ``model``.
    Returns the index of the name column."""
    model_index = _name_column(leaves, name_column)
    if model_index is None:
        model_index = 0
        if leaves:
            notes.append((line, f"no column is labelled 'Model': the first, "
                          f"{leaves[0].label!r}, names the models (see --name)"))  # fmt: skip
    used: set[str] = {MODEL_KEY}
    for index, leaf in enumerate(leaves):
        if index == model_index:
            leaf.key = MODEL_KEY
            continue
        leaf.key = _unique_key(leaf.label, used, notes, line)
    return model_index


def _name_column(leaves: list[_Leaf], chosen: str | None) -> int | None:
    """The leaf ``--name`` picks (by label or key, any case), or the one called Model."""
    wanted = {"model", "models"} if chosen is None else {chosen.strip().lower(), snake_case(chosen)}
    for index, leaf in enumerate(leaves):
        if leaf.label.strip().lower() in wanted or snake_case(leaf.label) in wanted:
            return index
    if chosen is not None:
        labels = ", ".join(repr(leaf.label) for leaf in leaves)
        raise ImportError_(f"--name {chosen!r}: no column has that label or key ({labels})")
    return None


def _unique_key(label: str, used: set[str], notes: list[tuple[int, str]], line: int) -> str:
    key = snake_case(label)
    if key in RESERVED_MODEL_KEYS or key == MODEL_KEY:
        renamed = f"{key}_column"
        notes.append((line, f"the column {label!r} would have the reserved key "
                      f"{key!r}; it is {renamed!r}"))  # fmt: skip
        key = renamed
    base, number = key, 1
    while key in used:
        number += 1
        key = f"{base}_{number}"
    used.add(key)
    return key


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


def convert(page: SourcePage, source_name: str, options: ImportOptions) -> ImportResult:
    """The chosen table of the page (with ``all_tables``, every table with its header)
    as a data file."""
    number = options.number
    if not page.tables:
        raise ImportError_("the source has no table")
    if not 1 <= number <= len(page.tables):
        raise ImportError_(f"there is no table {number}: the source has {len(page.tables)}")
    table = page.tables[number - 1]
    losses: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    clean_page(page, losses)
    tables = _tables_to_import(page, table, options.all_tables, losses)
    width = max([len(row) for t in tables for row in t.head + t.body] + [0])
    rows = sum(len(t.head) + len(t.body) for t in tables)
    if rows * width > MAX_GRID:
        raise ImportError_(f"table {number} (line {table.line}) has {rows:,} rows of up to "
                           f"{width:,} cells, more than the importer reads")  # fmt: skip
    bodies = [(t, _grid(t.body, width)) for t in tables]
    width = max([len(row) for _t, body in bodies for row in body] + [width])
    for _t, body in bodies:
        for row in body:
            row.extend([None] * (width - len(row)))
    tree, leaves = column_tree(table.head, width, notes)
    for source_table in tables:
        _report_header_losses(source_table, losses)
    model_index = _assign_keys(leaves, notes, table.line, options.name_column)
    marks = _mark_columns(leaves, bodies, model_index, table.line, notes) if options.matrix else []
    if marks:
        page.tasks = [*page.tasks, *(mark.task for mark in marks)]
        skipped = {mark.column for mark in marks}
        dropped = {index for index, leaf in enumerate(leaves) if leaf.column in skipped}
        tree = _without_leaves(tree, dropped, iter(range(len(leaves))))
        leaves = [leaf for leaf in leaves if leaf.column not in skipped]
        model_index = next(i for i, leaf in enumerate(leaves) if leaf.key == MODEL_KEY)
    converter = _RowConverter(leaves, options.markup, losses, notes)
    converter.marks = marks
    used = {leaf.key for leaf in leaves}
    converter.section_key = _unique_key(options.section_label, used, notes, table.line)
    converter.links_key = _unique_key("Links", used, notes, table.line)
    models: list[list[tuple[str, Any]]] = []
    for source_table, body in bodies:
        converter.section = source_table.heading if options.all_tables else None
        models += [m for row in body if (m := converter.model(row, model_index, table.line))]
    if not models:
        raise ImportError_(f"table {number} (line {table.line}) has no row with a model name")
    keys = [leaf.key for leaf in leaves]
    columns = _with_keys(tree, keys)
    columns = converter.extra_columns(columns, options.section_label, model_index)
    _tell_repeated_names_apart(models, notes, table.line)
    yaml_text, model_files = write_yaml(
        source_name, number, columns, models, page, converter.markup_keys, options.split
    )
    return ImportResult(yaml_text, losses, notes, table, page, model_files)


def _report_header_losses(table: SourceTable, losses: list[tuple[int, str]]) -> None:
    """A label is text: a link or a badge in a header cell is reported."""
    for row in table.head:
        for cell in row:
            for text, url in cell.links:
                losses.append((cell.line, f"the link {text!r} ({url}) in the header "
                               f"{cell.text!r} was left out"))  # fmt: skip
            for loss in cell.losses:
                losses.append((cell.line, f"{loss} in the header {cell.text!r} was left out"))


def _mark_columns(
    leaves: list[_Leaf],
    bodies: list[tuple[SourceTable, list[list[SourceCell | None]]]],
    model_index: int,
    line: int,
    notes: list[tuple[int, str]],
) -> list[MarkColumn]:
    """With ``--matrix``: the columns whose every filled cell holds marks, as tasks."""
    marks = []
    for index, leaf in enumerate(leaves):
        if index == model_index:
            continue
        cells = [row[leaf.column] for _table, body in bodies for row in body]
        found = mark_column(leaf.label, leaf.column, [c for c in cells if c is not None], line)
        if found is not None:
            marks.append(found)
    if marks:
        notes.append((line, f"{len(marks)} column(s) of marks became tasks: "
                      f"{', '.join(mark.task.name for mark in marks)} (show them with "
                      "vlm-matrix)"))  # fmt: skip
    else:
        notes.append((line, "--matrix: no column holds only marks (yes/no, check marks)"))
    return marks


def _without_leaves(
    columns: Iterable[Column], dropped: set[int], numbers: Iterator[int]
) -> list[Column]:
    """The column tree without the leaves numbered in ``dropped`` (left to right, from
    0), and without groups left empty."""
    kept: list[Column] = []
    for column in columns:
        if column.is_group:
            children = _without_leaves(column.columns, dropped, numbers)
            if children:
                kept.append(Column(column.label, None, tuple(children), 0))
        elif next(numbers) not in dropped:
            kept.append(column)
    return kept


def _tables_to_import(
    page: SourcePage, table: SourceTable, all_tables: bool, losses: list[tuple[int, str]]
) -> list[SourceTable]:
    """The chosen table, or every table with its header (the others reported)."""
    if not all_tables:
        return [table]
    header = table.header_texts()
    chosen = []
    for number, other in enumerate(page.tables, start=1):
        if other.header_texts() == header:
            chosen.append(other)
        else:
            losses.append((other.line, f"table {number} has another header "
                           f"({' | '.join(other.header_texts())[:80]}); import it with "
                           f"--table {number}"))  # fmt: skip
    return chosen


def _tell_repeated_names_apart(
    models: list[list[tuple[str, Any]]], notes: list[tuple[int, str]], line: int
) -> None:
    """Rows that share a name (a leaderboard's systems from one paper) get an ``id``
    each, which the data format uses for their anchors and links."""
    counts = Counter(str(model[0][1]) for model in models)
    repeated = {name for name, count in counts.items() if count > 1}
    if not repeated:
        return
    taken = set(counts)
    seen: Counter[str] = Counter()
    for model in models:
        name = str(model[0][1])
        if name not in repeated:
            continue
        seen[name] += 1
        base = re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-") or "row"
        row_id, number = f"{base}-{seen[name]}", seen[name]
        while row_id in taken:
            number += 1
            row_id = f"{base}-{number}"
        taken.add(row_id)
        model.insert(1, (ID_KEY, row_id))
    notes.append((line, f"{len(repeated)} name(s) name more than one row "
                  f"({', '.join(sorted(repeated)[:3])}{', ...' if len(repeated) > 3 else ''}): "
                  "each row has an 'id', its anchor and link target"))  # fmt: skip


class _RowConverter:
    """Body rows to models: each cell's text, link and markup, each loss reported once
    (a merged cell covers many rows); section rows give the next rows' section."""

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
        #: The current section (a section row's text, or the table's heading).
        self.section: str | None = None
        self.has_sections = False
        #: Names whose cell had more links than the model's url (kept with --markup).
        self.has_name_links = False
        self.section_key, self.links_key = "section", "links"
        #: With ``--matrix``: the columns of marks, read as task states.
        self.marks: list[MarkColumn] = []

    def model(
        self, row: list[SourceCell | None], model_index: int, table_line: int
    ) -> list[tuple[str, Any]] | None:
        if _is_section_row(row):
            first = next(cell for cell in row if cell is not None)
            self.section = first.text
            self.report_losses(first)
            if id(first) not in self.seen_cells:
                for text, url in first.links:
                    self.losses.append((first.line, f"the link {text!r} ({url}) in the section "
                                        f"row {first.text!r} was left out"))  # fmt: skip
            self.seen_cells.add(id(first))
            return None
        name_cell = row[model_index] if model_index < len(row) else None
        if name_cell is None or not name_cell.text.strip():
            line = next((c.line for c in row if c is not None), table_line)
            if any(cell is not None and cell.text for cell in row):
                self.losses.append((line, "a row without a model name was left out"))
            return None
        values: list[tuple[str, Any]] = [(MODEL_KEY, name_cell.text)]
        values += self.name_links(name_cell)
        if self.marks:
            values.append((TASKS_KEY, model_states(self.marks, row)))
        if self.section:
            self.has_sections = True
            values.append((self.section_key, self.section))
        for leaf in self.leaves:
            cell = row[leaf.column] if leaf.column < len(row) else None
            if leaf.key == MODEL_KEY or cell is None:
                continue
            value = self.value(leaf.key, cell)
            if value is not None:
                values.append((leaf.key, value))
        return values

    def name_links(self, cell: SourceCell) -> list[tuple[str, Any]]:
        """The name's url (its first web link); its other links kept or reported."""
        self.report_losses(cell)
        web = [(text, url) for text, url in cell.links if _is_web(url)]
        found: list[tuple[str, Any]] = [("url", web[0][1])] if web else []
        if cell.links and not web and id(cell) not in self.seen_cells:
            self.losses.append((cell.line, f"the link {cell.links[0][1]!r} of "
                                f"{cell.text!r} is not http(s); it was left out"))  # fmt: skip
        if len(web) > 1:
            if self.markup:
                self.has_name_links = True
                found.append((self.links_key, ", ".join(markdown_link(text, url)
                                                        for text, url in web[1:])))  # fmt: skip
            else:
                for text, url in web[1:]:
                    self.losses.append((cell.line, f"the link {text!r} ({url}) in the name "
                                        f"{cell.text!r} was left out: only the first link is "
                                        "the model's url (--markup keeps the others)"))  # fmt: skip
        self.seen_cells.add(id(cell))
        return found

    def report_losses(self, cell: SourceCell) -> None:
        if id(cell) in self.seen_cells:
            return
        for loss in cell.losses:
            self.losses.append((cell.line, f"{loss} in {cell.text!r} was left out"))

    def value(self, key: str, cell: SourceCell) -> Any:
        first_time = id(cell) not in self.seen_cells
        self.report_losses(cell)
        self.seen_cells.add(id(cell))
        if not cell.text:
            return None
        text = cell.text
        if cell.markup is not None:
            if self.markup and cell.source is not None:
                self.markup_keys.add(key)
                return cell.source
            if first_time:
                self.markup_lost(cell)
        if cell.link and _is_web(cell.link):
            return {"text": text, "url": cell.link}
        if cell.link and first_time:
            self.losses.append((cell.line, f"the link {cell.link!r} of {cell.text!r} is not "
                                "http(s); it was left out"))  # fmt: skip
        return text

    def markup_lost(self, cell: SourceCell) -> None:
        """Links inside a cell's text are content: each one lost is a loss; emphasis
        and code are kept as text (a note)."""
        links = [] if cell.link else cell.links
        for text, url in links:
            self.losses.append((cell.line, f"the link {text!r} ({url}) inside {cell.text!r} "
                                "was left out (--markup keeps it)"))  # fmt: skip
        if not links:
            self.notes.append((cell.line, f"{cell.markup} in {cell.text!r} is kept as text"))

    def extra_columns(
        self, columns: tuple[Column, ...], section_label: str, model_index: int
    ) -> tuple[Column, ...]:
        """The section column (after the name's top-level column) and the name's other
        links, when any row has them."""
        extra = []
        if self.has_name_links:
            extra.append(Column("Links", self.links_key))
            self.markup_keys.add(self.links_key)
        if self.has_sections:
            extra.append(Column(section_label, self.section_key))
        if not extra:
            return columns
        position = _top_level_index(columns, model_index) + 1
        return columns[:position] + tuple(extra) + columns[position:]


def _top_level_index(columns: tuple[Column, ...], leaf_index: int) -> int:
    """The index of the top-level column that holds the ``leaf_index``-th leaf."""
    seen = 0
    for index, column in enumerate(columns):
        seen += sum(1 for _leaf in iter_leaves((column,)))
        if leaf_index < seen:
            return index
    return len(columns) - 1


def _is_section_row(row: list[SourceCell | None]) -> bool:
    """A row with only its first cell filled (or one cell across the row): a heading
    for the rows below, not a model."""
    cells = [cell for cell in row if cell is not None]
    if len(row) < 2 or not cells or not cells[0].text.strip() or row[0] is not cells[0]:
        return False
    return all(cell is cells[0] or not cell.text.strip() for cell in cells[1:])


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))
