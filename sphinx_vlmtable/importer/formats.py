"""The formats ``vlmtable import`` reads: each a name (``--from``), the file name
endings that mean it, and its reader (text to a source page). A new format is a reader
module and one line in ``_FORMATS``."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from sphinx_vlmtable.importer.html_reader import read_html
from sphinx_vlmtable.importer.markdown_reader import read_markdown
from sphinx_vlmtable.importer.source import SourcePage


@dataclass(frozen=True)
class ImportFormat:
    """One format a survey table can be imported from."""

    #: Its name for ``vlmtable import --from``.
    name: str
    #: How the help names it ("a Markdown or HTML table").
    label: str
    #: The file name endings (lower case, with the dot) that mean this format.
    suffixes: tuple[str, ...]
    #: Reads a page's text into source tables.
    read: Callable[[str], SourcePage]


_FORMATS = (
    ImportFormat("md", "Markdown", (".md", ".markdown"), read_markdown),
    ImportFormat("html", "HTML", (".html", ".htm"), read_html),
)

#: Every import format by name, in the order the help lists them.
IMPORT_FORMATS: Mapping[str, ImportFormat] = MappingProxyType({f.name: f for f in _FORMATS})


def format_of(path: str) -> ImportFormat | None:
    """The format a file's name says (its ending, in any case), or None."""
    suffix = os.path.splitext(path)[1].lower()
    return next((f for f in IMPORT_FORMATS.values() if suffix in f.suffixes), None)
