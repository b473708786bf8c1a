"""``:filter:`` patterns (``~``, ``!~``, ``~*``, ``!~*``) in time linear in the text, so
no pattern in a page or a data file's view can hang a build, and with one meaning
whether google-re2 is installed or not.

With google-re2 (``sphinx-vlmtable[re2]``) a pattern is any pattern RE2 takes. Without
it, a pattern is read by ``pattern_syntax.py``, a parser of RE2's own syntax, and run
here as a Thompson automaton (every state at once, no backtracking). It takes this
subset of RE2, with RE2's meaning:

- literals, escaped punctuation, ``\\n \\r \\t \\f \\v \\a``, octal ``\\0``, ``\\x41``
  and ``\\x{263a}``; ``.`` (any character but ``\\n``);
- classes ``[a-z]``, ``[^...]``, and ``\\d \\w \\s \\D \\W \\S`` in or out of them,
  ASCII as in RE2 (``\\s`` is ``[\\t\\n\\f\\r ]``);
- ``^`` and ``\\A`` (the text's start), ``$`` and ``\\z`` (its end: RE2 is not multiline,
  so ``$`` does not match before a final ``\\n``);
- groups ``(...)``, ``(?:...)``, ``(?P<name>...)``, ``|``, and ``* + ? {m} {m,} {m,n}``
  (lazy or not, the same to a search), counts at most 1,000, also multiplied along
  nested counts, as RE2 limits them;
- with ``~*``, RE2's Unicode simple case folding (``casefold.py``: k matches the Kelvin
  sign, s matches long s, the three sigmas match each other, sharp s matches capital
  sharp s but not "ss", dotted I and dotless i match only themselves), applied to
  classes and ranges too.

What RE2 refuses is refused here with RE2's reason; the rest of RE2 (``\\b``, ``\\pL``,
``[[:alpha:]]``, inline flags, ``\\Q...\\E``, ``\\C``) is refused with a message that
names RE2. A pattern is at most ``MAX_PATTERN_LENGTH`` characters and its automaton at
most ``MAX_STATES`` states, counted before it is built, so a search costs at most states
times the text's length. A lone surrogate in a text reads as U+FFFD in both engines.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable

from sphinx_vlmtable.view import pattern_syntax as syntax
from sphinx_vlmtable.view.pattern_syntax import PatternError

__all__ = ["MAX_PATTERN_LENGTH", "MAX_STATES", "PatternError", "compile_pattern", "has_re2"]

#: Without RE2, longer patterns are refused (a filter is written by hand).
MAX_PATTERN_LENGTH = 1_000
#: Automaton states at most: ``a{1000}`` is a thousand, ``[^a]{1000}`` two thousand.
MAX_STATES = 5_000
#: RE2's memory budget for one pattern.
RE2_MAX_MEM = 8 << 20

_SURROGATE = re.compile("[\ud800-\udfff]")


def has_re2() -> bool:
    try:
        import re2  # noqa: F401
    except ImportError:
        return False
    return True


def compile_pattern(pattern: str, ignore_case: bool = False) -> Callable[[str], bool]:
    """A test of whether ``pattern`` is found in a text, in linear time."""
    if _SURROGATE.search(pattern):  # not text that RE2 can be given
        raise PatternError(f"invalid regular expression {pattern!r}: a lone surrogate")
    try:
        import re2
    except ImportError:
        if len(pattern) > MAX_PATTERN_LENGTH:
            raise PatternError(
                f"the regular expression is {len(pattern):,} characters long, more than "
                f"{MAX_PATTERN_LENGTH:,} (without RE2)"
            ) from None
        search = _Automaton(pattern, ignore_case).search
        return lambda text: search(_readable(text))
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
    found = compiled.search
    return lambda text: found(_readable(text)) is not None


def _readable(text: str) -> str:
    """``text`` with each lone surrogate (which UTF-8 cannot hold) as U+FFFD."""
    if text.isascii() or not _SURROGATE.search(text):
        return text
    return _SURROGATE.sub("\ufffd", text)


# -- the automaton ------------------------------------------------------------------

# State kinds. A state is (kind, next, other) in three lists, and for CHAR the lows and
# highs of its ranges (bisected: a character's test costs no more for a larger class).
CHAR, SPLIT, START, END, MATCH = range(5)


class _Automaton:
    def __init__(self, pattern: str, ignore_case: bool) -> None:
        tree = syntax.parse(pattern, ignore_case)
        states = syntax.size(tree)
        if states > MAX_STATES:
            raise PatternError(
                f"the regular expression {pattern!r} is too large to run without RE2 "
                f"({states:,} states, more than {MAX_STATES:,}); it needs {syntax.NEEDS_RE2}"
            )
        self.kinds: list[int] = []
        self.nexts: list[int] = []
        self.others: list[int] = []
        self.lows: list[tuple[int, ...]] = []
        self.highs: list[tuple[int, ...]] = []
        self.start = self._build(tree, self._state(MATCH))

    def _state(
        self, kind: int, next_: int = -1, other: int = -1, ranges: syntax.Ranges = ()
    ) -> int:
        self.kinds.append(kind)
        self.nexts.append(next_)
        self.others.append(other)
        self.lows.append(tuple(low for low, _high in ranges))
        self.highs.append(tuple(high for _low, high in ranges))
        return len(self.kinds) - 1

    # Built back to front: each piece is given the state that follows it.
    def _build(self, node: syntax.Node, follow: int) -> int:
        if isinstance(node, syntax.Chars):
            return self._state(CHAR, follow, ranges=node.ranges)
        if isinstance(node, syntax.Edge):
            return self._state(START if node.at_start else END, follow)
        if isinstance(node, syntax.Concat):
            for item in reversed(node.items):
                follow = self._build(item, follow)
            return follow
        if isinstance(node, syntax.Alt):
            starts = [self._build(item, follow) for item in node.items]
            start = starts[-1]
            for other in reversed(starts[:-1]):
                start = self._state(SPLIT, other, start)
            return start
        return self._repeat(node, follow)

    def _repeat(self, node: syntax.Repeat, follow: int) -> int:
        low, high = node.low, node.high
        if high is None:  # a loop: one more round, or on
            loop = self._state(SPLIT, -1, follow)
            self.nexts[loop] = self._build(node.item, loop)
            follow, low = (loop, 0) if low == 0 else (self.nexts[loop], low - 1)
        else:
            for _ in range(high - low):  # optional rounds
                follow = self._state(SPLIT, self._build(node.item, follow), follow)
        for _ in range(low):
            follow = self._build(node.item, follow)
        return follow

    def search(self, text: str) -> bool:
        """Whether the pattern matches anywhere in ``text``: each position's states at
        once (``marks`` records the position at which a state was last added)."""
        marks = [-1] * len(self.kinds)
        current: list[int] = []
        lows, highs, nexts = self.lows, self.highs, self.nexts
        end = len(text)
        for position in range(end + 1):
            if self._follow(self.start, position, end, current, marks):
                return True
            if position == end:
                return False
            code = ord(text[position])
            following: list[int] = []
            for at in current:
                index = bisect_right(lows[at], code) - 1
                if (
                    index >= 0
                    and code <= highs[at][index]
                    and self._follow(nexts[at], position + 1, end, following, marks)
                ):
                    return True
            current = following
        return False

    def _follow(
        self, index: int, position: int, end: int, into: list[int], marks: list[int]
    ) -> bool:
        """Follow splits and edges from ``index``; True at a match. The states that read
        a character are added to ``into``, each once a position."""
        kinds, nexts, others = self.kinds, self.nexts, self.others
        pending = [index]
        while pending:
            at = pending.pop()
            if marks[at] == position:
                continue
            marks[at] = position
            kind = kinds[at]
            if kind == CHAR:
                into.append(at)
            elif kind == SPLIT:
                pending += (others[at], nexts[at])
            elif kind == MATCH:
                return True
            elif (kind == START and position == 0) or (kind == END and position == end):
                pending.append(nexts[at])
        return False
