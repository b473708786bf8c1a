"""How a column's cells are read for sorting and filtering: type, no-value texts, markup."""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_vlmtable.data.model import (
    SurveyData,
    iter_leaves,
    missing_texts,
)
from sphinx_vlmtable.data.values import Value, parse_value
from sphinx_vlmtable.view.options import Renderer, ViewOptions


@dataclass(frozen=True, eq=False)
class Reading:
    """How one column's cells are compared: their type, the texts that mean no value,
    and, for markup cells, the text they show."""

    key: str
    type: str = "text"
    missing: frozenset[str] = frozenset(("-",))
    markup: str | None = None
    render: Renderer | None = None

    def shown_text(self, text: str) -> str:
        """What the cell reads as: a markup cell's rendered text, or the text itself."""
        if self.markup is not None and self.render is not None:
            return self.render(self.markup, text)
        return text

    def value(self, text: str) -> Value | None:
        """The sort and filter value; None for no value or one that does not parse."""
        if text in self.missing:
            return None
        return parse_value(self.shown_text(text), self.type)


def column_readings(data: SurveyData, options: ViewOptions) -> dict[str, Reading]:
    """How each column of the file (shown or not) is read."""
    return {
        leaf.key: Reading(
            leaf.key,
            leaf.type,
            missing_texts(leaf, data.missing, options.missing),
            leaf.markup,
            options.render,
        )
        for leaf in iter_leaves(data.columns)
        if leaf.key is not None
    }
