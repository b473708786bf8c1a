"""``:sort:``: the specification and the stable, typed sort of models."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sphinx_vlmtable.data.model import (
    Model,
)
from sphinx_vlmtable.view.options import ViewError
from sphinx_vlmtable.view.readings import Reading


@dataclass(frozen=True)
class SortKey:
    key: str
    descending: bool = False


def parse_sort(spec: str, known: Sequence[str] | None) -> list[SortKey]:
    """``-year, model``: comma-separated keys, a leading ``-`` for descending.

    With ``known`` None, only the form is checked (as for a config value).
    """
    keys = []
    for part in spec.split(","):
        name = part.strip()
        descending = name.startswith("-")
        name = name.lstrip("+-").strip()
        if not name:
            raise ViewError(f"empty sort key in {spec!r}")
        if known is not None and name not in known:
            raise ViewError(f"cannot sort by {name!r}: no column has that key")
        keys.append(SortKey(name, descending))
    return keys


def sort_models(
    models: Sequence[Model],
    keys: Sequence[SortKey],
    readings: Mapping[str, Reading] | None = None,
) -> list[Model]:
    """Stable; numbers and dates by value, text naturally. Models with no value for a
    key (absent, a "no value" text, or one that does not parse) come last either way."""
    ordered = list(models)
    for sort_key in reversed(keys):
        reading = (readings or {}).get(sort_key.key) or Reading(sort_key.key, missing=frozenset())
        valued = [
            (reading.value(m.reading_values[sort_key.key]), m)
            for m in ordered
            if sort_key.key in m.values
        ]
        present = [(value, m) for value, m in valued if value is not None]
        present_ids = {id(m) for _value, m in present}
        rest = [m for m in ordered if id(m) not in present_ids]
        present.sort(key=lambda pair: pair[0], reverse=sort_key.descending)
        ordered = [m for _value, m in present] + rest
    return ordered
