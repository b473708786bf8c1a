"""A ``TableView`` to the nodes of one table: the one seam from a directive to nodes.

``table_nodes`` returns everything a table needs (its index entries, the table with its
header and compact body, its sort data and its downloads); the directive only decides
the options and places the result. Its LaTeX column spec is decided in one place, at
write time (``output/latex``). No I/O here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from docutils import nodes
from sphinx import addnodes

from sphinx_vlmtable.nodes.compact import CompactBody, compact_body_node
from sphinx_vlmtable.nodes.extras import vlmtable_downloads, vlmtable_sort_data
from sphinx_vlmtable.nodes.ids import unique_in_document
from sphinx_vlmtable.nodes.markup import CellMarkup
from sphinx_vlmtable.nodes.markup.cells import Parsed
from sphinx_vlmtable.view.export import export
from sphinx_vlmtable.view.layout import HeaderCell
from sphinx_vlmtable.view.ranks import column_filters, column_ranks, page_size
from sphinx_vlmtable.view.table import TableView
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords


@dataclass(frozen=True)
class TableLook:
    """How a table looks, from its directive's options (its caption and name apart)."""

    classes: Sequence[str] = ()
    align: str | None = None
    width: str | None = None
    #: ``colwidths-auto`` or ``colwidths-given`` (from ``:widths:``).
    widths_class: str | None = None
    latex_font: str | None = None
    landscape: bool = False
    latex_widths: Sequence[int] | None = None
    latex_fit: str | None = None
    #: A LaTeX ``longtable`` (asked for, or a table of many rows).
    longtable: bool = False


def table_element(look: TableLook) -> nodes.table:
    """An empty table with the classes and attributes its look asks for."""
    table = nodes.table(classes=list(look.classes))
    # Data is shown as written: no curly quotes or dashes anywhere in the table.
    table["support_smartquotes"] = False
    for name in ("align", "width"):
        if getattr(look, name) is not None:
            table[name] = getattr(look, name)
    if look.widths_class:
        table["classes"].append(look.widths_class)
    if look.widths_class == "colwidths-given":
        # Sphinx's HTML writer consumes colwidths-given; this one the stylesheet sees.
        table["classes"].append("vlm-widths")
    if look.latex_font is not None:
        table["latex_font"] = look.latex_font
    if look.landscape:
        table["landscape"] = True
    if look.latex_widths is not None:
        table["latex_widths"] = look.latex_widths
    if look.latex_fit is not None:
        table["latex_fit"] = look.latex_fit
    if look.longtable:
        table["classes"].append("longtable")  # LaTeX repeats the header on each page
    return table


@dataclass
class TablePlan:
    """What a directive decided about one table, besides its view."""

    #: The table node, with its classes, caption and name (no rows yet).
    table: nodes.table
    #: Where the rows' anchors start: the table's id, or ``model``.
    anchor_prefix: str
    #: The data file, and where the directive is (for gettext and linkcheck).
    data_source: str
    docname: str
    source: str | None
    line: int
    #: The page's ids so far, and the last number given to each base id in this page.
    document: nodes.document
    id_counters: dict[str, int]
    markup: CellMarkup | None = None
    interactive: bool = False
    index: bool = False
    #: ``:download:`` kinds, and the table's part of their names.
    downloads: Sequence[str] = ()
    download_part: str = ""
    #: ``:new-since:``: each row's mark ("new", "updated" or None), and each row's rank
    #: by its latest entry date (for "newest first"); empty without the option.
    row_marks: Sequence[str | None] = ()
    recency: Sequence[int | None] = ()
    #: ``:filters:`` (None: the default columns) and ``:page-size:`` (None: by length).
    filters: Sequence[str] | None = None
    page_size: int | None = None
    #: What an entry is called (``vlmtable_entry_label``): the index says ``(model)``.
    words: EntryWords = DEFAULT_WORDS


@dataclass
class TableNodes:
    """What one table is made of, in the order a page shows it."""

    table: nodes.table
    index: addnodes.index | None = None
    sort_data: vlmtable_sort_data | None = None
    downloads: vlmtable_downloads | None = None
    #: Each row's anchor, and ``(row, anchor)`` of each former name (``aliases:``).
    row_ids: list[str] = field(default_factory=list)
    alias_ids: list[tuple[int, str]] = field(default_factory=list)

    def as_list(self, after_table: Sequence[nodes.Node] = ()) -> list[nodes.Node]:
        shown: list[nodes.Node | None] = [self.index, self.table]
        shown += [self.sort_data, *after_table, self.downloads]
        return [node for node in shown if node is not None]


def table_nodes(view: TableView, plan: TablePlan) -> TableNodes:
    """The nodes of a table showing ``view``; MarkupUnavailable if its markup cannot be
    parsed at all."""
    table = plan.table
    ids = row_ids(view, plan.anchor_prefix, plan.document, plan.id_counters)
    former = alias_ids(view, plan.anchor_prefix, plan.document, plan.id_counters)
    marks = [(row, mark) for row, mark in enumerate(plan.row_marks) if mark is not None]
    body = CompactBody.from_view(
        view, ids, plan.data_source, plan.docname, plan.line, former, marks
    )
    try:
        cells = markup_cells(view, plan.markup) if plan.markup is not None else None
    finally:
        if plan.markup is not None:
            plan.markup.finish()
    tgroup = build_tgroup(view, body, cells)
    # So gettext and translations see the labels, and problems find the directive.
    for node in (*next(tgroup.findall(nodes.thead)).findall(nodes.paragraph), tgroup[-1]):
        node.source, node.line = plan.source, plan.line
    table += tgroup
    made = TableNodes(table, row_ids=ids, alias_ids=former)
    if plan.index:
        made.index = index_entries(view, ids, plan.words)
    if plan.interactive:
        made.sort_data = vlmtable_sort_data(
            table_id=table["ids"][0],
            ranks=column_ranks(view),
            recency=list(plan.recency),
            explore=explore_data(view, plan),
        )
    if plan.downloads:
        files = [(f"{plan.download_part}.{kind}", export(view, kind)) for kind in plan.downloads]
        made.downloads = vlmtable_downloads(files=files, docname=plan.docname)
    for extra in (made.index, made.downloads):
        if extra is not None:
            extra.source, extra.line = plan.source, plan.line
    return made


def explore_data(view: TableView, plan: TablePlan) -> dict[str, object]:
    """What the script's filters, columns, pages, downloads and links need besides the
    ranks: the table's name, each column's key, the model column (found from the data,
    not its position), each filter with its typed values, and the rows per page."""
    names = view.strong_columns
    table = plan.table
    return {
        # The table's part of a link to its view: its :name: (its id may differ, when
        # the name is already a section's id), or else its id.
        "view": table["names"][0] if table["names"] else table["ids"][0],
        "keys": [leaf.key or "" for leaf in view.leaves],
        "name": names[0] if names else -1,
        "filters": [found.as_json() for found in column_filters(view, plan.filters)],
        "page": page_size(plan.page_size, len(view.rows)),
    }


def index_entries(
    view: TableView, ids: Sequence[str], words: EntryWords = DEFAULT_WORDS
) -> addnodes.index:
    """A general index entry per model, at its first row; none for a name with ``;``
    (Sphinx's separator of sub-entries: the directive warns)."""
    entries = []
    seen: set[str] = set()
    for row, anchor in zip(view.rows, ids, strict=True):
        name = row.model.name
        if name in seen or ";" in name:
            continue
        seen.add(name)
        entries.append(("single", f"{name} ({words.one})", anchor, "", None))
    # Marked as the extension's: the LaTeX writer's steps print its characters.
    return addnodes.index(entries=entries, classes=["vlm-index"])


def vlm_tables(document: nodes.document) -> list[nodes.table]:
    """The tables the extension built, in document order (a list: callers may move them);
    never another table of the page (a csv-table, a list-table): those are not ours."""
    return [node for node in outside_tables(document) if is_vlm_table(node)]


#: The classes only the extension's tables have (tables, matrices, comparisons).
OWN_TABLE_CLASSES = frozenset({"vlm-table", "vlm-compare"})


def is_vlm_table(node: nodes.Node) -> TypeGuard[nodes.table]:
    """Whether ``node`` is a table the extension built."""
    return isinstance(node, nodes.table) and not OWN_TABLE_CLASSES.isdisjoint(node["classes"])


def outside_tables(document: nodes.document) -> Iterator[nodes.Element]:
    """Every element in document order, the extension's tables included but never their
    insides: a table of 10,000 rows is 230,000 nodes, and holds no table of ours."""
    stack: list[nodes.Element] = [document]
    while stack:
        current = stack.pop()
        yield current
        if is_vlm_table(current):
            continue
        stack.extend(
            reversed([child for child in current.children if isinstance(child, nodes.Element)])
        )


def build_tgroup(
    view: TableView,
    body: CompactBody,
    markup: dict[tuple[int, int], Parsed] | None = None,
) -> nodes.tgroup:
    """Column specs, the header, and the compact body of a view (with the nodes of its
    markup cells, by position)."""
    tgroup = nodes.tgroup(cols=len(view.leaves))
    tgroup += build_colspecs(view.colwidths, view.stub_columns)
    tgroup += build_thead(view.header)
    tgroup += compact_body_node(body, markup)
    return tgroup


def markup_cells(view: TableView, markup: CellMarkup) -> dict[tuple[int, int], Parsed]:
    """The parse of each shown markup cell (not placeholders), as data or nodes, by
    position."""
    cells = {}
    keys = [leaf.key or "" for leaf in view.leaves]
    for row_index, row in enumerate(view.rows):
        for column, cell in enumerate(row.cells):
            if cell is None or cell.markup is None or cell.is_missing:
                continue
            line = row.model.lines.get(keys[column], row.model.line)  # the cell's own line
            cells[row_index, column] = markup.cell_data(
                cell.markup, cell.text, line, row.model.source
            )
    return cells


def row_ids(
    view: TableView, prefix: str, document: nodes.document, counters: dict[str, int]
) -> list[str]:
    """A stable anchor per row, from the model's ``id`` or name, unique in the page."""
    return [unique_in_document(row.model.identity, prefix, document, counters) for row in view.rows]


def alias_ids(
    view: TableView, prefix: str, document: nodes.document, counters: dict[str, int]
) -> list[tuple[int, str]]:
    """``(row, id)`` for each former name of a row's model: its old anchor stays."""
    return [
        (index, unique_in_document(alias, prefix, document, counters))
        for index, row in enumerate(view.rows)
        for alias in row.model.aliases
    ]


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
