"""The matrix's legend: what each state's mark means."""

from __future__ import annotations

from docutils import nodes

from sphinx_vlmtable.nodes.compact import state_class
from sphinx_vlmtable.view.matrix import STATES


def matrix_legend() -> nodes.paragraph:
    """What the marks mean: each state with its mark (drawn by the stylesheet in HTML)."""
    legend = nodes.paragraph("", "", classes=["vlm-legend"])
    legend += nodes.Text("Legend: ")
    for index, state in enumerate(STATES):
        if index:
            legend += nodes.Text(", ")
        legend += nodes.inline(state, state, classes=["vlm-legend-item", state_class(state)])
    return legend
