"""One parse per build, parallel builds equal to serial ones, and byte-identical rebuilds."""

from __future__ import annotations

import filecmp
import os
import time
from io import StringIO
from pathlib import Path

import pytest
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmtable import datafile


def write_project(srcdir: Path, pages: int = 20, data_files: int = 3) -> None:
    """``pages`` pages, each with a table (and every third a task list too) from one of
    ``data_files`` files."""
    (srcdir / "data").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_vlmtable"]\n'
        'latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]\n'
    )
    for number in range(data_files):
        models = "".join(
            f"  - model: M{number}-{row}\n    year: '2023.{row + 1}'\n    llm: \"--\"\n"
            for row in range(12)
        )
        (srcdir / "data" / f"d{number}.yaml").write_text(
            f"tasks:\n  - name: Task {number}\nmodels:\n{models}"
        )
    names = []
    for page in range(pages):
        data = f"data/d{page % data_files}.yaml"
        tasks = f"\n```{{vlm-tasks}} {data}\n```\n" if page % 3 == 0 else ""
        if page % 2:
            text = f"Page {page}\n=======\n\n.. vlm-table:: {data}\n   :sort: -year\n"
            (srcdir / f"p{page}.rst").write_text(text)
        else:
            text = f"# Page {page}\n\n```{{vlm-table}} {data}\n:merge: llm\n```\n{tasks}"
            (srcdir / f"p{page}.md").write_text(text)
        names.append(f"p{page}")
    toctree = "\n".join(f"   {name}" for name in names)
    (srcdir / "index.rst").write_text(f"Project\n=======\n\n.. toctree::\n\n{toctree}\n")


def build(srcdir: Path, builder: str = "html", **options: object) -> tuple[Path, str]:
    warnings = StringIO()
    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=warnings, **options)  # type: ignore[arg-type]
    try:
        app.build()
    finally:
        app.cleanup()
    return Path(app.outdir), warnings.getvalue()


def test_each_data_file_is_parsed_once_per_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path)
    parsed: list[int] = []
    real_loader = datafile.load_survey_text

    def counting_loader(raw: bytes) -> datafile.LoadResult:
        parsed.append(len(raw))
        return real_loader(raw)

    monkeypatch.setattr(datafile, "load_survey_text", counting_loader)
    _outdir, warnings = build(tmp_path)
    assert warnings == ""
    assert len(parsed) == 3  # 3 files, used by 20 pages and 27 directives
    # An edit is seen at once (the cache follows the content), and only that file is parsed.
    data = tmp_path / "data" / "d1.yaml"
    data.write_text(data.read_text().replace("M1-0", "Edited"))
    later = time.time() + 10
    os.utime(data, (later, later))
    outdir, _warnings = build(tmp_path)
    assert len(parsed) == 4
    assert "Edited" in (outdir / "p1.html").read_text()


def same_files(left: Path, right: Path, suffixes: tuple[str, ...]) -> list[str]:
    """Files with these suffixes whose bytes differ (or that one side lacks)."""
    differ = []
    names = {p.relative_to(left) for p in left.rglob("*") if p.suffix in suffixes}
    names |= {p.relative_to(right) for p in right.rglob("*") if p.suffix in suffixes}
    for name in sorted(names):
        a, b = left / name, right / name
        if not (a.exists() and b.exists() and filecmp.cmp(a, b, shallow=False)):
            differ.append(str(name))
    return differ


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    for srcdir in (serial_src, parallel_src):
        write_project(srcdir)
    serial, serial_warnings = build(serial_src)
    parallel, parallel_warnings = build(parallel_src, parallel=2)
    assert serial_warnings == parallel_warnings == ""
    assert len(list(serial.glob("p*.html"))) == 20
    assert same_files(serial, parallel, (".html", ".js", ".inv")) == []


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_two_clean_builds_are_byte_identical(tmp_path: Path, builder: str) -> None:
    outputs = []
    for run in ("first", "second"):
        write_project(tmp_path / run, pages=6)
        outdir, warnings = build(tmp_path / run, builder)
        assert warnings == ""
        outputs.append(outdir)
    assert same_files(*outputs, (".html", ".tex", ".js")) == []
