extensions = ["myst_parser", "sphinx_vlmtable"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
numfig = True
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
man_pages = [("index", "project", "Project", ["Tests"], 1)]
texinfo_documents = [("index", "project", "Project", "Tests", "project", "", "Misc")]
project = "Project"
copyright = "2026, Tests"
version = release = "1.0"
# Print [vlmtable.subtype] after warnings on Sphinx 7 too (the default from Sphinx 8).
show_warning_types = True
