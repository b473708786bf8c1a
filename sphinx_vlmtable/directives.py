"""The ``vlm-table`` and ``vlm-tasks`` directives.

Each is resolve → note dependency → load → build the view → ``table_nodes``: it finds
its data file as ``literalinclude`` does, records it as a dependency, loads it
(``data/files.py``), builds the view (``view/``) and makes the nodes with one call
(``nodes/build.py``). Problems in the data are logged at the data file's line, naming
the page that used it; a problem local to a row or a cell leaves the table built, and
only a file with nothing to show leaves a notice in its place.
"""

from __future__ import annotations

import os
from functools import cached_property
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.tables import align
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.config import VlmTableConfig, conf_py_location, settings_of
from sphinx_vlmtable.data.files import is_within, load_data_file
from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.data.model import LoadResult, SurveyData, Task, iter_leaves
from sphinx_vlmtable.domain import VlmDomain
from sphinx_vlmtable.nodes.build import TableNodes, TablePlan, table_nodes
from sphinx_vlmtable.nodes.compact import state_class
from sphinx_vlmtable.nodes.markup import CellMarkup, MarkupUnavailable
from sphinx_vlmtable.view.matrix import STATES, build_matrix_view
from sphinx_vlmtable.view.news import build_date, entry_mark, latest_entry_date, parse_since
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.sorting import parse_sort
from sphinx_vlmtable.view.table import TableView, build_view, leaf_keys
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning


class _DataDirective(SphinxDirective):
    """What both directives share: finding, loading and reporting on the data file."""

    has_content = False
    required_arguments = 0
    optional_arguments = 1  # without one, vlmtable_default_data
    final_argument_whitespace = True

    #: The data file sections this directive shows; problems elsewhere do not stop it.
    sections: ClassVar[tuple[str, ...]] = ()
    #: One line of help per option, for the generated options reference.
    option_help: ClassVar[dict[str, str]] = {}
    #: How many of the data file's problems ``load`` reported.
    problems_reported = 0
    #: Why the data cannot be shown ("data.yaml:12"), when that is the data's fault.
    cause = "see the build log"

    @cached_property
    def settings(self) -> VlmTableConfig:
        return settings_of(self.config)

    @property
    def data_argument(self) -> str:
        return self.arguments[0] if self.arguments else self.settings.default_data

    def used_at(self) -> str:
        """Where the directive is written (an included file, if it is in one)."""
        source, line = self.get_source_info()
        page = os.path.relpath(source, self.env.srcdir) if source else self.env.docname
        return f"{page}:{line}"

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
        settings = self.settings
        try:
            relative, absolute = self.env.relfn2path(argument, self.env.docname)
            # Recorded even when missing: creating the file then re-reads this page.
            self.env.note_dependency(relative)
            if self.refused_outside(absolute, f"the data file {argument}"):
                return None
            result = load_data_file(
                absolute, settings.max_file_size, settings.max_problems, settings.missing
            )
        except (OSError, ValueError, RuntimeError) as error:
            # Missing, unreadable, a symlink loop (pathlib raises RuntimeError for it
            # before Python 3.13), a NUL in the path: as literalinclude does, a warning,
            # and the build goes on.
            reason = getattr(error, "strerror", None) or error
            shown = argument if argument.isprintable() else repr(argument)
            self.warn_here(VlmTableWarning.FILE, f"cannot read the data file {shown}: {reason}")
            return None
        self.note_model_files(absolute, result.data)
        problems = result.problems_in(*self.sections)
        self.problems_reported = len(problems)
        for problem in problems:
            log_warning(
                problem.kind,
                f"{problem.message} (in {self.name} at {self.used_at()})",
                f"{problem.source or absolute}:{problem.line}",
            )
        stopping = [problem for problem in problems if problem.stops]
        if stopping:
            relative = os.path.relpath(absolute, self.env.srcdir)
            where = stopping[0].source or absolute
            self.cause = f"{os.path.relpath(where, self.env.srcdir)}:{stopping[0].line}"
            return None
        return absolute, result

    def refused_outside(self, absolute: str, described: str) -> bool:
        """Whether a file outside the source directory is refused here (with a warning
        that names it as ``described``), as ``vlmtable_allow_outside_srcdir`` says."""
        if self.settings.allow_outside_srcdir or is_within(absolute, str(self.env.srcdir)):
            return False
        self.warn_here(
            VlmTableWarning.FILE,
            f"{described} is outside the source directory; set "
            "vlmtable_allow_outside_srcdir = True to allow it",
        )
        return True

    def note_model_files(self, data_path: str, data: SurveyData) -> None:
        """``models_from``: each model file is a dependency, and so is a new file that
        its patterns would match (see ``domain.pages_with_new_model_files``)."""
        if not data.model_patterns:
            return
        for path in data.model_files:
            self.env.note_dependency(path)
        globs = VlmDomain.of(self.env).model_globs.setdefault(self.env.docname, [])
        globs.append((data_path, data.model_patterns, data.model_files))

    def problem_notice(self) -> list[nodes.Node]:
        """What the page shows instead: a short, visible note (details are in the log).
        A home table (``:index:``) is noted, so links to its models name the cause."""
        if "index" in self.options:
            VlmDomain.of(self.env).note_failed_home(self.env.docname, self.used_at(), self.cause)
        text = f"The {self.name} from {self.data_argument} cannot be shown; see the build log."
        notice = nodes.error("", nodes.paragraph(text, text))
        self.set_source_info(notice)
        return [notice]


#: The LaTeX font sizes ``:latex-font:`` takes (the smaller ones: tables are wide).
LATEX_FONT_SIZES = ("normalsize", "small", "footnotesize", "scriptsize", "tiny")


def _latex_font(argument: str) -> str:
    return directives.choice(argument, LATEX_FONT_SIZES)


def _download_list(argument: str) -> list[str]:
    kinds = _key_list(argument)
    for kind in kinds:
        if kind not in ("csv", "json"):
            raise ValueError(f"{kind!r} is not a download format (csv, json)")
    return list(dict.fromkeys(kinds))


def _key_list(argument: str) -> list[str]:
    keys = [key.strip() for key in argument.split(",")]
    if not all(keys):
        raise ValueError("expected comma-separated column keys")
    return keys


def _latex_fit(argument: str | None) -> str:
    return directives.choice(argument or "", ("auto", "none"))


class VlmTableDirective(_DataDirective):
    """``.. vlm-table:: data/vlms.yaml`` builds the comparison table."""

    sections: ClassVar[tuple[str, ...]] = ("columns", "models")
    option_spec: ClassVar[OptionSpec] = {
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
        "widths": directives.value_or(("auto",), directives.positive_int_list),  # type: ignore[arg-type]
        "width": directives.length_or_percentage_or_unitless,
        "align": align,
        "columns": _key_list,
        "sort": directives.unchanged_required,
        "filter": directives.unchanged_required,
        "merge": _key_list,
        "longtable": directives.flag,
        "index": directives.flag,
        "download": _download_list,
        "interactive": directives.flag,
        "latex-font": _latex_font,
        "landscape": directives.flag,
        "latex-widths": directives.positive_int_list,
        "latex-fit": _latex_fit,
        "new-since": directives.unchanged_required,
    }
    option_help: ClassVar[dict[str, str]] = {
        "caption": "The table's title (inline markup allowed); numbered with ``numfig = True``.",
        "name": "A label for ``ref`` and ``numref``; rows are then anchored as "
        "``<name>-<model>`` instead of ``model-<model>``.",
        "class": "Extra classes on the table (it always has ``vlm-table``).",
        "widths": "``auto``, or one integer per shown column (relative widths).",
        "width": "The table's width, such as ``100%``.",
        "align": "``left``, ``center`` or ``right``.",
        "columns": "The column keys to show, in order, comma-separated; groups stay around "
        "their remaining columns.",
        "sort": "Comma-separated column keys, ``-`` before a key for descending; numbers "
        "inside text sort as numbers.",
        "filter": "An expression that keeps rows, such as ``year >= 2024 and llm ~ Qwen``.",
        "merge": "Column keys whose equal adjacent cells are merged into one.",
        "longtable": "In LaTeX, a table that breaks across pages and repeats its header.",
        "index": "Make this table the home of the models it shows: ``:vlm:model:`` links "
        "to their rows, they appear in the general index and in ``objects.inv``.",
        "download": "``csv``, ``json`` or both: offer the shown rows and columns as files "
        "beside the page, linked under the table (HTML builders).",
        "interactive": "In HTML, readers sort by any column (typed, as ``:sort:``) and "
        "search the rows; ``vlmtable_interactive`` makes every table so.",
        "latex-font": "In LaTeX, the table's font size: ``small``, ``footnotesize``, "
        "``scriptsize`` or ``tiny`` (for wide tables).",
        "landscape": "In LaTeX, the table on a page of its own, turned sideways "
        "(chosen on its own for a table too wide for the page).",
        "latex-widths": "In LaTeX only, one integer per shown column (relative widths); "
        "HTML keeps ``:widths:`` or its own.",
        "latex-fit": "``auto`` (the default: a smaller font, then a landscape page, for a "
        "table too wide for the page) or ``none`` (the font and page as given).",
        "new-since": "A date (``2024-06-01``) or a duration before the build date (``90 "
        "days``, ``6 months``; ``SOURCE_DATE_EPOCH`` fixes it): models ``added`` since "
        "then are marked new, models ``updated`` since then updated.",
    }

    def run(self) -> list[nodes.Node]:
        loaded = self.load()
        if loaded is None:
            return self.problem_notice()
        source_path, result = loaded
        data = result.data
        if not data.models:  # every model had a problem, or the file has none
            return self.problem_notice()
        markup = self.cell_markup(source_path, data)
        view = self.view(source_path, data, markup)
        if view is None:
            return self.problem_notice()
        plan = self.plan(view, source_path, markup)
        try:
            with gc_paused():  # a table of many rows is many long-lived objects
                made = table_nodes(view, plan)
        except MarkupUnavailable as error:
            log_warning(VlmTableWarning.MARKUP, str(error), f"{source_path}:1")
            return self.problem_notice()
        VlmDomain.of(self.env).table_pages[self.env.docname] = True
        if "index" in self.options:
            self.home_models(view, made, source_path)
        return made.as_list(self.after_table(view, made.table))

    def view(
        self, source_path: str, data: SurveyData, markup: CellMarkup | None
    ) -> TableView | None:
        """The rows and columns the options choose; None (with a warning) if bad."""
        try:
            with gc_paused():  # a view of many rows is many long-lived objects
                view = self.make_view(data, self.view_options(source_path, data, markup))
        except (ViewError, MarkupUnavailable) as error:
            self.warn_here(VlmTableWarning.OPTION, str(error))
            return None
        if not view.rows:
            self.warn_here(
                VlmTableWarning.OPTION,
                f":filter: {self.options.get('filter', '')!r} leaves no rows "
                f"(of {len(data.models)} models)",
            )
            return None
        return view

    def plan(self, view: TableView, source_path: str, markup: CellMarkup | None) -> TablePlan:
        table = self.table_node(view.widths_class, len(view.rows))
        interactive = "interactive" in self.options or self.settings.interactive
        if interactive:
            table["classes"].append("vlm-interactive")
            if not table["ids"]:
                self.state.document.set_id(table)  # the script finds the table by its id
        source, line = self.get_source_info()
        # Per page being read (Sphinx empties temp_data after each page).
        counters: dict[str, int] = self.env.temp_data.setdefault("vlmtable_id_counters", {})  # type: ignore[assignment]
        marks, recency = self.entry_marks(view)
        return TablePlan(
            table=table,
            # Rows are anchored under the table's own id when it has a :name:.
            anchor_prefix=table["ids"][0] if table["names"] and table["ids"] else "model",
            data_source=source_path,
            docname=self.env.docname,
            source=source,
            line=line or 0,
            document=self.state.document,
            id_counters=counters,
            markup=markup,
            interactive=interactive,
            index="index" in self.options,
            downloads=self.options.get("download", ()),
            download_part=self.download_part(table),
            row_marks=marks,
            recency=recency if interactive else [],
        )

    def entry_marks(self, view: TableView) -> tuple[list[str | None], list[int | None]]:
        """``:new-since:``: each row's mark, and its rank by its latest entry date."""
        if "new-since" not in self.options:
            return [], []
        try:
            since = parse_since(self.options["new-since"], build_date())
        except ViewError as error:
            self.warn_here(VlmTableWarning.OPTION, str(error))
            return [], []
        marks = [entry_mark(row.model, since) for row in view.rows]
        latest = [latest_entry_date(row.model) for row in view.rows]
        order = {value: rank for rank, value in enumerate(sorted(set(filter(None, latest))))}
        return marks, [None if value is None else order[value] for value in latest]

    def make_view(self, data: SurveyData, options: ViewOptions) -> TableView:
        return build_view(data, options)

    def after_table(self, view: TableView, table: nodes.table) -> list[nodes.Node]:
        """What follows the table and its sort data, before its downloads."""
        return []

    def download_part(self, table: nodes.table) -> str:
        """``<page>.<table>.csv``: a table's :name: id (never a dot, never only digits),
        or its number in the page; the same whatever other options say."""
        if "download" not in self.options:
            return ""
        if table["names"] and table["ids"]:
            return str(table["ids"][0])
        return str(self.env.new_serialno("vlm-download") + 1)

    def home_models(self, view: TableView, made: TableNodes, source_path: str) -> None:
        """Register the shown models with the ``vlm`` domain (their former names too, at
        their former anchors on the same row; a row's ``id`` at its row; a repeated name
        at its first row)."""
        domain = VlmDomain.of(self.env)
        location = self.used_at()
        former_ids = iter(made.alias_ids)
        for row in view.rows:
            for alias in row.model.aliases:
                _row, anchor = next(former_ids)
                domain.note_model(alias, self.env.docname, anchor, location)
        seen: set[str] = set()
        names = {row.model.name for row in view.rows}
        for row, anchor in zip(view.rows, made.row_ids, strict=True):
            name, row_id = row.model.name, row.model.row_id
            if row_id is not None and row_id not in names:  # links by id reach this row
                domain.note_model(row_id, self.env.docname, anchor, location)
            if name in seen:  # a duplicate (a warning already): its first row is the home
                continue
            seen.add(name)
            domain.note_model(name, self.env.docname, anchor, location)
            if ";" in name:  # a general index entry's separator of sub-entries
                log_warning(
                    VlmTableWarning.REFERENCE,
                    f"the model {name!r} has no index entry: ';' separates sub-entries in "
                    f"Sphinx's index (in {self.name} at {location})",
                    f"{source_path}:{row.model.line}",
                )

    def cell_markup(self, source_path: str, data: SurveyData) -> CellMarkup | None:
        """The parser of the file's markup cells, if it has any markup column."""
        columns = [(leaf.key, leaf.markup) for leaf in iter_leaves(data.columns) if leaf.markup]
        if not columns:
            return None
        # Markup problems share the file's vlmtable_max_problems with the loader's.
        budget = max(0, self.settings.max_problems - self.problems_reported)
        where = f"{self.name} at {self.used_at()}"
        markup = CellMarkup(self.state.document, self.env, source_path, where, budget)
        markup.note_lines(data.models, columns)
        return markup

    def view_options(
        self, source_path: str, data: SurveyData, markup: CellMarkup | None
    ) -> ViewOptions:
        options = self.options
        sort = options.get("sort")
        if sort is None:
            sort = self.default_sort(source_path, data)
        return ViewOptions(
            columns=options.get("columns"),
            filter=options.get("filter"),
            sort=sort,
            merge=options.get("merge", ()),
            widths=options.get("widths"),
            missing=self.settings.missing,
            render=markup.render if markup is not None else None,
        )

    def default_sort(self, source_path: str, data: SurveyData) -> str | None:
        """``vlmtable_default_sort``, unless this data file lacks one of its keys: then one
        warning per file, naming conf.py, and its tables keep the file's order."""
        spec = self.settings.default_sort
        if not spec:
            return None
        keys = leaf_keys(data.columns)
        unknown = [key.key for key in parse_sort(spec, None) if key.key not in keys]
        if not unknown:
            return spec
        # Reported once per data file after reading (serial or parallel): see
        # report_default_sort_problems.
        relative = os.path.relpath(source_path, self.env.srcdir)
        problems = VlmDomain.of(self.env).default_sort_problems.setdefault(self.env.docname, [])
        problems.append((relative, spec, tuple(unknown)))
        return None

    def table_node(self, widths_class: str | None, row_count: int) -> nodes.table:
        table = nodes.table(classes=["vlm-table", *self.options.get("class", [])])
        # Data is shown as written: no curly quotes or dashes anywhere in the table.
        table["support_smartquotes"] = False
        for option in ("align", "width"):
            if option in self.options:
                table[option] = self.options[option]
        if widths_class:
            table["classes"].append(widths_class)
        if widths_class == "colwidths-given":
            # Sphinx's HTML writer consumes colwidths-given; this one the stylesheet sees.
            table["classes"].append("vlm-widths")
        if "latex-font" in self.options:
            table["latex_font"] = self.options["latex-font"]
        if "landscape" in self.options:
            table["landscape"] = True
        for option in ("latex-widths", "latex-fit"):
            if option in self.options:
                table[option.replace("-", "_")] = self.options[option]
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


class VlmMatrixDirective(VlmTableDirective):
    """``.. vlm-matrix:: data/vlms.yaml``: models by tasks, each cell the model's state."""

    sections = ("columns", "models", "tasks", "matrix")
    option_spec: ClassVar[OptionSpec] = {
        name: VlmTableDirective.option_spec[name]
        for name in ("caption", "name", "class", "widths", "width", "align", "columns",
                     "sort", "filter", "longtable", "download", "interactive",
                     "latex-font", "landscape", "latex-widths", "latex-fit", "new-since")
    }  # fmt: skip
    option_help: ClassVar[dict[str, str]] = {
        **{name: VlmTableDirective.option_help[name] for name in option_spec},
        "columns": "The task keys to show, in order, comma-separated (the model column "
        "always shows).",
        "sort": "Comma-separated task or column keys, ``-`` for descending.",
        "filter": "An expression that keeps rows, such as ``visual_grounding == yes``.",
    }

    def make_view(self, data: SurveyData, options: ViewOptions) -> TableView:
        return build_matrix_view(data, options)

    def table_node(self, widths_class: str | None, row_count: int) -> nodes.table:
        table = super().table_node(widths_class, row_count)
        table["classes"].append("vlm-matrix")
        return table

    def after_table(self, view: TableView, table: nodes.table) -> list[nodes.Node]:
        return [matrix_legend()]


def matrix_legend() -> nodes.paragraph:
    """What the marks mean: each state with its mark (drawn by the stylesheet in HTML)."""
    legend = nodes.paragraph("", "", classes=["vlm-legend"])
    legend += nodes.Text("Legend: ")
    for index, state in enumerate(STATES):
        if index:
            legend += nodes.Text(", ")
        legend += nodes.inline(state, state, classes=["vlm-legend-item", state_class(state)])
    return legend


class VlmTasksDirective(_DataDirective):
    """``.. vlm-tasks:: data/vlms.yaml`` builds the nested task list."""

    sections = ("tasks",)
    option_spec: ClassVar[OptionSpec] = {
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "name": "A label for ``ref``.",
        "class": "Extra classes on the list (it always has ``vlm-tasks``).",
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


def report_default_sort_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: one warning per data file that lacks a key of
    ``vlmtable_default_sort``, however many tables (and processes) used it."""
    problems = VlmDomain.of(env).default_sort_problems
    reported = sorted({problem for found in problems.values() for problem in found})
    for relative, spec, unknown in reported:
        log_warning(
            VlmTableWarning.CONFIG,
            f"vlmtable_default_sort {spec!r} names {', '.join(map(repr, unknown))}, which "
            f"the data file {relative} has no column for; its tables keep the file's order",
            conf_py_location(app.confdir, "vlmtable_default_sort"),
        )
