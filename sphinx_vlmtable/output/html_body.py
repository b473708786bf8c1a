"""HTML straight from the compact body: the rows a table of thousands would otherwise
become as hundreds of thousands of nodes, written as strings.

Exactly what Sphinx's HTML writer writes for the expanded rows, because every piece of
markup comes from that writer itself: each kind of cell (its tag, classes, span and what
it holds: plain, bold, a link, a state, a badge) is written once by the page's own
translator around a placeholder, and the other cells of that kind are that template with
their escaped text (``translator.encode``, ``attval``) in the placeholder's place. Rows
go through the translator's own ``visit_row``, so their ids and odd/even classes are its.
Markup cells (parsed nodes) are written by the translator as they are. So HTML output
is byte-identical to the expanded table's, whatever docutils and Sphinx version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from sphinx_vlmtable.nodes.compact import (
    BodyFacts,
    CompactBody,
    entry_badge,
    entry_classes,
    markup_texts,
    state_words,
    vlmtable_body,
    vlmtable_cell,
)
from sphinx_vlmtable.nodes.inline_data import Frozen, thaw
from sphinx_vlmtable.output.html_inline import (
    fill_slots,
    inline_shape,
    inline_slots,
    sample_nodes,
    split_slots,
)

#: Where a template holds a cell's text and its link (private-use characters, which the
#: writer leaves as they are; a cell's own text is put in after the split, never scanned).
TEXT_MARK = "\ue000"
URL_MARK = "\ue001"
#: The extra classes each column's cells get at write time (``vlm-wrap``), by column.
WRAP_CLASS = "vlm-wrap"


@dataclass(frozen=True)
class CellShape:
    """What makes two cells' HTML the same but for their text and link."""

    column: int
    classes: tuple[str, ...]
    morerows: int
    kind: str  # "plain", "state" or "markup"
    strong: bool = False
    linked: bool = False
    badge: str | None = None


@dataclass
class BodyWriter:
    """Writes one compact body's rows with ``translator``, templates made on demand."""

    translator: Any
    node: vlmtable_body
    translate: Callable[[str], str] | None = None
    #: Columns whose cells wrap at their spaces (``vlm-wrap``: long text).
    wrapping: frozenset[int] = frozenset()
    templates: dict[CellShape, list[str]] = field(default_factory=dict)
    inline_templates: dict[tuple[Any, ...], list[str | int]] = field(default_factory=dict)
    #: Each plain cell's HTML, by what makes it (``write_cell``).
    written: dict[tuple[object, ...], str] = field(default_factory=dict)

    @property
    def body(self) -> CompactBody:
        return self.node["body"]  # type: ignore[no-any-return]

    def write(self) -> None:
        """Append the ``tbody`` to the translator's output."""
        body = self.body
        translator = self.translator
        tbody = nodes.tbody()
        translator.visit_tbody(tbody)
        facts = BodyFacts.of(self.node)
        for row_index, cells in enumerate(body.rows):
            row, mark = facts.row_node(body, row_index)
            translator.visit_row(row)
            for column, text in enumerate(cells):
                if text is not None:
                    mark = self.write_cell(row_index, column, text, facts, mark)
            translator.depart_row(row)
        translator.depart_tbody(tbody)

    def write_cell(
        self, row: int, column: int, text: str, facts: BodyFacts, mark: str | None
    ) -> str | None:
        """One cell; the row's mark, until the name cell has shown it."""
        position = (row, column)
        badge = mark if column in facts.strong_columns else None
        key: tuple[object, ...] | None = None
        if not facts.has_markup or (position not in facts.markup and position not in facts.frozen):
            # A long table repeats its values (``MLP``, ``2024``): a cell another cell of
            # the body already wrote the same way is that cell's HTML again.
            key = (
                (column, text, badge)
                if facts.all_plain
                else (
                    column,
                    text,
                    facts.links.get(position),
                    position in facts.best,
                    position in facts.invalid,
                    facts.spans.get(position, 0),
                    badge,
                )
            )
            known = self.written.get(key)
            if known is not None:
                self.translator.body.append(known)
                return None if badge is not None else mark
        start = len(self.translator.body)
        self.write_new_cell(position, text, facts, badge)
        if key is not None:
            self.written[key] = "".join(self.translator.body[start:])
            self.translator.body[start:] = [self.written[key]]
        return None if badge is not None else mark

    def write_new_cell(
        self, position: tuple[int, int], text: str, facts: BodyFacts, badge: str | None
    ) -> None:
        column = position[1]
        classes = entry_classes(
            text,
            best=position in facts.best,
            invalid=position in facts.invalid,
            state=column in facts.state_columns,
            align=self.body.aligns[column] if self.body.aligns else None,
        )
        if column in self.wrapping:
            classes.append(WRAP_CLASS)
        frozen = facts.frozen.get(position)
        markup = facts.markup.get(position) if frozen is None else []
        kind = "markup" if markup is not None else "state"
        if markup is None and column not in facts.state_columns:
            kind = "plain"
        url = facts.links.get(position) if kind == "plain" else None
        shape = CellShape(
            column=column,
            classes=tuple(classes),
            morerows=facts.spans.get(position, 0),
            kind=kind,
            strong=kind == "plain" and (column in facts.strong_columns or position in facts.best),
            linked=url is not None,
            badge=badge,
        )
        if frozen is not None:
            if self.write_inline(shape, frozen):
                return
            markup = thaw(frozen)
        parts = self.template(shape)
        if markup is not None:
            self.write_markup(parts, markup)
        else:
            shown = text
            if kind == "plain" and self.translate is not None and text:
                shown = self.translate(text)
            self.fill(parts, self.translator.encode(shown), url)

    def fill(self, parts: list[str], text: str, url: str | None) -> None:
        """The template's parts with the text (and the link) in their places."""
        out = self.translator.body
        for part in parts:
            if part == TEXT_MARK:
                out.append(text)
            elif part == URL_MARK:
                out.append(self.translator.attval(url or ""))
            else:
                out.append(part)

    def write_markup(self, parts: list[str], children: list[nodes.Node]) -> None:
        """A markup cell: the template around its own nodes, written by the translator
        in a paragraph (as the expanded cell holds them), then given back to their cell."""
        owner = children[0].parent if children else None
        paragraph = nodes.paragraph()
        paragraph.children = children
        for child in children:
            child.parent = paragraph
        paragraph.parent = self.node
        out = self.translator.body
        for part in parts:
            if part != TEXT_MARK:
                out.append(part)
                continue
            for child in children:
                child.walkabout(self.translator)
        for child in children:
            child.parent = owner

    def write_inline(self, shape: CellShape, frozen: tuple[Frozen, ...]) -> bool:
        """A markup cell kept as data, from a template of its kind of nodes
        (``html_inline.py``); False if it cannot be templated (it is then written as
        its nodes)."""
        inner = inline_shape(frozen)
        if inner is None:
            return False
        key = (shape, inner)
        if key not in self.inline_templates:
            sample = sample_nodes(frozen)
            if sample is None:
                return False
            self.inline_templates[key] = split_slots(self.render(shape, sample))
        fill_slots(self.inline_templates[key], inline_slots(frozen), self.translator)
        return True

    def render(self, shape: CellShape, content: list[nodes.Node]) -> str:
        """A cell of this shape holding ``content``, as the translator writes it."""
        paragraph = nodes.paragraph("", "", *content)
        if shape.badge is not None:
            paragraph += entry_badge(shape.badge)
        return self.render_paragraph(shape, paragraph)

    def render_paragraph(self, shape: CellShape, paragraph: nodes.paragraph) -> str:
        """A cell of this shape holding ``paragraph``, as the translator writes it."""
        entry = nodes.entry("", paragraph, classes=list(shape.classes))
        if shape.morerows:
            entry["morerows"] = shape.morerows
        row = nodes.row()
        row.column = shape.column  # type: ignore[attr-defined]
        tbody = nodes.tbody()
        tbody.parent, row.parent, entry.parent = self.node.parent, tbody, row
        start = len(self.translator.body)
        entry.walkabout(self.translator)
        written = "".join(self.translator.body[start:])
        del self.translator.body[start:]
        return written

    def template(self, shape: CellShape) -> list[str]:
        """The cell's HTML as the translator writes it, split around its placeholders."""
        if shape not in self.templates:
            written = self.render_paragraph(shape, _sample_paragraph(shape))
            self.templates[shape] = _split(written)
        return self.templates[shape]


def _sample_paragraph(shape: CellShape) -> nodes.paragraph:
    """A cell of this shape holding the placeholders."""
    if shape.kind == "state":
        paragraph = nodes.paragraph("", "", state_words(TEXT_MARK))
        if shape.badge is not None:
            paragraph += entry_badge(shape.badge)
        return paragraph
    content: nodes.Node = nodes.Text(TEXT_MARK)
    if shape.strong:
        content = nodes.strong("", "", content)
    if shape.linked:
        content = nodes.reference("", "", content, refuri=URL_MARK)
    paragraph = nodes.paragraph("", "", content)
    if shape.badge is not None:
        paragraph += entry_badge(shape.badge)
    return paragraph


def _split(written: str) -> list[str]:
    """``written`` as parts: text, and each placeholder as a part of its own."""
    parts: list[str] = []
    for piece in written.split(TEXT_MARK):
        for index, chunk in enumerate(piece.split(URL_MARK)):
            if index:
                parts.append(URL_MARK)
            parts.append(chunk)
        parts.append(TEXT_MARK)
    return [part for part in parts[:-1] if part]


def shown_texts(node: vlmtable_body, translate: Callable[[str], str] | None) -> list[list[str]]:
    """Each cell's text as the page shows it (translated; a markup cell's own text; a
    row's badge after its name), by row; empty where a merged cell above covers it."""
    body: CompactBody = node["body"]
    markup = {position: "".join(pieces) for position, pieces in markup_texts(node).items()}
    state_columns = frozenset(body.state_columns)
    marks = dict(body.row_marks)
    shown = []
    for row_index, cells in enumerate(body.rows):
        texts = []
        mark = marks.get(row_index)
        for column, text in enumerate(cells):
            if text is None:
                texts.append("")
                continue
            if (row_index, column) in markup:
                text = markup[row_index, column]
            elif translate is not None and text and column not in state_columns:
                text = translate(text)
            if mark is not None and column in body.strong_columns:
                text, mark = f"{text} ({mark})", None  # the badge, on the row's name
            texts.append(text)
        shown.append(texts)
    return shown


def search_words(node: vlmtable_body, texts: Sequence[Sequence[str]]) -> list[str]:
    """The texts of the cells that are not nodes in the page (a markup cell that is,
    the search index reads itself): plain cells, and markup cells kept as data, a piece
    per text node, as the index would have read their nodes."""
    as_nodes = {
        (cell["row"], cell["column"]) for cell in node.children if isinstance(cell, vlmtable_cell)
    }
    pieces = markup_texts(node)
    words = []
    for row_index, row in enumerate(texts):
        for column, text in enumerate(row):
            position = (row_index, column)
            if position in as_nodes or not text:
                continue
            words += pieces.get(position, [text])
    return words


def longest_per_column(texts: Sequence[Sequence[str]], count: int) -> list[int]:
    """The length of each column's longest text."""
    longest = [0] * count
    for row in texts:
        for column, text in enumerate(row):
            if len(text) > longest[column]:
                longest[column] = len(text)
    return longest
