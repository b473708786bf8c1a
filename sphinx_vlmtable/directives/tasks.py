"""``vlm-tasks``: the nested task list of a data file."""

from __future__ import annotations

from typing import ClassVar

from docutils.nodes import Node
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.data.model import Task
from sphinx_vlmtable.directives.base import DataDirective, Loaded, Unshowable
from sphinx_vlmtable.nodes.tasks import task_list
from sphinx_vlmtable.warnings_ import VlmTableWarning


class VlmTasksDirective(DataDirective[tuple[Task, ...]]):
    """``.. vlm-tasks:: data/vlms.yaml`` builds the nested task list."""

    sections = ("tasks",)
    needs_models = False
    option_spec: ClassVar[OptionSpec] = {
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "name": "A label for ``ref``.",
        "class": "Extra classes on the list (it always has ``vlm-tasks``).",
    }

    def view(self, loaded: Loaded) -> tuple[Task, ...]:
        if not loaded.data.tasks:
            raise Unshowable(VlmTableWarning.MISSING_KEY, f"{self.data_argument} has no 'tasks'")
        return loaded.data.tasks

    def nodes(self, view: tuple[Task, ...], loaded: Loaded) -> list[Node]:
        items = task_list(view, *self.get_source_info())
        items["classes"] += ["vlm-tasks", *self.options.get("class", [])]
        self.add_name(items)
        return [items]


def setup_tasks(app: Sphinx) -> None:
    app.add_directive("vlm-tasks", VlmTasksDirective)
