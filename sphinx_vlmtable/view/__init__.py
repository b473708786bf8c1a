"""The view layer: data and a directive's options to a ``TableView``, pure.

``table`` builds the view (rows, cells, spans, widths); ``readings``, ``sorting``,
``filters`` and ``patterns`` say how cells compare, order and match; ``layout`` is the
header grid; ``matrix`` the models-by-tasks view; ``ranks`` the interactive sort data;
``export`` writes a view as CSV, JSON or Markdown. No docutils, no Sphinx.
"""
