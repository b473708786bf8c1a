"""A command of ``vlmtable``: its name, its one-line help, the arguments it adds to its
subparser, the handler that runs it and its exit statuses. ``cli/__init__.py`` lists them
in ``COMMANDS``; the CLI reference is generated from them (docs/_ext/vlmtable_docs.py), and
a test runs each status, so the page, ``--help`` and the code say the same."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

#: The status argparse exits with when the command line is wrong (an unknown option, a
#: missing argument, a value an option does not take), after printing the usage.
USAGE_STATUS = 2
USAGE_ERROR = (
    "the command line is wrong (an unknown option, a missing argument, a value an option "
    "does not take): the usage and the reason are printed, and nothing is read"
)


def _no_statuses() -> Mapping[int, str]:
    return MappingProxyType({})


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
    #: Each status ``run`` returns, and when (besides ``USAGE_STATUS``, argparse's).
    exit_statuses: Mapping[int, str] = field(default_factory=_no_statuses)
