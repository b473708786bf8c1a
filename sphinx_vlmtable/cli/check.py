"""``vlmtable check FILE...``: validate data files without a Sphinx project; each
problem printed as ``file:line:col: message [vlmtable.subtype]`` (or for GitHub, or as
JSON); exit status 1 if any file has problems."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from sphinx_vlmtable.cli.arguments import add_missing, positive_int
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.data_files import data_files_among
from sphinx_vlmtable.cli.loading import load, shown_name
from sphinx_vlmtable.cli.problems import PROBLEM_FORMATS, ProblemRecord, problem_record
from sphinx_vlmtable.data.files import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_PROBLEMS, LoadSettings
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

#: How ``vlmtable check`` prints problems: compilers' ``file:line:col: message``,
#: GitHub Actions' workflow commands (annotations on the pull request's diff), or JSON.
CHECK_FORMATS = tuple(PROBLEM_FORMATS)


def check_files(
    paths: Sequence[str],
    settings: LoadSettings,
    output: str = "text",
    data_files_only: bool = False,
) -> int:
    """Print the problems in each file; the number of files with problems.
    ``data_files_only`` passes over YAML files that are not data files (pre-commit
    hands the hook every YAML file of a commit)."""
    failed = 0
    found: list[ProblemRecord] = []
    if data_files_only:
        paths = data_files_among(paths, settings.max_file_size)
    for path in paths:
        problems = _problems_in(path, settings)
        found += [problem_record(problem, shown_name(path)) for problem in problems]
        failed += bool(problems)
    for line in PROBLEM_FORMATS[output](found):
        print(line)
    return failed


def _problems_in(path: str, settings: LoadSettings) -> Sequence[DataProblem]:
    """The file's problems; a file that cannot be read is one problem."""
    try:
        return load(path, settings).problems
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        return (DataProblem(VlmTableWarning.FILE, f"cannot read the file: {reason}", 1),)


def run(arguments: argparse.Namespace) -> int:
    """Check every file given; 1 if any has problems."""
    settings = LoadSettings(
        max_file_size=arguments.max_file_size,
        max_problems=arguments.max_problems,
        missing=arguments.missing,
    )
    failed = check_files(arguments.files, settings, arguments.output, arguments.data_files_only)
    if failed:
        print(f"{failed} of {len(arguments.files)} file(s) have problems", file=sys.stderr)
    return 1 if failed else 0


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="YAML data files; - reads standard input"
    )
    check.add_argument(
        "--max-file-size",
        type=positive_int,
        default=DEFAULT_MAX_FILE_SIZE,
        help="refuse files larger than this many bytes (default: %(default)s)",
    )
    check.add_argument(
        "--max-problems",
        type=positive_int,
        default=DEFAULT_MAX_PROBLEMS,
        help="report at most this many problems per file (default: %(default)s)",
    )
    check.add_argument(
        "--format",
        dest="output",
        choices=CHECK_FORMATS,
        default="text",
        help="text (file:line:col: message), github (annotations in a pull request), or json",
    )
    check.add_argument(
        "--data-files-only",
        action="store_true",
        help="skip YAML files that are not data files (pre-commit)",
    )
    add_missing(check, " of your project")


COMMAND = Command(
    "check",
    "validate data files; print file:line:col: message for each problem",
    add_arguments,
    run,
)
