"""A marked YAML tree to the data model: every problem collected with its line.

Nothing here imports docutils: the same validation serves the directives and the
``vlmtable check`` command, so one build reports all problems, not only the first.

One checker per part of a data file: ``scalars`` (text, lists, mappings, addresses,
flags, known keys, typed values), ``columns``, ``tasks``, ``models`` and ``files``
(``models_from``). They share one ``reporter`` (the problems, their cap, where reading
is); ``load`` reads the sections in order. A new key's check goes in its part's module.
"""

from sphinx_vlmtable.data.validate.columns import COLUMN_KEYS, SETTING_CHOICES, SETTING_KEYS
from sphinx_vlmtable.data.validate.files import ModelFiles, ReadModels
from sphinx_vlmtable.data.validate.load import TOP_LEVEL_KEYS, load_survey_text
from sphinx_vlmtable.data.validate.models import CELL_KEYS
from sphinx_vlmtable.data.validate.tasks import TASK_KEYS

__all__ = [
    "CELL_KEYS",
    "COLUMN_KEYS",
    "SETTING_CHOICES",
    "SETTING_KEYS",
    "TASK_KEYS",
    "TOP_LEVEL_KEYS",
    "ModelFiles",
    "ReadModels",
    "load_survey_text",
]
