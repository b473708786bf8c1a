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
compilers use, so editors and CI can jump to it; exits 1 if there was any. ``-`` reads
standard input. Nothing here imports Sphinx or docutils.

Each command is a module with its arguments and its handler (``command.Command``); a new
command is a module and one line in ``COMMANDS``.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from sphinx_vlmtable import __version__
from sphinx_vlmtable.cli import check, diff, export, import_, init, schema
from sphinx_vlmtable.cli.command import Command

#: The commands, in the order ``vlmtable --help`` lists them.
COMMANDS: tuple[Command, ...] = (
    check.COMMAND,
    import_.COMMAND,
    export.COMMAND,
    diff.COMMAND,
    schema.COMMAND,
    init.COMMAND,
)


def build_parser() -> argparse.ArgumentParser:
    """``vlmtable``'s parser: a subparser for each command of ``COMMANDS``."""
    parser = argparse.ArgumentParser(
        prog="vlmtable", description="Tools for sphinx-vlmtable data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.add_arguments(subparsers.add_parser(command.name, help=command.help))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command ``argv`` names (``sys.argv`` without it); the exit status."""
    arguments = build_parser().parse_args(argv)
    by_name = {command.name: command for command in COMMANDS}
    return by_name[arguments.command].run(arguments)


__all__ = ["COMMANDS", "Command", "build_parser", "main"]
