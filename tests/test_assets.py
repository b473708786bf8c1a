"""The stylesheet goes to HTML builders only, and can be turned off."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from conftest import Built


@pytest.mark.sphinx("html", testroot="builders", freshenv=True)
def test_html_gets_the_stylesheet_and_a_scroll_box(built: Built) -> None:
    outdir = built.outdir
    css = outdir / "_static" / "vlmtable.css"
    assert (
        css.read_text()
        == (
            Path(__file__).parent.parent / "sphinx_vlmtable" / "static" / "style" / "vlmtable.css"
        ).read_text()
    )
    page = (outdir / "page_rst.html").read_text()
    # Linked as Sphinx links its own assets: with a checksum, so no cache serves an old one.
    checksum = format(zlib.crc32(css.read_bytes()), "08x")  # no carriage return in it
    assert f'href="_static/vlmtable.css?v={checksum}"' in page
    script = outdir / "_static" / "vlmtable.js"
    assert f'src="_static/vlmtable.js?v={zlib.crc32(script.read_bytes()):08x}"' in page
    assert '<div class="vlm-table-scroll" data-label="Table">\n<table class="vlm-table' in page


@pytest.mark.sphinx(
    "html",
    testroot="builders",
    srcdir="builders-no-stylesheet",  # a copy of its own: no _static from other builds
    confoverrides={"vlmtable_stylesheet": False},
)
def test_the_stylesheet_can_be_turned_off(built: Built) -> None:
    app = built.app
    assert not (Path(app.outdir) / "_static" / "vlmtable.css").exists()
    assert "vlmtable.css" not in (Path(app.outdir) / "page_rst.html").read_text()


@pytest.mark.parametrize(
    "builder",
    [
        pytest.param(name, marks=pytest.mark.sphinx(name, testroot="builders", freshenv=True))
        for name in ("latex", "epub", "text")
    ],
)
def test_other_builders_get_no_stylesheet(built: Built, builder: str) -> None:
    app = built.app
    written = [p.name for p in Path(app.outdir).rglob("*vlmtable*")]
    # LaTeX gets the extension's LaTeX package, and no HTML asset.
    assert written == (["sphinxvlmtable.sty"] if builder == "latex" else [])
    if builder == "epub":  # EPUB is HTML inside: no stylesheet link, no scroll box
        page = (Path(app.outdir) / "page_rst.xhtml").read_text()
        assert "vlmtable.css" not in page
