"""The project's own docs reproduce the seed post, cell for cell, from docs/data/vlms.yaml."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from conftest import DOCS, SEED
from htmltable import Item, Table, read_list, read_tables
from sphinx.testing.util import SphinxTestApp


def _seed_text() -> str:
    if not SEED.exists():  # CI lays shared/ beside the clone; say so plainly if not
        pytest.skip(f"the seed post is not at {SEED}")
    return SEED.read_text(encoding="utf-8")


def _seed_tasks(markdown: str) -> list[Item]:
    """The seed's nested Markdown task list, as items with their bold part."""
    section = markdown.split("## VLM Tasks", 1)[1].split("##", 1)[0]
    top: list[Item] = []
    for line in section.splitlines():
        match = re.match(r"^( *)- (.*)$", line)
        if not match:
            continue
        text = match.group(2)
        bold = re.match(r"\*\*(.+?)\*\*", text)
        item = Item(text.replace("**", ""), bold.group(1) if bold else "")
        (top[-1].children if match.group(1) else top).append(item)
    return top


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The docs built to HTML from a clean copy (never in place), and the warnings."""
    srcdir = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    shutil.copy(DOCS.parent / "CHANGELOG.md", srcdir.parent)  # the changelog page includes it
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, freshenv=True, status=StringIO(), warning=warnings)
    try:
        app.build()
        yield Path(app.outdir), warnings.getvalue()
    finally:
        app.cleanup()


def test_docs_build_without_warnings(built_docs: tuple[Path, str]) -> None:
    assert built_docs[1] == ""


def test_summary_table_matches_seed_cell_for_cell(built_docs: tuple[Path, str]) -> None:
    (seed_table,) = read_tables(_seed_text())
    built: Table = read_tables((built_docs[0] / "summary.html").read_text(encoding="utf-8"))[0]

    def shape(rows: list[list[Any]]) -> list[list[tuple[str, int, int]]]:
        return [[(c.text, c.rowspan, c.colspan) for c in row] for row in rows]

    assert shape(built.head) == shape(seed_table.head)
    assert shape(built.body) == shape(seed_table.body)
    assert [row[0].bold for row in built.body] == [row[0].bold for row in seed_table.body]
    assert len(built.body) == 8


def test_summary_page_structure_and_tasks(built_docs: tuple[Path, str]) -> None:
    html = (built_docs[0] / "summary.html").read_text(encoding="utf-8")
    seed = _seed_text()
    title = re.search(r"title = '(.+?)'", seed)
    assert title is not None
    assert f"<h1>{title.group(1)}" in html
    headings = re.findall(r"<h2>(.+?)<a", html)
    assert headings == re.findall(r"^## (.+)$", seed, re.MULTILINE)
    assert read_list(html, "vlm-tasks") == _seed_tasks(seed)
