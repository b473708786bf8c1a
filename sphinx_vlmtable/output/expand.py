"""Write time: row ids unique in the file being written, then, for builders that write
rows as nodes, each compact body becomes a standard ``tbody``, translated.

HTML and LaTeX never expand: their rows are written from the compact body
(``html_body.py``, ``latex_body.py``). The other builders Sphinx ships (text, man,
Texinfo, gettext, XML) expand late, after Sphinx's own post-transforms, which would
otherwise walk every cell of a long table again and again; any other builder
(linkcheck, a third party's) expands first, before anything that may look for the
cells' links.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.nodes.compact import CompactBody, build_tbody, vlmtable_body
from sphinx_vlmtable.nodes.i18n import cell_translator
from sphinx_vlmtable.nodes.ids import unique_among
from sphinx_vlmtable.output.html_body import shown_texts

#: Formats whose rows are written from the compact body, never expanded.
WRITTEN_FROM_COMPACT = ("html", "latex")
#: Formats whose writers take expanded rows late, after Sphinx's own post-transforms.
LATE_FORMATS = ("text", "man", "texinfo", "xml", "pseudoxml")
#: Builders with no format of their own that expand late too.
LATE_BUILDERS = ("gettext",)


def builder_kind(transform: SphinxPostTransform) -> tuple[str, str]:
    """The name and format of the builder a post-transform runs for."""
    builder = getattr(transform.env, "_builder_cls", None) or transform.app.builder
    return builder.name, builder.format


def expands_late(name: str, file_format: str) -> bool:
    return file_format in LATE_FORMATS or name in LATE_BUILDERS


def unique_row_ids(document: nodes.document) -> None:
    """Row ids unique in the file being written: a page's are already; where pages are
    joined into one file (singlehtml, LaTeX's one document), a later one gets a suffix."""
    bodies = list(document.findall(vlmtable_body))
    if not bodies:
        return
    taken = {
        identifier for element in document.findall(nodes.Element) for identifier in element["ids"]
    }
    counters: dict[str, int] = {}
    for node in bodies:
        body: CompactBody = node["body"]
        row_ids = unique_among(body.row_ids, taken, counters)
        wanted = [former_id for _row, former_id in body.alias_ids]
        former = unique_among(wanted, taken, counters)
        if row_ids != body.row_ids or former != wanted:
            pairs = zip(body.alias_ids, former, strict=True)
            alias_ids = [(row, identifier) for (row, _old), identifier in pairs]
            node["body"] = replace(body, row_ids=row_ids, alias_ids=alias_ids)


class UniqueRowIds(SphinxPostTransform):
    """HTML: row ids unique in the written file (the rows themselves stay compact)."""

    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        unique_row_ids(self.document)


class UniqueRowIdsLate(SphinxPostTransform):
    """LaTeX: the same, once its pages are one document (its rows stay compact too)."""

    default_priority = 950
    formats = ("latex",)

    def run(self, **kwargs: Any) -> None:
        unique_row_ids(self.document)


class ExpandTableBodies(SphinxPostTransform):
    """Replace each ``vlmtable_body`` with its rows (builders other than HTML's and
    Sphinx's own: first, before anything that may walk table cells).

    The body cells never went through Sphinx's read-time ``Locale`` transform, so
    they are translated here, from the same message catalog as the page.
    """

    default_priority = 5

    def is_supported(self) -> bool:
        name, file_format = builder_kind(self)
        return file_format not in WRITTEN_FROM_COMPACT and not expands_late(name, file_format)

    def run(self, **kwargs: Any) -> None:
        unique_row_ids(self.document)
        # One catalog read per page and gettext domain (singlehtml joins many pages).
        translators: dict[str, Callable[[str], str] | None] = {}
        for node in list(self.document.findall(vlmtable_body)):
            docname = node["body"].docname
            if docname not in translators:
                translators[docname] = self.translator(docname)
            translate = translators[docname]
            with gc_paused():
                tbody = build_tbody(node, translate)
            # As data for the writers' steps (LaTeX's column spec and widths): each
            # column's alignment, and each cell's text in the order its entries come.
            tbody.column_aligns = node["body"].aligns  # type: ignore[attr-defined]
            shown = shown_texts(node, translate)
            tbody.cell_texts = [  # type: ignore[attr-defined]
                shown[row][column]
                for row, texts in enumerate(node["body"].rows)
                for column, text in enumerate(texts)
                if text is not None
            ]
            node.replace_self(tbody)
            # Each cell knows its document, so what later steps insert in a cell (LaTeX's
            # alignment, whole tokens) finds it at once, not by walking up the table.
            for row in tbody.children:
                for entry in row.children:
                    entry.document = self.document

    def translator(self, docname: str) -> Callable[[str], str] | None:
        config = self.config
        return cell_translator(
            str(self.env.srcdir),
            config.language,
            config.locale_dirs,
            config.gettext_compact,
            docname,
        )


class ExpandTableBodiesLate(ExpandTableBodies):
    """The same for text, man, Texinfo, gettext and XML, after Sphinx's own
    post-transforms (the steps that touch expanded rows run after this one)."""

    default_priority = 950

    def is_supported(self) -> bool:
        return expands_late(*builder_kind(self))
