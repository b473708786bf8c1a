"""Chart kinds: what each one asks of the columns, how it lays out its points, and how
it reads in words. Pure; drawing them is ``output/chart_render.py``'s job, from what the
kind says.

A new kind is one module here (a ``ChartKind``) and one line in ``CHART_KINDS``.
"""

from __future__ import annotations

from sphinx_vlmtable.view.chart_kinds.base import ChartKind
from sphinx_vlmtable.view.chart_kinds.scatter import SCATTER
from sphinx_vlmtable.view.chart_kinds.timeline import TIMELINE

CHART_KINDS: dict[str, ChartKind] = {kind.name: kind for kind in (TIMELINE, SCATTER)}

__all__ = ["CHART_KINDS", "ChartKind"]
