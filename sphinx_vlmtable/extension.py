"""Everything sphinx-vlmtable registers with Sphinx, by layer."""

from __future__ import annotations

from sphinx.application import Sphinx

from sphinx_vlmtable.config import add_config_values
from sphinx_vlmtable.directives import FAMILIES
from sphinx_vlmtable.domain import (
    VlmDomain,
    forget_loads,
    note_project_dir,
    pages_linking_to_changed_homes,
    pages_with_new_model_files,
    warn_unknown_model,
)
from sphinx_vlmtable.nodes.compact import (
    FALLBACK_VISITORS,
    SKIP_VISITORS,
    vlmtable_body,
    vlmtable_cell,
)
from sphinx_vlmtable.nodes.extras import vlmtable_downloads, vlmtable_feed, vlmtable_sort_data
from sphinx_vlmtable.nodes.markup import MathOnlyWherePageHasMath
from sphinx_vlmtable.output.assets import (
    LATEX_PACKAGE,
    add_assets,
    add_script,
    add_script_folder,
    publish_schema,
)
from sphinx_vlmtable.output.feed import link_feeds_in_head
from sphinx_vlmtable.output.html import (
    depart_scroll_html,
    visit_body_html,
    visit_scroll_html,
    vlmtable_scroll,
)
from sphinx_vlmtable.output.latex_body import visit_body_latex
from sphinx_vlmtable.output.latex_rows import (
    depart_whole_latex,
    visit_whole_latex,
    vlmtable_whole,
)
from sphinx_vlmtable.output.sortdata import visit_sort_data_html
from sphinx_vlmtable.output.writetime import add_write_time_steps


def register(app: Sphinx) -> None:
    add_config_values(app)
    app.add_latex_package(LATEX_PACKAGE.stem)
    # The directives, one family each, and the nodes they share.
    for setup_family in FAMILIES:
        setup_family(app)
    # HTML and LaTeX write a body's rows from the compact body; the others get it expanded.
    body_visitors = {
        **FALLBACK_VISITORS,
        "html": (visit_body_html, None),
        "latex": (visit_body_latex, None),
    }
    app.add_node(vlmtable_body, **body_visitors)  # type: ignore[arg-type]
    app.add_node(vlmtable_cell)  # only ever inside a body, which its expansion consumes
    app.add_node(vlmtable_downloads, **SKIP_VISITORS)  # type: ignore[arg-type]
    app.add_node(vlmtable_feed, **SKIP_VISITORS)  # type: ignore[arg-type]
    sort_data_visitors = {**SKIP_VISITORS, "html": (visit_sort_data_html, None)}
    app.add_node(vlmtable_sort_data, **sort_data_visitors)  # type: ignore[arg-type]
    # Only in LaTeX: a token set whole (output/latex_rows.py).
    app.add_node(vlmtable_whole, latex=(visit_whole_latex, depart_whole_latex))
    # Only in HTML for a browser (other builders never get one: see output/writetime.py).
    app.add_node(vlmtable_scroll, html=(visit_scroll_html, depart_scroll_html))
    # The domain the models live in, and the build's state (state.py).
    app.add_domain(VlmDomain)
    app.connect("builder-inited", note_project_dir)
    app.connect("env-updated", forget_loads)
    app.connect("warn-missing-reference", warn_unknown_model)
    app.connect("env-get-outdated", pages_linking_to_changed_homes)
    app.connect("env-get-outdated", pages_with_new_model_files)
    app.add_transform(MathOnlyWherePageHasMath)
    add_write_time_steps(app)
    # Assets: Sphinx copies them and links them with a checksum.
    app.connect("builder-inited", add_assets)
    app.connect("env-updated", add_script_folder)
    app.connect("html-page-context", add_script)
    app.connect("build-finished", publish_schema)
    app.connect("html-page-context", link_feeds_in_head)
