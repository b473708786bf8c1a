"""``:filter:``: a small expression language over columns, parsed to a predicate.

``year >= 2024 and (llm ~ Qwen or not adapter == MLP)``: comparisons by the column's
type, ``~`` a pattern (``patterns.py``: linear time), ``and``/``or``/``not`` and
parentheses, nested at most ``MAX_FILTER_DEPTH`` deep. Pure; no docutils.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from sphinx_vlmtable.data.values import DateValue, describe_type, parse_value
from sphinx_vlmtable.view import patterns
from sphinx_vlmtable.view.options import ViewError
from sphinx_vlmtable.view.readings import Reading

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
