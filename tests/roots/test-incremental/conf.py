extensions = ["myst_parser", "sphinx_vlmtable"]
# Print [vlmtable.subtype] after warnings on Sphinx 7 too (the default from Sphinx 8).
show_warning_types = True
