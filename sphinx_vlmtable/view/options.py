"""The directive options that shape a view, and the error a bad one gives."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

#: The text a markup cell shows, from its syntax and its text as written.
Renderer = Callable[[str, str], str]


class ViewError(ValueError):
    """A bad option; ``position`` is 0-based in the option's value, when known."""

    def __init__(self, message: str, position: int | None = None) -> None:
        super().__init__(message)
        self.position = position


Widths = list[int] | Literal["auto"] | None


@dataclass(frozen=True)
class ViewOptions:
    """The directive's options that shape the view, already converted."""

    columns: Sequence[str] | None = None
    filter: str | None = None
    sort: str | None = None
    merge: Sequence[str] = ()
    widths: Widths = None
    #: The text of a cell whose model has no value for it (``vlmtable_missing``).
    missing: str = "-"
    #: How markup cells read as text, for sorting and filtering (default: as written).
    render: Renderer | None = None
