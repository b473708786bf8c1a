"""Sphinx configuration for the sphinx-vlmtable documentation."""

import sys
from pathlib import Path

import sphinx_vlmtable

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "sphinx-vlmtable"
author = "sphinx-vlmtable developers"
copyright = "2026, sphinx-vlmtable developers"
version = release = sphinx_vlmtable.__version__

# sphinxcontrib-bibtex: the "Publish a survey with citations" how-to cites in cells.
extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_vlmtable", "vlmtable_docs"]
bibtex_bibfiles = ["refs.bib"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
# The seed post is the importer's input (see howto/import), not a page.
exclude_patterns = ["_build", "snippets", "examples/seed-post.md"]
myst_enable_extensions = ["colon_fence", "deflist"]
numfig = True

html_theme = "alabaster"
html_title = "sphinx-vlmtable"
html_static_path = ["_static"]
# The docs' own layout: code in side-by-side snippet tables wraps on small screens.
html_css_files = ["docs.css"]

latex_documents = [
    ("index", "sphinx-vlmtable.tex", "sphinx-vlmtable", author, "manual"),
]
# The pattern reference (views.md) shows case folding with the long s and Greek
# sigmas, in its own text: pdflatex prints them from the text font's TS1 encoding
# (sphinxvlmtable.sty) and the math fonts. The extension's tables need nothing.
# The marks and emoji the prose names (data-format's vocabulary, the style how-to) have
# no pdflatex glyph: the PDF shows their code points, as the prose is about them.
_CODE_POINTS = ["26A1", "2611", "26D4", "1F7E0", "1F536", "25D0"]
latex_elements = {
    "preamble": "\n".join(
        [
            *(
                rf"\DeclareUnicodeCharacter{{{code}}}{{\texttt{{U+{code}}}}}"
                for code in _CODE_POINTS
            ),
            r"\DeclareUnicodeCharacter{017F}{\sphinxvlmtablelongs}",
            r"\DeclareUnicodeCharacter{03C3}{\ensuremath{\sigma}}",
            r"\DeclareUnicodeCharacter{03C2}{\ensuremath{\varsigma}}",
            r"\DeclareUnicodeCharacter{03A3}{\ensuremath{\Sigma}}",
        ]
    )
}
# Print [vlmtable.subtype] after warnings on Sphinx 7 too (the default from Sphinx 8).
show_warning_types = True
