extensions = ["myst_parser", "sphinx_vlmtable"]
show_warning_types = True
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
version = "1.0"
copyright = "2026, Tests"
man_pages = [("charts", "project", "Project", ["Tests"], 1)]
texinfo_documents = [("index", "project", "Project", "Tests", "project", "A survey.", "Misc")]
