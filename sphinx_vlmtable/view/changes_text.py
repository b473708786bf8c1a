"""What changed, in words: each updated model's details (``renamed from``, each cell
``old → new (difference)``) for the page, the feed and ``vlmtable diff``'s Markdown,
grouped by date. Pure; no docutils."""

from __future__ import annotations

import json

from sphinx_vlmtable.data.markdown import markdown_text
from sphinx_vlmtable.data.model import Model
from sphinx_vlmtable.view.change_values import by_date, shortened
from sphinx_vlmtable.view.changes import CellChange, Changes, UpdatedModel
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords

#: How a change shows a cell that had (or has) no value.
NO_VALUE = "—"
#: The heading of the entries without a date, when others have one.
UNDATED = "Undated"


def change_text(change: CellChange) -> str:
    """``MMMU 51.2 → 53.1 (+1.9)``."""
    old = shortened(change.old) if change.old else NO_VALUE
    new = shortened(change.new) if change.new else NO_VALUE
    difference = f" ({change.difference})" if change.difference else ""
    return f"{change.label} {old} → {new}{difference}"


def alias_hint(entry: UpdatedModel) -> str | None:
    """For a rename found by the cells: the ``aliases:`` line its entry should get."""
    if not entry.rename_guessed or entry.renamed_from is None:
        return None
    return f"aliases: [{_yaml_flow_text(entry.renamed_from)}]"


def _yaml_flow_text(name: str) -> str:
    plain = name.strip() == name and not any(c in name for c in ",:[]{}#&*!|>'\"%@`?-")
    return name if plain and name else json.dumps(name, ensure_ascii=False)


def renamed_text(entry: UpdatedModel) -> str | None:
    """``renamed from mux`` (and, when no alias says so, the hint to add one)."""
    if entry.renamed_from is None:
        return None
    hint = alias_hint(entry)
    found = f" (found by its cells: add `{hint}` to its entry)" if hint else ""
    return f"renamed from {entry.renamed_from}{found}"


def details(entry: UpdatedModel) -> list[str]:
    """The parts of an updated model's line: its rename, then each change."""
    renamed = renamed_text(entry)
    return [*([renamed] if renamed else []), *(change_text(c) for c in entry.changes)]


def changes_markdown(changes: Changes, title: str, words: EntryWords = DEFAULT_WORDS) -> str:
    """The changes as a Markdown section: Added, Updated (each grouped by date, newest
    first) and Removed; empty parts left out."""
    lines = [f"## {markdown_text(title)}", ""]
    if not changes.count:
        return "\n".join([*lines, f"No {words.many} were added, updated or removed.", ""])
    added = by_date(changes.added, lambda model: model.added)
    updated = by_date(changes.updated, lambda entry: entry.model.updated)
    if changes.added:
        lines += [f"### Added ({len(changes.added)})", ""]
        for when, models in added:
            lines += [*_date_heading(when, len(added)), *map(_added_line, models), ""]
    if changes.updated:
        lines += [f"### Updated ({len(changes.updated)})", ""]
        for when, entries in updated:
            lines += [*_date_heading(when, len(updated)), *map(_updated_line, entries), ""]
    if changes.removed:
        lines += [f"### Removed ({len(changes.removed)})", ""]
        lines += [f"- **{markdown_text(model.name)}**" for model in changes.removed] + [""]
    return "\n".join(lines)


def _date_heading(when: str | None, groups: int) -> list[str]:
    if when is None and groups == 1:
        return []
    return [f"#### {when or UNDATED}", ""]


def _added_line(model: Model) -> str:
    return f"- **{markdown_text(model.name)}**"


def _updated_line(entry: UpdatedModel) -> str:
    parts = [markdown_text(change_text(change)) for change in entry.changes]
    if entry.renamed_from is not None:
        renamed = f"renamed from {markdown_text(entry.renamed_from)}"
        hint = alias_hint(entry)
        if hint:
            code = f"`` {hint} ``" if "`" in hint else f"`{hint}`"
            renamed += f" (found by its cells: add {code} to its entry)"
        parts.insert(0, renamed)
    return f"- **{markdown_text(entry.model.name)}**: {'; '.join(parts)}"
