"""Section rows: the rows a source marks as headings for the rows below, not models.

A row is a section row when its one filled cell spans the row (an HTML ``colspan``), or
when its one filled cell, in the first column or the name column, is text that is not
itself a link and looks unlike the table's names: ``**Baseline models**<br/>([local
models](…))`` over empty cells among names that are links. A row whose only filled cell
is its name, written as the other names are (a link, or plain text as theirs), is a
model with nothing else stated, and so is any row with anything (text, a link, an image)
in another cell. Pure; no Sphinx.
"""

from __future__ import annotations

from collections import Counter

from sphinx_vlmtable.importer.source import SourceCell

#: How a name looks: whether it starts in bold, and whether it holds a link.
Look = tuple[bool, bool]


def look_of(cell: SourceCell) -> Look:
    return (cell.bold or cell.starts_bold, bool(cell.text_links))


def filled_cells(row: list[SourceCell | None]) -> list[SourceCell]:
    """The row's cells that hold anything, each once (a merged cell covers positions)."""
    seen: dict[int, SourceCell] = {}
    for cell in row:
        if cell is not None and not cell.is_blank and id(cell) not in seen:
            seen[id(cell)] = cell
    return list(seen.values())


def section_rows(body: list[list[SourceCell | None]], name_column: int) -> dict[int, str]:
    """Each section row's index in ``body``, and why it is one."""
    found: dict[int, str] = {}
    lone: dict[int, SourceCell] = {}
    names: list[Look] = []
    for index, row in enumerate(body):
        filled = filled_cells(row)
        if len(filled) != 1:
            name = row[name_column] if name_column < len(row) else None
            if len(filled) > 1 and name is not None and name.text.strip():
                names.append(look_of(name))
            continue
        (cell,) = filled
        if len(row) > 1 and all(position is cell for position in row) and cell.text.strip():
            found[index] = "a cell spanning the row"
        elif _could_head(row, cell, name_column):
            lone[index] = cell
    reference = names or [look_of(cell) for cell in lone.values()]
    usual = Counter(reference).most_common(1)[0][0] if reference else None
    for index, cell in lone.items():
        if look_of(cell) != usual:
            found[index] = f"a lone {_described(cell)} over empty cells, unlike the names"
    return dict(sorted(found.items()))


def _could_head(row: list[SourceCell | None], cell: SourceCell, name_column: int) -> bool:
    """A lone cell that may be a heading: text, not wholly a link, in the first column
    or the name column, in a row of more than one column."""
    if len(row) < 2 or not cell.text.strip() or cell.link is not None:
        return False
    return row[0] is cell or (name_column < len(row) and row[name_column] is cell)


def _described(cell: SourceCell) -> str:
    look = "bold" if look_of(cell)[0] else "plain"
    return f"cell of {look} text" + (" with a link inside" if cell.text_links else "")
