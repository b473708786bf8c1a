"""Everything sphinx-vlmtable registers with Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import add_stylesheet, copy_stylesheet
from .compact import (
    FALLBACK_VISITORS,
    ExpandTableBodies,
    MarkCellsTranslatable,
    vlmtable_body,
    vlmtable_cell,
)
from .config import add_config_values
from .directives import VlmTableDirective, VlmTasksDirective
from .transforms import LatexSurveyStyle, UnspanForPlainWriters, WrapForScrolling


def register(app: Sphinx) -> None:
    add_config_values(app)
    app.add_directive("vlm-table", VlmTableDirective)
    app.add_directive("vlm-tasks", VlmTasksDirective)
    app.add_node(vlmtable_body, **FALLBACK_VISITORS)  # type: ignore[arg-type]
    app.add_node(vlmtable_cell)  # only ever inside a body, which its expansion consumes
    app.add_post_transform(ExpandTableBodies)
    app.add_post_transform(MarkCellsTranslatable)
    app.add_post_transform(UnspanForPlainWriters)
    app.add_post_transform(WrapForScrolling)
    app.add_post_transform(LatexSurveyStyle)
    app.connect("builder-inited", add_stylesheet)
    app.connect("build-finished", copy_stylesheet)
