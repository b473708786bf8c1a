"""The ``vlm-table`` and ``vlm-tasks`` directives.

Each resolves its data file as ``literalinclude`` does, records it as a dependency,
loads it (once per build process, see ``datafile.py``), and builds standard nodes.
Problems in the data are logged at the data file's line, naming the page that used
it; the directive then leaves an error paragraph in place of its output, never a
half table.
"""

from __future__ import annotations

import os
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from .config import VlmTableConfig
from .datafile import load_data_file
from .layout import header_rows
from .schema import MODEL_KEY, Column, LoadResult, Model, Task, iter_leaves
from .table import build_colspecs, build_thead, vlmtable_body
from .warnings_ import VlmTableWarning, log_warning


class _DataDirective(SphinxDirective):
    """What both directives share: finding, loading and reporting on the data file."""

    has_content = False
    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True

    #: The data file sections this directive shows; problems elsewhere do not stop it.
    sections: ClassVar[tuple[str, ...]] = ()

    @property
    def settings(self) -> VlmTableConfig:
        return VlmTableConfig.from_sphinx(self.config)

    def used_at(self) -> str:
        page = self.env.doc2path(self.env.docname, base=False)
        return f"{page}:{self.lineno}"

    def warn_here(self, kind: VlmTableWarning, message: str) -> None:
        log_warning(kind, f"{self.name}: {message}", self.get_location())

    def load(self) -> tuple[str, LoadResult] | None:
        """The data file's absolute path and content; None if there is none to show."""
        argument = self.arguments[0]
        if not self.state.document.settings.file_insertion_enabled:
            self.warn_here(
                VlmTableWarning.FILE, f"file insertion is disabled; {argument} is not read"
            )
            return None
        relative, absolute = self.env.relfn2path(argument, self.env.docname)
        # Recorded even when missing: creating the file then re-reads this page.
        self.env.note_dependency(relative)
        settings = self.settings
        if not settings.allow_outside_srcdir and not _is_within(absolute, str(self.env.srcdir)):
            self.warn_here(
                VlmTableWarning.FILE,
                f"the data file {argument} is outside the source directory; set "
                "vlmtable_allow_outside_srcdir = True to allow it",
            )
            return None
        try:
            result = load_data_file(absolute, settings.max_file_size)
        except OSError as error:
            self.warn_here(
                VlmTableWarning.FILE,
                f"cannot read the data file {argument}: {error.strerror or error}",
            )
            return None
        problems = result.problems_in(*self.sections)
        for problem in problems:
            log_warning(
                problem.kind,
                f"{problem.message} (in {self.name} at {self.used_at()})",
                f"{absolute}:{problem.line}",
            )
        if problems:
            return None
        return absolute, result

    def problem_notice(self) -> list[nodes.Node]:
        """What the page shows instead: a short, visible note (details are in the log)."""
        argument = self.arguments[0]
        text = f"The {self.name} from {argument} cannot be shown; see the build log."
        notice = nodes.error("", nodes.paragraph(text, text))
        self.set_source_info(notice)
        return [notice]


def _is_within(path: str, directory: str) -> bool:
    directory = os.path.realpath(directory)
    return os.path.commonpath([os.path.realpath(path), directory]) == directory


class VlmTableDirective(_DataDirective):
    """``.. vlm-table:: data/vlms.yaml`` builds the comparison table."""

    sections = ("columns", "models")
    option_spec: ClassVar[OptionSpec] = {
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
        "widths": lambda value: (
            "auto" if value.strip() == "auto" else directives.positive_int_list(value)
        ),
        "width": directives.length_or_percentage_or_unitless,
        "align": lambda value: directives.choice(value, ("left", "center", "right")),
    }

    def run(self) -> list[nodes.Node]:
        loaded = self.load()
        if loaded is None:
            return self.problem_notice()
        source_path, result = loaded
        columns = result.data.columns
        leaves = list(iter_leaves(columns))
        widths = self.column_widths(len(leaves))
        if widths is None:
            return self.problem_notice()

        table = nodes.table(classes=["vlm-table", *self.options.get("class", [])])
        # Data is shown as written: no curly quotes or dashes anywhere in the table.
        table["support_smartquotes"] = False
        if "align" in self.options:
            table["align"] = self.options["align"]
        if "width" in self.options:
            table["width"] = self.options["width"]
        if widths == "auto":
            table["classes"].append("colwidths-auto")
        elif "widths" in self.options:
            table["classes"].append("colwidths-given")
        self.set_source_info(table)
        if "caption" in self.options:
            caption = self.options["caption"]
            title_nodes, messages = self.state.inline_text(caption, self.lineno)
            title = nodes.title(caption, "", *title_nodes)
            self.set_source_info(title)
            table += title
            table += messages
        self.add_name(table)

        stub_columns = 1 if leaves[0].key == MODEL_KEY else 0
        tgroup = nodes.tgroup(cols=len(leaves))
        colwidths = [1] * len(leaves) if isinstance(widths, str) else widths
        tgroup += build_colspecs(colwidths, stub_columns)
        thead = build_thead(header_rows(columns))
        for label in thead.findall(nodes.paragraph):
            self.set_source_info(label)  # so gettext and translations see the labels
        tgroup += thead
        tgroup += self.body(result.data.models, leaves, source_path)
        table += tgroup
        return [table]

    def column_widths(self, count: int) -> list[int] | str | None:
        widths = self.options.get("widths")
        if widths is None:
            return [100 // count] * count
        if widths != "auto" and len(widths) != count:
            self.warn_here(
                VlmTableWarning.OPTION,
                f":widths: has {len(widths)} values, but the table has {count} columns",
            )
            return None
        return widths  # type: ignore[no-any-return]

    def body(self, models: tuple[Model, ...], leaves: list[Column], source: str) -> vlmtable_body:
        keys = [leaf.key for leaf in leaves]
        missing = self.settings.missing
        rows = [[model.values.get(key, missing) for key in keys] for model in models]  # type: ignore[arg-type]
        links = [
            (row, keys.index(key), url)
            for row, model in enumerate(models)
            for key, url in model.links.items()
            if key in keys
        ]
        body = vlmtable_body(
            rows=rows,
            links=links,
            spans=[],
            strong_columns=[keys.index(MODEL_KEY)] if MODEL_KEY in keys else [],
            row_ids=[],
            row_lines=[model.line for model in models],
            data_source=source,
            docname=self.env.docname,
        )
        self.set_source_info(body)
        return body


class VlmTasksDirective(_DataDirective):
    """``.. vlm-tasks:: data/vlms.yaml`` builds the nested task list."""

    sections = ("tasks",)
    option_spec: ClassVar[OptionSpec] = {
        "name": directives.unchanged,
        "class": directives.class_option,
    }

    def run(self) -> list[nodes.Node]:
        loaded = self.load()
        if loaded is None:
            return self.problem_notice()
        tasks = loaded[1].data.tasks
        if not tasks:
            self.warn_here(VlmTableWarning.MISSING_KEY, f"{self.arguments[0]} has no 'tasks'")
            return self.problem_notice()
        task_list = self.task_list(tasks)
        task_list["classes"] += ["vlm-tasks", *self.options.get("class", [])]
        self.add_name(task_list)
        return [task_list]

    def task_list(self, tasks: tuple[Task, ...]) -> nodes.bullet_list:
        task_list = nodes.bullet_list(bullet="-")
        # Task text is shown as written, like the table's.
        task_list["support_smartquotes"] = False
        self.set_source_info(task_list)
        for task in tasks:
            name: nodes.Node = (
                nodes.strong(task.name, task.name) if task.bold else nodes.Text(task.name)
            )
            paragraph = nodes.paragraph("", "", name)
            if task.description:
                paragraph += nodes.Text(f": {task.description}")
            self.set_source_info(paragraph)
            item = nodes.list_item("", paragraph)
            if task.subtasks:
                item += self.task_list(task.subtasks)
            task_list += item
        return task_list
