extensions = ["myst_parser", "sphinx_vlmtable"]
show_warning_types = True
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
man_pages = [("index", "project", "Project", ["Tests"], 1)]
texinfo_documents = [("index", "project", "Project", "Tests", "project", "Tables.", "Misc")]
