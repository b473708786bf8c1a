"""Translation of table cells: the page's own message catalog, and what gettext needs."""

from __future__ import annotations

import gettext
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.i18n import docname_to_domain

from sphinx_vlmtable.nodes.build import vlm_tables
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords


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


def cell_translator(
    srcdir: str,
    language: str | None,
    locale_dirs: Sequence[str],
    gettext_compact: Any,
    docname: str,
) -> Callable[[str], str] | None:
    """How a page translates its plain cells: its own catalog's ``gettext``, or None."""
    if not language or not locale_dirs:
        return None
    domain = docname_to_domain(docname, gettext_compact)
    directories = [str(Path(srcdir) / directory) for directory in locale_dirs]
    catalog = page_catalog(directories, language, domain)
    return catalog.gettext if catalog is not None else None


class MarkCellsTranslatable(SphinxPostTransform):
    """Let the gettext builder collect the expanded cells.

    Its catalog skips nodes without a ``uid``, which Sphinx gives at read time, before
    the cells exist; an empty one is what Sphinx itself gives to copied nodes.
    """

    default_priority = 951  # after the late expansion (output/expand.py)
    builders = ("gettext",)

    def run(self, **kwargs: Any) -> None:
        for table in vlm_tables(self.document):
            for tbody in table.findall(nodes.tbody):
                for paragraph in tbody.findall(nodes.paragraph):
                    paragraph.uid = ""  # type: ignore[attr-defined]


#: The catalog of the script's words (``sphinx_vlmtable.mo`` in a project's locale_dirs).
#: None is shipped: a project that translates them brings its own.
MESSAGE_CATALOG = "sphinx_vlmtable"


def _(message: str) -> str:
    """Marks a message for extraction; ``labels`` translates it."""
    return message


#: The script's words, in English, by what they label.
LABELS = {
    "placeholder": _("Search the table"),
    "search": _("Search the table: show only rows that contain the text"),
    "shown": _("{shown} of {total} rows"),
    "sort": _("Sort by {column}"),
    "newest": _("Newest first"),
    "compare": _("Compare the ticked models"),
    "tick": _("Compare {model}"),
    "close": _("Close the comparison"),
    "filters": _("Filters"),
    "from": _("{column}: from"),
    "to": _("{column}: to"),
    "fromHint": _("from"),
    "toHint": _("to"),
    "any": _("Any"),
    "noValue": _("(no value)"),
    "contains": _("{column} contains"),
    "clear": _("Clear all filters"),
    "columns": _("Columns"),
    "show": _("Show {column}"),
    "copyLink": _("Copy link to this view"),
    "copied": _("Link copied"),
    "copyThis": _("Copy this link"),
    "previous": _("Previous page"),
    "next": _("Next page"),
    "rows": _("Rows {first}\u2013{last} of {count}"),
    "download": _("Download these rows"),
    "csv": _("CSV"),
    "json": _("JSON"),
}


#: The script's words that name entries, for ``vlmtable_entry_label``: ``{entries}`` is
#: its plural (the 0.3 message above stays the one for "models").
ENTRY_LABELS = {"compare": _("Compare the ticked {entries}")}


def labels(
    srcdir: str,
    language: str | None,
    locale_dirs: Sequence[str],
    words: EntryWords = DEFAULT_WORDS,
) -> dict[str, str]:
    """The script's words, translated from the project's own ``sphinx_vlmtable`` catalog
    where it has one: read with the standard library, as ``page_catalog`` reads a page's,
    so nothing global changes (``sphinx.locale.init`` chains catalogs for the process)."""
    catalog = _catalog(srcdir, language, tuple(locale_dirs))
    gettext = catalog.gettext if catalog is not None else str
    found = {key: gettext(message) for key, message in LABELS.items()}
    if words != DEFAULT_WORDS:
        for key, template in ENTRY_LABELS.items():
            found[key] = gettext(template).replace("{entries}", gettext(words.many))
    return found


def translated_words(
    words: EntryWords, srcdir: str, language: str | None, locale_dirs: Sequence[str]
) -> EntryWords:
    """An entry's words as the project's ``sphinx_vlmtable`` catalog translates them
    (``model``, or ``vlmtable_entry_label``), where it does."""
    catalog = _catalog(srcdir, language, tuple(locale_dirs))
    if catalog is None:
        return words
    return EntryWords(catalog.gettext(words.one), catalog.gettext(words.many))


def _catalog(
    srcdir: str, language: str | None, locale_dirs: tuple[str, ...]
) -> gettext.NullTranslations | None:
    """The project's ``sphinx_vlmtable`` catalog, or None."""
    if not language or not locale_dirs:
        return None
    directories = [str(Path(srcdir) / directory) for directory in locale_dirs]
    return page_catalog(directories, language, MESSAGE_CATALOG)
