"""The how-tos' and the CLI reference's examples run as shown: each marked block
(``docs_blocks.py``) is run in a copy of the docs, from the folder above them, as a reader
at the top of their project runs it; a ``run`` block must exit 0 with nothing on standard
error, and each command of an ``output`` block must print what the page shows, line for
line (file names, line and column numbers included), and exit as its marker says. Every
shell block that runs ``vlmtable`` is marked, and every command the docs name, in a block
or in the text, takes the options it is shown with."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docs_blocks import Block, fenced_blocks, marked_blocks

from sphinx_vlmtable.cli import arguments_of, build_parser, command_parsers

TOP = Path(__file__).parent.parent
DOCS = TOP / "docs"
#: The pages whose examples run against the docs' own data, from the top of a checkout.
PAGES = [*sorted((DOCS / "howto").glob("*.md")), DOCS / "reference" / "cli.md"]
#: Blocks in a shell's syntax: every one that runs ``vlmtable`` must be marked.
SHELLS = ("sh", "shell", "bash", "console")


def _environment() -> dict[str, str]:
    """The commands of the environment running the tests (``vlmtable``, ``python``), in
    a terminal's order of output, with no project settings from above the folder."""
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", "COLUMNS": "80"}
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return environment


def _git(folder: Path, *arguments: str) -> None:
    identity = ["-c", "user.name=Docs", "-c", "user.email=docs@example.invalid"]
    subprocess.run(["git", *identity, *arguments], cwd=folder, check=True, capture_output=True)


def _run(command: str, folder: Path, merged: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-euo", "pipefail", "-c", command],
        cwd=folder,
        env=_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT if merged else subprocess.PIPE,
        text=True,
        timeout=120,
    )


def _run_block(block: Block, folder: Path) -> None:
    if block.tag is not None:
        _git(folder, "init", "-q")
        _git(folder, "add", "-A")
        _git(folder, "commit", "-q", "-m", "the docs as they are")
        _git(folder, "tag", block.tag)
    if block.kind == "file":
        (folder / block.path).parent.mkdir(parents=True, exist_ok=True)
        (folder / block.path).write_text(block.content, encoding="utf-8")
    elif block.kind == "run":
        done = _run(block.content, folder, merged=False)
        # Exit 0 is the claim (an import's receipt on standard error balances, a check
        # passes); no line of standard error may be a problem of a data file.
        problems = [line for line in done.stderr.splitlines() if "[vlmtable." in line]
        assert (done.returncode, problems) == (0, []), f"{block.where}: {done.stderr}"
    else:
        for command, printed in block.commands():
            done = _run(command, folder, merged=True)
            assert done.stdout.splitlines() == printed, f"{block.where}: $ {command}"
            assert done.returncode == block.exit, f"{block.where}: $ {command}"


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_each_example_runs_as_the_page_shows(tmp_path: Path, page: Path) -> None:
    shutil.copytree(DOCS, tmp_path / "docs", ignore=shutil.ignore_patterns("_build"))
    for block in marked_blocks(page):
        _run_block(block, tmp_path)
    # What the examples write over the docs' own files (the imported seed post, which
    # the import how-to includes) is what the checkout holds: the pages show it current.
    changed = [
        str(path.relative_to(TOP))
        for path in sorted(DOCS.rglob("*"))
        if path.is_file()
        and "_build" not in path.parts
        and (tmp_path / path.relative_to(TOP)).read_bytes() != path.read_bytes()
    ]
    assert changed == []


def _runs_vlmtable(content: str) -> bool:
    return any(
        line.removeprefix("$ ").startswith(("vlmtable ", "python -m sphinx_vlmtable"))
        for line in content.splitlines()
    )


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_every_shell_block_that_runs_vlmtable_is_run_by_the_tests(page: Path) -> None:
    marked = {block.where.split(":")[1] for block in marked_blocks(page)}
    unmarked = [
        line
        for info, content, line in fenced_blocks(page)
        if info in SHELLS and _runs_vlmtable(content) and str(line - 1) not in marked
    ]
    assert unmarked == []


def test_the_examples_are_many_and_each_kind_is_there() -> None:
    blocks = [block for page in PAGES for block in marked_blocks(page)]
    assert {block.kind for block in blocks} == {"run", "file", "output"}
    assert len(blocks) >= 12


def _command_lines(content: str) -> list[str]:
    """The ``vlmtable`` commands of a block or a code span, joined across ``\\``."""
    joined = content.replace("\\\n", " ")
    return [
        line.removeprefix("$ ").split(" #")[0].split(" > ")[0].strip()
        for line in joined.splitlines()
        if line.removeprefix("$ ").startswith("vlmtable ")
    ]


def _inline_commands(text: str) -> list[str]:
    """``vlmtable ...`` in the page's code spans (single backticks, on one line or two)."""
    spans = text.replace("\n", " ").split("`")[1::2]
    return [" ".join(span.split()) for span in spans if span.startswith("vlmtable ")]


DOCUMENTED = [TOP / "README.md", DOCS / "tutorial.md", DOCS / "usage.md", *PAGES]


def _refuses(words: list[str]) -> bool:
    try:
        build_parser().parse_args(words)
    except SystemExit:
        return True
    return False


def _fragment_refused(words: list[str]) -> bool:
    """Whether a command named in the text (``vlmtable check --format json``, its files
    left out) names an option its command lacks or a value the option does not take."""
    parsers = command_parsers()
    if words[0] not in parsers:
        return True
    options = {
        option: action
        for action in arguments_of(parsers[words[0]])
        for option in action.option_strings
    }
    for index, word in enumerate(words):
        name, _, value = word.partition("=")
        if not name.startswith("-") or name == "-":
            continue
        if name not in options:
            return True
        choices = options[name].choices
        given = value or (words[index + 1] if index + 1 < len(words) else "")
        if choices is not None and given not in choices:
            return True
    return False


@pytest.mark.parametrize("page", DOCUMENTED, ids=[page.name for page in DOCUMENTED])
def test_every_command_the_docs_name_takes_its_options(page: Path) -> None:
    """A command in a block parses with the real parser; one named in the text
    (``vlmtable export data/board.yaml --format md``) names options its command has, with
    values they take: what a reader copies is not refused."""
    text = page.read_text(encoding="utf-8")
    blocks = [line for _i, content, _l in fenced_blocks(page) for line in _command_lines(content)]
    refused = [command for command in blocks if _refuses(shlex.split(command)[1:])]
    for command in _inline_commands(text):
        words = shlex.split(command)[1:]
        placeholder = not words or words[0].isupper() or words[0].startswith("--")
        if not placeholder and _fragment_refused(words):
            refused.append(command)
    assert refused == []
