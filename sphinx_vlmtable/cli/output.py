"""Writing what a command made: a file (its folders made) or standard output."""

from __future__ import annotations

import os
import sys


def write_file(path: str, text: str) -> None:
    """Write ``text`` to ``path`` as UTF-8, making its folders; OSError if it cannot."""
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    with open(path, "w", encoding="utf-8") as stream:
        stream.write(text)


def write_or_print(path: str | None, text: str) -> None:
    """Write ``text`` to ``path``, or to standard output when there is none."""
    if path:
        write_file(path, text)
    else:
        sys.stdout.write(text)
