"""Data files are dependencies: exactly the pages that use one are read again."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import build, copy_root
from sphinx.testing.util import SphinxTestApp


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_root("incremental", tmp_path)


def build_again(srcdir: Path) -> tuple[list[str], str]:
    """Build once more in the same place; the documents read, and the warnings."""
    read: list[str] = []

    def note_read(_app: Any, _env: Any, docnames: list[str]) -> None:
        read.extend(docnames)

    def connect(app: SphinxTestApp) -> None:
        app.connect("env-before-read-docs", note_read)

    done = build(srcdir, before=connect)
    return sorted(read), done.warnings


def touch_later(path: Path, text: str | None = None) -> None:
    """Write (or only touch) a file, with a modification time clearly after the last build."""
    if text is not None:
        path.write_text(text, encoding="utf-8")
    later = time.time() + 10
    os.utime(path, (later, later))


def test_no_change_reads_nothing(project: Path) -> None:
    first, warnings = build_again(project)
    assert first == ["index", "plain", "uses_a", "uses_a_too", "uses_b"]
    assert warnings == ""
    assert build_again(project)[0] == []


def test_editing_a_data_file_reads_exactly_its_pages(project: Path) -> None:
    build_again(project)
    touch_later(
        project / "data" / "a.yaml", "tasks:\n  - name: Captioning\nmodels:\n  - model: Alpha2\n"
    )
    read, warnings = build_again(project)
    assert read == ["uses_a", "uses_a_too"]
    assert warnings == ""
    assert "Alpha2" in (Path(project) / "_build" / "html" / "uses_a.html").read_text()


def test_editing_a_page_reads_only_that_page(project: Path) -> None:
    build_again(project)
    touch_later(project / "uses_b.rst")
    assert build_again(project)[0] == ["uses_b"]


def test_deleting_a_data_file_warns_then_creating_it_fixes(project: Path) -> None:
    build_again(project)
    data = project / "data" / "b.yaml"
    kept = data.read_text(encoding="utf-8")
    data.unlink()
    read, warnings = build_again(project)
    assert read == ["uses_b"]
    assert "uses_b.rst:4: WARNING: vlm-table: cannot read the data file data/b.yaml" in warnings
    assert "[vlmtable.file]" in warnings
    touch_later(data, kept)
    read, warnings = build_again(project)
    assert read == ["uses_b"]
    assert warnings == ""
