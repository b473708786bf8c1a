"""Views of the rows: natural sort, the ``:filter:`` expression language, merged cells.

Pure functions over ``Model`` rows and cell texts; no docutils.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from .schema import Model

_RUNS = re.compile(r"(\d+)")

NaturalKey = tuple[tuple[int, int, str], ...]


def natural_key(text: str) -> NaturalKey:
    """Numbers inside text compare as numbers: ``2023.9 < 2023.10``, ``Qwen2 < Qwen10``."""
    return tuple(
        (0, int(part), "") if index % 2 else (1, 0, part.casefold())
        for index, part in enumerate(_RUNS.split(text))
        if part
    )


class ViewError(ValueError):
    """A bad ``:sort:``, ``:filter:`` or ``:merge:``; ``position`` is 0-based in the option."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


@dataclass(frozen=True)
class SortKey:
    key: str
    descending: bool = False


def parse_sort(spec: str, known: Sequence[str]) -> list[SortKey]:
    """``-year, model``: comma-separated keys, a leading ``-`` for descending."""
    keys = []
    for part in spec.split(","):
        name = part.strip()
        descending = name.startswith("-")
        name = name.lstrip("+-").strip()
        if not name:
            raise ViewError(f"empty sort key in {spec!r}")
        if name not in known:
            raise ViewError(f"cannot sort by {name!r}: no column has that key")
        keys.append(SortKey(name, descending))
    return keys


def sort_models(models: Sequence[Model], keys: Sequence[SortKey]) -> list[Model]:
    """Stable, natural order; models without a value for a key come last either way."""
    ordered = list(models)
    for sort_key in reversed(keys):
        present = [m for m in ordered if sort_key.key in m.values]
        missing = [m for m in ordered if sort_key.key not in m.values]
        present.sort(key=lambda m: natural_key(m.values[sort_key.key]), reverse=sort_key.descending)
        ordered = present + missing
    return ordered


# -- :filter: -------------------------------------------------------------------

_TOKEN = re.compile(
    r"""\s*(?:
        (?P<paren>[()])
      | (?P<op>==|!=|<=|>=|<|>|!~|~)
      | '(?P<single>[^']*)'
      | "(?P<double>[^"]*)"
      | (?P<word>[^\s()'"=!<>~]+)
    )""",
    re.VERBOSE,
)

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
    while position < len(expression):
        if expression[position:].strip() == "":
            break
        match = _TOKEN.match(expression, position)
        if match is None or match.end() == position:
            start = len(expression) - len(expression[position:].lstrip())
            raise ViewError(f"unexpected {expression[start]!r}", start)
        kind = match.lastgroup or "word"
        text = match.group(kind)
        start = match.start(kind)
        if kind in ("single", "double"):
            kind, start = "text", start - 1
        tokens.append(_Token(kind, text, start))
        position = match.end()
    return tokens


def _compare(op: str, value: str, position: int) -> Callable[[str], bool]:
    if op in ("~", "!~"):
        try:
            pattern = re.compile(value)
        except re.error as error:
            raise ViewError(f"invalid regular expression {value!r}: {error}", position) from None
        if op == "~":
            return lambda text: pattern.search(text) is not None
        return lambda text: pattern.search(text) is None
    if op in _TEXT_OPERATORS:  # == and != compare the text as written
        same = _TEXT_OPERATORS[op]
        return lambda text: same(text, value)
    wanted = natural_key(value)
    order = _ORDER_OPERATORS[op]
    return lambda text: order(natural_key(text), wanted)


class _FilterParser:
    """or := and ('or' and)*; and := not ('and' not)*; not := 'not' not | atom;
    atom := '(' or ')' | KEY [OP VALUE]."""

    def __init__(self, expression: str, known: Sequence[str]) -> None:
        self.expression = expression
        self.tokens = _tokenize(expression)
        self.index = 0
        self.known = known

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
            self.take()
            inner = self.parse_not()
            return lambda row: not inner(row)
        return self.parse_atom()

    def parse_atom(self) -> Predicate:
        token = self.take()
        if token.kind == "paren" and token.text == "(":
            inner = self.parse_or()
            closing = self.peek()
            if closing is None or closing.text != ")":
                where = closing.position if closing else len(self.expression)
                raise ViewError("missing ')'", where)
            self.take()
            return inner
        if token.kind != "word" or token.text in ("and", "or", "not"):
            raise ViewError(f"expected a column key, found {token.text!r}", token.position)
        if token.text not in self.known:
            raise ViewError(f"no column has the key {token.text!r}", token.position)
        key = token.text
        following = self.peek()
        if following is None or following.kind != "op":
            return lambda row: key in row  # a bare key: the model has a value for it
        op = self.take().text
        value = self.take()
        if value.kind not in ("word", "text"):
            raise ViewError(f"expected a value after {op!r}", value.position)
        test = _compare(op, value.text, value.position)
        return lambda row: key in row and test(row[key])


def parse_filter(expression: str, known: Sequence[str]) -> Predicate:
    """Compile a ``:filter:`` expression to a predicate over a model's values."""
    return _FilterParser(expression, known).parse()


def merge_spans(rows: list[list[str | None]], columns: Sequence[int]) -> list[tuple[int, int, int]]:
    """Merge equal adjacent cells down each column: blank out the covered cells and
    return ``(row, column, morerows)`` for each cell that now spans rows below it."""
    spans = []
    for column in columns:
        start = 0
        for row in range(1, len(rows) + 1):
            if row < len(rows) and rows[row][column] == rows[start][column]:
                continue
            if row - start > 1:
                spans.append((start, column, row - start - 1))
                for covered in range(start + 1, row):
                    rows[covered][column] = None
            start = row
    return sorted(spans)
