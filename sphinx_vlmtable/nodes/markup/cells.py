"""``CellMarkup``: the markup cells of one directive, each (syntax, text, line) parsed once
(``parse``), made safe (``policy``), its problems located and counted (``problems``)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import LoggingReporter

from sphinx_vlmtable.nodes.inline_data import Frozen, freeze, has_ids, text_pieces, thaw
from sphinx_vlmtable.nodes.markup.parse import CellParser, too_long_to_parse
from sphinx_vlmtable.nodes.markup.policy import CellPolicy
from sphinx_vlmtable.nodes.markup.problems import CellProblems

#: A cell's parse: its nodes as data (``inline_data``) where they can be, else nodes.
Parsed = tuple[Frozen, ...] | list[nodes.Node]


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
        self.data_source = data_source
        self.problems = CellProblems(data_source, used_at, max_problems)
        reporter = LoggingReporter.from_reporter(document.reporter)
        reporter.source = data_source
        # Roles ask the reporter where they are: the cell's line in the data file.
        reporter.get_source_and_line = self.problems.source_and_line
        self.parser = CellParser(document, data_source, reporter)
        self.policy = CellPolicy(env, self.parser.document, self.problems.warn)
        #: Each cell's nodes or data, by (syntax, text, line): each parsed once.
        self.parsed: dict[tuple[str, str, int], Parsed] = {}
        self.handed_out: set[tuple[str, str, int]] = set()
        #: The first parse of each (syntax, text, file) with no problem and whose nodes
        #: carry no ids, and its line: the same text at another line is a copy of it, not
        #: a parse of its own (a text with problems is parsed, and reported, at each line).
        self.clean: set[tuple[str, str, int]] = set()
        self.first_parse: dict[tuple[str, str, str], tuple[int, Parsed]] = {}
        self.first_lines: dict[tuple[str, str], int] = {}

    def cell_nodes(
        self, syntax: str, text: str, line: int, source: str | None = None
    ) -> list[nodes.Node]:
        """The cell's inline nodes, parsed on first use; a copy for each later use, so
        no two cells share a node. ``source``: the model file it is in, if not the data
        file."""
        found = self.cell_data(syntax, text, line, source)
        return thaw(found) if isinstance(found, tuple) else found

    def cell_data(self, syntax: str, text: str, line: int, source: str | None = None) -> Parsed:
        """The cell as data where its nodes can be (``inline_data``: data is never
        shared mutably, so every use gets the same), else as nodes, as ``cell_nodes``."""
        self.problems.source = source or self.data_source
        same_text = self.first_parse.get((syntax, text, self.problems.source))
        if same_text is not None and same_text[0] != line:
            return _copy_at(same_text[1], same_text[0], line)
        key = (syntax, text, line)
        parsed = self._parsed(key)
        if key in self.handed_out:
            return parsed if isinstance(parsed, tuple) else [node.deepcopy() for node in parsed]
        self.handed_out.add(key)
        if key in self.clean and not _has_ids(parsed):  # a copy may stand at another line
            self.first_parse[syntax, text, self.problems.source] = (line, parsed)
        return parsed

    def render(self, syntax: str, text: str) -> str:
        """The text a cell shows, for sorting and filtering: parsed at the first line
        where it is written (see ``note_lines``), so the shown cell reuses it."""
        line = self.first_lines.get((syntax, text), 0)
        parsed = self._parsed((syntax, text, line))
        if isinstance(parsed, tuple):  # as its nodes' astext() reads them
            return "".join(nodes.unescape(piece) for piece in text_pieces(parsed))
        return "".join(node.astext() for node in parsed)

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
        self.problems.finish()

    def _parsed(self, key: tuple[str, str, int]) -> Parsed:
        """A cell's parse, kept as data where it can be: ten thousand cells' nodes
        would be most of a long table's memory while it is made."""
        if key not in self.parsed:
            found = self._parse(*key)
            frozen = freeze(found)
            if frozen is not None:
                _unlink(found)
            self.parsed[key] = frozen if frozen is not None else found
        return self.parsed[key]

    def _parse(self, syntax: str, text: str, line: int) -> list[nodes.Node]:
        self.problems.line = line
        too_long = too_long_to_parse(text)
        if too_long is not None:
            self.problems.warn(too_long)
            return [nodes.Text(text)]
        container = nodes.paragraph()
        before = self.problems.count
        with self.problems.located():
            self.parser.parse(syntax, text, line, container)
        self.policy.make_safe(container, text)  # its warnings are counted as they are made
        if self.problems.count == before:
            self.clean.add((syntax, text, line))
        for node in container.findall(nodes.Element):
            if node.source is None:
                node.source, node.line = self.problems.source, line
        return list(container.children)


def _unlink(found: list[nodes.Node]) -> None:
    """Nodes kept as data are not used again: their links to their parents undone, so
    they are freed at once (a node and its parent are a cycle, which the collector,
    paused while a long table is made, would keep until the table is done)."""
    for node in found:
        for each in node.findall() if isinstance(node, nodes.Element) else (node,):
            each.parent = None


def _has_ids(parsed: Parsed) -> bool:
    if isinstance(parsed, tuple):
        return has_ids(parsed)
    return any(
        element["ids"]
        for node in parsed
        if isinstance(node, nodes.Element)
        for element in node.findall(nodes.Element)
    )


def _copy_at(parsed: Parsed, first_line: int, line: int) -> Parsed:
    """A copy of a cell's nodes (or data), located at ``line`` where they were at
    ``first_line``."""
    if isinstance(parsed, tuple):
        moved = _copy_at(thaw(parsed), first_line, line)
        assert isinstance(moved, list)
        return freeze(moved) or moved
    copies = [node.deepcopy() for node in parsed]
    for copy in copies:
        if not isinstance(copy, nodes.Element):
            continue
        for element in copy.findall(nodes.Element):
            if element.line == first_line:
                element.line = line
    return copies
