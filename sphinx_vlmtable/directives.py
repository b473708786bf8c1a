"""The ``vlm-table`` and ``vlm-tasks`` directives.

Each resolves its data file as ``literalinclude`` does, records it as a dependency,
loads it (once per build process, see ``datafile.py``), and builds standard nodes.
Problems in the data are logged at the data file's line, naming the page that used
it; the directive then leaves an error notice in place of its output, never a half
table.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from functools import cached_property
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from .config import VlmTableConfig
from .datafile import load_data_file
from .layout import ColumnSelectionError, header_rows, select_columns
from .schema import MODEL_KEY, Column, LoadResult, Model, Task, iter_leaves
from .table import build_colspecs, build_thead, vlmtable_body
from .views import ViewError, merge_spans, parse_filter, parse_sort, sort_models
from .warnings_ import VlmTableWarning, log_warning


class _DataDirective(SphinxDirective):
    """What both directives share: finding, loading and reporting on the data file."""

    has_content = False
    required_arguments = 0
    optional_arguments = 1  # without one, vlmtable_default_data
    final_argument_whitespace = True

    #: The data file sections this directive shows; problems elsewhere do not stop it.
    sections: ClassVar[tuple[str, ...]] = ()

    @cached_property
    def settings(self) -> VlmTableConfig:
        return VlmTableConfig.from_sphinx(self.config)

    @property
    def data_argument(self) -> str:
        return self.arguments[0] if self.arguments else self.settings.default_data

    def used_at(self) -> str:
        page = self.env.doc2path(self.env.docname, base=False)
        return f"{page}:{self.lineno}"

    def warn_here(self, kind: VlmTableWarning, message: str) -> None:
        log_warning(kind, f"{self.name}: {message}", self.get_location())

    def load(self) -> tuple[str, LoadResult] | None:
        """The data file's absolute path and content; None if there is none to show."""
        argument = self.data_argument
        if not argument:
            self.warn_here(
                VlmTableWarning.OPTION,
                "no data file: give its path, or set vlmtable_default_data in conf.py",
            )
            return None
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
        text = f"The {self.name} from {self.data_argument} cannot be shown; see the build log."
        notice = nodes.error("", nodes.paragraph(text, text))
        self.set_source_info(notice)
        return [notice]


def _is_within(path: str, directory: str) -> bool:
    directory = os.path.realpath(directory)
    return os.path.commonpath([os.path.realpath(path), directory]) == directory


def _key_list(argument: str) -> list[str]:
    keys = [key.strip() for key in argument.split(",")]
    if not all(keys):
        raise ValueError("expected comma-separated column keys")
    return keys


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
        "columns": _key_list,
        "sort": directives.unchanged_required,
        "filter": directives.unchanged_required,
        "merge": _key_list,
        "longtable": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        loaded = self.load()
        if loaded is None:
            return self.problem_notice()
        source_path, result = loaded
        try:
            columns = self.chosen_columns(result.data.columns)
            models = self.chosen_models(result.data.models, result.data.columns)
            leaves = list(iter_leaves(columns))
            colwidths, widths_class = self.column_widths(len(leaves))
            merge_keys = self.merge_keys(leaves)
        except ViewError as error:
            self.warn_here(VlmTableWarning.OPTION, str(error))
            return self.problem_notice()

        table = self.table_node(widths_class, len(models))
        stub_columns = 1 if leaves[0].key == MODEL_KEY else 0
        tgroup = nodes.tgroup(cols=len(leaves))
        tgroup += build_colspecs(colwidths, stub_columns)
        thead = build_thead(header_rows(columns))
        for label in thead.findall(nodes.paragraph):
            self.set_source_info(label)  # so gettext and translations see the labels
        tgroup += thead
        # Rows are anchored under the table's own id when it has a :name:.
        row_prefix = table["ids"][0] if table["ids"] else "model"
        tgroup += self.body(
            models, leaves, source_path, merge_keys, self.row_ids(models, row_prefix)
        )
        table += tgroup
        return [table]

    def chosen_columns(self, columns: tuple[Column, ...]) -> tuple[Column, ...]:
        if "columns" not in self.options:
            return columns
        try:
            return select_columns(columns, self.options["columns"])
        except ColumnSelectionError as error:
            raise ViewError(f":columns: {error}") from None

    def chosen_models(self, models: Sequence[Model], columns: tuple[Column, ...]) -> list[Model]:
        """Filter, then sort; keys may name any column of the file, shown or not."""
        keys = [leaf.key for leaf in iter_leaves(columns) if leaf.key is not None]
        chosen = list(models)
        if "filter" in self.options:
            expression = self.options["filter"]
            try:
                predicate = parse_filter(expression, keys)
            except ViewError as error:
                column = "" if error.position is None else f" at column {error.position + 1}"
                raise ViewError(f":filter: {error}{column} of {expression!r}") from None
            chosen = [model for model in chosen if predicate(model.values)]
        sort = self.options.get("sort", self.settings.default_sort)
        if sort:
            try:
                chosen = sort_models(chosen, parse_sort(sort, keys))
            except ViewError as error:
                raise ViewError(f":sort: {error}") from None
        return chosen

    def table_node(self, widths_class: str | None, row_count: int) -> nodes.table:
        table = nodes.table(classes=["vlm-table", *self.options.get("class", [])])
        # Data is shown as written: no curly quotes or dashes anywhere in the table.
        table["support_smartquotes"] = False
        for option in ("align", "width"):
            if option in self.options:
                table[option] = self.options[option]
        if widths_class:
            table["classes"].append(widths_class)
        if "longtable" in self.options or row_count >= self.settings.longtable_rows:
            table["classes"].append("longtable")  # LaTeX repeats the header on each page
        self.set_source_info(table)
        if "caption" in self.options:
            caption = self.options["caption"]
            title_nodes, messages = self.state.inline_text(caption, self.lineno)
            title = nodes.title(caption, "", *title_nodes)
            self.set_source_info(title)
            table += title
            table += messages
        self.add_name(table)
        return table

    def merge_keys(self, leaves: list[Column]) -> list[str]:
        merge_keys: list[str] = self.options.get("merge", [])
        unknown = [key for key in merge_keys if key not in {leaf.key for leaf in leaves}]
        if unknown:
            raise ViewError(f":merge: names no shown column: {', '.join(unknown)}")
        return merge_keys

    def column_widths(self, count: int) -> tuple[list[int], str | None]:
        """The colspec widths, and the class that tells writers how to use them."""
        widths = self.options.get("widths")
        # Writers that size columns themselves ignore these, but the text writer reads
        # them as characters, so even "auto" gets real widths.
        equal = [100 // count] * count
        if widths is None:
            return equal, None
        if widths == "auto":
            return equal, "colwidths-auto"
        if len(widths) != count:
            raise ViewError(f":widths: has {len(widths)} values, but the table has {count} columns")
        # Relative weights, kept as percentages (Sphinx 7's text writer hangs on a
        # column only two characters wide).
        total = sum(widths)
        return [max(1, round(width * 100 / total)) for width in widths], "colwidths-given"

    def body(
        self,
        models: list[Model],
        leaves: list[Column],
        source: str,
        merge_keys: list[str],
        row_ids: list[str],
    ) -> vlmtable_body:
        keys = [leaf.key or "" for leaf in leaves]
        missing = self.settings.missing
        rows: list[list[str | None]] = [
            [model.values.get(key, missing) for key in keys] for model in models
        ]
        links = [
            (row, keys.index(key), url)
            for row, model in enumerate(models)
            for key, url in model.links.items()
            if key in keys
        ]
        spans = merge_spans(rows, [keys.index(key) for key in merge_keys])
        body = vlmtable_body(
            rows=rows,
            links=[link for link in links if rows[link[0]][link[1]] is not None],
            spans=spans,
            strong_columns=[keys.index(MODEL_KEY)] if MODEL_KEY in keys else [],
            row_ids=row_ids,
            row_lines=[model.line for model in models],
            data_source=source,
            docname=self.env.docname,
        )
        self.set_source_info(body)
        return body

    def row_ids(self, models: list[Model], prefix: str) -> list[str]:
        """A stable anchor per row, from the model's name, unique in the page."""
        document = self.state.document
        ids = []
        for model in models:
            slug = nodes.make_id(model.name)
            if not slug:  # no ASCII letter or digit in the name: a stable digest of it
                slug = hashlib.sha1(model.name.encode("utf-8")).hexdigest()[:10]
            candidate, number = f"{prefix}-{slug}", 1
            while candidate in document.ids:
                number += 1
                candidate = f"{prefix}-{slug}-{number}"
            document.ids[candidate] = document  # reserved: the row exists only at write time
            ids.append(candidate)
        return ids


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
            self.warn_here(VlmTableWarning.MISSING_KEY, f"{self.data_argument} has no 'tasks'")
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
