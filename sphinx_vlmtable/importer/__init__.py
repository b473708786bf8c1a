"""``vlmtable import``: an existing Markdown or HTML survey table to a data file.

No Sphinx here. ``source`` holds what the readers give; ``markdown_reader`` and
``html_reader`` read a page; ``convert`` turns a source table into the data model;
``yaml_writer`` writes the data file and a page that shows it.
"""

from sphinx_vlmtable.importer.convert import convert
from sphinx_vlmtable.importer.html_reader import read_html
from sphinx_vlmtable.importer.markdown_reader import read_markdown, tasks_under
from sphinx_vlmtable.importer.source import (
    ImportError_,
    ImportOptions,
    ImportResult,
    SourcePage,
)
from sphinx_vlmtable.importer.yaml_writer import page_text

__all__ = [
    "ImportError_",
    "ImportOptions",
    "ImportResult",
    "SourcePage",
    "convert",
    "page_text",
    "read_html",
    "read_markdown",
    "tasks_under",
]
