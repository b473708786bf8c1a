"""``vlm-compare``: two to four models side by side, the columns as rows."""

from __future__ import annotations

from typing import ClassVar

from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.directives import options as convert
from sphinx_vlmtable.directives.base import DataDirective, Loaded, Unshowable
from sphinx_vlmtable.directives.table import VlmTableDirective
from sphinx_vlmtable.nodes.build import TableLook
from sphinx_vlmtable.nodes.compare import compare_table, differs_legend
from sphinx_vlmtable.state import note_model_links
from sphinx_vlmtable.view.compare import CompareRow, CompareView, build_compare, chosen_models
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.table import ViewCell
from sphinx_vlmtable.warnings_ import VlmTableWarning


class VlmCompareDirective(DataDirective[CompareView]):
    """``.. vlm-compare:: data/vlms.yaml`` with ``:models: LLaVA, BLIP-2``: 2 to 4 models
    side by side, the columns as rows, differences highlighted."""

    option_spec: ClassVar[OptionSpec] = {
        "models": convert.model_names,
        "columns": convert.key_list,
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "models": "Two to four model names (or ids), comma-separated: the columns, in "
        "this order. Required.",
        "columns": "The column keys to compare, in order (default: all of them).",
        "caption": VlmTableDirective.option_help["caption"],
        "name": "A label for ``ref`` and ``numref``.",
        "class": "Extra classes on the table (it always has ``vlm-compare``).",
    }

    def view(self, loaded: Loaded) -> CompareView:
        names = self.options.get("models")
        if not names:
            raise Unshowable(VlmTableWarning.OPTION, "give :models: (2 to 4 names or ids)")
        models, unknown = chosen_models(loaded.data, names, self.words)
        for message in unknown:
            self.warn_here(VlmTableWarning.REFERENCE, message)
        options = ViewOptions(columns=self.options.get("columns"), missing=self.settings.missing)
        try:
            compared = build_compare(loaded.data, models, options, self.words)
        except ViewError as error:
            raise Unshowable(VlmTableWarning.OPTION, str(error)) from None
        note_model_links(self.env, {model.identity for model in compared.models})
        return compared

    def nodes(self, view: CompareView, loaded: Loaded) -> list[Node]:
        markup = self.cell_markup(loaded)
        table = self.titled_table(
            TableLook(classes=["vlm-compare", *self.options.get("class", [])])
        )

        def cell_nodes(cell: ViewCell, row: CompareRow, column: int) -> list[Node] | None:
            if markup is None or cell.markup is None or cell.is_missing:
                return None
            model = view.models[column]
            line = model.lines.get(row.key, model.line)
            return markup.cell_nodes(cell.markup, cell.text, line, model.source)

        try:
            compare_table(view, table, cell_nodes, view.model_label)
        finally:
            if markup is not None:
                markup.finish()
        return [table, differs_legend(self.words)]


def setup_compare(app: Sphinx) -> None:
    app.add_directive("vlm-compare", VlmCompareDirective)
