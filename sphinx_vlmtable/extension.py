"""Everything sphinx-vlmtable registers with Sphinx."""

from __future__ import annotations

from sphinx.application import Sphinx

from .assets import add_stylesheet, copy_stylesheet
from .compact import (
    FALLBACK_VISITORS,
    SKIP_VISITORS,
    ExpandTableBodies,
    MarkCellsTranslatable,
    vlmtable_body,
    vlmtable_cell,
    vlmtable_downloads,
    write_downloads,
)
from .config import add_config_values
from .directives import VlmMatrixDirective, VlmTableDirective, VlmTasksDirective
from .domain import VlmDomain, pages_linking_to_changed_homes, warn_unknown_model
from .transforms import (
    LatexRowTargets,
    LatexSurveyStyle,
    UnspanForPlainWriters,
    WrapForScrolling,
)


def register(app: Sphinx) -> None:
    add_config_values(app)
    app.add_directive("vlm-table", VlmTableDirective)
    app.add_directive("vlm-tasks", VlmTasksDirective)
    app.add_directive("vlm-matrix", VlmMatrixDirective)
    app.add_node(vlmtable_body, **FALLBACK_VISITORS)  # type: ignore[arg-type]
    app.add_node(vlmtable_cell)  # only ever inside a body, which its expansion consumes
    app.add_node(vlmtable_downloads, **SKIP_VISITORS)  # type: ignore[arg-type]
    app.connect("doctree-resolved", write_downloads)
    app.add_post_transform(ExpandTableBodies)
    app.add_post_transform(MarkCellsTranslatable)
    app.add_post_transform(UnspanForPlainWriters)
    app.add_post_transform(WrapForScrolling)
    app.add_post_transform(LatexSurveyStyle)
    app.add_post_transform(LatexRowTargets)
    app.add_domain(VlmDomain)
    app.connect("warn-missing-reference", warn_unknown_model)
    app.connect("env-get-outdated", pages_linking_to_changed_homes)
    app.connect("builder-inited", add_stylesheet)
    app.connect("build-finished", copy_stylesheet)
