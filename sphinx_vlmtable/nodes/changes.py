"""A changelog's nodes (``vlm-changes``): a heading, then Added, Updated and Removed, the
added and updated models grouped by their date (newest first), each update with its
changes old → new."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from docutils import nodes

from sphinx_vlmtable.data.model import Model
from sphinx_vlmtable.nodes.chart import model_name
from sphinx_vlmtable.view.change_values import by_date
from sphinx_vlmtable.view.changes import Changes, UpdatedModel
from sphinx_vlmtable.view.changes_text import UNDATED, alias_hint, change_text
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords

T = TypeVar("T")


def changes_nodes(
    changes: Changes, title: str, words: EntryWords = DEFAULT_WORDS
) -> nodes.container:
    """A heading, then Added, Updated and Removed lists (empty ones left out)."""
    block = nodes.container()
    block["support_smartquotes"] = False
    block += nodes.rubric(title, title, classes=["vlm-changes-title"])
    if not changes.count:
        block += nodes.paragraph("", f"No {words.many} were added, updated or removed.")
        return block
    _add_part(block, "added", "Added", changes.added, lambda model: model.added, _added)
    _add_part(
        block,
        "updated",
        "Updated",
        changes.updated,
        lambda entry: entry.model.updated,
        _updated,
    )
    _add_part(block, "removed", "Removed", changes.removed, lambda model: None, _removed)
    return block


def _add_part(
    block: nodes.container,
    kind: str,
    heading: str,
    entries: Sequence[T],
    date_of: Callable[[T], str | None],
    item: Callable[[T], nodes.list_item],
) -> None:
    """A part's rubric, then a list per date (each after its date, when any has one)."""
    if not entries:
        return
    text = f"{heading} ({len(entries)})"
    block += nodes.rubric(text, text, classes=[f"vlm-changes-{kind}"])
    groups = by_date(entries, date_of)
    for when, grouped in groups:
        if when is not None or len(groups) > 1:
            label = when or UNDATED
            block += nodes.paragraph(
                "", "", nodes.strong(label, label), classes=["vlm-changes-date"]
            )
        block += nodes.bullet_list("", *map(item, grouped), classes=[f"vlm-changes-{kind}"])


def _added(model: Model) -> nodes.list_item:
    return nodes.list_item("", nodes.paragraph("", "", model_name(model.name, model.identity)))


def _removed(model: Model) -> nodes.list_item:
    return nodes.list_item("", nodes.paragraph("", "", nodes.strong(model.name, model.name)))


def _updated(entry: UpdatedModel) -> nodes.list_item:
    model = entry.model
    paragraph = nodes.paragraph("", "", model_name(model.name, model.identity))
    parts: list[list[nodes.Node]] = []
    if entry.renamed_from is not None:
        renamed: list[nodes.Node] = [nodes.Text(f"renamed from {entry.renamed_from}")]
        hint = alias_hint(entry)
        if hint:
            renamed += [
                nodes.Text(" (found by its cells: add "),
                nodes.literal(hint, hint),
                nodes.Text(" to its entry)"),
            ]
        parts.append(renamed)
    parts += [[nodes.Text(change_text(change))] for change in entry.changes]
    for index, part in enumerate(parts):
        paragraph += nodes.Text(": " if index == 0 else "; ")
        paragraph.extend(part)
    return nodes.list_item("", paragraph)
