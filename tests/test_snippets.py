"""The docs' snippets: each exists in reST and MyST, and both give the same doctree.

Then the views they show are checked where they are written: the doctree spans, and
the HTML, LaTeX and text output.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from conftest import DOCS, resolved_doctree
from docutils import nodes
from htmltable import read_tables
from sphinx.testing.util import SphinxTestApp

sys.path.insert(0, str(DOCS.parent / "benchmarks"))
from synthetic import synthetic_models, synthetic_yaml

from sphinx_vlmtable.views import natural_key

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


def write_project(srcdir: Path) -> None:
    (srcdir / "data").mkdir(parents=True)
    shutil.copy(DOCS / "data" / "vlms.yaml", srcdir / "data")
    (srcdir / "data" / "large.yaml").write_text(synthetic_yaml(400))
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_vlmtable"]\n'
        'latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]\n'
    )
    pages = []
    for snippet in SNIPPETS:
        page = snippet.replace("/", "-")
        for suffix in ("rst", "md"):
            body = (DOCS / "snippets" / f"{snippet}.{suffix}").read_text()
            if suffix == "rst":
                body = body.replace(":name: ", f":name: {suffix}-")
                text = f"{page}\n{'=' * len(page)}\n\n{body}"
            else:
                text = f"# {page}\n\n{body.replace(':name: ', ':name: md-')}"
            (srcdir / f"{page}_{suffix}.{suffix}").write_text(text)
            pages.append(f"{page}_{suffix}")
    (srcdir / "large.rst").write_text(f"Large\n=====\n\n{LARGE_VIEW}")
    toctree = "\n".join(f"   {page}" for page in [*pages, "large"])
    (srcdir / "index.rst").write_text(f"Snippets\n========\n\n.. toctree::\n\n{toctree}\n")


class Built:
    """The snippets project built once per builder; the html app stays open for doctrees."""

    def __init__(self, html: SphinxTestApp, outdirs: dict[str, Path]) -> None:
        self.html = html
        self.outdirs = outdirs


@pytest.fixture(scope="module")
def apps(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    srcdir = tmp_path_factory.mktemp("snippets")
    write_project(srcdir)
    warnings = StringIO()
    outdirs: dict[str, Path] = {}
    # One application at a time: each registers Sphinx's nodes with docutils.
    for builder in ("latex", "text", "html"):
        app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=warnings)
        app.build()
        outdirs[builder] = Path(app.outdir)
        if builder != "html":
            app.cleanup()
    assert warnings.getvalue() == ""
    try:
        yield Built(app, outdirs)
    finally:
        app.cleanup()


def content(app: SphinxTestApp, docname: str) -> list[str]:
    doctree = resolved_doctree(app, docname)
    section = next(doctree.findall(nodes.section))
    shown = []
    for child in section.children[1:]:
        for node in child.findall(nodes.Element):
            # The two pages label their tables differently (labels are per project).
            for attribute in ("ids", "names"):
                node[attribute] = [re.sub(r"^(rst|md)-", "", v) for v in node[attribute]]
        shown.append(child.pformat())
    return shown


def test_every_snippet_exists_in_both_syntaxes() -> None:
    assert len(SNIPPETS) >= 7
    for snippet in SNIPPETS:
        assert (DOCS / "snippets" / f"{snippet}.md").exists(), snippet


@pytest.mark.parametrize("snippet", SNIPPETS)
def test_rst_and_myst_give_the_same_doctree(apps: Built, snippet: str) -> None:
    page = snippet.replace("/", "-")
    assert content(apps.html, f"{page}_rst") == content(apps.html, f"{page}_md")


def body_grid(table: nodes.table) -> list[list[tuple[str, int]]]:
    tbody = next(table.findall(nodes.tbody))
    return [
        [(entry.astext(), entry.get("morerows", 0)) for entry in row.findall(nodes.entry)]
        for row in tbody.children
    ]


def the_table(app: SphinxTestApp, docname: str) -> nodes.table:
    return next(resolved_doctree(app, docname).findall(nodes.table))


def test_columns_view_keeps_the_group_around_remaining_leaves(apps: Built):
    table = the_table(apps.html, "views-columns_rst")
    heads = [[e.astext() for e in row.findall(nodes.entry)] for row in table.findall(nodes.row)][:2]
    assert heads == [["Model", "Year", "Model Architecture"], ["LLM", "Adapter"]]
    assert next(table.findall(nodes.thead)).findall(nodes.entry).__next__()["morerows"] == 1


def test_sort_and_filter_views(apps: Built) -> None:
    sort_rows = body_grid(the_table(apps.html, "views-sort_rst"))
    assert [row[0][0] for row in sort_rows] == [
        "HunyuanOCR", "Qwen2.5-VL", "Qwen3-VL", "Qwen2-VL", "Qwen-VL", "LLaVA", "BLIP-2", "BLIP",
    ]  # fmt: skip
    filter_rows = body_grid(the_table(apps.html, "views-filter_rst"))
    assert [row[0][0] for row in filter_rows] == ["Qwen2-VL", "Qwen2.5-VL", "Qwen3-VL"]


def test_merge_view_spans_rows_in_doctree_html_latex_and_text(apps: Built):
    grid = body_grid(the_table(apps.html, "views-merge_rst"))
    assert grid[4:7] == [
        [("Qwen2-VL", 0), ("MLP", 2), ("Qwen2", 0)],
        [("Qwen2.5-VL", 0), ("Qwen2.5", 0)],
        [("Qwen3-VL", 0), ("Qwen3", 0)],
    ]
    html = (Path(apps.outdirs["html"]) / "views-merge_rst.html").read_text()
    (table,) = read_tables(html)
    assert [(c.text, c.rowspan) for c in table.body[4]] == [("Qwen2-VL", 1), ("MLP", 3),
                                                           ("Qwen2", 1)]  # fmt: skip
    tex = (Path(apps.outdirs["latex"]) / "project.tex").read_text()
    merge_section = tex[tex.index("Grouped by adapter") :]
    assert re.search(r"\\sphinxmultirow\{3\}\{\d+\}\{%\n.*\n.*\nMLP", merge_section)
    text = (Path(apps.outdirs["text"]) / "views-merge_rst.txt").read_text().splitlines()
    qwen2 = next(i for i, line in enumerate(text) if "Qwen2-VL" in line)
    # A rule under each model name, none under MLP, which goes on into the next row.
    assert re.match(r"^\+-+\+ +\+-+\+$", text[qwen2 + 1]), text[qwen2 + 1]


def test_combined_view_anchors_and_caption(apps: Built) -> None:
    table = the_table(apps.html, "views-combined_rst")
    assert table["ids"] == ["rst-combined-view"]
    rows = list(next(table.findall(nodes.tbody)).children)
    assert rows[0]["ids"] == ["rst-combined-view-hunyuanocr"]
    grid = body_grid(table)
    assert grid[1][:2] == [("Qwen2.5-VL", 0), ("2025.02", 1)]
    assert len(grid) == 6


def test_large_generated_view(apps: Built) -> None:
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
    adapters = [natural_key(by_name[name]["adapter"]) for name in shown]
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
