"""A ``TableView`` to docutils table nodes. No I/O.

``build_tgroup`` makes the standard ``tgroup > colspec*, thead`` and the compact
body (see ``compact.py``) where the ``tbody`` goes; ``unspan`` fills the grid for
writers that cannot draw merged cells.
"""

from __future__ import annotations

import hashlib
import weakref
from collections.abc import Sequence
from typing import Any

from docutils import nodes

from .compact import CompactBody, compact_body_node
from .layout import HeaderCell
from .markup import CellMarkup
from .views import TableView


def build_tgroup(
    view: TableView,
    body: CompactBody,
    markup: dict[tuple[int, int], list[nodes.Node]] | None = None,
) -> nodes.tgroup:
    """Column specs, the header, and the compact body of a view (with the nodes of its
    markup cells, by position)."""
    tgroup = nodes.tgroup(cols=len(view.leaves))
    tgroup += build_colspecs(view.colwidths, view.stub_columns)
    tgroup += build_thead(view.header)
    tgroup += compact_body_node(body, markup)
    return tgroup


def markup_cells(view: TableView, markup: CellMarkup) -> dict[tuple[int, int], list[nodes.Node]]:
    """The parsed nodes of each shown markup cell (not placeholders), by position."""
    cells = {}
    keys = [leaf.key or "" for leaf in view.leaves]
    for row_index, row in enumerate(view.rows):
        for column, cell in enumerate(row.cells):
            if cell is None or cell.markup is None or cell.is_missing:
                continue
            line = row.model.lines.get(keys[column], row.model.line)  # the cell's own line
            cells[row_index, column] = markup.cell_nodes(cell.markup, cell.text, line)
    return cells


#: The LaTeX column type for each alignment (Sphinx's \Y{fraction} column).
_LATEX_ALIGN = {
    "left": r">{\raggedright\arraybackslash}",
    "center": r">{\centering\arraybackslash}",
    "right": r">{\raggedleft\arraybackslash}",
}


def latex_column_spec(view: TableView) -> str | None:
    """A ``tabularcolumns`` spec that aligns the columns given an ``align``; None if none is."""
    if not any(view.aligns):
        return None
    total = sum(view.colwidths)
    return "".join(
        f"{_LATEX_ALIGN.get(align or '', '')}\\Y{{{width / total:.3f}}}"
        for align, width in zip(view.aligns, view.colwidths, strict=True)
    )


#: Per page being read: the last number given to each base id (not pickled with it).
_id_counters: weakref.WeakKeyDictionary[nodes.document, dict[str, int]] = (
    weakref.WeakKeyDictionary()
)


def row_ids(view: TableView, prefix: str, document: nodes.document) -> list[str]:
    """A stable anchor per row, from the model's name, unique in the page."""
    return [_unique_id(row.model.name, prefix, document) for row in view.rows]


def alias_ids(view: TableView, prefix: str, document: nodes.document) -> list[tuple[int, str]]:
    """``(row, id)`` for each former name of a row's model: its old anchor stays."""
    return [
        (index, _unique_id(alias, prefix, document))
        for index, row in enumerate(view.rows)
        for alias in row.model.aliases
    ]


def _unique_id(name: str, prefix: str, document: nodes.document) -> str:
    # The last number given to each base id in this page, so a thousand names with the
    # same slug ("A!", "A?", ...) cost a thousand steps, not half a million.
    counters = _id_counters.setdefault(document, {})
    slug = nodes.make_id(name)
    if not slug:  # no ASCII letter or digit in the name: a stable digest of it
        slug = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
    base = f"{prefix}-{slug}"
    candidate, number = base, counters.get(base, 1)
    if number > 1:
        candidate = f"{base}-{number}"
    while candidate in document.ids:
        number += 1
        candidate = f"{base}-{number}"
    counters[base] = number
    document.ids[candidate] = document  # reserved: the row exists only at write time
    return candidate


def build_colspecs(widths: Sequence[int], stub_columns: int) -> list[nodes.colspec]:
    colspecs = [nodes.colspec(colwidth=width) for width in widths]
    for colspec in colspecs[:stub_columns]:
        colspec["stub"] = 1
    return colspecs


def build_thead(rows: Sequence[Sequence[HeaderCell]]) -> nodes.thead:
    """The header rows; a merged cell is one entry, the cells it covers are absent."""
    thead = nodes.thead()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            attributes: dict[str, Any] = {}
            if cell.morerows:
                attributes["morerows"] = cell.morerows
            if cell.morecols:
                attributes["morecols"] = cell.morecols
            row += nodes.entry("", nodes.paragraph(cell.label, cell.label), **attributes)
        thead += row
    return thead


def unspan(tgroup: nodes.tgroup) -> None:
    """Give every grid position its own entry, for writers that cannot draw spans.

    A merged cell keeps its text in its first position; the positions it covered get
    empty entries, so the grid stays aligned (man's tbl and Texinfo's multitable
    would otherwise shift the cells after a span to the left).
    """
    for section in tgroup.children:
        if not isinstance(section, (nodes.thead, nodes.tbody)):
            continue
        covered: set[tuple[int, int]] = set()  # positions under a cell from a row above
        for row_index, row in enumerate(r for r in section.children if isinstance(r, nodes.row)):
            entries: list[nodes.Element] = [e for e in row.children if isinstance(e, nodes.entry)]
            row.clear()
            column = 0
            for entry in [*entries, None]:
                while (row_index, column) in covered:
                    row += nodes.entry()
                    column += 1
                if entry is None:
                    break
                more_rows = entry.attributes.pop("morerows", 0)
                more_cols = entry.attributes.pop("morecols", 0)
                covered.update(
                    (row_index + below, column + offset)
                    for below in range(1, more_rows + 1)
                    for offset in range(more_cols + 1)
                )
                row += entry
                row.extend(nodes.entry() for _ in range(more_cols))
                column += 1 + more_cols
