extensions = ["myst_parser", "sphinxcontrib.bibtex", "sphinx_vlmtable"]
show_warning_types = True
bibtex_bibfiles = ["refs.bib"]
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
