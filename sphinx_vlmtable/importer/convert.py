"""Source tables to the data model: the chosen table (or every table with its header)
placed in a grid, its header to columns (``header``), its rows to models (``rows``),
with every loss reported at its source line; then the data file. No Sphinx here."""

from __future__ import annotations

from typing import Any

from sphinx_vlmtable.data.model import MODEL_KEY, Column
from sphinx_vlmtable.importer.grid import MAX_GRID, cell_grid
from sphinx_vlmtable.importer.header import (
    Leaf,
    assign_keys,
    column_tree,
    report_header_losses,
    unique_key,
    with_keys,
    without_leaves,
)
from sphinx_vlmtable.importer.marks import MarkColumn, mark_column
from sphinx_vlmtable.importer.rows import RowConverter, tell_repeated_names_apart
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

#: Tables with their body rows in a grid (``cell_grid``).
Bodies = list[tuple[SourceTable, list[list[SourceCell | None]]]]


def convert(page: SourcePage, source_name: str, options: ImportOptions) -> ImportResult:
    """The chosen table of the page (with ``all_tables``, every table with its header)
    as a data file."""
    table = _chosen_table(page, options.number)
    losses: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    clean_page(page, losses)
    tables = _tables_to_import(page, table, options.all_tables, losses)
    bodies, width = _body_grids(tables, options.number, table)
    tree, leaves = column_tree(table.head, width, notes)
    for source_table in tables:
        report_header_losses(source_table, losses)
    model_index = assign_keys(leaves, notes, table.line, options.name_column)
    marks = _mark_columns(leaves, bodies, model_index, table.line, notes) if options.matrix else []
    if marks:
        page.tasks = [*page.tasks, *(mark.task for mark in marks)]
        tree, leaves = _without_mark_columns(tree, leaves, marks)
        model_index = next(i for i, leaf in enumerate(leaves) if leaf.key == MODEL_KEY)
    converter = RowConverter(leaves, options.markup, losses, notes)
    converter.marks = marks
    used = {leaf.key for leaf in leaves}
    converter.section_key = unique_key(options.section_label, used, notes, table.line)
    converter.links_key = unique_key("Links", used, notes, table.line)
    models: list[list[tuple[str, Any]]] = []
    for source_table, body in bodies:
        converter.section = source_table.heading if options.all_tables else None
        models += [m for row in body if (m := converter.model(row, model_index, table.line))]
    if not models:
        message = f"table {options.number} (line {table.line}) has no row with a model name"
        raise ImportError_(message)
    columns = with_keys(tree, [leaf.key for leaf in leaves])
    columns = converter.extra_columns(columns, options.section_label, model_index)
    tell_repeated_names_apart(models, notes, table.line)
    yaml_text, model_files = write_yaml(
        source_name, options.number, columns, models, page, converter.markup_keys, options.split
    )
    return ImportResult(yaml_text, losses, notes, table, page, model_files)


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
    leaves: list[Leaf],
    bodies: Bodies,
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
        message = (
            f"{len(marks)} column(s) of marks became tasks: "
            f"{', '.join(mark.task.name for mark in marks)} (show them with vlm-matrix)"
        )
        notes.append((line, message))
    else:
        notes.append((line, "--matrix: no column holds only marks (yes/no, check marks)"))
    return marks


def _without_mark_columns(
    tree: list[Column], leaves: list[Leaf], marks: list[MarkColumn]
) -> tuple[list[Column], list[Leaf]]:
    """The column tree and leaves without the columns of marks (they became tasks)."""
    skipped = {mark.column for mark in marks}
    dropped = {index for index, leaf in enumerate(leaves) if leaf.column in skipped}
    tree = without_leaves(tree, dropped, iter(range(len(leaves))))
    return tree, [leaf for leaf in leaves if leaf.column not in skipped]


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
            message = (
                f"table {number} has another header "
                f"({' | '.join(other.header_texts())[:80]}); import it with --table {number}"
            )
            losses.append((other.line, message))
    return chosen
