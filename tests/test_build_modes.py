"""One parse per build, parallel builds equal to serial ones, and byte-identical rebuilds."""

from __future__ import annotations

import filecmp
import os
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import build, write_project

from sphinx_vlmtable.data import files as datafile
from sphinx_vlmtable.data import validate
from sphinx_vlmtable.data.model import LoadResult


def many_pages(pages: int = 20, data_files: int = 3) -> dict[str, str | bytes]:
    """``pages`` pages, each with a table (and every third a task list too) from one of
    ``data_files`` files."""
    files: dict[str, str | bytes] = {}
    for number in range(data_files):
        models = "".join(
            f"  - model: M{number}-{row}\n    year: '2023.{row + 1}'\n    llm: \"--\"\n"
            for row in range(12)
        )
        files[f"data/d{number}.yaml"] = f"tasks:\n  - name: Task {number}\nmodels:\n{models}"
    for page in range(pages):
        data = f"data/d{page % data_files}.yaml"
        tasks = f"\n```{{vlm-tasks}} {data}\n```\n" if page % 3 == 0 else ""
        if page % 2:
            files[f"p{page}.rst"] = (
                f"Page {page}\n=======\n\n.. vlm-table:: {data}\n   :sort: -year\n"
            )
        else:
            files[f"p{page}.md"] = (
                f"# Page {page}\n\n```{{vlm-table}} {data}\n:merge: llm\n```\n{tasks}"
            )
    return files


def test_each_data_file_is_parsed_once_per_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_project(tmp_path, many_pages())
    parsed: list[int] = []
    real_loader = validate.load_survey_text

    def counting_loader(raw: bytes, *args: Any) -> LoadResult:
        parsed.append(len(raw))
        return real_loader(raw, *args)

    monkeypatch.setattr(datafile, "load_survey_text", counting_loader)
    assert build(tmp_path).warnings == ""
    assert len(parsed) == 3  # 3 files, used by 20 pages and 27 directives
    # An edit is seen at once (the cache follows the content), and only that file is parsed.
    data = tmp_path / "data" / "d1.yaml"
    data.write_text(data.read_text().replace("M1-0", "Edited"))
    later = time.time() + 10
    os.utime(data, (later, later))
    done = build(tmp_path)
    assert len(parsed) == 4
    assert "Edited" in done.read("p1.html")


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
        write_project(srcdir, many_pages())
    serial, parallel = build(serial_src), build(parallel_src, parallel=2)
    assert serial.warnings == parallel.warnings == ""
    assert len(list(serial.outdir.glob("p*.html"))) == 20
    assert same_files(serial.outdir, parallel.outdir, (".html", ".js", ".inv")) == []


@pytest.mark.parametrize("builder", ["html", "latex"])
def test_two_clean_builds_are_byte_identical(tmp_path: Path, builder: str) -> None:
    outputs = []
    for run in ("first", "second"):
        done = build(write_project(tmp_path / run, many_pages(pages=6)), builder)
        assert done.warnings == ""
        outputs.append(done.outdir)
    assert same_files(outputs[0], outputs[1], (".html", ".tex", ".js")) == []


def _warning_lines(warnings: str, srcdir: Path) -> list[str]:
    return sorted(line.replace(str(srcdir), "SRC") for line in warnings.splitlines() if line)


def test_parallel_build_gives_the_serial_warnings_once_each(tmp_path: Path) -> None:
    # A default sort whose key no data file has (one warning per file, however many
    # pages and processes use it), and a bad value shown on every page.
    files = many_pages(pages=12)
    first = str(files["data/d0.yaml"]).replace("'2023.1'", "'soon'", 1)
    files["data/d0.yaml"] = (
        "columns:\n  - {key: model, label: Model}\n  - {key: year, "
        "label: Year, type: number}\n  - {key: llm, label: LLM}\n" + first
    )
    conf = "vlmtable_default_sort = '-params'\n"
    serial_src, parallel_src = tmp_path / "serial", tmp_path / "parallel"
    for srcdir in (serial_src, parallel_src):
        write_project(srcdir, files, conf=conf)
    serial, parallel = build(serial_src), build(parallel_src, parallel=4)
    serial_lines = _warning_lines(serial.warnings, serial_src)
    assert serial_lines == _warning_lines(parallel.warnings, parallel_src)
    default_sort = [line for line in serial_lines if "vlmtable_default_sort" in line]
    assert len(default_sort) == 3, default_sort  # one per data file
    assert all(line.startswith("SRC/conf.py:") for line in default_sort)
    assert any("'soon'" in line and "d0.yaml" in line for line in serial_lines)
    assert same_files(serial.outdir, parallel.outdir, (".html", ".inv")) == []
