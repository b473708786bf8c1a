"""The compact table body: one node with a typed payload at read time, expanded at write time.

At read time the directive makes a real ``table > title, tgroup > colspec*, thead``
(small, translatable, numbered) and puts one ``vlmtable_body`` node where the
``tbody`` goes, holding a ``CompactBody``: the rows as plain lists of strings. Before
writing, ``ExpandTableBodies`` turns it into the standard ``tbody``, as Sphinx resolves
``pending_xref``. So the read transforms, the pickled doctree and the environment never
hold one node per cell, which is where a table of thousands of rows spends its time;
every writer still gets a standard table.

The payload and its expansion into rows live here, with the visitors for writers that
somehow get the body unexpanded; ``output/expand.py`` runs the expansion at write time
and ``i18n.py`` translates the cells.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property

from docutils import nodes

from sphinx_vlmtable.nodes.inline_data import Frozen, freeze, text_pieces, thaw
from sphinx_vlmtable.view.table import TableView


@dataclass(frozen=True)
class CompactBody:
    """A table body as plain, picklable data."""

    #: One list per row of each cell's text; None where a merged cell above covers it.
    rows: list[list[str | None]]
    #: ``(row, column, url)`` for each cell whose text links somewhere.
    links: list[tuple[int, int, str]]
    #: ``(row, column, morerows)`` for each cell merged with the rows below it.
    spans: list[tuple[int, int, int]]
    #: The columns whose text is bold (the model names).
    strong_columns: tuple[int, ...]
    #: The id of each row (anchors), one per row.
    row_ids: list[str]
    #: The data file line of each row, for gettext locations.
    row_lines: list[int]
    #: The data file's path.
    data_source: str
    #: The page that holds the table, whose message catalog translates the cells.
    docname: str
    #: The directive's line in its page: where links in cells are reported (linkcheck).
    page_line: int = 0
    #: ``(row, column)`` of each cell holding its column's best value.
    best: list[tuple[int, int]] = field(default_factory=list)
    #: Each column's body alignment (None: the writer's default).
    aligns: tuple[str | None, ...] = ()
    #: The columns whose cells are task states: a mark (HTML) and the state in words.
    state_columns: tuple[int, ...] = ()
    #: ``(row, id)`` for each former name's anchor, kept on the row (``aliases:``).
    alias_ids: list[tuple[int, str]] = field(default_factory=list)
    #: ``(row, column)`` of each typed cell whose text does not parse (marked in HTML).
    invalid: list[tuple[int, int]] = field(default_factory=list)
    #: ``(row, path)`` of each row from a model file (``models_from``), for gettext.
    row_sources: list[tuple[int, str]] = field(default_factory=list)
    #: ``(row, "new" | "updated")`` for each row ``:new-since:`` marks.
    row_marks: list[tuple[int, str]] = field(default_factory=list)
    #: ``(row, column, nodes as data)`` of each markup cell kept as data until it is
    #: written (``inline_data.py``); the other markup cells are the body's children.
    inline_cells: tuple[tuple[int, int, tuple[Frozen, ...]], ...] = ()

    @classmethod
    def from_view(
        cls,
        view: TableView,
        row_ids: list[str],
        data_source: str,
        docname: str,
        page_line: int = 0,
        alias_ids: list[tuple[int, str]] | None = None,
        row_marks: list[tuple[int, str]] | None = None,
    ) -> CompactBody:
        rows: list[list[str | None]] = []
        links = []
        spans = []
        best = []
        invalid: list[tuple[int, int]] = []
        keys = [leaf.key for leaf in view.leaves]
        for row_index, row in enumerate(view.rows):
            texts: list[str | None] = []
            for column, cell in enumerate(row.cells):
                if cell is None:
                    texts.append(None)
                    continue
                texts.append(cell.text)
                if cell.link is not None:
                    links.append((row_index, column, cell.link))
                if cell.morerows:
                    spans.append((row_index, column, cell.morerows))
                if cell.best:
                    best.append((row_index, column))
                if keys[column] in row.model.invalid:  # the loader found it does not parse
                    invalid.append((row_index, column))
            rows.append(texts)
        return cls(
            rows=rows,
            links=links,
            spans=spans,
            strong_columns=view.strong_columns,
            row_ids=row_ids,
            row_lines=[row.model.line for row in view.rows],
            data_source=data_source,
            docname=docname,
            page_line=page_line,
            best=best,
            aligns=view.aligns if any(view.aligns) else (),
            state_columns=view.state_columns,
            alias_ids=alias_ids or [],
            invalid=invalid,
            row_sources=[
                (index, row.model.source)
                for index, row in enumerate(view.rows)
                if row.model.source is not None
            ],
            row_marks=row_marks or [],
        )


class vlmtable_body(nodes.tbody):
    """The body of a vlm-table, compact until the write phase: ``node["body"]`` is a
    ``CompactBody``; its children are the markup cells, parsed at read time.

    A ``tbody`` to anything that looks for a table's body before the rows exist (LaTeX's
    footnote transform does), while writers see it by its own name."""


class vlmtable_cell(nodes.General, nodes.Element):
    """A markup cell's inline nodes, at ``node["row"]``, ``node["column"]`` of its body.

    Real doctree nodes from read time on, so Sphinx's collectors and other extensions
    (citations, downloads, images) see them in the page that shows them."""


def compact_body_node(
    body: CompactBody,
    markup_cells: Mapping[tuple[int, int], tuple[Frozen, ...] | list[nodes.Node]] | None = None,
) -> vlmtable_body:
    """The body node: each markup cell as data where it can be (given as data, or
    nodes that can be), else as its nodes."""
    as_data = []
    cells = []
    for (row, column), children in sorted((markup_cells or {}).items()):
        if isinstance(children, tuple):
            as_data.append((row, column, children))
            continue
        frozen = freeze(children)
        if frozen is not None:
            as_data.append((row, column, frozen))
        else:
            cells.append(vlmtable_cell("", *children, row=row, column=column))
    node = vlmtable_body(body=replace(body, inline_cells=tuple(as_data)) if as_data else body)
    node.extend(cells)
    return node


def markup_texts(node: vlmtable_body) -> dict[tuple[int, int], list[str]]:
    """Each markup cell's text, as its pieces of text (one per text node)."""
    body: CompactBody = node["body"]
    found = {
        (cell["row"], cell["column"]): [
            text.astext()
            for text in cell.findall(nodes.Text)
            if not isinstance(text.parent, nodes.raw)
        ]
        for cell in node.children
        if isinstance(cell, vlmtable_cell)
    }
    found.update({(row, column): text_pieces(frozen) for row, column, frozen in body.inline_cells})
    return found


@dataclass(frozen=True)
class BodyFacts:
    """A compact body's per-cell facts as sets and maps, made once per body."""

    links: dict[tuple[int, int], str]
    spans: dict[tuple[int, int], int]
    best: frozenset[tuple[int, int]]
    invalid: frozenset[tuple[int, int]]
    former: dict[int, list[str]]
    marks: dict[int, str]
    strong_columns: frozenset[int]
    state_columns: frozenset[int]
    #: The markup cells that are nodes (the body's children), by position.
    markup: dict[tuple[int, int], list[nodes.Node]]
    #: The markup cells kept as data, made nodes only where a writer needs them.
    frozen: dict[tuple[int, int], tuple[Frozen, ...]]
    sources: dict[int, str]

    @classmethod
    def of(cls, node: vlmtable_body) -> BodyFacts:
        body: CompactBody = node["body"]
        former: dict[int, list[str]] = {}
        for row_index, former_id in body.alias_ids:
            former.setdefault(row_index, []).append(former_id)
        return cls(
            links={(row, column): url for row, column, url in body.links},
            spans={(row, column): more for row, column, more in body.spans},
            best=frozenset(body.best),
            invalid=frozenset(body.invalid),
            former=former,
            marks=dict(body.row_marks),
            strong_columns=frozenset(body.strong_columns),
            state_columns=frozenset(body.state_columns),
            markup={
                (cell["row"], cell["column"]): list(cell.children)
                for cell in node.children
                if isinstance(cell, vlmtable_cell)
            },
            frozen={(row, column): items for row, column, items in body.inline_cells},
            sources=dict(body.row_sources),
        )

    @cached_property
    def has_markup(self) -> bool:
        return bool(self.markup or self.frozen)

    @cached_property
    def all_plain(self) -> bool:
        """No cell links, spans rows, holds its column's best or fails its type."""
        return not (self.links or self.spans or self.best or self.invalid)

    def row_ids(self, body: CompactBody, index: int) -> list[str]:
        """A row's anchors: its own, then its former names'."""
        own = [body.row_ids[index]] if body.row_ids else []
        return own + self.former.get(index, [])

    def row_node(self, body: CompactBody, index: int) -> tuple[nodes.row, str | None]:
        """A row with its anchors, and its ``:new-since:`` mark (as a class too)."""
        row = nodes.row(ids=self.row_ids(body, index))
        mark = self.marks.get(index)
        if mark is not None:
            row["classes"].append(f"vlm-{mark}")
        return row, mark


def build_tbody(node: vlmtable_body, translate: Callable[[str], str] | None = None) -> nodes.tbody:
    """Expand a compact body into standard rows and entries.

    ``translate`` maps a plain cell's text to the page's translation.
    """
    body: CompactBody = node["body"]
    facts = BodyFacts.of(node)
    tbody = nodes.tbody()
    for row_index, cells in enumerate(body.rows):
        row, mark = facts.row_node(body, row_index)
        for column_index, text in enumerate(cells):
            if text is None:
                continue  # covered by a merged cell above
            badge = mark if column_index in facts.strong_columns else None
            row += body_entry(body, facts, (row_index, column_index), text, badge, translate)
            if badge is not None:
                mark = None  # one badge per row, on its name
        tbody += row
    return tbody


def body_entry(
    body: CompactBody,
    facts: BodyFacts,
    position: tuple[int, int],
    text: str,
    badge: str | None,
    translate: Callable[[str], str] | None,
) -> nodes.entry:
    """One cell of a compact body as a standard entry (``badge``: the row's mark, shown
    after this cell's text)."""
    row_index, column_index = position
    parsed = facts.markup.get(position)
    if parsed is None and position in facts.frozen:
        parsed = thaw(facts.frozen[position])
    if parsed is not None:
        paragraph = nodes.paragraph(text, "", *parsed)
    elif column_index in facts.state_columns:
        paragraph = nodes.paragraph(text, "", state_words(text))
    else:
        strong = column_index in facts.strong_columns or position in facts.best
        paragraph = _plain_cell(text, facts.links.get(position), strong, translate, body)
    if badge is not None:
        paragraph += entry_badge(badge)
    # gettext locates messages by these; the data file is where the text is.
    paragraph.source = facts.sources.get(row_index, body.data_source)
    paragraph.line = body.row_lines[row_index]
    entry = nodes.entry("", paragraph)
    more = facts.spans.get(position)
    if more:
        entry["morerows"] = more
    entry["classes"] = entry_classes(
        text,
        best=position in facts.best,
        invalid=position in facts.invalid,
        state=column_index in facts.state_columns,
        align=body.aligns[column_index] if body.aligns else None,
    )
    return entry


def entry_badge(mark: str) -> list[nodes.Node]:
    """`` (new)`` after a name: a badge in HTML (the stylesheet hides the brackets), the
    word in brackets in LaTeX, text, man and Texinfo."""
    return [
        nodes.Text(" "),
        nodes.inline(
            "",
            "",
            nodes.inline("(", "(", classes=["vlm-badge-bracket"]),
            nodes.Text(mark),
            nodes.inline(")", ")", classes=["vlm-badge-bracket"]),
            classes=["vlm-badge", f"vlm-badge-{mark}"],
        ),
    ]


def _plain_cell(
    text: str,
    url: str | None,
    strong: bool,
    translate: Callable[[str], str] | None,
    body: CompactBody,
) -> nodes.paragraph:
    shown = translate(text) if translate is not None and text else text
    content: nodes.Node = nodes.Text(shown)
    if strong:
        content = nodes.strong(shown, "", content)
    if url is not None:
        content = nodes.reference(shown, "", content, refuri=url)
        content.line = body.page_line  # links are reported at the directive
    # The raw source stays the text as written: it is the gettext message id.
    return nodes.paragraph(text, "", content)


def entry_classes(
    text: str, *, best: bool, invalid: bool, state: bool, align: str | None
) -> list[str]:
    classes = []
    if best:
        classes.append("vlm-best")
    if invalid:  # shown as written; the build log says why
        classes.append("vlm-invalid")
    if state:
        classes += ["vlm-state", state_class(text)]
    if align:
        classes.append(f"vlm-align-{align}")
    return classes


def state_class(state: str) -> str:
    """``vlm-state-yes``, ``vlm-state-not-stated``: the class that draws a state's mark."""
    return "vlm-state-" + state.replace(" ", "-")


def state_words(state: str) -> nodes.inline:
    """A task state in words: read aloud in HTML (where a mark shows it), and shown as
    they are in text, man, Texinfo and LaTeX output."""
    return nodes.inline(state, state, classes=["vlm-state-text"])


def _skip(translator: nodes.NodeVisitor, node: nodes.Element) -> None:
    raise nodes.SkipNode


#: For a builder that skips ``doctree-resolved``: no links, no files.
SKIP_VISITORS = {writer: (_skip, None) for writer in ("html", "latex", "text", "man", "texinfo")}


def _visit_unexpanded_body(translator: nodes.NodeVisitor, node: vlmtable_body) -> None:
    """Writers normally never see the compact node; if a builder skipped the
    post-transforms, expand it on the spot so the rows are not lost."""
    build_tbody(node).walkabout(translator)
    raise nodes.SkipNode


#: Visitors for every writer Sphinx ships, for ``app.add_node``.
FALLBACK_VISITORS = {
    writer: (_visit_unexpanded_body, None) for writer in ("html", "latex", "text", "man", "texinfo")
}
