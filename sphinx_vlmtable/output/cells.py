"""The cells of a table, as writers place them: each entry's column (the rowspans of
rows above skipped), and the text it shows. Shared by the LaTeX fitting and the HTML
wrapping, which both measure columns.

The table's parts are its tgroup's own children: a table of 10,000 rows is 600,000
nodes, so nothing here searches the whole tree for them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from docutils import nodes


def tgroup_of(table: nodes.table) -> nodes.tgroup | None:
    return next((child for child in table.children if isinstance(child, nodes.tgroup)), None)


def sections(table: nodes.table) -> list[nodes.thead | nodes.tbody]:
    """The table's header and body (a compact body counts: it is a ``tbody``)."""
    tgroup = tgroup_of(table)
    if tgroup is None:
        return []
    return [child for child in tgroup.children if isinstance(child, (nodes.thead, nodes.tbody))]


def colspecs(table: nodes.table) -> list[nodes.colspec]:
    tgroup = tgroup_of(table)
    found = tgroup.children if tgroup is not None else []
    return [child for child in found if isinstance(child, nodes.colspec)]


def placed_entries(table: nodes.table) -> Iterator[tuple[nodes.entry, int, bool]]:
    """Each entry with its first column (rowspans of rows above skipped) and whether it
    is a header cell."""
    for section in sections(table):
        covered: dict[int, int] = {}  # column -> rows still covered from above
        for row in section.children:
            if not isinstance(row, nodes.row):
                continue
            column = 0
            for entry in row.children:
                if not isinstance(entry, nodes.entry):
                    continue
                while covered.get(column, 0) > 0:
                    column += 1
                yield entry, column, isinstance(section, nodes.thead)
                span = entry.get("morecols", 0) + 1
                for position in range(column, column + span):
                    covered[position] = entry.get("morerows", 0) + 1
                column += span
            covered = {c: left - 1 for c, left in covered.items() if left > 1}


@dataclass(frozen=True)
class PlacedCell:
    """A cell: its entry (None for a cell of a compact body, which has no nodes until it
    is written), its column, whether it is in the header, the text it shows, its row
    (a key shared by the cells of one row) and its spans."""

    entry: nodes.entry | None
    column: int
    header: bool
    text: str
    row: object = None
    morerows: int = 0
    morecols: int = 0

    @classmethod
    def of(cls, entry: nodes.entry, column: int, header: bool, text: str) -> PlacedCell:
        return cls(
            entry,
            column,
            header,
            text,
            row=id(entry.parent),
            morerows=entry.get("morerows", 0),
            morecols=entry.get("morecols", 0),
        )


def placed_cells(table: nodes.table) -> list[PlacedCell]:
    """Every cell of the table, placed, its text read once: a body made from a compact
    body brings its cells' texts along (``output/expand.py``), so they are not read back
    from its nodes."""
    known: dict[int, str] = {}
    for section in sections(table):
        texts: list[str] = getattr(section, "cell_texts", [])
        entries = (entry for row in section.children for entry in row.children)
        known.update(zip(map(id, entries), texts, strict=False))  # a header brings none
    return [
        PlacedCell.of(entry, column, header, known.get(id(entry)) or shown_text(entry))
        for entry, column, header in placed_entries(table)
    ]


def shown_text(entry: nodes.entry) -> str:
    """The text a cell shows (not the LaTeX this module and others put in it, but the
    character a piece of it prints, where it says: ``output/latex_unicode.py``)."""
    return "".join(
        node.get("shown", "") if isinstance(node, nodes.raw) else node.astext()
        for node in entry.findall(_text_or_raw)
        if not isinstance(node.parent, nodes.raw)
    )


def _text_or_raw(node: nodes.Node) -> bool:
    return isinstance(node, (nodes.Text, nodes.raw))
