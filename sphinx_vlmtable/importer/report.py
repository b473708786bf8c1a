"""The receipt in words: each loss at its source line (naming the row's model and the
column), the notes (section rows, empty columns, types), the options that would carry
more over, and the receipt as ``vlmtable import`` prints it. Pure; no Sphinx."""

from __future__ import annotations

import shlex
from collections import Counter
from collections.abc import Iterable

from sphinx_vlmtable.importer.cells import INSIDE_TEXT, ONE_LINK, where
from sphinx_vlmtable.importer.receipt import ImportReceipt, TableReceipt, TasksReceipt
from sphinx_vlmtable.importer.rows import NAME_LINKS
from sphinx_vlmtable.importer.words import said

Lines = list[tuple[int, str]]


def _shown(names: Iterable[str], most: int = 3) -> str:
    listed = list(dict.fromkeys(name for name in names if name))
    more = ", ..." if len(listed) > most else ""
    return ", ".join(said(name) for name in listed[:most]) + more


def table_losses(table: TableReceipt) -> Lines:
    """Each dropped link (with its row, column and why), each row left out, and the
    images without a link by column."""
    found: Lines = []
    for row in table.rows:
        if row.fate == "left out":
            found.append((row.line, f"a row ({said(row.text)}) was left out: {row.why}"))
    for link in table.links:
        if link.went == "dropped":
            kind = "linked badge" if link.badge else "link"
            place = where(link.row, link.column)
            found.append(
                (link.line, f"the {kind} {said(link.text)} ({link.url}) in {place}: {link.reason}")
            )
    unlinked: dict[str, list[tuple[int, str]]] = {}
    for image in table.images:
        if image.went == "dropped" and image.reason.startswith("an image without a link"):
            unlinked.setdefault(image.column, []).append((image.line, image.row))
    for column, images in unlinked.items():
        rows = _shown(row for _line, row in images)
        in_column = f" in the column {said(column)}" if column else ""
        found.append(
            (
                images[0][0],
                f"{len(images)} image(s) without a link{in_column}"
                f"{f' ({rows})' if rows else ''}: a picture is not data",
            )
        )
    return sorted(found, key=lambda item: item[0])


def table_notes(table: TableReceipt, section_label: str) -> Lines:
    """What was decided: section rows, empty columns left out, column types."""
    found: Lines = []
    for row in table.rows:
        if row.fate == "section":
            found.append(
                (
                    row.line,
                    f"a section row: {said(row.text)} ({row.why}); it fills the "
                    f"{said(section_label)} column of the rows below (--no-sections: none)",
                )
            )
    if table.empty_columns:
        names = ", ".join(said(label) for label in table.empty_columns)
        found.append(
            (
                table.line,
                f"{len(table.empty_columns)} column(s) with nothing to keep left out (blank, "
                f"dashes or pictures without a link): {names}",
            )
        )
    if table.types:
        typed = ", ".join(f"{said(label)} {kind}" for label, kind in table.types.items())
        times = f"; {table.date_times} date-time(s) read" if table.date_times else ""
        found.append((table.line, f"column types: {typed}{times} (--no-types keeps text)"))
    return found


def suggestions(receipt: ImportReceipt, markup: bool, name: str | None) -> list[str]:
    """Options that would carry more over, each with why (``name``: a column with text
    in every row, when rows were left out without a name)."""
    found = []
    reasons = Counter(
        link.reason for table in receipt.tables for link in table.links if link.went == "dropped"
    )
    inside = reasons[INSIDE_TEXT] + reasons[ONE_LINK] + reasons[NAME_LINKS]
    if inside and not markup:
        found.append(f"--markup keeps {inside} link(s) inside text, cells and names")
    left_out = [row for table in receipt.tables for row in table.rows if row.fate == "left out"]
    if left_out and name is not None:
        found.append(f"--name {shlex.quote(name)} names the {len(left_out)} row(s) left out")
    others = [left.number for left in receipt.left]
    if others:
        listed = ", ".join(str(number) for number in others[:5]) + (
            ", ..." if len(others) > 5 else ""
        )
        found.append(
            f"--table N imports another of the page's tables ({listed}); "
            "vlmtable init imports them all"
        )
    return found


def receipt_text(receipt: ImportReceipt) -> str:
    """The receipt as printed: per table, the source's counts beside the result's."""
    lines = [f"Receipt for {receipt.source}: {_tables_line(receipt)}"]
    for table in receipt.tables:
        lines += _table_lines(table)
    if receipt.tasks is not None:
        lines += _tasks_lines(receipt.tasks)
    lines += [f"  suggested: {suggestion}" for suggestion in receipt.suggestions]
    if receipt.balanced:
        lines.append("  balanced: every row and link is kept or listed with why")
    else:
        problems = "  NOT balanced: not every row and link is accounted for"
        lines.append(f"{problems} (see the problems above)")
    return "\n".join(lines) + "\n"


def _tasks_lines(tasks: TasksReceipt) -> list[str]:
    heading = f' "{tasks.heading}"' if tasks.heading else ""
    dropped = sum(1 for link in tasks.links if link.went == "dropped")
    lines = [
        f"  tasks (line {tasks.line}){heading}: {tasks.why}",
        f"    items   {tasks.items:>5} -> {tasks.items} tasks",
        f"    links   {tasks.source_links:>5} -> {dropped} dropped (a task is text)",
    ]
    return lines + [f"    NOT balanced: {problem}" for problem in tasks.problems()]


def _tables_line(receipt: ImportReceipt) -> str:
    imported = len(receipt.tables)
    return f"{imported} of {receipt.source_tables} table(s) imported"


def _table_lines(table: TableReceipt) -> list[str]:
    heading = f' "{table.heading}"' if table.heading else ""
    rows, links = table.row_counts(), table.link_counts()
    images = Counter(image.went for image in table.images)
    written = table.written or {}
    lines = [
        f"  table {table.number} (line {table.line}){heading}:",
        f"    rows    {table.source_rows:>5} -> {rows['model']} models, {rows['section']} "
        f"section rows, {rows['empty']} empty, {rows['left out']} left out",
        f"    cells   {table.source_cells:>5} -> {table.cells['kept']} kept, "
        f"{table.cells['section']} in section rows, {table.cells['dropped']} left out",
        f"    links   {table.source_links:>5} -> {links['url']} urls, {links['cell']} cells, "
        f"{links['links']} in Links, {links['markup']} in markup, {links['dropped']} dropped",
        f"    images  {table.source_images:>5} -> {images['link']} kept as links, "
        f"{images['dropped']} left out",
        f"    columns {table.source_columns:>5} -> "
        f"{table.source_columns - len(table.empty_columns)} kept, "
        f"{len(table.empty_columns)} empty left out, {len(table.types)} typed",
    ]
    if written:
        lines.append(
            f"    written: {written.get('models', 0)} models, {written.get('url', 0)} urls, "
            f"{written.get('cell', 0)} linked cells, {written.get('links', 0)} Links entries, "
            f"{written.get('markup', 0)} markup links (read back from the file)"
        )
    lines += [f"    NOT balanced: {problem}" for problem in table.problems()]
    return lines
