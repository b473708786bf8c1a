"""Translation of table cells: the page's own message catalog, and what gettext needs."""

from __future__ import annotations

import gettext
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import get_translation
from sphinx.locale import init as init_locale
from sphinx.transforms.post_transforms import SphinxPostTransform


def page_catalog(
    locale_dirs: Sequence[str], language: str, domain: str
) -> gettext.NullTranslations | None:
    """The project's own catalog for a page's gettext domain, or None.

    Read with the standard library, not ``sphinx.locale.init``: that one registers a
    translator per call and chains every later call onto it (a page with a thousand
    tables recursed past the limit), and it falls back on Sphinx's own UI messages.
    The first directory that has the catalog wins, as in Sphinx's ``Locale`` transform.
    """
    # gettext.find tries "de_DE", then "de", as gettext.translation would.
    files = [gettext.find(domain, directory, [language]) for directory in locale_dirs]
    catalog: gettext.NullTranslations | None = None
    for path in files:
        if path is None:
            continue
        with open(path, "rb") as stream:
            found = gettext.GNUTranslations(stream)
        if catalog is None:
            catalog = found
        else:
            catalog.add_fallback(found)
    return catalog


class MarkCellsTranslatable(SphinxPostTransform):
    """Let the gettext builder collect the expanded cells.

    Its catalog skips nodes without a ``uid``, which Sphinx gives at read time, before
    the cells exist; an empty one is what Sphinx itself gives to copied nodes.
    """

    default_priority = 6
    builders = ("gettext",)

    def run(self, **kwargs: Any) -> None:
        for table in self.document.findall(nodes.table):
            if "vlm-table" not in table["classes"]:
                continue
            for tbody in table.findall(nodes.tbody):
                for paragraph in tbody.findall(nodes.paragraph):
                    paragraph.uid = ""  # type: ignore[attr-defined]


#: The catalog of the script's labels (``sphinx_vlmtable.mo`` in a project's locale_dirs).
MESSAGE_CATALOG = "sphinx_vlmtable"


_ = get_translation(MESSAGE_CATALOG)


def labels() -> dict[str, str]:
    """The script's words, translated with the project's language."""
    return {
        "placeholder": _("Search the table"),
        "search": _("Search the table: show only rows that contain the text"),
        "shown": _("{shown} of {total} rows"),
        "sort": _("Sort by {column}"),
        "newest": _("Newest first"),
        "compare": _("Compare the ticked models"),
        "tick": _("Compare {model}"),
        "close": _("Close the comparison"),
    }


def load_label_catalogs(app: Sphinx) -> None:
    """``builder-inited``: the script's words from the project's ``locale_dirs`` too
    (``<dir>/<language>/LC_MESSAGES/sphinx_vlmtable.po``), as for Sphinx's own."""
    if not app.config.language or not app.config.locale_dirs:
        return
    directories = [str(Path(app.srcdir) / directory) for directory in app.config.locale_dirs]
    init_locale(directories, app.config.language, MESSAGE_CATALOG)
