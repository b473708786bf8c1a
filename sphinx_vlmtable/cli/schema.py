"""``vlmtable schema``: the JSON Schema of data files, as this version ships it (for an
editor or a validator that works offline); its ``$id`` is where the docs publish it."""

from __future__ import annotations

import argparse
import sys
from types import MappingProxyType

from sphinx_vlmtable.cli.arguments import add_output
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.output import write_or_print
from sphinx_vlmtable.data.schema import schema_text

#: ``run``'s exit statuses (the CLI reference lists them; tests run each).
EXIT_STATUSES = MappingProxyType(
    {
        0: "the schema was written",
        2: "it cannot be written where ``-o`` says",
    }
)


def run(arguments: argparse.Namespace) -> int:
    try:
        write_or_print(arguments.output, schema_text())
    except OSError as error:
        print(f"vlmtable schema: cannot write {arguments.output}: {error}", file=sys.stderr)
        return 2
    return 0


def add_arguments(schema: argparse.ArgumentParser) -> None:
    add_output(schema)


COMMAND = Command(
    "schema",
    "print the JSON Schema of data files (for editors and validators)",
    add_arguments,
    run,
    EXIT_STATUSES,
)
