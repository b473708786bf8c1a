"""Inline markup in cells (``markup: rst`` or ``markup: myst``), parsed in the page that
shows the table, at read time, so roles do what they do anywhere else in the page:
``:cite:`` is recorded by sphinxcontrib-bibtex, ``:ref:`` and ``:doc:`` resolve, a
``:download:`` is collected.

A cell's syntax is its column's, whichever page (.rst or .md) shows the table. A cell
comes from a data file, which may come from a stranger's pull request, so:

* raw output is off while a cell is parsed (``raw_enabled``), so no ``raw`` role, even
  one a page declares with ``.. role:: x(raw)``, reaches a cell;
* MyST's inline HTML is not parsed (it shows as text), and any raw node left is text;
* a download or an image must be a file inside the source directory, or it is
  refused (Sphinx would copy any file of the build machine into the output).

Problems are reported at the data file's line.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.parsers.rst import states
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import LoggingReporter

from .datafile import is_within
from .warnings_ import VlmTableWarning, log_warning


class MarkupUnavailable(Exception):
    """``markup: myst`` without MyST-Parser loaded."""


class CellMarkup:
    """Parses the markup cells of one directive, each once."""

    def __init__(
        self, document: nodes.document, env: BuildEnvironment, data_source: str, used_at: str
    ) -> None:
        self.document = document
        self.env = env
        self.data_source = data_source
        self.used_at = used_at
        self.parsed: dict[tuple[str, str, int], list[nodes.Node]] = {}
        self.first_lines: dict[tuple[str, str], int] = {}
        self._rst: tuple[states.Inliner, Any] | None = None
        self._myst: Any = None
        self.line = 0
        self.reporter = LoggingReporter.from_reporter(document.reporter)
        self.reporter.source = data_source
        # Roles ask the reporter where they are: the cell's line in the data file.
        self.reporter.get_source_and_line = self.source_and_line

    def source_and_line(self, lineno: int | None = None) -> tuple[str, int]:
        return self.data_source, self.line

    def cell_nodes(self, syntax: str, text: str, line: int) -> list[nodes.Node]:
        """The cell's inline nodes (parsed on first use)."""
        key = (syntax, text, line)
        if key not in self.parsed:
            self.parsed[key] = self._parse(syntax, text, line)
        return self.parsed[key]

    def render(self, syntax: str, text: str) -> str:
        """The text a cell shows, for sorting and filtering: parsed at the first line
        where it is written (see ``note_lines``), so the shown cell reuses it."""
        line = self.first_lines.get((syntax, text), 0)
        return "".join(node.astext() for node in self.cell_nodes(syntax, text, line))

    def note_lines(self, models: Any, columns: Any) -> None:
        """Where each markup text is first written: ``models`` with their values,
        ``columns`` the (key, syntax) pairs of markup columns."""
        for model in models:
            for key, syntax in columns:
                text = model.values.get(key)
                if text is not None:
                    self.first_lines.setdefault((syntax, text), model.line)

    def _parse(self, syntax: str, text: str, line: int) -> list[nodes.Node]:
        self.line = line
        container = nodes.paragraph()
        with self._cell_context():
            if syntax == "rst":
                inliner, memo = self._rst_inliner()
                parsed, messages = inliner.parse(text, line, memo, container)
                container += parsed
                container += messages
            else:
                renderer = self._myst_renderer()
                with renderer.current_node_context(container):
                    renderer.nested_render_text(text, line, inline=True)
        self._make_safe(container)
        for node in container.findall(nodes.Element):
            if node.source is None:
                node.source, node.line = self.data_source, line
        return list(container.children)

    @contextmanager
    def _cell_context(self) -> Iterator[None]:
        """No raw output, and messages located in the data file, while a cell is parsed."""
        settings = self.document.settings
        raw_enabled = settings.raw_enabled
        reporter = self.document.reporter
        settings.raw_enabled = False
        self.document.reporter = self.reporter
        try:
            yield
        finally:
            settings.raw_enabled = raw_enabled
            self.document.reporter = reporter

    def _rst_inliner(self) -> tuple[states.Inliner, Any]:
        if self._rst is None:
            inliner = states.Inliner()
            inliner.init_customizations(self.document.settings)
            from docutils.parsers.rst.languages import get_language

            memo = SimpleNamespace(
                document=self.document,
                reporter=self.reporter,
                language=get_language(self.document.settings.language_code, self.reporter),
                title_styles=[],
                section_level=0,
                section_bubble_up_kludge=False,
                inliner=inliner,
            )
            self._rst = inliner, memo
        return self._rst

    def _myst_renderer(self) -> Any:
        if self._myst is None:
            config = getattr(self.env, "myst_config", None) or _myst_config()
            from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
            from myst_parser.parsers.mdit import create_md_parser

            parser = create_md_parser(config, SphinxRenderer)
            parser.disable("html_inline")  # inline HTML shows as text
            parser.options["document"] = self.document
            renderer: Any = parser.renderer
            renderer.setup_render(parser.options, {})
            self._myst = renderer
        return self._myst

    # -- what a cell may not do ------------------------------------------------------

    def _make_safe(self, container: nodes.Element) -> None:
        for raw in list(container.findall(nodes.raw)):
            raw.replace_self(nodes.Text(raw.astext()))
        for download in list(container.findall(addnodes.download_reference)):
            target = download.get("reftarget", "")
            if not self._inside_srcdir(target):
                self._refuse(download, f"a download of {target!r}, outside the source directory")
        for image in list(container.findall(nodes.image)):
            uri = image.get("uri", "")
            if not self._inside_srcdir(uri):
                self._refuse(image, f"an image {uri!r}, outside the source directory")

    def _inside_srcdir(self, target: str) -> bool:
        if "://" in target:
            return True  # not a file of this machine
        if not target:
            return False
        try:
            _relative, absolute = self.env.relfn2path(target, self.env.docname)
        except (OSError, ValueError, RuntimeError):
            return False
        return is_within(absolute, str(self.env.srcdir))

    def _refuse(self, node: nodes.Element, what: str) -> None:
        log_warning(
            VlmTableWarning.MARKUP,
            f"a cell's markup asks for {what}; it is shown as text "
            f"(in vlm-table at {self.used_at})",
            f"{self.data_source}:{self.line}",
        )
        text = node.astext() or node.get("alt", "") or node.get("uri", "")
        node.replace_self(nodes.Text(text))


def _myst_config() -> Any:
    """MyST's settings, when the project has not loaded MyST-Parser as an extension."""
    try:
        from myst_parser.config.main import MdParserConfig
    except ImportError:  # pragma: no cover - depends on what is installed
        raise MarkupUnavailable(
            "'markup: myst' needs MyST-Parser: pip install myst-parser"
        ) from None
    return MdParserConfig()
