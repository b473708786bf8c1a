"""``vlmtable check FILE...``: validate data files without a Sphinx project.

Prints each problem as ``file:line:col: message [vlmtable.subtype]``, the form
compilers use, so editors and CI can jump to it; exits 1 if there was any. ``-`` reads
standard input. Nothing here imports Sphinx or docutils.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .datafile import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_PROBLEMS, load_data_file, refused
from .schema import LoadResult, load_survey_text
from .warnings_ import VlmTableWarning

#: How standard input is named in messages, as compilers name it.
STDIN_NAME = "<stdin>"


def _load_stdin(max_size: int, max_problems: int) -> LoadResult:
    raw = sys.stdin.buffer.read(max_size + 1)
    if len(raw) > max_size:
        return refused(
            f"the input is more than vlmtable_max_file_size ({max_size:,}) bytes; it was not read"
        )
    return load_survey_text(raw, max_problems)


def check_files(
    paths: Sequence[str], max_size: int, max_problems: int = DEFAULT_MAX_PROBLEMS
) -> int:
    """Print the problems in each file; the number of files with problems."""
    failed = 0
    for path in paths:
        name = STDIN_NAME if path == "-" else path
        try:
            if path == "-":
                problems = _load_stdin(max_size, max_problems).problems
            else:
                problems = load_data_file(path, max_size, max_problems).problems
        except (OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or error
            print(f"{name}:1:1: cannot read the file: {reason} "
                  f"[{VlmTableWarning.FILE.full_name}]")  # fmt: skip
            failed += 1
            continue
        for problem in problems:
            print(f"{problem.located(name)} [{problem.kind.full_name}]")
        failed += bool(problems)
    return failed


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not above 0")
    return value


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vlmtable", description="Tools for sphinx-vlmtable data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="validate data files; print file:line:col: message for each problem"
    )
    check.add_argument(
        "files", nargs="+", metavar="FILE", help="YAML data files; - reads standard input"
    )
    check.add_argument(
        "--max-file-size",
        type=_positive_int,
        default=DEFAULT_MAX_FILE_SIZE,
        help="refuse files larger than this many bytes (default: %(default)s)",
    )
    check.add_argument(
        "--max-problems",
        type=_positive_int,
        default=DEFAULT_MAX_PROBLEMS,
        help="report at most this many problems per file (default: %(default)s)",
    )
    arguments = parser.parse_args(argv)
    failed = check_files(arguments.files, arguments.max_file_size, arguments.max_problems)
    if failed:
        print(f"{failed} of {len(arguments.files)} file(s) have problems", file=sys.stderr)
    return 1 if failed else 0
