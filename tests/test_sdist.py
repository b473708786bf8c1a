"""Packaging: the sdist holds what its tests read, and they pass from it (as packagers run
them); the metadata names the source and the issues, and claims the Python versions CI
installs and runs; the docs pin releases, never a branch."""

from __future__ import annotations

import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import sphinx_vlmtable

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

TOP = Path(__file__).parent.parent
#: The tests that read files beside the package (the hook's, Read the Docs', the Action).
READING_TESTS = (
    "tests/test_check_formats.py::test_the_hook_reaches_data_files_by_content_not_name",
    "tests/test_project_files.py::test_readthedocs_config_matches_the_published_schema",
    "tests/test_action.py::test_the_action_is_valid_metadata_and_takes_inputs_through_env_only",
)


def pyproject() -> dict[str, object]:
    return tomllib.loads((TOP / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_tests_that_read_the_projects_files_pass_from_the_sdist(tmp_path: Path) -> None:
    # flit_core's own build, as `python -m build --sdist` runs it (no network needed).
    build = "import sys, flit_core.buildapi as b; print(b.build_sdist(sys.argv[1]))"
    done = subprocess.run(
        [sys.executable, "-c", build, str(tmp_path)],
        cwd=TOP,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    name = done.stdout.strip().splitlines()[-1]
    assert name == f"sphinx_vlmtable-{sphinx_vlmtable.__version__}.tar.gz"
    with tarfile.open(tmp_path / name) as sdist:
        sdist.extractall(tmp_path, filter="data")
    unpacked = tmp_path / name.removesuffix(".tar.gz")
    for shipped in (".pre-commit-hooks.yaml", ".readthedocs.yaml", "action.yml"):
        assert (unpacked / shipped).is_file(), shipped
    assert not list(unpacked.glob("docs/_build"))
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *READING_TESTS],
        cwd=unpacked,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert f"{len(READING_TESTS)} passed" in tests.stdout
    # Those tests read the unpacked files and package, not this checkout.
    where = subprocess.run(
        [sys.executable, "-c", "import sphinx_vlmtable; print(sphinx_vlmtable.__file__)"],
        cwd=unpacked,
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(where.stdout.strip()).is_relative_to(unpacked)


def test_project_urls_and_the_python_versions_ci_runs() -> None:
    project = pyproject()["project"]
    assert isinstance(project, dict)
    urls = project["urls"]
    assert urls["Source"] == "https://github.com/sphinx-vlmtable/sphinx-vlmtable"
    assert urls["Issues"] == f"{urls['Source']}/issues"
    claimed = [
        classifier.rsplit(" :: ", 1)[1]
        for classifier in project["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", classifier)
    ]
    # ci/plain_install.sh installs and runs the package on each of these (.ci/run).
    script = (TOP / "ci" / "plain_install.sh").read_text(encoding="utf-8")
    tested = re.search(r"^PYTHONS=\(([^)]*)\)", script, re.MULTILINE)
    assert tested is not None
    assert claimed == tested.group(1).split()
    assert project["requires-python"] == f">={claimed[0]}"
    assert "make plain-install" in (TOP / ".ci" / "run").read_text(encoding="utf-8")
    # tomllib from 3.11 on; before it, tomli (and only there).
    assert "tomli>=1.1; python_version < '3.11'" in project["dependencies"]


def test_the_docs_pin_releases_not_branches() -> None:
    pages = [*(TOP / "docs").rglob("*.md"), TOP / "README.md"]
    revisions = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        revisions += re.findall(r"^\s*rev:\s*(\S+)", text, re.MULTILINE)
        revisions += re.findall(r"uses: sphinx-vlmtable/sphinx-vlmtable@(\S+)", text)
    assert revisions, "the docs show how to pin the hook and the Action"
    release = f"v{sphinx_vlmtable.__version__}"
    assert set(revisions) == {release}, revisions
    cli = (TOP / "docs" / "reference" / "cli.md").read_text(encoding="utf-8")
    assert "pre-commit autoupdate --freeze" in cli
