"""Inline markup in cells (``markup: rst`` or ``markup: myst``), parsed in the page that
shows the table, at read time, so roles do what they do anywhere else in the page:
``:cite:`` is recorded by sphinxcontrib-bibtex, ``:ref:`` and ``:doc:`` resolve, a
``:download:`` is collected.

A cell's syntax is its column's, whichever page (.rst or .md) shows the table. A cell
comes from a data file, which may come from a stranger's pull request, so it is parsed
with a fixed configuration, whatever the site enables, and checked after parsing:

* each table's cells are parsed in a document of their own (the page's settings, raw
  output and file insertion off), so the page's substitutions, targets and footnotes
  are out of reach; MyST cells with MyST's default settings (no ``substitution``, no
  ``html_image``, no ``dollarmath``, whatever ``myst_enable_extensions`` says) and no
  inline HTML;
* the ``raw`` role and every role a page declares (``.. role::``) are refused, and a
  cell's default role is docutils' own (``title-reference``), not the page's;
* after parsing, a cell may hold no raw node, substitution, target, footnote or
  reference to a page's name; links use http, https or mailto (or no scheme); images
  and downloads are files inside the source directory (a remote image is never
  fetched); no control character or line separator, however it was written;
* a cell too long or with too many markup delimiters for docutils' inliner (whose
  work grows with the square of such cells) is shown as written, unparsed;
* every warning raised while a cell is parsed is located at the data file's line and
  counts toward ``vlmtable_max_problems``.

Each use of a cell gets its own nodes. Math in a cell is kept only where the page has
math of its own (see ``MathOnlyWherePageHasMath``): one ``:math:`` would otherwise add
MathJax, a third-party script, to a page that had none.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from docutils import nodes
from docutils.parsers.rst import roles, states
from docutils.transforms import Transform
from docutils.utils import new_document
from sphinx import addnodes
from sphinx.environment import BuildEnvironment
from sphinx.util import logging as sphinx_logging
from sphinx.util.docutils import LoggingReporter

from sphinx_vlmtable.data.files import is_within
from sphinx_vlmtable.data.yamlsource import BAD_CHARACTER
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

#: The schemes a cell's link may use (a link without a scheme is relative).
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
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


class CellMarkup:
    """Parses the markup cells of one directive, each text once."""

    def __init__(
        self,
        document: nodes.document,
        env: BuildEnvironment,
        data_source: str,
        used_at: str,  # "vlm-table at page.rst:4"
        max_problems: int = 100,
    ) -> None:
        self.env = env
        self.data_source = data_source
        self.used_at = used_at
        self.parsed: dict[tuple[str, str, int], list[nodes.Node]] = {}
        self.handed_out: set[tuple[str, str, int]] = set()
        self.first_lines: dict[tuple[str, str], int] = {}
        self.line = 0
        #: The file the cell being parsed is in (a model file, with ``models_from``).
        self.source = data_source
        self.max_problems = max_problems
        self.problems = 0
        self.left_out = 0
        self.reporter = LoggingReporter.from_reporter(document.reporter)
        self.reporter.source = data_source
        # Roles ask the reporter where they are: the cell's line in the data file.
        self.reporter.get_source_and_line = self.source_and_line
        self.document = _cell_document(document, data_source, self.reporter)
        self._rst: tuple[states.Inliner, Any] | None = None
        self._myst: Any = None

    def source_and_line(self, lineno: int | None = None) -> tuple[str, int]:
        return self.source, self.line

    def cell_nodes(
        self, syntax: str, text: str, line: int, source: str | None = None
    ) -> list[nodes.Node]:
        """The cell's inline nodes, parsed on first use; a copy for each later use, so
        no two cells share a node. ``source``: the model file it is in, if not the data
        file."""
        self.source = source or self.data_source
        key = (syntax, text, line)
        parsed = self._parsed(key)
        if key in self.handed_out:
            return [node.deepcopy() for node in parsed]
        self.handed_out.add(key)
        return parsed

    def render(self, syntax: str, text: str) -> str:
        """The text a cell shows, for sorting and filtering: parsed at the first line
        where it is written (see ``note_lines``), so the shown cell reuses it."""
        line = self.first_lines.get((syntax, text), 0)
        return "".join(node.astext() for node in self._parsed((syntax, text, line)))

    def note_lines(self, models: Any, columns: Any) -> None:
        """Where each markup text is first written: ``models`` with their values,
        ``columns`` the (key, syntax) pairs of markup columns."""
        for model in models:
            for key, syntax in columns:
                text = model.values.get(key)
                if text is not None:
                    line = model.lines.get(key, model.line)
                    self.first_lines.setdefault((syntax, text), line)

    def finish(self) -> None:
        """One line for the problems left out past ``vlmtable_max_problems``."""
        if self.left_out:
            log_warning(
                VlmTableWarning.MARKUP,
                f"{self.left_out:,} more problem(s) in markup cells are not shown "
                f"(vlmtable_max_problems is {self.max_problems})",
                f"{self.source}:{self.line}",
            )
            self.left_out = 0

    # -- parsing -----------------------------------------------------------------

    def _parsed(self, key: tuple[str, str, int]) -> list[nodes.Node]:
        if key not in self.parsed:
            self.parsed[key] = self._parse(*key)
        return self.parsed[key]

    def _parse(self, syntax: str, text: str, line: int) -> list[nodes.Node]:
        self.line = line
        if len(text) > MAX_MARKUP_LENGTH or len(_DELIMITERS.findall(text)) > (
            MAX_MARKUP_DELIMITERS
        ):
            self._warn(
                f"a markup cell of {len(text):,} characters is too long or has too many "
                f"markup characters to parse (at most {MAX_MARKUP_LENGTH:,} characters and "
                f"{MAX_MARKUP_DELIMITERS} of `[]*|<>{{}}$\\); it is shown as written"
            )
            return [nodes.Text(text)]
        container = nodes.paragraph()
        with self._located_warnings(), _safe_roles(self._refused_role):
            if syntax == "rst":
                inliner, memo = self._rst_inliner()
                parsed, messages = inliner.parse(text, line, memo, container)
                container += parsed
                container += messages
            else:
                renderer = self._myst_renderer()
                with renderer.current_node_context(container):
                    renderer.nested_render_text(text, line, inline=True)
        self._make_safe(container, text)  # its warnings are counted as they are made
        for node in container.findall(nodes.Element):
            if node.source is None:
                node.source, node.line = self.source, line
        return list(container.children)

    @contextmanager
    def _located_warnings(self) -> Iterator[None]:
        """Every warning logged while a cell is parsed (docutils', MyST's, a role's) is
        located at the cell's line and counted; past the limit it is left out."""
        with sphinx_logging.suppress_logging() as held:
            yield
        logger = logging.getLogger(sphinx_logging.NAMESPACE)
        for record in held.clear():
            if record.levelno >= logging.WARNING:
                self.problems += 1
                if self.problems > self.max_problems:
                    self.left_out += 1
                    continue
                record.location = f"{self.source}:{self.line}"
                where = f" (in {self.used_at})"  # the directive and page, as ours say
                record.msg = f"{record.msg}{where.replace('%', '%%') if record.args else where}"
            logger.handle(record)

    def _warn(self, message: str) -> None:
        self.problems += 1
        if self.problems > self.max_problems:
            self.left_out += 1
            return
        log_warning(
            VlmTableWarning.MARKUP,
            f"{message} (in {self.used_at})",
            f"{self.source}:{self.line}",
        )

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

    def _refused_role(self, name: str) -> Callable[..., Any]:
        def refused(
            role: str, rawtext: str, text: str, lineno: int, inliner: Any, *args: Any, **kw: Any
        ) -> tuple[list[nodes.Node], list[nodes.system_message]]:
            return [vlmtable_refused(rawtext, rawtext, role=name)], []

        return refused

    # -- what a cell may not do --------------------------------------------------

    def _make_safe(self, container: nodes.Element, text: str) -> None:
        self._check_children(container)
        # The loader's rule for data files, for what markup made of the text.
        if BAD_CHARACTER.search(container.astext()):
            self._warn(
                "a markup cell shows a control character or a line or paragraph "
                "separator; it is shown as written"
            )
            container.children = []
            container += nodes.Text(text)

    def _check_children(self, parent: nodes.Element) -> None:
        """Refuse what a cell may not hold; what is refused is not looked into."""
        for child in list(parent.children):
            if not isinstance(child, nodes.Element):
                continue
            problem = self._problem(child)
            if problem is None:
                self._check_children(child)
            else:
                self._refuse(child, problem)

    def _problem(self, node: nodes.Element) -> str | None:
        """Why ``node`` may not be in a cell; None if it may."""
        if isinstance(node, vlmtable_refused):
            role = node["role"] or "the default role"
            return f"the role {role!r}, which cells may not use (raw or declared by a page)"
        if isinstance(node, nodes.raw):
            return "raw output"
        if isinstance(node, nodes.substitution_reference):
            return f"the substitution |{node.get('refname', '')}|, which cells may not use"
        if isinstance(node, nodes.target):
            uri = node.get("refuri")
            if uri is None:
                return "an inline target, which cells may not define"
            # A named link's own target: kept, or gone with its (refused) reference.
            return None if _is_safe_link(uri) else ""
        if isinstance(node, nodes.footnote_reference):
            return "a footnote, which cells may not use"
        return self._address_problem(node)

    def _address_problem(self, node: nodes.Element) -> str | None:
        """Why a download, image or link ``node`` may not be in a cell; None if it may."""
        if isinstance(node, addnodes.download_reference):
            target = node.get("reftarget", "")
            if not self._local_file(target) and not _is_web(target):
                return f"a download of {target!r}, outside the source directory"
        elif isinstance(node, nodes.image):
            uri = node.get("uri", "")
            if not self._local_file(uri):
                where = "a remote file" if _has_scheme(uri) else "outside the source directory"
                return f"an image {_shown(uri)}, {where}"
        elif isinstance(node, nodes.reference):
            uri = node.get("refuri")
            if uri is not None and not _is_safe_link(uri):
                return f"a link to {_shown(uri)} (links use http, https or mailto)"
            if uri is None and not node.get("refid") and node.get("refname"):
                return f"a reference to the name {node['refname']!r}, which cells cannot define"
        return None

    def _local_file(self, target: str) -> bool:
        if not target or _has_scheme(target):
            return False
        try:
            _relative, absolute = self.env.relfn2path(target, self.env.docname)
        except (OSError, ValueError, RuntimeError):
            return False
        return is_within(absolute, str(self.env.srcdir))

    def _refuse(self, node: nodes.Element, what: str) -> None:
        """Replace ``node`` with its text; ``what`` empty: silently (a link's own
        target, whose reference already carries the address)."""
        if what:
            self._warn(f"a cell's markup asks for {what}; it is shown as text")
        for gone in node.findall(nodes.Element):  # ids it took from the page's
            for node_id in gone["ids"]:
                if self.document.ids.get(node_id) is gone:
                    del self.document.ids[node_id]
        if isinstance(node, nodes.target) and not what:
            node.parent.remove(node)
            return
        if isinstance(node, nodes.substitution_reference):
            text = f"|{node.astext()}|"
        elif isinstance(node, nodes.footnote_reference):
            text = f"[{node.astext()}]"
        else:
            text = node.astext() or node.get("alt", "") or node.get("uri", "")
        node.parent.replace(node, nodes.Text(text))


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


@contextmanager
def _safe_roles(refused: Callable[[str], Callable[..., Any]]) -> Iterator[None]:
    """While a cell is parsed, roles are looked up as usual (Sphinx's domains too), but
    ``raw`` and the roles a page declares resolve to ``refused``, and the default role
    is docutils' own. docutils and MyST both look roles up through ``roles.role``."""
    lookup = roles.role

    def safe_lookup(name: str, language: Any, lineno: int, reporter: Any) -> Any:
        if not name:
            return _DEFAULT_ROLE, []
        function, messages = lookup(name, language, lineno, reporter)
        if function is not None and _is_unsafe_role(function):
            return refused(name), messages
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


def _has_scheme(uri: str) -> bool:
    """Whether a URI names a host or a scheme (so is not a file of this project)."""
    try:
        parts = urlsplit(uri)
    except ValueError:
        return True
    return bool(parts.scheme or parts.netloc)


def _is_safe_link(uri: str) -> bool:
    try:
        scheme = urlsplit(uri).scheme.lower()
    except ValueError:
        return False
    return not scheme or scheme in SAFE_SCHEMES


def _is_web(uri: str) -> bool:
    try:
        parts = urlsplit(uri)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _shown(uri: str, limit: int = 60) -> str:
    return repr(uri if len(uri) <= limit else uri[:limit] + "...")


def _myst_config() -> Any:
    """MyST's default settings, the same for every site."""
    try:
        from myst_parser.config.main import MdParserConfig
    except ImportError:  # pragma: no cover - depends on what is installed
        raise MarkupUnavailable(
            "'markup: myst' needs MyST-Parser: pip install myst-parser"
        ) from None
    return MdParserConfig()


class MathOnlyWherePageHasMath(Transform):
    """Math in a cell stays math only where the page has math outside the tables' cells;
    elsewhere it shows its source, as code: a page's first math loads MathJax, a
    script from a third-party server, and a data file may not add one to a page."""

    default_priority = 840  # before SphinxDomains (850): the math domain notes math there

    def apply(self, **kwargs: Any) -> None:
        from sphinx_vlmtable.nodes.compact import vlmtable_cell

        in_cells: list[nodes.Element] = []
        for cell in self.document.findall(vlmtable_cell):
            in_cells += _math_nodes(cell.findall(nodes.Element))
        if not in_cells:
            return
        own = set(map(id, in_cells))
        if any(id(node) not in own for node in _math_nodes(self.document.findall(nodes.Element))):
            return
        for node in in_cells:
            log_warning(
                VlmTableWarning.MARKUP,
                "a cell's math is shown as its source: the page has no math of its own "
                "(math loads a script from another server)",
                f"{node.source}:{node.line}" if node.source else None,
            )
            source = node.astext()
            node.replace_self(nodes.literal(source, source))


def _math_nodes(found: Iterable[nodes.Element]) -> Sequence[nodes.Element]:
    return [node for node in found if isinstance(node, (nodes.math, nodes.math_block))]
