"""YAML text to a small tree of marked nodes, safely.

Every scalar keeps the text exactly as written (``2023.10`` stays ``2023.10``, ``no``
stays ``no``) with the 1-based line and column where it starts. The tree is built
from the parser's event stream, not from PyYAML's composer or constructor, because:

* events say exactly where a tag, an anchor or an alias is written, so each can be
  refused by line, and an alias is never expanded (no alias bomb);
* the event loop keeps its own stack, so deep nesting is refused by depth, never by a
  ``RecursionError`` or a C stack overflow;
* libyaml's C event parser is several times faster than its composer, which builds
  and resolves a node and a mark object for every value.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)

from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

try:  # libyaml's parser when PyYAML was built with it; the pure-Python one otherwise.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: Deeper nesting than this is refused; the data format needs far less.
MAX_DEPTH = 64

#: What no data file may hold, however written: control characters, line separators.
BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
_TAB_INDENT = re.compile(r"^ *\t")


@dataclass(slots=True)
class MarkedScalar:
    """A scalar as written, with where it starts."""

    text: str
    line: int
    column: int
    #: Written without quotes or block style: only then is an empty value "no value".
    plain: bool


@dataclass(slots=True)
class MarkedSequence:
    items: list[MarkedNode]
    line: int
    column: int


@dataclass(slots=True)
class MarkedMapping:
    #: Key text to (key, value); YAML mappings keep their written order here.
    items: dict[str, tuple[MarkedScalar, MarkedNode]]
    line: int
    column: int


MarkedNode = MarkedScalar | MarkedSequence | MarkedMapping


class YamlSourceError(Exception):
    """The file cannot be read as one YAML mapping; carries the problem and its place."""

    def __init__(self, problem: DataProblem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _fail(kind: VlmTableWarning, message: str, line: int, column: int = 1) -> YamlSourceError:
    return YamlSourceError(DataProblem(kind, message, line, column))


def _line_and_column(text: str, index: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def decode_data(raw: bytes) -> str:
    """Decode UTF-8 (a BOM is accepted) and refuse characters that would mislead."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise _fail(
            VlmTableWarning.ENCODING,
            f"the file is not valid UTF-8: byte 0x{raw[error.start]:02x} cannot be decoded "
            "(save the file as UTF-8)",
            line,
            column,
        ) from None
    bad = BAD_CHARACTER.search(text)
    if bad:
        line, column = _line_and_column(text, bad.start())
        raise _fail(
            VlmTableWarning.ENCODING, _bad_character_problem(bad.group(), False), line, column
        )
    return text


def _bad_character_problem(char: str, escaped: bool) -> str:
    name = unicodedata.name(char, "control character")
    how = " (written as an escape)" if escaped else ""
    return (
        f"the file contains U+{ord(char):04X} ({name}){how}, which is not allowed in a "
        "data file; remove it"
    )


def _explain(problem: str) -> str:
    """Add the likely fix for the YAML errors people make most often."""
    if "mapping values are not allowed" in problem:
        return f"{problem} (a value that contains ': ' must be quoted)"
    if "cannot start any token" in problem:
        return f"{problem} (quote a value that starts with '@', '`', '%' or '|')"
    if "block sequence entries are not allowed" in problem:
        return (
            f"{problem} (an unquoted lone '-' starts a list: write it quoted as '-', or "
            "leave the key out to get the placeholder)"
        )
    return problem


def parse_marked_yaml(text: str) -> MarkedMapping:
    """Parse one YAML document whose top level is a mapping; raise YamlSourceError."""
    loader = _Loader(text)
    try:
        return _build_tree(loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        # A tab where YAML wants indentation: say so, at the tab. (A tab inside a
        # block scalar or a value is fine, and never gets here.)
        tab = _tab_indent_near(text, line)
        if tab is not None:
            raise _fail(
                VlmTableWarning.YAML,
                "a tab is used for indentation; YAML indents with spaces only",
                *tab,
            ) from None
        problem = " ".join(part for part in (error.context, error.problem) if part)
        raise _fail(
            VlmTableWarning.YAML, f"invalid YAML: {_explain(problem)}", line, column
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - the reader's checks run before
        raise _fail(VlmTableWarning.YAML, f"invalid YAML: {error}", 1) from None
    finally:
        loader.dispose()


def _tab_indent_near(text: str, line: int) -> tuple[int, int] | None:
    """The (line, column) of a tab indenting the error's line or the one before it."""
    lines = text.split("\n", line)[:line]
    for number in (line, line - 1):
        if 1 <= number <= len(lines):
            match = _TAB_INDENT.match(lines[number - 1])
            if match:
                return number, match.end()
    return None


def _build_tree(loader: _Loader) -> MarkedMapping:
    builder = _TreeBuilder()
    get_event = loader.get_event
    handlers = builder.handlers()
    containers, pending_keys = builder.containers, builder.pending_keys
    while True:
        event: Any = get_event()
        kind = type(event)
        if kind is ScalarEvent and event.tag is None and event.anchor is None:
            # Most of a file: a key or a value in a mapping, with nothing to refuse (no
            # tag, anchor or escapes), placed here; anything else takes the full path.
            parent = containers[-1] if containers else None
            if type(parent) is MarkedMapping and event.style != '"':
                mark = event.start_mark
                node = MarkedScalar(event.value, mark.line + 1, mark.column + 1, not event.style)
                key = pending_keys[-1]
                if key is None:
                    pending_keys[-1] = node
                    continue
                if key.text not in parent.items:
                    parent.items[key.text] = (key, node)
                    pending_keys[-1] = None
                    continue
        if kind is StreamEndEvent:
            break
        handler = handlers.get(kind)
        if handler is not None:
            handler(event, *_position(event.start_mark))
        elif kind is not DocumentEndEvent and kind is not StreamStartEvent:  # pragma: no cover
            raise _fail(VlmTableWarning.YAML, f"unexpected YAML event {kind.__name__}", 1)
    return _checked_root(builder.root)


class _TreeBuilder:
    """The marked tree, one parser event at a time (iterative: no recursion limit)."""

    def __init__(self) -> None:
        self.containers: list[MarkedSequence | MarkedMapping] = []
        # For each open mapping, the key waiting for its value (None between pairs).
        self.pending_keys: list[MarkedScalar | None] = []
        self.root: MarkedNode | None = None
        self.documents = 0

    def handlers(self) -> dict[type, Any]:
        return {
            ScalarEvent: self.scalar,
            MappingStartEvent: self.start,
            SequenceStartEvent: self.start,
            MappingEndEvent: self.end,
            SequenceEndEvent: self.end,
            AliasEvent: self.alias,
            DocumentStartEvent: self.document,
        }

    def scalar(self, event: Any, line: int, column: int) -> None:
        _refuse_tag_and_anchor(event, line, column)
        # Escapes ("\e", "\0", "\L") write characters the raw text check cannot see;
        # only a double-quoted scalar has escapes.
        bad = event.style == '"' and BAD_CHARACTER.search(event.value)
        if bad:
            raise _fail(
                VlmTableWarning.ENCODING, _bad_character_problem(bad.group(), True), line, column
            )
        # Plain style is None in the pure-Python parser and '' in libyaml's.
        self.attach(MarkedScalar(event.value, line, column, not event.style), line, column)

    def start(self, event: Any, line: int, column: int) -> None:
        _refuse_tag_and_anchor(event, line, column)
        if len(self.containers) >= MAX_DEPTH:
            raise _fail(
                VlmTableWarning.STRUCTURE,
                f"the data is nested more than {MAX_DEPTH} levels deep",
                line,
                column,
            )
        node: MarkedSequence | MarkedMapping
        if type(event) is MappingStartEvent:
            node = MarkedMapping({}, line, column)
        else:
            node = MarkedSequence([], line, column)
        self.attach(node, line, column)
        self.containers.append(node)
        self.pending_keys.append(None)

    def end(self, event: Any, line: int, column: int) -> None:
        self.containers.pop()
        self.pending_keys.pop()

    def alias(self, event: Any, line: int, column: int) -> None:
        raise _fail(
            VlmTableWarning.ALIAS,
            f"YAML alias '*{event.anchor}' is not allowed; write the value out",
            line,
            column,
        )

    def document(self, event: Any, line: int, column: int) -> None:
        self.documents += 1
        if self.documents > 1:
            raise _fail(
                VlmTableWarning.STRUCTURE,
                "the file holds more than one YAML document ('---'); keep one",
                line,
                column,
            )

    def attach(self, node: MarkedNode, line: int, column: int) -> None:
        if not self.containers:
            self.root = node
            return
        parent = self.containers[-1]
        if type(parent) is MarkedSequence:
            parent.items.append(node)
            return
        assert type(parent) is MarkedMapping
        key = self.pending_keys[-1]
        if key is None:
            if type(node) is not MarkedScalar:
                raise _fail(
                    VlmTableWarning.TYPE, "a key must be text, not a list or mapping", line, column
                )
            self.pending_keys[-1] = node
            return
        first = parent.items.get(key.text)
        if first is not None:
            raise _fail(
                VlmTableWarning.DUPLICATE_KEY,
                f"duplicate key {key.text!r} (first at line {first[0].line}); "
                "a key may appear once in a mapping",
                key.line,
                key.column,
            )
        parent.items[key.text] = (key, node)
        self.pending_keys[-1] = None


def _checked_root(root: MarkedNode | None) -> MarkedMapping:
    if root is None or (type(root) is MarkedScalar and root.plain and not root.text):
        raise _fail(VlmTableWarning.STRUCTURE, "the file is empty; it needs a 'models' list", 1)
    if type(root) is not MarkedMapping:
        raise _fail(
            VlmTableWarning.STRUCTURE,
            "the top level must be a mapping with 'models' (and optional 'columns', 'tasks')",
            root.line,
            root.column,
        )
    return root


def _position(mark: Any) -> tuple[int, int]:
    """1-based line and column of a parser mark (every event has one)."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _refuse_tag_and_anchor(event: Any, line: int, column: int) -> None:
    if event.tag is not None:
        raise _fail(
            VlmTableWarning.TAG,
            f"YAML tag {event.tag!r} is not allowed; data files hold plain text, lists and "
            "mappings only",
            line,
            column,
        )
    if event.anchor is not None:
        raise _fail(
            VlmTableWarning.ALIAS,
            f"YAML anchor '&{event.anchor}' is not allowed; write each value out",
            line,
            column,
        )
