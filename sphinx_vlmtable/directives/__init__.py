"""The directives, one module per family, each with its ``setup_<family>(app)``; every
one runs through the seam in ``base.py``.

A new directive is a module here (a ``DataDirective`` subclass that implements ``view``
and ``nodes``, and its setup function) and one line in ``FAMILIES``.
"""

from __future__ import annotations

from collections.abc import Callable

from sphinx.application import Sphinx

from sphinx_vlmtable.directives.changes import VlmChangesDirective, setup_changes
from sphinx_vlmtable.directives.chart import VlmChartDirective, setup_chart
from sphinx_vlmtable.directives.compare import VlmCompareDirective, setup_compare
from sphinx_vlmtable.directives.matrix import VlmMatrixDirective, setup_matrix
from sphinx_vlmtable.directives.table import VlmTableDirective, setup_table
from sphinx_vlmtable.directives.tasks import VlmTasksDirective, setup_tasks

FAMILIES: tuple[Callable[[Sphinx], None], ...] = (
    setup_table,
    setup_matrix,
    setup_tasks,
    setup_chart,
    setup_changes,
    setup_compare,
)

__all__ = [
    "FAMILIES",
    "VlmChangesDirective",
    "VlmChartDirective",
    "VlmCompareDirective",
    "VlmMatrixDirective",
    "VlmTableDirective",
    "VlmTasksDirective",
]
