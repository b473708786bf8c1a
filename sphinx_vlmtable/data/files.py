"""Reading a data file and its model files: safely, and again only when their bytes change.

No Sphinx or docutils here: ``vlmtable check`` reads files through the same function.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Callable, MutableMapping
from dataclasses import dataclass

from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.data.globbing import (
    MAX_MODEL_FILES,
    PatternRefused,
    walk_matches,
)
from sphinx_vlmtable.data.model import LoadResult, SurveyData
from sphinx_vlmtable.data.validate import ModelFiles, load_survey_text
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning

# A 20,000-row survey with a markup column is about 5 MiB; sixteen leaves room for more.
DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024
DEFAULT_MAX_PROBLEMS = 100


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


@dataclass(frozen=True)
class LoadSettings:
    """How a data file is read: the ``vlmtable_*`` values that change what loading gives."""

    max_file_size: int = DEFAULT_MAX_FILE_SIZE
    max_problems: int = DEFAULT_MAX_PROBLEMS
    #: The ``vlmtable_missing`` text (it need not parse in a typed column).
    missing: str = "-"


@dataclass(frozen=True)
class CachedLoad:
    """A load kept for the rest of a build: used again while the file's bytes (by their
    digest) and the settings are the same."""

    digest: str
    settings: LoadSettings
    result: LoadResult


#: Where a build keeps its loads, by absolute path (see ``state.py``: it lives on the
#: build's environment, never in a module).
LoadCache = MutableMapping[str, CachedLoad]


def load_data_file(
    path: str, settings: LoadSettings | None = None, cache: LoadCache | None = None
) -> LoadResult:
    """Load and validate the file at ``path``; OSError if it cannot be opened. With a
    ``cache``, a file read before in the build with the same bytes is not parsed again."""
    settings = settings or LoadSettings()
    raw = read_limited(path, settings.max_file_size)
    if isinstance(raw, LoadResult):
        return raw
    digest = hashlib.sha256(raw).hexdigest()
    cached = cache.get(path) if cache is not None else None
    if cached is not None and cached.digest == digest and cached.settings == settings:
        return cached.result
    reader = model_file_reader(path, settings.max_file_size)
    # Loading creates many long-lived objects; see gcpause.py.
    with gc_paused():
        result = load_survey_text(raw, settings.max_problems, settings.missing, reader)
    if cache is not None:
        cache[path] = CachedLoad(digest, settings, result)
    return result
