"""The nested task list (``vlm-tasks``): each task's name, its description, its subtasks."""

from __future__ import annotations

from docutils import nodes

from sphinx_vlmtable.data.model import Task


def task_list(tasks: tuple[Task, ...], source: str | None, line: int | None) -> nodes.bullet_list:
    """A bullet list of the tasks, nested as they are; located at the directive."""
    items = nodes.bullet_list(bullet="-")
    # Task text is shown as written, like the table's.
    items["support_smartquotes"] = False
    items.source, items.line = source, line
    for task in tasks:
        name: nodes.Node = (
            nodes.strong(task.name, task.name) if task.bold else nodes.Text(task.name)
        )
        paragraph = nodes.paragraph("", "", name)
        if task.description:
            paragraph += nodes.Text(f": {task.description}")
        paragraph.source, paragraph.line = source, line
        item = nodes.list_item("", paragraph)
        if task.subtasks:
            item += task_list(task.subtasks, source, line)
        items += item
    return items
