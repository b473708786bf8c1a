"""``vlmtable check FILE...``: validate data files without a Sphinx project.

Prints each problem as ``file:line:col: message [vlmtable.subtype]``, the form
compilers use, so editors and CI can jump to it; exits 1 if there was any.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from . import __version__
from .datafile import DEFAULT_MAX_FILE_SIZE, load_data_file
from .warnings_ import VlmTableWarning


def check_files(paths: Sequence[str], max_size: int) -> int:
    """Print the problems in each file; the number of files with problems."""
    failed = 0
    for path in paths:
        try:
            problems = load_data_file(path, max_size).problems
        except OSError as error:
            print(f"{path}:1:1: cannot read the file: {error.strerror or error} "
                  f"[{VlmTableWarning.FILE.full_name}]")  # fmt: skip
            failed += 1
            continue
        for problem in problems:
            print(f"{problem.located(path)} [{problem.kind.full_name}]")
        failed += bool(problems)
    return failed


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="vlmtable", description="Tools for sphinx-vlmtable data files."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser(
        "check", help="validate data files; print file:line:col: message for each problem"
    )
    check.add_argument("files", nargs="+", metavar="FILE", help="YAML data files")
    check.add_argument(
        "--max-file-size",
        type=int,
        default=DEFAULT_MAX_FILE_SIZE,
        help="refuse files larger than this many bytes (default: %(default)s)",
    )
    arguments = parser.parse_args(argv)
    failed = check_files(arguments.files, arguments.max_file_size)
    if failed:
        print(f"{failed} of {len(arguments.files)} file(s) have problems", file=sys.stderr)
    return 1 if failed else 0
