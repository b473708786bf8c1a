"""The warning subtypes of sphinx-vlmtable, and the one place that logs them.

Every warning has type ``vlmtable`` and one of the subtypes below, so a project can
silence a kind with ``suppress_warnings = ["vlmtable.unknown_key"]``. The docs page
of warnings is generated from this Enum, so it cannot drift from the code.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

WARNING_TYPE = "vlmtable"

#: Characters of a value a message quotes, at most (a cell may be megabytes).
QUOTED_LENGTH = 60


def quoted(text: str) -> str:
    """``text`` as a message quotes it: ``repr``, shortened to its start when long."""
    if len(text) <= QUOTED_LENGTH:
        return repr(text)
    return f"{text[:QUOTED_LENGTH]!r}... ({len(text):,} characters)"


class VlmTableWarning(Enum):
    """A warning subtype: the value is the subtype, the description says when it is raised."""

    FILE = (
        "file",
        "The data file is missing, unreadable, not a regular file (a pipe, device or "
        "folder), too large, outside the source directory, or file insertion is disabled.",
    )
    ENCODING = (
        "encoding",
        "The data file is not valid UTF-8, or holds control characters "
        "or Unicode line separators (U+0085, U+2028, U+2029), written as they are or as "
        "YAML escapes such as ``\\e`` or ``\\L``.",
    )
    YAML = (
        "yaml",
        "The data file is not valid YAML (the message explains common pitfalls, "
        "such as a lone ``-`` or tab indentation).",
    )
    TAG = (
        "tag",
        "The data file uses an explicit YAML tag (``!!python/...``, ``!!set``, "
        "``!custom``); tags are never honoured.",
    )
    ALIAS = (
        "alias",
        "The data file uses a YAML anchor or alias (``&a``, ``*a``); they are "
        "refused so no alias bomb can expand.",
    )
    STRUCTURE = (
        "structure",
        "The file's shape is wrong: empty, more than one document, a "
        "top level that is not a mapping, or nesting deeper than allowed.",
    )
    TYPE = (
        "type",
        "A value has the wrong type or form: a list or mapping where text is wanted (a "
        "value or a key), or the reverse; an unquoted lone ``-``, which YAML reads as a "
        "list; a value that must be ``true`` or ``false``; an ``added:`` or ``updated:`` "
        "that is not a date (the row is then not marked by it); an empty ``id`` or alias; "
        "a task state other than ``yes``, ``partial`` or ``no``.",
    )
    DUPLICATE_KEY = ("duplicate_key", "A mapping has the same key twice (both lines are named).")
    UNKNOWN_KEY = (
        "unknown_key",
        "A key is not part of the data format, or a model uses a "
        "column key that no column declares (with a did-you-mean).",
    )
    MISSING_KEY = (
        "missing_key",
        "A required key is missing: no ``models`` (or an empty list), a model without a "
        "name, a column without a label, a task without a name.",
    )
    DUPLICATE_MODEL = ("duplicate_model", "Two models have the same name (both lines are named).")
    COLUMNS = (
        "columns",
        "The column tree is invalid: duplicate column keys, a reserved model key "
        "(``url``) as a column key, empty labels, groups without columns, or no "
        "``model`` column.",
    )
    VALUE = (
        "value",
        "A value in a ``number``, ``date`` or ``mark`` column does not parse (it is still "
        "shown as written and sorted last; the table is built).",
    )
    URL = (
        "url",
        "A ``url`` is not a valid address (Python's ``urlsplit`` refuses it) or does not "
        "use the http or https scheme with a host.",
    )
    MARKUP = (
        "markup",
        "A markup cell asks for what cells may not hold (a raw or page-declared role, a "
        "substitution, an inline target, a link with an unsafe scheme, a remote image, a "
        "download or an image outside the source directory: shown as text), is too long "
        "to parse, shows a control character, has math on a page without math, or "
        "``markup: myst`` is used without MyST-Parser.",
    )
    REFERENCE = (
        "reference",
        "A ``vlm:model`` link names a model no table with ``:index:`` shows (with a "
        "did-you-mean), a model has two home tables, or a name with ``;`` gets no index "
        "entry.",
    )
    OPTION = (
        "option",
        "A directive's option or argument is missing, invalid or leaves nothing to show: "
        "no data file (no argument and no ``vlmtable_default_data``); ``:columns:``, "
        "``:sort:``, ``:filter:``, ``:merge:``, ``:ignore:`` or a chart's axes naming a "
        "key no column has (in ``vlm-matrix``, a task no model states), or a column of the "
        "wrong type; a ``:filter:`` that does not "
        "parse, compares with a value its column's type cannot read, nests too deeply, or "
        "has a regular expression that is invalid or needs RE2 (google-re2) when it is not "
        "installed; a ``:filter:`` that leaves no rows; ``:widths:`` or ``:latex-widths:`` "
        "with the wrong number of values; a ``:new-since:`` that is neither a date nor a "
        "duration; ``vlm-matrix`` on a file without ``tasks``; ``vlm-chart`` without "
        "``:x:`` (or a scatter without ``:y:``), with no model that has values on its axes, "
        "or ``:log:`` on an axis with values at or below zero (drawn linear); "
        "``vlm-changes`` without ``:since:``; ``vlm-compare`` without ``:models:``, or "
        "with fewer than 2 or more than 4 known models; ``markup: myst`` cells without "
        "MyST-Parser; and in LaTeX, a table whose longest words do not fit the page even "
        "in its smallest font and turned sideways.",
    )
    LATEX = (
        "latex",
        "With pdflatex, a table (or another block of the extension) holds characters its "
        "fonts have no glyph for (emoji, CJK, Arabic, Hebrew, Cyrillic, some symbols): "
        "the PDF shows a readable substitute for each, which the warning names; "
        "``latex_engine = 'xelatex'`` or ``'lualatex'`` prints them in a font that has them.",
    )
    CONFIG = (
        "config",
        "A ``vlmtable_*`` configuration value has the wrong type or value; "
        "its default is used instead.",
    )
    CHART = (
        "chart",
        "A ``vlm-chart`` cannot be drawn as a picture: matplotlib (the ``charts`` extra) "
        "is not installed, or it failed; the chart is shown as a list of its points.",
    )
    CHANGES = (
        "changes",
        "``vlm-changes`` cannot read the earlier version of the data file that ``:since:`` "
        "names: the file is missing or cannot be read, or ``git:REV`` cannot be read (git "
        "is not installed or fails, the project is not in a git repository, the revision "
        "is not a name with ``~N``/``^N`` steps or a day, the clone lacks it (shallow), the "
        "file is not in its tree or is larger than ``vlmtable_max_file_size``); or the "
        "earlier version has problems that stop it being read. (A ``:since:`` that is "
        "missing is ``vlmtable.option``; one outside the source directory, "
        "``vlmtable.file``.)",
    )

    def __init__(self, subtype: str, description: str) -> None:
        self.subtype = subtype
        self.description = description

    @property
    def full_name(self) -> str:
        """The name used in ``suppress_warnings`` and printed after the message."""
        return f"{WARNING_TYPE}.{self.subtype}"


@dataclass(frozen=True, slots=True)
class DataProblem:
    """One problem found in a data file, with its 1-based line and column."""

    kind: VlmTableWarning
    message: str
    line: int
    column: int = 1
    #: The part of the file it belongs to ("file", "columns", "models" or "tasks"), so a
    #: problem among the tasks does not stop the table from being built.
    section: str = "file"
    #: Whether it stops the directives that show its section (a typed value that does
    #: not parse is reported, and the table is still built).
    stops: bool = True
    #: The model file it is in (``models_from``); None: the data file itself.
    source: str | None = None

    def located(self, path: str) -> str:
        """The ``file:line:col: message`` form compilers, editors and CI understand
        (``path`` is the data file's name, for problems in the data file itself)."""
        return f"{self.source or path}:{self.line}:{self.column}: {self.message}"


def log_warning(kind: VlmTableWarning, message: str, location: str | None) -> None:
    """Log a warning of type ``vlmtable`` through Sphinx, at ``path:line``."""
    # Imported here so the data loader and the CLI need no Sphinx logging set up.
    from sphinx.util import logging

    logging.getLogger(__name__).warning(
        message, location=location, type=WARNING_TYPE, subtype=kind.subtype
    )
