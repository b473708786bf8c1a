"""Which YAML files are data files: those pre-commit hands ``vlmtable check
--data-files-only``, and those in a folder given to ``vlmtable check`` (the Action gives
its ``paths``). A data file by its top-level keys, and for a model file
(``models_from``), the data files beside it or up to three folders above whose patterns
match it."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Sequence

from sphinx_vlmtable.data.files import matching_files, read_limited
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.yamlsource import (
    MarkedScalar,
    MarkedSequence,
    YamlSourceError,
    decode_data,
    parse_marked_yaml,
)

#: A data file's own top-level keys, and a model entry: what tells one from other YAML.
_TOP_LEVEL = re.compile(r"^(models_from|models|model|columns|column_settings)\s*:", re.MULTILINE)

# Spaces and tabs, and at most one line break (``-`` alone on its line): ``\s*`` would
# run across every line, quadratic on a file of blank lines.
_MODEL_ENTRY = re.compile(r"^[ \t]*-[ \t]*(?:\n[ \t]*)?(\{[ \t]*)?model[ \t]*:", re.MULTILINE)


#: Folders a search for data files passes over (besides hidden ones and virtual
#: environments): builds and installed packages hold YAML that is never a survey's.
_SKIPPED_FOLDERS = frozenset(("_build", "node_modules", "__pycache__", "site-packages"))
#: Most YAML files a folder search looks at; past it the search stops and says so.
MAX_FOLDER_FILES = 100_000


def yaml_files_in(folder: str) -> tuple[list[str], bool]:
    """The YAML files below ``folder`` (folder links not followed; hidden folders, builds
    and virtual environments passed over), in a stable order; and whether the search
    stopped at ``MAX_FOLDER_FILES``."""
    found: list[str] = []
    for root, folders, names in os.walk(folder):
        folders[:] = sorted(
            name
            for name in folders
            if not name.startswith(".")
            and name not in _SKIPPED_FOLDERS
            and not os.path.exists(os.path.join(root, name, "pyvenv.cfg"))
        )
        for name in sorted(names):
            if name.endswith((".yaml", ".yml")) and not name.startswith("."):
                if len(found) == MAX_FOLDER_FILES:
                    return found, True
                found.append(os.path.normpath(os.path.join(root, name)))
    return found, False


def data_files_among(paths: Sequence[str], max_size: int) -> list[str]:
    """The data files among ``paths``; for a model file (``models_from``), the data
    files beside it or up to three folders above whose patterns match it."""
    index = _DataFileIndex(max_size)
    chosen: list[str] = []
    for path in paths:
        if path == "-" or _is_data_file(path, max_size):
            chosen.append(path)
        elif _is_model_file(path, max_size):
            chosen += index.data_files_of_model(path)
    return list(dict.fromkeys(chosen))


class _DataFileIndex:
    """The data files of folders and the files their patterns match, each found once
    per run: a commit of 4,000 model files reads each nearby data file once."""

    def __init__(self, max_size: int) -> None:
        self.max_size = max_size
        self.folders: dict[str, list[tuple[str, list[str]]]] = {}
        self.matched: dict[tuple[str, str], frozenset[str]] = {}

    def data_files_of_model(self, path: str) -> list[str]:
        target = os.path.realpath(path)
        folder = os.path.dirname(os.path.abspath(path))
        found = []
        for _level in range(4):
            for candidate, patterns in self.data_files_in(folder):
                if any(target in self.matches(candidate, pattern) for pattern in patterns):
                    found.append(os.path.relpath(candidate))
            folder = os.path.dirname(folder)
        return found

    def data_files_in(self, folder: str) -> list[tuple[str, list[str]]]:
        """The data files of a folder, each with its ``models_from`` patterns."""
        if folder not in self.folders:
            candidates = sorted(glob.glob(os.path.join(glob.escape(folder), "*.y*ml")))
            self.folders[folder] = [
                (candidate, _models_from(candidate, self.max_size))
                for candidate in candidates
                if _is_data_file(candidate, self.max_size)
            ]
        return self.folders[folder]

    def matches(self, data_file: str, pattern: str) -> frozenset[str]:
        key = (data_file, pattern)
        if key not in self.matched:
            found = matching_files(data_file, pattern)
            listed = found if isinstance(found, list) else []
            self.matched[key] = frozenset(map(os.path.realpath, listed))
        return self.matched[key]


def _models_from(path: str, max_size: int) -> list[str]:
    """A data file's ``models_from`` patterns, read as the loader reads YAML."""
    raw = read_limited(path, max_size)
    try:
        root = parse_marked_yaml(decode_data(raw)) if isinstance(raw, bytes) else None
    except YamlSourceError:
        return []
    node = root.items.get("models_from") if root is not None else None
    if node is None:
        return []
    items = node[1].items if isinstance(node[1], MarkedSequence) else [node[1]]
    return [item.text for item in items if isinstance(item, MarkedScalar)]


def _is_model_file(path: str, max_size: int) -> bool:
    raw = read_limited(path, max_size)
    if isinstance(raw, LoadResult):
        return False
    keys = {match.group(1) for match in _TOP_LEVEL.finditer(raw.decode("utf-8", "replace"))}
    return "model" in keys


def _is_data_file(path: str, max_size: int) -> bool:
    """Whether a YAML file is a sphinx-vlmtable data file, whatever its name: a top-level
    ``models:`` with ``model:`` entries, or beside ``columns`` or ``column_settings``
    (a dbt ``models:`` list names its entries ``name:``)."""
    raw = read_limited(path, max_size)
    if isinstance(raw, LoadResult):
        return True  # too large or not a regular file: let the check say so
    text = raw.decode("utf-8", "replace")
    keys = {match.group(1) for match in _TOP_LEVEL.finditer(text)}
    if "models_from" in keys:
        return True
    if "models" not in keys:
        return False
    return bool(_MODEL_ENTRY.search(text)) or bool(keys & {"columns", "column_settings"})
