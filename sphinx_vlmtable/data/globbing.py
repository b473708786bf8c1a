"""``models_from`` patterns: one meaning in a folder and in a git tree, bounded while walking.

A pattern is a relative path whose parts may hold ``*``, ``?`` and ``[...]``, each part
matching one name as ``glob`` matches it (``*`` never crosses ``/``, and a name starting
with ``.`` is matched only by a part that starts with ``.``). The folder is walked part
by part, never into a symbolic link to a folder (ten links to ``.`` would otherwise make
``*/*/*/*/*/*.yaml`` walk 100,000 paths), and the walk stops as soon as it has seen
more names than a survey can hold: the cap applies while walking, never after.
"""

from __future__ import annotations

import fnmatch
import os
import re

#: Model files one pattern may give, at most.
MAX_MODEL_FILES = 10_000
#: Names a pattern's walk may look at, at most (folders listed, part by part).
MAX_WALKED_NAMES = 100_000

_MAGIC = re.compile(r"[*?[]")


class PatternRefused(ValueError):
    """A pattern that is not a path inside the folder, or whose walk is too large."""


def pattern_parts(pattern: str) -> list[str]:
    """The parts of a pattern; PatternRefused if it is absolute or reaches outside."""
    parts = pattern.replace("\\", "/").split("/")
    if (
        not pattern.strip()
        or os.path.isabs(pattern)
        or pattern.startswith("/")
        or ".." in parts
        or "" in parts
    ):
        raise PatternRefused("a pattern is a path relative to the data file's folder, inside it")
    return [part for part in parts if part != "."] or ["."]


def name_matches(part: str, name: str) -> bool:
    """Whether one part of a pattern matches one name, as ``glob`` decides it."""
    if name.startswith(".") and not part.startswith("."):
        return False
    return fnmatch.fnmatchcase(name, part)


def path_matches(parts: list[str], path: str) -> bool:
    """Whether a relative ``a/b/c`` path matches the pattern's parts."""
    names = path.split("/")
    return len(names) == len(parts) and all(map(name_matches, parts, names))


def walk_matches(folder: str, pattern: str) -> list[str]:
    """The files (not folders) a pattern matches below ``folder``, as absolute paths in
    name order, each inside ``folder`` once its links are resolved; PatternRefused if
    the pattern is refused or its walk passes ``MAX_WALKED_NAMES``."""
    parts = pattern_parts(pattern)
    level = [folder]
    walked = 0
    for depth, part in enumerate(parts):
        last = depth == len(parts) - 1
        following: list[str] = []
        for directory in level:
            names = _names(directory, part)
            walked += len(names)
            if walked > MAX_WALKED_NAMES:
                raise PatternRefused(
                    f"its walk passes {MAX_WALKED_NAMES:,} names; narrow the pattern"
                )
            following += [
                os.path.join(directory, name)
                for name in names
                if name_matches(part, name) or not _MAGIC.search(part)
            ]
        level = [path for path in following if _kept(path, last)]
    real_folder = os.path.realpath(folder)
    return sorted(path for path in level if _is_inside(path, real_folder))


def _names(directory: str, part: str) -> list[str]:
    if not _MAGIC.search(part):  # a plain name: no listing needed
        return [part] if os.path.lexists(os.path.join(directory, part)) else []
    try:
        with os.scandir(directory) as entries:
            return [entry.name for entry in entries]
    except OSError:
        return []


def _kept(path: str, last: bool) -> bool:
    if last:
        return os.path.isfile(path)
    return os.path.isdir(path) and not os.path.islink(path)


def _is_inside(path: str, real_folder: str) -> bool:
    return os.path.commonpath([os.path.realpath(path), real_folder]) == real_folder
