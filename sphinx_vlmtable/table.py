"""Header grid and rows to docutils table nodes. No I/O.

The table is built in two steps. At read time the directive makes a real
``table > title, tgroup > colspec*, thead`` (small, translatable, numbered) and puts
one compact ``vlmtable_body`` node where the ``tbody`` goes: the rows as plain lists
of strings. At write time a post-transform expands it into the ``tbody`` (see
``transforms.py``), as Sphinx resolves ``pending_xref``. So the read transforms,
the pickled doctree and the environment never hold one node per cell, which is where
a table of thousands of rows spends its time; every writer still gets a standard table.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from docutils import nodes

from .layout import HeaderCell


class vlmtable_body(nodes.General, nodes.Element):
    """The body of a vlm-table, compact until the write phase.

    Attributes (all plain, picklable data):

    ``rows``
        one list per row of the text of each cell; ``None`` where a merged cell from a
        row above covers it.
    ``links``
        ``(row, column, url)`` for each cell whose text links somewhere.
    ``spans``
        ``(row, column, morerows)`` for each cell merged with the rows below it.
    ``strong_columns``
        the columns whose text is set in bold (the model names).
    ``row_ids``
        the HTML id of each row, or an empty list.
    ``row_lines``
        the data file line of each row, for messages and gettext locations.
    ``data_source``
        the data file's path.
    ``docname``
        the page that holds the table, whose message catalog translates the cells.
    """


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


def build_tbody(body: vlmtable_body, translate: Callable[[str], str] | None = None) -> nodes.tbody:
    """Expand the compact body into standard rows and entries.

    ``translate`` maps a cell's text to the page's translation (see transforms.py).
    """
    links = {(row, column): url for row, column, url in body["links"]}
    spans = {(row, column): more for row, column, more in body["spans"]}
    strong_columns = frozenset(body["strong_columns"])
    row_ids: Sequence[str] = body["row_ids"]
    row_lines: Sequence[int] = body["row_lines"]
    source: str = body["data_source"]
    tbody = nodes.tbody()
    for row_index, cells in enumerate(body["rows"]):
        row = nodes.row(ids=[row_ids[row_index]]) if row_ids else nodes.row()
        line = row_lines[row_index]
        for column_index, text in enumerate(cells):
            if text is None:
                continue  # covered by a merged cell above
            shown = text if translate is None else translate(text)
            content: nodes.Node = nodes.Text(shown)
            if column_index in strong_columns:
                content = nodes.strong(shown, "", content)
            url = links.get((row_index, column_index))
            if url is not None:
                content = nodes.reference(shown, "", content, refuri=url)
            # The raw source stays the text as written: it is the gettext message id.
            paragraph = nodes.paragraph(text, "", content)
            # gettext locates messages by these; the data file is where the text is.
            paragraph.source, paragraph.line = source, line
            more = spans.get((row_index, column_index))
            row += nodes.entry("", paragraph, morerows=more) if more else nodes.entry("", paragraph)
        tbody += row
    return tbody


def _visit_unexpanded_body(translator: nodes.NodeVisitor, node: vlmtable_body) -> None:
    """Writers normally never see the compact node; if a builder skipped the
    post-transforms, expand it on the spot so the rows are not lost."""
    build_tbody(node).walkabout(translator)
    raise nodes.SkipNode


#: Visitors for every writer Sphinx ships, for ``app.add_node``.
FALLBACK_VISITORS = {
    writer: (_visit_unexpanded_body, None) for writer in ("html", "latex", "text", "man", "texinfo")
}


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
