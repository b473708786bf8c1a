"""Files at a git revision, read from the maintainer's repository and nothing else.

A pull request can add any plain file beside a data file, including ``HEAD``,
``config``, ``objects/`` and ``refs/``, which make that folder a bare repository to
git's own discovery, and a bare repository's ``config`` can run commands. So git is
never started in a data file's folder: the repository is found here, from the
project's folder (Sphinx's configuration directory, or where the command runs), by
looking for a ``.git`` entry upwards (a name git never lets a commit hold), and every
call names that git directory explicitly, with the environment's ``GIT_*`` cleared,
no fetching of any kind (a partial clone's lazy fetch included), no replace refs and
no hooks or filters (``cat-file``, ``ls-tree`` and ``rev-list`` run none).

Revisions are names (tags, branches, commits, ``HEAD``) followed by ``~N``/``^N``, or
a name and a date (``main@{2024-08-01}``) read as the newest commit on the name's
first-parent line made before that day (UTC), never from the reflog (a fresh clone's
reflog starts at the clone). Sizes are read from the tree before a blob is read.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

#: Seconds a ``git`` call may take.
GIT_TIMEOUT = 30
#: Longest revision accepted (a name and its ``~N``/``^N`` steps).
MAX_REVISION_LENGTH = 200

# A ref name as ``git check-ref-format`` takes it, a little narrower: ASCII letters,
# digits and ``_ . - /``, not starting with ``-`` or ``.``; then steps back.
_NAME = r"[A-Za-z0-9_][A-Za-z0-9_./-]*"
_STEPS = r"(?:~[0-9]{0,6}|\^[0-9]?)*"
_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_REVISION = re.compile(rf"(?P<name>{_NAME})(?:@\{{(?P<date>{_DATE})\}})?(?P<steps>{_STEPS})")

#: Configuration given on the command line wins over a repository's own; these keep
#: git from starting anything (``protocol.allow=never`` also stops a promisor fetch).
_SAFE_CONFIG = (
    "safe.bareRepository=explicit",
    "protocol.allow=never",
    "core.fsmonitor=false",
    "core.hooksPath=/dev/null",
    "core.alternateRefsCommand=",
)
_SAFE_ENVIRONMENT = {
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_CONFIG_NOSYSTEM": "1",
    "LC_ALL": "C",
}


class GitError(Exception):
    """Git cannot give what was asked; the message says why."""


@dataclass(frozen=True)
class Repository:
    """The maintainer's repository: its git directory and the folder it tracks."""

    git_dir: str
    work_tree: str

    def run(self, *arguments: str, stdin: bytes | None = None) -> bytes:
        """What git prints for ``arguments``; GitError with git's last line if it fails."""
        environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
        environment.update(_SAFE_ENVIRONMENT)
        command = ["git", "--no-replace-objects", f"--git-dir={self.git_dir}"]
        for setting in _SAFE_CONFIG:
            command += ["-c", setting]
        try:
            done = subprocess.run(
                [*command, *arguments],
                input=stdin,
                capture_output=True,
                timeout=GIT_TIMEOUT,
                check=False,
                env=environment,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise GitError(f"git could not be run: {error}") from None
        if done.returncode != 0:
            lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(lines[-1] if lines else f"git {arguments[0]} failed")
        return done.stdout

    def is_shallow(self) -> bool:
        return os.path.exists(os.path.join(self.git_dir, "shallow"))

    def path_of(self, path: str) -> str:
        """``path`` (a file in the work tree) as the tree names it: ``docs/data/x.yaml``."""
        top = os.path.realpath(self.work_tree)
        real = os.path.realpath(path)
        if os.path.commonpath([real, top]) != top:
            raise GitError(f"{path} is not inside the repository at {self.work_tree}")
        return os.path.relpath(real, top).replace(os.sep, "/")


def find_repository(project_dir: str) -> Repository:
    """The repository holding ``project_dir``: the nearest ``.git`` (a folder, or a
    ``gitdir:`` file of a worktree or submodule) in it or above it."""
    folder = os.path.realpath(project_dir)
    while True:
        candidate = os.path.join(folder, ".git")
        if os.path.isdir(candidate) or os.path.isfile(candidate):
            return Repository(candidate, folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            raise GitError(f"{project_dir} is not in a git repository")
        folder = parent


def check_revision(revision: str) -> None:
    """GitError unless ``revision`` is a name with ``~N``/``^N`` steps or a date."""
    match = _REVISION.fullmatch(revision)
    name = match["name"] if match else ""
    if (
        len(revision) > MAX_REVISION_LENGTH
        or match is None
        or ".." in name
        or "//" in name
        or "/." in name
        or name.endswith((".", "/", ".lock"))
    ):
        raise GitError(
            f"{revision!r} is not a git revision this reads: a tag, branch or commit, "
            "then ~N or ^N steps (v1.0, HEAD~5, main^2), or a name and a day "
            "(main@{2024-08-01})"
        )


def resolve_commit(repository: Repository, revision: str) -> str:
    """The commit ``revision`` names (checked by ``check_revision``)."""
    check_revision(revision)
    match = _REVISION.fullmatch(revision)
    assert match is not None
    name, day, steps = match["name"], match["date"], match["steps"]
    try:
        if day is None:
            target = f"{name}{steps}^{{commit}}"
            found = repository.run("rev-parse", "--verify", "--quiet", "--end-of-options", target)
        else:
            start = (
                repository.run(
                    "rev-parse", "--verify", "--quiet", "--end-of-options", f"{name}^{{commit}}"
                )
                .decode()
                .strip()
            )
            found = repository.run(
                "rev-list", "-1", "--first-parent", f"--before={day}T00:00:00Z", start, "--"
            )
            if not found.strip():
                raise GitError(f"no commit on {name} was made before {day}")
            if steps:
                found = repository.run(
                    "rev-parse",
                    "--verify",
                    "--quiet",
                    "--end-of-options",
                    f"{found.decode().strip()}{steps}^{{commit}}",
                )
    except GitError as error:
        raise GitError(_with_shallow_hint(repository, revision, str(error))) from None
    commit = found.decode("ascii", "replace").strip()
    if not commit:
        raise GitError(_with_shallow_hint(repository, revision, "unknown revision"))
    return commit


def _with_shallow_hint(repository: Repository, revision: str, reason: str) -> str:
    message = f"git cannot find {revision}: {reason or 'unknown revision'}"
    if repository.is_shallow():
        message += (
            "; this clone's history is shallow (as Read the Docs and actions/checkout "
            "make it by default): fetch the whole history and the tags first "
            "(git fetch --unshallow --tags)"
        )
    return message


@dataclass(frozen=True)
class TreeEntry:
    """A file of a commit's tree, named from the top of the repository."""

    path: str
    object_id: str
    size: int


def list_files(repository: Repository, commit: str, paths: Sequence[str]) -> list[TreeEntry]:
    """The files at ``commit`` under ``paths`` (files or folders), from the whole tree
    (``--full-tree``: never relative to a current folder), with their sizes."""
    if not paths:
        return []
    listed = repository.run("ls-tree", "-r", "-l", "-z", "--full-tree", commit, "--", *paths)
    entries = []
    for record in listed.split(b"\0"):
        if not record:
            continue
        info, _tab, name = record.partition(b"\t")
        fields = info.split()
        if len(fields) != 4 or fields[1] != b"blob" or not fields[3].isdigit():
            continue  # a submodule or a symlink's target: not a file of the survey
        path = name.decode("utf-8", "replace")
        entries.append(TreeEntry(path, fields[2].decode("ascii"), int(fields[3])))
    return entries


def read_blobs(repository: Repository, entries: Iterable[TreeEntry]) -> dict[str, bytes]:
    """The bytes of each entry (whose size the caller has checked), in one git call."""
    wanted = list(entries)
    if not wanted:
        return {}
    request = "".join(f"{entry.object_id}\n" for entry in wanted).encode("ascii")
    output = repository.run("cat-file", "--batch", stdin=request)
    blobs: dict[str, bytes] = {}
    position = 0
    for entry in wanted:
        header_end = output.index(b"\n", position)
        header = output[position:header_end].split()
        start = header_end + 1
        if len(header) != 3:  # "<id> missing": nothing follows
            position = start
            continue
        size = int(header[2])
        blobs[entry.path] = output[start : start + size]
        position = start + size + 1  # the newline after each object
    return blobs
