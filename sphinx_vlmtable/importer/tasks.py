"""The page's task list in an import: taken only for the table it belongs to (the first
table after a list under a heading that names tasks, see ``markdown_reader``) or for
every table when ``--tasks HEADING`` chose it; once taken, in the receipt with its items
and each link dropped (a task's name and description are text) and said in a note.
Pure; no Sphinx."""

from __future__ import annotations

from collections.abc import Iterator

from sphinx_vlmtable.importer.receipt import LinkFate, TasksReceipt
from sphinx_vlmtable.importer.source import SourcePage, SourceTable, SourceTask
from sphinx_vlmtable.importer.words import said

#: Why a task item's link is dropped.
TASK_TEXT = "a task's name and description are text"
#: Why the list was taken.
CHOSEN = "--tasks chose it"
INTRODUCES = "the list under a heading that names tasks, before the table"

Lines = list[tuple[int, str]]


def _every(tasks: list[SourceTask]) -> Iterator[SourceTask]:
    pending = list(reversed(tasks))
    while pending:
        task = pending.pop()
        yield task
        pending += reversed(task.subtasks)


def _short(name: str, most: int = 40) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "\u2026"


def page_tasks(page: SourcePage, tables: list[SourceTable]) -> TasksReceipt | None:
    """The receipt of the page's task list if this import takes it (one of ``tables`` is
    the table it belongs to, or ``--tasks`` chose it), else None."""
    if not page.tasks:
        return None
    if page.tasks_table is not None:
        owner = page.tables[page.tasks_table] if page.tasks_table < len(page.tables) else None
        if not any(table is owner for table in tables):
            return None
    line = page.tasks_line or page.tasks[0].line
    why = CHOSEN if page.tasks_table is None else INTRODUCES
    receipt = TasksReceipt(page.tasks_heading, line, why)
    for task in _every(page.tasks):
        receipt.items += 1
        receipt.source_links += len(task.links)
        for link in task.links:
            fate = LinkFate(task.line, task.name, "", link.text, link.url, "dropped", TASK_TEXT)
            fate.badge = not link.text
            receipt.links.append(fate)
    return receipt


def tasks_notes(receipt: TasksReceipt, page: SourcePage) -> tuple[Lines, Lines]:
    """The note that says the list was taken (and how to choose another), and each loss:
    a link, inline HTML or an image in an item."""
    heading = f" under {said(receipt.heading)}" if receipt.heading else ""
    note = (
        f"the bullet list{heading} became the data file's tasks ({receipt.items} item(s); "
        f"{receipt.why}); --tasks HEADING takes another list"
    )
    losses: Lines = []
    for link in receipt.links:
        kind = "linked badge" if link.badge else "link"
        item = _short(link.row)
        message = (
            f"the {kind} {said(link.text)} ({link.url}) in the task {said(item)}: {link.reason}"
        )
        losses.append((link.line, message))
    for task in _every(page.tasks):
        for loss in task.losses:
            losses.append((task.line, f"{loss} in the task {said(_short(task.name))} was left out"))
    return [(receipt.line, note)], sorted(losses, key=lambda item: item[0])
