extensions = ["myst_parser", "sphinx_vlmtable"]
vlmtable_missing = "n/a"
vlmtable_default_data = "/data/models.yaml"
vlmtable_default_sort = "-year"
vlmtable_longtable_rows = 4
latex_documents = [("index", "project.tex", "Project", "Tests", "manual")]
# Print [vlmtable.subtype] after warnings on Sphinx 7 too (the default from Sphinx 8).
show_warning_types = True
