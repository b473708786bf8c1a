"""``vlmtable export FILE``: a view of a data file (the table's, or the capability
matrix's) as CSV, JSON or a Markdown table; exit status 1 if the file has problems that
stop it or the view cannot be made, 2 if it cannot be read."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

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
    write_or_print(arguments.output, text)
    return 0


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
    out.add_argument("--format", choices=FORMATS, default="csv")
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
)
