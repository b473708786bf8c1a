"""The nodes that follow a table: its sort data and its download files.

Made at read time by ``build.table_nodes`` from the view; what each builder does with
them is in ``output/`` (HTML for a browser writes them, every other builder skips them).
"""

from __future__ import annotations

from docutils import nodes


class vlmtable_sort_data(nodes.General, nodes.Element):
    """An interactive table's sort data: ``node["table_id"]``, the table it sorts, and
    ``node["ranks"]``, each row's rank in each column (None: no value)."""


class vlmtable_downloads(nodes.General, nodes.Element):
    """The files of a table's ``:download:``: ``node["files"]`` is ``[(name, text)]``,
    written beside the page and linked by HTML builders (see ``output/downloads.py``)."""


class vlmtable_feed(nodes.General, nodes.Element):
    """A changelog's ``:feed:``: ``node["feed"]`` (``view/feed.Feed``), written as Atom at
    ``node["name"]`` beside the page ``node["docname"]`` and linked from it by HTML
    builders for a browser (see ``output/feed.py``); every other builder drops it."""
