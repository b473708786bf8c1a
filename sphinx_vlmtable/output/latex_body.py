"""LaTeX straight from the compact body: a table of thousands of rows is never made into
hundreds of thousands of nodes for Sphinx's LaTeX writer to walk.

Exactly what the writer writes for the expanded rows, because every piece comes from the
writer itself: each row goes through its own ``visit_row``/``depart_row`` and each cell
through its ``visit_entry``/``depart_entry`` (so its multirow, cline and strut logic is
Sphinx's); a cell's content is that cell expanded on its own (``body_entry``), given the
survey's LaTeX touches (``latex.py``, ``latex_rows.py``, ``latex_unicode.py``: the same
functions the expanded rows get), and walked by the translator. A cell whose content
another cell of the body already has (the same column, text, link and marks: ``MLP``,
``2024``, ``Qwen2``) reuses what the translator wrote for the first: nothing in a cell's
content depends on anything else (a row's anchors, which do, are never reused).

The post-transforms leave what the rows need on the body (``LatexBodyStyle``): the
alignment and fitting read the cells' texts (``measured_texts``) and never their nodes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from docutils import nodes

from sphinx_vlmtable.nodes.build import is_vlm_table
from sphinx_vlmtable.nodes.compact import (
    BodyFacts,
    CompactBody,
    body_entry,
    build_tbody,
    vlmtable_body,
)
from sphinx_vlmtable.nodes.i18n import cell_translator
from sphinx_vlmtable.output.cells import PlacedCell, sections
from sphinx_vlmtable.output.html_body import shown_texts
from sphinx_vlmtable.output.latex_rows import (
    allow_breaks_after_slashes,
    anchor_row,
    keep_names_whole_in,
    keep_tokens_whole,
)


@dataclass
class LatexBodyStyle:
    """What the LaTeX post-transforms decided for a compact body's rows."""

    #: Columns set as stubs (a name's column): their tokens are never boxed.
    stubs: int = 0
    #: Whether each row's first cell breaks only at its spaces (``NAME_BREAKS``).
    names_whole: bool = False
    #: The LaTeX after a row where a merged group ends (``group_rules``), by row.
    rules: dict[int, str] = field(default_factory=dict)
    #: How each cell's characters are printed (``latex_unicode.print_texts``), if at all.
    printer: Callable[[nodes.Element], object] | None = None


def latex_style_of(node: vlmtable_body) -> LatexBodyStyle:
    """The body's style, made on first use (the characters' step or the survey's)."""
    style: LatexBodyStyle | None = getattr(node, "latex_style", None)
    if style is None:
        style = LatexBodyStyle()
        node.latex_style = style  # type: ignore[attr-defined]
    return style


def body_translator(node: vlmtable_body, config: Any, srcdir: str) -> Callable[[str], str] | None:
    """How the page that holds ``node`` translates its plain cells."""
    return cell_translator(
        srcdir,
        config.language,
        config.locale_dirs,
        config.gettext_compact,
        node["body"].docname,
    )


def measured_texts(node: vlmtable_body, translate: Callable[[str], str] | None) -> list[list[str]]:
    """Each cell's text as the page shows it (``shown_texts``), made once per body: the
    LaTeX steps measure these (and pdflatex's substitutes replace what it cannot print)."""
    texts: list[list[str]] | None = getattr(node, "measured_texts", None)
    if texts is None:
        texts = shown_texts(node, translate)
        node.measured_texts = texts  # type: ignore[attr-defined]
    return texts


def compact_bodies(block: nodes.Element) -> list[vlmtable_body]:
    """A table of ours' compact bodies (anything else has none)."""
    if not is_vlm_table(block):
        return []
    return [section for section in sections(block) if isinstance(section, vlmtable_body)]


def compact_cells(node: vlmtable_body, texts: list[list[str]]) -> list[PlacedCell]:
    """The body's cells as the fitting places them: no nodes, each text measured once."""
    body: CompactBody = node["body"]
    spans = {(row, column): more for row, column, more in body.spans}
    return [
        PlacedCell(
            None,
            column,
            False,
            texts[row][column],
            row=(id(node), row),
            morerows=spans.get((row, column), 0),
        )
        for row, cells in enumerate(body.rows)
        for column, text in enumerate(cells)
        if text is not None
    ]


def visit_body_latex(translator: Any, node: vlmtable_body) -> None:
    """The body's rows, written from the compact body."""
    style: LatexBodyStyle | None = getattr(node, "latex_style", None)
    if style is None:  # a builder that skipped the post-transforms: the plain rows
        build_tbody(node).walkabout(translator)
        raise nodes.SkipNode
    builder = translator.builder
    translate = body_translator(node, builder.config, str(builder.srcdir))
    LatexBodyWriter(translator, node, style, translate).write()
    raise nodes.SkipNode


#: A cell's content as the translator wrote it, and whether the cell reads as empty.
Written = tuple[list[str], bool]


@dataclass
class LatexBodyWriter:
    """Writes one compact body's rows with ``translator``."""

    translator: Any
    node: vlmtable_body
    style: LatexBodyStyle
    translate: Callable[[str], str] | None = None
    written: dict[tuple[object, ...], Written] = field(default_factory=dict)
    shells: dict[tuple[int, bool], nodes.entry] = field(default_factory=dict)
    strings: dict[str, str] = field(default_factory=dict)

    def write(self) -> None:
        body: CompactBody = self.node["body"]
        facts = BodyFacts.of(self.node)
        texts = measured_texts(self.node, self.translate)
        translator = self.translator
        translator.visit_tbody(self.node)
        shell_row = self.row()
        for row_index, cells in enumerate(body.rows):
            translator.visit_row(shell_row)
            anchors = facts.row_ids(body, row_index)
            mark = facts.marks.get(row_index)
            first = True
            for column, text in enumerate(cells):
                if text is None:
                    continue  # covered by a merged cell above
                badge = mark if column in facts.strong_columns else None
                cell = _Cell((row_index, column), text, badge, first, texts[row_index][column])
                self.write_cell(facts, cell, anchors if first else [])
                mark = None if badge is not None else mark
                first = False
            translator.depart_row(shell_row)
            rule = self.style.rules.get(row_index)
            if rule is not None:  # as the raw node between the rows would be written
                raw = nodes.raw("", rule, format="latex")
                raw.parent = self.node
                raw.walkabout(translator)
        translator.depart_tbody(self.node)

    def write_cell(self, facts: BodyFacts, cell: _Cell, anchors: list[str]) -> None:
        position = cell.position
        key: tuple[object, ...] | None = None
        if not anchors and position not in facts.markup and position not in facts.frozen:
            key = (
                position[1],
                cell.first,
                cell.text,
                facts.links.get(position),
                cell.badge,
                position in facts.best,
                position in facts.invalid,
            )
            known = self.written.get(key)
            if known is not None:
                items, empty = known
                shell = self.shell(facts.spans.get(position, 0), empty)
                row_body = self.enter(shell)
                self.translator.body.extend(items)
                self.leave(shell, row_body)
                return
        entry = self.entry(facts, cell, anchors)
        empty = len(entry) == 1 and isinstance(entry[0], nodes.paragraph) and not entry.astext()
        translator = self.translator
        row_body = self.enter(entry)
        first = len(translator.body)
        for child in entry.children:
            child.walkabout(translator)
        items = translator.body[first:]  # the cell's own output
        self.leave(entry, row_body)
        if key is not None:
            self.written[key] = (items, empty)

    def enter(self, entry: nodes.entry) -> list[str]:
        """``visit_entry``, keeping one copy of what it writes (``share``); the list the
        row is written to. (Sphinx 9 writes a cell's content to a list of its own, which
        ``depart_entry`` moves to the row's; earlier versions, a cell of one row and
        column straight to the row's.)"""
        row_body: list[str] = self.translator.body
        start = len(row_body)
        self.translator.visit_entry(entry)
        self.share(row_body, start)
        return row_body

    def leave(self, entry: nodes.entry, row_body: list[str]) -> None:
        """``depart_entry``, keeping one copy of what it writes after the cell's content
        (which it may move to the row's list, less its leading blank lines)."""
        translator = self.translator
        content = translator.body
        start = len(row_body)
        if content is not row_body:
            blank = next((index for index, item in enumerate(content) if item != "\n"), None)
            start += 0 if blank is None else len(content) - blank
        translator.depart_entry(entry)
        self.share(row_body, start)

    def share(self, body: list[str], start: int) -> None:
        """The writer formats its cell commands anew for each cell (``\\begin{varwidth}``
        and its end, 70,000 of each at 10,000 rows): equal ones become one string."""
        strings = self.strings
        for index in range(start, len(body)):
            text = body[index]
            body[index] = strings.setdefault(text, text)

    def entry(self, facts: BodyFacts, cell: _Cell, anchors: list[str]) -> nodes.entry:
        """The cell as the expanded rows hold it, with the survey's LaTeX touches, in the
        order the post-transforms give them."""
        body: CompactBody = self.node["body"]
        entry = body_entry(body, facts, cell.position, cell.text, cell.badge, self.translate)
        row = self.row()
        row += entry
        entry.document = self.translator.document
        style = self.style
        if style.printer is not None:
            style.printer(entry)
        if cell.first and style.names_whole:
            keep_names_whole_in(entry)
        placed = [PlacedCell.of(entry, cell.position[1], False, cell.measured)]
        keep_tokens_whole(placed, style.stubs)
        allow_breaks_after_slashes(placed)
        if anchors:
            anchor_row(entry, anchors)
        return entry

    def row(self) -> nodes.row:
        """A row of the body, outside its children (the writer never looks up)."""
        row = nodes.row()
        row.parent = self.node
        return row

    def shell(self, morerows: int, empty: bool) -> nodes.entry:
        """An entry that reads as a written cell does to ``visit_entry``: its rows and
        whether it is empty (a stub's font depends on it)."""
        key = (morerows, empty)
        if key not in self.shells:
            paragraph = nodes.paragraph() if empty else nodes.paragraph("", "x")
            entry = nodes.entry("", paragraph)
            if morerows:
                entry["morerows"] = morerows
            entry.parent = self.row()
            self.shells[key] = entry
        return self.shells[key]


@dataclass(frozen=True)
class _Cell:
    position: tuple[int, int]
    text: str
    badge: str | None
    #: The row's first cell (its anchors and a name's breaks go there).
    first: bool
    #: Its text as measured (``measured_texts``).
    measured: str
