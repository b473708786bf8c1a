"""The data layer: a data file's bytes to the validated data model.

``files`` reads a file safely; ``yamlsource`` parses YAML keeping every line;
``validate`` checks it against the format and builds the ``model``; ``values`` parses
typed values; ``suggest`` finds the name meant. No docutils, no Sphinx: ``vlmtable
check`` runs this layer alone.
"""
