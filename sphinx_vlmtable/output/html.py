"""HTML for a browser: each table in a box that scrolls sideways when it is too wide,
and one id per table whatever the theme wraps around it.

The box is a node of its own with an HTML visitor; the script makes it a keyboard's tab
stop and a named region only while it overflows (see ``static/script/vlmtable.js``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.nodes.build import vlm_tables
from sphinx_vlmtable.nodes.compact import CompactBody, vlmtable_body
from sphinx_vlmtable.nodes.i18n import cell_translator
from sphinx_vlmtable.output.cells import placed_entries
from sphinx_vlmtable.output.html_body import (
    BodyWriter,
    longest_per_column,
    search_words,
    shown_texts,
)


class vlmtable_scroll(nodes.General, nodes.Element):
    """A table's scroll box in HTML: ``node["label"]`` names the region it becomes when
    it overflows (the script makes it a tab stop then)."""


def visit_scroll_html(translator: Any, node: vlmtable_scroll) -> None:
    translator.body.append(
        translator.starttag(node, "div", CLASS="vlm-table-scroll", **{"data-label": node["label"]})
    )


def depart_scroll_html(translator: Any, node: vlmtable_scroll) -> None:
    translator.body.append("</div>\n")


def wrap_for_scrolling(tables: list[nodes.table]) -> None:
    for table in tables:
        # Not replace_self(): it would copy the table's ids and classes to the box.
        parent = table.parent
        box = vlmtable_scroll(label=table_label(table))
        parent[parent.index(table)] = box
        box += table


def table_label(table: nodes.table) -> str:
    """What a reader hears for the table's scroll region: its caption, or its name."""
    title = next((child for child in table.children if isinstance(child, nodes.title)), None)
    if title is not None:
        return " ".join(title.astext().split())
    return table["names"][0] if table["names"] else "Table"


#: A column whose longest cell has more characters than this wraps at its spaces (a
#: note, a paper's title); shorter ones stay on one line, the survey's compact look.
WRAP_AFTER = 40
#: A table with more body rows than this scrolls in a box of its own height, its
#: header row and model column kept in view (see the stylesheet).
TALL_AFTER = 15


def mark_for_reading(table: nodes.table, translate: Callable[[str], str] | None) -> None:
    """``vlm-wrap`` on the cells of long-text columns (the header's now, the body's when
    it is written), ``vlm-tall`` on the scroll box of a long table: decided from the
    compact body's texts, never by walking rows."""
    body = next(iter(table.findall(vlmtable_body)), None)
    if body is None:
        return
    compact: CompactBody = body["body"]
    texts = shown_texts(body, translate)
    longest = longest_per_column(texts, len(compact.rows[0]) if compact.rows else 0)
    wrapping = frozenset(column for column, length in enumerate(longest) if length > WRAP_AFTER)
    body["wrap_columns"] = sorted(wrapping)
    for entry, column, header in placed_entries(table):
        if header and column in wrapping:
            entry["classes"].append("vlm-wrap")
    # The search index reads words from the page's text nodes: the plain cells' words,
    # for the rows that are written as strings (markup cells are nodes already). It
    # keeps each word once per page, so a text many cells repeat is given once.
    body += nodes.Text(" ".join(dict.fromkeys(search_words(body, texts))))
    if len(compact.rows) > TALL_AFTER and isinstance(table.parent, vlmtable_scroll):
        table.parent["classes"].append("vlm-tall")


class MarkForReading(SphinxPostTransform):
    """In HTML, long-text columns wrap and long tables keep their header in view."""

    default_priority = 6
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        config = self.config
        translators: dict[str, Callable[[str], str] | None] = {}
        for table in vlm_tables(self.document):
            docname = _docname_of(table) or self.env.docname
            if docname not in translators:
                translators[docname] = cell_translator(
                    str(self.env.srcdir),
                    config.language,
                    config.locale_dirs,
                    config.gettext_compact,
                    docname,
                )
            mark_for_reading(table, translators[docname])


def _docname_of(table: nodes.table) -> str | None:
    body = next(iter(table.findall(vlmtable_body)), None)
    return body["body"].docname if body is not None else None


def visit_body_html(translator: Any, node: vlmtable_body) -> None:
    """The body's rows, written from the compact body (``html_body.py``)."""
    builder = translator.builder
    config = builder.config
    body: CompactBody = node["body"]
    translate = cell_translator(
        str(builder.srcdir),
        config.language,
        config.locale_dirs,
        config.gettext_compact,
        body.docname,
    )
    wrapping: frozenset[int] = frozenset(node.get("wrap_columns", ()))
    BodyWriter(translator, node, translate, wrapping).write()
    raise nodes.SkipNode


class OneIdPerTable(SphinxPostTransform):
    """A theme's wrapper around a table takes no id of the table's: furo's copies every
    attribute of the table to its ``div.table-wrapper``, so each id is written twice."""

    default_priority = 900  # after themes' wrappers (furo's runs at 500)
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):  # never walks into a table's rows
            ids = set(table["ids"])
            parent = table.parent
            while isinstance(parent, nodes.container) and not isinstance(parent, nodes.document):
                parent["ids"] = [i for i in parent["ids"] if i not in ids]
                parent = parent.parent
