"""The import how-to's examples run as written: each Markdown source it shows is saved
under the name its command reads, the command is run, and what it prints must be the
page's console block, line for line (line numbers included); the data file it writes
must hold the page's YAML excerpt."""

from __future__ import annotations

import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

HOWTO = Path(__file__).parent.parent / "docs" / "howto" / "import.md"


@dataclass
class Example:
    source: str
    command: list[str]
    printed: list[str]
    excerpt: str | None


def examples() -> list[Example]:
    """Each console block that runs ``vlmtable import`` on a Markdown block above it."""
    fences = [t for t in MarkdownIt("commonmark").parse(HOWTO.read_text()) if t.type == "fence"]
    found: list[Example] = []
    markdown: str | None = None
    for index, fence in enumerate(fences):
        if fence.info == "markdown":
            markdown = fence.content
        elif fence.info == "console" and markdown is not None:
            first, *printed = fence.content.splitlines()
            after = fences[index + 1] if index + 1 < len(fences) else None
            excerpt = after.content if after is not None and after.info == "yaml" else None
            found.append(Example(markdown, shlex.split(first.removeprefix("$ ")), printed, excerpt))
            markdown = None
    return found


EXAMPLES = examples()


def test_the_howto_has_its_examples() -> None:
    assert len(EXAMPLES) == 4


@pytest.mark.parametrize("example", EXAMPLES, ids=[" ".join(e.command) for e in EXAMPLES])
def test_each_example_prints_what_the_page_shows(tmp_path: Path, example: Example) -> None:
    program, command, source, *options = example.command
    assert (program, command) == ("vlmtable", "import")
    (tmp_path / source).write_text(example.source, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", command, source, *options],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.returncode == 0
    assert (done.stdout + done.stderr).splitlines() == example.printed
    if example.excerpt is not None:
        written = (tmp_path / options[options.index("-o") + 1]).read_text(encoding="utf-8")
        assert example.excerpt in written
