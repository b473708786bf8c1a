"""The project's own docs reproduce the seed post, cell for cell, from docs/data/vlms.yaml.

The seed's facts (title, sections, the task list, the header cells with their spans and
the 8 rows) are kept in ``tests/data/seed-facts.json``, read once from the original post.
"""

from __future__ import annotations

import json
import re
import shutil
from typing import Any

import pytest
from conftest import DATA, DOCS, Built, build
from htmltable import Item, read_list, read_tables

SEED = json.loads((DATA / "seed-facts.json").read_text(encoding="utf-8"))


def _items(entries: list[dict[str, Any]]) -> list[Item]:
    return [Item(e["text"], e["bold"], _items(e.get("children", []))) for e in entries]


def _cells(rows: list[list[dict[str, Any]]]) -> list[list[tuple[str, int, int]]]:
    return [[(c["text"], c["rowspan"], c["colspan"]) for c in row] for row in rows]


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The docs built to HTML from a clean copy (never in place)."""
    srcdir = tmp_path_factory.mktemp("docs") / "src"
    shutil.copytree(DOCS, srcdir, ignore=shutil.ignore_patterns("_build"))
    shutil.copy(DOCS.parent / "CHANGELOG.md", srcdir.parent)  # the changelog page includes it
    return build(srcdir, freshenv=True)


def test_docs_build_without_warnings(built_docs: Built) -> None:
    assert built_docs.warnings == ""


def test_summary_table_matches_seed_cell_for_cell(built_docs: Built) -> None:
    built = read_tables(built_docs.read("summary.html"))[0]

    def shape(rows: list[list[Any]]) -> list[list[tuple[str, int, int]]]:
        return [[(c.text, c.rowspan, c.colspan) for c in row] for row in rows]

    assert shape(built.head) == _cells(SEED["head"])
    assert shape(built.body) == _cells(SEED["body"])
    assert [row[0].bold for row in built.body] == [
        row[0].get("bold", False) for row in SEED["body"]
    ]
    assert len(built.body) == 8


def test_summary_page_structure_and_tasks(built_docs: Built) -> None:
    html = built_docs.read("summary.html")
    assert f"<h1>{SEED['title']}" in html
    assert re.findall(r"<h2>(.+?)<a", html) == SEED["sections"]
    assert read_list(html, "vlm-tasks") == _items(SEED["tasks"])


def test_the_stored_facts_are_the_seed_posts() -> None:
    """The facts file was read from the post kept beside it; they must agree."""
    post = (DATA / "seed-post.md").read_text(encoding="utf-8")
    (table,) = read_tables(post)
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.head] == _cells(
        SEED["head"]
    )
    assert [[c.text for c in row] for row in table.body] == [
        [c["text"] for c in row] for row in SEED["body"]
    ]
    assert re.search(r"title = '(.+?)'", post).group(1) == SEED["title"]  # type: ignore[union-attr]
    assert re.findall(r"^## (.+)$", post, re.MULTILINE) == SEED["sections"]
