"""Reading a data file, or standard input, with the ``LoadSettings`` the commands' options
give (``data/files.py``: the same settings a build reads files with)."""

from __future__ import annotations

import sys

from sphinx_vlmtable.data.files import LoadSettings, load_data_file, refused
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.validate import load_survey_text

#: How standard input is named in messages, as compilers name it.
STDIN_NAME = "<stdin>"


def shown_name(path: str) -> str:
    """How messages name a file: ``-`` is standard input."""
    return STDIN_NAME if path == "-" else path


def read_stdin(max_size: int) -> bytes | None:
    """Standard input's bytes, or None when there are more than ``max_size``."""
    raw = sys.stdin.buffer.read(max_size + 1)
    return None if len(raw) > max_size else raw


def load(path: str, settings: LoadSettings) -> LoadResult:
    """The data file at ``path`` (``-``: standard input), loaded and validated; OSError,
    ValueError if it cannot be read."""
    if path != "-":
        return load_data_file(path, settings)
    raw = read_stdin(settings.max_file_size)
    if raw is None:
        return refused(
            f"the input is more than vlmtable_max_file_size ({settings.max_file_size:,}) "
            "bytes; it was not read"
        )
    return load_survey_text(raw, settings.max_problems, settings.missing)
