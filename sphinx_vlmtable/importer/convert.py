"""Source tables to the data model: the chosen table (or every table with its header)
placed in a grid, its header to columns (``header``), its empty columns left out, its
rows to models (``rows``, ``sections``), its columns typed (``types``), and a receipt
of every row's and link's fate (``receipt``, in words by ``report``); then the data
file. No Sphinx here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx_vlmtable.data.model import Column
from sphinx_vlmtable.importer.cells import HEADER_ROW, IN_HEADER, Place
from sphinx_vlmtable.importer.grid import MAX_GRID, cell_grid
from sphinx_vlmtable.importer.header import (
    Leaf,
    assign_keys,
    column_tree,
    header_cells,
    text_column,
    unique_key,
    with_keys,
    without_leaves,
)
from sphinx_vlmtable.importer.marks import MarkColumn, mark_column
from sphinx_vlmtable.importer.receipt import ImportReceipt, TableLeft, TableReceipt
from sphinx_vlmtable.importer.report import suggestions, table_losses, table_notes
from sphinx_vlmtable.importer.rows import RowConverter, Values, tell_repeated_names_apart
from sphinx_vlmtable.importer.sections import filled_cells, section_rows
from sphinx_vlmtable.importer.source import (
    ImportError_,
    ImportOptions,
    ImportResult,
    SourceCell,
    SourcePage,
    SourceTable,
    clean_page,
)
from sphinx_vlmtable.importer.tasks import page_tasks, tasks_notes
from sphinx_vlmtable.importer.types import column_types, with_types
from sphinx_vlmtable.importer.yaml_writer import write_yaml

#: Tables with their body rows in a grid (``cell_grid``).
Bodies = list[tuple[SourceTable, list[list[SourceCell | None]]]]

#: What a cell left alone in an empty column says (the placeholder, a dash).
_DASHES = ("-", "\u2014", "\u2013")


@dataclass
class _Columns:
    """The header as converted: the column tree, its leaves, the name column."""

    tree: list[Column]
    leaves: list[Leaf]
    model_index: int


def convert(
    page: SourcePage, source_name: str, options: ImportOptions, others: bool = True
) -> ImportResult:
    """The chosen table of the page (with ``all_tables``, every table with its header)
    as a data file, with its receipt (listing the page's other tables unless
    ``others`` is false: ``vlmtable init`` imports each)."""
    table = _chosen_table(page, options.number)
    losses: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    receipt = ImportReceipt(source_name, len(page.tables))
    numbered = _tables_to_import(page, table, options, receipt, losses, others)
    tables = [source for _number, source in numbered]
    clean_page(page, tables, losses)
    receipt.tasks = page_tasks(page, tables)
    tasks = list(page.tasks) if receipt.tasks is not None else []
    bodies, width = _body_grids(tables, options.number, table)
    receipts = [
        _table_receipt(number, source, body)
        for (number, _source), (source, body) in zip(numbered, bodies, strict=True)
    ]
    columns = _columns(table, bodies, width, options, notes, receipts)
    converter = RowConverter(columns.leaves, options)
    if options.matrix:
        converter.marks = _mark_columns(columns, bodies, table.line, notes)
        tasks += [mark.task for mark in converter.marks]
    used = {leaf.key for leaf in columns.leaves}
    converter.section_key = unique_key(options.section_label, used, notes, table.line)
    converter.links_key = unique_key("Links", used, notes, table.line)
    models = _models(converter, bodies, receipts, columns, options)
    if not models:
        message = (
            f"table {options.number} (line {table.line}) has no row with text or a link: "
            "nothing to import"
        )
        raise ImportError_(message)
    _without_empty_columns(columns, models, receipts)
    tree = with_keys(columns.tree, [leaf.key for leaf in columns.leaves])
    tree = _typed(tree, columns, models, options, receipts, converter.cells.markup_keys)
    tree = converter.extra_columns(tree, options.section_label, columns.model_index)
    tell_repeated_names_apart(models, notes, table.line)
    markup = converter.cells.markup_keys
    yaml_text, model_files = write_yaml(
        source_name, options.number, tree, models, tasks, markup, options.split
    )
    receipt.tables = receipts
    name = _name_for_every_row(columns, converter.named_rows)
    receipt.suggestions = suggestions(receipt, options.markup, name)
    _tell(receipt, page, converter, options, losses, notes)
    result = ImportResult(yaml_text, losses, notes, table, page, model_files, receipt)
    result.links_key = converter.links_key if converter.has_name_links else None
    result.tasks = tasks
    result.tasks_heading = page.tasks_heading if receipt.tasks is not None else None
    return result


def _tell(
    receipt: ImportReceipt,
    page: SourcePage,
    converter: RowConverter,
    options: ImportOptions,
    losses: list[tuple[int, str]],
    notes: list[tuple[int, str]],
) -> None:
    """What was not carried over and what was decided: the cells', each table's, and
    the task list's."""
    losses += converter.cells.losses
    notes += converter.cells.notes
    for table_receipt in receipt.tables:
        losses += table_losses(table_receipt)
        notes += table_notes(table_receipt, options.section_label)
    if receipt.tasks is not None:
        tasks_note, tasks_losses = tasks_notes(receipt.tasks, page)
        notes += tasks_note
        losses += tasks_losses


def _columns(
    table: SourceTable,
    bodies: Bodies,
    width: int,
    options: ImportOptions,
    notes: list[tuple[int, str]],
    receipts: list[TableReceipt],
) -> _Columns:
    """The header as columns: its links and images noted, empty columns left out, the
    name column chosen, each leaf keyed."""
    tree, leaves = column_tree(table.head, width, notes)
    if not leaves:
        raise ImportError_(f"table {options.number} (line {table.line}) has no cells")
    for (source, _body), table_receipt in zip(bodies, receipts, strict=True):
        table_receipt.source_columns = len(leaves)
        _header_links(source, table_receipt)
    cells = [_column_cells(bodies, leaf.column) for leaf in leaves]
    chosen = assign_keys(leaves, notes, table.line, options.name_column, cells)
    return _Columns(tree, leaves, chosen)


def _without_empty_columns(
    columns: _Columns, models: list[Values], receipts: list[TableReceipt]
) -> None:
    """Leave out the columns no model has a value in (nothing in the source, or only
    dashes, or only pictures without a link), each listed in the receipt."""
    filled = {
        key
        for model in models
        for key, value in model
        if not isinstance(value, str) or value.strip() not in _DASHES
    }
    empty = {
        index
        for index, leaf in enumerate(columns.leaves)
        if leaf.key not in filled and index != columns.model_index
    }
    if not empty:
        return
    keys = {columns.leaves[index].key for index in empty}
    for table_receipt in receipts:
        table_receipt.empty_columns = [columns.leaves[index].label for index in sorted(empty)]
        for model in table_receipt.models:
            dashes = [pair for pair in model if pair[0] in keys]
            table_receipt.cells["kept"] -= len(dashes)
            table_receipt.cells["dropped"] += len(dashes)
            model[:] = [pair for pair in model if pair[0] not in keys]
    name = columns.leaves[columns.model_index]
    columns.tree = without_leaves(columns.tree, empty, iter(range(len(columns.leaves))))
    columns.leaves = [leaf for index, leaf in enumerate(columns.leaves) if index not in empty]
    columns.model_index = columns.leaves.index(name)


def _name_for_every_row(columns: _Columns, rows: list[list[SourceCell | None]]) -> str | None:
    """When rows have no name: the label of a column of text filled in every row read
    for a name (the first such), or None."""
    name = columns.leaves[columns.model_index]
    if all((cell := row[name.column]) is not None and cell.text.strip() for row in rows):
        return None
    for leaf in columns.leaves:
        cells = [row[leaf.column] for row in rows]
        texts = [cell.text for cell in cells if cell is not None and cell.text.strip()]
        if (
            leaf is not name
            and len(texts) == len(rows)
            and text_column([[*filter(None, cells)]]) == 0
        ):
            return leaf.label
    return None


def _column_cells(bodies: Bodies, column: int) -> list[SourceCell]:
    """A grid column's cells across the tables, each once."""
    seen: dict[int, SourceCell] = {}
    for _table, body in bodies:
        for row in body:
            cell = row[column] if column < len(row) else None
            if cell is not None:
                seen.setdefault(id(cell), cell)
    return list(seen.values())


def _header_links(source: SourceTable, table_receipt: TableReceipt) -> None:
    """A label is text: each link and image of the header is dropped, and noted."""
    from sphinx_vlmtable.importer.cells import CellReader

    reader = CellReader(markup=False, keep_badges=True)
    reader.receipt = table_receipt
    for cell in header_cells(source):
        place = Place(HEADER_ROW, cell.text, cell.line)
        reader.drop_all(cell, place, IN_HEADER, "header")


def _models(
    converter: RowConverter,
    bodies: Bodies,
    receipts: list[TableReceipt],
    columns: _Columns,
    options: ImportOptions,
) -> list[Values]:
    """Each table's rows as models, its section rows found (unless ``--no-sections``)."""
    name_column = columns.leaves[columns.model_index].column
    models: list[Values] = []
    for (source, body), table_receipt in zip(bodies, receipts, strict=True):
        sections = section_rows(body, name_column) if options.sections else {}
        heading = source.heading if options.all_tables else None
        converter.start(table_receipt, sections, heading)
        for index, row in enumerate(body):
            model = converter.model(row, index, name_column)
            if model is not None:
                models.append(model)
                table_receipt.models.append(model)
        for row in body:  # cells in columns left out (empty ones: dashes at most)
            for cell in filled_cells(row):
                if id(cell) not in converter.cells.read_cells and id(cell) not in converter.names:
                    converter.cells.read_as(cell, None)
                    table_receipt.cells["dropped"] += 1
    return models


def _typed(
    tree: tuple[Column, ...],
    columns: _Columns,
    models: list[Values],
    options: ImportOptions,
    receipts: list[TableReceipt],
    markup: set[str],
) -> tuple[Column, ...]:
    """The columns with the types their cells show (``--no-types``: none)."""
    if not options.types:
        return tree
    leaves = [(leaf.key, leaf.label) for leaf in columns.leaves]
    types = column_types(leaves, models, markup)
    labels = {leaf.key: leaf.label for leaf in columns.leaves}
    for table_receipt in receipts:
        keys = {key for model in table_receipt.models for key, _value in model}
        table_receipt.types = {labels[k]: t.type for k, t in types.items() if k in keys}
        table_receipt.date_times = _date_times(table_receipt.models, types)
    return with_types(tree, types)


def _date_times(models: list[Values], types: dict[str, Any]) -> int:
    """How many of these models' cells are a day with a time."""
    from sphinx_vlmtable.data.values import parse_date
    from sphinx_vlmtable.importer.types import cell_text

    count = 0
    for model in models:
        for key, value in model:
            if key in types and types[key].type == "date":
                read = parse_date(cell_text(value))
                count += read is not None and read.precision >= 4
    return count


def _table_receipt(
    number: int, source: SourceTable, body: list[list[SourceCell | None]]
) -> TableReceipt:
    """A table's receipt with its source's counts, read apart from any decision."""
    table_receipt = TableReceipt(number, source.line, source.heading)
    table_receipt.source_rows = len(body)
    cells = {id(cell): cell for row in body for cell in filled_cells(row)}
    header = [cell for row in source.head for cell in row]
    table_receipt.source_cells = len(cells)
    everything = [*cells.values(), *header]
    table_receipt.source_links = sum(len(cell.links) for cell in everything)
    table_receipt.source_images = sum(cell.image_count for cell in everything)
    return table_receipt


def _chosen_table(page: SourcePage, number: int) -> SourceTable:
    if not page.tables:
        raise ImportError_("the source has no table")
    if not 1 <= number <= len(page.tables):
        raise ImportError_(f"there is no table {number}: the source has {len(page.tables)}")
    return page.tables[number - 1]


def _body_grids(tables: list[SourceTable], number: int, table: SourceTable) -> tuple[Bodies, int]:
    """Each table's body in a grid, all of one width (the widest row's); ImportError_
    when the tables would make more than ``MAX_GRID`` positions."""
    width = max([len(row) for t in tables for row in t.head + t.body] + [0])
    rows = sum(len(t.head) + len(t.body) for t in tables)
    if rows * width > MAX_GRID:
        raise ImportError_(
            f"table {number} (line {table.line}) has {rows:,} rows of up to "
            f"{width:,} cells, more than the importer reads"
        )
    bodies = [(t, cell_grid(t.body, width)) for t in tables]
    width = max([len(row) for _t, body in bodies for row in body] + [width])
    for _t, body in bodies:
        for row in body:
            row.extend([None] * (width - len(row)))
    return bodies, width


def _mark_columns(
    columns: _Columns, bodies: Bodies, line: int, notes: list[tuple[int, str]]
) -> list[MarkColumn]:
    """With ``--matrix``: the columns whose every filled cell holds marks, as tasks
    (taken out of the columns)."""
    marks = []
    for index, leaf in enumerate(columns.leaves):
        if index == columns.model_index:
            continue
        cells = _column_cells(bodies, leaf.column)
        found = mark_column(leaf.label, leaf.column, cells, line)
        if found is not None:
            marks.append(found)
    if not marks:
        notes.append((line, "--matrix: no column holds only marks (yes/no, check marks)"))
        return marks
    message = (
        f"{len(marks)} column(s) of marks became tasks: "
        f"{', '.join(mark.task.name for mark in marks)} (show them with vlm-matrix)"
    )
    notes.append((line, message))
    skipped = {mark.column for mark in marks}
    dropped = {index for index, leaf in enumerate(columns.leaves) if leaf.column in skipped}
    name = columns.leaves[columns.model_index]
    columns.tree = without_leaves(columns.tree, dropped, iter(range(len(columns.leaves))))
    columns.leaves = [leaf for leaf in columns.leaves if leaf.column not in skipped]
    columns.model_index = columns.leaves.index(name)
    return marks


def _tables_to_import(
    page: SourcePage,
    table: SourceTable,
    options: ImportOptions,
    receipt: ImportReceipt,
    losses: list[tuple[int, str]],
    others: bool,
) -> list[tuple[int, SourceTable]]:
    """The chosen table, or every table with its header, numbered; the others in the
    receipt (with ``all_tables``, or when ``others``)."""
    if not options.all_tables and not others:
        return [(options.number, table)]
    header = table.header_texts()
    # A table without a header shares none: --all takes it alone.
    named = any(text.strip() for text in header)
    chosen = []
    for number, other in enumerate(page.tables, start=1):
        if other is table or (options.all_tables and named and other.header_texts() == header):
            chosen.append((number, other))
        elif options.all_tables:
            texts = " | ".join(other.header_texts())[:80]
            why = (
                f"another header ({texts})"
                if named
                else f"no header in common (table {options.number} has none for --all to match)"
            )
            receipt.left.append(TableLeft(number, other.line, why))
            losses.append(
                (other.line, f"table {number} has {why}; import it with --table {number}")
            )
        else:
            receipt.left.append(TableLeft(number, other.line, f"not asked for (--table {number})"))
    return chosen
