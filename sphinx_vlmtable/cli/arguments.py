"""Argument types and the options several commands share."""

from __future__ import annotations

import argparse


def positive_int(text: str) -> int:
    """A whole number above 0 (``--max-file-size``, ``--table``)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{text} is not above 0")
    return value


def comma_keys(value: str | None) -> list[str] | None:
    """``--columns a, b,``: the keys, without blanks (None when not given)."""
    return None if value is None else [key.strip() for key in value.split(",") if key.strip()]


def add_missing(parser: argparse.ArgumentParser, whose: str = "") -> None:
    """``--missing``: the ``vlmtable_missing`` placeholder the data is read with (None when
    not given: the project's, see ``project.py``)."""
    parser.add_argument(
        "--missing",
        metavar="TEXT",
        help=f"the vlmtable_missing placeholder{whose} (default: the project's, or -)",
    )


def add_output(parser: argparse.ArgumentParser, metavar: str = "FILE") -> None:
    """``-o``: where the command writes (standard output without it)."""
    parser.add_argument("-o", "--output", metavar=metavar, help="write here (not stdout)")
