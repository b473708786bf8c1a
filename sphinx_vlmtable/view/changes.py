"""What changed between two versions of a data file: models added, updated, removed.

Pure; no docutils. Models are matched by their ``id`` or name; a model whose former
name (``aliases:``) was a model of the old version is that model, renamed. An added and
a removed model whose other cells all match (at least two, and no other model's; the
columns ``ignore`` names are not compared) are one model renamed too, found without
``aliases:``: it is shown "renamed from", with a hint to add the alias. A model is
updated when any of its cells, links or tasks changed, each change kept as old → new
(numbers with their difference), or else when only its ``updated:`` date did.
``columns`` chooses the columns that count, ``ignore`` leaves some out (a leaderboard's
stars, refreshed every week). ``changes_text.py`` writes the result as text and
Markdown, grouped by date.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass

from sphinx_vlmtable.data.model import (
    MODEL_KEY,
    Model,
    SurveyData,
    Task,
    iter_leaves,
    iter_tasks,
)
from sphinx_vlmtable.view.change_values import number_difference

#: The key that names the tasks in ``columns`` and ``ignore`` (task states are not cells).
TASKS = "tasks"
#: The key of the entry date in ``columns`` and ``ignore`` (and its label in a change).
UPDATED = "updated"


@dataclass(frozen=True)
class CellChange:
    """One changed cell (or link, or task state), as it reads before and after."""

    label: str
    #: As written before and after ("" when it had no value).
    old: str
    new: str
    #: For a number column: ``new - old`` as written (``+1.8``, ``-2B``), else None.
    difference: str | None = None


@dataclass(frozen=True)
class UpdatedModel:
    model: Model
    #: The cells that changed, in the column order.
    changes: tuple[CellChange, ...] = ()
    #: The old name, when the model was renamed.
    renamed_from: str | None = None
    #: Whether the rename was found by the cells matching (no ``aliases:`` says it).
    rename_guessed: bool = False

    @property
    def changed(self) -> tuple[str, ...]:
        """The labels of the changed columns (``tasks``, ``updated``...)."""
        return tuple(dict.fromkeys(change.label for change in self.changes))


@dataclass(frozen=True)
class Changes:
    added: tuple[Model, ...]
    updated: tuple[UpdatedModel, ...]
    removed: tuple[Model, ...]

    @property
    def count(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed)


@dataclass(frozen=True)
class ChangeOptions:
    """Which columns count (``None``: all) and which do not."""

    columns: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()

    def counts(self, key: str) -> bool:
        return key not in self.ignore and (self.columns is None or key in self.columns)


def known_keys(old: SurveyData, new: SurveyData) -> set[str]:
    """The keys ``columns`` and ``ignore`` may name: either version's column keys,
    ``tasks``, ``updated`` and ``url``."""
    leaves = [*iter_leaves(old.columns), *iter_leaves(new.columns)]
    return {leaf.key for leaf in leaves if leaf.key} | {TASKS, UPDATED, "url"}


def compare_versions(
    old: SurveyData, new: SurveyData, options: ChangeOptions | None = None
) -> Changes:
    """The changes from ``old`` to ``new``, in ``new``'s order (removed: ``old``'s)."""
    options = options or ChangeOptions()
    compare = _Comparison(old, new, options)
    before = {model.identity: model for model in old.models}
    added: list[Model] = []
    updated: list[UpdatedModel | None] = []
    matched: set[str] = set()
    for model in new.models:
        previous, renamed = before.get(model.identity), None
        if previous is None or previous.identity in matched:
            previous = next(
                (before[a] for a in model.aliases if a in before and a not in matched), None
            )
            renamed = previous.name if previous is not None else None
        if previous is None:
            added.append(model)
            continue
        matched.add(previous.identity)
        updated.append(compare.updated(previous, model, renamed))
    removed = [model for model in old.models if model.identity not in matched]
    for guessed in compare.renames(added, removed):
        added.remove(guessed.model)
        updated.append(guessed)
    order = {model.identity: index for index, model in enumerate(new.models)}
    listed = sorted(
        (entry for entry in updated if entry is not None),
        key=lambda entry: order[entry.model.identity],
    )
    return Changes(tuple(added), tuple(listed), tuple(removed))


class _Comparison:
    """Two versions' columns and tasks, and the options: how two models differ."""

    def __init__(self, old: SurveyData, new: SurveyData, options: ChangeOptions) -> None:
        self.options = options
        self.labels: dict[str, str] = {}
        self.numbers: set[str] = set()
        for leaf in [*iter_leaves(new.columns), *iter_leaves(old.columns)]:
            if leaf.key and leaf.key not in self.labels:
                self.labels[leaf.key] = leaf.label
                if leaf.type == "number":
                    self.numbers.add(leaf.key)
        self.task_names = _task_names([*new.tasks, *old.tasks])

    def updated(self, old: Model, new: Model, renamed: str | None) -> UpdatedModel | None:
        changes = self.cell_changes(old, new)
        if changes or renamed:
            return UpdatedModel(new, changes, renamed)
        return None

    def cell_changes(self, old: Model, new: Model) -> tuple[CellChange, ...]:
        """What changed, among the cells that count; ``updated:`` alone when nothing else
        changed (not even in a column left out)."""
        changes: list[CellChange] = []
        anything = False
        for key in dict.fromkeys([*old.values, *new.values, *old.links, *new.links]):
            found = self._cell(old, new, key)
            anything = anything or bool(found)
            if self.options.counts("url" if key == MODEL_KEY else key):
                changes += found
        tasks = _task_changes(old, new, self.task_names)
        anything = anything or bool(tasks)
        if self.options.counts(TASKS):
            changes += tasks
        if not anything and old.updated != new.updated and self.options.counts(UPDATED):
            changes.append(CellChange(UPDATED, old.updated or "", new.updated or ""))
        return tuple(changes)

    def _cell(self, old: Model, new: Model, key: str) -> list[CellChange]:
        label = self.labels.get(key, key)
        before, after = old.values.get(key, ""), new.values.get(key, "")
        found = []
        if key != MODEL_KEY and (
            before != after or old.given_values.get(key) != new.given_values.get(key)
        ):
            difference = number_difference(before, after) if key in self.numbers else None
            found.append(CellChange(label, before, after, difference))
        if old.links.get(key) != new.links.get(key):
            found.append(
                CellChange(f"{label} link", old.links.get(key, ""), new.links.get(key, ""))
            )
        return found

    def signature(self, model: Model) -> tuple[object, ...] | None:
        """What a renamed model keeps: its cells (but those ``ignore`` leaves out, which
        change on their own), links and tasks; None when it has fewer than two cells
        with a value, too little to tell it from another."""
        values = {
            key: value
            for key, value in model.values.items()
            if key != MODEL_KEY and key not in self.options.ignore
        }
        if sum(1 for value in values.values() if value) < 2:
            return None
        links = {k: v for k, v in model.links.items() if k != MODEL_KEY}
        return (
            tuple(sorted(values.items())),
            tuple(sorted(model.given_values.items())),
            tuple(sorted(links.items())),
            tuple(sorted((model.tasks or {}).items())),
        )

    def renames(self, added: Iterable[Model], removed: list[Model]) -> list[UpdatedModel]:
        """An added model whose cells match exactly one removed model's (and no other
        added model's) is that model renamed."""
        added_by = _unique_by(added, self.signature)
        removed_by = _unique_by(removed, self.signature)
        found = []
        for signature, model in added_by.items():
            previous = removed_by.get(signature)
            if previous is not None:
                removed.remove(previous)
                found.append(UpdatedModel(model, (), previous.name, rename_guessed=True))
        return found


def _unique_by(
    models: Iterable[Model], signature_of: Callable[[Model], tuple[object, ...] | None]
) -> dict[tuple[object, ...], Model]:
    """The models by signature, leaving out signatures two models share."""
    seen: dict[tuple[object, ...], Model | None] = {}
    for model in models:
        signature = signature_of(model)
        if signature is not None:
            seen[signature] = None if signature in seen else model
    return {signature: model for signature, model in seen.items() if model is not None}


def _task_names(tasks: Collection[Task]) -> dict[str, str]:
    names: dict[str, str] = {}
    for task in iter_tasks(tasks):
        names.setdefault(task.key, task.name)
    return names


def _task_changes(old: Model, new: Model, names: dict[str, str]) -> list[CellChange]:
    before, after = old.tasks or {}, new.tasks or {}
    return [
        CellChange(names.get(key, key), before.get(key, ""), after.get(key, ""))
        for key in dict.fromkeys([*before, *after])
        if before.get(key) != after.get(key)
    ]
