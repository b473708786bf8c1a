"""The shapes every part of a data file is made of: text, lists, mappings, addresses,
flags, known keys and typed values.

Each check reports through the shared reporter and returns what it could read (None,
or an empty list, when it could not), so the caller goes on and one pass finds every
problem in the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from sphinx_vlmtable.data.validate.reporter import ProblemReporter
from sphinx_vlmtable.data.values import describe_type, parse_value
from sphinx_vlmtable.data.yamlsource import (
    MarkedMapping,
    MarkedNode,
    MarkedScalar,
    MarkedSequence,
)
from sphinx_vlmtable.warnings_ import VlmTableWarning, quoted

#: How a flag (``bold:``) may say yes, and no; anything else is a problem.
TRUE_WORDS = ("true", "yes", "on")
FALSE_WORDS = ("false", "no", "off")


def check_keys(
    reporter: ProblemReporter, mapping: MarkedMapping, known: Iterable[str], where: str
) -> None:
    """Each key of ``mapping`` that is not ``known`` is a problem, with a suggestion."""
    known = tuple(known)
    for key_text, (key, _value) in mapping.items.items():
        if key_text not in known:
            reporter.report(
                VlmTableWarning.UNKNOWN_KEY,
                f"unknown key {key_text!r} in {where}{reporter.did_you_mean(key_text, known)}",
                key.line,
                key.column,
            )


def read_text(reporter: ProblemReporter, node: MarkedNode, what: str) -> str | None:
    """The text of a scalar as written; None (with a problem) for anything else."""
    if type(node) is MarkedScalar:
        return node.text
    if type(node) is MarkedSequence and is_lone_dash(node):
        reporter.report(
            VlmTableWarning.TYPE,
            f"{what} is an unquoted lone '-', which YAML reads as a list: write it "
            "quoted as '-', or leave the key out to get the placeholder",
            node.line,
            node.column,
        )
        return None
    shape = "a list" if type(node) is MarkedSequence else "a mapping"
    reporter.report(
        VlmTableWarning.TYPE, f"{what} must be text, not {shape}", node.line, node.column
    )
    return None


def read_list(reporter: ProblemReporter, node: MarkedNode, what: str) -> list[MarkedNode]:
    """The items of a list; a key with nothing after it is an empty one."""
    if type(node) is MarkedSequence:
        return node.items
    if type(node) is MarkedScalar and node.plain and not node.text:
        return []  # "tasks:" with nothing after it is an empty list
    reporter.report(VlmTableWarning.TYPE, f"{what} must be a list", node.line, node.column)
    return []


def read_one_or_list(reporter: ProblemReporter, node: MarkedNode, what: str) -> list[MarkedNode]:
    """A lone text as a list of one (``aliases: Old``), else the items of a list."""
    return [node] if type(node) is MarkedScalar else read_list(reporter, node, what)


def read_mapping(reporter: ProblemReporter, node: MarkedNode, what: str) -> MarkedMapping | None:
    """The node if it is a mapping; None (with a problem) for anything else."""
    if type(node) is MarkedMapping:
        return node
    reporter.report(VlmTableWarning.TYPE, f"{what} must be a mapping", node.line, node.column)
    return None


def read_url(reporter: ProblemReporter, node: MarkedNode, what: str) -> str | None:
    """An http(s) address with a host: pages link to it, so nothing else is taken."""
    url = read_text(reporter, node, what)
    if url is None:
        return None
    assert type(node) is MarkedScalar
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - a bad port raises only when read
    except ValueError as error:
        reporter.report(
            VlmTableWarning.URL,
            f"{what} {url!r} is not a valid address: {error}",
            node.line,
            node.column,
        )
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        reporter.report(
            VlmTableWarning.URL,
            f"{what} {url!r} must be an http:// or https:// address",
            node.line,
            node.column,
        )
        return None
    return url


def read_flag(reporter: ProblemReporter, node: MarkedNode, what: str) -> bool:
    """True or false as YAML 1.1 spells them; True (the default) when it is neither."""
    text = read_text(reporter, node, what)
    if text is not None and text.lower() in TRUE_WORDS:
        return True
    if text is not None and text.lower() in FALSE_WORDS:
        return False
    if text is not None:
        assert type(node) is MarkedScalar
        reporter.report(
            VlmTableWarning.TYPE, f"{what} must be true or false", node.line, node.column
        )
    return True


def check_typed(
    reporter: ProblemReporter,
    node: MarkedNode,
    key: str,
    column_type: str,
    missing: frozenset[str],
) -> bool:
    """A value in a typed column must parse, unless it means "no value". The cell is
    still shown as written; the problem does not stop the table. False if it does
    not parse."""
    if type(node) is not MarkedScalar or node.text in missing:
        return True
    if parse_value(node.text, column_type) is None:
        reporter.report(
            VlmTableWarning.VALUE,
            f"{quoted(node.text)} in the {column_type} column {key!r} is not "
            f"{describe_type(column_type)}; it is shown as written and sorted last "
            "(add it to 'missing' if it means no value)",
            node.line,
            node.column,
            stops=False,
        )
        return False
    return True


def is_lone_dash(node: MarkedSequence) -> bool:
    """``year: -`` parses as a list holding one empty value."""
    return (
        len(node.items) == 1
        and type(node.items[0]) is MarkedScalar
        and node.items[0].plain
        and not node.items[0].text
    )


def has_items(node: MarkedNode) -> bool:
    """Whether the node is a list with something in it."""
    return type(node) is MarkedSequence and bool(node.items)
