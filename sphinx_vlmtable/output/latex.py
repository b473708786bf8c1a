"""LaTeX: the survey's look (booktabs rules, whole model names, font size, landscape)
and row anchors, on the expanded tables. The package ``sphinxvlmtable.sty`` (in
``texinputs/``) defines what these use."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.nodes.build import vlm_tables


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
            keep_names_whole(table)
            before, after = [r"\begingroup"], [r"\endgroup"]
            if "booktabs" in table["classes"]:
                # A rule under each group header cell: Sphinx's booktabs style draws no
                # \sphinxcline unless told to (sphinxlatextables.sty says how).
                before.append(
                    r"\def\sphinxbooktabscmidrule{\sphinxtabledecrementrownum\cmidrule(lr)}"
                )
            if table.get("latex_font"):
                before.append("\\" + table["latex_font"])
            if table.get("landscape"):
                before.insert(0, r"\begin{landscape}")
                after.append(r"\end{landscape}")
            # Built from our own fixed strings and a checked size name: never from data.
            parent, index = table.parent, table.parent.index(table)
            parent.insert(index + 1, nodes.raw("", "\n".join(after) + "\n", format="latex"))
            parent.insert(index, nodes.raw("", "\n".join(before) + "\n", format="latex"))


def keep_names_whole(table: nodes.table) -> None:
    """A model's name is never hyphenated nor broken at its own hyphens (Qwen2.5-VL):
    the name in each row's stub cell is set in one box."""
    colspecs = list(table.findall(nodes.colspec))
    if not colspecs or not colspecs[0].get("stub"):
        return
    for tbody in table.findall(nodes.tbody):
        for row in tbody.children:
            first = next(row.findall(nodes.paragraph), None) if isinstance(row, nodes.row) else None
            if first is None:
                continue
            first.insert(0, nodes.raw("", r"\mbox{", format="latex"))
            first.append(nodes.raw("", "}", format="latex"))


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
