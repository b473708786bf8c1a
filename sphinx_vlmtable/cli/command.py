"""A command of ``vlmtable``: its name, its one-line help, the arguments it adds to its
subparser and the handler that runs it. ``cli/__init__.py`` lists them in ``COMMANDS``."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    """One ``vlmtable`` command."""

    #: How it is called: ``vlmtable <name>``.
    name: str
    #: The line ``vlmtable --help`` shows for it.
    help: str
    #: Adds its arguments to its subparser.
    add_arguments: Callable[[argparse.ArgumentParser], None]
    #: Runs it on the parsed arguments; the exit status.
    run: Callable[[argparse.Namespace], int]
