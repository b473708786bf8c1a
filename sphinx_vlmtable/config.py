"""The ``vlmtable_*`` configuration values: declared once, typed, checked on config-inited."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from .warnings_ import VlmTableWarning, log_warning

PREFIX = "vlmtable_"
#: The values that must be above zero.
POSITIVE = ("max_file_size", "longtable_rows")


@dataclass(frozen=True)
class VlmTableConfig:
    """The configuration values; ``conf.py`` sets each as ``vlmtable_<name>``."""

    missing: str = field(
        default="-",
        metadata={"types": (str,), "doc": "Text of a cell whose model has no value for it."},
    )
    max_file_size: int = field(
        default=5 * 1024 * 1024,
        metadata={
            "types": (int,),
            "doc": "Largest data file read, in bytes; a larger one is refused before parsing.",
        },
    )
    default_sort: str = field(
        default="",
        metadata={
            "types": (str,),
            "doc": "The ``:sort:`` of a table that gives none, such as ``-year, model``; "
            "empty keeps the file's order.",
        },
    )
    longtable_rows: int = field(
        default=30,
        metadata={
            "types": (int,),
            "doc": "From this many rows on, a table is a LaTeX ``longtable`` (it breaks across "
            "pages and repeats its header); ``:longtable:`` asks for one at any size.",
        },
    )
    default_data: str = field(
        default="",
        metadata={
            "types": (str,),
            "doc": "The data file of a directive given no path (relative to the page, or to "
            "the source directory with a leading ``/``).",
        },
    )
    stylesheet: bool = field(
        default=True,
        metadata={
            "types": (bool,),
            "doc": "Add the extension's stylesheet to HTML output (the survey's look, in "
            "the theme's colours; wide tables scroll in their own box).",
        },
    )
    allow_outside_srcdir: bool = field(
        default=False,
        metadata={
            "types": (bool,),
            "doc": "Allow data files outside the source directory (refused by default).",
        },
    )

    @classmethod
    def from_sphinx(cls, config: Config) -> VlmTableConfig:
        return cls(**{f.name: getattr(config, PREFIX + f.name) for f in fields(cls)})


def add_config_values(app: Sphinx) -> None:
    for item in fields(VlmTableConfig):
        app.add_config_value(PREFIX + item.name, item.default, "env", types=item.metadata["types"])
    app.connect("config-inited", check_config)


def check_config(_app: Sphinx, config: Config) -> None:
    """A value of the wrong type or out of range falls back to its default, with a warning."""
    for item in fields(VlmTableConfig):
        name = PREFIX + item.name
        value: Any = getattr(config, name)
        types: tuple[type, ...] = item.metadata["types"]
        # bool is an int in Python, but not a size.
        wrong_type = not isinstance(value, types) or (bool not in types and isinstance(value, bool))
        if wrong_type or (item.name in POSITIVE and value <= 0):
            assert item.default is not MISSING
            expected = " or ".join(t.__name__ for t in types)
            problem = (
                f"must be a positive {expected}"
                if item.name in POSITIVE and not wrong_type
                else f"must be a {expected}, not {type(value).__name__}"
            )
            log_warning(
                VlmTableWarning.CONFIG,
                f"{name} {problem}; using the default {item.default!r}",
                None,
            )
            config[name] = item.default
