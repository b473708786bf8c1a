"""LaTeX: the survey's look (booktabs rules, model names that break only at spaces,
widths, font size, landscape and longtable fitted to the page: see ``latex_fit``) and
row anchors. A table's header and any expanded rows get them as nodes here; a compact
body's rows get the same when they are written (``latex_body``), from what is decided
here. The package ``sphinxvlmtable.sty`` (in ``texinputs/``) defines what these use."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.nodes.build import vlm_tables
from sphinx_vlmtable.nodes.compact import CompactBody, vlmtable_body
from sphinx_vlmtable.output.cells import PlacedCell, colspecs, placed_cells, sections
from sphinx_vlmtable.output.latex_body import (
    body_translator,
    compact_bodies,
    compact_cells,
    latex_style_of,
    measured_texts,
)
from sphinx_vlmtable.output.latex_fit import (
    PAGE_MARGIN_LINES,
    TIGHT_TABCOLSEP_PT,
    Fit,
    Page,
    column_needs,
    fit_table,
    page_for,
    table_lines,
)
from sphinx_vlmtable.output.latex_rows import (
    allow_breaks_after_slashes,
    anchor_row,
    group_rules,
    keep_names_whole,
    keep_tokens_whole,
    rules_between_groups,
    rules_in_header_only,
)
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning


class LatexSurveyStyle(SphinxPostTransform):
    """In LaTeX, the survey's look: rules above, under the header and below (booktabs),
    no shaded rows, unless the table asks for a style of its own with ``:class:``."""

    default_priority = 951  # after the late expansion (output/expand.py)
    formats = ("latex",)
    #: Sphinx's LaTeX table styles; a table with any of them keeps its choice.
    STYLE_CLASSES = frozenset({"standard", "borderless", "booktabs", "colorrows", "nocolorrows"})

    def run(self, **kwargs: Any) -> None:
        with gc_paused():  # a big table's new nodes are long-lived: no collection finds any
            self.style_tables(page_for(*self.paper()))

    def style_tables(self, page: Page) -> None:
        for table in vlm_tables(self.document):
            if not self.STYLE_CLASSES.intersection(table["classes"]):
                table["classes"] += ["booktabs", "nocolorrows"]
            compact = self.compact_bodies(table)
            placed = placed_cells(table)  # each cell's text read once
            for node, texts in compact:
                placed += compact_cells(node, texts)
            fit_to_page(table, placed, page)  # from the cells' own text, first
            stubs = sum(1 for spec in colspecs(table) if spec.get("stub"))
            keep_names_whole(table)
            let_labels_hyphenate(table)
            keep_tokens_whole(placed, stubs)
            allow_breaks_after_slashes(placed)
            rules_between_groups(table, placed)
            for node, _texts in compact:  # their rows are written with these
                style_compact_body(table, node, stubs)
            before, after = (
                [r"\begingroup", FIT_BREAKS, *CELL_ALIGNMENT],
                [r"\global\sphinxvlmtablebodyfalse", r"\endgroup"],
            )
            if "booktabs" in table["classes"]:
                # A rule under each group header cell: Sphinx's booktabs style draws no
                # \sphinxcline unless told to (sphinxlatextables.sty says how); in the
                # header only, never between the rows of a merged group.
                before.append(r"\let\sphinxbooktabscmidrule\sphinxvlmtableheadrule")
                rules_in_header_only(table)
            if table.get("latex_font"):
                before.append("\\" + table["latex_font"])
            if table.get("latex_tight"):
                before.append(f"\\setlength{{\\tabcolsep}}{{{TIGHT_TABCOLSEP_PT}pt}}")
            if table.get("landscape"):
                before.insert(0, r"\begin{landscape}")
                after.append(r"\end{landscape}")
            # Built from our own fixed strings and a checked size name: never from data.
            parent, index = table.parent, table.parent.index(table)
            parent.insert(index + 1, nodes.raw("", "\n".join(after) + "\n", format="latex"))
            parent.insert(index, nodes.raw("", "\n".join(before) + "\n", format="latex"))

    def compact_bodies(self, table: nodes.table) -> list[tuple[vlmtable_body, list[list[str]]]]:
        """The table's compact bodies (LaTeX writes their rows from them), with their
        cells' texts."""
        return [
            (node, measured_texts(node, body_translator(node, self.config, str(self.env.srcdir))))
            for node in compact_bodies(table)
        ]

    def paper(self) -> tuple[str, str]:
        """The paper and body font size the LaTeX build uses."""
        elements = self.config.latex_elements or {}
        return str(elements.get("papersize", "letterpaper")), str(elements.get("pointsize", "10pt"))


def style_compact_body(table: nodes.table, node: vlmtable_body, stubs: int) -> None:
    """What the rows of a compact body get, as the expanded rows get it above: a name's
    breaks (when the first column is a stub), the rules between merged groups."""
    body: CompactBody = node["body"]
    specs = colspecs(table)
    spans = [(row, more, column) for row, column, more in body.spans]
    style = latex_style_of(node)
    style.stubs = stubs
    style.names_whole = bool(specs and specs[0].get("stub"))
    style.rules = group_rules(table["classes"], spans, len(body.rows), len(specs))


#: Sphinx sets each cell in a ``varwidth`` box, which justifies its paragraphs whatever
#: the column type says: in our tables each paragraph starts with the alignment its
#: column's type defines (``ALIGN_SPEC``), one definition per column rather than a
#: command in each of 70,000 cells. A cell spanning columns has no column type of its
#: own: it gets the command (``align_cells``).
CELL_ALIGNMENT = (
    r"\let\sphinxvlmtableatstartpar\sphinxAtStartPar",
    r"\protected\def\sphinxAtStartPar{\sphinxvlmtablecellalign\sphinxvlmtableatstartpar}",
)

#: In a header cell: labels may hyphenate (the column floors count on it).
HEADER_BREAKS = r"\hyphenpenalty=0\relax "


def let_labels_hyphenate(table: nodes.table) -> None:
    for thead in sections(table):
        if not isinstance(thead, nodes.thead):
            continue
        for paragraph in thead.findall(nodes.paragraph):
            paragraph.insert(0, nodes.raw("", HEADER_BREAKS, format="latex"))


#: In a fitted table: a word breaks only at its own hyphens (no hyphenation), so the
#: floor each column got holds its longest word; long lines stay ragged-right.
FIT_BREAKS = r"\hyphenpenalty=10000\relax"

#: The LaTeX column type for each alignment; ragged-right unless a column says.
ALIGN_SPEC = {
    align: rf">{{\def\sphinxvlmtablecellalign{{{command}}}{command}\arraybackslash}}"
    for align, command in (
        ("left", r"\raggedright"),
        ("center", r"\centering"),
        ("right", r"\raggedleft"),
    )
}


def fit_to_page(table: nodes.table, cells: Sequence[PlacedCell], page: Page) -> None:
    """Widths from the cells, then the font, orientation and table kind that fit."""
    specs = colspecs(table)
    spec_node = _spec_before(table)
    if not specs or (spec_node is not None and not spec_node.get("vlmtable")):
        return  # the page's own ``tabularcolumns`` decides
    stubs = sum(1 for colspec in specs if colspec.get("stub"))
    needs = column_needs(cells, len(specs), stubs)
    given = _latex_widths(table, len(specs)) or (
        [int(c.get("colwidth", 1)) for c in specs]
        if "colwidths-given" in table["classes"]
        else None
    )
    automatic = table.get("latex_fit", "auto") != "none"
    fit = fit_table(
        needs,
        page,
        font=table.get("latex_font"),
        landscape=bool(table.get("landscape")),
        automatic=automatic,
        given=given,
    )
    if automatic:
        table["latex_font"] = fit.font or table.get("latex_font")
        table["landscape"] = fit.landscape
        table["latex_tight"] = fit.tight
    if not fit.fits:
        where = "even in landscape at " if automatic else "at "
        log_warning(
            VlmTableWarning.OPTION,
            f"the table's longest words do not fit the page {where}"
            f"\\{fit.font or 'normalsize'}; give :latex-widths:, fewer :columns:, or "
            "a shorter word a line break",
            f"{table.source}:{table.line}",
        )
    aligns = _column_aligns(table, len(specs))
    spec = "".join(
        f"{ALIGN_SPEC[align]}\\Y{{{share:.3f}}}"
        for align, share in zip(aligns, fit.shares, strict=True)
    )
    align_cells(cells, aligns)
    if spec_node is None:
        spec_node = addnodes.tabular_col_spec(spec=spec, vlmtable=True)
        table.parent.insert(table.parent.index(table), spec_node)
    spec_node["spec"] = spec
    if "longtable" not in table["classes"] and _may_not_fit_a_page(table, cells, fit, stubs, page):
        table["classes"].append("longtable")


#: The same, inside a cell: Sphinx 9 sets each cell in a ``varwidth`` box, which
#: justifies its paragraphs whatever the column type says.
ALIGN_IN_CELL = {"left": r"\raggedright ", "center": r"\centering ", "right": r"\raggedleft "}


def align_cells(cells: Sequence[PlacedCell], aligns: list[str]) -> None:
    """The alignment of a cell that spans columns; the others take their column's."""
    for cell in cells:
        if cell.entry is None or not cell.morecols:
            continue
        align = aligns[cell.column] if cell.column < len(aligns) else "left"
        for paragraph in _paragraphs(cell.entry):
            raw = nodes.raw("", ALIGN_IN_CELL[align], format="latex")
            # In place, as Element.insert would but without looking up the document
            # for a source and line: a writer's command has neither (70,000 at 10k rows).
            raw.parent = paragraph
            paragraph.children.insert(0, raw)


def _paragraphs(entry: nodes.entry) -> list[nodes.paragraph]:
    """A cell's paragraphs: its own children (cells hold no nested blocks)."""
    return [child for child in entry.children if isinstance(child, nodes.paragraph)]


def _latex_widths(table: nodes.table, count: int) -> list[int] | None:
    """``:latex-widths:``, if it gives one width per shown column (else a warning)."""
    widths: list[int] | None = table.get("latex_widths")
    if widths and len(widths) != count:
        log_warning(
            VlmTableWarning.OPTION,
            f":latex-widths: gives {len(widths)} widths for {count} shown columns; it is left out",
            f"{table.source}:{table.line}",
        )
        return None
    return widths


def _spec_before(table: nodes.table) -> addnodes.tabular_col_spec | None:
    """The ``tabularcolumns`` spec the LaTeX writer takes for this table, if any."""
    index = table.parent.index(table)
    before = table.parent[index - 1] if index else None
    return before if isinstance(before, addnodes.tabular_col_spec) else None


def _column_aligns(table: nodes.table, count: int) -> list[str]:
    """Each column's alignment, as the view decided it (the body's data, or kept on its
    rows when they were made: ``output/expand.py``); left where it says nothing."""
    given: tuple[str | None, ...] = ()
    for section in sections(table):
        if isinstance(section, vlmtable_body):
            given = section["body"].aligns or given
        else:
            given = getattr(section, "column_aligns", ()) or given
    return [(given[column] if column < len(given) else None) or "left" for column in range(count)]


def _may_not_fit_a_page(
    table: nodes.table, cells: Sequence[PlacedCell], fit: Fit, stubs: int, page: Page
) -> bool:
    """Whether the table may be taller than a page (then only a longtable keeps every
    row); never inside another table or a list, where LaTeX has no longtable."""
    if any(
        isinstance(a, (nodes.table, nodes.list_item, nodes.Admonition)) for a in _ancestors(table)
    ):
        return False
    lines = page.width_em / 1.2 if fit.landscape else page.lines
    return table_lines(cells, fit, stubs, page) > lines - PAGE_MARGIN_LINES


def _ancestors(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


class LatexRowTargets(SphinxPostTransform):
    """In LaTeX a table row has no anchor of its own: its ids move to a target at the
    start of its first cell, so links to a model (``:vlm:model:``) land on its row."""

    default_priority = 952  # after the survey's style
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        with gc_paused():
            self.move_row_ids()

    def move_row_ids(self) -> None:
        for table in vlm_tables(self.document):
            for tbody in sections(table):
                for row in tbody.children if isinstance(tbody, nodes.tbody) else ():
                    if not isinstance(row, nodes.row) or not row["ids"]:
                        continue
                    first = next(row.findall(nodes.entry), None)
                    if first is not None:
                        anchor_row(first, row["ids"])
                        row["ids"] = []
