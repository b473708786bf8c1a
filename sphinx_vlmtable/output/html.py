"""HTML for a browser: each table in a box that scrolls sideways when it is too wide,
and one id per table whatever the theme wraps around it.

The box is a node of its own with an HTML visitor; the script makes it a keyboard's tab
stop and a named region only while it overflows (see ``static/script/vlmtable.js``).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from sphinx_vlmtable.nodes.build import vlm_tables


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
