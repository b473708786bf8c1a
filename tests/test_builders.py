"""The same table through every builder: real output, read back."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import Built, resolved_doctree
from docutils import nodes
from htmltable import read_list, read_tables
from sphinx.testing.util import SphinxTestApp

SEED_HEAD = [
    [
        ("Model", 2, 1),
        ("Year", 2, 1),
        ("Model Architecture", 1, 3),
        ("Training Recipe", 2, 1),
        ("Data Recipe", 2, 1),
    ],
    [("Vision Encoder", 1, 1), ("Adapter", 1, 1), ("LLM", 1, 1)],
]


def header_spans(table: nodes.table) -> list[list[tuple[str, int, int]]]:
    """Header cells as (text, rows, columns) read from the doctree's entries."""
    thead = next(table.findall(nodes.thead))
    return [
        [
            (entry.astext(), entry.get("morerows", 0) + 1, entry.get("morecols", 0) + 1)
            for entry in row.findall(nodes.entry)
        ]
        for row in thead.findall(nodes.row)
    ]


def body_texts(table: nodes.table) -> list[list[str]]:
    tbody = next(table.findall(nodes.tbody))
    return [[entry.astext() for entry in row.findall(nodes.entry)] for row in tbody.children]


def resolved_table(app: SphinxTestApp, docname: str) -> nodes.table:
    doctree = resolved_doctree(app, docname)
    return next(doctree.findall(nodes.table))


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_doctree_is_a_standard_table_with_spans(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    table = resolved_table(app, "page_rst")
    (tgroup,) = table.findall(nodes.tgroup)
    assert tgroup["cols"] == 7
    colspecs = list(tgroup.findall(nodes.colspec))
    assert [c.get("stub", 0) for c in colspecs] == [1, 0, 0, 0, 0, 0, 0]
    assert header_spans(table) == SEED_HEAD
    assert body_texts(table) == [
        ["BLIP", "2022.01", "-", "-", "-", "-", "-"],
        [
            "LLaVA",
            "2023.04",
            "CLIP ViT-L/14",
            "Linear",
            "Vicuna",
            "Pre-training + Fine-tuning",
            "Image-text pairs",
        ],
        [
            "HunyuanOCR",
            "2025.11",
            "SigLIP-v2",
            "Conv2d + MLP",
            "Hunyuan",
            "Multi-stage + RL",
            "200M image-text pairs",
        ],
    ]
    link = next(table.findall(nodes.reference))
    assert (link["refuri"], link.astext()) == ("https://llava-vl.github.io/", "LLaVA")


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_rst_and_myst_pages_give_the_same_doctree(built: Built) -> None:
    app = built.app

    def shown(docname: str) -> list[str]:
        doctree = resolved_doctree(app, docname)
        section = next(doctree.findall(nodes.section))
        return [child.pformat() for child in section.children[1:]]  # all but the title

    assert shown("page_rst") == shown("page_md")


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_html_has_rowspan_colspan_and_the_task_list(built: Built) -> None:
    app = built.app
    html = (Path(app.outdir) / "page_rst.html").read_text(encoding="utf-8")
    (table,) = read_tables(html)
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.head] == SEED_HEAD
    assert [row[0].text for row in table.body] == ["BLIP", "LLaVA", "HunyuanOCR"]
    assert all(row[0].bold for row in table.body)
    tasks = read_list(html, "vlm-tasks")
    assert [(t.text, t.bold) for t in tasks] == [
        ("Image Captioning: generate a description for a given image", "Image Captioning"),
        ("Visual Grounding", "Visual Grounding"),
    ]
    assert [(t.text, t.bold) for t in tasks[0].children] == [("Dense Captioning", "")]


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_values_are_shown_as_written(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    html = (Path(app.outdir) / "values.html").read_text(encoding="utf-8")
    (table,) = read_tables(html)
    assert [[c.text for c in row] for row in table.body] == [
        ["Ten", "2023.10", "no", "-"],
        ["Dated", "2024-09-01", "yes", "pre -- post \"quoted\" 'single'"],
        ["<b>Escaped</b> & co", "1e3", "null", "-"],
        ["Missing values", "-", "-", "-"],
    ]
    assert "&lt;b&gt;Escaped&lt;/b&gt; &amp; co" in html
    # The caption is the page's prose, numbered, and kept as written too.
    assert 'Table 1 </span><span class="caption-text">Values as &quot;written&quot; -- kept' in html
    assert '<span class="std std-numref">Table 1</span>' in html


@pytest.mark.sphinx("latex", testroot="builders", freshenv=True)
def test_latex_uses_multirow_and_multicolumn(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    tex = (Path(app.outdir) / "project.tex").read_text(encoding="utf-8")
    first_table = tex[tex.index("Page in reST") : tex.index("Page in MyST")]
    assert len(re.findall(r"\\sphinxmultirow\{2\}", first_table)) == 4
    assert len(re.findall(r"\\sphinxstartmulticolumn\{3\}", first_table)) == 1
    assert "\\sphinxcline{3-5}" in first_table
    # The survey's look: rules, no shaded rows (unless the table asks for a style).
    assert "\\sphinxthistablewithbooktabsstyle" in first_table
    assert "\\sphinxthistablewithnocolorrowsstyle" in first_table
    # As written: no en dash, no curly quotes.
    assert "2023.10" in tex
    # A short code is kept whole (\mbox); its hyphens stay hyphens, never an en dash.
    assert (
        'pre \\mbox{\\sphinxhyphen{}\\sphinxhyphen{}} post "quoted" \\textquotesingle{}single'
        in tex
    )


@pytest.mark.sphinx("text", testroot="builders", freshenv=True)
def test_text_table_is_drawn_with_spans(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    text = (Path(app.outdir) / "page_rst.txt").read_text(encoding="utf-8")
    lines = text.splitlines()
    top = next(i for i, line in enumerate(lines) if "Model Architecture" in line)
    # Five header cells on the first row (three merged), seven on the body rows.
    assert lines[top].count("|") == 6
    body = next(line for line in lines if "BLIP" in line)
    assert body.count("|") == 8
    # The rule under the group stops at the cells that span both rows.
    rule = next(line for line in lines[top:] if "+-" in line and line.startswith("|"))
    assert rule.startswith("|") and rule.count("+") == 4
    assert "* **Image Captioning**: generate a description for a given image" in text


@pytest.mark.sphinx("man", testroot="builders", freshenv=True)
def test_man_pages_fill_the_grid_instead_of_spanning(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    man = (Path(app.outdir) / "project.1").read_text(encoding="utf-8")
    assert "Model Architecture" in man and "HunyuanOCR" in man
    # tbl layout: seven columns on every row, none spanned.
    first_format = re.search(r"^\.TS\n.*\n(.+)\.$", man, re.MULTILINE)
    assert first_format is not None and first_format.group(1).strip("|").split("|") == ["l"] * 7


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, testroot="builders", freshenv=True))
        for name in ("dirhtml", "singlehtml", "epub", "texinfo", "xml", "pseudoxml")
    ],
)
def test_every_builder_builds_clean(built: Built, builder: str) -> None:
    app = built.app
    assert built.warnings == ""
    written = "\n".join(
        p.read_text(encoding="utf-8", errors="replace")
        for p in Path(app.outdir).rglob("*")
        if p.is_file() and p.suffix in (".html", ".xhtml", ".xml", ".texi", ".pseudoxml")
    )
    assert "Model Architecture" in written and "HunyuanOCR" in written
    assert "vlmtable_body" not in written


@pytest.mark.sphinx("gettext", testroot="builders", freshenv=True)
def test_gettext_collects_header_and_cells(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    pot = (Path(app.outdir) / "page_rst.pot").read_text(encoding="utf-8")
    for message in ("Model Architecture", "Vision Encoder", "Visual Grounding", "Vicuna"):
        assert f'msgid "{message}"' in pot
    # Data cells are located at their line in the data file.
    assert '#: ../../data/models.yaml:16\nmsgid "Vicuna"' in pot


@pytest.mark.sphinx("html", testroot="i18n", freshenv=True)
def test_header_caption_and_cells_are_translated(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    (table,) = read_tables((Path(app.outdir) / "index.html").read_text(encoding="utf-8"))
    assert [c.text for c in table.head[1]] == ["Bildkodierer", "Adapter", "LLM"]
    assert table.body[1][6].text == "Bild-Text-Paare"
    assert table.body[1][5].text == "Pre-training + Fine-tuning"  # no translation: as is
    caption = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert '<span class="caption-text">Modelle</span>' in caption


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_table_options_reach_the_doctree_and_html(built: Built) -> None:
    app = built.app
    assert built.warnings == ""
    doctree = resolved_doctree(app, "options")
    given, auto = doctree.findall(nodes.table)
    assert given["classes"] == ["vlm-table", "compact", "striped", "colwidths-given", "vlm-widths"]
    assert (given["ids"], given["align"], given["width"]) == (["options-table"], "center", "90%")
    assert [c["colwidth"] for c in given.findall(nodes.colspec)] == [18, 12, 12, 12, 12, 18, 18]
    assert given[0].astext() == "With every option"
    assert next(given[0].findall(nodes.emphasis)).astext() == "every"  # inline markup
    assert "colwidths-auto" in auto["classes"]
    html = (Path(app.outdir) / "options.html").read_text(encoding="utf-8")
    tables = read_tables(html)
    assert tables[0].attrs["id"] == "options-table"
    assert "align-center" in tables[0].attrs["class"]
    assert tables[0].attrs["style"] == "width: 90%"


@pytest.mark.sphinx("text", testroot="builders", freshenv=True)
def test_a_writer_given_the_unexpanded_doctree_still_writes_every_row(built: Built) -> None:
    """A builder that skips Sphinx's post-transforms hands writers the compact body: the
    fallback visitors expand it on the spot instead of losing the rows."""
    from docutils.io import StringOutput
    from sphinx.writers.text import TextWriter

    from sphinx_vlmtable.nodes.compact import vlmtable_body

    app = built.app
    doctree = app.env.get_doctree("page_rst")
    assert len(list(doctree.findall(vlmtable_body))) == 1  # as pickled: compact
    writer = TextWriter(app.builder)  # type: ignore[arg-type]
    writer.write(doctree, StringOutput(encoding="unicode"))
    written = (Path(app.outdir) / "page_rst.txt").read_text(encoding="utf-8")
    assert writer.output is not None
    assert writer.output.strip() == written.strip()


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_search_index_has_the_cells(built: Built) -> None:
    """The body is expanded before the indexer reads the page, so cells are searchable."""
    app = built.app
    index = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    search = json.loads(index[index.index("(") + 1 : index.rindex(")")])
    pages = {search["docnames"].index(name) for name in ("page_rst", "page_md")}
    for word in ("hunyuanocr", "vicuna", "siglip", "architectur"):  # stemmed, lower case
        found = search["terms"][word]
        assert pages <= ({found} if isinstance(found, int) else set(found)), word
