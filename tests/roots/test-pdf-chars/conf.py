extensions = ["myst_parser", "sphinx_vlmtable"]
show_warning_types = True
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
