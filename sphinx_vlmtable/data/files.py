"""Reading a data file: safely, once per build process, and again only when its bytes change.

No Sphinx or docutils here: ``vlmtable check`` reads files through the same function.
"""

from __future__ import annotations

import os
import stat

from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.data.model import LoadResult, SurveyData
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
DEFAULT_MAX_PROBLEMS = 100

# Absolute path to (the bytes last read, the settings, what they gave). Keyed by the content,
# not the modification time, so an edit is always seen, even within one second.
_loaded: dict[str, tuple[bytes, tuple[int, str], LoadResult]] = {}


def is_within(path: str, directory: str) -> bool:
    """Whether ``path``, links resolved, is inside ``directory``."""
    directory = os.path.realpath(directory)
    return os.path.commonpath([os.path.realpath(path), directory]) == directory


def refused(message: str) -> LoadResult:
    """A result with one problem about the file itself, and nothing to show."""
    return LoadResult(SurveyData(), (DataProblem(VlmTableWarning.FILE, message, 1),))


def read_limited(path: str, max_size: int) -> bytes | LoadResult:
    """The file's bytes, or a result that says why they were not read.

    Only a regular file is read, and never more than ``max_size`` bytes: a FIFO or a
    device would block or never end (their size says 0), so the check is made on the
    open file itself, which no rename can swap afterwards. OSError if it cannot be opened.
    """
    # Non-blocking, so opening a FIFO with no writer returns at once instead of waiting.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            return refused("the data file is not a regular file (a pipe, device or folder)")
        raw = stream.read(max_size + 1)
    if len(raw) > max_size:
        size = max(info.st_size, len(raw))
        return refused(
            f"the file is {size:,} bytes, more than vlmtable_max_file_size ({max_size:,}); "
            "it was not read"
        )
    return raw


def load_data_file(
    path: str,
    max_size: int = DEFAULT_MAX_FILE_SIZE,
    max_problems: int = DEFAULT_MAX_PROBLEMS,
    placeholder: str = "-",
) -> LoadResult:
    """Load and validate the file at ``path``; OSError if it cannot be opened.
    ``placeholder`` is the ``vlmtable_missing`` text (it need not parse as a number)."""
    raw = read_limited(path, max_size)
    if isinstance(raw, LoadResult):
        return raw
    settings = (max_problems, placeholder)
    cached = _loaded.get(path)
    if cached is not None and cached[0] == raw and cached[1] == settings:
        return cached[2]
    # Loading creates many long-lived objects; see gcpause.py.
    with gc_paused():
        result = load_survey_text(raw, max_problems, placeholder)
    _loaded[path] = (raw, settings, result)
    return result
