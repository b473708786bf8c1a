"""``vlmtable``: tools for data files without a Sphinx project.

``vlmtable check FILE...``: validate data files;
``vlmtable import SOURCE``: turn a Markdown or HTML table into a data file;
``vlmtable export FILE``: a view of a data file as CSV, JSON or a Markdown table;
``vlmtable diff OLD NEW``: the models added, updated and removed, as Markdown;
``vlmtable schema``: the JSON Schema of data files;
``vlmtable init DIR [--from README.md]``: a survey project, ready to build.

``check``, ``export`` and ``diff`` read the project's settings: ``[tool.vlmtable]`` of the
nearest pyproject.toml, or the conf.py given with ``--conf`` (read, never run).

Prints each problem as ``file:line:col: message [vlmtable.subtype]``, the form
compilers use, so editors and CI can jump to it. ``-`` reads standard input. Nothing here
imports Sphinx or docutils.

Each command is a module with its arguments, its handler and its exit statuses
(``command.Command``); a new command is a module and one line in ``COMMANDS``. The CLI
reference is generated from them.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Sequence

from sphinx_vlmtable import __version__
from sphinx_vlmtable.cli import check, diff, export, import_, init, schema
from sphinx_vlmtable.cli.command import USAGE_ERROR, USAGE_STATUS, Command

#: The commands, in the order ``vlmtable --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    check.COMMAND,
    import_.COMMAND,
    init.COMMAND,
    export.COMMAND,
    diff.COMMAND,
    schema.COMMAND,
)


def build_parser() -> argparse.ArgumentParser:
    """``vlmtable``'s parser: a subparser for each command of ``COMMANDS``."""
    return _parsers()[0]


def command_parsers() -> dict[str, argparse.ArgumentParser]:
    """Each command's parser, by name, as ``build_parser`` makes it (the CLI reference
    and its tests read them)."""
    return _parsers()[1]


def arguments_of(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    """A parser's arguments in the order they were added, ``--help`` left out (argparse
    keeps them in ``_actions``, as it has since Python 3.2, and has no public list)."""
    return [action for action in parser._actions if not isinstance(action, argparse._HelpAction)]


def _parsers() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    parser = argparse.ArgumentParser(
        prog="vlmtable", description="Tools for sphinx-vlmtable data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    made = {}
    for command in COMMANDS:
        made[command.name] = subparsers.add_parser(
            command.name,
            help=command.help,
            description=f"{command.help[:1].upper()}{command.help[1:]}.",
            epilog=exit_statuses_text(command),
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        command.add_arguments(made[command.name])
    return parser, made


def exit_statuses(command: Command) -> dict[int, str]:
    """Every status ``vlmtable <command>`` exits with, and when: its own and argparse's."""
    statuses = dict(command.exit_statuses)
    usage = USAGE_ERROR
    if USAGE_STATUS in statuses:
        usage = f"{statuses[USAGE_STATUS]}; or {USAGE_ERROR}"
    statuses[USAGE_STATUS] = usage
    return dict(sorted(statuses.items()))


def exit_statuses_text(command: Command) -> str:
    """The exit statuses as ``--help`` ends with them (the reference shows the same)."""
    lines = ["exit status:"]
    for status, text in exit_statuses(command).items():
        lines += textwrap.wrap(
            text.replace("``", ""),
            width=78,
            initial_indent=f"  {status}  ",
            subsequent_indent=" " * 5,
            break_on_hyphens=False,
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names (``sys.argv`` without it); the exit status."""
    arguments = build_parser().parse_args(argv)
    by_name = {command.name: command for command in COMMANDS}
    return by_name[arguments.command].run(arguments)


__all__ = [
    "COMMANDS",
    "Command",
    "arguments_of",
    "build_parser",
    "command_parsers",
    "exit_statuses",
    "main",
]
