"""The ``vlmtable_*`` configuration values: declared once, typed, checked on config-inited.

Each value is a dataclass field with its types, its help and, where the type is not
enough, a validator. A bad value is one ``vlmtable.config`` warning naming conf.py,
then the default is used: never one error per table.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from sphinx_vlmtable.data.files import DEFAULT_MAX_FILE_SIZE, DEFAULT_MAX_PROBLEMS
from sphinx_vlmtable.view.options import ViewError
from sphinx_vlmtable.view.sorting import parse_sort
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

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

    @classmethod
    def from_sphinx(cls, config: Config) -> VlmTableConfig:
        return cls(**{f.name: getattr(config, PREFIX + f.name) for f in fields(cls)})


def add_config_values(app: Sphinx) -> None:
    for item in fields(VlmTableConfig):
        app.add_config_value(PREFIX + item.name, item.default, "env", types=item.metadata["types"])
    app.connect("config-inited", check_config)


def settings_of(config: Config) -> VlmTableConfig:
    """The configuration values, as checked on config-inited: read this way everywhere."""
    return VlmTableConfig.from_sphinx(config)


def conf_py_location(confdir: str | os.PathLike[str] | None, name: str) -> str | None:
    """Where a config warning points: ``conf.py:LINE``, the last line that sets ``name``
    (the one in force), or line 1 when it is set another way, such as ``-D``; None
    without a conf.py."""
    if not confdir:
        return None
    conf_py = os.path.join(confdir, "conf.py")
    line = 1
    try:
        with open(conf_py, encoding="utf-8") as stream:
            for number, text in enumerate(stream, start=1):
                if re.match(rf"{re.escape(name)}\s*[:=]", text):
                    line = number
    except (OSError, UnicodeDecodeError):
        pass
    return f"{conf_py}:{line}"


def check_config(app: Sphinx, config: Config) -> None:
    """A value of the wrong type or out of range falls back to its default, with a warning."""
    for item in fields(VlmTableConfig):
        name = PREFIX + item.name
        value: Any = getattr(config, name)
        types: tuple[type, ...] = item.metadata["types"]
        # bool is an int in Python, but not a size.
        if not isinstance(value, types) or (bool not in types and isinstance(value, bool)):
            expected = " or ".join(t.__name__ for t in types)
            problem: str | None = f"must be a {expected}, not {type(value).__name__}"
        else:
            check: Validator | None = item.metadata["check"]
            problem = check(value) if check is not None else None
        if problem is not None:
            assert item.default is not MISSING
            log_warning(
                VlmTableWarning.CONFIG,
                f"{name} {problem}; using the default {item.default!r}",
                conf_py_location(app.confdir, name),
            )
            config[name] = item.default
