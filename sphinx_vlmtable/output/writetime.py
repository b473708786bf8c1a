"""Every write-time step, in one place and one order.

Post-transforms first, by priority: scroll boxes for HTML while the page is small (4),
the compact bodies expanded into standard rows (5), each output family's touches (6:
HTML's wrapping marks, LaTeX's fit to the page), one id per table after themes'
wrappers (900). Then, on ``doctree-resolved``, where
the builder is known: downloads written and linked (HTML for a browser) or dropped,
and EPUB's scroll boxes taken off. Each step reads only the table it works on, so no
step's output depends on another option (a download's name never does).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.config import settings_of
from sphinx_vlmtable.nodes.build import outside_tables, vlm_tables
from sphinx_vlmtable.nodes.extras import vlmtable_downloads, vlmtable_feed
from sphinx_vlmtable.nodes.i18n import MarkCellsTranslatable
from sphinx_vlmtable.output.assets import is_web_html
from sphinx_vlmtable.output.downloads import write_downloads
from sphinx_vlmtable.output.expand import (
    ExpandTableBodies,
    ExpandTableBodiesLate,
    UniqueRowIds,
    UniqueRowIdsLate,
)
from sphinx_vlmtable.output.feed import write_feed
from sphinx_vlmtable.output.html import (
    MarkForReading,
    OneIdPerTable,
    vlmtable_scroll,
    wrap_for_scrolling,
)
from sphinx_vlmtable.output.latex import LatexRowTargets, LatexSurveyStyle
from sphinx_vlmtable.output.latex_unicode import LatexCharacters
from sphinx_vlmtable.output.text import UnspanForPlainWriters


class WrapForScrolling(SphinxPostTransform):
    """In HTML, with the stylesheet, each table sits in a box that scrolls sideways when
    the table is too wide (the stylesheet draws it; EPUB's is taken off again)."""

    default_priority = 4  # before the rows' ids (5), and themes' wrappers (furo: 500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if settings_of(self.config).stylesheet:
            wrap_for_scrolling(vlm_tables(self.document))


#: In the order they run (their priorities say the same).
WRITE_TIME_STEPS: tuple[type[SphinxPostTransform], ...] = (
    WrapForScrolling,  # 4, HTML
    UniqueRowIds,  # 5, HTML (its rows are written from the compact body)
    ExpandTableBodies,  # 5, builders that are neither HTML nor Sphinx's own
    MarkForReading,  # 6, HTML
    OneIdPerTable,  # 900, HTML: after themes' own wrappers
    UniqueRowIdsLate,  # 950, LaTeX (its rows are written from the compact body)
    ExpandTableBodiesLate,  # 950, text, man, Texinfo, gettext, XML
    MarkCellsTranslatable,  # 951, gettext
    UnspanForPlainWriters,  # 951, man and Texinfo
    LatexCharacters,  # 951, LaTeX: before the style measures the cells
    LatexSurveyStyle,  # 951, LaTeX
    LatexRowTargets,  # 952, LaTeX
)


def finish_for_builder(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: downloads and feeds written (HTML for a browser) or dropped;
    scroll boxes kept only in HTML for a browser (not EPUB)."""
    web = is_web_html(app.builder)
    late = [
        node
        for node in outside_tables(doctree)
        if isinstance(node, (vlmtable_downloads, vlmtable_scroll, vlmtable_feed))
    ]
    for node in late:
        if isinstance(node, vlmtable_feed):
            write_feed(app, node, docname) if web else node.parent.remove(node)
        elif isinstance(node, vlmtable_downloads):
            # The page being written: in singlehtml, the one page that holds them all.
            write_downloads(app, node, docname) if web else node.parent.remove(node)
        elif not web:
            node.replace_self(node.children)


def add_write_time_steps(app: Sphinx) -> None:
    for step in WRITE_TIME_STEPS:
        app.add_post_transform(step)
    app.connect("doctree-resolved", finish_for_builder)
