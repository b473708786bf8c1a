"""The stylesheet: added for HTML builders only, and only when vlmtable_stylesheet is on."""

from __future__ import annotations

import shutil
from pathlib import Path

from sphinx.application import Sphinx

STYLESHEET = Path(__file__).parent / "static" / "vlmtable.css"


def _wants_stylesheet(app: Sphinx) -> bool:
    # Not for HTML embedded in another format (EPUB, HTML Help): readers style those.
    return (
        app.builder.format == "html"
        and not getattr(app.builder, "embedded", False)
        and bool(app.config.vlmtable_stylesheet)
    )


def add_stylesheet(app: Sphinx) -> None:
    """On ``builder-inited``: link the stylesheet from every HTML page."""
    if _wants_stylesheet(app):
        app.add_css_file(STYLESHEET.name)


def copy_stylesheet(app: Sphinx, exception: Exception | None) -> None:
    """On ``build-finished``: put the stylesheet in the output's ``_static``."""
    if exception is None and _wants_stylesheet(app):
        static = Path(app.outdir) / "_static"
        static.mkdir(parents=True, exist_ok=True)
        # Always our current file (Sphinx's copy_asset_file refuses to overwrite the
        # stylesheet an older version left in an incremental build's output).
        shutil.copyfile(STYLESHEET, static / STYLESHEET.name)
