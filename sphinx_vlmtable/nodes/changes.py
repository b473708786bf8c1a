"""A changelog's nodes (``vlm-changes``): a heading, then Added, Updated and Removed."""

from __future__ import annotations

from docutils import nodes

from sphinx_vlmtable.data.model import Model
from sphinx_vlmtable.nodes.chart import model_name
from sphinx_vlmtable.view.changes import Changes, UpdatedModel


def changes_nodes(changes: Changes, title: str) -> nodes.container:
    """A heading, then Added, Updated and Removed lists (empty ones left out)."""
    block = nodes.container()
    block["support_smartquotes"] = False
    block += nodes.rubric(title, title, classes=["vlm-changes-title"])
    if not changes.count:
        block += nodes.paragraph("", "No models were added, updated or removed.")
        return block
    removed = [
        nodes.list_item("", nodes.paragraph("", "", nodes.strong(model.name, model.name)))
        for model in changes.removed
    ]
    parts: list[tuple[str, str, list[nodes.list_item]]] = [
        ("added", "Added", [_added(model) for model in changes.added]),
        ("updated", "Updated", [_item(entry.model, entry, None) for entry in changes.updated]),
        ("removed", "Removed", removed),
    ]
    for kind, heading, items in parts:
        if not items:
            continue
        text = f"{heading} ({len(items)})"
        block += nodes.rubric(text, text, classes=[f"vlm-changes-{kind}"])
        block += nodes.bullet_list("", *items, classes=[f"vlm-changes-{kind}"])
    return block


def _added(model: Model) -> nodes.list_item:
    return _item(model, None, f"added {model.added}" if model.added else None)


def _item(model: Model, entry: UpdatedModel | None, note: str | None) -> nodes.list_item:
    paragraph = nodes.paragraph("", "", model_name(model.name, model.identity))
    details = []
    if entry is not None:
        if entry.renamed_from:
            details.append(f"renamed from {entry.renamed_from}")
        if entry.changed:
            details.append(", ".join(entry.changed))
        if model.updated:
            note = f"updated {model.updated}"
    if details:
        paragraph += nodes.Text(": " + "; ".join(details))
    if note:
        paragraph += nodes.Text(f" ({note})")
    return nodes.list_item("", paragraph)
