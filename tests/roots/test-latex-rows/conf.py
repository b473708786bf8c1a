# Rows LaTeX writes from the compact body in the cases that need care: a merged first
# column (a row's first cell is then not its name), a link whose text is its address,
# long paths with slashes, an en dash, a character pdflatex substitutes, best values,
# marks; links as footnotes (Sphinx's latex_show_urls).
extensions = ["myst_parser", "sphinx_vlmtable"]
show_warning_types = True
latex_show_urls = "footnote"
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
