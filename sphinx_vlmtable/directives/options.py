"""Option converters shared by the directives: each turns an option's text into its
value, or raises ValueError with what was expected (docutils then reports it at the
directive's line)."""

from __future__ import annotations

import re

from docutils.parsers.rst import directives

#: The LaTeX font sizes ``:latex-font:`` takes (the smaller ones: tables are wide).
LATEX_FONT_SIZES = ("normalsize", "small", "footnotesize", "scriptsize", "tiny")


def latex_font(argument: str) -> str:
    return directives.choice(argument, LATEX_FONT_SIZES)


def key_list(argument: str) -> list[str]:
    keys = [key.strip() for key in argument.split(",")]
    if not all(keys):
        raise ValueError("expected comma-separated column keys")
    return keys


def download_list(argument: str) -> list[str]:
    kinds = key_list(argument)
    for kind in kinds:
        if kind not in ("csv", "json"):
            raise ValueError(f"{kind!r} is not a download format (csv, json)")
    return list(dict.fromkeys(kinds))


def latex_fit(argument: str | None) -> str:
    return directives.choice(argument or "", ("auto", "none"))


def log_axes(argument: str) -> frozenset[str]:
    axes = {part.strip() for part in argument.replace(",", " ").split()}
    if axes == {"none"}:
        return frozenset()
    if not axes or not axes <= {"x", "y"}:
        raise ValueError("expected x, y, 'x, y' or none")
    return frozenset(axes)


def model_names(argument: str) -> list[str]:
    names = [name.strip() for name in argument.split(",")]
    if not all(names):
        raise ValueError("expected comma-separated model names or ids")
    return names


def feed_name(argument: str) -> str:
    """A feed's file name beside its page: letters, digits, ``.``, ``-``, ``_``, ending
    in ``.xml`` or ``.atom`` (no folder: it is written where the page is)."""
    name = argument.strip()
    if not re.fullmatch(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}\.(xml|atom)", name):
        raise ValueError("expected a file name ending in .xml or .atom, such as changes.xml")
    return name
