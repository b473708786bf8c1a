extensions = ["sphinx_vlmtable"]
