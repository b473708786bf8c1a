"""Write-time transforms: expanding compact table bodies, and spans for writers without them."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .table import build_tbody, unspan, vlmtable_body


class ExpandTableBodies(SphinxPostTransform):
    """Replace each ``vlmtable_body`` with its rows, for every builder."""

    # Before the builders' own table handling and anything that walks table cells.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for body in list(self.document.findall(vlmtable_body)):
            body.replace_self(build_tbody(body))


class UnspanForPlainWriters(SphinxPostTransform):
    """man (tbl) and Texinfo (multitable) cannot draw merged cells: fill the grid instead."""

    default_priority = 6
    formats = ("man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "vlm-table" in table["classes"]:
                for tgroup in table.findall(nodes.tgroup):
                    unspan(tgroup)
