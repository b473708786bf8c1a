"""Docs-only directives that write reference lists from the code, so they cannot drift."""

from __future__ import annotations

import argparse
import functools
from dataclasses import fields
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_vlmtable.cli import COMMANDS, arguments_of, command_parsers, exit_statuses
from sphinx_vlmtable.config import PREFIX, VlmTableConfig
from sphinx_vlmtable.directives import (
    VlmChangesDirective,
    VlmChartDirective,
    VlmCompareDirective,
    VlmMatrixDirective,
    VlmTableDirective,
    VlmTasksDirective,
)
from sphinx_vlmtable.warnings_ import VlmTableWarning


def _definition(term: str, text: str, state: Any, lineno: int) -> nodes.definition_list_item:
    described, _messages = state.inline_text(text, lineno)
    return nodes.definition_list_item(
        "",
        nodes.term("", "", nodes.literal(term, term)),
        nodes.definition("", nodes.paragraph("", "", *described)),
    )


class WarningSubtypes(SphinxDirective):
    """Every warning subtype, from the ``VlmTableWarning`` Enum."""

    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list()
        for kind in VlmTableWarning:
            items += _definition(kind.full_name, kind.description, self.state, self.lineno)
        return [items]


class ConfigValues(SphinxDirective):
    """Every ``vlmtable_*`` value, from the ``VlmTableConfig`` dataclass."""

    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list()
        for item in fields(VlmTableConfig):
            types = " or ".join(t.__name__ for t in item.metadata["types"])
            text = f"{item.metadata['doc']} Type: ``{types}``; default: ``{item.default!r}``."
            items += _definition(PREFIX + item.name, text, self.state, self.lineno)
        return [items]


#: The directives whose options are documented, by name.
DIRECTIVES = {
    "vlm-table": VlmTableDirective,
    "vlm-matrix": VlmMatrixDirective,
    "vlm-tasks": VlmTasksDirective,
    "vlm-chart": VlmChartDirective,
    "vlm-changes": VlmChangesDirective,
    "vlm-compare": VlmCompareDirective,
}


class DirectiveOptions(SphinxDirective):
    """Every option of a directive, from its ``option_spec`` and ``option_help``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        directive = DIRECTIVES[self.arguments[0]]
        items = nodes.definition_list()
        for name in directive.option_spec or {}:
            help_text = directive.option_help[name]  # a KeyError fails the docs build
            items += _definition(f":{name}:", help_text, self.state, self.lineno)
        return [items]


#: How wide the synopses are (``--help`` takes the terminal's width; the page a fixed one).
SYNOPSIS_WIDTH = 88


def _invocation(action: argparse.Action) -> str:
    """An argument as the synopsis names it: ``-o FILE, --output FILE``, ``FILE [FILE ...]``."""
    if action.choices is not None and action.metavar is None:
        metavar = "{" + ",".join(map(str, action.choices)) + "}"
    else:
        metavar = str(action.metavar or action.dest.upper())
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    if action.nargs == "+":
        metavar = f"{metavar} [{metavar} ...]"
    if not action.option_strings:
        return metavar
    return ", ".join(f"{option} {metavar}" for option in action.option_strings)


def _help(action: argparse.Action, prog: str) -> str:
    """An argument's help as ``--help`` prints it (``%(default)s`` filled in), ending with
    its default when it has one the help does not give."""
    if not action.help:
        raise ValueError(f"{prog}: {_invocation(action)} has no help")
    text = action.help % {**vars(action), "prog": prog}
    if action.nargs != 0 and action.default is not None and "default" not in text:
        text += f" (default: {action.default})"
    return text


class CliCommand(SphinxDirective):
    """A command's synopsis, its arguments with their help and defaults, and its exit
    statuses: from the parser ``vlmtable`` runs and ``Command.exit_statuses``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        name = self.arguments[0]
        parser = command_parsers()[name]  # a KeyError fails the docs build
        (command,) = (command for command in COMMANDS if command.name == name)
        parser.formatter_class = functools.partial(
            argparse.RawDescriptionHelpFormatter, width=SYNOPSIS_WIDTH
        )
        synopsis = parser.format_usage().removeprefix("usage: ").rstrip()
        listed = nodes.definition_list()
        for action in arguments_of(parser):
            help_text = _help(action, parser.prog)
            listed += nodes.definition_list_item(
                "",
                nodes.term("", "", nodes.literal("", _invocation(action))),
                # As --help prints it: "--list" stays two hyphens, quotes stay straight.
                nodes.definition("", nodes.paragraph("", help_text, support_smartquotes=False)),
            )
        statuses = nodes.definition_list()
        for status, text in exit_statuses(command).items():
            statuses += _definition(str(status), text, self.state, self.lineno)
        return [
            nodes.literal_block(synopsis, synopsis, language="text"),
            nodes.rubric("", "Arguments"),
            listed,
            nodes.rubric("", "Exit status"),
            statuses,
        ]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("vlmtable-directive-options", DirectiveOptions)
    app.add_directive("vlmtable-warning-subtypes", WarningSubtypes)
    app.add_directive("vlmtable-config-values", ConfigValues)
    app.add_directive("vlmtable-cli-command", CliCommand)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
