"""Reading a data file once per build process, and again only when its bytes change."""

from __future__ import annotations

import os

from .schema import LoadResult, SurveyData, load_survey_text
from .warnings_ import DataProblem, VlmTableWarning

# Absolute path to (the bytes last read, what they gave). Keyed by the content, not
# the modification time, so an edit is always seen, even within one second.
_loaded: dict[str, tuple[bytes, LoadResult]] = {}


def load_data_file(path: str, max_size: int) -> LoadResult:
    """Load and validate the file at ``path``; OSError if it cannot be read."""
    size = os.stat(path).st_size
    if size > max_size:
        return LoadResult(
            SurveyData(),
            (
                DataProblem(
                    VlmTableWarning.FILE,
                    f"the file is {size:,} bytes, more than vlmtable_max_file_size "
                    f"({max_size:,}); it was not read",
                    1,
                ),
            ),
        )
    with open(path, "rb") as stream:
        raw = stream.read()
    cached = _loaded.get(path)
    if cached is not None and cached[0] == raw:
        return cached[1]
    result = load_survey_text(raw)
    _loaded[path] = (raw, result)
    return result
