"""What each output gets at write time, besides the expanded body: the HTML scroll box,
the ``:download:`` files, an interactive table's sort data.

``NoteLateNodes`` runs before the body is expanded, while the page is small, and notes
the nodes that the builder decides about; ``finish_for_builder`` (on doctree-resolved,
where the builder is known) then handles just those, without walking the expanded page
(a 10,000-row table is some 230,000 nodes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from .assets import is_web_html
from .compact import vlmtable_downloads
from .interactive import sort_data_html, vlmtable_sort_data

#: The attribute of a document (object, not node attribute) holding its late nodes.
_LATE = "vlmtable_late"
#: The attribute of a document holding its tables that have ids (see OneIdPerTable).
_TABLES = "vlmtable_tables"


def note_late(document: nodes.document, found: list[nodes.Element]) -> None:
    if not hasattr(document, _LATE):
        setattr(document, _LATE, [])
    getattr(document, _LATE).extend(found)


class NoteLateNodes(SphinxPostTransform):
    """Note the download and sort-data nodes, for ``finish_for_builder``."""

    default_priority = 4  # after InteractiveData (3), before ExpandTableBodies (5)

    def run(self, **kwargs: Any) -> None:
        note_late(self.document, [*self.document.findall(vlmtable_downloads)])
        note_late(self.document, [*self.document.findall(vlmtable_sort_data)])
        # The tables with ids, for OneIdPerTable (which runs after the expansion).
        tables = [
            table
            for table in self.document.findall(nodes.table)
            if "vlm-table" in table["classes"] and table["ids"]
        ]
        setattr(self.document, _TABLES, tables)


class WrapForScrolling(SphinxPostTransform):
    """In HTML, with the stylesheet, each table sits in a box that scrolls sideways when
    the table is too wide (the stylesheet draws it; EPUB's is taken off again)."""

    default_priority = 4
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        if self.config.vlmtable_stylesheet:
            note_late(self.document, wrap_tables(self.document))


class vlmtable_scroll(nodes.General, nodes.Element):
    """A table's scroll box in HTML: ``node["label"]`` names the region it becomes when
    it overflows (the script makes it a tab stop then)."""


def visit_scroll_html(translator: Any, node: vlmtable_scroll) -> None:
    translator.body.append(
        translator.starttag(node, "div", CLASS="vlm-table-scroll", **{"data-label": node["label"]})
    )


def depart_scroll_html(translator: Any, node: vlmtable_scroll) -> None:
    translator.body.append("</div>\n")


def wrap_tables(document: nodes.document) -> list[nodes.Element]:
    boxes: list[nodes.Element] = []
    for table in list(document.findall(nodes.table)):
        if "vlm-table" not in table["classes"]:
            continue
        # Not replace_self(): it would copy the table's ids and classes to the box.
        parent = table.parent
        box = vlmtable_scroll(label=table_label(table))
        parent[parent.index(table)] = box
        box += table
        boxes.append(box)
    return boxes


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
        # The tables noted before the expansion: no walk of a page of thousands of rows.
        for table in getattr(self.document, _TABLES, ()):
            ids = set(table["ids"])
            parent = table.parent
            while isinstance(parent, nodes.container) and not isinstance(parent, nodes.document):
                parent["ids"] = [i for i in parent["ids"] if i not in ids]
                parent = parent.parent


def finish_for_builder(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: keep, write or drop what was noted, for this builder."""
    web = is_web_html(app)
    for node in getattr(doctree, _LATE, ()):
        if isinstance(node, vlmtable_downloads):
            write_downloads(app, node, docname) if web else node.parent.remove(node)
        elif isinstance(node, vlmtable_sort_data):
            node.replace_self(sort_data_html(node)) if web else node.parent.remove(node)
        elif not web:  # a scroll box, in HTML that is not for a browser (EPUB)
            node.replace_self(node.children)


def write_downloads(app: Sphinx, node: vlmtable_downloads, written: str) -> None:
    """Write a table's ``:download:`` files beside its page, as ``<page>.<table>.<kind>``
    (unique: docnames are, and a table's part has no dot), and link them from the page
    being written (in singlehtml, the one page that holds them all)."""
    builder: Any = app.builder
    links = nodes.paragraph("", "Download the data: ", classes=["vlm-downloads"])
    for index, (name, text) in enumerate(node["files"]):
        target = f"{node['docname']}.{name}"
        path = Path(builder.outdir, *target.split("/"))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        if index:
            links += nodes.Text(", ")
        kind = name.rsplit(".", 1)[-1].upper()
        uri = relative_uri(builder.get_target_uri(written), target)
        links += nodes.reference(kind, kind, refuri=uri, classes=["vlm-download"])
    node.replace_self(links)
