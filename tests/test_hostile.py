"""Hostile and careless inputs through real builds and ``vlmtable check``: never a
traceback, never a hang, never a corrupted page; each a located ``vlmtable.*`` warning.

Time limits here are generous bounds against hangs (a catastrophic case takes minutes
or never ends), not speed assertions; speed is measured by ``make bench``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import Built, build, copy_root, write_project
from htmltable import read_tables

from sphinx_vlmtable.cli import main as vlmtable_main
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.view.filters import parse_filter
from sphinx_vlmtable.view.options import ViewError

MODELS = "models:\n  - {model: Alpha, year: '2023', llm: Vicuna}\n  - {model: Beta, year: '2024'}\n"


def page(directive: str) -> str:
    return f"Page\n====\n\n{directive}\n"


def run_check(
    *arguments: str, stdin: bytes = b"", timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "check", *arguments],
        input=stdin.decode(),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def assert_clean_failure(done: Built) -> None:
    """Warnings, all ours and typed; the build finished (in-process, a crash would have
    raised before this)."""
    assert "build succeeded" in done.status
    for line in done.warnings.splitlines():
        if "WARNING" in line or "ERROR" in line:
            assert re.search(r"\[vlmtable\.\w+\]$", line), line


# -- paths ------------------------------------------------------------------------


def test_a_path_with_a_nul_a_symlink_loop_a_folder_or_a_fifo_is_a_warning(
    tmp_path: Path,
) -> None:
    srcdir = write_project(tmp_path / "src", {"data/ok.yaml": MODELS})
    os.symlink("loop.yaml", srcdir / "data" / "loop.yaml")
    os.mkfifo(srcdir / "data" / "fifo.yaml")
    (srcdir / "data" / "folder.yaml").mkdir()
    pages = {
        "nul": ".. vlm-table:: data/a\x00b.yaml",
        "loop": ".. vlm-table:: data/loop.yaml",
        "fifo": ".. vlm-table:: data/fifo.yaml",
        "folder": ".. vlm-table:: data/folder.yaml",
        "ok": ".. vlm-table:: data/ok.yaml",
    }
    for name, directive in pages.items():
        (srcdir / f"{name}.rst").write_text(page(directive))
    started = time.monotonic()
    done = build(srcdir)
    assert time.monotonic() - started < 120
    assert_clean_failure(done)
    warnings = done.warnings
    cannot_read = "WARNING: vlm-table: cannot read the data file"
    assert re.search(rf"nul.rst:4: {cannot_read} 'data/a\\x00b.yaml'", warnings), warnings
    assert re.search(
        rf"loop.rst:4: {cannot_read} data/loop.yaml: "
        r"(Too many levels of symbolic links|Symlink loop)",
        warnings,
    )
    assert re.search(
        r"data/fifo.yaml:1: WARNING: the data file is not a regular file "
        r".*\(in vlm-table at fifo.rst:4\) \[vlmtable.file\]",
        warnings,
    )
    assert re.search(
        r"folder.rst:4: WARNING: vlm-table: cannot read the data file "
        r"data/folder.yaml: Is a directory \[vlmtable.file\]",
        warnings,
    )
    for name in pages:
        assert (done.outdir / f"{name}.html").exists()
    assert "Alpha" in done.read("ok.html")


def test_check_refuses_a_fifo_and_a_device_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    result = run_check(str(fifo), "/dev/zero", timeout=30)
    assert result.returncode == 1
    assert f"{fifo}:1:1: the data file is not a regular file" in result.stdout
    assert "/dev/zero:1:1: the data file is not a regular file" in result.stdout
    assert "Traceback" not in result.stderr


def test_check_reads_standard_input_and_refuses_bad_sizes(tmp_path: Path) -> None:
    good = run_check("-", stdin=MODELS.encode())
    assert (good.returncode, good.stdout) == (0, "")
    bad = run_check("-", stdin=b"models:\n  - model: A\n    url: 'http://[::1'\n")
    assert bad.returncode == 1
    assert bad.stdout.startswith("<stdin>:3:")
    assert "[vlmtable.url]" in bad.stdout
    for size in ("-5", "0", "x"):
        refused = run_check("--max-file-size", size, "-", stdin=MODELS.encode())
        assert refused.returncode == 2 and "--max-file-size" in refused.stderr, size


def test_check_goes_on_after_a_file_whose_url_urlsplit_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "first.yaml"
    first.write_text("models:\n  - model: A\n    url: 'http://[::1/'\n")
    second = tmp_path / "second.yaml"
    second.write_text("models:\n  - model: B\n    llm: {text: x, url: 'https://a\uff03b/'}\n")
    assert vlmtable_main(["check", str(first), str(second)]) == 1
    out = capsys.readouterr().out
    assert f"{first}:3:" in out and f"{second}:3:" in out


# -- data ---------------------------------------------------------------------------


def test_thousands_of_digits_sort_and_filter(tmp_path: Path) -> None:
    huge, larger = "9" * 5000, "1" + "0" * 5000
    data = (
        "columns:\n  - {key: model, label: M}\n  - {key: year, label: Y}\n"
        "  - {key: size, label: S, type: number}\n"
        f"models:\n  - {{model: A, year: '{larger}', size: '{larger}'}}\n"
        f"  - {{model: B, year: '{huge}', size: '{huge}'}}\n"
    )
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/m.yaml": data,
            "p.rst": page(f".. vlm-table:: data/m.yaml\n   :sort: year\n   :filter: year > {huge}"),
            "q.rst": page(".. vlm-table:: data/m.yaml\n   :sort: -year"),
            "r.rst": page(".. vlm-table:: data/m.yaml\n   :sort: size\n   :filter: size < 1e5000"),
        },
    )
    done = build(srcdir)
    assert done.warnings == ""
    assert [row[0].text for row in read_tables(done.read("q.html"))[0].body] == ["A", "B"]
    assert [row[0].text for row in read_tables(done.read("p.html"))[0].body] == ["A"]
    assert [row[0].text for row in read_tables(done.read("r.html"))[0].body] == ["B"]


@pytest.mark.parametrize("builder", ["text", "latex", "man", "texinfo"])
def test_a_table_with_150_columns_builds(tmp_path: Path, builder: str) -> None:
    columns = "".join(f"  - {{key: c{i}, label: C{i}}}\n" for i in range(150))
    values = ", ".join(f"c{i}: v{i}" for i in range(150))
    data = (
        f"columns:\n  - {{key: model, label: Model}}\n{columns}"
        f"models:\n  - {{model: A, {values}}}\n"
    )
    srcdir = write_project(
        tmp_path / "src",
        {"data/wide.yaml": data, "wide.rst": page(".. vlm-table:: data/wide.yaml")},
    )
    started = time.monotonic()
    done = build(srcdir, builder)
    assert time.monotonic() - started < 120
    if builder == "latex":  # 151 columns fit no page: said once, the table still written
        assert done.warnings.count("WARNING") == 1 and "do not fit the page" in done.warnings
    else:
        assert done.warnings == ""
    written = "".join(
        p.read_text(errors="replace")
        for p in done.outdir.rglob("*")
        if p.is_file() and p.suffix in (".txt", ".tex", ".1", ".texi")
    )
    if builder == "text":  # 151 columns, one character wide each
        assert re.search(r"^(\+-+){151}\+$", written, re.MULTILINE)
    else:
        assert "v149" in written


def test_did_you_mean_and_problems_are_bounded() -> None:
    """4,000 columns and 400 misspelt keys: the first 100 problems, one more line that
    counts the rest, within seconds."""
    columns = "".join(f"  - {{key: column_number_{i}, label: C{i}}}\n" for i in range(4000))
    typos = "".join(f"    colum_number_{i}: x\n" for i in range(400))
    text = f"columns:\n  - {{key: model, label: M}}\n{columns}models:\n  - model: A\n{typos}"
    started = time.monotonic()
    problems = load_survey_text(text.encode()).problems
    assert time.monotonic() - started < 20
    assert len(problems) == 101
    assert "did you mean 'column_number_0'" in problems[0].message
    assert problems[-1].message == (
        "300 more problem(s) in this file are not shown (vlmtable_max_problems is 100)"
    )


def test_a_huge_file_of_problems_is_capped_in_the_build(tmp_path: Path) -> None:
    typos = "".join(f"    k{i}: x\n" for i in range(20000))
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/bad.yaml": f"models:\n  - model: A\n{typos}",
            "p.rst": page(".. vlm-table:: data/bad.yaml"),
        },
        conf="vlmtable_max_problems = 10\n",
    )
    done = build(srcdir)
    lines = [line for line in done.warnings.splitlines() if "WARNING" in line]
    assert len(lines) == 11
    assert "19,990 more problem(s) in this file are not shown" in lines[-1]
    assert_clean_failure(done)


@pytest.mark.parametrize(
    ("expression", "says"),
    [
        ("(" * 500 + "year" + ")" * 500, "nests more than 32 levels"),
        ("not " * 500 + "year", "nests more than 32 levels"),
        ("model ~ 'a{1000}{1000}'", "invalid regular expression"),
        ("model ~ '(?P<x>a)(?P=x)'", "invalid regular expression"),
    ],
)
def test_filters_that_would_recurse_or_explode_are_warnings(
    tmp_path: Path, expression: str, says: str
) -> None:
    with pytest.raises(ViewError, match=re.escape(says)):
        parse_filter(expression, ["model", "year"])
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/m.yaml": MODELS,
            "p.rst": page(f".. vlm-table:: data/m.yaml\n   :filter: {expression}"),
        },
    )
    done = build(srcdir)
    assert re.search(rf"p.rst:4: WARNING: vlm-table: :filter: .*{re.escape(says)}", done.warnings)
    assert_clean_failure(done)


def test_a_catastrophic_pattern_runs_in_linear_time() -> None:
    predicate = parse_filter("model ~ '^(a+)+$' or model ~ '(x+x+)+y'", ["model"])
    name = "a" * 100_000 + "b"
    started = time.monotonic()
    assert predicate({"model": name}) is False
    assert predicate({"model": "x" * 100_000}) is False
    # Python's re overflows its recursion on this; RE2 does not recurse.
    deep = parse_filter("model ~ '" + "(" * 3000 + "a" + ")" * 3000 + "'", ["model"])
    assert deep({"model": "xa"})
    assert time.monotonic() - started < 5


def test_a_long_filter_tokenizes_in_linear_time() -> None:
    expression = " or ".join(f"year == '{i}'" for i in range(20_000))
    started = time.monotonic()
    assert parse_filter(expression, ["year"])({"year": "19999"})
    assert time.monotonic() - started < 10


def test_many_names_with_one_slug_get_unique_ids_quickly(tmp_path: Path) -> None:
    names = ["A" + "!" * i for i in range(1, 2001)]  # all slug to "a"
    data = "models:\n" + "".join(f"  - model: '{name}'\n" for name in names)
    srcdir = write_project(
        tmp_path / "src", {"data/m.yaml": data, "p.rst": page(".. vlm-table:: data/m.yaml")}
    )
    started = time.monotonic()
    done = build(srcdir)
    assert time.monotonic() - started < 120
    ids = [row["id"] for row in read_tables(done.read("p.html"))[0].row_attrs]
    assert len(ids) == len(set(ids)) == 2000
    assert ids[:3] == ["model-a", "model-a-2", "model-a-3"]


def test_merge_keeps_apart_equal_texts_with_different_links(tmp_path: Path) -> None:
    data = (
        "models:\n"
        "  - {model: A, llm: {text: Qwen, url: 'https://a.example/'}}\n"
        "  - {model: B, llm: {text: Qwen, url: 'https://a.example/'}}\n"
        "  - {model: C, llm: {text: Qwen, url: 'https://c.example/'}}\n"
        "  - {model: D, llm: Qwen}\n"
    )
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/m.yaml": data,
            "p.rst": page(".. vlm-table:: data/m.yaml\n   :columns: model, llm\n   :merge: llm"),
        },
    )
    done = build(srcdir)
    html = done.read("p.html")
    table = read_tables(html)[0]
    assert [[(c.text, c.rowspan) for c in row] for row in table.body] == [
        [("A", 1), ("Qwen", 2)],
        [("B", 1)],
        [("C", 1), ("Qwen", 1)],
        [("D", 1), ("Qwen", 1)],
    ]
    assert html.count('href="https://a.example/"') == 1
    assert html.count('href="https://c.example/"') == 1


# -- pages and builders ---------------------------------------------------------------------


def test_a_directive_in_an_included_file_is_named_at_its_own_line(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / "src",
        {
            "index.rst": "Index\n=====\n\n.. include:: part.txt\n",
            "part.txt": "Some text.\n\nMore text.\n\n.. vlm-table:: data/bad.yaml\n",
            "data/bad.yaml": "models:\n  - model: A\n    nope: 1\n",
        },
    )
    done = build(srcdir)
    assert "(in vlm-table at part.txt:5)" in done.warnings, done.warnings


def test_linkcheck_reports_a_cell_link_at_the_page_line(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / "src",
        {
            "index.rst": "Index\n=====\n\nText.\n\n.. vlm-table:: data/m.yaml\n",
            "data/m.yaml": "models:\n" + "\n" * 30 + "  - {model: A, url: 'https://a.invalid/'}\n",
        },
        # No network: every link is ignored, and still reported with its place. (The
        # other two settle Sphinx 7's deprecation warnings.)
        conf="linkcheck_ignore = ['.*']\nlinkcheck_allow_unauthorized = True\n"
        "linkcheck_report_timeouts_as_broken = False\n",
    )
    done = build(srcdir, "linkcheck")
    results = [json.loads(line) for line in done.read("output.json").splitlines()]
    (link,) = [r for r in results if r["uri"] == "https://a.invalid/"]
    assert (link["filename"], link["lineno"]) == ("index.rst", 6)


def test_singlehtml_keeps_row_ids_unique(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/m.yaml": MODELS,
            "a.rst": page(".. vlm-table:: data/m.yaml"),
            "b.md": "# B\n\n```{vlm-table} data/m.yaml\n```\n",
        },
    )
    done = build(srcdir, "singlehtml")
    ids = re.findall(r'<tr class="[^"]*" id="([^"]+)"', done.read("index.html"))
    ids += re.findall(r'<tr id="([^"]+)"', done.read("index.html"))
    assert sorted(ids) == ["model-alpha", "model-alpha-2", "model-beta", "model-beta-2"], ids


# -- translations -------------------------------------------------------------------------


@pytest.mark.slow
def test_a_page_with_1200_tables_translates_without_recursion(tmp_path: Path) -> None:
    srcdir = copy_root("i18n", tmp_path)
    directive = ".. vlm-table:: data/models.yaml\n\n"
    (srcdir / "index.rst").write_text("Übersetzt\n=========\n\n" + directive * 1200)
    done = build(srcdir)
    assert done.warnings == ""
    tables = read_tables(done.read("index.html"))
    assert len(tables) == 1200
    assert tables[-1].body[1][6].text == "Bild-Text-Paare"


def test_empty_cells_and_sphinx_named_pages_are_not_translated_by_other_catalogs(
    tmp_path: Path,
) -> None:
    """gettext("") is a catalog's header; a page whose domain is "sphinx" must not get
    Sphinx's own UI translations ("Search" is "Suche" there)."""
    srcdir = copy_root("i18n", tmp_path, '\nvlmtable_missing = ""\n')
    (srcdir / "data" / "ui.yaml").write_text("models:\n  - {model: Search, year: ''}\n")
    (srcdir / "sphinx.rst").write_text(page(".. vlm-table:: data/ui.yaml"))
    (srcdir / "index.rst").write_text(
        (srcdir / "index.rst").read_text() + "\n.. toctree::\n\n   sphinx\n"
    )
    done = build(srcdir)
    assert done.warnings == ""
    assert "Project-Id-Version" not in done.read("index.html")
    ui = read_tables(done.read("sphinx.html"))[0]
    # Written empty, and no value at all (vlmtable_missing is ""): empty, not a header.
    assert [c.text for c in ui.body[0][:3]] == ["Search", "", ""]
    assert "Project-Id-Version" not in done.read("sphinx.html")
