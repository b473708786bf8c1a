"""A timeline: models along a date axis, in one lane per group (``:color:``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sphinx_vlmtable.view.chart_kinds.base import ChartKind

if TYPE_CHECKING:
    from sphinx_vlmtable.view.chart import ChartData

#: How far a point moves up or down from its lane where points crowd, in lanes.
_OFFSETS = (0.0, 0.22, -0.22, 0.11, -0.11, 0.33, -0.33)


def _describe(chart: ChartData, models: str) -> str:
    return f"Timeline of {models} by {chart.x_label}"


def _levels(chart: ChartData) -> list[float]:
    """Each point's height: its group's lane, nudged up or down where points crowd."""
    lane = {group: number for number, group in enumerate(chart.groups)}
    xs = [point.x for point in chart.points]
    span = (max(xs) - min(xs)) if xs else 1.0
    near = span / 40 or 0.05
    last: dict[int, tuple[float, int]] = {}
    levels = [0.0] * len(chart.points)
    for index in sorted(range(len(xs)), key=lambda i: (xs[i], i)):
        base = lane.get(chart.points[index].group or "", 0)
        previous = last.get(base)
        crowded = previous is not None and xs[index] - previous[0] < near
        step = (previous[1] + 1) % len(_OFFSETS) if previous and crowded else 0
        last[base] = (xs[index], step)
        levels[index] = base + _OFFSETS[step]
    return levels


def _height(chart: ChartData) -> float:
    lanes = max(1, len(chart.groups))
    return min(12.0, max(2.8, 0.8 * lanes + 1.4))


TIMELINE = ChartKind(
    name="timeline",
    needs_y=False,
    lanes=True,
    time_ordered=True,
    describe=_describe,
    heights=_levels,
    figure_height=_height,
)
