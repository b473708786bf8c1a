"""A comparison's table: the models as columns, the columns as grouped row headers.

Built whole at read time (it has at most four models); a row whose models differ has
the class ``vlm-differs`` (highlighted in HTML) and its label in italics (every
builder), as the legend under the table says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes

from sphinx_vlmtable.nodes.chart import model_name
from sphinx_vlmtable.view.compare import CompareRow, CompareView
from sphinx_vlmtable.view.table import ViewCell
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords

#: The nodes of a markup cell, from its cell and the model's row (None: plain text).
MarkupNodes = Callable[[ViewCell, CompareRow, int], list[nodes.Node] | None]


def compare_table(
    view: CompareView, table: nodes.table, markup: MarkupNodes, model_label: str = "Model"
) -> nodes.table:
    """Fill ``table`` (its classes, caption and name already set); ``model_label`` heads
    the row of names."""
    grouped = any(row.groups for row in view.rows)
    stubs = 2 if grouped else 1
    tgroup = nodes.tgroup(cols=stubs + len(view.models))
    for index in range(stubs + len(view.models)):
        tgroup += nodes.colspec(colwidth=14 if index < stubs else 20, stub=int(index < stubs))
    head = nodes.row()
    # The corner names what the header row holds (an empty header cell says nothing).
    corner = nodes.entry("", nodes.paragraph(model_label, model_label))
    if grouped:
        corner["morecols"] = 1
    head += corner
    for model in view.models:
        head += nodes.entry("", nodes.paragraph("", "", model_name(model.name, model.identity)))
    tgroup += nodes.thead("", head)
    tbody = nodes.tbody()
    for index in range(len(view.rows)):
        tbody += _body_row(view.rows, index, grouped, markup)
    tgroup += tbody
    table += tgroup
    return table


def _body_row(
    rows: Sequence[CompareRow], index: int, grouped: bool, markup: MarkupNodes
) -> nodes.row:
    row = rows[index]
    line = nodes.row(classes=["vlm-differs"] if row.differs else [])
    label: nodes.Node = nodes.Text(row.label)
    if row.differs:
        label = nodes.emphasis(row.label, row.label)
    group = " / ".join(row.groups)
    if grouped and row.groups:
        if index == 0 or rows[index - 1].groups != row.groups:  # the first of its group
            span = 1
            while index + span < len(rows) and rows[index + span].groups == row.groups:
                span += 1
            entry = nodes.entry("", nodes.paragraph(group, group), classes=["vlm-compare-group"])
            if span > 1:
                entry["morerows"] = span - 1
            line += entry
        line += nodes.entry("", nodes.paragraph("", "", label))
    else:
        entry = nodes.entry("", nodes.paragraph("", "", label))
        if grouped:
            entry["morecols"] = 1
        line += entry
    for column, cell in enumerate(row.cells):
        parsed = markup(cell, row, column)
        content: list[nodes.Node]
        if parsed is not None:
            content = parsed
        elif cell.link is not None:
            content = [nodes.reference(cell.text, cell.text, refuri=cell.link)]
        else:
            content = [nodes.Text(cell.text)]
        line += nodes.entry("", nodes.paragraph(cell.text, "", *content))
    return line


def differs_legend(words: EntryWords = DEFAULT_WORDS) -> nodes.paragraph:
    text = f"Rows in italics differ between the {words.many}."
    return nodes.paragraph(text, text, classes=["vlm-compare-legend"])
