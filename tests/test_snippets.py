"""The docs' snippets: each exists in reST and MyST, both give the same doctree, and that
doctree is stored (``tests/test_snippets/``), before and after the write-time transforms.

A change to what a snippet builds fails here; when it is meant, regenerate the stored
snapshots with ``pytest tests/test_snippets.py --force-regen`` and review the diff.
Then the views they show are checked where they are written: the doctree spans, and
the HTML, LaTeX and text output.
"""

from __future__ import annotations

import copy
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import DOCS, Built, build, resolved_doctree, write_project
from docutils import nodes
from htmltable import read_tables
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(DOCS.parent / "benchmarks"))
from synthetic import synthetic_models, synthetic_yaml

from sphinx_vlmtable.data.values import natural_key
from sphinx_vlmtable.nodes.chart import chart_list, vlmtable_chart
from sphinx_vlmtable.nodes.compact import build_tbody, vlmtable_body

SNIPPETS = sorted(
    path.relative_to(DOCS / "snippets").with_suffix("").as_posix()
    for path in (DOCS / "snippets").rglob("*.rst")
)
LARGE_VIEW = """\
.. vlm-table:: /data/large.yaml
   :columns: model, year, adapter, llm
   :filter: year >= 2021 and llm ~ '^(LLaMA|Qwen)'
   :sort: adapter, -year
   :merge: adapter
"""


def snippet_pages() -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {
        **{f"data/{p.name}": p.read_bytes() for p in (DOCS / "data").glob("*.yaml")},
        "data/large.yaml": synthetic_yaml(400),
        "large.rst": f"Large\n=====\n\n{LARGE_VIEW}",
    }
    for snippet in SNIPPETS:
        page = snippet.replace("/", "-")
        for suffix in ("rst", "md"):
            body = (DOCS / "snippets" / f"{snippet}.{suffix}").read_text()
            # Labels are per project: the two pages' tables get their own.
            body = body.replace(":name: ", f":name: {suffix}-")
            if suffix == "rst":
                files[f"{page}_rst.rst"] = f"{page}\n{'=' * len(page)}\n\n{body}"
            else:
                files[f"{page}_md.md"] = f"# {page}\n\n{body}"
    return files


class Snippets:
    """The snippets project built once per builder; the html app stays open for doctrees."""

    def __init__(self, html: SphinxTestApp, outdirs: dict[str, Path]) -> None:
        self.html = html
        self.outdirs = outdirs


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Snippets]:
    outdirs: dict[str, Path] = {}
    # One application at a time: each registers Sphinx's nodes with docutils.
    for builder in ("latex", "text"):
        srcdir = write_project(tmp_path_factory.mktemp(builder), snippet_pages())
        done: Built = build(srcdir, builder)
        assert done.warnings == ""
        outdirs[builder] = done.outdir
    srcdir = write_project(tmp_path_factory.mktemp("html"), snippet_pages())
    app = SphinxTestApp("html", srcdir=srcdir)
    try:
        app.build()
        assert app.warning.getvalue() == ""
        outdirs["html"] = Path(app.outdir)
        yield Snippets(app, outdirs)
    finally:
        app.cleanup()


def content(app: SphinxTestApp, docname: str, resolved: bool = True) -> str:
    """The page's content after its title, as XML a reader can diff: docutils' own nodes
    (a compact body shown as the rows it becomes, a chart as its list of points), ids
    without the page's prefix."""
    doctree = copy.deepcopy(
        resolved_doctree(app, docname) if resolved else app.env.get_doctree(docname)
    )
    for body in list(doctree.findall(vlmtable_body)):
        body.replace_self(build_tbody(body, None))
    # A chart as its points in words (what a builder without pictures shows), not the
    # node's data.
    for chart in list(doctree.findall(vlmtable_chart)):
        chart.replace_self(chart_list(chart))
    section = next(doctree.findall(nodes.section))
    shown = []
    for child in section.children[1:]:
        for node in child.findall(nodes.Element):
            for attribute in ("ids", "names"):
                node[attribute] = [re.sub(r"^(rst|md)-", "", v) for v in node[attribute]]
        shown.append(child.pformat())
    # The page's own name (download file names carry it) is the one other difference.
    text = re.sub(rf"\b{re.escape(docname)}\b", "PAGE", "".join(shown))
    # docutils before 0.21 prints a flag as False/True, later ones as 0/1.
    return text.replace('="False"', '="0"').replace('="True"', '="1"')


def test_every_snippet_exists_in_both_syntaxes() -> None:
    assert len(SNIPPETS) >= 7
    for snippet in SNIPPETS:
        assert (DOCS / "snippets" / f"{snippet}.md").exists(), snippet


@pytest.mark.parametrize("snippet", SNIPPETS)
@pytest.mark.parametrize("stage", ["read", "written"])
def test_rst_and_myst_match_the_stored_doctree(
    apps: Snippets, snippet: str, stage: str, file_regression: Any
) -> None:
    page = snippet.replace("/", "-")
    resolved = stage == "written"
    rst = content(apps.html, f"{page}_rst", resolved)
    assert content(apps.html, f"{page}_md", resolved) == rst
    file_regression.check(rst, basename=f"{page}.{stage}", extension=".xml")


def body_grid(table: nodes.table) -> list[list[tuple[str, int]]]:
    tbody = next(table.findall(nodes.tbody))
    return [
        [(entry.astext(), entry.get("morerows", 0)) for entry in row.findall(nodes.entry)]
        for row in tbody.children
    ]


def the_table(app: SphinxTestApp, docname: str) -> nodes.table:
    return next(resolved_doctree(app, docname).findall(nodes.table))


def test_columns_view_keeps_the_group_around_remaining_leaves(apps: Snippets) -> None:
    table = the_table(apps.html, "views-columns_rst")
    heads = [[e.astext() for e in row.findall(nodes.entry)] for row in table.findall(nodes.row)][:2]
    assert heads == [["Model", "Year", "Model Architecture"], ["LLM", "Adapter"]]
    assert next(table.findall(nodes.thead)).findall(nodes.entry).__next__()["morerows"] == 1


def test_sort_and_filter_views(apps: Snippets) -> None:
    sort_rows = body_grid(the_table(apps.html, "views-sort_rst"))
    assert [row[0][0] for row in sort_rows] == [
        "HunyuanOCR",
        "Qwen2.5-VL",
        "Qwen3-VL",
        "Qwen2-VL",
        "Qwen-VL",
        "LLaVA",
        "BLIP-2",
        "BLIP",
    ]
    filter_rows = body_grid(the_table(apps.html, "views-filter_rst"))
    assert [row[0][0] for row in filter_rows] == ["Qwen2-VL", "Qwen2.5-VL", "Qwen3-VL"]


def test_merge_view_spans_rows_in_doctree_html_latex_and_text(apps: Snippets) -> None:
    grid = body_grid(the_table(apps.html, "views-merge_rst"))
    assert grid[-1] == [("BLIP", 0), ("-", 0), ("-", 0)]  # no value sorts last
    assert grid[3:6] == [
        [("Qwen2-VL", 0), ("MLP", 2), ("Qwen2", 0)],
        [("Qwen2.5-VL", 0), ("Qwen2.5", 0)],
        [("Qwen3-VL", 0), ("Qwen3", 0)],
    ]
    html = (Path(apps.outdirs["html"]) / "views-merge_rst.html").read_text()
    (table,) = read_tables(html)
    assert [(c.text, c.rowspan) for c in table.body[3]] == [
        ("Qwen2-VL", 1),
        ("MLP", 3),
        ("Qwen2", 1),
    ]
    tex = (Path(apps.outdirs["latex"]) / "project.tex").read_text()
    merge_section = tex[tex.index("Grouped by adapter") :]
    merged = r"\\sphinxmultirow\{3\}\{\d+\}\{%\n.*\n.*\n(\\raggedright )?MLP"
    assert re.search(merged, merge_section)
    text = (Path(apps.outdirs["text"]) / "views-merge_rst.txt").read_text().splitlines()
    qwen2 = next(i for i, line in enumerate(text) if "Qwen2-VL" in line)
    # A rule under each model name, none under MLP, which goes on into the next row.
    assert re.match(r"^\+-+\+ +\+-+\+$", text[qwen2 + 1]), text[qwen2 + 1]


def test_combined_view_anchors_and_caption(apps: Snippets) -> None:
    table = the_table(apps.html, "views-combined_rst")
    assert table["ids"] == ["rst-combined-view"]
    rows = [row for row in next(table.findall(nodes.tbody)).children if isinstance(row, nodes.row)]
    assert rows[0]["ids"] == ["rst-combined-view-hunyuanocr"]
    grid = body_grid(table)
    assert grid[1][:2] == [("Qwen2.5-VL", 0), ("2025.02", 1)]
    assert len(grid) == 6


def test_large_generated_view(apps: Snippets) -> None:
    models = synthetic_models(400)
    wanted = {
        m["model"]
        for m in models
        if natural_key(m["year"]) >= natural_key("2021") and re.match(r"LLaMA|Qwen", m["llm"])
    }
    html = (Path(apps.outdirs["html"]) / "large.html").read_text()
    (table,) = read_tables(html)
    shown = [row[0].text for row in table.body]
    assert set(shown) == wanted and len(shown) == len(wanted)
    by_name = {m["model"]: m for m in models}
    # Sorted by adapter, naturally; "-" means no value and comes last.
    adapters = [
        (by_name[name]["adapter"] == "-", natural_key(by_name[name]["adapter"])) for name in shown
    ]
    assert adapters == sorted(adapters)
    # Each adapter cell spans exactly its run of equal adapters.
    row = 0
    while row < len(shown):
        cell = table.body[row][2]
        run = 1
        while row + run < len(shown) and by_name[shown[row + run]]["adapter"] == cell.text:
            run += 1
        assert (cell.text, cell.rowspan) == (by_name[shown[row]]["adapter"], run)
        years = [natural_key(by_name[name]["year"]) for name in shown[row : row + run]]
        assert years == sorted(years, reverse=True)
        row += run
