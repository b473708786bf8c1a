"""``vlmtable check FILE_OR_FOLDER...``: validate data files without a Sphinx project; each
problem printed as ``file:line:col: message [vlmtable.subtype]`` (or for GitHub, or as
JSON), once; exit status 1 if any file has problems.

A folder stands for the data files in it, found by their content (as the pre-commit hook
finds them). With ``--data-files-only`` (the hook) a run prints the problems of the files
it was given: pre-commit may hand one commit's files to several runs, and each problem
is then printed by the run given its file, never twice; problems elsewhere in a data set
a file belongs to are counted in one line on standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from sphinx_vlmtable.cli.arguments import add_missing, positive_int
from sphinx_vlmtable.cli.command import Command
from sphinx_vlmtable.cli.data_files import data_files_among, yaml_files_in
from sphinx_vlmtable.cli.loading import load, shown_name
from sphinx_vlmtable.cli.problems import PROBLEM_FORMATS, ProblemRecord, problem_record
from sphinx_vlmtable.cli.project import add_conf, load_settings, project_config
from sphinx_vlmtable.data.files import LoadSettings
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

#: How ``vlmtable check`` prints problems: compilers' ``file:line:col: message``,
#: GitHub Actions' workflow commands (annotations on the pull request's diff), or JSON.
CHECK_FORMATS = tuple(PROBLEM_FORMATS)


@dataclass
class _Plan:
    """The data files to check, and (for the hook) the files the run was given."""

    files: list[str] = field(default_factory=list)
    given: set[str] | None = None

    def prints(self, path: str) -> bool:
        """Whether this run prints the problems in ``path``: every file's, or for the
        hook, the files it was given only."""
        return self.given is None or path == "-" or os.path.realpath(path) in self.given


def _plan(paths: Sequence[str], max_size: int, data_files_only: bool) -> _Plan:
    plan = _Plan()
    searched: list[str] = []  # among which the data files are found by content (one index)
    for path in paths:
        if path != "-" and os.path.isdir(path):
            found, stopped = yaml_files_in(path)
            if stopped:
                print(
                    f"vlmtable check: {path}: stopped after {len(found):,} YAML files",
                    file=sys.stderr,
                )
            searched += found
        elif data_files_only:
            searched.append(path)
        else:
            plan.files.append(path)
    # Each data file once, however it was named or reached (a model file, a folder).
    chosen = [*plan.files, *data_files_among(searched, max_size)]
    first: dict[str, str] = {}
    for path in chosen:
        first.setdefault(path if path == "-" else os.path.realpath(path), path)
    plan.files = list(first.values())
    if data_files_only:
        plan.given = {os.path.realpath(path) for path in searched if path != "-"}
    return plan


class Checked(NamedTuple):
    """How many data files were checked, and how many of them have problems."""

    failed: int
    checked: int


def check_files(
    paths: Sequence[str],
    settings: LoadSettings,
    output: str = "text",
    data_files_only: bool = False,
) -> Checked:
    """Print the problems in each file (a folder: the data files in it), each once; the
    data files checked and how many have problems. ``data_files_only`` passes over YAML files that
    are not data files (pre-commit hands the hook every YAML file of a commit) and prints
    only the problems in the files given."""
    plan = _plan(paths, settings.max_file_size, data_files_only)
    failed = 0
    found: dict[tuple[object, ...], ProblemRecord] = {}
    for path in plan.files:
        problems = _problems_in(path, settings)
        failed += bool(problems)
        elsewhere: dict[str, int] = {}
        for problem in problems:
            record = problem_record(problem, shown_name(path))
            if not plan.prints(problem.source or path):
                elsewhere[record["file"]] = elsewhere.get(record["file"], 0) + 1
                continue
            found.setdefault(tuple(record.values()), record)
        if elsewhere:
            _note_elsewhere(path, elsewhere)
    for line in PROBLEM_FORMATS[output](list(found.values())):
        print(line)
    return Checked(failed, len(plan.files))


def _note_elsewhere(path: str, elsewhere: dict[str, int]) -> None:
    count = sum(elsewhere.values())
    print(
        f"{path}: {count} problem(s) in files this run was not given "
        f"({', '.join(sorted(elsewhere))}); `vlmtable check {path}` lists them",
        file=sys.stderr,
    )


def _problems_in(path: str, settings: LoadSettings) -> Sequence[DataProblem]:
    """The file's problems; a file that cannot be read is one problem."""
    try:
        return load(path, settings).problems
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        return (DataProblem(VlmTableWarning.FILE, f"cannot read the file: {reason}", 1),)


#: ``run``'s exit statuses (the CLI reference lists them; tests run each).
EXIT_STATUSES = MappingProxyType(
    {
        0: "every data file is valid",
        1: "a data file has problems (a file that is missing or cannot be read is one, "
        "``FILE:1:1: cannot read the file: ... [vlmtable.file]``); the last line on "
        "standard error counts them, ``N of M file(s) have problems``",
    }
)


def run(arguments: argparse.Namespace) -> int:
    """Check every file given; 1 if any has problems."""
    settings = load_settings(arguments, project_config(arguments))
    failed, checked = check_files(
        arguments.files, settings, arguments.output, arguments.data_files_only
    )
    if failed:
        print(f"{failed} of {checked} file(s) have problems", file=sys.stderr)
    return 1 if failed else 0


def add_arguments(check: argparse.ArgumentParser) -> None:
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="YAML data files, or folders (the data files in them, found by content); "
        "- reads standard input",
    )
    check.add_argument(
        "--max-file-size",
        type=positive_int,
        metavar="BYTES",
        help="refuse files larger than this many bytes (default: the project's, or 16 MiB)",
    )
    check.add_argument(
        "--max-problems",
        type=positive_int,
        metavar="N",
        help="report at most this many problems per file (default: the project's, or 100)",
    )
    check.add_argument(
        "--format",
        dest="output",
        choices=CHECK_FORMATS,
        default="text",
        help="text (file:line:col: message), github (annotations in a pull request), or "
        "json (default: %(default)s)",
    )
    check.add_argument(
        "--data-files-only",
        action="store_true",
        help="skip YAML files that are not data files, and print only the problems in the "
        "files given (pre-commit)",
    )
    add_missing(check, " of your project")
    add_conf(check)


COMMAND = Command(
    "check",
    "validate data files; print file:line:col: message for each problem",
    add_arguments,
    run,
    EXIT_STATUSES,
)
