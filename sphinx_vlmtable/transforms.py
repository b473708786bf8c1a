"""Write-time transforms for particular outputs: spans for writers without them, the
LaTeX table style and row targets. (The body's expansion is in ``compact.py``, the HTML
scroll box in ``assets.py``.)"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .table import unspan


def vlm_tables(document: nodes.document) -> list[nodes.table]:
    """The tables the extension built, in document order (a list: callers may move them)."""
    return [table for table in document.findall(nodes.table) if "vlm-table" in table["classes"]]


class UnspanForPlainWriters(SphinxPostTransform):
    """man (tbl) and Texinfo (multitable) cannot draw merged cells: fill the grid instead."""

    default_priority = 6
    formats = ("man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            for tgroup in table.findall(nodes.tgroup):
                unspan(tgroup)


class LatexSurveyStyle(SphinxPostTransform):
    """In LaTeX, the survey's look: rules above, under the header and below (booktabs),
    no shaded rows, unless the table asks for a style of its own with ``:class:``."""

    default_priority = 6
    formats = ("latex",)
    #: Sphinx's LaTeX table styles; a table with any of them keeps its choice.
    STYLE_CLASSES = frozenset({"standard", "borderless", "booktabs", "colorrows", "nocolorrows"})

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            if not self.STYLE_CLASSES.intersection(table["classes"]):
                table["classes"] += ["booktabs", "nocolorrows"]


class LatexRowTargets(SphinxPostTransform):
    """In LaTeX a table row has no anchor of its own: its ids move to a target at the
    start of its first cell, so links to a model (``:vlm:model:``) land on its row."""

    default_priority = 6
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            for tbody in table.findall(nodes.tbody):
                for row in tbody.children:
                    if not isinstance(row, nodes.row) or not row["ids"]:
                        continue
                    first = next(row.findall(nodes.paragraph), None)
                    if first is None:
                        continue
                    first.insert(0, nodes.target("", "", ids=row["ids"]))
                    row["ids"] = []
