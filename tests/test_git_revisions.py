"""``git:REV`` (``vlm-changes :since:``, ``vlmtable diff``) reads the maintainer's
repository only: never one that files beside a data file make, never a revision that
makes git search or run, never a reflog; ``models_from`` at the revision from the whole
tree. Each case is a real repository made here and a real build or CLI run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOTS, build, write_files
from docutils import nodes

from sphinx_vlmtable.data.git import GitError, check_revision

PYTHON = sys.executable
MISSING_OBJECT = "1234567890123456789012345678901234567890"


def git(folder: Path, *arguments: str, date: str = "2024-07-01T12:00:00Z") -> str:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
    }
    done = subprocess.run(
        ["git", "-C", str(folder), *arguments],
        check=True,
        capture_output=True,
        env=environment,
        text=True,
    )
    return done.stdout


def survey_repository(tmp_path: Path) -> Path:
    """A repository whose ``docs/`` is roots/test-git: the survey as it was, committed
    on 2024-07-01 and tagged v1, then as it is, committed on 2024-09-01. The docs folder."""
    repository = tmp_path / "repository"
    docs = repository / "docs"
    shutil.copytree(ROOTS / "test-git", docs)
    now = tmp_path / "now"
    shutil.move(docs / "data", now)
    shutil.copytree(docs / "old", docs / "data")
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "the survey as it was")
    git(repository, "tag", "v1")
    shutil.rmtree(docs / "data")
    shutil.move(now, docs / "data")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "the survey now", date="2024-09-01T12:00:00Z")
    return docs


def changes_page(docs: Path, since: str) -> None:
    write_files(
        docs,
        {
            "changes.rst": f"Changes\n=======\n\n.. vlm-changes:: data/survey.yaml\n"
            f"   :since: {since}\n"
        },
    )


def listed_changes(docs: Path) -> list[str]:
    done = build(docs)
    assert "WARNING" not in done.warnings, done.warnings
    return [item.astext() for item in done.doctree("changes").findall(nodes.list_item)]


#: What changed between the two commits (models_from files included).
EXPECTED = ["InternVL2", "BLIP-2: MMMU 34.4 → 35.1 (+0.7)", "Kosmos-1"]


def add_bare_repository_files(folder: Path, marker: Path) -> None:
    """What a pull request can add beside a data file: plain files that make its folder
    a bare repository to git's discovery, whose config runs a command on a fetch."""
    write_files(
        folder,
        {
            "HEAD": "ref: refs/heads/main\n",
            "config": "[core]\n\trepositoryformatversion = 1\n\tbare = true\n"
            f"\tfsmonitor = touch {marker}.fsmonitor\n"
            "[extensions]\n\tpartialClone = origin\n"
            f'[remote "origin"]\n\turl = {folder}\n\tpromisor = true\n'
            f"\tuploadpack = touch {marker}; git-upload-pack\n",
            "refs/heads/main": f"{MISSING_OBJECT}\n",
            "refs/tags/v1": f"{MISSING_OBJECT}\n",
            "objects/info/.keep": "",
        },
    )


def test_files_beside_the_data_file_never_drive_git(tmp_path: Path) -> None:
    docs = survey_repository(tmp_path)
    marker = tmp_path / "PWNED"
    add_bare_repository_files(docs / "data", marker)
    git(docs.parent, "add", "-A")
    git(docs.parent, "commit", "-q", "-m", "a pull request's plain files")
    # The hazard is real: git's own discovery takes that folder for a repository, and a
    # lookup of a missing object there runs the promisor remote's command.
    assert git(docs / "data", "rev-parse", "--git-dir").strip() == "."
    subprocess.run(
        ["git", "-C", str(docs / "data"), "cat-file", "-t", MISSING_OBJECT],
        capture_output=True,
        check=False,
    )
    assert marker.exists()
    marker.unlink()
    changes_page(docs, "git:v1")
    assert listed_changes(docs) == EXPECTED
    cli = [PYTHON, "-m", "sphinx_vlmtable", "diff", "git:v1", "docs/data/survey.yaml"]
    done = subprocess.run(cli, capture_output=True, text=True, check=False, cwd=docs.parent)
    assert done.returncode == 0, done.stderr
    assert "**InternVL2**" in done.stdout and "**Kosmos-1**" in done.stdout
    assert not marker.exists() and not Path(f"{marker}.fsmonitor").exists()


def test_git_environment_variables_do_not_choose_the_repository(tmp_path: Path) -> None:
    docs = survey_repository(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    git(elsewhere, "init", "-q")
    changes_page(docs, "git:v1")
    os.environ["GIT_DIR"] = str(elsewhere / ".git")
    try:
        assert listed_changes(docs) == EXPECTED
    finally:
        del os.environ["GIT_DIR"]


@pytest.mark.parametrize(
    "revision",
    [
        "HEAD^{/.{32767}{32767}}",  # a regex search through history
        ":/message",
        "HEAD@{1}",  # the reflog
        "main@{yesterday}",
        "main@{-1}",
        "HEAD:docs/data/survey.yaml",
        "v1..HEAD",
        "-n",
        "--output=/tmp/x",
        "HEAD^{tree}",
        "v1 HEAD",
        "a" * 201,
        ".hidden",
        "refs/heads/x.lock",
    ],
)
def test_revisions_other_than_names_and_steps_are_refused(revision: str) -> None:
    with pytest.raises(GitError, match="is not a git revision this reads"):
        check_revision(revision)


@pytest.mark.parametrize(
    "revision",
    [
        "v1",
        "v0.3.1",
        "HEAD",
        "HEAD~5",
        "HEAD^",
        "main^2",
        "main~2^2~1",
        "release/2024-08",
        MISSING_OBJECT,
        "main@{2024-08-01}",
    ],
)
def test_names_with_steps_and_days_are_taken(revision: str) -> None:
    check_revision(revision)


def test_a_refused_revision_is_a_warning_and_git_never_sees_it(tmp_path: Path) -> None:
    docs = survey_repository(tmp_path)
    changes_page(docs, "git:HEAD^{/.{32767}{32767}}")
    done = build(docs)
    assert "changes.rst:4: WARNING: vlm-changes: cannot read :since: git:HEAD^{/" in done.warnings
    assert "is not a git revision this reads" in done.warnings
    assert "[vlmtable.changes]" in done.warnings
    assert (done.outdir / "changes.html").exists()


def test_models_from_is_read_at_the_revision_from_the_whole_tree(tmp_path: Path) -> None:
    # The data file is two folders down and its models one more: each is found in the
    # tree at v1, whatever folder the build or the command runs in.
    docs = survey_repository(tmp_path)
    changes_page(docs, "git:v1")
    assert listed_changes(docs) == EXPECTED
    cli = [PYTHON, "-m", "sphinx_vlmtable", "diff", "git:v1", "survey.yaml"]
    done = subprocess.run(cli, capture_output=True, text=True, check=False, cwd=docs / "data")
    assert done.returncode == 0, done.stderr
    assert "### Added (1)" in done.stdout and "### Removed (1)" in done.stdout


def test_a_day_is_read_by_commit_date_in_a_fresh_clone(tmp_path: Path) -> None:
    docs = survey_repository(tmp_path)
    clone = tmp_path / "clone"
    subprocess.run(
        ["git", "clone", "-q", "--no-local", str(docs.parent), str(clone)],
        check=True,
        capture_output=True,
    )
    # A fresh clone's reflog starts now: main@{2024-08-01} would read today's commit.
    changes_page(clone / "docs", "git:main@{2024-08-01}")
    assert listed_changes(clone / "docs") == EXPECTED
    changes_page(clone / "docs", "git:main@{2024-06-01}")
    done = build(clone / "docs")
    assert "no commit on main was made before 2024-06-01" in done.warnings


def test_a_shallow_clone_says_how_to_fetch_the_history(tmp_path: Path) -> None:
    docs = survey_repository(tmp_path)
    clone = tmp_path / "shallow"
    subprocess.run(
        ["git", "clone", "-q", "--depth", "1", f"file://{docs.parent}", str(clone)],
        check=True,
        capture_output=True,
    )
    changes_page(clone / "docs", "git:HEAD~1")
    done = build(clone / "docs")
    assert "cannot read :since: git:HEAD~1" in done.warnings
    assert "history is shallow" in done.warnings and "git fetch --unshallow" in done.warnings


def test_an_earlier_file_too_large_is_refused_from_its_size_in_the_tree(tmp_path: Path) -> None:
    docs = survey_repository(tmp_path)
    big = docs / "data" / "survey.yaml"
    now = big.read_text(encoding="utf-8")
    big.write_text(now + "# padding\n" * 20_000, encoding="utf-8")
    git(docs.parent, "commit", "-q", "-am", "a large file")
    git(docs.parent, "tag", "big")
    big.write_text(now, encoding="utf-8")
    changes_page(docs, "git:big")
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write("vlmtable_max_file_size = 100_000\n")
    done = build(docs)
    assert "survey.yaml at big is 200,293 bytes" in done.warnings
    assert "more than vlmtable_max_file_size (100,000); it was not read" in done.warnings
