"""``vlm-matrix``: models by tasks, each cell the model's state (a mark and a word)."""

from __future__ import annotations

from typing import ClassVar

from docutils.nodes import Node
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.data.model import SurveyData
from sphinx_vlmtable.directives.table import VlmTableDirective
from sphinx_vlmtable.nodes.matrix import matrix_legend
from sphinx_vlmtable.view.matrix import build_matrix_view
from sphinx_vlmtable.view.options import ViewOptions
from sphinx_vlmtable.view.table import TableView

#: The table's options a matrix takes (all but :merge: and :index:).
_TABLE_OPTIONS = (
    "caption",
    "name",
    "class",
    "widths",
    "width",
    "align",
    "columns",
    "sort",
    "filter",
    "longtable",
    "download",
    "interactive",
    "filters",
    "page-size",
    "latex-font",
    "landscape",
    "latex-widths",
    "latex-fit",
    "new-since",
)


class VlmMatrixDirective(VlmTableDirective):
    """``.. vlm-matrix:: data/vlms.yaml``: models by tasks, each cell the model's state."""

    sections = ("columns", "models", "tasks", "matrix")
    option_spec: ClassVar[OptionSpec] = {
        name: VlmTableDirective.option_spec[name] for name in _TABLE_OPTIONS
    }
    option_help: ClassVar[dict[str, str]] = {
        **{name: VlmTableDirective.option_help[name] for name in _TABLE_OPTIONS},
        "columns": "The task keys to show, in order, comma-separated (the model column "
        "always shows).",
        "sort": "Comma-separated task or column keys, ``-`` for descending.",
        "filter": "An expression that keeps rows, such as ``visual_grounding == yes``.",
    }
    family_class = "vlm-matrix"

    def make_view(self, data: SurveyData, options: ViewOptions) -> TableView:
        return build_matrix_view(data, options)

    def after_table(self) -> list[Node]:
        return [matrix_legend()]


def setup_matrix(app: Sphinx) -> None:
    app.add_directive("vlm-matrix", VlmMatrixDirective)
