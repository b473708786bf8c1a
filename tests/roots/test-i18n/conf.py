extensions = ["sphinx_vlmtable"]
language = "de"
locale_dirs = ["locale"]
