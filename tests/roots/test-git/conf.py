extensions = ["myst_parser", "sphinx_vlmtable"]
show_warning_types = True
