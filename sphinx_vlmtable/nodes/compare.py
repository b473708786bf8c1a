"""A comparison's table: the models as columns, the columns as rows under their groups.

Built whole at read time (it has at most four models); a row whose models differ has
the class ``vlm-differs`` (highlighted in HTML) and its label in italics (every
builder), as the legend under the table says.
"""

from __future__ import annotations

from collections.abc import Callable

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
    the row of names.

    One row header column (the compared column's label), then one data column per model.
    A column group's label is a row of its own above its columns' rows, spanning the
    table, so every compared value is a data cell in every writer (a group cell merged
    down a column of its own would shift the rows under it: HTML writers count a row's
    cells, not the columns they sit in, and would make the first value a header)."""
    tgroup = nodes.tgroup(cols=1 + len(view.models))
    for index in range(1 + len(view.models)):
        tgroup += nodes.colspec(colwidth=20 if index else 24, stub=int(index == 0))
    head = nodes.row()
    # The corner names what the header row holds (an empty header cell says nothing).
    head += nodes.entry("", nodes.paragraph(model_label, model_label))
    for model in view.models:
        head += nodes.entry("", nodes.paragraph("", "", model_name(model.name, model.identity)))
    tgroup += nodes.thead("", head)
    tbody = nodes.tbody()
    for index, row in enumerate(view.rows):
        if row.groups and (index == 0 or view.rows[index - 1].groups != row.groups):
            tbody += _group_row(row, len(view.models))
        tbody += _body_row(row, markup)
    tgroup += tbody
    table += tgroup
    return table


def _group_row(row: CompareRow, models: int) -> nodes.row:
    """The label of the group of the rows below, across the table."""
    group = " / ".join(row.groups)
    entry = nodes.entry("", nodes.paragraph(group, group), classes=["vlm-compare-group"])
    entry["morecols"] = models
    return nodes.row("", entry, classes=["vlm-compare-group-row"])


def _body_row(row: CompareRow, markup: MarkupNodes) -> nodes.row:
    line = nodes.row(classes=["vlm-differs"] if row.differs else [])
    label: nodes.Node = nodes.Text(row.label)
    if row.differs:
        label = nodes.emphasis(row.label, row.label)
    line += nodes.entry("", nodes.paragraph("", "", label))
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
