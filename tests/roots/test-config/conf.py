extensions = ["myst_parser", "sphinx_vlmtable"]
show_warning_types = True
# "size" is a column of one data file only: the other's tables warn once, keep their order.
vlmtable_default_sort = "-size"
