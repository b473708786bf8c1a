"""The output layer: what each builder family gets at write time.

``writetime`` registers every write-time step in one ordered place; ``expand`` turns
the compact body into a standard ``tbody``; ``html`` (the scroll box, one id per
table), ``sortdata``, ``downloads`` and ``assets`` are for HTML; ``latex`` for LaTeX;
``text`` for writers that cannot draw spans.
"""
