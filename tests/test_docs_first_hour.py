"""A newcomer's first hour, as they spend it: the tutorial and the README's quick start
run as written (their marked blocks, ``docs_blocks.py``) in an empty folder, with a fresh
virtual environment that installs this checkout as the page says (the page's
``/path/to/sphinx-vlmtable`` is this checkout), and with nothing of the environment that
runs the tests on ``PATH``: each ends with ``sphinx-build -W`` passing and a page that
shows the table. The README runs twice, once per kind of page (reST and Markdown).

Those runs install from the package index pip is set up with (``make docs-commands``;
CI runs it). The claims the pages make in their text are checked here too, with the
environment running the tests."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from docs_blocks import marked_blocks, shell_script
from htmltable import Table, read_tables

import sphinx_vlmtable

CHECKOUT = Path(__file__).parent.parent
TUTORIAL = CHECKOUT / "docs" / "tutorial.md"
README = CHECKOUT / "README.md"
#: How the pages name the checkout a reader installs from.
PLACEHOLDER = "/path/to/sphinx-vlmtable"


def _newcomer_environment() -> dict[str, str]:
    """This environment without the virtual environment that runs the tests."""
    ours = Path(sys.executable).parent
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
    }
    folders = os.environ["PATH"].split(os.pathsep)
    environment["PATH"] = os.pathsep.join(p for p in folders if p and Path(p) != ours)
    return environment


def _follow(page: Path, folder: Path, variant: str | None = None) -> str:
    """Run the page's commands and write its files in ``folder``, as the page says."""
    script = shell_script(marked_blocks(page), variant)
    script = script.replace(PLACEHOLDER, shlex.quote(str(CHECKOUT)))
    done = subprocess.run(
        ["bash", "-c", script],
        cwd=folder,
        env=_newcomer_environment(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


def _installed_in(venv: Path) -> Path:
    """Where the virtual environment's Python imports the package from."""
    done = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-c",
            "import sphinx_vlmtable; print(sphinx_vlmtable.__file__)",
        ],
        capture_output=True,
        text=True,
        check=True,
        env=_newcomer_environment(),
        cwd=venv.parent,
    )
    return Path(done.stdout.strip())


def _the_table(page: Path) -> Table:
    (table,) = read_tables(page.read_text(encoding="utf-8"))
    return table


@pytest.mark.docs_commands
def test_the_tutorial_runs_as_written_from_an_empty_folder(tmp_path: Path) -> None:
    _follow(TUTORIAL, tmp_path)
    survey = tmp_path / "survey"
    assert _installed_in(survey / ".venv").is_relative_to(survey / ".venv")
    table = _the_table(survey / "docs" / "_build" / "html" / "index.html")
    assert [cell.text for cell in table.head[0]][:3] == ["Model", "Year", "Model Architecture"]
    llava, blip = table.body
    assert llava[0].text == "LLaVA" and llava[0].links == ["https://llava-vl.github.io/"]
    assert [cell.text for cell in blip] == [
        "BLIP-2",
        "2023.01",
        "EVA-CLIP ViT-g",
        "Q-Former",
        "-",
        "-",
        "-",
    ]


@pytest.mark.docs_commands
@pytest.mark.parametrize("variant", ["rst", "md"])
def test_the_readme_runs_as_written_for_each_kind_of_page(tmp_path: Path, variant: str) -> None:
    _follow(README, tmp_path, variant)
    assert _installed_in(tmp_path / ".venv").is_relative_to(tmp_path / ".venv")
    assert (tmp_path / "docs" / f"index.{variant}").is_file()
    table = _the_table(tmp_path / "docs" / "_build" / "html" / "index.html")
    assert table.body[0][0].text == "LLaVA"
    assert table.body[0][0].links == ["https://llava-vl.github.io/"]


# What the pages say in their text, checked with the environment running the tests.


@pytest.mark.parametrize("page", [TUTORIAL, README], ids=["tutorial", "README"])
def test_each_page_installs_this_checkout_and_ends_with_a_strict_build(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    script = shell_script(marked_blocks(page))
    assert f"pip install {PLACEHOLDER}" in script
    assert "python3 -m venv .venv" in script
    assert script.rstrip().splitlines()[-1].startswith(("sphinx-build -W", "vlmtable check"))
    assert "sphinx-build -W -b html docs docs/_build/html" in script
    # The sdist's name as flit writes it (tests/test_sdist.py builds it), and PyPI's line.
    assert f"pip install\nsphinx_vlmtable-{sphinx_vlmtable.__version__}.tar.gz" in text or (
        f"pip install sphinx_vlmtable-{sphinx_vlmtable.__version__}.tar.gz" in text
    )
    assert "once a release is published" in " ".join(text.lower().split())


def _sphinx_build(srcdir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-b", "html", str(srcdir), str(srcdir / "_build")],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_a_markdown_project_without_myst_parser_stops_as_the_readme_says(tmp_path: Path) -> None:
    files = {b.path: b.content for b in marked_blocks(README) if b.kind == "file" and not b.only}
    md = {b.path: b.content for b in marked_blocks(README) if b.only == "md"}
    rst = {b.path: b.content for b in marked_blocks(README) if b.only == "rst"}
    for name, text in {**files, **md, "docs/conf.py": rst["docs/conf.py"]}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    done = _sphinx_build(tmp_path / "docs")
    assert done.returncode != 0
    said = " ".join(done.stderr.split())
    assert "Sphinx is unable to load the master document" in said and "index.rst" in said
    assert "unable to load the master document" in " ".join(README.read_text().split())


def test_the_tutorials_typo_is_reported_as_it_says(tmp_path: Path) -> None:
    blocks = [block for block in marked_blocks(TUTORIAL) if block.kind == "file"]
    for block in blocks:
        (tmp_path / block.path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / block.path).write_text(block.content, encoding="utf-8")
    data = tmp_path / "docs" / "data" / "models.yaml"
    data.write_text(data.read_text().replace("year: 2023.04", "yeer: 2023.04"))
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "check", "docs/data/models.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    said = " ".join(TUTORIAL.read_text().split()).split("is printed as `")[1].split("`")[0]
    start, end = said.split(" ... ")
    (printed,) = done.stdout.splitlines()
    assert printed.startswith(start) and printed.endswith(end)
