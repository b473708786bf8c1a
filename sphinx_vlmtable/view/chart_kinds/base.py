"""What a chart kind is: the questions the chart, its list and its drawing ask of it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the chart's data imports the kinds
    from sphinx_vlmtable.view.chart import ChartData


@dataclass(frozen=True)
class ChartKind:
    name: str
    #: Whether it needs ``:y:`` (a second typed column).
    needs_y: bool
    #: Whether its vertical axis is lanes, one per group (else the ``:y:`` column).
    lanes: bool
    #: Whether its names are placed, and its list read, in time order (else the view's).
    time_ordered: bool
    #: The chart in words (its alt text), from its count of models.
    describe: Callable[[ChartData, str], str]
    #: Each point's height on the vertical axis.
    heights: Callable[[ChartData], Sequence[float]]
    #: The figure's height in inches (its width is the page's).
    figure_height: Callable[[ChartData], float]
