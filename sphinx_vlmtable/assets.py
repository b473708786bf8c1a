"""The stylesheet and the script: for HTML builders only (not EPUB: readers style it);
the LaTeX package for LaTeX.

The stylesheet goes on every page while ``vlmtable_stylesheet`` is on; the script only
on pages with an interactive table (see ``interactive.py``)."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

STYLESHEET = Path(__file__).parent / "static" / "vlmtable.css"
SCRIPT = Path(__file__).parent / "static" / "vlmtable.js"
#: Landscape pages and the survey's signs (≈, ≤, ≥) for LaTeX output.
LATEX_PACKAGE = Path(__file__).parent / "texinputs" / "sphinxvlmtable.sty"


def is_web_html(app: Sphinx) -> bool:
    """HTML pages for a browser, not HTML embedded in another format (EPUB, HTML Help)."""
    return app.builder.format == "html" and not getattr(app.builder, "embedded", False)


def wants_stylesheet(app: Sphinx) -> bool:
    return is_web_html(app) and bool(app.config.vlmtable_stylesheet)


def add_stylesheet(app: Sphinx) -> None:
    """On ``builder-inited``: link the stylesheet from every HTML page."""
    if wants_stylesheet(app):
        app.add_css_file(STYLESHEET.name)


def copy_assets(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: the stylesheet and the script in ``_static``, or the LaTeX
    package beside the ``.tex`` files."""
    if exception is None and app.builder.format == "latex":
        shutil.copyfile(LATEX_PACKAGE, Path(app.outdir) / LATEX_PACKAGE.name)
    if exception is not None or not is_web_html(app):
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    # Always our current files (Sphinx's copy_asset_file refuses to overwrite what an
    # older version left in an incremental build's output).
    if wants_stylesheet(app):
        shutil.copyfile(STYLESHEET, static / STYLESHEET.name)
    shutil.copyfile(SCRIPT, static / SCRIPT.name)
