"""Write time: each compact body becomes a standard ``tbody``, translated, ids unique."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain

from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.nodes.compact import CompactBody, build_tbody, vlmtable_body
from sphinx_vlmtable.nodes.i18n import page_catalog
from sphinx_vlmtable.nodes.ids import unique_among


class ExpandTableBodies(SphinxPostTransform):
    """Replace each ``vlmtable_body`` with its rows, for every builder.

    The body cells never went through Sphinx's read-time ``Locale`` transform, so
    they are translated here, from the same message catalog as the page.
    """

    # Before the builders' own table handling and anything that walks table cells.
    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        bodies = list(self.document.findall(vlmtable_body))
        if not bodies:
            return
        taken = {
            identifier
            for element in self.document.findall(nodes.Element)
            for identifier in element["ids"]
        }
        # One catalog read per page and gettext domain (singlehtml joins many pages).
        translators: dict[str, Callable[[str], str] | None] = {}
        counters: dict[str, int] = {}
        for node in bodies:
            body: CompactBody = node["body"]
            row_ids = unique_among(body.row_ids, taken, counters)
            former = unique_among(
                [former_id for _row, former_id in body.alias_ids], taken, counters
            )
            if row_ids != body.row_ids or former != [i for _row, i in body.alias_ids]:
                pairs = zip(body.alias_ids, former, strict=True)
                alias_ids = [(row, i) for (row, _old), i in pairs]
                body = replace(body, row_ids=row_ids, alias_ids=alias_ids)
                node["body"] = body
            if body.docname not in translators:
                translators[body.docname] = self.translator(body.docname)
            with gc_paused():
                node.replace_self(build_tbody(node, translators[body.docname]))

    def translator(self, docname: str) -> Callable[[str], str] | None:
        if not self.config.language or not self.config.locale_dirs:
            return None
        domain = docname_to_domain(docname, self.config.gettext_compact)
        directories = [str(self.env.srcdir / directory) for directory in self.config.locale_dirs]
        catalog = page_catalog(directories, self.config.language, domain)
        return catalog.gettext if catalog is not None else None
