"""The stylesheet, the script and the LaTeX package, given to Sphinx to copy.

As Sphinx's own and other extensions' assets: the folders go on ``html_static_path``
and the files are added with ``add_css_file``/``add_js_file``, so Sphinx copies them
before writing and links them with a ``?v=`` checksum (a changed file is never taken
from a reader's cache); the LaTeX package goes on ``latex_additional_files``.

For HTML builders for a browser only (not EPUB: readers style it). The stylesheet is on
every page while ``vlmtable_stylesheet`` is on; the script only in a build that has a
table, and only on the pages that have one. Every such build also publishes the data
files' JSON Schema at ``_static/vlmtable.schema.json``, the path its ``$id`` names, so
editors can fetch it from the docs.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from sphinx_vlmtable.config import settings_of
from sphinx_vlmtable.data.schema import SCHEMA_FILE, SCHEMA_IN_BUILD
from sphinx_vlmtable.state import table_pages

_PACKAGE = Path(__file__).parent.parent
#: One folder per asset, so a build copies only what it uses.
STYLE_FOLDER = _PACKAGE / "static" / "style"
SCRIPT_FOLDER = _PACKAGE / "static" / "script"
STYLESHEET = STYLE_FOLDER / "vlmtable.css"
SCRIPT = SCRIPT_FOLDER / "vlmtable.js"
#: Landscape pages and the survey's signs (≈, ≤, ≥) for LaTeX output.
LATEX_PACKAGE = _PACKAGE / "texinputs" / "sphinxvlmtable.sty"


def is_web_html(builder: Builder) -> bool:
    """HTML pages for a browser, not HTML embedded in another format (EPUB, HTML Help):
    the one test of it, for the stylesheet, the script, scroll boxes, downloads and
    charts alike."""
    return builder.format == "html" and not getattr(builder, "embedded", False)


def _add_folder(config: Config, setting: str, folder: Path) -> None:
    paths = list(getattr(config, setting))
    if str(folder) not in paths:
        config[setting] = [*paths, str(folder)]


def add_assets(app: Sphinx) -> None:
    """``builder-inited``: the stylesheet for HTML, the LaTeX package for LaTeX."""
    if app.builder.format == "latex":
        _add_folder(app.config, "latex_additional_files", LATEX_PACKAGE)
    elif is_web_html(app.builder) and settings_of(app.config).stylesheet:
        _add_folder(app.config, "html_static_path", STYLE_FOLDER)
        app.add_css_file(STYLESHEET.name)


def add_script_folder(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated`` (after reading, before Sphinx copies the static files): the
    script's folder, if any page of the build has a table."""
    if is_web_html(app.builder) and table_pages(env):
        _add_folder(app.config, "html_static_path", SCRIPT_FOLDER)
    return []


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the script, on the pages with a table only (it sorts an
    interactive table, and makes a scroll box that overflows a keyboard's tab stop)."""
    if is_web_html(app.builder) and pagename in table_pages(app.env):
        app.add_js_file(SCRIPT.name, loading_method="defer")


def publish_schema(app: Sphinx, exception: BaseException | None) -> None:
    """``build-finished``: the data files' schema at ``_static/vlmtable.schema.json`` (after
    Sphinx copied the static files, so a theme's own ``_static`` never hides it)."""
    if exception is None and is_web_html(app.builder):
        target = Path(app.builder.outdir, *SCHEMA_IN_BUILD)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SCHEMA_FILE, target)
