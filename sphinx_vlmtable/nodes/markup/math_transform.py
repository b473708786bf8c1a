"""Math in a cell is kept only where the page has math of its own: one ``:math:`` would
otherwise add MathJax, a third-party script, to a page that had none."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from docutils import nodes
from docutils.transforms import Transform

from sphinx_vlmtable.nodes.compact import vlmtable_cell
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning


class MathOnlyWherePageHasMath(Transform):
    """Math in a cell stays math only where the page has math outside the tables' cells;
    elsewhere it shows its source, as code: a page's first math loads MathJax, a
    script from a third-party server, and a data file may not add one to a page."""

    default_priority = 840  # before SphinxDomains (850): the math domain notes math there

    def apply(self, **kwargs: Any) -> None:
        in_cells: list[nodes.Element] = []
        for cell in self.document.findall(vlmtable_cell):
            in_cells += _math_nodes(cell.findall(nodes.Element))
        if not in_cells:
            return
        own = set(map(id, in_cells))
        if any(id(node) not in own for node in _math_nodes(self.document.findall(nodes.Element))):
            return
        for node in in_cells:
            log_warning(
                VlmTableWarning.MARKUP,
                "a cell's math is shown as its source: the page has no math of its own "
                "(math loads a script from another server)",
                f"{node.source}:{node.line}" if node.source else None,
            )
            source = node.astext()
            node.replace_self(nodes.literal(source, source))


def _math_nodes(found: Iterable[nodes.Element]) -> Sequence[nodes.Element]:
    return [node for node in found if isinstance(node, (nodes.math, nodes.math_block))]
