"""Shared fixtures: Sphinx's own test application with our test roots, and the one
helper that builds a project a test wrote or copied."""

from __future__ import annotations

import inspect
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from docutils import nodes
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmtable.nodes.compact import build_tbody, vlmtable_body

TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"
DATA = TESTS / "data"
DOCS = TESTS.parent / "docs"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: conf.py of the projects tests write: both syntaxes, warning types printed on Sphinx 7.
BASE_CONF = (
    'extensions = ["myst_parser", "sphinx_vlmtable"]\n'
    "show_warning_types = True\n"
    'latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]\n'
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


def resolved_doctree(app: Any, docname: str) -> nodes.document:
    """The doctree as a writer gets it: post-transforms applied (``tags`` from Sphinx 9 on).

    HTML writes a table's rows straight from its compact body; here they are expanded as
    every other builder expands them, so a test reads the rows the page shows (the HTML
    itself is compared with this expansion in test_html_body.py)."""
    params = inspect.signature(app.env.get_and_resolve_doctree).parameters
    extra = {"tags": app.tags} if "tags" in params else {}
    doctree: nodes.document = app.env.get_and_resolve_doctree(docname, app.builder, **extra)
    for body in list(doctree.findall(vlmtable_body)):
        body.replace_self(build_tbody(body))
    return doctree


@dataclass
class Built:
    """A finished build: its application, where it wrote, and its warnings without colour."""

    app: SphinxTestApp
    status: str
    warnings: str

    @property
    def srcdir(self) -> Path:
        return Path(self.app.srcdir)

    @property
    def outdir(self) -> Path:
        return Path(self.app.outdir)

    def read(self, name: str) -> str:
        """A file the build wrote, such as ``index.html``."""
        return (self.outdir / name).read_text(encoding="utf-8")

    def doctree(self, docname: str) -> nodes.document:
        return resolved_doctree(self.app, docname)


def _finished(app: SphinxTestApp) -> Built:
    status, warning = app.status, app.warning
    assert isinstance(status, StringIO) and isinstance(warning, StringIO)
    return Built(app, ANSI.sub("", status.getvalue()), ANSI.sub("", warning.getvalue()))


@pytest.fixture
def built(app: SphinxTestApp) -> Built:
    """The ``@pytest.mark.sphinx(builder, testroot=...)`` project, built."""
    app.build()
    return _finished(app)


def build(
    srcdir: Path,
    builder: str = "html",
    before: Callable[[SphinxTestApp], object] | None = None,
    **options: Any,
) -> Built:
    """Build a project that a test wrote or copied (in its own folder, never in place);
    ``before`` gets the application first, to connect to its events."""
    app = SphinxTestApp(builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), **options)
    try:
        if before is not None:
            before(app)
        app.build()
    finally:
        app.cleanup()
    return _finished(app)


def copy_root(
    name: str, destination: Path, conf: str = "", files: Mapping[str, str | bytes] | None = None
) -> Path:
    """A copy of ``roots/test-<name>`` to change, with more lines for its conf.py and
    more (or changed) files."""
    srcdir = destination / name
    shutil.copytree(ROOTS / f"test-{name}", srcdir)
    if conf:
        with (srcdir / "conf.py").open("a", encoding="utf-8") as conf_py:
            conf_py.write(conf)
    write_files(srcdir, files or {})
    return srcdir


def write_files(srcdir: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        path = srcdir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def write_project(srcdir: Path, files: Mapping[str, str | bytes], conf: str = "") -> Path:
    """A project of generated pages and data files; ``index.rst`` lists every page."""
    srcdir.mkdir(parents=True, exist_ok=True)
    (srcdir / "conf.py").write_text(BASE_CONF + conf, encoding="utf-8")
    write_files(srcdir, files)
    if "index.rst" not in files:
        (srcdir / "index.rst").write_text(
            "Project\n=======\n\n.. toctree::\n   :glob:\n\n   *\n", encoding="utf-8"
        )
    return srcdir


def run_vlmtable(
    *arguments: str, stdin: str = "", timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python -m sphinx_vlmtable ARGUMENTS`` in a process of its own, as a user runs
    it; never a traceback."""
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done
