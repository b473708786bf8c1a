"""A chart's points from a table view: which models, where, in which group. Pure.

``vlm-chart`` takes the rows a view chooses (``:filter:``, ``:sort:``) and reads each
one's typed values as the table sorts them: a date column gives a point in time, a
number column a number (``~7B``, ``1.2T`` as sorting reads them). Models without a
value on an axis are left out and counted. Drawing is ``output/chart_render.py``'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sphinx_vlmtable.data.model import MODEL_KEY, Column, SurveyData, iter_leaves
from sphinx_vlmtable.data.values import DateValue, Value
from sphinx_vlmtable.view.chart_kinds import CHART_KINDS, ChartKind
from sphinx_vlmtable.view.options import ViewError
from sphinx_vlmtable.view.readings import Reading
from sphinx_vlmtable.view.table import TableView
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords

#: A number axis is drawn on a log scale (unless ``:log:`` says) when its values are all
#: positive and span this factor or more: model sizes from 1B to 1T.
LOG_SPAN = 100


@dataclass(frozen=True)
class ChartOptions:
    kind: str
    x: str
    y: str | None = None
    color: str | None = None
    #: ``x``, ``y``, both, or neither on a log scale; None: chosen from the values.
    log: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One model: its name, what links to its row, its place and its texts as written."""

    name: str
    identity: str
    x: float
    y: float | None
    x_text: str
    y_text: str | None
    group: str | None


@dataclass(frozen=True)
class ChartData:
    kind: str
    x_label: str
    y_label: str | None
    color_label: str | None
    points: tuple[ChartPoint, ...]
    #: The groups (``:color:``) in order of first appearance; empty without ``:color:``.
    groups: tuple[str, ...]
    #: Models of the view left out for want of a value on an axis.
    left_out: int
    x_is_date: bool
    y_is_date: bool
    x_log: bool
    y_log: bool
    #: Axes ``:log:`` asked for that have a value at or below zero (drawn linear).
    log_refused: tuple[str, ...] = ()
    #: What its points are called (``vlmtable_entry_label``): "6 models".
    words: EntryWords = DEFAULT_WORDS

    @property
    def shape(self) -> ChartKind:
        """What its kind says of it (``chart_kinds``)."""
        return CHART_KINDS[self.kind]

    def description(self) -> str:
        """What the chart shows, in words: its alt text."""
        count = len(self.points)
        text = self.shape.describe(self, self.words.count(count))
        if self.color_label:
            text += f", coloured by {self.color_label}"
        return text + "."


def chart_data(
    data: SurveyData, view: TableView, readings: dict[str, Reading], options: ChartOptions
) -> ChartData:
    """The chart of a view's rows; ViewError for an option that names a wrong column."""
    columns = {leaf.key: leaf for leaf in iter_leaves(data.columns) if leaf.key is not None}
    x_column = _axis_column(columns, options.x, "x", ("date", "number"))
    y_column = None
    if CHART_KINDS[options.kind].needs_y:
        if options.y is None:
            raise ViewError(f"a {options.kind} needs :y: (a number or date column's key)")
        y_column = _axis_column(columns, options.y, "y", ("date", "number"))
    color_column = (
        _axis_column(columns, options.color, "color", ("text",)) if options.color else None
    )
    points, left_out = [], 0
    groups: dict[str, None] = {}
    for row in view.rows:
        values = row.model.reading_values
        x_text, y_text = values.get(options.x), values.get(options.y or "")
        x = _number(readings[options.x].value(x_text)) if x_text is not None else None
        y = None
        if y_column is not None:
            y = _number(readings[y_column.key or ""].value(y_text)) if y_text is not None else None
        if x is None or (y_column is not None and y is None):
            left_out += 1
            continue
        group = row.model.values.get(options.color or "") if color_column else None
        if color_column is not None:
            group = group if group and group not in readings[options.color or ""].missing else "-"
            groups.setdefault(group)
        points.append(
            ChartPoint(
                row.model.name,
                row.model.identity,
                x,
                y,
                row.model.values[options.x],
                row.model.values.get(options.y or ""),
                group,
            )
        )
    return ChartData(
        kind=options.kind,
        x_label=x_column.label,
        y_label=y_column.label if y_column else None,
        color_label=color_column.label if color_column else None,
        points=tuple(points),
        groups=tuple(groups),
        left_out=left_out,
        x_is_date=x_column.type == "date",
        y_is_date=y_column is not None and y_column.type == "date",
        x_log=_log_axis(options, "x", x_column, [point.x for point in points]),
        y_log=y_column is not None
        and _log_axis(options, "y", y_column, [point.y for point in points if point.y is not None]),
        log_refused=tuple(
            axis
            for axis, values in (("x", [p.x for p in points]), ("y", [p.y for p in points]))
            if options.log and axis in options.log and any(v is not None and v <= 0 for v in values)
        ),
    )


def _axis_column(
    columns: dict[str, Column], key: str | None, option: str, types: tuple[str, ...]
) -> Column:
    column = columns.get(key or "")
    if column is None or key == MODEL_KEY:
        known = ", ".join(k for k, c in columns.items() if c.type in types and k != MODEL_KEY)
        raise ViewError(
            f":{option}: {key!r} is not a column of the file ({_kinds(types)}: {known or 'none'})"
        )
    if column.type not in types:
        raise ViewError(
            f":{option}: the column {key!r} is of type {column.type!r}; "
            f"{_kinds(types)} it must be (set its 'type')"
        )
    return column


def _kinds(types: tuple[str, ...]) -> str:
    return " or ".join(f"{kind} columns" for kind in types)


def _number(value: Value | None) -> float | None:
    """A date as a fractional year, a number as a float; None for anything else."""
    if isinstance(value, DateValue):
        month = (value.month or 1) - 1
        day = (value.day or 1) - 1
        seconds = max(value.hour, 0) * 3600 + max(value.minute, 0) * 60 + max(value.second, 0)
        return value.year + month / 12 + (day + seconds / 86400) / 372
    if isinstance(value, Decimal):
        number = float(value)
        return number if abs(number) < 1e300 else None
    return None


def _log_axis(options: ChartOptions, axis: str, column: Column, values: list[float]) -> bool:
    if column.type != "number":
        return False
    if options.log is not None:
        return axis in options.log and bool(values) and min(values) > 0
    return bool(values) and min(values) > 0 and max(values) / min(values) >= LOG_SPAN
