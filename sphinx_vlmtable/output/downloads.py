"""``:download:``: the shown rows and columns as CSV or JSON files beside the page.

The files were made at read time from the view (``view/export.py``); HTML builders for a
browser write them and link them, every other builder drops the node.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from sphinx_vlmtable.nodes.extras import vlmtable_downloads


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
