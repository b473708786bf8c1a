"""``:filter:`` patterns (``~``, ``!~``, ``~*``, ``!~*``) in time linear in the text, so
no pattern in a page or a data file's view can hang a build.

With google-re2 installed (``sphinx-vlmtable[re2]``) a pattern is any pattern RE2 takes.
Without it, a pattern is parsed by Python's own regular expression parser and run here
as a Thompson automaton (every state at once, no backtracking): literals, ``.``,
classes (``[a-z]``, ``\\d``, ``\\w``, ``\\s``), ``^`` and ``$``, groups, ``|`` and the
quantifiers ``* + ? {m,n}``. Backreferences, lookaround and the like need RE2 and are
refused with a message saying so. Work is bounded by the text's length times the
automaton's states, which are at most ``MAX_STATES``.
"""

from __future__ import annotations

import importlib
import re
import warnings
from collections.abc import Callable
from typing import Any

# Python's own parser of regular expressions (``re._parser`` from 3.11 on).
try:
    sre_parse: Any = importlib.import_module("re._parser")
    sre_constants: Any = importlib.import_module("re._constants")
except ImportError:  # pragma: no cover - Python 3.10
    sre_parse = importlib.import_module("sre_parse")
    sre_constants = importlib.import_module("sre_constants")

#: Without RE2, longer patterns are refused (a filter is written by hand).
MAX_PATTERN_LENGTH = 1_000
#: Automaton states at most: ``a{1000}`` is a thousand states.
MAX_STATES = 5_000
#: RE2's memory budget for one pattern.
RE2_MAX_MEM = 8 << 20


class PatternError(ValueError):
    """A pattern that is invalid, or that needs RE2 when it is not installed."""


def has_re2() -> bool:
    try:
        import re2  # noqa: F401
    except ImportError:
        return False
    return True


def compile_pattern(pattern: str, ignore_case: bool = False) -> Callable[[str], bool]:
    """A test of whether ``pattern`` is found in a text, in linear time."""
    try:
        import re2
    except ImportError:
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise PatternError(
                f"the regular expression is {len(pattern):,} characters long, more than "
                f"{MAX_PATTERN_LENGTH:,} (without RE2)"
            ) from None
        return _Automaton(pattern, ignore_case).search
    options = re2.Options()
    options.log_errors = False
    options.max_mem = RE2_MAX_MEM
    options.case_sensitive = not ignore_case
    try:
        compiled = re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0] if error.args else "invalid"
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise PatternError(f"invalid regular expression {pattern!r}: {reason}") from None
    search = compiled.search
    return lambda text: search(text) is not None


# -- the automaton ------------------------------------------------------------------

_NEEDS_RE2 = (
    "it needs google-re2 (pip install 'sphinx-vlmtable[re2]'); without it, patterns "
    "use literals, ., classes, ^, $, groups, | and the quantifiers * + ? {m,n}"
)

#: A state: (kind, argument, next, other). Kinds: "char" (argument a test of one
#: character), "split" (to next and other), "assert" (argument "^" or "$"), "match".
State = list[Any]


class _Automaton:
    def __init__(self, pattern: str, ignore_case: bool) -> None:
        self.pattern = pattern
        self.ignore_case = ignore_case
        try:
            with warnings.catch_warnings():  # Python's own hints ("possible nested set")
                warnings.simplefilter("ignore")
                parsed = sre_parse.parse(pattern, re.IGNORECASE if ignore_case else 0)
        except re.error as error:
            raise PatternError(f"invalid regular expression {pattern!r}: {error}") from None
        except RecursionError:
            raise self._refuse("groups nested too deeply") from None
        self.states: list[State] = []
        match = self._state("match")
        self.start = self._sequence(list(parsed), match)

    def _state(self, kind: str, argument: Any = None, next_: int = -1, other: int = -1) -> int:
        if len(self.states) >= MAX_STATES:
            raise PatternError(
                f"the regular expression {self.pattern!r} is too large to run without RE2 "
                f"(more than {MAX_STATES:,} states); {_NEEDS_RE2}"
            )
        self.states.append([kind, argument, next_, other])
        return len(self.states) - 1

    def _refuse(self, what: str) -> PatternError:
        return PatternError(f"the regular expression {self.pattern!r} uses {what}; {_NEEDS_RE2}")

    # Built back to front: each piece is given the state that follows it.
    def _sequence(self, items: list[tuple[Any, Any]], follow: int) -> int:
        for op, av in reversed(items):
            follow = self._item(op, av, follow)
        return follow

    def _item(self, op: Any, av: Any, follow: int) -> int:
        name = _name(op)
        if name in ("LITERAL", "NOT_LITERAL", "ANY", "IN"):
            return self._state("char", self._char_test(name, av), follow)
        if name == "AT":
            kind = _name(av)
            if kind in ("AT_BEGINNING", "AT_BEGINNING_STRING"):
                return self._state("assert", "^", follow)
            if kind in ("AT_END", "AT_END_STRING"):
                return self._state("assert", "$", follow)
            raise self._refuse("a word boundary")
        if name == "SUBPATTERN":
            _group, add_flags, del_flags, items = av
            if add_flags or del_flags:
                raise self._refuse("inline flags")
            return self._sequence(list(items), follow)
        if name == "BRANCH":
            _unused, branches = av
            starts = [self._sequence(list(branch), follow) for branch in branches]
            start = starts[-1]
            for other in reversed(starts[:-1]):
                start = self._state("split", None, other, start)
            return start
        if name in ("MAX_REPEAT", "MIN_REPEAT"):
            low, high, items = av
            return self._repeat(list(items), low, high, follow)
        refused = {
            "GROUPREF": "a backreference",
            "GROUPREF_EXISTS": "a conditional group",
            "ASSERT": "a lookahead or lookbehind",
            "ASSERT_NOT": "a lookahead or lookbehind",
            "ATOMIC_GROUP": "an atomic group",
            "POSSESSIVE_REPEAT": "a possessive quantifier",
        }
        raise self._refuse(refused.get(name, name.lower().replace("_", " ")))

    def _repeat(self, items: list[tuple[Any, Any]], low: int, high: int, follow: int) -> int:
        unbounded = high == sre_constants.MAXREPEAT
        if low > MAX_STATES or (not unbounded and high > MAX_STATES):
            raise self._refuse(f"a repetition of {max(low, high):,}")
        if unbounded:
            # A loop: split into one more round of the items, or on.
            loop = self._state("split", None, -1, follow)
            self.states[loop][2] = self._sequence(items, loop)
            follow = loop
        else:
            for _ in range(high - low):  # optional rounds
                body = self._sequence(items, follow)
                follow = self._state("split", None, body, follow)
        for _ in range(low):
            follow = self._sequence(items, follow)
        return follow

    def _char_test(self, name: str, av: Any) -> Callable[[str], bool]:
        fold = self.ignore_case
        if name == "ANY":
            return lambda ch: ch != "\n"
        if name in ("LITERAL", "NOT_LITERAL"):
            wanted = chr(av).lower() if fold else chr(av)
            positive = name == "LITERAL"
            if fold:
                return lambda ch: (ch.lower() == wanted) is positive
            return lambda ch: (ch == wanted) is positive
        tests: list[Callable[[str], bool]] = []
        negate = False
        for op, value in av:
            kind = _name(op)
            if kind == "NEGATE":
                negate = True
            elif kind == "LITERAL":
                tests.append(self._char_test("LITERAL", value))
            elif kind == "RANGE":
                tests.append(_range_test(value[0], value[1], fold))
            elif kind == "CATEGORY":
                tests.append(_CATEGORIES[_name(value)])
            else:
                raise self._refuse(f"a class item {kind.lower()}")
        if negate:
            return lambda ch: not any(test(ch) for test in tests)
        return lambda ch: any(test(ch) for test in tests)

    def search(self, text: str) -> bool:
        states = self.states
        current: list[int] = []
        seen: set[int] = set()
        end = len(text)
        for position in range(end + 1):
            if self._follow(self.start, position, text, current, seen):
                return True
            if position == end:
                return False
            ch = text[position]
            following: list[int] = []
            marks: set[int] = set()
            for at in current:
                state = states[at]
                if state[1](ch) and self._follow(state[2], position + 1, text, following, marks):
                    return True
            current, seen = following, marks
        return False

    def _follow(
        self, index: int, position: int, text: str, into: list[int], marks: set[int]
    ) -> bool:
        """Follow splits and assertions from ``index``; True at a match. The states
        that read a character are added to ``into``, each once (``marks``)."""
        states = self.states
        end = len(text)
        pending = [index]
        while pending:
            at = pending.pop()
            if at in marks:
                continue
            marks.add(at)
            kind, argument, next_, other = states[at]
            if kind == "match":
                return True
            if kind == "split":
                pending += (other, next_)
            elif kind == "assert":
                if (argument == "^" and position == 0) or (
                    argument == "$"
                    and (position == end or (position == end - 1 and text[position] == "\n"))
                ):
                    pending.append(next_)
            else:
                into.append(at)
        return False


def _name(constant: Any) -> str:
    """The name of one of the parser's opcodes (named int constants)."""
    return str(getattr(constant, "name", constant))


def _range_test(low: int, high: int, fold: bool) -> Callable[[str], bool]:
    if fold:
        return lambda ch: any(low <= ord(c) <= high for c in (ch, ch.lower(), ch.upper()))
    return lambda ch: low <= ord(ch) <= high


_CATEGORIES: dict[str, Callable[[str], bool]] = {
    "CATEGORY_DIGIT": lambda ch: ch.isdigit(),
    "CATEGORY_NOT_DIGIT": lambda ch: not ch.isdigit(),
    "CATEGORY_SPACE": lambda ch: ch.isspace(),
    "CATEGORY_NOT_SPACE": lambda ch: not ch.isspace(),
    "CATEGORY_WORD": lambda ch: ch.isalnum() or ch == "_",
    "CATEGORY_NOT_WORD": lambda ch: not (ch.isalnum() or ch == "_"),
}
