"""A scatter: two typed columns against each other (model size against a score)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_vlmtable.view.chart_kinds.base import ChartKind

if TYPE_CHECKING:
    from sphinx_vlmtable.view.chart import ChartData


def _describe(chart: ChartData, models: str) -> str:
    return f"Scatter plot of {models}: {chart.y_label} against {chart.x_label}"


def _heights(chart: ChartData) -> list[float]:
    return [point.y or 0.0 for point in chart.points]


SCATTER = ChartKind(
    name="scatter",
    needs_y=True,
    lanes=False,
    time_ordered=False,
    describe=_describe,
    heights=_heights,
    figure_height=lambda chart: 3.6,
)
