"""An earlier version of a data file, from a path or a git revision (``vlm-changes``,
``vlmtable diff``).

A revision is read with ``git cat-file blob REV:./path`` in the file's folder: plumbing
that prints the stored bytes, never running a repository's textconv or filter
programs. The revision comes from the page or the command line (the author's), never
from a data file; it is refused if it could be read as an option.
"""

from __future__ import annotations

import fnmatch
import os
import re
import subprocess
from collections.abc import Callable

from sphinx_vlmtable.data.files import MAX_MODEL_FILES, model_file_reader, read_limited
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.validate import ModelFiles, load_survey_text

GIT_PREFIX = "git:"
_REVISION = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_./~^@{}+-]*")
#: Seconds a ``git`` call may take.
GIT_TIMEOUT = 30


class EarlierVersionError(Exception):
    """The earlier version cannot be read; the message says why."""


def _check_revision(revision: str) -> None:
    if not _REVISION.fullmatch(revision) or ".." in revision.replace("...", ""):
        raise EarlierVersionError(f"{revision!r} is not a git revision name")


def _git(folder: str, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", folder, *arguments], capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as error:
        raise EarlierVersionError(f"git could not be run: {error}") from None


def read_revision(path: str, revision: str, max_size: int) -> bytes:
    """The bytes of ``path`` as revision ``revision`` of its git repository holds it."""
    _check_revision(revision)
    folder, name = os.path.split(os.path.abspath(path))
    done = _git(folder, "cat-file", "blob", f"{revision}:./{name}")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EarlierVersionError(
            f"git cannot show {name} at {revision}: {reason[-1] if reason else 'failed'}"
        )
    if len(done.stdout) > max_size:
        raise EarlierVersionError(
            f"{name} at {revision} is {len(done.stdout):,} bytes, more than "
            f"vlmtable_max_file_size ({max_size:,})"
        )
    return done.stdout


def load_earlier(
    since: str, current: str, max_size: int, max_problems: int, placeholder: str
) -> LoadResult:
    """The earlier version: ``git:REV`` (``current`` at that revision) or a file's path
    (absolute, already checked by the caller). EarlierVersionError, OSError if unread."""
    reader: Callable[[str], ModelFiles | str]
    if since.startswith(GIT_PREFIX):
        revision = since[len(GIT_PREFIX) :].strip()
        raw = read_revision(current, revision, max_size)
        reader = revision_model_reader(current, revision, max_size)
    else:
        limited = read_limited(since, max_size)
        if isinstance(limited, LoadResult):
            return limited
        raw, reader = limited, model_file_reader(since, max_size)
    return load_survey_text(raw, max_problems, placeholder, reader)


def revision_model_reader(
    data_path: str, revision: str, max_size: int
) -> Callable[[str], ModelFiles | str]:
    """``models_from`` at a revision: the files its pattern matches in the tree then."""
    folder = os.path.dirname(os.path.abspath(data_path))

    def read(pattern: str) -> ModelFiles | str:
        parts = pattern.replace("\\", "/").split("/")
        if os.path.isabs(pattern) or ".." in parts:
            return "a pattern is a path relative to the data file's folder, inside it"
        where = "/".join(parts[:-1])
        listed = _git(folder, "ls-tree", "-z", "--name-only", f"{revision}:./{where}")
        if listed.returncode != 0:
            return []
        names = sorted(name.decode("utf-8", "replace") for name in listed.stdout.split(b"\0"))
        paths = [f"{where}/{name}" if where else name for name in names if name]
        itself = os.path.basename(data_path)
        matched = [p for p in paths if fnmatch.fnmatchcase(p, pattern) and p != itself]
        found: ModelFiles = []
        for path in matched[:MAX_MODEL_FILES]:
            try:
                found.append(
                    (
                        os.path.join(folder, path),
                        read_revision(os.path.join(folder, path), revision, max_size),
                    )
                )
            except EarlierVersionError as error:
                found.append((os.path.join(folder, path), str(error)))
        return found

    return read
