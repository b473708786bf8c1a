"""``vlm-chart``: a release timeline, or a scatter of two typed columns."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from docutils import nodes
from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.directives import options as convert
from sphinx_vlmtable.directives.base import DataDirective, Loaded, Unshowable
from sphinx_vlmtable.nodes.chart import chart_node, vlmtable_chart, vlmtable_model_name
from sphinx_vlmtable.output.chart import CHART_VISITORS, resolve_charts, resolve_model_names
from sphinx_vlmtable.state import note_model_links
from sphinx_vlmtable.view.chart import ChartData, ChartOptions, chart_data
from sphinx_vlmtable.view.chart_kinds import CHART_KINDS
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.readings import column_readings
from sphinx_vlmtable.view.table import build_view
from sphinx_vlmtable.warnings_ import VlmTableWarning


def _kind(argument: str) -> str:
    return directives.choice(argument, tuple(CHART_KINDS))


class VlmChartDirective(DataDirective[ChartData]):
    """``.. vlm-chart:: data/vlms.yaml`` with ``:x: year``: a timeline, or with ``:y:`` a
    scatter, of the models a view chooses."""

    option_spec: ClassVar[OptionSpec] = {
        "kind": _kind,
        "x": directives.unchanged_required,
        "y": directives.unchanged_required,
        "color": directives.unchanged_required,
        "log": convert.log_axes,
        "filter": directives.unchanged_required,
        "sort": directives.unchanged_required,
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "kind": "``timeline`` (the default without ``:y:``): models along a date axis, in "
        "lanes by ``:color:``; ``scatter`` (the default with ``:y:``): two typed columns.",
        "x": "The key of the date or number column along the horizontal axis (required).",
        "y": "A scatter's vertical axis: a number or date column's key.",
        "color": "A text column's key: points coloured by its value (a timeline's lanes).",
        "log": "``x``, ``y``, ``x, y`` or ``none``: which number axes are logarithmic "
        "(default: an axis whose positive values span a factor of 100 or more).",
        "filter": "As in ``vlm-table``: the models shown, such as ``year >= 2023``.",
        "sort": "As in ``vlm-table``: which names are placed first when they crowd.",
        "caption": "The chart's caption (inline markup allowed); by default it says what "
        "the chart shows. Models left out for want of a value are counted in it.",
        "name": "A label for ``ref`` and ``numref``.",
        "class": "Extra classes on the figure (it always has ``vlm-chart-figure``).",
    }

    def view(self, loaded: Loaded) -> ChartData:
        data, options = loaded.data, self.options
        chosen = ViewOptions(
            filter=options.get("filter"), sort=options.get("sort"), missing=self.settings.missing
        )
        # How each column is read: once, for the rows the view chooses and for the axes.
        readings = column_readings(data, chosen)
        try:
            view = build_view(data, chosen, readings)
        except ViewError as error:
            raise Unshowable(VlmTableWarning.OPTION, str(error)) from None
        if "x" not in options:
            raise Unshowable(VlmTableWarning.OPTION, "a chart needs :x: (a date or number column)")
        kind = options.get("kind", "scatter" if "y" in options else "timeline")  # the defaults
        wanted = ChartOptions(
            kind, options["x"], options.get("y"), options.get("color"), options.get("log")
        )
        try:
            chart = replace(chart_data(data, view, readings, wanted), words=self.words)
        except ViewError as error:
            raise Unshowable(VlmTableWarning.OPTION, str(error)) from None
        for axis in chart.log_refused:
            self.warn_here(
                VlmTableWarning.OPTION,
                f":log: {axis}: the axis has values at or below zero, which a log scale "
                "cannot show; it is drawn linear",
            )
        if not chart.points:
            raise Unshowable(
                VlmTableWarning.OPTION,
                f"no {self.words.one} shown has a value on the chart's axes (of "
                f"{len(view.rows)} {self.words.many})",
            )
        return chart

    def nodes(self, view: ChartData, loaded: Loaded) -> list[Node]:
        node = chart_node(view)
        self.set_source_info(node)
        figure = nodes.figure(
            "", node, classes=["vlm-chart-figure", *self.options.get("class", [])]
        )
        self.set_source_info(figure)
        caption = self.caption(self.options.get("caption"), view.description())
        if view.left_out:
            caption += nodes.Text(" " + left_out_note(view))
        figure += caption
        self.add_name(figure)
        return [figure]

    def register(self, view: ChartData, made: list[Node], loaded: Loaded) -> None:
        note_model_links(self.env, {point.identity for point in view.points})


def left_out_note(chart: ChartData) -> str:
    axes = chart.x_label if chart.y_label is None else f"{chart.x_label} or {chart.y_label}"
    return f"({chart.words.count(chart.left_out)} without a value for {axes} left out.)"


def setup_chart(app: Sphinx) -> None:
    app.add_directive("vlm-chart", VlmChartDirective)
    app.add_node(vlmtable_chart, **CHART_VISITORS)  # type: ignore[arg-type]
    app.connect("doctree-resolved", resolve_charts)
    app.add_node(vlmtable_model_name)  # a link or its text by write time
    app.connect("doctree-resolved", resolve_model_names)
