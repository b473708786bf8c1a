"""A chart drawn with matplotlib: SVG (text as text, colours that follow the page),
PDF or PNG bytes, the same bytes for the same input.

matplotlib is the ``charts`` extra: this module is imported only when a chart is
written (``output/chart.py``), never by a build without one. Everything a data file
gives is text to matplotlib: names, groups and labels are drawn with ``parse_math``
off (no mathtext), and the drawing starts from matplotlib's defaults, not the site's
``matplotlibrc`` (no ``text.usetex``: nothing of a data file reaches a TeX run).
"""

from __future__ import annotations

import io
import math
import re
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.ticker import Formatter, FuncFormatter, NullFormatter

from sphinx_vlmtable.view.chart import ChartData, ChartPoint

#: The colour of text, axes and ticks; in SVG it becomes ``currentColor`` (the page's
#: text colour, light or dark theme). An odd grey no style of ours uses otherwise.
FOREGROUND = "#010203"
#: Point colours that read on white and on a dark page alike (3:1 or more on both).
PALETTE = (
    "#3b82f6",
    "#f97316",
    "#10b981",
    "#ef4444",
    "#a855f7",
    "#eab308",
    "#06b6d4",
    "#ec4899",
    "#84cc16",
    "#64748b",
)
#: At most this many points get a name beside them (every point keeps its link).
MAX_LABELS = 60
_FONT_SIZE = 8.0
#: Pixels kept clear around each name.
_GAP = 2.0


def render_chart(
    chart: ChartData, urls: Sequence[str | None], file_format: str, prefix: str = "vlm-chart"
) -> bytes:
    """The chart as ``svg``, ``pdf`` or ``png`` bytes; ``urls`` link each point; an SVG's
    ids start with ``prefix`` (unique in its page)."""
    with _defaults(), warnings.catch_warnings():
        # matplotlib's own warnings (a layout it cannot make) are failures of this chart:
        # raised here, reported by the caller with the chart's line, and never printed.
        warnings.simplefilter("error")
        # Names in scripts DejaVu Sans lacks: SVG text is drawn by the reader's fonts;
        # the PDF and PNG show a box. Not a problem of the data, so not a warning.
        warnings.filterwarnings("ignore", r"Glyph \d+ .*missing from", UserWarning)
        figure = _draw(chart, urls)
        out = io.BytesIO()
        metadata: dict[str, Any] = {
            "svg": {"Date": None},
            "pdf": {"CreationDate": None, "ModDate": None},
            "png": {"Software": None},
        }[file_format]
        figure.savefig(
            out,
            format=file_format,
            metadata=metadata,
            transparent=True,
            dpi=150 if file_format == "png" else 100,
        )
    data = out.getvalue()
    if file_format != "svg":
        return data
    return _svg_for_page(data.decode("utf-8"), prefix).encode("utf-8")


@contextmanager
def _defaults() -> Iterator[None]:
    rc = {
        key: value
        for key, value in matplotlib.rcParamsDefault.items()
        if not key.startswith("backend")
    }
    rc.update(
        {
            "svg.fonttype": "none",  # text as text: selectable, searchable, read aloud
            "svg.hashsalt": "sphinx-vlmtable",  # stable ids
            "pdf.fonttype": 42,
            "font.family": "DejaVu Sans",  # shipped with matplotlib: the same everywhere
            "font.size": _FONT_SIZE,
            "text.usetex": False,
            "text.color": FOREGROUND,
            "axes.edgecolor": FOREGROUND,
            "axes.labelcolor": FOREGROUND,
            "xtick.color": FOREGROUND,
            "ytick.color": FOREGROUND,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "path.simplify": False,
        }
    )
    with matplotlib.rc_context(rc):
        yield


def _draw(chart: ChartData, urls: Sequence[str | None]) -> Figure:
    figure = Figure(figsize=(7.2, chart.shape.figure_height(chart)))
    FigureCanvasAgg(figure)  # a renderer that measures text, for placing the names
    axes = figure.add_subplot()
    ys = list(chart.shape.heights(chart))
    colours = _colours(chart)
    if chart.points:
        collection = axes.scatter(
            [p.x for p in chart.points], ys, s=22, c=colours, zorder=3, linewidths=0
        )
        collection.set_urls(list(urls))
    _style_axes(axes, chart)
    figure.tight_layout()
    _label_points(figure, axes, chart, ys, urls)
    return figure


def _colours(chart: ChartData) -> list[str]:
    index = {group: number for number, group in enumerate(chart.groups)}
    return [
        PALETTE[index[point.group] % len(PALETTE)] if point.group in index else PALETTE[0]
        for point in chart.points
    ]


def _style_axes(axes: Axes, chart: ChartData) -> None:
    axes.set_xlabel(chart.x_label, parse_math=False)
    if chart.x_log:
        axes.set_xscale("log")
        axes.xaxis.set_minor_formatter(NullFormatter())
    axes.xaxis.set_major_formatter(_ticks(chart.x_is_date))
    if not chart.shape.lanes:
        axes.set_ylabel(chart.y_label or "", parse_math=False)
        if chart.y_log:
            axes.set_yscale("log")
            axes.yaxis.set_minor_formatter(NullFormatter())
        axes.yaxis.set_major_formatter(_ticks(chart.y_is_date))
        axes.grid(True, color=FOREGROUND, alpha=0.12, linewidth=0.6)
    else:
        lanes = chart.groups or ("",)
        axes.set_yticks(range(len(lanes)), list(lanes))
        axes.set_ylim(len(lanes) - 0.4, -0.6)  # the first group on top
        axes.spines["left"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.grid(True, axis="x", color=FOREGROUND, alpha=0.12, linewidth=0.6)
        if chart.color_label:
            axes.set_ylabel(chart.color_label, parse_math=False)
    for label in (*axes.get_xticklabels(), *axes.get_yticklabels()):
        label.set_parse_math(False)
    if not chart.shape.lanes and chart.groups:  # lanes name their groups themselves
        _legend(axes, chart)


def _legend(axes: Axes, chart: ChartData) -> None:
    handles = [
        axes.scatter([], [], s=22, c=PALETTE[index % len(PALETTE)], linewidths=0)
        for index, _group in enumerate(chart.groups[: len(PALETTE)])
    ]
    legend = axes.legend(
        handles,
        list(chart.groups[: len(PALETTE)]),
        frameon=False,
        title=chart.color_label,
        fontsize=_FONT_SIZE - 1,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
    )
    for text in (*legend.get_texts(), legend.get_title()):
        text.set_parse_math(False)


_MAGNITUDES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


class _SizeTicks(Formatter):
    """``1k``, ``7B``, ``1.5T``, ``0.25``: sizes as surveys write them, never in the
    ``1e+03`` form, on a linear or a log axis. An axis's ticks are written alike: each
    in the largest unit not above it, unless one would then need more than two
    decimals (years as numbers: ``2019``, not ``2.019k``); then all are written out."""

    def __call__(self, x: float, pos: int | None = None) -> str:
        return self.format_ticks([x])[0]

    def format_ticks(self, values: Sequence[float]) -> list[str]:
        if any(_beyond_units(value) for value in values):
            return [_power_of_ten(value) for value in values]
        scaled = [_in_unit(value) for value in values]
        if all(round(number, 2) == number for number, _unit in scaled):
            return [_written(number) + unit for number, unit in scaled]
        return [_written(value) for value in values]


def _in_unit(value: float) -> tuple[float, str]:
    """``value`` in the largest unit not above it: ``(1.5, "k")`` for 1,500."""
    value = float(f"{value:.10g}")  # 0.30000000000000004 is 0.3
    for size, suffix in _MAGNITUDES:
        if abs(value) >= size:
            return float(f"{value / size:.10g}"), suffix
    return value, ""


#: Outside these, a size written out would be a row of zeros (``1e299``, ``1e-30``).
_LARGEST_WRITTEN, _SMALLEST_WRITTEN = 1e15, 1e-4
_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _beyond_units(value: float) -> bool:
    return value != 0 and not _SMALLEST_WRITTEN <= abs(value) < _LARGEST_WRITTEN


def _power_of_ten(value: float) -> str:
    """``10²⁹⁹``, ``2.5`` times ``10⁻³⁰``: a value no unit writes short, as a page prints it."""
    if value == 0:
        return "0"
    mantissa, exponent = f"{value:.2e}".split("e")
    power = "10" + str(int(exponent)).translate(_SUPERSCRIPTS)
    mantissa = mantissa.rstrip("0").rstrip(".")
    if mantissa in ("1", "-1"):
        return mantissa[:-1] + power
    return f"{mantissa}\u00d7{power}"  # the multiplication sign


def _written(value: float) -> str:
    """``value`` written out, never with an exponent (``1000``, ``0.00015``)."""
    written = format(Decimal(f"{value:.10g}"), "f")
    return written.rstrip("0").rstrip(".") if "." in written else written


def _ticks(dates: bool) -> Formatter:
    return FuncFormatter(_year_tick) if dates else _SizeTicks()


def _year_tick(value: float, _position: int | None) -> str:
    year = math.floor(value + 1e-9)
    month = round((value - year) * 12) + 1
    return str(year) if month in (1, 13) else f"{year}-{month:02d}"


@dataclass
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: _Box) -> bool:
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )


class _Occupied:
    """Boxes already taken, in a grid of cells: a new box is checked against its
    neighbours only, so placing n names costs about n steps, not n squared."""

    def __init__(self, cell: float = 40.0) -> None:
        self.cell = cell
        self.cells: dict[tuple[int, int], list[_Box]] = {}

    def _keys(self, box: _Box) -> Iterator[tuple[int, int]]:
        for i in range(int(box.x0 // self.cell), int(box.x1 // self.cell) + 1):
            for j in range(int(box.y0 // self.cell), int(box.y1 // self.cell) + 1):
                yield i, j

    def free(self, box: _Box) -> bool:
        return not any(box.overlaps(o) for key in self._keys(box) for o in self.cells.get(key, ()))

    def take(self, box: _Box) -> None:
        for key in self._keys(box):
            self.cells.setdefault(key, []).append(box)


#: Where a name may go, in points from its point: (dx, dy, horizontal alignment).
_PLACES = (
    (5, 3, "left"),
    (5, -9, "left"),
    (-5, 3, "right"),
    (-5, -9, "right"),
    (0, 6, "center"),
    (0, -13, "center"),
    # Farther away, with a thin line to the point:
    (8, 14, "left"),
    (8, -22, "left"),
    (-8, 14, "right"),
    (-8, -22, "right"),
    (0, 22, "center"),
    (0, -30, "center"),
    (14, 26, "left"),
    (-14, -36, "right"),
)
#: Beyond this many points from the point, a name gets a line to it.
_LEADER_FROM = 10


def _label_points(
    figure: Figure, axes: Axes, chart: ChartData, ys: Sequence[float], urls: Sequence[str | None]
) -> None:
    """A name beside each point (up to MAX_LABELS), where it overlaps no other name, no
    point and stays inside the axes; a name that fits nowhere is left off."""
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    to_pixels = axes.transData.transform
    bounds = axes.get_window_extent(renderer)
    right = min(figure.bbox.x1 - 2, bounds.x1 + 30)  # a name may pass the axes a little
    occupied = _Occupied()
    centres = [tuple(to_pixels((point.x, y))) for point, y in zip(chart.points, ys, strict=True)]
    for cx, cy in centres:
        occupied.take(_Box(cx - 3, cy - 3, cx + 3, cy + 3))
    scale = figure.dpi / 72
    for index in _label_order(chart)[:MAX_LABELS]:
        point, (cx, cy) = chart.points[index], centres[index]
        text = Text(0, 0, point.name, fontsize=_FONT_SIZE - 0.5, parse_math=False)
        text.set_figure(figure)
        extent = text.get_window_extent(renderer)
        width, height = extent.width, extent.height
        for dx, dy, align in _PLACES:
            left = cx + dx * scale - {"left": 0, "right": width, "center": width / 2}[align]
            bottom = cy + dy * scale
            box = _Box(left - _GAP, bottom - _GAP, left + width + _GAP, bottom + height + _GAP)
            inside = bounds.x0 <= box.x0 and box.x1 <= right and bounds.y0 <= box.y0
            if inside and box.y1 <= bounds.y1 and occupied.free(box):
                occupied.take(box)
                leader = abs(dy) > _LEADER_FROM + 4 or abs(dx) > _LEADER_FROM
                arrow = (
                    {
                        "arrowstyle": "-",
                        "color": FOREGROUND,
                        "alpha": 0.45,
                        "lw": 0.5,
                        "shrinkA": 1,
                        "shrinkB": 3,
                    }
                    if leader
                    else None
                )
                label = axes.annotate(
                    point.name,
                    (point.x, ys[index]),
                    xytext=(dx, dy),
                    textcoords="offset points",
                    ha=align,
                    va="bottom",
                    fontsize=_FONT_SIZE - 0.5,
                    annotation_clip=False,
                    arrowprops=arrow,
                )
                label.set_parse_math(False)
                label.set_url(urls[index])
                break


def _label_order(chart: ChartData) -> list[int]:
    """Which names first: by time where the kind reads in time, else the view's order."""
    order = list(range(len(chart.points)))
    if chart.shape.time_ordered:
        order.sort(key=lambda index: (_x(chart.points[index]), index))
    return order


def _x(point: ChartPoint) -> float:
    return point.x


_TAG = re.compile(r"<[^>]*>")
_STYLE = re.compile(r'(style|fill|stroke)="([^"]*)"')
_ID = re.compile(r' id="([^"]+)"')
_LOCAL_REFERENCE = re.compile(r'(href="#|url\(#)([^")]+)')


def _svg_for_page(svg: str, prefix: str) -> str:
    """matplotlib's SVG made fit to sit in a page: no XML prologue, the foreground as
    ``currentColor``, sized by its box (it scales to the column), and its own ids
    prefixed (a page may hold several charts; links to rows are left alone). Only tags
    are rewritten, never text between them: a name is drawn as written."""
    svg = svg[svg.index("<svg") :]
    # RDF metadata (the creator's name) is not for a page; HTML validators refuse it.
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, count=1, flags=re.S)
    svg = re.sub(r'<svg([^>]*?) width="[^"]*" height="[^"]*"', r"<svg\1", svg, count=1)
    own = {found for tag in _TAG.findall(svg) for found in _ID.findall(tag)}

    def local(match: re.Match[str]) -> str:
        return f"{match[1]}{prefix}-{match[2]}" if match[2] in own else match[0]

    def rewrite(tag: re.Match[str]) -> str:
        text = _STYLE.sub(lambda m: f'{m[1]}="{m[2].replace(FOREGROUND, "currentColor")}"', tag[0])
        text = _ID.sub(lambda m: f' id="{prefix}-{m[1]}"', text)
        if text.startswith("<a "):  # a row of this site: open it here, not in a new tab
            text = text.replace(' target="_blank"', "")
        return _LOCAL_REFERENCE.sub(local, text)

    return _TAG.sub(rewrite, svg)
