"""``vlmtable export FILE``: a view of a data file (the table's, or the capability
matrix's) as CSV, JSON or a Markdown table. The file's problems are printed as ``vlmtable
check`` prints them and make the exit status 1, as they make ``check`` fail; the view is
still written unless one of them stops the file being read (as a build still shows the
table)."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from types import MappingProxyType

from sphinx_vlmtable.cli.arguments import add_missing, add_output, comma_keys
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.loading import load, shown_name
from sphinx_vlmtable.cli.output import write_or_print
from sphinx_vlmtable.cli.problems import print_problems
from sphinx_vlmtable.cli.project import add_conf, load_settings, project_config
from sphinx_vlmtable.data.model import SurveyData
from sphinx_vlmtable.view.export import FORMATS, export
from sphinx_vlmtable.view.matrix import build_matrix_view
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.table import build_view

#: ``run``'s exit statuses (the CLI reference lists them; tests run each).
EXIT_STATUSES = MappingProxyType(
    {
        0: "the view was written and the file has no problems",
        1: "the file has problems (printed as ``vlmtable check`` prints them; the view is "
        "still written unless one stops the file being read), or a view option is wrong "
        "(``--columns``, ``--sort`` or ``--filter`` names no column or does not parse)",
        2: "the file cannot be read (it is missing, or a folder) or the view cannot be "
        "written where ``-o`` says",
    }
)


def run(arguments: argparse.Namespace) -> int:
    """Load the file, print its problems, and write the view unless one stops it."""
    config = project_config(arguments)
    settings = load_settings(arguments, config)
    try:
        result = load(arguments.file, settings)
    except (OSError, ValueError) as error:
        print(f"vlmtable export: cannot read {arguments.file}: {error}", file=sys.stderr)
        return 2
    print_problems(result.problems, shown_name(arguments.file))
    if any(problem.stops for problem in result.problems):
        return 1
    options = ViewOptions(
        columns=comma_keys(arguments.columns),
        filter=arguments.filter,
        sort=arguments.sort,
        missing=settings.missing,
    )
    try:
        text = _exported(result.data, options, arguments, config.default_sort)
    except ViewError as error:
        print(f"vlmtable export: {error}", file=sys.stderr)
        return 1
    try:
        write_or_print(arguments.output, text)
    except OSError as error:
        print(f"vlmtable export: cannot write {arguments.output}: {error}", file=sys.stderr)
        return 2
    return 1 if result.problems else 0


def _exported(
    data: SurveyData, options: ViewOptions, arguments: argparse.Namespace, default_sort: str
) -> str:
    """The view as text; without ``--sort``, sorted by the project's default sort, as a
    build sorts a table that gives none (a key the file lacks: its order kept, and said)."""
    make = build_matrix_view if arguments.matrix else build_view
    if options.sort is None and default_sort and not arguments.matrix:
        try:
            return export(make(data, replace(options, sort=default_sort)), arguments.format)
        except ViewError as error:
            print(
                f"vlmtable export: vlmtable_default_sort {default_sort!r}: {error}; "
                "the file's order is kept",
                file=sys.stderr,
            )
    return export(make(data, options), arguments.format)


def add_arguments(out: argparse.ArgumentParser) -> None:
    out.add_argument("file", metavar="FILE", help="a YAML data file, or -")
    out.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="csv, json, or md: a GitHub pipe table (default: %(default)s)",
    )
    which = out.add_mutually_exclusive_group()
    which.add_argument(
        "--table", dest="matrix", action="store_false", help="the table's columns (the default)"
    )
    which.add_argument(
        "--matrix",
        dest="matrix",
        action="store_true",
        help="the capability matrix: models by tasks",
    )
    out.set_defaults(matrix=False)
    out.add_argument("--columns", metavar="KEYS", help="as :columns: (task keys with --matrix)")
    out.add_argument(
        "--sort",
        metavar="KEYS",
        help="as :sort: (write --sort=-year; default: the project's vlmtable_default_sort)",
    )
    out.add_argument("--filter", metavar="EXPRESSION", help="as :filter:")
    add_missing(out)
    add_conf(out)
    add_output(out)


COMMAND = Command(
    "export",
    "write a view of a data file as CSV, JSON or a Markdown table",
    add_arguments,
    run,
    EXIT_STATUSES,
)
