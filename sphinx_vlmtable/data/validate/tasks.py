"""Tasks: the ``tasks`` tree, the index of names and keys that models state tasks by,
and the states a model gives them (what ``vlm-matrix`` shows).

A model's task states belong to the "matrix" section: a problem there stops the matrix,
not the table.
"""

from __future__ import annotations

from collections.abc import Mapping

from sphinx_vlmtable.data.model import TASK_STATES, Task, iter_tasks, snake_case
from sphinx_vlmtable.data.validate.reporter import ProblemReporter
from sphinx_vlmtable.data.validate.scalars import (
    check_keys,
    read_flag,
    read_list,
    read_mapping,
    read_text,
)
from sphinx_vlmtable.data.yamlsource import MarkedMapping, MarkedNode, MarkedScalar
from sphinx_vlmtable.warnings_ import VlmTableWarning

TASK_KEYS = ("name", "key", "description", "subtasks", "bold")


def read_tasks(reporter: ProblemReporter, node: MarkedNode) -> tuple[Task, ...]:
    """A list of tasks (``tasks``, or a task's ``subtasks``); those with problems left out."""
    tasks = (_task(reporter, item) for item in read_list(reporter, node, "'tasks'"))
    return tuple(task for task in tasks if task)


def index_tasks(reporter: ProblemReporter, tasks: tuple[Task, ...]) -> dict[str, str]:
    """Each task's name and key, to its key; a key used twice is a problem."""
    index: dict[str, str] = {}
    keys: dict[str, Task] = {}
    for task in iter_tasks(tasks):
        if task.key in keys:
            reporter.report(
                VlmTableWarning.DUPLICATE_KEY,
                f"two tasks have the key {task.key!r} (the first at line "
                f"{keys[task.key].line}); give one a 'key' of its own",
                task.line,
            )
            continue
        keys[task.key] = task
        index[task.key] = task.key
        index.setdefault(task.name, task.key)
    return index


def read_task_states(
    reporter: ProblemReporter, node: MarkedNode, task_keys: Mapping[str, str]
) -> dict[str, str] | None:
    """A model's ``tasks``: a list of task names or keys (those listed are "yes",
    the rest "no"), or a mapping of them to yes, partial or no (the rest not stated)."""
    with reporter.in_section("matrix"):
        if type(node) is MarkedScalar and node.plain and not node.text:
            return None  # "tasks:" with nothing: not stated
        if type(node) is MarkedMapping:
            return _stated_tasks(reporter, node, task_keys)
        return _listed_tasks(reporter, node, task_keys)


def _task(reporter: ProblemReporter, node: MarkedNode) -> Task | None:
    """One task and its subtasks; without a name it is left out."""
    mapping = read_mapping(reporter, node, "a task")
    if mapping is None:
        return None
    check_keys(reporter, mapping, TASK_KEYS, "a task")
    items = mapping.items
    name = read_text(reporter, items["name"][1], "a task's name") if "name" in items else None
    if not name or not name.strip():
        if name is not None or "name" not in items:
            reporter.report(
                VlmTableWarning.MISSING_KEY,
                "a task needs a non-empty 'name'",
                mapping.line,
                mapping.column,
            )
        return None
    description = None
    if "description" in items:
        description = read_text(reporter, items["description"][1], "a task's description")
    subtasks: tuple[Task, ...] = ()
    if "subtasks" in items:
        subtasks = read_tasks(reporter, items["subtasks"][1])
    bold = read_flag(reporter, items["bold"][1], "a task's 'bold'") if "bold" in items else True
    key = snake_case(name)
    if "key" in items:
        written = read_text(reporter, items["key"][1], "a task's key")
        if written is not None and written.strip():
            key = written.strip()
    return Task(name, description or None, subtasks, bold, mapping.line, key)


def _stated_tasks(
    reporter: ProblemReporter, node: MarkedMapping, task_keys: Mapping[str, str]
) -> dict[str, str]:
    """``tasks: {captioning: yes, vqa: partial}``: each task's state, by its key. A
    task left out, or named with nothing after it (``vqa:``), is not stated."""
    states: dict[str, str] = {}
    for name, (key, value) in node.items.items():
        task = _task_named(reporter, name, key, task_keys)
        if type(value) is MarkedScalar and value.plain and not value.text:
            continue  # "vqa:" with nothing: not stated
        state = read_text(reporter, value, f"the state of the task {name!r}")
        if state is not None and state.lower() not in TASK_STATES:
            reporter.report(
                VlmTableWarning.TYPE,
                f"the state of the task {name!r} must be yes, partial or no, not {state!r}",
                value.line,
                value.column,
            )
        elif task is not None and state is not None:
            states[task] = state.lower()
    return states


def _listed_tasks(
    reporter: ProblemReporter, node: MarkedNode, task_keys: Mapping[str, str]
) -> dict[str, str]:
    """``tasks: [captioning, vqa]``: the tasks listed are "yes", by their keys."""
    states: dict[str, str] = {}
    for item in read_list(reporter, node, "the model's 'tasks'"):
        listed = read_text(reporter, item, "a task in the model's 'tasks'")
        if listed is None:
            continue
        assert type(item) is MarkedScalar
        listed_key = _task_named(reporter, listed, item, task_keys)
        if listed_key is not None:
            states[listed_key] = "yes"
    return states


def _task_named(
    reporter: ProblemReporter, name: str, node: MarkedScalar, task_keys: Mapping[str, str]
) -> str | None:
    """The key of the task a model names (by its name or its key), if there is one."""
    key = task_keys.get(name)
    if key is None:
        reporter.report(
            VlmTableWarning.UNKNOWN_KEY,
            f"the model states the task {name!r}, but 'tasks' has no task with that "
            f"name or key{reporter.did_you_mean(name, task_keys)}",
            node.line,
            node.column,
        )
    return key
