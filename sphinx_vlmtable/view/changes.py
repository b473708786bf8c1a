"""What changed between two versions of a data file: models added, updated, removed.

Pure; no docutils. Models are matched by their ``id`` or name; a model whose former
name (``aliases:``) was a model of the old version is that model, renamed. A model is
updated when any of its cells, links, tasks or its ``updated:`` date changed; the
changed columns are named by their labels. ``changes_markdown`` writes the same as
Markdown (``vlmtable diff``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sphinx_vlmtable.data.markdown import markdown_text
from sphinx_vlmtable.data.model import Model, SurveyData, iter_leaves


@dataclass(frozen=True)
class UpdatedModel:
    model: Model
    #: The labels of the changed columns (and "url", "tasks" where those changed).
    changed: tuple[str, ...]
    #: The old name, when the model was renamed (its old name is one of its aliases).
    renamed_from: str | None = None


@dataclass(frozen=True)
class Changes:
    added: tuple[Model, ...]
    updated: tuple[UpdatedModel, ...]
    removed: tuple[Model, ...]

    @property
    def count(self) -> int:
        return len(self.added) + len(self.updated) + len(self.removed)


def compare_versions(old: SurveyData, new: SurveyData) -> Changes:
    """The changes from ``old`` to ``new``, in ``new``'s order (removed: ``old``'s)."""
    before = {model.identity: model for model in old.models}
    labels = {leaf.key: leaf.label for leaf in iter_leaves(new.columns) if leaf.key}
    labels.update(
        {
            k: v
            for k, v in ((leaf.key, leaf.label) for leaf in iter_leaves(old.columns))
            if k and k not in labels
        }
    )
    added, updated, matched = [], [], set()
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
        changed = changed_fields(previous, model, labels)
        if changed or renamed:
            updated.append(UpdatedModel(model, changed, renamed))
    removed = tuple(model for model in old.models if model.identity not in matched)
    return Changes(tuple(added), tuple(updated), removed)


def changed_fields(old: Model, new: Model, labels: dict[str, str]) -> tuple[str, ...]:
    keys = dict.fromkeys([*old.values, *new.values, *old.links, *new.links])
    changed = [
        labels.get(key, key)
        for key in keys
        if old.values.get(key) != new.values.get(key)
        or old.links.get(key) != new.links.get(key)
        or old.given_values.get(key) != new.given_values.get(key)
    ]
    if old.tasks != new.tasks:
        changed.append("tasks")
    if old.updated != new.updated and not changed:
        changed.append("updated")
    return tuple(dict.fromkeys(changed))


def changes_markdown(changes: Changes, title: str) -> str:
    """The changes as a Markdown section: Added, Updated, Removed (empty parts left out)."""
    lines = [f"## {markdown_text(title)}", ""]
    if not changes.count:
        return "\n".join([*lines, "No models were added, updated or removed.", ""])
    for heading, entries in (
        ("Added", [_added_line(model) for model in changes.added]),
        ("Updated", [_updated_line(entry) for entry in changes.updated]),
        ("Removed", [f"- **{markdown_text(model.name)}**" for model in changes.removed]),
    ):
        if entries:
            lines += [f"### {heading} ({len(entries)})", "", *entries, ""]
    return "\n".join(lines)


def _added_line(model: Model) -> str:
    when = f" (added {markdown_text(model.added)})" if model.added else ""
    return f"- **{markdown_text(model.name)}**{when}"


def _updated_line(entry: UpdatedModel) -> str:
    parts = []
    if entry.renamed_from:
        parts.append(f"renamed from {markdown_text(entry.renamed_from)}")
    if entry.changed:
        parts.append(", ".join(markdown_text(label) for label in entry.changed))
    when = f" (updated {markdown_text(entry.model.updated)})" if entry.model.updated else ""
    return f"- **{markdown_text(entry.model.name)}**: {'; '.join(parts)}{when}"
