"""Everything sphinx-vlmtable registers with Sphinx."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .assets import LATEX_PACKAGE, add_stylesheet, copy_assets
from .compact import (
    FALLBACK_VISITORS,
    SKIP_VISITORS,
    ExpandTableBodies,
    MarkCellsTranslatable,
    vlmtable_body,
    vlmtable_cell,
    vlmtable_downloads,
)
from .config import add_config_values
from .directives import VlmMatrixDirective, VlmTableDirective, VlmTasksDirective
from .domain import VlmDomain, pages_linking_to_changed_homes, warn_unknown_model
from .interactive import (
    MESSAGE_CATALOG,
    InteractiveData,
    add_script,
    load_label_catalogs,
    vlmtable_sort_data,
)
from .markup import MathOnlyWherePageHasMath
from .transforms import LatexRowTargets, LatexSurveyStyle, UnspanForPlainWriters
from .writetime import (
    NoteLateNodes,
    OneIdPerTable,
    WrapForScrolling,
    depart_scroll_html,
    finish_for_builder,
    visit_scroll_html,
    vlmtable_scroll,
)


def register(app: Sphinx) -> None:
    add_config_values(app)
    app.add_latex_package(LATEX_PACKAGE.stem)
    # Directives, their nodes, and the domain their models live in.
    app.add_directive("vlm-table", VlmTableDirective)
    app.add_directive("vlm-matrix", VlmMatrixDirective)
    app.add_directive("vlm-tasks", VlmTasksDirective)
    app.add_node(vlmtable_body, **FALLBACK_VISITORS)  # type: ignore[arg-type]
    app.add_node(vlmtable_cell)  # only ever inside a body, which its expansion consumes
    app.add_node(vlmtable_downloads, **SKIP_VISITORS)  # type: ignore[arg-type]
    app.add_node(vlmtable_sort_data, **SKIP_VISITORS)  # type: ignore[arg-type]
    # Only in HTML for a browser (other builders never get one: see writetime.py).
    app.add_node(vlmtable_scroll, html=(visit_scroll_html, depart_scroll_html))
    app.add_domain(VlmDomain)
    app.connect("warn-missing-reference", warn_unknown_model)
    app.connect("env-get-outdated", pages_linking_to_changed_homes)
    app.add_transform(MathOnlyWherePageHasMath)
    # Write time: the compact body expanded, then touches per output.
    app.add_post_transform(InteractiveData)
    app.add_post_transform(NoteLateNodes)
    app.add_post_transform(WrapForScrolling)
    app.add_post_transform(ExpandTableBodies)
    app.add_post_transform(MarkCellsTranslatable)
    app.add_post_transform(UnspanForPlainWriters)
    app.add_post_transform(LatexSurveyStyle)
    app.add_post_transform(LatexRowTargets)
    app.add_post_transform(OneIdPerTable)
    app.connect("doctree-resolved", finish_for_builder)
    # HTML assets: the stylesheet everywhere, the script on pages with a table.
    app.add_message_catalog(MESSAGE_CATALOG, str(Path(__file__).parent / "locale"))
    app.connect("builder-inited", load_label_catalogs)
    app.connect("builder-inited", add_stylesheet)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", copy_assets)
