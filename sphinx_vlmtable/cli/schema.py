"""``vlmtable schema``: the JSON Schema of data files, as this version ships it (for an
editor or a validator that works offline); its ``$id`` is where the docs publish it."""

from __future__ import annotations

import argparse

from sphinx_vlmtable.cli.arguments import add_output
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.output import write_or_print
from sphinx_vlmtable.data.schema import schema_text


def run(arguments: argparse.Namespace) -> int:
    write_or_print(arguments.output, schema_text())
    return 0


def add_arguments(schema: argparse.ArgumentParser) -> None:
    add_output(schema)


COMMAND = Command(
    "schema",
    "print the JSON Schema of data files (for editors and validators)",
    add_arguments,
    run,
)
