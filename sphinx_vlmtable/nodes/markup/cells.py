"""``CellMarkup``: the markup cells of one directive, each (syntax, text, line) parsed once
(``parse``), made safe (``policy``), its problems located and counted (``problems``)."""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import LoggingReporter

from sphinx_vlmtable.nodes.markup.parse import CellParser, too_long_to_parse
from sphinx_vlmtable.nodes.markup.policy import CellPolicy
from sphinx_vlmtable.nodes.markup.problems import CellProblems


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
        #: Each cell's nodes, by (syntax, text, line): identical cells are parsed once.
        self.parsed: dict[tuple[str, str, int], list[nodes.Node]] = {}
        self.handed_out: set[tuple[str, str, int]] = set()
        #: The first parse of each (syntax, text, file) with no problem and whose nodes
        #: carry no ids, and its line: the same text at another line is a copy of it, not
        #: a parse of its own (a text with problems is parsed, and reported, at each line).
        self.clean: set[tuple[str, str, int]] = set()
        self.first_parse: dict[tuple[str, str, str], tuple[int, list[nodes.Node]]] = {}
        self.first_lines: dict[tuple[str, str], int] = {}

    def cell_nodes(
        self, syntax: str, text: str, line: int, source: str | None = None
    ) -> list[nodes.Node]:
        """The cell's inline nodes, parsed on first use; a copy for each later use, so
        no two cells share a node. ``source``: the model file it is in, if not the data
        file."""
        self.problems.source = source or self.data_source
        same_text = self.first_parse.get((syntax, text, self.problems.source))
        if same_text is not None and same_text[0] != line:
            return _copy_at(same_text[1], same_text[0], line)
        key = (syntax, text, line)
        parsed = self._parsed(key)
        if key in self.handed_out:
            return [node.deepcopy() for node in parsed]
        self.handed_out.add(key)
        if key in self.clean and not _has_ids(parsed):  # a copy may stand at another line
            self.first_parse[syntax, text, self.problems.source] = (line, parsed)
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
        self.problems.finish()

    def _parsed(self, key: tuple[str, str, int]) -> list[nodes.Node]:
        if key not in self.parsed:
            self.parsed[key] = self._parse(*key)
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


def _has_ids(parsed: list[nodes.Node]) -> bool:
    return any(
        element["ids"]
        for node in parsed
        if isinstance(node, nodes.Element)
        for element in node.findall(nodes.Element)
    )


def _copy_at(parsed: list[nodes.Node], first_line: int, line: int) -> list[nodes.Node]:
    """A copy of a cell's nodes, located at ``line`` where they were at ``first_line``."""
    copies = [node.deepcopy() for node in parsed]
    for copy in copies:
        if not isinstance(copy, nodes.Element):
            continue
        for element in copy.findall(nodes.Element):
            if element.line == first_line:
                element.line = line
    return copies
