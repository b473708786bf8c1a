extensions = ["myst_parser", "sphinx_vlmtable"]
