"""Sphinx configuration for the sphinx-vlmtable documentation."""

import sphinx_vlmtable

project = "sphinx-vlmtable"
author = "sphinx-vlmtable developers"
copyright = "2026, sphinx-vlmtable developers"
version = release = sphinx_vlmtable.__version__

extensions = ["myst_parser", "sphinx_vlmtable"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build", "snippets"]
myst_enable_extensions = ["colon_fence"]
numfig = True

html_theme = "alabaster"
html_title = "sphinx-vlmtable"

latex_documents = [
    ("index", "sphinx-vlmtable.tex", "sphinx-vlmtable", author, "manual"),
]
