"""``vlm-changes :feed:``: the Atom feed written beside its page, linked from the page (a
link in the text and ``<link rel="alternate">`` in its head, so feed readers find it).

Made at read time (``view/feed.py``); written here, where the builder knows the pages'
addresses: absolute with ``html_baseurl``, else relative to the feed.
"""

from __future__ import annotations

import html
import posixpath
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from sphinx_vlmtable.nodes.extras import vlmtable_feed
from sphinx_vlmtable.output.assets import is_web_html
from sphinx_vlmtable.view.feed import atom_xml

#: The class of the feed's link in the page (and what puts it in the page's head).
FEED_LINK_CLASS = "vlm-feed"


def _absolute(base: str, target: str) -> str:
    return f"{base.rstrip('/')}/{target}"


def write_feed(app: Sphinx, node: vlmtable_feed, written: str) -> None:
    """Write the feed beside its page and put its link where the node was (in the page
    being written: in singlehtml, the one page that holds them all)."""
    builder: Any = app.builder
    target = posixpath.join(posixpath.dirname(node["docname"]), node["name"])
    page = builder.get_target_uri(node["docname"])
    base = app.config.html_baseurl
    page_url = _absolute(base, page) if base else relative_uri(target, page)
    feed_url = _absolute(base, target) if base else node["name"]
    author = app.config.author or app.config.project or "sphinx-vlmtable"
    path = Path(builder.outdir, *target.split("/"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(atom_xml(node["feed"], page_url, feed_url, author), encoding="utf-8")
    uri = relative_uri(builder.get_target_uri(written), target)
    link = nodes.reference("Atom feed", "Atom feed", refuri=uri, classes=[FEED_LINK_CLASS])
    link["reftitle"] = node["feed"].title
    node.replace_self(nodes.paragraph("", "Follow these changes: ", link, classes=["vlm-feeds"]))


def link_feeds_in_head(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context``: each feed the page links to, as ``<link rel="alternate">``."""
    if doctree is None or not is_web_html(app.builder):
        return
    for reference in doctree.findall(nodes.reference):
        if FEED_LINK_CLASS in reference["classes"]:
            title = html.escape(reference.get("reftitle", "Atom feed"))
            href = html.escape(reference["refuri"])
            context["metatags"] = (
                context.get("metatags", "")
                + f'\n    <link rel="alternate" type="application/atom+xml" title="{title}"'
                f' href="{href}" />'
            )
