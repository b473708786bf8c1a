"""Docs-only directives that write reference lists from the code, so they cannot drift."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinx_vlmtable.config import PREFIX, VlmTableConfig
from sphinx_vlmtable.directives import (
    VlmChangesDirective,
    VlmChartDirective,
    VlmCompareDirective,
    VlmMatrixDirective,
    VlmTableDirective,
    VlmTasksDirective,
)
from sphinx_vlmtable.warnings_ import VlmTableWarning


def _definition(term: str, text: str, state: Any, lineno: int) -> nodes.definition_list_item:
    described, _messages = state.inline_text(text, lineno)
    return nodes.definition_list_item(
        "",
        nodes.term("", "", nodes.literal(term, term)),
        nodes.definition("", nodes.paragraph("", "", *described)),
    )


class WarningSubtypes(SphinxDirective):
    """Every warning subtype, from the ``VlmTableWarning`` Enum."""

    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list()
        for kind in VlmTableWarning:
            items += _definition(kind.full_name, kind.description, self.state, self.lineno)
        return [items]


class ConfigValues(SphinxDirective):
    """Every ``vlmtable_*`` value, from the ``VlmTableConfig`` dataclass."""

    def run(self) -> list[nodes.Node]:
        items = nodes.definition_list()
        for item in fields(VlmTableConfig):
            types = " or ".join(t.__name__ for t in item.metadata["types"])
            text = f"{item.metadata['doc']} Type: ``{types}``; default: ``{item.default!r}``."
            items += _definition(PREFIX + item.name, text, self.state, self.lineno)
        return [items]


#: The directives whose options are documented, by name.
DIRECTIVES = {
    "vlm-table": VlmTableDirective,
    "vlm-matrix": VlmMatrixDirective,
    "vlm-tasks": VlmTasksDirective,
    "vlm-chart": VlmChartDirective,
    "vlm-changes": VlmChangesDirective,
    "vlm-compare": VlmCompareDirective,
}


class DirectiveOptions(SphinxDirective):
    """Every option of a directive, from its ``option_spec`` and ``option_help``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        directive = DIRECTIVES[self.arguments[0]]
        items = nodes.definition_list()
        for name in directive.option_spec or {}:
            help_text = directive.option_help[name]  # a KeyError fails the docs build
            items += _definition(f":{name}:", help_text, self.state, self.lineno)
        return [items]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("vlmtable-directive-options", DirectiveOptions)
    app.add_directive("vlmtable-warning-subtypes", WarningSubtypes)
    app.add_directive("vlmtable-config-values", ConfigValues)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
