"""An interactive table's sort data in HTML: the ranks and the script's words, in a
hidden element after the table, for ``static/script/vlmtable.js``.

Written by the node's HTML visitor from numbers and our own words, escaped: nothing of a
data file's text. Builders that are not HTML for a browser (EPUB, LaTeX, text) skip it.
"""

from __future__ import annotations

import html
import json
from typing import Any

from docutils import nodes

from sphinx_vlmtable.config import settings_of
from sphinx_vlmtable.nodes.extras import vlmtable_sort_data
from sphinx_vlmtable.nodes.i18n import labels
from sphinx_vlmtable.output.assets import is_web_html


def sort_data_html(node: vlmtable_sort_data, words: dict[str, str]) -> str:
    ranks = json.dumps(node["ranks"], separators=(",", ":"))
    recency = node.get("recency")
    newest = (
        f'data-recency="{html.escape(json.dumps(recency, separators=(",", ":")))}" '
        if recency
        else ""
    )
    explore = node.get("explore")
    # Column keys are the data file's: escaped, as every attribute here.
    more = (
        f' data-explore="{html.escape(json.dumps(explore, separators=(",", ":")))}"'
        if explore
        else ""
    )
    return (
        f'<div class="vlm-sort-data" hidden data-table="{html.escape(node["table_id"])}" '
        f'data-ranks="{html.escape(ranks)}" {newest}'
        f'data-labels="{html.escape(json.dumps(words, ensure_ascii=False))}"{more}></div>'
    )


def visit_sort_data_html(translator: Any, node: vlmtable_sort_data) -> None:
    builder = translator.builder
    if is_web_html(builder):
        config = builder.config
        entries = settings_of(config).entry_words
        words = labels(str(builder.srcdir), config.language, config.locale_dirs, entries)
        translator.body.append(sort_data_html(node, words))
    raise nodes.SkipNode
