"""Typed columns, placeholders, best values, alignment and markup cells, through real
builds from reST and MyST pages (``roots/test-typed``: an LLM survey with citations;
``roots/test-values``: one page per value scenario, each with its own small file)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Built, build, copy_root, write_project
from docutils import nodes
from htmltable import read_tables

ALL = ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]


def first_columns(html: str) -> list[list[str]]:
    return [[row[0].text for row in table.body] for table in read_tables(html)]


@pytest.mark.sphinx("html", testroot="typed", freshenv=True)
def test_numbers_dates_and_placeholders_sort_and_filter_by_value(built: Built) -> None:
    assert built.warnings == ""
    tables = read_tables(built.read("views.html"))
    shown = [[[c.text for c in row] for row in table.body] for table in tables]
    # score: 1.25 < 1.5 < 2 < 10, and "n/a" last in both directions.
    assert [row[1] for row in shown[0]] == ["1.25", "1.5", "2", "10", "n/a"]
    assert [row[1] for row in shown[1]] == ["10", "2", "1.5", "1.25", "n/a"]
    assert [row[0] for row in shown[2]] == ["Alpha", "Gamma", "Delta"]  # > 1.3, file order
    assert [row[1] for row in shown[3]] == ["4e-5", "0.6e-4", "1e-4", "n/a", "-"]
    assert [row[1] for row in shown[4]] == ["~1.2T", "70B", "7B (MoE)", "500M", "?"]
    assert [row[1] for row in shown[5]] == ["2023.9", "2023.10"]  # == 2023, at its precision
    assert [row[1] for row in shown[6]] == ["2025-01-15", "2024.07", "2024", "2023.10", "2023.9"]
    assert [row[0] for row in shown[7]] == ["Alpha", "Beta"]  # ~* ignores case
    assert [row[1] for row in shown[8]] == ["70B", "~1.2T"]  # >= 70B, shown as written


@pytest.mark.sphinx("html", testroot="typed", freshenv=True)
def test_cells_are_shown_as_written_with_best_values_and_alignment(built: Built) -> None:
    for page in ("index.html", "page_md.html"):
        (table,) = read_tables(built.read(page))
        assert [[c.text for c in row][:5] for row in table.body] == [
            ["Alpha", "2023.9", "7B (MoE)", "1e-4", "1.5"],
            ["Beta", "2023.10", "70B", "0.6e-4", "1.25"],
            ["Gamma", "2024.07", "~1.2T", "4e-5", "10"],
            ["Delta", "2024", "500M", "n/a", "2"],
            ["Epsilon", "2025-01-15", "?", "-", "n/a"],
        ]
        gamma = table.body[2]
        # The largest size, the smallest learning rate, the best score: bold and marked.
        for cell in gamma[2:5]:
            assert cell.bold and "vlm-best" in cell.attrs["class"], cell
        assert not any(c.bold for row in table.body if row is not gamma for c in row[2:5])
        assert "vlm-align-right" in table.body[0][2].attrs["class"]
        assert "vlm-align-center" in table.body[0][4].attrs["class"]
    css = (built.outdir / "_static" / "vlmtable.css").read_text()
    assert "td.vlm-align-right" in css


@pytest.mark.sphinx("html", testroot="typed", freshenv=True)
def test_markup_cells_render_and_citations_resolve(built: Built) -> None:
    for docname in ("index", "page_md"):
        (table,) = built.doctree(docname).findall(nodes.table)
        cells = list(table.findall(nodes.entry))
        assert [n.astext() for n in table.findall(nodes.strong)].count("MoE") == 1
        assert "emphasis" in [n.astext() for n in table.findall(nodes.emphasis)]
        assert "alpha" in [n.astext() for n in table.findall(nodes.literal)]
        links = {
            n.astext(): n.get("refuri")
            for n in table.findall(nodes.reference)
            if n.get("refuri", "").startswith("https://")
        }
        assert links["the site"] == "https://alpha.example/"
        assert links["a link"] == "https://gamma.example/"
        assert any("<b>not html</b>" in entry.astext() for entry in cells)  # text, not HTML
        assert not list(table.findall(nodes.raw))
        html = built.read(f"{docname}.html")
        assert "&lt;b&gt;not html&lt;/b&gt;" in html and "<b>not html</b>" not in html
        # Both citations resolve to the bibliography on the index page.
        assert re.search(
            r'class="bibtex-citation"[^>]*>\[<a class="reference internal" '
            r'href="(index.html)?#id\d+" title="Haotian Liu',
            html,
        )
        assert ">BB23</a>]" in html
    index = built.read("index.html")
    assert "Visual instruction tuning" in index and "versatile vision-language model" in index


@pytest.mark.sphinx("latex", testroot="typed", freshenv=True)
def test_latex_aligns_columns_and_bolds_best_values(built: Built) -> None:
    assert built.warnings == ""
    tex = built.read("project.tex")
    first = tex[tex.index("\\sphinxattablestart") :]
    # Widths from the cells; ragged-right unless a column is aligned.
    kinds = re.findall(
        r">\{\\def\\sphinxvlmtablecellalign\{\\(\w+)\}\\\1\\arraybackslash\}\\Y\{(0\.\d+)\}",
        first[:1500],
    )
    assert [kind for kind, _share in kinds][:5] == [
        "raggedright",
        "raggedright",
        "raggedleft",
        "raggedleft",
        "centering",
    ]
    assert sum(float(share) for _kind, share in kinds) <= 1.0
    assert "\\sphinxstylestrong{\\textasciitilde{}1.2T}" in first
    assert "\\sphinxstylestrong{MoE}" in first
    assert "{[}\\hyperlink{cite.index:id5}{LLWL23}{]}" in first  # the citation, linked


@pytest.mark.sphinx("text", testroot="typed", freshenv=True)
def test_text_shows_best_values_in_bold(built: Built) -> None:
    text = built.read("index.txt")
    assert "| **~1.2T**" in text and "| **4e-5**" in text and "| **10**" in text


def survey(columns: str, models: str, top: str = "") -> str:
    return f"{top}columns:\n  - {{key: model, label: Model}}\n{columns}models:\n{models}"


@pytest.fixture(scope="module")
def values(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``roots/test-values`` built once: one page per scenario, each with its own file."""
    return build(copy_root("values", tmp_path_factory.mktemp("values")))


def warnings_of(done: Built, page: str) -> str:
    """The warnings that name this page (at it, or a data file "in vlm-table at" it)."""
    return "".join(line + "\n" for line in done.warnings.splitlines() if f"{page}:" in line)


def test_a_value_that_does_not_parse_is_a_warning_and_sorts_last(values: Built) -> None:
    for page in ("unparsed.rst:4", "unparsed_md.md:3"):
        assert re.search(
            r"data/size.yaml:5: WARNING: 'seven' in the number column 'size' is "
            rf"not a number .*\(in vlm-table at {page}\) \[vlmtable.value\]",
            values.warnings,
        ), (page, values.warnings)
    # Shown as written, last in both directions.
    assert first_columns(values.read("unparsed.html")) == [["B", "A"]]
    assert first_columns(values.read("unparsed_md.html")) == [["B", "A"]]


def test_default_layout_columns_take_settings_and_year_is_a_date(values: Built) -> None:
    assert warnings_of(values, "year.rst") == ""
    (table,) = read_tables(values.read("year.html"))
    assert [row[0].text for row in table.body] == ["B", "A", "C"]
    assert table.body[0][1].bold and not table.body[1][1].bold
    assert "vlm-align-right" in table.body[0][4].attrs["class"]


def test_a_filter_that_leaves_no_rows_warns(values: Built) -> None:
    assert re.search(
        r"no_rows.rst:4: WARNING: vlm-table: :filter: 'year > 2030' leaves no rows "
        r"\(of 1 models\) \[vlmtable.option\]",
        values.warnings,
    )


def test_unknown_keys_under_the_default_layout_say_so(values: Built) -> None:
    warnings = warnings_of(values, "unknown_key_md.md")
    assert (
        "cannot sort by 'score': no column has that key (the file declares no 'columns', "
        "so the default VLM layout is in force" in warnings
    )
    assert "declare 'columns:'" in warnings


@pytest.mark.parametrize(
    ("cell", "refused"),
    [
        (":download:`secrets <../../secret.txt>`", "a download of '../../secret.txt'"),
        ("{download}`../../secret.txt`", "a download of '../../secret.txt'"),
        ("[x](../../secret.txt)", "a download of '../../secret.txt'"),
        ("![img](../../secret.png)", "an image '../../secret.png'"),
    ],
)
def test_markup_cannot_publish_a_file_outside_the_source_directory(
    tmp_path: Path, cell: str, refused: str
) -> None:
    syntax = "rst" if cell.startswith(":") else "myst"
    (tmp_path / "secret.txt").write_text("the build machine's secret")
    (tmp_path / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    data = survey(
        f"  - {{key: note, label: Note, markup: {syntax}}}\n", f"  - model: A\n    note: '{cell}'\n"
    )
    srcdir = write_project(
        tmp_path / "deep" / "src",
        {
            "data/m.yaml": data,
            "p.rst": "P\n=\n\n.. vlm-table:: data/m.yaml\n",
            "inside.txt": "fine",
        },
    )
    (tmp_path / "deep" / "secret.txt").write_text("the build machine's secret")
    (tmp_path / "deep" / "secret.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    done = build(srcdir)
    assert re.search(
        rf"data/m.yaml:6: WARNING: a cell's markup asks for {re.escape(refused)}, "
        r"outside the source directory; it is shown as text .*\[vlmtable.markup\]",
        done.warnings,
    ), done.warnings
    assert not list(done.outdir.rglob("secret*"))
    assert "secret" not in "".join(p.name for p in done.outdir.rglob("*"))


def test_a_page_declared_raw_role_does_not_reach_cells(values: Built) -> None:
    assert "<script>alert(1)" not in values.read("raw_role.html")
    (entry,) = [e for e in values.doctree("raw_role").findall(nodes.entry) if "alert" in e.astext()]
    assert not list(entry.findall(nodes.raw))
    assert re.search(r"data/raw.yaml:6: .*raw", warnings_of(values, "raw_role.rst"), re.I)


def test_markup_errors_are_located_at_the_cells_own_line(values: Built) -> None:
    assert re.search(r"data/markup.yaml:6: WARNING: Inline emphasis start-string", values.warnings)
    assert re.search(r"data/markup.yaml:8: WARNING: undefined label: 'nowhere'", values.warnings)


def test_month_name_dates_sort_by_value_and_show_as_written(values: Built) -> None:
    assert warnings_of(values, "dates.rst") == warnings_of(values, "dates_md.md") == ""
    (table,) = read_tables(values.read("dates.html"))
    assert [(row[0].text, row[1].text) for row in table.body] == [
        ("D", "2016.01"),
        ("C", "Mar. 2016"),
        ("B", "Sept 2018"),
    ]
    (table,) = read_tables(values.read("dates_md.html"))
    assert [row[1].text for row in table.body] == [
        "Sept 2018",
        "Mar. 2016",
        "2016.01",
        "December 15, 2015",
        "December 2015",
    ]


def test_a_cells_given_value_sorts_and_filters_it_shown_as_written(values: Built) -> None:
    (table,) = read_tables(values.read("given.html"))
    assert [(row[0].text, row[1].text) for row in table.body] == [
        ("A", "Interspeech, Sept 2018"),
        ("C", "2019"),
    ]
    (table,) = read_tables(values.read("given_md.html"))
    assert [row[0].text for row in table.body] == ["C", "A", "B", "D"]  # D's value: last
    assert table.body[2][1].links == ["https://neurips.example/2017"]
    # The value must parse as the column's type; the text need not.
    assert re.search(
        r"data/given.yaml:8: WARNING: 'soon' in the date column 'date' is not a "
        r"date .*\(in vlm-table at given.rst:4\)",
        values.warnings,
    )
    assert "Interspeech, Sept 2018" not in values.warnings


def test_ids_tell_rows_with_one_name_apart(values: Built) -> None:
    (table,) = read_tables(values.read("ids.html"))
    assert [row[0].text for row in table.body] == ["Conformer", "Conformer", "Whisper", "Whisper"]
    ids = [attrs["id"] for attrs in table.row_attrs]
    assert ids[:2] == ["model-conformer-large", "model-conformer-small"]
    ids_warnings = warnings_of(values, "ids.rst")
    # Conformer twice, each with its id: no problem. A repeated id, and a repeated name
    # without one, are.
    assert "duplicate model 'Conformer'" not in ids_warnings
    assert re.search(
        r"data/ids.yaml:7: WARNING: duplicate id 'conformer-large' \(first at line "
        r"5\); it is left out",
        ids_warnings,
    ), ids_warnings
    assert re.search(
        r"data/ids.yaml:8: WARNING: duplicate model 'Whisper' \(first at line 7\)"
        r".*give each an 'id'",
        ids_warnings,
    )
    assert "two home tables" not in values.warnings
    page = values.read("ids.html")
    assert 'href="#model-conformer-small"' in page  # by id: that row
    assert 'href="#model-conformer-large"' in page  # by the shared name: the first row
    linked = values.read("ids_md.html")
    assert 'href="ids.html#model-conformer-small"' in linked
    assert 'href="ids.html#model-conformer-large"' in linked
