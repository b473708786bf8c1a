"""An earlier version of a data file, from a path or a git revision (``vlm-changes``,
``vlmtable diff``).

A revision is read from the maintainer's repository, found from the project's folder,
never from the data file's (``git.py`` says why and how). The revision comes from the
page or the command line (the author's), never from a data file.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from sphinx_vlmtable.data.files import LoadSettings, model_file_reader, read_limited
from sphinx_vlmtable.data.git import (
    GitError,
    Repository,
    TreeEntry,
    find_repository,
    list_files,
    read_blobs,
    resolve_commit,
)
from sphinx_vlmtable.data.globbing import (
    MAX_MODEL_FILES,
    PatternRefused,
    path_matches,
    pattern_parts,
)
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.validate import ModelFiles, load_survey_text

GIT_PREFIX = "git:"


class EarlierVersionError(Exception):
    """The earlier version cannot be read; the message says why."""


def load_earlier(since: str, current: str, settings: LoadSettings, project_dir: str) -> LoadResult:
    """The earlier version: ``git:REV`` (``current`` at that revision, read from the
    repository that holds ``project_dir``) or a file's path (absolute, already checked
    by the caller). EarlierVersionError, OSError if it cannot be read."""
    max_size = settings.max_file_size
    reader: Callable[[str], ModelFiles | str]
    if since.startswith(GIT_PREFIX):
        revision = since[len(GIT_PREFIX) :].strip()
        try:
            at_revision = RevisionFiles(find_repository(project_dir), revision, current, max_size)
            raw = at_revision.data_file()
        except GitError as error:
            raise EarlierVersionError(str(error)) from None
        reader = at_revision.read_pattern
    else:
        limited = read_limited(since, max_size)
        if isinstance(limited, LoadResult):
            return limited
        raw, reader = limited, model_file_reader(since, max_size)
    return load_survey_text(raw, settings.max_problems, settings.missing, reader)


class RevisionFiles:
    """A data file and its ``models_from`` files as one commit holds them."""

    def __init__(self, repository: Repository, revision: str, data_path: str, max_size: int):
        self.repository = repository
        self.revision = revision
        self.commit = resolve_commit(repository, revision)
        self.data_path = os.path.abspath(data_path)
        self.tree_path = repository.path_of(self.data_path)
        self.folder = os.path.dirname(self.tree_path)
        self.max_size = max_size
        #: The model files read so far, by their path in the tree: each read once.
        self.read_before: dict[str, bytes | str] = {}

    def data_file(self) -> bytes:
        entries = list_files(self.repository, self.commit, [self.tree_path])
        if not entries:
            raise GitError(f"{self.tree_path} is not in the tree at {self.revision}")
        entry = entries[0]
        if entry.size > self.max_size:
            raise GitError(
                f"{self.tree_path} at {self.revision} is {entry.size:,} bytes, more than "
                f"vlmtable_max_file_size ({self.max_size:,}); it was not read"
            )
        return read_blobs(self.repository, [entry])[entry.path]

    def read_pattern(self, pattern: str) -> ModelFiles | str:
        """The files ``pattern`` matches at the revision, from the whole tree below the
        data file's folder; each read as a data file is (its size checked first)."""
        try:
            parts = pattern_parts(pattern)
        except PatternRefused as error:
            return str(error)
        try:
            listed = list_files(self.repository, self.commit, [self.folder or "."])
        except GitError as error:
            return f"git cannot list {self.folder or 'the top'} at {self.revision}: {error}"
        matched = [
            entry
            for entry in listed
            if entry.path != self.tree_path and path_matches(parts, self._relative(entry.path))
        ]
        if len(matched) > MAX_MODEL_FILES:
            return f"it matches {len(matched):,} files, more than {MAX_MODEL_FILES:,}"
        self.read_before.update(self._read([e for e in matched if e.path not in self.read_before]))
        return [(self._shown(entry), self.read_before[entry.path]) for entry in matched]

    def _relative(self, tree_path: str) -> str:
        return tree_path[len(self.folder) + 1 :] if self.folder else tree_path

    def _read(self, entries: list[TreeEntry]) -> dict[str, bytes | str]:
        """Each entry's bytes by its tree path, or why they were not read."""
        small = [entry for entry in entries if entry.size <= self.max_size]
        try:
            blobs: dict[str, bytes] = read_blobs(self.repository, small)
        except GitError as error:
            return {entry.path: f"git cannot read it: {error}" for entry in entries}
        return {
            entry.path: blobs.get(entry.path)
            or (
                f"at {self.revision} it is {entry.size:,} bytes, more than "
                f"vlmtable_max_file_size ({self.max_size:,}); it was not read"
            )
            for entry in entries
        }

    def _shown(self, entry: TreeEntry) -> str:
        """Where the file is in the working tree (how messages name it)."""
        return os.path.join(os.path.dirname(self.data_path), *self._relative(entry.path).split("/"))
