"""Reading a data file and its model files: safely, and again only when their bytes change.

No Sphinx or docutils here: ``vlmtable check`` reads files through the same function.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from typing import Any

from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.data.globbing import (
    MAX_MODEL_FILES,
    PatternRefused,
    walk_matches,
)
from sphinx_vlmtable.data.model import LoadResult, SurveyData
from sphinx_vlmtable.data.validate import ModelFiles, load_survey_text
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024
DEFAULT_MAX_PROBLEMS = 100

# Absolute path to (the bytes last read, the settings, what they gave). Keyed by the content,
# not the modification time, so an edit is always seen, even within one second.
_loaded: dict[str, tuple[bytes, tuple[int, str], LoadResult, list[Any]]] = {}


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


def model_file_reader(data_path: str, max_size: int) -> Callable[[str], ModelFiles | str]:
    """What ``models_from`` patterns find: files matched in the data file's folder (or
    below it), in name order, each read as a data file is; never a file outside it. A
    file reached again (by another pattern or a link) is not read again: it is given
    under the path it was first read by, which the loader takes once."""
    read_before: dict[str, tuple[str, bytes | str]] = {}

    def read(pattern: str) -> ModelFiles | str:
        matches = matching_files(data_path, pattern)
        if isinstance(matches, str):
            return matches
        if len(matches) > MAX_MODEL_FILES:
            return f"it matches {len(matches):,} files, more than {MAX_MODEL_FILES:,}"
        found: ModelFiles = []
        for path in matches:
            real = os.path.realpath(path)
            if real not in read_before:
                read_before[real] = (path, _model_file_bytes(path, max_size))
            found.append(read_before[real])
        return found

    return read


def _model_file_bytes(path: str, max_size: int) -> bytes | str:
    """A model file's bytes, or why they were not read."""
    try:
        raw = read_limited(path, max_size)
    except OSError as error:
        return f"cannot read the model file: {error.strerror or error}"
    return raw.problems[0].message if isinstance(raw, LoadResult) else raw


def matching_files(data_path: str, pattern: str) -> list[str] | str:
    """The files a ``models_from`` pattern of the data file at ``data_path`` matches in
    its folder, in name order (never the data file itself); or why the pattern is
    refused (absolute, reaching outside the folder, or walking too far)."""
    folder = os.path.dirname(os.path.abspath(data_path))
    itself = os.path.realpath(data_path)
    try:
        matches = walk_matches(folder, pattern)
    except PatternRefused as error:
        return str(error)
    return [path for path in matches if os.path.realpath(path) != itself]


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
    reader = _RecordingReader(lambda: model_file_reader(path, max_size))
    cached = _loaded.get(path)
    if (
        cached is not None
        and cached[0] == raw
        and cached[1] == settings
        and reader.replays(cached[3])
    ):
        return cached[2]
    # Loading creates many long-lived objects; see gcpause.py.
    with gc_paused():
        result = load_survey_text(raw, max_problems, placeholder, reader)
    _loaded[path] = (raw, settings, result, reader.calls)
    return result


class _RecordingReader:
    """A model file reader that remembers what it gave, so a cached result is used only
    while every model file is as it was (an edit, a new file: a new load)."""

    def __init__(self, new_reader: Callable[[], Callable[[str], ModelFiles | str]]) -> None:
        self.new_reader = new_reader
        self.read = new_reader()
        self.calls: list[tuple[str, ModelFiles | str]] = []

    def __call__(self, pattern: str) -> ModelFiles | str:
        found = self.read(pattern)
        self.calls.append((pattern, found))
        return found

    def replays(self, calls: list[tuple[str, ModelFiles | str]]) -> bool:
        # A reader of its own: each reads a file once, so this one must start afresh.
        read = self.new_reader()
        return all(read(pattern) == found for pattern, found in calls)
