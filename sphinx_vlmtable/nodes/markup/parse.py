"""Parsing a cell's text, reST through docutils' inliner or MyST through MyST-Parser's
renderer, with a fixed configuration, whatever the site enables: in a document of its own
(the page's settings and ids, raw output and file insertion off), MyST's default settings
without inline HTML, the ``raw`` role and the roles a page declares refused, and docutils'
own default role. What the parsed cell may hold is ``policy``'s to decide."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from docutils import nodes
from docutils.parsers.rst import roles, states
from docutils.utils import new_document
from sphinx.util.docutils import LoggingReporter

#: Longer markup cells are shown as written: docutils' inliner is quadratic in them.
MAX_MARKUP_LENGTH = 2_000
#: So are cells with more markup delimiters than this (backquotes, brackets, stars):
#: ten links or citations need some 30; 64 unmatched ones cost docutils ~4 ms.
MAX_MARKUP_DELIMITERS = 64
_DELIMITERS = re.compile(r"[`\[\]*|<>{}$\\]")


class MarkupUnavailable(Exception):
    """``markup: myst`` without MyST-Parser loaded."""


class vlmtable_refused(nodes.Inline, nodes.TextElement):
    """Never in a doctree: only the node a refused role returns, replaced by its text."""


def too_long_to_parse(text: str) -> str | None:
    """Why ``text`` is shown as written, unparsed; None if it can be parsed."""
    if len(text) > MAX_MARKUP_LENGTH or len(_DELIMITERS.findall(text)) > MAX_MARKUP_DELIMITERS:
        return (
            f"a markup cell of {len(text):,} characters is too long or has too many "
            f"markup characters to parse (at most {MAX_MARKUP_LENGTH:,} characters and "
            f"{MAX_MARKUP_DELIMITERS} of `[]*|<>{{}}$\\); it is shown as written"
        )
    return None


class CellParser:
    """Parses the cells of one directive into a document of their own; the inliner and
    the MyST renderer are made at first use and serve every later cell."""

    def __init__(self, page: nodes.document, data_source: str, reporter: LoggingReporter) -> None:
        self.reporter = reporter
        self.document = _cell_document(page, data_source, reporter)
        self._rst: tuple[states.Inliner, Any] | None = None
        self._myst: Any = None

    def parse(self, syntax: str, text: str, line: int, container: nodes.Element) -> None:
        """Parse ``text`` (``syntax`` "rst" or "myst"), at ``line``, into ``container``."""
        # Each cell is a document of its own as far as names go (ids stay the page's):
        # a link's name in one cell is no other cell's, and docutils does not weigh every
        # earlier cell's names against it (10,000 cells with a "paper" link each).
        self.document.nameids.clear()
        self.document.nametypes.clear()
        with _safe_roles():
            if syntax == "rst":
                inliner, memo = self._rst_inliner()
                parsed, messages = inliner.parse(text, line, memo, container)
                container += parsed
                container += messages
            else:
                renderer = self._myst_renderer()
                with renderer.current_node_context(container):
                    renderer.nested_render_text(text, line, inline=True)

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
            # MyST's defaults, not the site's: no substitution (Jinja), no HTML images.
            config = _myst_config()
            from myst_parser.mdit_to_docutils.sphinx_ import SphinxRenderer
            from myst_parser.parsers.mdit import create_md_parser

            parser = create_md_parser(config, SphinxRenderer)
            parser.disable("html_inline")  # inline HTML shows as text
            parser.options["document"] = self.document
            renderer: Any = parser.renderer
            renderer.setup_render(parser.options, {})
            self._myst = renderer
        return self._myst


def _cell_document(
    page: nodes.document, data_source: str, reporter: LoggingReporter
) -> nodes.document:
    """A document for a table's cells: the page's settings (and Sphinx's env) and ids,
    nothing of its names, substitutions or footnotes; raw output and file insertion off."""
    settings = page.settings.copy()
    settings.raw_enabled = False
    settings.file_insertion_enabled = False
    document = new_document(data_source, settings)
    document.reporter = reporter
    # Ids are the page's, so an id a cell's node gets (a citation's) is unique there.
    document.ids = page.ids
    document.id_counter = page.id_counter
    return document


def _myst_config() -> Any:
    """MyST's default settings, the same for every site."""
    try:
        from myst_parser.config.main import MdParserConfig
    except ImportError:  # pragma: no cover - depends on what is installed
        raise MarkupUnavailable(
            "'markup: myst' needs MyST-Parser: pip install myst-parser"
        ) from None
    return MdParserConfig()


@contextmanager
def _safe_roles() -> Iterator[None]:
    """While a cell is parsed, roles are looked up as usual (Sphinx's domains too), but
    ``raw`` and the roles a page declares resolve to a refused role, and the default role
    is docutils' own. docutils and MyST both look roles up through ``roles.role``."""
    lookup = roles.role

    def safe_lookup(name: str, language: Any, lineno: int, reporter: Any) -> Any:
        if not name:
            return _DEFAULT_ROLE, []
        function, messages = lookup(name, language, lineno, reporter)
        if function is not None and _is_unsafe_role(function):
            return _refused_role(name), messages
        return function, messages

    roles.role = safe_lookup  # type: ignore[assignment]
    try:
        yield
    finally:
        roles.role = lookup


#: docutils' own default role, whatever ``default_role`` or ``.. default-role::`` says.
_DEFAULT_ROLE = roles.GenericRole("title-reference", nodes.title_reference)


def _is_unsafe_role(function: Any) -> bool:
    # A CustomRole is what ``.. role::`` makes (``html(raw)`` among them).
    return function is roles.raw_role or isinstance(function, roles.CustomRole)


def _refused_role(name: str) -> Callable[..., Any]:
    """A role that only marks its text as refused (``policy`` warns and shows the text)."""

    def refused(
        role: str, rawtext: str, text: str, lineno: int, inliner: Any, *args: Any, **kw: Any
    ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        return [vlmtable_refused(rawtext, rawtext, role=name)], []

    return refused
