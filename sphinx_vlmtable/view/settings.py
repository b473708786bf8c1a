"""The ``vlmtable_*`` settings, declared once: each a dataclass field with its types, its
help and, where the type is not enough, a check. Pure, without Sphinx: a build reads
them from conf.py (``config.py``), the ``vlmtable`` command from the project's
``[tool.vlmtable]`` or a conf.py it reads without running (``data/project.py``); both
check a value with ``value_problem`` and fall back to the default with a message.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import MISSING, Field, dataclass, field, fields, replace
from typing import Any

from sphinx_vlmtable.data.files import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_PROBLEMS
from sphinx_vlmtable.view.options import ViewError
from sphinx_vlmtable.view.sorting import parse_sort
from sphinx_vlmtable.view.words import EntryWords, entry_words

PREFIX = "vlmtable_"

#: A validator: the problem with a value of the right type, or None.
Validator = Callable[[Any], "str | None"]


def _positive(value: int) -> str | None:
    return None if value > 0 else "must be a positive int"


def _sort_spec(value: str) -> str | None:
    if not value:
        return None
    try:
        parse_sort(value, None)
    except ViewError as error:
        return f"is not a sort specification: {error}"
    return None


def _words(value: str) -> str | None:
    if not value.strip() and value:
        return "must have a word in it"
    return "must be on one line" if "\n" in value else None


def _value(default: Any, types: tuple[type, ...], doc: str, check: Validator | None = None) -> Any:
    return field(default=default, metadata={"types": types, "doc": doc, "check": check})


@dataclass(frozen=True)
class VlmTableConfig:
    """The configuration values; ``conf.py`` sets each as ``vlmtable_<name>``."""

    missing: str = _value("-", (str,), "Text of a cell whose model has no value for it.")
    max_file_size: int = _value(
        DEFAULT_MAX_FILE_SIZE,
        (int,),
        "Largest data file read, in bytes; a larger one is refused before parsing.",
        _positive,
    )
    max_problems: int = _value(
        DEFAULT_MAX_PROBLEMS,
        (int,),
        "Most problems reported for one data file; the rest are counted in one more warning.",
        _positive,
    )
    default_sort: str = _value(
        "",
        (str,),
        "The ``:sort:`` of a table that gives none, such as ``-year, model``; empty keeps "
        "the file's order. A key that a data file lacks is one warning per file, and that "
        "file's tables keep their order.",
        _sort_spec,
    )
    longtable_rows: int = _value(
        30,
        (int,),
        "From this many rows on, a table is a LaTeX ``longtable`` (it breaks across pages "
        "and repeats its header); ``:longtable:`` asks for one at any size.",
        _positive,
    )
    default_data: str = _value(
        "",
        (str,),
        "The data file of a directive given no path (relative to the page, or to the source "
        "directory with a leading ``/``).",
    )
    stylesheet: bool = _value(
        True,
        (bool,),
        "Add the extension's stylesheet to HTML output (the survey's look, in the theme's "
        "colours; wide tables scroll in their own box).",
    )
    interactive: bool = _value(
        False,
        (bool,),
        "Make every table interactive in HTML (sort buttons and a search box), as "
        "``:interactive:`` does for one.",
    )
    allow_outside_srcdir: bool = _value(
        False, (bool,), "Allow data files outside the source directory (refused by default)."
    )
    entry_label: str = _value(
        "model",
        (str,),
        "What an entry (a row) is called, such as ``framework``, ``paper`` or ``dataset``: "
        "in every word the extension writes (index entries, link titles, search results, "
        "the compare button, the comparison's legend and corner, chart captions, the "
        "changelog and ``vlmtable diff``, warnings about links, tables and charts), "
        "translated where the project's ``sphinx_vlmtable`` catalog has it. The data "
        "format's keys stay ``model`` and ``models``.",
        _words,
    )
    entry_label_plural: str = _value(
        "",
        (str,),
        "The plural of ``vlmtable_entry_label`` (such as ``analyses``); empty: the label "
        "and an ``s``.",
        _words,
    )

    @property
    def entry_words(self) -> EntryWords:
        """What an entry is called, one and many."""
        return entry_words(self.entry_label, self.entry_label_plural)


def value_problem(item: Field[Any], value: object) -> str | None:
    """What is wrong with ``value`` for the setting ``item`` (its type, then its check),
    or None."""
    types: tuple[type, ...] = item.metadata["types"]
    # bool is an int in Python, but not a size.
    if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
        expected = " or ".join(t.__name__ for t in types)
        return f"must be a {expected}, not {type(value).__name__}"
    check: Validator | None = item.metadata["check"]
    return check(value) if check is not None else None


def default_of(item: Field[Any]) -> Any:
    assert item.default is not MISSING
    return item.default


def checked_settings(
    given: Mapping[str, tuple[object, str]],
) -> tuple[VlmTableConfig, list[str]]:
    """The settings from ``given`` (name without the prefix → its value and where it is
    set), and a message per value that is unknown or wrong (``WHERE: ...``); a wrong
    value keeps its default."""
    known = {item.name: item for item in fields(VlmTableConfig)}
    chosen: dict[str, Any] = {}
    messages = []
    for name, (value, where) in given.items():
        item = known.get(name)
        if item is None:
            messages.append(f"{where}: {PREFIX}{name} is not a setting of sphinx-vlmtable")
            continue
        problem = value_problem(item, value)
        if problem is None:
            chosen[name] = value
        else:
            messages.append(
                f"{where}: {PREFIX}{name} {problem}; using the default {default_of(item)!r}"
            )
    return replace(VlmTableConfig(), **chosen), messages
