"""The one object every checker shares: where reading is, and the problems found.

It keeps at most ``max_problems`` problems and only counts the rest, and it bounds the
did-you-mean suggestions (each compares a word with every candidate), so a hostile
file costs a count, not a million messages or comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sphinx_vlmtable.data.suggest import MAX_SUGGESTIONS, did_you_mean
from sphinx_vlmtable.warnings_ import DataProblem, VlmTableWarning


@dataclass
class ProblemReporter:
    """Every problem of one data file and its model files, in the order found."""

    max_problems: int = 100
    problems: list[DataProblem] = field(default_factory=list)
    #: The part of the file being read: what a problem stops ("file", "columns",
    #: "tasks", "models"; "matrix" for the tasks a model states).
    section: str = "file"
    #: The model file being read (``models_from``); None: the data file itself.
    source: str | None = None
    #: While one model is read: its problems do not stop the table (see ``report``).
    in_model: bool = False
    #: Problems found beyond the cap: counted, not kept; and whether one of them stops
    #: its section (the line that counts them stops it then, and only then).
    left_out: int = 0
    left_out_stops: bool = False
    left_out_section: str = "file"
    suggestions: int = 0

    def report(
        self, kind: VlmTableWarning, message: str, line: int, column: int = 1, stops: bool = True
    ) -> None:
        """Keep a problem where it is found, or count it once the cap is reached."""
        # Fail soft: a problem inside one model leaves that value (or that row) out and
        # the table built; -W still fails on the warning.
        stops = stops and not self.in_model
        if len(self.problems) >= self.max_problems:
            if not self.left_out:
                self.left_out_section = self.section
            self.left_out += 1
            self.left_out_stops = self.left_out_stops or stops
            return
        self.problems.append(
            DataProblem(kind, message, line, column, self.section, stops, self.source)
        )

    def did_you_mean(self, word: str, candidates: Iterable[str]) -> str:
        """A suggestion for a message, while the budget lasts and the message is kept."""
        if self.suggestions >= MAX_SUGGESTIONS or len(self.problems) >= self.max_problems:
            return ""
        self.suggestions += 1
        return did_you_mean(word, candidates)

    @contextmanager
    def in_section(self, section: str) -> Iterator[None]:
        """Problems found inside belong to ``section``, then to the one before."""
        before, self.section = self.section, section
        try:
            yield
        finally:
            self.section = before

    @contextmanager
    def reading(self, source: str | None) -> Iterator[None]:
        """Problems found inside are in the model file ``source``."""
        before, self.source = self.source, source
        try:
            yield
        finally:
            self.source = before

    @contextmanager
    def inside_model(self) -> Iterator[None]:
        """Problems found inside leave a value or a row out, and stop nothing."""
        self.in_model = True
        try:
            yield
        finally:
            self.in_model = False

    def all_problems(self) -> tuple[DataProblem, ...]:
        """The problems kept, and after them one that counts those left out (where the
        last one kept is, so it is seen beside them)."""
        if not self.left_out:
            return tuple(self.problems)
        last = self.problems[-1]
        count = DataProblem(
            last.kind,
            f"{self.left_out:,} more problem(s) in this file are not shown "
            f"(vlmtable_max_problems is {self.max_problems})",
            last.line,
            last.column,
            self.left_out_section,
            self.left_out_stops,
        )
        return (*self.problems, count)
