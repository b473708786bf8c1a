"""The part of RE2's syntax that ``patterns.py`` runs without RE2, read as RE2 reads it.

A recursive-descent parser written after RE2's own (``re2/parse.cc``), not Python's:
what it accepts, RE2 accepts with the same meaning; what RE2 refuses, it refuses with
RE2's reason; the rest of RE2 (``\\b``, ``\\pL``, ``[[:alpha:]]``, inline flags, ...)
is refused with a message that names RE2. The result is a tree of ``Chars`` (a set of
code points as sorted ranges), ``Edge`` (``^ $ \\A \\z``), ``Concat``, ``Alt`` and
``Repeat``; ``size`` is what running it costs, counted before anything is built.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NoReturn

from sphinx_vlmtable.view import casefold

#: RE2's largest count in ``{m,n}``, and of the product of nested counts on one path.
MAX_REPEAT = 1_000
#: Groups nested deeper are refused (the parser recurses once per group).
MAX_DEPTH = 50
NEEDS_RE2 = "google-re2 (pip install 'sphinx-vlmtable[re2]')"
_SUBSET = (
    "without it, patterns use literals, ., [classes], \\d \\w \\s, ^ $ \\A \\z, groups, "
    "| and the quantifiers * + ? {m,n}"
)

Ranges = tuple[tuple[int, int], ...]


class PatternError(ValueError):
    """A pattern that is invalid, or that needs RE2 when it is not installed."""


@dataclass(frozen=True)
class Chars:
    ranges: Ranges  # sorted, apart, not touching; empty matches nothing


@dataclass(frozen=True)
class Edge:
    at_start: bool  # ^ or \A: the text's start; $ or \z: its end (RE2 is not multiline)


@dataclass(frozen=True)
class Concat:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Alt:
    items: tuple[Node, ...]


@dataclass(frozen=True)
class Repeat:
    item: Node
    low: int
    high: int | None  # None: no upper bound
    counted: bool  # written {m,n}: the nested counts that RE2 multiplies


Node = Chars | Edge | Concat | Alt | Repeat

_PERL: dict[str, Ranges] = {  # ASCII, as RE2's \d \s \w
    "d": ((0x30, 0x39),),
    "s": ((0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)),
    "w": ((0x30, 0x39), (0x41, 0x5A), (0x5F, 0x5F), (0x61, 0x7A)),
}
_DOT: Ranges = ((0, 0x09), (0x0B, casefold.MAX_CODE))
_C_ESCAPES = {"n": 0x0A, "r": 0x0D, "t": 0x09, "a": 0x07, "f": 0x0C, "v": 0x0B}
_HEX = "0123456789abcdefABCDEF"
_OCTAL = "01234567"
_POSIX = "alnum alpha ascii blank cntrl digit graph lower print punct space upper word xdigit"
# RE2's counted repetition: no leading zeros, at most nine digits ({,n} is literal text).
_COUNT = re.compile(r"\{(0|[1-9][0-9]{0,8})(?:(,)(0|[1-9][0-9]{0,8})?)?\}")
_FLAGS = re.compile(r"\(\?[imsU]*(?:-[imsU]+)?[:)]")
_GROUP_NAME = re.compile(r"[A-Za-z0-9_]+")


def parse(pattern: str, fold: bool) -> Node:
    """The tree of ``pattern``; ``fold``: case-insensitive (``~*``), as RE2 folds."""
    return _Parser(pattern, fold).parse()


def size(node: Node) -> int:
    """Automaton states (an upper bound): a class counts one per range, every node at
    least one (empty groups too), and a repetition multiplies."""
    if isinstance(node, Chars):
        return max(1, len(node.ranges))
    if isinstance(node, Edge):
        return 1
    if isinstance(node, Concat):
        return max(1, sum(size(item) for item in node.items))
    if isinstance(node, Alt):
        return sum(size(item) for item in node.items) + len(node.items) - 1
    inner = size(node.item)
    if node.high is None:
        return inner * max(node.low, 1) + 1
    return max(1, inner * node.high + node.high - node.low)


def _product(node: Node) -> int:
    """The largest product of counts along one path (RE2's RepetitionWalker)."""
    if isinstance(node, Repeat):
        count = node.low if node.high is None else node.high
        inner = _product(node.item)
        return inner * count if node.counted and count > 0 else inner
    if isinstance(node, (Concat, Alt)):
        return max((_product(item) for item in node.items), default=1)
    return 1


def normalize(ranges: list[tuple[int, int]]) -> Ranges:
    merged: list[tuple[int, int]] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(high, merged[-1][1]))
        else:
            merged.append((low, high))
    return tuple(merged)


def complement(ranges: Ranges) -> Ranges:
    found: list[tuple[int, int]] = []
    next_low = 0
    for low, high in ranges:
        if low > next_low:
            found.append((next_low, low - 1))
        next_low = high + 1
    if next_low <= casefold.MAX_CODE:
        found.append((next_low, casefold.MAX_CODE))
    return tuple(found)


class _Parser:
    def __init__(self, pattern: str, fold: bool) -> None:
        self.text = pattern
        self.at = 0
        self.fold = fold

    def parse(self) -> Node:
        node = self._alternation(0)
        if self.at < len(self.text):  # only a ")" ends an alternation early
            self._invalid("unexpected )")
        return node

    def _invalid(self, reason: str) -> NoReturn:
        raise PatternError(f"invalid regular expression {self.text!r}: {reason}")

    def _needs_re2(self, what: str) -> NoReturn:
        raise PatternError(
            f"the regular expression {self.text!r} uses {what}, which needs {NEEDS_RE2}; " + _SUBSET
        )

    def _peek(self, length: int = 1) -> str:
        return self.text[self.at : self.at + length]

    def _chars(self, ranges: Ranges) -> Chars:
        if self.fold:
            ranges = normalize([*ranges, *((c, c) for c in casefold.folds_of(ranges))])
        return Chars(ranges)

    def _alternation(self, depth: int) -> Node:
        branches = [self._concat(depth)]
        while self._peek() == "|":
            self.at += 1
            branches.append(self._concat(depth))
        return branches[0] if len(branches) == 1 else Alt(tuple(branches))

    def _concat(self, depth: int) -> Node:
        items: list[Node] = []
        repeated = ""  # the repetition operator just read: RE2 refuses a** and a{2}*
        while self.at < len(self.text) and self.text[self.at] not in "|)":
            start = self.at
            suffix = self._repetition()
            if suffix is None:
                items.append(self._atom(depth))
                repeated = ""
                continue
            operator = self.text[start : self.at]
            if repeated:
                self._invalid(f"bad repetition operator: {repeated}{operator}")
            items.append(self._repeat(items, operator, *suffix))
            repeated = operator
        return items[0] if len(items) == 1 else Concat(tuple(items))

    def _repetition(self) -> tuple[int, int | None, bool] | None:
        """``* + ? {m} {m,} {m,n}`` and a lazy ``?`` (the same to a search), or None."""
        char = self._peek()
        if char in ("*", "+", "?"):
            self.at += 1
            low, high, counted = (0 if char != "+" else 1), (1 if char == "?" else None), False
        else:
            count = _COUNT.match(self.text, self.at)
            if count is None:  # { that is not a repetition is itself (RE2: a{,2} is text)
                return None
            self.at = count.end()
            low = int(count[1])
            high = low if not count[2] else (int(count[3]) if count[3] else None)
            counted = True
        if self._peek() == "?":
            self.at += 1
        return low, high, counted

    def _repeat(
        self, items: list[Node], operator: str, low: int, high: int | None, counted: bool
    ) -> Node:
        if counted and (max(low, high or 0) > MAX_REPEAT or (high is not None and high < low)):
            self._invalid(f"invalid repetition size: {operator}")
        if not items:
            self._invalid(f"missing argument to repetition operator: {operator}")
        node = Repeat(items.pop(), low, high, counted)
        if counted and max(low, high or 0) >= 2 and _product(node) > MAX_REPEAT:
            self._invalid(f"invalid repetition size: {operator} (nested counts multiply)")
        return node

    def _atom(self, depth: int) -> Node:
        char = self.text[self.at]
        if char == "(":
            return self._group(depth)
        if char == "[":
            return self._class()
        if char == "\\":
            return self._escape()
        self.at += 1
        if char in "^$":
            return Edge(at_start=char == "^")
        if char == ".":
            return Chars(_DOT)
        return self._chars(((ord(char), ord(char)),))

    def _group(self, depth: int) -> Node:
        if depth >= MAX_DEPTH:
            self._needs_re2(f"groups nested more than {MAX_DEPTH} deep")
        if self._peek(2) == "(?":
            self._group_head()
        else:
            self.at += 1
        node = self._alternation(depth + 1)
        if self._peek() != ")":
            self._invalid("missing )")
        self.at += 1
        return node

    def _group_head(self) -> None:
        """``(?:`` and ``(?P<name>``; the rest of ``(?`` is refused as RE2 would."""
        rest = self.text[self.at :]
        if (len(rest) > 3 and rest[2] in "=!") or (len(rest) > 4 and rest[2:4] in ("<=", "<!")):
            what = rest[: 4 if rest[2] == "<" else 3]
            self._invalid(f"lookaround {what} (RE2 has no lookaround either)")
        if rest.startswith("(?P<") and len(rest) > 4:
            end = rest.find(">", 4)
            if end <= 4:
                self._invalid("invalid named capture group")
            if not _GROUP_NAME.fullmatch(rest[4:end]):
                self._needs_re2(f"the group name {rest[4:end]!r}")
            self.at += end + 1
        elif rest.startswith("(?:"):
            self.at += 3
        elif rest.startswith("(?<") and len(rest) > 3:
            self._needs_re2("a named group (?<name>...)")
        elif _FLAGS.match(rest):
            self._needs_re2("inline flags")
        else:
            self._invalid(f"invalid or unsupported Perl operator: {rest[:3]}")

    def _escape(self) -> Node:
        letter = self._peek(2)[1:]
        if letter in ("A", "z"):
            self.at += 2
            return Edge(at_start=letter == "A")
        if letter and letter in "bBCQpP":
            what = {"b": "a word boundary", "B": "a word boundary", "C": "\\C", "Q": "\\Q"}
            self._needs_re2(what.get(letter, "a Unicode class \\p"))
        if letter.lower() in _PERL:
            self.at += 2
            return self._chars(self._perl(letter))
        code = self._escaped_char()
        return self._chars(((code, code),))

    def _perl(self, letter: str) -> Ranges:
        """``\\d \\s \\w`` (ASCII) and their negations; RE2 negates ``\\W`` after
        folding, so under ``~*`` it leaves out the Kelvin sign and long s too."""
        ranges = self._chars(_PERL[letter.lower()]).ranges
        return complement(ranges) if letter.isupper() else ranges

    def _escaped_char(self) -> int:
        """One escaped character, as RE2's ParseEscape reads it."""
        start = self.at
        self.at += 2
        char = self.text[start + 1 : start + 2]
        if not char:
            self._invalid("trailing \\")
        if char.isascii() and not char.isalnum():
            return ord(char)  # \. \- \\ \_ and every other ASCII punctuation
        if char in _OCTAL and (char == "0" or self._peek() in tuple(_OCTAL)):
            return self._octal(int(char))
        if char == "x":
            return self._hex(start)
        if char in _C_ESCAPES:
            return _C_ESCAPES[char]
        if char in "123456789":
            self._invalid(f"backreference \\{char} (RE2 has no backreferences either)")
        self._invalid(f"invalid escape sequence: \\{char}")

    def _octal(self, code: int) -> int:
        for _ in range(2):
            if not self._peek() or self._peek() not in _OCTAL:
                break
            code = code * 8 + int(self._peek())
            self.at += 1
        return code

    def _hex(self, start: int) -> int:
        if self._peek() == "{":
            end = self.text.find("}", self.at)
            digits = self.text[self.at + 1 : end] if end >= 0 else ""
            if digits and all(d in _HEX for d in digits) and int(digits, 16) <= 0x10FFFF:
                self.at = end + 1
                return int(digits, 16)
        elif len(self._peek(2)) == 2 and all(d in _HEX for d in self._peek(2)):
            self.at += 2
            return int(self.text[self.at - 2 : self.at], 16)
        self._invalid(f"invalid escape sequence: {self.text[start : self.at + 2]}")

    def _class(self) -> Chars:
        """``[...]`` and ``[^...]``, read as RE2's ParseCharClass reads them."""
        self.at += 1
        negated = self._peek() == "^"
        self.at += negated
        parts: list[tuple[int, int]] = []
        first = True  # a ] first in the class is itself
        while self.at < len(self.text) and (self.text[self.at] != "]" or first):
            first = False
            if self._peek(2) == "[:" and len(self.text) - self.at > 2:
                self._posix_class()
            if self._peek(2) in ("\\p", "\\P") and len(self.text) - self.at > 2:
                self._needs_re2("a Unicode class \\p")
            if self._peek(2)[1:].lower() in _PERL and self._peek() == "\\":
                parts.extend(self._perl(self._peek(2)[1]))
                self.at += 2
                continue
            low = high = self._class_char()
            if self._peek() == "-" and self._peek(2) not in ("-", "-]"):
                self.at += 1
                high = self._class_char()
                if high < low:
                    self._invalid(f"invalid character class range: {chr(low)}-{chr(high)}")
            parts.append((low, high))
        if self.at >= len(self.text):
            self._invalid("missing ]")
        self.at += 1
        ranges = self._chars(normalize(parts)).ranges
        return Chars(complement(ranges) if negated else ranges)

    def _posix_class(self) -> None:
        """RE2 reads ``[:`` up to the next ``:]`` anywhere after it as a POSIX class."""
        end = self.text.find(":]", self.at + 2)
        if end < 0:
            return  # then [ is itself
        name = self.text[self.at + 2 : end].removeprefix("^")
        if name in _POSIX.split():
            self._needs_re2(f"a POSIX class [:{name}:]")
        self._invalid(f"invalid character class range: {self.text[self.at : end + 2]}")

    def _class_char(self) -> int:
        if self.at >= len(self.text):
            self._invalid("missing ]")
        if self.text[self.at] == "\\":
            return self._escaped_char()
        self.at += 1
        return ord(self.text[self.at - 1])
