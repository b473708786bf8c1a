"""The nodes layer: a ``TableView`` to docutils nodes, at read time.

``build.table_nodes`` is the one seam the directives call; ``compact`` is the body
kept as one node with a typed payload until write time; ``markup`` parses markup
cells safely; ``i18n`` translates cells and the script's labels.
"""
