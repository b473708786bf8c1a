"""``vlmtable import``: an existing survey table (Markdown, HTML) to a data file.

No Sphinx here. ``source`` holds what the readers give; ``formats`` names the formats
and their readers (``markdown_reader``, ``html_reader``), a new format being a reader
module and one line there; ``convert`` turns a source table into the data model (with
``grid``, ``header`` for the columns, ``sections``, ``rows`` and ``cells`` for the
models, ``types`` for the column types), noting every row's and link's fate in a
receipt (``receipt``, in words by ``report``); ``yaml_writer`` writes the data file and a
page that shows it.
"""

from sphinx_vlmtable.importer.convert import convert
from sphinx_vlmtable.importer.formats import IMPORT_FORMATS, ImportFormat, format_of
from sphinx_vlmtable.importer.html_reader import read_html
from sphinx_vlmtable.importer.markdown_reader import read_markdown, tasks_under
from sphinx_vlmtable.importer.receipt import ImportReceipt, TableReceipt, settle
from sphinx_vlmtable.importer.report import receipt_text
from sphinx_vlmtable.importer.source import (
    ImportError_,
    ImportOptions,
    ImportResult,
    SourcePage,
)
from sphinx_vlmtable.importer.yaml_writer import page_text

__all__ = [
    "IMPORT_FORMATS",
    "ImportError_",
    "ImportFormat",
    "ImportOptions",
    "ImportReceipt",
    "ImportResult",
    "SourcePage",
    "TableReceipt",
    "convert",
    "format_of",
    "page_text",
    "read_html",
    "read_markdown",
    "receipt_text",
    "settle",
    "tasks_under",
]
