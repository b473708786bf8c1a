"""Data and options to a ``TableView``: which rows and columns a table shows, in what
order, with what spans, links, widths and sort keys. Pure; no docutils, no Sphinx.

The directive, the table nodes and every later reader (exports, the interactive
table) take the same ``TableView``, so a table is computed in one place.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from . import patterns
from .layout import ColumnSelectionError, HeaderCell, header_rows, select_columns
from .schema import (
    DEFAULT_LAYOUT_HINT,
    MODEL_KEY,
    Column,
    Model,
    SurveyData,
    iter_leaves,
    missing_texts,
)
from .values import DateValue, Value, describe_type, natural_key, parse_value


class ViewError(ValueError):
    """A bad option; ``position`` is 0-based in the option's value, when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


# -- the view ----------------------------------------------------------------------

Widths = list[int] | Literal["auto"] | None
#: The text a markup cell shows, from its syntax and its text as written.
Renderer = Callable[[str, str], str]


@dataclass(frozen=True)
class ViewOptions:
    """The directive's options that shape the view, already converted."""

    columns: Sequence[str] | None = None
    filter: str | None = None
    sort: str | None = None
    merge: Sequence[str] = ()
    widths: Widths = None
    #: The text of a cell whose model has no value for it (``vlmtable_missing``).
    missing: str = "-"
    #: How markup cells read as text, for sorting and filtering (default: as written).
    render: Renderer | None = None


@dataclass(frozen=True, eq=False)
class Reading:
    """How one column's cells are compared: their type, the texts that mean no value,
    and, for markup cells, the text they show."""

    key: str
    type: str = "text"
    missing: frozenset[str] = frozenset(("-",))
    markup: str | None = None
    render: Renderer | None = None

    def shown_text(self, text: str) -> str:
        """What the cell reads as: a markup cell's rendered text, or the text itself."""
        if self.markup is not None and self.render is not None:
            return self.render(self.markup, text)
        return text

    def value(self, text: str) -> Value | None:
        """The sort and filter value; None for no value or one that does not parse."""
        if text in self.missing:
            return None
        return parse_value(self.shown_text(text), self.type)


def column_readings(data: SurveyData, options: ViewOptions) -> dict[str, Reading]:
    """How each column of the file (shown or not) is read."""
    return {
        leaf.key: Reading(
            leaf.key,
            leaf.type,
            missing_texts(leaf, data.missing, options.missing),
            leaf.markup,
            options.render,
        )
        for leaf in iter_leaves(data.columns)
        if leaf.key is not None
    }


@dataclass(frozen=True, slots=True)
class ViewCell:
    """One body cell: its text as written, where it links, how many rows below it covers,
    whether it holds its column's best value, and how its column is read."""

    text: str
    link: str | None = None
    morerows: int = 0
    best: bool = False
    reading: Reading | None = None

    @property
    def sort_key(self) -> Value | None:
        """The value it sorts by (numbers and dates by value); None for no value."""
        if self.reading is None:
            return natural_key(self.text)
        return self.reading.value(self.text)

    @property
    def markup(self) -> str | None:
        """The inline syntax of the cell's text, or None for plain text."""
        return self.reading.markup if self.reading is not None else None

    @property
    def is_missing(self) -> bool:
        """Whether the cell says "no value" (a placeholder, shown as written)."""
        return self.reading is not None and self.text in self.reading.missing


@dataclass(frozen=True, slots=True)
class ViewRow:
    #: The row's model (its name gives the row's id where the page's ids are known).
    model: Model
    #: One per leaf column; ``None`` where a merged cell from a row above covers it.
    cells: tuple[ViewCell | None, ...]


@dataclass(frozen=True)
class TableView:
    #: The column tree shown (groups around the chosen leaves).
    columns: tuple[Column, ...]
    leaves: tuple[Column, ...]
    header: tuple[tuple[HeaderCell, ...], ...]
    rows: tuple[ViewRow, ...]
    #: One width per leaf, for ``colspec`` (percentages, or equal shares).
    colwidths: tuple[int, ...]
    #: ``colwidths-auto`` or ``colwidths-given`` when ``:widths:`` was set.
    widths_class: str | None
    #: The leading columns that label their row (the model names).
    stub_columns: int
    #: The columns whose text is bold (the model names).
    strong_columns: tuple[int, ...]
    #: The columns whose cells are task states (a capability matrix, see matrix.py).
    state_columns: tuple[int, ...] = ()

    @property
    def aligns(self) -> tuple[str | None, ...]:
        """Each leaf's body alignment (None: the writer's default)."""
        return tuple(leaf.align for leaf in self.leaves)


def build_view(data: SurveyData, options: ViewOptions) -> TableView:
    """The table a directive with these options shows; ViewError for a bad option."""
    columns = _chosen_columns(data, options.columns)
    leaves = tuple(iter_leaves(columns))
    readings = column_readings(data, options)
    models = _chosen_models(data, readings, options)
    colwidths, widths_class = column_widths(options.widths, len(leaves))
    keys = [leaf.key or "" for leaf in leaves]
    merge = _merge_columns(options.merge, keys)
    column_readings_ = [readings[key] for key in keys]
    placeholder = options.missing
    grid: list[list[ViewCell | None]] = []
    for model in models:
        values, links = model.values, model.links
        grid.append([
            ViewCell(values[key], links.get(key), 0, False, reading)
            if key in values
            else ViewCell(placeholder, None, 0, False, reading)
            for key, reading in zip(keys, column_readings_, strict=True)
        ])  # fmt: skip
    for column, leaf in enumerate(leaves):
        if leaf.best is not None:
            mark_best(grid, column, leaf.best)
    merge_spans(grid, merge)
    rows = tuple(ViewRow(model, tuple(cells)) for model, cells in zip(models, grid, strict=True))
    model_columns = tuple(index for index, key in enumerate(keys) if key == MODEL_KEY)
    return TableView(
        columns=columns,
        leaves=leaves,
        header=tuple(tuple(row) for row in header_rows(columns)),
        rows=rows,
        colwidths=tuple(colwidths),
        widths_class=widths_class,
        stub_columns=1 if keys[0] == MODEL_KEY else 0,
        strong_columns=model_columns,
    )


def mark_best(grid: list[list[ViewCell | None]], column: int, best: str) -> None:
    """Mark the cells holding the column's best value in this view (all, if tied)."""
    values = [(row, cell.sort_key) for row, cells in enumerate(grid) if (cell := cells[column])]
    present = [(row, value) for row, value in values if value is not None]
    if not present:
        return
    choose = max if best == "max" else min
    target = choose(value for _row, value in present)
    for row, value in present:
        if value == target:
            cell = grid[row][column]
            assert cell is not None
            grid[row][column] = replace(cell, best=True)


def _chosen_columns(data: SurveyData, keys: Sequence[str] | None) -> tuple[Column, ...]:
    if keys is None:
        return data.columns
    try:
        return select_columns(data.columns, keys)
    except ColumnSelectionError as error:
        raise ViewError(f":columns: {error}{_layout_hint(data, str(error))}") from None


def _layout_hint(data: SurveyData, message: str) -> str:
    """After "no column has ...": say when the default layout is why."""
    if data.columns_declared or "no column has" not in message:
        return ""
    return f" ({DEFAULT_LAYOUT_HINT})"


def _chosen_models(
    data: SurveyData, readings: dict[str, Reading], options: ViewOptions
) -> list[Model]:
    """Filter, then sort; keys may name any column of the file, shown or not."""
    chosen = list(data.models)
    if options.filter:
        expression = options.filter
        try:
            predicate = parse_filter(expression, readings)
        except ViewError as error:
            column = "" if error.position is None else f" at column {error.position + 1}"
            hint = _layout_hint(data, str(error))
            raise ViewError(f":filter: {error}{column} of {expression!r}{hint}") from None
        chosen = [model for model in chosen if predicate(model.values)]
    if options.sort:
        try:
            chosen = sort_models(chosen, parse_sort(options.sort, list(readings)), readings)
        except ViewError as error:
            raise ViewError(f":sort: {error}{_layout_hint(data, str(error))}") from None
    return chosen


def leaf_keys(columns: Sequence[Column]) -> list[str]:
    return [leaf.key for leaf in iter_leaves(columns) if leaf.key is not None]


def _merge_columns(merge: Sequence[str], keys: Sequence[str]) -> list[int]:
    unknown = [key for key in merge if key not in keys]
    if unknown:
        raise ViewError(f":merge: names no shown column: {', '.join(unknown)}")
    return [keys.index(key) for key in merge]


#: The narrowest column width written (see ``column_widths``).
MIN_TEXT_WIDTH = 3


def column_widths(widths: Widths, count: int) -> tuple[list[int], str | None]:
    """The colspec widths, and the class that tells writers how to use them."""
    # Writers that size columns themselves ignore these, but the text writer reads them
    # as characters, so even "auto" gets real widths, and never under MIN_TEXT_WIDTH:
    # Sphinx 7's text writer never ends on a column one or two characters wide (a table
    # of more than 100 columns would get them).
    equal = [max(MIN_TEXT_WIDTH, 100 // count)] * count
    if widths is None:
        return equal, None
    if widths == "auto":
        return equal, "colwidths-auto"
    if len(widths) != count:
        raise ViewError(f":widths: has {len(widths)} values, but the table has {count} columns")
    # Relative weights, kept as percentages.
    total = sum(widths)
    return [max(MIN_TEXT_WIDTH, round(width * 100 / total)) for width in widths], "colwidths-given"


# -- sorting ----------------------------------------------------------------------


@dataclass(frozen=True)
class SortKey:
    key: str
    descending: bool = False


def parse_sort(spec: str, known: Sequence[str] | None) -> list[SortKey]:
    """``-year, model``: comma-separated keys, a leading ``-`` for descending.

    With ``known`` None, only the form is checked (as for a config value).
    """
    keys = []
    for part in spec.split(","):
        name = part.strip()
        descending = name.startswith("-")
        name = name.lstrip("+-").strip()
        if not name:
            raise ViewError(f"empty sort key in {spec!r}")
        if known is not None and name not in known:
            raise ViewError(f"cannot sort by {name!r}: no column has that key")
        keys.append(SortKey(name, descending))
    return keys


def sort_models(
    models: Sequence[Model],
    keys: Sequence[SortKey],
    readings: Mapping[str, Reading] | None = None,
) -> list[Model]:
    """Stable; numbers and dates by value, text naturally. Models with no value for a
    key (absent, a "no value" text, or one that does not parse) come last either way."""
    ordered = list(models)
    for sort_key in reversed(keys):
        reading = (readings or {}).get(sort_key.key) or Reading(sort_key.key, missing=frozenset())
        valued = [
            (reading.value(m.values[sort_key.key]), m) for m in ordered if sort_key.key in m.values
        ]
        present = [(value, m) for value, m in valued if value is not None]
        present_ids = {id(m) for _value, m in present}
        rest = [m for m in ordered if id(m) not in present_ids]
        present.sort(key=lambda pair: pair[0], reverse=sort_key.descending)
        ordered = [m for _value, m in present] + rest
    return ordered


# -- :filter: -------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<paren>[()])
      | (?P<op>==|!=|<=|>=|<|>|!~\*|~\*|!~|~)
      | '(?P<single>[^']*)'
      | "(?P<double>[^"]*)"
      | (?P<word>[^\s()'"=!<>~]+)
    )""",
    re.VERBOSE,
)
_SPACE = re.compile(r"\s*")

#: Deeper nesting of parentheses and ``not`` is refused (the parser is recursive).
MAX_FILTER_DEPTH = 32

Predicate = Callable[[dict[str, str]], bool]
_TEXT_OPERATORS = {"==": operator.eq, "!=": operator.ne}
_ORDER_OPERATORS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}


@dataclass(frozen=True)
class _Token:
    kind: str  # "paren", "op", "text" (quoted), "word"
    text: str
    position: int


def _tokenize(expression: str) -> list[_Token]:
    tokens: list[_Token] = []
    position = 0
    while True:
        # Match in place: no copy of the rest of the expression per token.
        position = _SPACE.match(expression, position).end()  # type: ignore[union-attr]
        if position >= len(expression):
            return tokens
        match = _TOKEN.match(expression, position)
        if match is None or match.end() == position:
            raise ViewError(f"unexpected {expression[position]!r}", position)
        kind = match.lastgroup or "word"
        text = match.group(kind)
        start = match.start(kind)
        if kind in ("single", "double"):
            kind, start = "text", start - 1
        tokens.append(_Token(kind, text, start))
        position = match.end()


def compile_pattern(pattern: str, ignore_case: bool = False) -> Callable[[str], bool]:
    """A search in linear time (see ``patterns.py``: RE2, or a subset without it)."""
    try:
        return patterns.compile_pattern(pattern, ignore_case)
    except patterns.PatternError as error:
        raise ViewError(str(error)) from None


def _compare(op: str, literal: str, reading: Reading, position: int) -> Callable[[str], bool]:
    """A test of one cell's text. A cell with no value never matches a comparison."""
    missing = reading.missing
    if op in ("~", "!~", "~*", "!~*"):  # the text as shown, any type
        try:
            found = compile_pattern(literal, ignore_case=op.endswith("*"))
        except ViewError as error:
            raise ViewError(str(error), position) from None
        shown = reading.shown_text
        if op.startswith("!"):
            return lambda text: text not in missing and not found(shown(text))
        return lambda text: text not in missing and found(shown(text))
    if reading.type == "text" and op in _TEXT_OPERATORS:  # text as written
        same = _TEXT_OPERATORS[op]
        return lambda text: text not in missing and same(text, literal)
    wanted = parse_value(literal, reading.type)
    if wanted is None:
        raise ViewError(
            f"{literal!r} is not {describe_type(reading.type)}, as the column "
            f"{reading.key!r} needs",
            position,
        )
    order = {**_TEXT_OPERATORS, **_ORDER_OPERATORS}[op]
    value = reading.value
    if isinstance(wanted, DateValue):  # compared at the coarser precision of the two
        literal_date = wanted

        def compare_dates(text: str) -> bool:
            cell = value(text)
            if not isinstance(cell, DateValue):
                return False
            precision = min(cell.precision, literal_date.precision)
            return bool(order(cell.at(precision), literal_date.at(precision)))

        return compare_dates
    return lambda text: (cell := value(text)) is not None and bool(order(cell, wanted))


class _FilterParser:
    """or := and ('or' and)*; and := not ('and' not)*; not := 'not' not | atom;
    atom := '(' or ')' | KEY [OP VALUE]."""

    def __init__(self, expression: str, readings: Mapping[str, Reading]) -> None:
        self.expression = expression
        self.tokens = _tokenize(expression)
        self.index = 0
        self.readings = readings
        self.depth = 0

    def peek(self) -> _Token | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.peek()
        if token is None:
            raise ViewError("the expression ends too early", len(self.expression))
        self.index += 1
        return token

    def is_word(self, word: str) -> bool:
        token = self.peek()
        return token is not None and token.kind == "word" and token.text == word

    def deeper(self, token: _Token) -> None:
        self.depth += 1
        if self.depth > MAX_FILTER_DEPTH:
            raise ViewError(
                f"the expression nests more than {MAX_FILTER_DEPTH} levels deep", token.position
            )

    def parse(self) -> Predicate:
        if not self.tokens:
            raise ViewError("the expression is empty", 0)
        predicate = self.parse_or()
        token = self.peek()
        if token is not None:
            raise ViewError(f"unexpected {token.text!r}", token.position)
        return predicate

    def parse_or(self) -> Predicate:
        parts = [self.parse_and()]
        while self.is_word("or"):
            self.take()
            parts.append(self.parse_and())
        return parts[0] if len(parts) == 1 else lambda row: any(p(row) for p in parts)

    def parse_and(self) -> Predicate:
        parts = [self.parse_not()]
        while self.is_word("and"):
            self.take()
            parts.append(self.parse_not())
        return parts[0] if len(parts) == 1 else lambda row: all(p(row) for p in parts)

    def parse_not(self) -> Predicate:
        if self.is_word("not"):
            self.deeper(self.take())
            inner = self.parse_not()
            self.depth -= 1
            return lambda row: not inner(row)
        return self.parse_atom()

    def parse_atom(self) -> Predicate:
        token = self.take()
        if token.kind == "paren" and token.text == "(":
            self.deeper(token)
            inner = self.parse_or()
            closing = self.peek()
            if closing is None or closing.text != ")":
                where = closing.position if closing else len(self.expression)
                raise ViewError("missing ')'", where)
            self.take()
            self.depth -= 1
            return inner
        if token.kind != "word" or token.text in ("and", "or", "not"):
            raise ViewError(f"expected a column key, found {token.text!r}", token.position)
        reading = self.readings.get(token.text)
        if reading is None:
            raise ViewError(f"no column has the key {token.text!r}", token.position)
        key, missing = token.text, reading.missing
        following = self.peek()
        if following is None or following.kind != "op":
            # A bare key: the model has a value for it.
            return lambda row: key in row and row[key] not in missing
        op = self.take().text
        value = self.take()
        if value.kind not in ("word", "text"):
            raise ViewError(f"expected a value after {op!r}", value.position)
        test = _compare(op, value.text, reading, value.position)
        return lambda row: key in row and test(row[key])


def parse_filter(expression: str, readings: Mapping[str, Reading] | Sequence[str]) -> Predicate:
    """Compile a ``:filter:`` expression to a predicate over a model's values; given
    only keys, every column is text with ``-`` for no value."""
    if not isinstance(readings, Mapping):
        readings = {key: Reading(key) for key in readings}
    return _FilterParser(expression, readings).parse()


# -- merged cells -------------------------------------------------------------------


def merge_spans(grid: list[list[ViewCell | None]], columns: Sequence[int]) -> None:
    """Merge equal adjacent cells down each column, in place: the first cell of a run
    gets ``morerows``, the cells it covers become None. Cells are equal when their
    text *and* their link are (a link never spreads to rows that had another)."""
    for column in columns:
        start = 0
        for row in range(1, len(grid) + 1):
            first = grid[start][column]
            if row < len(grid) and _same(grid[row][column], first):
                continue
            if row - start > 1 and first is not None:
                grid[start][column] = replace(first, morerows=row - start - 1)
                for covered in range(start + 1, row):
                    grid[covered][column] = None
            start = row


def _same(cell: ViewCell | None, other: ViewCell | None) -> bool:
    return (
        cell is not None
        and other is not None
        and cell.text == other.text
        and cell.link == other.link
    )
