extensions = ["myst_parser", "sphinx_vlmtable"]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
project = "Routers"
author = "The Router Survey"
show_warning_types = True
