"""``vlmtable diff OLD NEW``: the models added, updated (each change old → new) and removed
from OLD (a file, or ``git:REV`` for NEW at that revision) to NEW, as the Markdown a
changelog takes; ``--columns``/``--ignore`` choose the columns that count. A version's
problems are printed; only those that stop it being read fail the command (an old
version's are history: the changelog is still written)."""

from __future__ import annotations

import argparse
import os
import sys
from types import MappingProxyType

from sphinx_vlmtable.cli.arguments import add_missing, add_output, comma_keys
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.output import write_or_print
from sphinx_vlmtable.cli.problems import print_problems
from sphinx_vlmtable.cli.project import add_conf, load_settings, project_config
from sphinx_vlmtable.data.earlier import EarlierVersionError, load_earlier
from sphinx_vlmtable.data.files import LoadSettings, load_data_file
from sphinx_vlmtable.data.model import LoadResult, SurveyData
from sphinx_vlmtable.view.changes import ChangeOptions, compare_versions, known_keys
from sphinx_vlmtable.view.changes_text import changes_markdown

#: ``run``'s exit statuses (the CLI reference lists them; tests run each).
EXIT_STATUSES = MappingProxyType(
    {
        0: "both versions were read and the changes written (problems that do not stop a "
        "version being read are printed, as ``vlmtable check`` prints them)",
        1: "a version has problems that stop it being read (a YAML error, no models)",
        2: "a version cannot be read (a missing file, ``git:REV`` outside a git "
        "repository, an unknown revision, a file the revision does not hold) or the "
        "changes cannot be written where ``-o`` says",
    }
)


def run(arguments: argparse.Namespace) -> int:
    """Load OLD, then NEW (each with its problems printed), and write what changed."""
    config = project_config(arguments)
    settings = load_settings(arguments, config)
    loaded: list[SurveyData] = []
    for name, current in ((arguments.old, arguments.new), (arguments.new, None)):
        try:
            result = _load_version(name, current, settings)
        except (OSError, ValueError, EarlierVersionError) as error:
            print(f"vlmtable diff: cannot read {name}: {error}", file=sys.stderr)
            return 2
        print_problems(result.problems, name)
        if any(problem.stops for problem in result.problems):
            return 1
        loaded.append(result.data)
    title = arguments.title or f"Changes since {arguments.old.removeprefix('git:')}"
    options = ChangeOptions(
        tuple(comma_keys(arguments.columns) or ()) or None,
        tuple(comma_keys(arguments.ignore) or ()),
    )
    unknown = sorted({*(options.columns or ()), *options.ignore} - known_keys(*loaded))
    if unknown:
        print(f"vlmtable diff: no column has the key(s) {', '.join(unknown)}", file=sys.stderr)
    changes = compare_versions(loaded[0], loaded[1], options)
    try:
        write_or_print(arguments.output, changes_markdown(changes, title, config.entry_words))
    except OSError as error:
        print(f"vlmtable diff: cannot write {arguments.output}: {error}", file=sys.stderr)
        return 2
    return 0


def _load_version(name: str, current: str | None, settings: LoadSettings) -> LoadResult:
    """NEW (``current`` None) as a data file; OLD as the earlier version of ``current``."""
    if current is None:
        return load_data_file(name, settings)
    # git:REV is read from the repository of the folder the command runs in.
    return load_earlier(name, current, settings, os.getcwd())


def add_arguments(diff: argparse.ArgumentParser) -> None:
    diff.add_argument(
        "old", metavar="OLD", help="the earlier version: a data file, or git:REV (NEW then)"
    )
    diff.add_argument("new", metavar="NEW", help="the data file now")
    diff.add_argument("--title", help="the heading (default: Changes since OLD)")
    diff.add_argument(
        "--columns", metavar="KEYS", help="only changes in these columns count (as :columns:)"
    )
    diff.add_argument(
        "--ignore",
        metavar="KEYS",
        help="changes in these columns do not count (as :ignore:; tasks, updated too)",
    )
    add_missing(diff)
    add_conf(diff)
    add_output(diff)


COMMAND = Command(
    "diff",
    "the models added, updated and removed between two versions, as Markdown",
    add_arguments,
    run,
    EXIT_STATUSES,
)
