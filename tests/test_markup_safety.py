"""Markup cells from a stranger's data file, through real builds: no code runs, no script
or raw HTML reaches a page, nothing is fetched, whatever the site enables; every refusal
is a located ``vlmtable.markup`` warning and the table is still built."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from conftest import Built, build, write_project
from htmltable import read_tables


def survey(syntax: str, *notes: str) -> str:
    rows = "".join(f"  - model: M{index}\n    note: {note!r}\n" for index, note in enumerate(notes))
    return (
        "columns:\n  - {key: model, label: Model}\n"
        f"  - {{key: note, label: Note, markup: {syntax}}}\n"
        f"models:\n{rows}"
    )


def build_cells(
    tmp_path: Path, syntax: str, *notes: str, page: str = "", conf: str = "", builder: str = "html"
) -> Built:
    directive = "\n.. vlm-table:: data/m.yaml\n"
    srcdir = write_project(
        tmp_path / "src",
        {"data/m.yaml": survey(syntax, *notes), "p.rst": f"P\n=\n\n{page}{directive}"},
        conf=conf,
    )
    return build(srcdir, builder)


def notes(done: Built) -> list[str]:
    (table,) = read_tables(done.read("p.html"))
    return [row[1].text for row in table.body]


# MyST's substitution extension renders Jinja; a cell must never reach it.
JINJA = "{{ lipsum.__globals__.os.popen('touch PWNED').read() }}"


@pytest.mark.parametrize(
    "extensions", [["substitution"], ["substitution", "html_image", "dollarmath", "linkify"]]
)
def test_a_myst_cell_never_runs_a_template_whatever_the_site_enables(
    tmp_path: Path, extensions: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    done = build_cells(
        tmp_path,
        "myst",
        JINJA,
        "<img src=x onerror=alert(1)>",
        conf=f"myst_enable_extensions = {extensions!r}\nmyst_substitutions = {{'x': 'y'}}\n",
    )
    assert not list(tmp_path.rglob("PWNED"))
    html = done.read("p.html")
    # Inline HTML is text: escaped, never an element or an attribute.
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'onerror="' not in html
    assert '<img src="x"' not in html
    assert "{{ lipsum." in notes(done)[0] and "popen" in notes(done)[0]  # shown as text


@pytest.mark.parametrize(
    ("syntax", "cell", "uri"),
    [
        ("rst", "`click <javascript:alert(1)>`_", "javascript:alert(1)"),
        ("rst", "`click <javascript:alert(1)>`__", "javascript:alert(1)"),
        ("rst", "see javascript:alert(document.cookie)", "javascript:alert(document.cookie)"),
        ("rst", "`x <data:text/html,<script>alert(1)</script>>`_", "data:text/html"),
        ("rst", "`x <JavaScript:alert(1)>`_", "JavaScript:alert(1)"),
        ("rst", ":download:`x <javascript://%0aalert(1)>`", "javascript://"),
        ("myst", "[click](javascript:alert(1))", "javascript:alert(1)"),
        ("myst", "{download}`x <javascript://%0aalert(1)>`", "javascript://"),
        ("myst", "<javascript:alert(1)>", "javascript:alert(1)"),
    ],
)
def test_links_with_unsafe_schemes_are_refused(
    tmp_path: Path, syntax: str, cell: str, uri: str
) -> None:
    done = build_cells(tmp_path, syntax, cell, "fine")
    html = done.read("p.html")
    assert not re.search(r"href=\"\s*(javascript|data):", html, re.IGNORECASE), html
    assert notes(done)[1] == "fine"
    if syntax == "rst" or "download" in cell:
        refused = r"data/m.yaml:6: WARNING: a cell's markup asks for .*; it is shown as text"
        assert re.search(refused + r" .*\[vlmtable.markup\]", done.warnings), done.warnings


def test_safe_links_still_work(tmp_path: Path) -> None:
    done = build_cells(
        tmp_path,
        "rst",
        "`paper <https://arxiv.org/abs/1>`_ and <mailto:a@b.org>",
        "`x <other.html>`__",
    )
    assert done.warnings == ""
    (table,) = read_tables(done.read("p.html"))
    assert [row[1].links for row in table.body] == [
        ["https://arxiv.org/abs/1", "mailto:a%40b.org"],
        ["other.html"],
    ]


def test_cells_links_take_none_of_the_pages_ids(tmp_path: Path) -> None:
    # Each cell's `paper <...>`_ made a target named "paper", and its id was the page's:
    # the section after the table became "paper-3". A link's address is its reference's.
    data = survey("rst", *(f"`paper <https://arxiv.org/abs/{n}>`_" for n in range(3)))
    page = "P\n=\n\n.. vlm-table:: data/m.yaml\n\nPaper\n-----\n\nText.\n"
    done = build(write_project(tmp_path / "src", {"data/m.yaml": data, "p.rst": page}))
    assert done.warnings == ""
    html = done.read("p.html")
    assert '<section id="paper">' in html and 'id="paper-' not in html
    (table,) = read_tables(html)
    assert [row[1].links for row in table.body] == [
        [f"https://arxiv.org/abs/{n}"] for n in range(3)
    ]


def test_a_pages_substitution_does_not_reach_a_cell(tmp_path: Path) -> None:
    page = ".. |evil| raw:: html\n\n   <script>alert(1)</script>\n\n.. |word| replace:: WORD\n\n"
    done = build_cells(
        tmp_path, "rst", "|evil|", "|word|", page=page, conf="rst_prolog = '.. |p| replace:: P'\n"
    )
    html = done.read("p.html")
    assert "<script>alert(1)" not in html
    assert notes(done) == ["|evil|", "|word|"]
    assert re.search(
        r"data/m.yaml:6: WARNING: a cell's markup asks for the substitution "
        r"\|evil\|, which cells may not use",
        done.warnings,
    )


@pytest.mark.parametrize("syntax", ["rst", "myst"])
def test_page_declared_and_raw_roles_are_refused(tmp_path: Path, syntax: str) -> None:
    page = ".. role:: html(raw)\n   :format: html\n\n.. role:: plain\n\n"
    cells = (
        (":html:`<b>x</b>`", ":raw:`<b>y</b>`", ":plain:`z`")
        if syntax == "rst"
        else ("{html}`<b>x</b>`", "{raw}`<b>y</b>`", "{plain}`z`")
    )
    done = build_cells(tmp_path, syntax, *cells, page=page)
    assert "<b>x</b>" not in done.read("p.html") and "<b>y</b>" not in done.read("p.html")
    assert (
        len(re.findall(r"which cells may not use \(raw or declared by a page\)", done.warnings))
        == 3
    )


def test_a_cell_default_role_is_docutils_own(tmp_path: Path) -> None:
    page = ".. role:: html(raw)\n   :format: html\n\n.. default-role:: html\n\n"
    done = build_cells(tmp_path, "rst", "`<i>x</i>`", page=page)
    assert "<i>x</i>" not in done.read("p.html")
    assert "<cite>&lt;i&gt;x&lt;/i&gt;</cite>" in done.read("p.html")


def test_math_in_a_cell_adds_no_third_party_script(tmp_path: Path) -> None:
    done = build_cells(tmp_path, "rst", ":math:`x^2`", "plain")
    html = done.read("p.html")
    assert "mathjax" not in html.lower()
    assert "<code" in html and "x^2" in html
    assert re.search(r"data/m.yaml:6: WARNING: a cell's math is shown as its source", done.warnings)


def test_math_in_a_cell_renders_where_the_page_has_math(tmp_path: Path) -> None:
    done = build_cells(tmp_path, "rst", ":math:`x^2`", page="Energy :math:`E = mc^2`.\n\n")
    html = done.read("p.html")
    assert done.warnings == ""
    assert html.count('class="math') == 2 and "mathjax" in html.lower()


@pytest.mark.parametrize("builder", ["html", "latex", "epub", "texinfo"])
def test_a_remote_image_is_never_fetched(tmp_path: Path, builder: str) -> None:
    started = time.monotonic()
    done = build_cells(
        tmp_path,
        "myst",
        "![logo](https://example.invalid/logo.png)",
        "![d](data:image/png;base64,AAAA)",
        builder=builder,
    )
    assert time.monotonic() - started < 60
    assert "example.invalid" not in "".join(p.name for p in done.outdir.rglob("*"))
    assert "Could not fetch remote image" not in done.warnings
    assert len(re.findall(r"an image '.*', a remote file; it is shown as text", done.warnings)) == 2
    if builder == "html":
        assert "<img" not in done.read("p.html")
        assert notes(done) == ["logo", "d"]


def test_line_separators_written_as_entities_are_refused(tmp_path: Path) -> None:
    done = build_cells(tmp_path, "myst", "a&#x2028;b", "c&#8233;d", "e&#x2029;f", "fine &amp; well")
    for name in ("p.html",):
        html = done.read(name)
        assert "\u2028" not in html and "\u2029" not in html and "&#8232;" not in html
    assert notes(done) == ["a&#x2028;b", "c&#8233;d", "e&#x2029;f", "fine & well"]
    assert (
        len(re.findall(r"a line or paragraph separator; it is shown as written", done.warnings))
        == 3
    )


def test_an_inline_target_in_a_cell_is_text_not_a_crash(tmp_path: Path) -> None:
    done = build_cells(tmp_path, "rst", "_`x` here", "a `link`_ and [1]_")
    assert "build succeeded" in done.status
    assert notes(done) == ["x here", "a link and [1]"]
    assert "an inline target, which cells may not define" in done.warnings


def test_the_same_markup_in_two_columns_gets_its_own_nodes(tmp_path: Path) -> None:
    data = (
        "columns:\n  - {key: model, label: Model}\n  - {key: a, label: A, markup: rst}\n"
        "  - {key: b, label: B, markup: rst}\n"
        "models:\n  - {model: X, a: ':ref:`sec` and :doc:`p`', b: ':ref:`sec` and :doc:`p`'}\n"
    )
    srcdir = write_project(
        tmp_path / "src",
        {"data/m.yaml": data, "p.rst": ".. _sec:\n\nP\n=\n\n.. vlm-table:: data/m.yaml\n"},
    )
    for builder in ("html", "latex", "text"):
        done = build(srcdir, builder)
        assert "build succeeded" in done.status, done.warnings
        assert done.warnings == ""
    (table,) = read_tables(build(srcdir).read("p.html"))
    assert table.body[0][1].links == table.body[0][2].links == ["#sec", "#"]


def test_pathological_markup_is_refused_before_docutils_sees_it(tmp_path: Path) -> None:
    started = time.monotonic()
    done = build_cells(tmp_path, "rst", ":a:`b " * 16_000, "ok")
    assert time.monotonic() - started < 30
    assert notes(done)[1] == "ok"
    assert "is too long or has too many markup characters to parse" in done.warnings
    assert len(done.warnings.splitlines()) == 1


def test_markup_problems_count_toward_max_problems(tmp_path: Path) -> None:
    done = build_cells(
        tmp_path, "rst", *[f":nope:`{i}`" for i in range(30)], conf="vlmtable_max_problems = 5\n"
    )
    warnings = [line for line in done.warnings.splitlines() if re.search("WARNING|ERROR", line)]
    assert len(warnings) == 6, done.warnings
    assert (
        "25 more problem(s) in markup cells are not shown (vlmtable_max_problems is 5)"
        in warnings[-1]
    )
    assert all("data/m.yaml:" in line for line in warnings)


def test_refusals_count_toward_max_problems_once(tmp_path: Path) -> None:
    done = build_cells(
        tmp_path,
        "rst",
        *["`x <javascript:1>`_" for _ in range(8)],
        conf="vlmtable_max_problems = 3\n",
    )
    warnings = [line for line in done.warnings.splitlines() if "WARNING" in line]
    assert len(warnings) == 4, done.warnings
    assert "5 more problem(s) in markup cells are not shown" in warnings[-1]
