"""Write-time transforms: expanding compact table bodies, and spans for writers without them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.locale import init as init_locale
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain

from .gcpause import gc_paused
from .table import build_tbody, unspan, vlmtable_body


class ExpandTableBodies(SphinxPostTransform):
    """Replace each ``vlmtable_body`` with its rows, for every builder.

    The body cells never went through Sphinx's read-time ``Locale`` transform, so
    they are translated here, from the same message catalog as the page.
    """

    # Before the builders' own table handling and anything that walks table cells.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        for body in list(self.document.findall(vlmtable_body)):
            with gc_paused():
                body.replace_self(build_tbody(body, self.translator(body["docname"])))

    def translator(self, docname: str) -> Callable[[str], str] | None:
        if not self.config.language or not self.config.locale_dirs:
            return None
        domain = docname_to_domain(docname, self.config.gettext_compact)
        directories = [self.env.srcdir / directory for directory in self.config.locale_dirs]
        catalog, has_catalog = init_locale(directories, self.config.language, domain)
        return catalog.gettext if has_catalog else None


def vlm_tables(document: nodes.document) -> list[nodes.table]:
    """The tables the extension built, in document order (a list: callers may move them)."""
    return [table for table in document.findall(nodes.table) if "vlm-table" in table["classes"]]


class MarkCellsTranslatable(SphinxPostTransform):
    """Let the gettext builder collect the expanded cells.

    Its catalog skips nodes without a ``uid``, which Sphinx gives at read time, before
    the cells exist; an empty one is what Sphinx itself gives to copied nodes.
    """

    default_priority = 6
    builders = ("gettext",)

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            for tbody in table.findall(nodes.tbody):
                for paragraph in tbody.findall(nodes.paragraph):
                    paragraph.uid = ""  # type: ignore[attr-defined]


class UnspanForPlainWriters(SphinxPostTransform):
    """man (tbl) and Texinfo (multitable) cannot draw merged cells: fill the grid instead."""

    default_priority = 6
    formats = ("man", "texinfo")

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            for tgroup in table.findall(nodes.tgroup):
                unspan(tgroup)


class WrapForScrolling(SphinxPostTransform):
    """In HTML, put each table in a box that scrolls sideways when the table is too wide."""

    default_priority = 6
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            # Not replace_self(): it would copy the table's ids and classes to the box.
            parent = table.parent
            box = nodes.container(classes=["vlm-table-scroll"])
            parent[parent.index(table)] = box
            box += table


class LatexSurveyStyle(SphinxPostTransform):
    """In LaTeX, the survey's look: rules above, under the header and below (booktabs),
    no shaded rows, unless the table asks for a style of its own with ``:class:``."""

    default_priority = 6
    formats = ("latex",)
    #: Sphinx's LaTeX table styles; a table with any of them keeps its choice.
    STYLE_CLASSES = frozenset({"standard", "borderless", "booktabs", "colorrows", "nocolorrows"})

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            if not self.STYLE_CLASSES.intersection(table["classes"]):
                table["classes"] += ["booktabs", "nocolorrows"]
