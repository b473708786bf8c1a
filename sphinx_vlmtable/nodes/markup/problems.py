"""The problems of one directive's markup cells: each located at the cell's line in its
data file and counted toward ``vlmtable_max_problems``, past which they are left out and
summed up in one line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sphinx.util import logging as sphinx_logging

from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning


class CellProblems:
    """Where the cell being parsed is, and how many problems its directive's cells had."""

    def __init__(self, data_source: str, used_at: str, max_problems: int) -> None:
        #: The file the cell being parsed is in (a model file, with ``models_from``).
        self.source = data_source
        #: The cell's line in that file.
        self.line = 0
        #: The directive and page, as our warnings say: "vlm-table at page.rst:4".
        self.used_at = used_at
        self.max_problems = max_problems
        self.count = 0
        self.left_out = 0

    def source_and_line(self, lineno: int | None = None) -> tuple[str, int]:
        """A reporter's ``get_source_and_line``: roles ask it where they are."""
        return self.source, self.line

    @property
    def location(self) -> str:
        return f"{self.source}:{self.line}"

    def counted(self) -> bool:
        """Count one problem; False if it is past the limit (so left out)."""
        self.count += 1
        if self.count > self.max_problems:
            self.left_out += 1
            return False
        return True

    def warn(self, message: str) -> None:
        """A problem of ours with the cell being parsed."""
        if self.counted():
            log_warning(VlmTableWarning.MARKUP, f"{message} (in {self.used_at})", self.location)

    @contextmanager
    def located(self) -> Iterator[None]:
        """Every warning logged while a cell is parsed (docutils', MyST's, a role's) is
        located at the cell's line and counted; past the limit it is left out."""
        with sphinx_logging.suppress_logging() as held:
            yield
        logger = logging.getLogger(sphinx_logging.NAMESPACE)
        for record in held.clear():
            if record.levelno >= logging.WARNING:
                if not self.counted():
                    continue
                record.location = self.location
                where = f" (in {self.used_at})"
                record.msg = f"{record.msg}{where.replace('%', '%%') if record.args else where}"
            logger.handle(record)

    def finish(self) -> None:
        """One line for the problems left out past ``vlmtable_max_problems``."""
        if self.left_out:
            log_warning(
                VlmTableWarning.MARKUP,
                f"{self.left_out:,} more problem(s) in markup cells are not shown "
                f"(vlmtable_max_problems is {self.max_problems})",
                self.location,
            )
            self.left_out = 0
