"""``:interactive:`` as built (the browser side is in tests/browser/test_interactive.py):
the ranks follow :sort:'s order, the script goes only to pages that need it, only HTML
builders get it, and its words are translatable."""

from __future__ import annotations

import html
import json
import re
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOTS, build, copy_root
from docutils import nodes

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.nodes.extras import vlmtable_sort_data
from sphinx_vlmtable.output.html import vlmtable_scroll
from sphinx_vlmtable.view.matrix import build_matrix_view
from sphinx_vlmtable.view.options import ViewOptions
from sphinx_vlmtable.view.ranks import column_filters, column_ranks, page_size, script_value
from sphinx_vlmtable.view.table import build_view

DATA = (ROOTS / "test-interactive" / "data" / "m.yaml").read_text()


def test_ranks_give_the_same_order_as_sort() -> None:
    data = load_survey_text(DATA.encode()).data
    view = build_view(data, ViewOptions(merge=["family"]))
    ranks = column_ranks(view)
    assert ranks == [[0, 1, 1, 1], [1, 0, 2, 1], [2, None, 0, 0], [3, 2, None, 0]]
    for column, key in ((1, "released"), (2, "params")):
        by_rank = sorted(
            (index for index in range(4) if ranks[index][column] is not None),
            key=lambda index: ranks[index][column],  # type: ignore[arg-type, return-value]
        )
        sorted_view = build_view(data, ViewOptions(sort=key))
        expected = [row.model.name for row in sorted_view.rows][: len(by_rank)]
        assert [view.rows[index].model.name for index in by_rank] == expected


def project(tmp_path: Path, conf: str = "", extra: dict[str, str | bytes] | None = None) -> Path:
    """A copy of ``roots/test-interactive`` with more conf.py lines and files."""
    return copy_root("interactive", tmp_path, conf=conf, files=extra)


def sort_data(page: str) -> dict[str, object]:
    match = re.search(
        r'<div class="vlm-sort-data" hidden data-table="([^"]+)" '
        r'data-ranks="([^"]+)" data-labels="([^"]+)"(?: data-explore="([^"]+)")?></div>',
        page,
    )
    assert match, page
    return {
        "table": match.group(1),
        "ranks": json.loads(html.unescape(match.group(2))),
        "labels": json.loads(html.unescape(match.group(3))),
        "explore": json.loads(html.unescape(match.group(4) or "null")),
    }


def test_the_script_goes_where_a_table_is_and_its_data_where_it_is_interactive(
    tmp_path: Path,
) -> None:
    done = build(project(tmp_path, extra={"none.rst": ":orphan:\n\nNone\n====\n\nNo table.\n"}))
    assert done.warnings == ""
    index, plain = done.read("index.html"), done.read("plain.html")
    # Every table's page has it (a scroll box that overflows becomes a tab stop), with
    # Sphinx's checksum of the file, as Sphinx's own scripts.
    script = re.compile(
        r'<script defer="defer" src="_static/vlmtable\.js\?v=[0-9a-f]{8}"></script>'
    )
    assert script.search(index) and script.search(plain)
    assert "vlmtable.js" not in done.read("none.html")
    assert "vlm-sort-data" not in plain
    data = sort_data(index)
    assert re.search(rf'<table class="vlm-table vlm-interactive[^"]*" id="{data["table"]}"', index)
    assert data["ranks"] == [[0, 1, 1, 1], [1, 0, 2, 1], [2, None, 0, 0], [3, 2, None, 0]]
    assert (done.outdir / "_static" / "vlmtable.js").exists()
    # The doctree says the same: one sort-data node per interactive table, naming it,
    # and every table in its scroll box (MyST as reST).
    for docname, interactive in (("index", True), ("page_md", True), ("plain", False)):
        doctree = done.doctree(docname)
        (table,) = doctree.findall(nodes.table)
        assert isinstance(table.parent, vlmtable_scroll)
        found = list(doctree.findall(vlmtable_sort_data))
        assert [node["table_id"] for node in found] == (table["ids"][:1] if interactive else [])
    (md_data,) = done.doctree("page_md").findall(vlmtable_sort_data)
    ranks = data["ranks"]
    assert isinstance(ranks, list)  # rows in :sort: -params order: B, A, C, D
    assert md_data["ranks"] == [ranks[1], ranks[0], ranks[2], ranks[3]]
    # No inline script of ours: the page's only scripts beyond the theme's are files.
    assert index.count("<script") == plain.count("<script")


def test_a_build_without_tables_gets_no_script(tmp_path: Path) -> None:
    source = project(tmp_path)
    (source / "index.rst").write_text("I\n=\n\n.. toctree::\n\n   plain\n")
    (source / "plain.rst").write_text("Plain\n=====\n\nNo table.\n")
    (source / "page_md.md").unlink()
    done = build(source)
    assert not list(done.outdir.rglob("vlmtable.js"))
    assert (done.outdir / "_static" / "vlmtable.css").exists()


def test_vlmtable_interactive_makes_every_table_interactive(tmp_path: Path) -> None:
    done = build(project(tmp_path, "vlmtable_interactive = True\n"))
    assert "vlm-sort-data" in done.read("plain.html")


@pytest.mark.parametrize("builder", ["latex", "epub", "text"])
def test_other_builders_get_no_script_or_data(tmp_path: Path, builder: str) -> None:
    done = build(project(tmp_path), builder)
    suffixes = (".tex", ".xhtml", ".txt", ".opf")
    written = "".join(
        p.read_text(errors="replace") for p in done.outdir.rglob("*") if p.suffix in suffixes
    )
    assert "vlm-sort-data" not in written and "vlmtable.js" not in written
    assert not list(done.outdir.rglob("vlmtable.js"))


def test_the_script_words_are_translatable(tmp_path: Path) -> None:
    po = (
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Search the table"\nmsgstr "Tabelle durchsuchen"\n\n'
        'msgid "{shown} of {total} rows"\nmsgstr "{shown} von {total} Zeilen"\n'
    )
    srcdir = project(
        tmp_path,
        'language = "de"\nlocale_dirs = ["locale"]\n',
        {"locale/de/LC_MESSAGES/sphinx_vlmtable.po": po},
    )
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with (srcdir / "locale/de/LC_MESSAGES/sphinx_vlmtable.po").open("rb") as source:
        catalog = read_po(source)
    with (srcdir / "locale/de/LC_MESSAGES/sphinx_vlmtable.mo").open("wb") as target:
        write_mo(target, catalog)
    labels = sort_data(build(srcdir).read("index.html"))["labels"]
    assert labels["placeholder"] == "Tabelle durchsuchen"  # type: ignore[index]
    assert labels["shown"] == "{shown} von {total} Zeilen"  # type: ignore[index]


def test_filters_by_type_choices_and_typed_values() -> None:
    data = load_survey_text(DATA.encode()).data
    view = build_view(data, ViewOptions())
    filters = [found.as_json() for found in column_filters(view, None)]
    # Not the model column; a date and a number as ranges with their typed values (by
    # rank: 2023.9 before 2023.10, 500M before 7B), "n/a" and "-" no value; a text column
    # of two values as a choice list.
    assert filters == [
        [1, "date", [], [[2023, 9, 0], [2023, 10, 0], [2024, 0, 0]]],
        [2, "number", [], [5e8, 7e9, 7e10]],
        [3, "choice", [0, 1], []],
    ]
    # :filters: chooses (the model column too, by what it contains); unknown keys drop.
    chosen = column_filters(view, ["family", "model", "nothing"])
    assert [(found.column, found.kind) for found in chosen] == [(3, "choice"), (0, "contains")]


def test_many_values_are_filtered_by_what_they_contain_and_marks_by_state() -> None:
    many = "models:\n" + "".join(f"  - {{model: M{i}, llm: L{i}}}\n" for i in range(13))
    view = build_view(load_survey_text(many.encode()).data, ViewOptions(columns=["model", "llm"]))
    assert [found.kind for found in column_filters(view, None)] == ["contains"]
    matrix = (
        "tasks:\n  - name: Grounding\n  - name: Agent\nmodels:\n"
        "  - {model: A, tasks: {grounding: yes, agent: partial}}\n"
        "  - {model: B, tasks: [grounding]}\n  - {model: C}\n"
    )
    view = build_matrix_view(load_survey_text(matrix.encode()).data, ViewOptions())
    states = column_filters(view, None)
    # Offered as yes, partial, no, then "not stated" (no value); ranks are by text
    # (agent: "no" 0, "partial" 1).
    assert [(found.column, found.kind, found.order) for found in states] == [
        (1, "state", (0, None)),
        (2, "state", (1, 0, None)),
    ]


def test_big_numbers_stay_json_and_long_tables_get_pages() -> None:
    assert script_value(Decimal("1e400")) == sys.float_info.max
    assert script_value(Decimal("-1e400")) == -sys.float_info.max
    assert page_size(None, 2000) == 0 and page_size(None, 2001) == 100
    assert page_size(0, 50_000) == 0 and page_size(25, 10) == 25


def test_the_build_gives_the_script_keys_the_model_column_and_pages(tmp_path: Path) -> None:
    source = project(tmp_path)
    (source / "index.rst").write_text(
        "I\n=\n\n.. toctree::\n\n   plain\n   page_md\n\n.. vlm-table:: data/m.yaml\n"
        "   :interactive:\n   :columns: released, model, params\n   :filters: params\n"
        "   :page-size: 2\n\n.. vlm-table:: data/m.yaml\n   :interactive:\n"
        "   :filters: nothing\n"
    )
    done = build(source)
    assert "index.rst:15: WARNING: vlm-table: :filters: names no shown column: nothing" in (
        done.warnings
    )
    found = sort_data(done.read("index.html"))
    explore, data_id = found["explore"], found["table"]
    assert explore == {
        "view": data_id,
        "keys": ["released", "model", "params"],
        "name": 1,
        "filters": [[2, "number", [], [5e8, 7e9, 7e10]]],
        "page": 2,
    }
