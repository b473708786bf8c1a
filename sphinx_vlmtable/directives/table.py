"""``vlm-table``: the comparison table, with merged headers, from a data file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from docutils.nodes import Node
from docutils.nodes import table as Table
from docutils.parsers.rst import directives
from docutils.parsers.rst.directives.tables import align
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.config import conf_py_location
from sphinx_vlmtable.data.gcpause import gc_paused
from sphinx_vlmtable.data.model import SurveyData
from sphinx_vlmtable.directives import options as convert
from sphinx_vlmtable.directives.base import DataDirective, Loaded, Unshowable
from sphinx_vlmtable.domain import VlmDomain
from sphinx_vlmtable.nodes.build import TableLook, TableNodes, TablePlan, table_nodes
from sphinx_vlmtable.nodes.markup import CellMarkup, MarkupUnavailable
from sphinx_vlmtable.state import state_of
from sphinx_vlmtable.view.news import build_date, entry_mark, latest_entry_date, parse_since
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.sorting import parse_sort
from sphinx_vlmtable.view.table import TableView, build_view, leaf_keys
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning


@dataclass(frozen=True)
class ShownTable:
    """What a table directive shows: its view, and the parser of its markup cells."""

    view: TableView
    markup: CellMarkup | None


class VlmTableDirective(DataDirective[ShownTable]):
    """``.. vlm-table:: data/vlms.yaml`` builds the comparison table."""

    option_spec: ClassVar[OptionSpec] = {
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
        "widths": directives.value_or(("auto",), directives.positive_int_list),  # type: ignore[arg-type]
        "width": directives.length_or_percentage_or_unitless,
        "align": align,
        "columns": convert.key_list,
        "sort": directives.unchanged_required,
        "filter": directives.unchanged_required,
        "merge": convert.key_list,
        "longtable": directives.flag,
        "index": directives.flag,
        "download": convert.download_list,
        "interactive": directives.flag,
        "filters": convert.filter_keys,
        "page-size": directives.nonnegative_int,
        "latex-font": convert.latex_font,
        "landscape": directives.flag,
        "latex-widths": directives.positive_int_list,
        "latex-fit": convert.latex_fit,
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
        "filters": "Interactive tables: the columns readers filter, comma-separated "
        "(``none`` for none; default: every column but the model's): numbers and dates by "
        "a range, text by a choice list (12 values or fewer) or by what it contains, a "
        "matrix's marks by state.",
        "page-size": "Interactive tables: rows per page (0: all on one page; default: "
        "pages of 100 rows for a table of more than 2,000).",
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
    #: The class a family adds to its tables, after the user's.
    family_class: ClassVar[str | None] = None
    #: The table's nodes, once made (``register`` notes its rows' anchors).
    made: TableNodes

    def view(self, loaded: Loaded) -> ShownTable:
        """The rows and columns the options choose."""
        markup = self.cell_markup(loaded)
        try:
            # A view of many rows is many long-lived objects; parsing markup cells (to
            # sort or filter by them) leaves garbage the collector must free.
            with gc_paused(markup is None):
                view = self.make_view(loaded.data, self.view_options(loaded, markup))
        except (ViewError, MarkupUnavailable) as error:
            raise Unshowable(VlmTableWarning.OPTION, str(error)) from None
        check_filters(self.options.get("filters", ()), view)
        if not view.rows:
            raise Unshowable(
                VlmTableWarning.OPTION,
                f":filter: {self.options.get('filter', '')!r} leaves no rows "
                f"(of {len(loaded.data.models)} {self.words.many})",
            )
        return ShownTable(view, markup)

    def make_view(self, data: SurveyData, options: ViewOptions) -> TableView:
        return build_view(data, options)

    def view_options(self, loaded: Loaded, markup: CellMarkup | None) -> ViewOptions:
        options = self.options
        sort = options.get("sort")
        if sort is None:
            sort = self.default_sort(loaded)
        return ViewOptions(
            columns=options.get("columns"),
            filter=options.get("filter"),
            sort=sort,
            merge=options.get("merge", ()),
            widths=options.get("widths"),
            missing=self.settings.missing,
            render=markup.render if markup is not None else None,
        )

    def default_sort(self, loaded: Loaded) -> str | None:
        """``vlmtable_default_sort``, unless this data file lacks one of its keys: then one
        warning per file, naming conf.py, and its tables keep the file's order."""
        spec = self.settings.default_sort
        if not spec:
            return None
        keys = leaf_keys(loaded.data.columns)
        unknown = [key.key for key in parse_sort(spec, None) if key.key not in keys]
        if not unknown:
            return spec
        # Reported once per data file after reading (serial or parallel): see
        # report_default_sort_problems.
        relative = os.path.relpath(loaded.path, self.env.srcdir)
        problems = state_of(self.env)["default_sort_problems"].setdefault(self.env.docname, [])
        problems.append((relative, spec, tuple(unknown)))
        return None

    def nodes(self, view: ShownTable, loaded: Loaded) -> list[Node]:
        plan = self.plan(view.view, loaded.path, view.markup)
        try:
            # A table of many rows is many long-lived objects; parsing its markup cells
            # leaves garbage the collector must free (10,000 cells: 20 MiB).
            with gc_paused(view.markup is None):
                made = table_nodes(view.view, plan)
        except MarkupUnavailable as error:
            log_warning(VlmTableWarning.MARKUP, str(error), f"{loaded.path}:1")
            raise Unshowable from None
        self.made = made
        return made.as_list(self.after_table())

    def after_table(self) -> list[Node]:
        """What follows the table and its sort data, before its downloads."""
        return []

    def register(self, view: ShownTable, made: list[Node], loaded: Loaded) -> None:
        state_of(self.env)["table_pages"][self.env.docname] = True
        if "index" in self.options:
            self.home_models(view.view, self.made, loaded.path)

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
            filters=self.options.get("filters"),
            page_size=self.options.get("page-size"),
            words=self.words,
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

    def download_part(self, table: Table) -> str:
        """``<page>.<table>.csv``: a table's :name: id (never a dot, never only digits),
        or its number in the page; the same whatever other options say."""
        if "download" not in self.options:
            return ""
        if table["names"] and table["ids"]:
            return str(table["ids"][0])
        return str(self.env.new_serialno("vlm-download") + 1)

    def table_node(self, widths_class: str | None, row_count: int) -> Table:
        """The table element: its look from the options, its caption and its name."""
        options = self.options
        family = [self.family_class] if self.family_class else []
        look = TableLook(
            classes=["vlm-table", *options.get("class", [])],
            align=options.get("align"),
            width=options.get("width"),
            widths_class=widths_class,
            latex_font=options.get("latex-font"),
            landscape="landscape" in options,
            latex_widths=options.get("latex-widths"),
            latex_fit=options.get("latex-fit"),
            longtable="longtable" in options or row_count >= self.settings.longtable_rows,
        )
        table = self.titled_table(look)
        table["classes"] += family  # after the look's own classes, as it always was
        return table

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
                    f"the {self.words.one} {name!r} has no index entry: ';' separates "
                    "sub-entries in "
                    f"Sphinx's index (in {self.name} at {location})",
                    f"{source_path}:{row.model.line}",
                )


def check_filters(keys: Sequence[str], view: TableView) -> None:
    """``:filters:`` names shown columns only."""
    shown = {leaf.key for leaf in view.leaves}
    unknown = [key for key in keys if key not in shown]
    if unknown:
        raise Unshowable(
            VlmTableWarning.OPTION, f":filters: names no shown column: {', '.join(unknown)}"
        )


def report_default_sort_problems(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-check-consistency``: one warning per data file that lacks a key of
    ``vlmtable_default_sort``, however many tables (and processes) used it."""
    problems = state_of(env)["default_sort_problems"]
    reported = sorted({problem for found in problems.values() for problem in found})
    for relative, spec, unknown in reported:
        log_warning(
            VlmTableWarning.CONFIG,
            f"vlmtable_default_sort {spec!r} names {', '.join(map(repr, unknown))}, which "
            f"the data file {relative} has no column for; its tables keep the file's order",
            conf_py_location(app.confdir, "vlmtable_default_sort"),
        )


def setup_table(app: Sphinx) -> None:
    app.add_directive("vlm-table", VlmTableDirective)
    app.connect("env-check-consistency", report_default_sort_problems)
