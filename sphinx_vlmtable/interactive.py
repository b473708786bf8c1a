"""``:interactive:``: the static table, enhanced in place in HTML by one small script.

The build writes each cell's rank in its column (numbers and dates by value, "no value"
last: the order ``:sort:`` gives) into a hidden element after the table; the script
(``static/vlmtable.js``) reads it, makes the leaf header cells sort buttons and adds a
search box. The script and its styles are added only to pages that have such a table,
and only by HTML builders; with JavaScript off the table is the static table.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.locale import init as init_locale
from sphinx.transforms.post_transforms import SphinxPostTransform

from .assets import SCRIPT, is_web_html
from .compact import CompactBody, vlmtable_body
from .views import TableView

#: The catalog of the script's labels (``sphinx_vlmtable.mo`` in a project's locale_dirs).
MESSAGE_CATALOG = "sphinx_vlmtable"
_ = get_translation(MESSAGE_CATALOG)


def column_ranks(view: TableView) -> list[list[int | None]]:
    """Each row's rank in each column: equal values share a rank; no value is None."""
    columns = []
    for column, leaf in enumerate(view.leaves):
        shown = [row.cells[column] for row in view.rows]
        reading = next((cell.reading for cell in shown if cell is not None), None)
        values = []
        for row, cell in zip(view.rows, shown, strict=True):
            if cell is not None:
                values.append(cell.sort_key)
                continue
            # Covered by a merged cell above: the same text, so the same value.
            text = row.model.values.get(leaf.key or "")
            values.append(reading.value(text) if reading and text is not None else None)
        distinct = sorted({value for value in values if value is not None})
        rank = {value: index for index, value in enumerate(distinct)}
        columns.append([None if value is None else rank[value] for value in values])
    return [list(row) for row in zip(*columns, strict=True)]


def labels() -> dict[str, str]:
    """The script's words, translated with the project's language."""
    return {
        "placeholder": _("Search the table"),
        "search": _("Search the table: show only rows that contain the text"),
        "shown": _("{shown} of {total} rows"),
        "sort": _("Sort by {column}"),
    }


class vlmtable_sort_data(nodes.General, nodes.Element):
    """An interactive table's ranks, until ``add_sort_data`` writes them (or drops them)."""


class InteractiveData(SphinxPostTransform):
    """Take each interactive table's ranks out of its body before the body is expanded."""

    default_priority = 3  # before ExpandTableBodies (5): the ranks are in its payload

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(vlmtable_body)):
            body: CompactBody = node["body"]
            if body.ranks is None:
                continue
            table = node.parent.parent
            assert isinstance(table, nodes.table) and table["ids"]
            data = vlmtable_sort_data(table_id=table["ids"][0], ranks=body.ranks)
            table.parent.insert(table.parent.index(table) + 1, data)


def sort_data_html(node: vlmtable_sort_data) -> nodes.raw:
    """The ranks and the script's words, in a hidden element after the table."""
    ranks = json.dumps(node["ranks"], separators=(",", ":"))
    data = (
        f'<div class="vlm-sort-data" hidden data-table="{html.escape(node["table_id"])}" '
        f'data-ranks="{html.escape(ranks)}" '
        f'data-labels="{html.escape(json.dumps(labels(), ensure_ascii=False))}"></div>'
    )
    # Built here from numbers and our own words: nothing of a data file's text.
    return nodes.raw("", data, format="html")


def load_label_catalogs(app: Sphinx) -> None:
    """``builder-inited``: the script's words from the project's ``locale_dirs`` too
    (``<dir>/<language>/LC_MESSAGES/sphinx_vlmtable.po``), as for Sphinx's own."""
    if not app.config.language or not app.config.locale_dirs:
        return
    directories = [str(Path(app.srcdir) / directory) for directory in app.config.locale_dirs]
    init_locale(directories, app.config.language, MESSAGE_CATALOG)


def has_table(doctree: nodes.Node | None) -> bool:
    return doctree is not None and any(
        "vlm-table" in table["classes"] for table in doctree.findall(nodes.table)
    )


def add_script(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: the script, on the pages with a table only (it sorts an
    interactive table, and makes a scroll box that overflows a keyboard's tab stop)."""
    if has_table(doctree) and is_web_html(app):
        app.add_js_file(SCRIPT.name, loading_method="defer")
