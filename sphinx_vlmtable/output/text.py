"""Writers that cannot draw merged cells (man's tbl, Texinfo's multitable): every grid
position gets its own entry, so the cells after a span stay in their columns."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.nodes.build import vlm_tables


class UnspanForPlainWriters(SphinxPostTransform):
    """man (tbl) and Texinfo (multitable) cannot draw merged cells: fill the grid instead."""

    default_priority = 951  # after the late expansion (output/expand.py)
    formats = ("man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            for tgroup in table.findall(nodes.tgroup):
                unspan(tgroup)


def unspan(tgroup: nodes.tgroup) -> None:
    """Give every grid position its own entry, for writers that cannot draw spans.

    A merged cell keeps its text in its first position; the positions it covered get
    empty entries, so the grid stays aligned (man's tbl and Texinfo's multitable
    would otherwise shift the cells after a span to the left).
    """
    for section in tgroup.children:
        if not isinstance(section, (nodes.thead, nodes.tbody)):
            continue
        covered: set[tuple[int, int]] = set()  # positions under a cell from a row above
        for row_index, row in enumerate(r for r in section.children if isinstance(r, nodes.row)):
            entries: list[nodes.Element] = [e for e in row.children if isinstance(e, nodes.entry)]
            row.clear()
            column = 0
            for entry in [*entries, None]:
                while (row_index, column) in covered:
                    row += nodes.entry()
                    column += 1
                if entry is None:
                    break
                more_rows = entry.attributes.pop("morerows", 0)
                more_cols = entry.attributes.pop("morecols", 0)
                covered.update(
                    (row_index + below, column + offset)
                    for below in range(1, more_rows + 1)
                    for offset in range(more_cols + 1)
                )
                row += entry
                row.extend(nodes.entry() for _ in range(more_cols))
                column += 1 + more_cols
