"""The data model: columns, models, tasks and a loaded file, as frozen dataclasses.

What the validator (``validate/``) builds and every later layer reads. Each model,
cell and task knows its line in its data file; nothing here imports docutils.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sphinx_vlmtable.data.marks import NOT_STATED
from sphinx_vlmtable.warnings_ import DataProblem

#: The key of the column that names each model; the table's stub column.
MODEL_KEY = "model"


#: The model key that links the model's name, beside the column keys.
URL_KEY = "url"


#: The model key that states which tasks a model supports (see ``vlm-matrix``).
TASKS_KEY = "tasks"


#: The model key that lists its former names: links and anchors to them still work.
ALIASES_KEY = "aliases"


#: The model key that tells rows with the same name apart (a leaderboard's two systems
#: from one paper): unique in the file, it gives the row's anchor and a link target.
ID_KEY = "id"


#: The model keys that date a row's entry in the survey (``:new-since:``, ``vlm-changes``):
#: when it was added, and when it was last changed. Dates, never columns.
ADDED_KEY = "added"
UPDATED_KEY = "updated"


#: Model keys that are not columns: no column may use them as its key.
RESERVED_MODEL_KEYS = (URL_KEY, TASKS_KEY, ALIASES_KEY, ID_KEY, ADDED_KEY, UPDATED_KEY)


#: What a model may state about a task.
TASK_STATES = ("yes", "partial", "no")


@dataclass(frozen=True, slots=True)
class Column:
    """A header column: a leaf (with a ``key``) or a group (with ``columns``).

    A leaf's settings say how its cells are read: ``type`` gives their sort and filter
    value (they are always shown as written), ``missing`` the texts that mean "no value"
    (None: the file's list), ``align`` and ``best`` how they are shown, ``markup`` the
    inline syntax they are written in (None: plain text).
    """

    label: str
    key: str | None = None
    columns: tuple[Column, ...] = ()
    line: int = 0
    type: str = "text"
    align: str | None = None
    best: str | None = None
    markup: str | None = None
    missing: tuple[str, ...] | None = None

    @property
    def is_group(self) -> bool:
        return self.key is None


@dataclass(frozen=True, slots=True)
class Model:
    """One row: the text of each cell as written, and the cells that link somewhere."""

    name: str
    values: dict[str, str]
    links: dict[str, str]
    line: int
    column: int = 1
    #: Task key to "yes", "partial" or "no"; None when the model states no tasks.
    tasks: dict[str, str] | None = None
    #: Former names (``aliases:``): links to them resolve, their anchors stay on the row.
    aliases: tuple[str, ...] = ()
    #: The line of each value, by column key: where a cell's problems are reported.
    lines: dict[str, int] = field(default_factory=dict)
    #: The keys of typed values that do not parse (shown as written, marked in HTML).
    invalid: frozenset[str] = frozenset()
    #: The model file it comes from (``models_from``); None: the data file itself.
    source: str | None = None
    #: ``id:``, unique in the file: the row's anchor and a link target (None: the name).
    row_id: str | None = None
    #: The ``value`` of cells written ``{text, value}``: what they sort and filter by.
    given_values: dict[str, str] = field(default_factory=dict)
    #: ``added:`` and ``updated:`` as written (dates that parse), or None.
    added: str | None = None
    updated: str | None = None
    #: The state of a task that ``tasks`` does not name: "no" after a list of tasks
    #: (those listed are yes, the rest no), "not stated" after a mapping (it states
    #: what it names, and claims nothing of the rest).
    unnamed_tasks: str = NOT_STATED

    @property
    def reading_values(self) -> dict[str, str]:
        """Each cell's text to read a value from: its given ``value``, or else its text."""
        return {**self.values, **self.given_values} if self.given_values else self.values

    @property
    def identity(self) -> str:
        """What tells this row apart: its ``id``, or else its name."""
        return self.row_id if self.row_id is not None else self.name


@dataclass(frozen=True, slots=True)
class Task:
    name: str
    description: str | None = None
    subtasks: tuple[Task, ...] = ()
    bold: bool = True
    line: int = 0
    #: How views and models name it without spaces or slashes (default: snake_case).
    key: str = ""


def snake_case(text: str) -> str:
    """``Visual Grounding`` -> ``visual_grounding``: a key from a label or a name."""
    key = re.sub(r"[^0-9a-zA-Z]+", "_", text.strip().lower()).strip("_")
    return key or "column"


def iter_tasks(tasks: Iterable[Task]) -> Iterable[Task]:
    for task in tasks:
        yield task
        yield from iter_tasks(task.subtasks)


DEFAULT_COLUMNS: tuple[Column, ...] = (
    Column("Model", MODEL_KEY),
    Column("Year", "year", type="date"),
    Column(
        "Model Architecture",
        columns=(
            Column("Vision Encoder", "vision_encoder"),
            Column("Adapter", "adapter"),
            Column("LLM", "llm"),
        ),
    ),
    Column("Training Recipe", "training_recipe"),
    Column("Data Recipe", "data_recipe"),
)


@dataclass(frozen=True)
class SurveyData:
    """A data file, validated as far as it could be; see ``LoadResult.problems``."""

    columns: tuple[Column, ...] = DEFAULT_COLUMNS
    models: tuple[Model, ...] = ()
    tasks: tuple[Task, ...] = ()
    #: The texts that mean "no value" in every column (None: the placeholder alone).
    missing: tuple[str, ...] | None = None
    #: Whether the file declares ``columns`` (if not, the default VLM layout is in force).
    columns_declared: bool = False
    #: The model files read for ``models_from``, and its patterns (a page showing the
    #: data depends on both: a new file that a pattern matches is a change).
    model_files: tuple[str, ...] = ()
    model_patterns: tuple[str, ...] = ()


@dataclass(frozen=True)
class LoadResult:
    data: SurveyData
    problems: tuple[DataProblem, ...] = ()

    def problems_in(self, *sections: str) -> list[DataProblem]:
        """The problems that stop a view of these sections (file problems stop all)."""
        return [p for p in self.problems if p.section == "file" or p.section in sections]


def iter_leaves(columns: Iterable[Column]) -> Iterable[Column]:
    for column in columns:
        if column.is_group:
            yield from iter_leaves(column.columns)
        else:
            yield column


#: How the problems name the default layout, and how to leave it.
DEFAULT_LAYOUT_HINT = (
    "the file declares no 'columns', so the default VLM layout is in force (model, year, "
    "vision_encoder, adapter, llm, training_recipe, data_recipe); declare 'columns:' "
    "with a 'key' and 'label' for each of yours"
)


def missing_texts(
    column: Column, file_missing: tuple[str, ...] | None, placeholder: str
) -> frozenset[str]:
    """The texts that mean "no value" in this column."""
    if column.missing is not None:
        return frozenset(column.missing)
    if file_missing is not None:
        return frozenset(file_missing)
    return frozenset((placeholder,))
