"""The capability matrix: models by tasks, as a view. Pure; no docutils.

The task tree is the header (a task with subtasks is a group over them); a parent task
gets a column of its own only when some model states it. Each cell is the model's
state for the task: yes, partial, no, or "not stated" for a model without ``tasks``.
The matrix is a ``TableView`` like any table's, so sorting, filtering, exports and the
nodes are the table's own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from sphinx_vlmtable.data.marks import NOT_STATED, mark_state
from sphinx_vlmtable.data.model import (
    MODEL_KEY,
    Column,
    Model,
    SurveyData,
    Task,
    iter_leaves,
    iter_tasks,
)
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.table import TableView, build_view

#: The words a matrix cell says; a model without ``tasks`` states nothing.
STATES = ("yes", "partial", "no", NOT_STATED)
#: The label of a parent task's own column, under the group of its subtasks.
OVERALL = "overall"


def task_columns(tasks: Iterable[Task], stated: set[str]) -> tuple[Column, ...]:
    """The header for these tasks: a leaf per task, a group per task with subtasks."""
    columns = []
    for task in tasks:
        if not task.subtasks:
            columns.append(Column(task.name, task.key, type="text"))
            continue
        children = task_columns(task.subtasks, stated)
        if task.key in stated:  # the parent has a column of its own, first in its group
            children = (Column(OVERALL, task.key), *children)
        columns.append(Column(task.name, None, children))
    return tuple(columns)


def model_states(model: Model, keys: Sequence[str]) -> dict[str, str]:
    """The model's state for each task key, as the matrix shows it: a task its
    ``tasks`` list leaves out is no, one its mapping leaves out is not stated."""
    if model.tasks is None:
        return dict.fromkeys(keys, NOT_STATED)
    return {key: model.tasks.get(key, model.unnamed_tasks) for key in keys}


def marks_as_tasks(data: SurveyData) -> SurveyData:
    """A file without ``tasks`` whose columns hold marks (``type: mark``): each such
    column a task, each model's marks its states (a blank cell: not stated)."""
    leaves = [leaf for leaf in iter_leaves(data.columns) if leaf.type == "mark" and leaf.key]
    if data.tasks or not leaves:
        return data
    tasks = tuple(Task(leaf.label, line=leaf.line, key=leaf.key or "") for leaf in leaves)
    models = []
    for model in data.models:
        states = {}
        for leaf in leaves:
            text = model.reading_values.get(leaf.key or "")
            state = mark_state(text) if text is not None else None
            if state is not None:
                states[leaf.key or ""] = state
        models.append(replace(model, tasks=states, unnamed_tasks=NOT_STATED))
    return replace(data, tasks=tasks, models=tuple(models))


def build_matrix_view(data: SurveyData, options: ViewOptions) -> TableView:
    """Models by tasks (or, in a file without tasks, by its columns of marks).
    ``options.columns`` names task keys (the model column is always shown); ``:sort:``
    and ``:filter:`` may name task keys and the file's columns."""
    data = marks_as_tasks(data)
    stated = {key for model in data.models for key in (model.tasks or {})}
    tasks = task_columns(data.tasks, stated)
    task_keys = [leaf.key for leaf in iter_leaves(tasks) if leaf.key is not None]
    if not task_keys:
        raise ViewError("the data file has no 'tasks' (nor columns of 'type: mark') to show")
    known = {task.key for task in iter_tasks(data.tasks)}
    chosen = list(options.columns) if options.columns is not None else task_keys
    for key in chosen:
        if key in known and key not in task_keys:
            raise ViewError(f":columns: no model states the task {key!r}")
    # The file's own columns stay known (hidden) to :sort: and :filter:.
    model_column = next(leaf for leaf in iter_leaves(data.columns) if leaf.key == MODEL_KEY)
    others = tuple(
        leaf for leaf in iter_leaves(data.columns) if leaf.key not in (MODEL_KEY, *task_keys)
    )
    columns = (model_column, *tasks, *others)
    models = tuple(
        replace(model, values={**model.values, **model_states(model, task_keys)})
        for model in data.models
    )
    # "not stated" is no value: it sorts last and never matches a comparison.
    matrix = SurveyData(columns, models, data.tasks, (NOT_STATED,), columns_declared=True)
    shown = [MODEL_KEY, *(key for key in chosen if key != MODEL_KEY)]
    view = build_view(matrix, replace(options, columns=shown, missing=NOT_STATED))
    states = tuple(i for i, leaf in enumerate(view.leaves) if leaf.key in task_keys)
    return replace(view, state_columns=states)
