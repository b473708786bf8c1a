"""Inline markup in cells (``markup: rst`` or ``markup: myst``), parsed in the page that
shows the table, at read time, so roles do what they do anywhere else in the page:
``:cite:`` is recorded by sphinxcontrib-bibtex, ``:ref:`` and ``:doc:`` resolve, a
``:download:`` is collected.

A cell's syntax is its column's, whichever page (.rst or .md) shows the table. A cell
comes from a data file, which may come from a stranger's pull request, so it is parsed
with a fixed configuration, whatever the site enables, and checked after parsing:

* each table's cells are parsed in a document of their own (the page's settings, raw
  output and file insertion off), so the page's substitutions, targets and footnotes
  are out of reach; MyST cells with MyST's default settings (no ``substitution``, no
  ``html_image``, no ``dollarmath``, whatever ``myst_enable_extensions`` says) and no
  inline HTML;
* the ``raw`` role and every role a page declares (``.. role::``) are refused, and a
  cell's default role is docutils' own (``title-reference``), not the page's;
* after parsing, a cell may hold no raw node, substitution, target, footnote or
  reference to a page's name; links use http, https or mailto (or no scheme); images
  and downloads are files inside the source directory (a remote image is never
  fetched); no control character or line separator, however it was written;
* a cell too long or with too many markup delimiters for docutils' inliner (whose
  work grows with the square of such cells) is shown as written, unparsed;
* every warning raised while a cell is parsed is located at the data file's line and
  counts toward ``vlmtable_max_problems``.

Each use of a cell gets its own nodes. Math in a cell is kept only where the page has
math of its own (see ``MathOnlyWherePageHasMath``): one ``:math:`` would otherwise add
MathJax, a third-party script, to a page that had none.

The modules: ``cells`` (``CellMarkup``, which the directives use: each text parsed once),
``parse`` (reST and MyST, confined), ``policy`` (what a parsed cell may hold),
``problems`` (located and counted warnings), ``math_transform``.
"""

from sphinx_vlmtable.nodes.markup.cells import CellMarkup
from sphinx_vlmtable.nodes.markup.math_transform import MathOnlyWherePageHasMath
from sphinx_vlmtable.nodes.markup.parse import (
    MAX_MARKUP_DELIMITERS,
    MAX_MARKUP_LENGTH,
    MarkupUnavailable,
    vlmtable_refused,
)
from sphinx_vlmtable.nodes.markup.policy import SAFE_SCHEMES

__all__ = [
    "MAX_MARKUP_DELIMITERS",
    "MAX_MARKUP_LENGTH",
    "SAFE_SCHEMES",
    "CellMarkup",
    "MarkupUnavailable",
    "MathOnlyWherePageHasMath",
    "vlmtable_refused",
]
