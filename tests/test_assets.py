"""The stylesheet goes to HTML builders only, and can be turned off."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_html_gets_the_stylesheet_and_a_scroll_box(app: SphinxTestApp) -> None:
    app.build()
    outdir = Path(app.outdir)
    css = outdir / "_static" / "vlmtable.css"
    assert (
        css.read_text()
        == (
            Path(__file__).parent.parent / "sphinx_vlmtable" / "static" / "vlmtable.css"
        ).read_text()
    )
    page = (outdir / "page_rst.html").read_text()
    assert 'href="_static/vlmtable.css' in page
    assert '<div class="vlm-table-scroll docutils container">\n<table class="vlm-table' in page


def test_the_stylesheet_can_be_turned_off(make_app: Any, rootdir: Path, tmp_path: Path) -> None:
    shutil.copytree(rootdir / "test-builders", tmp_path / "src")
    app = make_app("html", srcdir=tmp_path / "src", confoverrides={"vlmtable_stylesheet": False})
    app.build()
    assert not (Path(app.outdir) / "_static" / "vlmtable.css").exists()
    assert "vlmtable.css" not in (Path(app.outdir) / "page_rst.html").read_text()


@pytest.mark.parametrize("builder", ["latex", "epub", "text"])
def test_other_builders_get_no_stylesheet(
    make_app: Any, rootdir: Path, tmp_path: Path, builder: str
) -> None:
    shutil.copytree(rootdir / "test-builders", tmp_path / "src")
    app = make_app(builder, srcdir=tmp_path / "src")
    app.build()
    written = [p.name for p in Path(app.outdir).rglob("*vlmtable*")]
    assert written == []
    if builder == "epub":  # EPUB is HTML inside: no stylesheet link, no scroll box
        page = (Path(app.outdir) / "page_rst.xhtml").read_text()
        assert "vlmtable.css" not in page
