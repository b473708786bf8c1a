"""The survey at a glance, over time and side by side: ``vlm-chart``, ``vlm-changes``
and ``vlm-compare``.

Each reads its data file as ``vlm-table`` does (``_DataDirective.load``: the same
dependency, size cap and located problems) and builds a view with the same options
(``:filter:``, ``:sort:``); what it makes of the view is in ``view/chart.py``,
``view/changes.py`` and ``view/compare.py``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.environment import BuildEnvironment
from sphinx.util.typing import OptionSpec

from sphinx_vlmtable.data.earlier import GIT_PREFIX, EarlierVersionError, load_earlier
from sphinx_vlmtable.data.model import LoadResult, Model, SurveyData
from sphinx_vlmtable.directives import VlmTableDirective, _DataDirective
from sphinx_vlmtable.domain import VlmDomain, project_dir
from sphinx_vlmtable.nodes.chart import chart_node, model_name
from sphinx_vlmtable.nodes.compare import compare_table, differs_legend
from sphinx_vlmtable.view.changes import Changes, UpdatedModel, compare_versions
from sphinx_vlmtable.view.chart import CHART_KINDS, ChartData, ChartOptions, chart_data
from sphinx_vlmtable.view.compare import CompareRow, CompareView, build_compare, chosen_models
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.readings import column_readings
from sphinx_vlmtable.view.table import TableView, ViewCell, build_view
from sphinx_vlmtable.warnings_ import VlmTableWarning


def note_model_links(env: BuildEnvironment, identities: Iterable[str]) -> None:
    """This page links to these models' rows (resolved when it is written), so it is
    read again when a home table changes, as for ``:vlm:model:`` links."""
    VlmDomain.of(env).uses.setdefault(env.docname, set()).update(identities)


def _kind(argument: str) -> str:
    return directives.choice(argument, CHART_KINDS)


def _log_axes(argument: str) -> frozenset[str]:
    axes = {part.strip() for part in argument.replace(",", " ").split()}
    if axes == {"none"}:
        return frozenset()
    if not axes or not axes <= {"x", "y"}:
        raise ValueError("expected x, y, 'x, y' or none")
    return frozenset(axes)


class _ViewDirective(_DataDirective):
    """A directive over a view of the models: ``:filter:`` and ``:sort:`` as in tables."""

    sections: ClassVar[tuple[str, ...]] = ("columns", "models")

    def models_view(self, data: SurveyData) -> TableView | None:
        options = ViewOptions(
            filter=self.options.get("filter"),
            sort=self.options.get("sort"),
            missing=self.settings.missing,
        )
        try:
            return build_view(data, options)
        except ViewError as error:
            self.warn_here(VlmTableWarning.OPTION, str(error))
            return None

    def caption(self, given: str | None, generated: str) -> nodes.caption:
        """The given caption (inline markup allowed), or the generated one."""
        if given is None:
            caption = nodes.caption(generated, generated)
        else:
            parsed, messages = self.state.inline_text(given, self.lineno)
            caption = nodes.caption(given, "", *parsed, *messages)
        self.set_source_info(caption)
        return caption


class VlmChartDirective(_ViewDirective):
    """``.. vlm-chart:: data/vlms.yaml`` with ``:x: year``: a timeline, or with ``:y:`` a
    scatter, of the models a view chooses."""

    option_spec: ClassVar[OptionSpec] = {
        "kind": _kind,
        "x": directives.unchanged_required,
        "y": directives.unchanged_required,
        "color": directives.unchanged_required,
        "log": _log_axes,
        "filter": directives.unchanged_required,
        "sort": directives.unchanged_required,
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "kind": "``timeline`` (the default without ``:y:``): models along a date axis, in "
        "lanes by ``:color:``; ``scatter`` (the default with ``:y:``): two typed columns.",
        "x": "The key of the date or number column along the horizontal axis (required).",
        "y": "A scatter's vertical axis: a number or date column's key.",
        "color": "A text column's key: points coloured by its value (a timeline's lanes).",
        "log": "``x``, ``y``, ``x, y`` or ``none``: which number axes are logarithmic "
        "(default: an axis whose positive values span a factor of 100 or more).",
        "filter": "As in ``vlm-table``: the models shown, such as ``year >= 2023``.",
        "sort": "As in ``vlm-table``: which names are placed first when they crowd.",
        "caption": "The chart's caption (inline markup allowed); by default it says what "
        "the chart shows. Models left out for want of a value are counted in it.",
        "name": "A label for ``ref`` and ``numref``.",
        "class": "Extra classes on the figure (it always has ``vlm-chart-figure``).",
    }

    def run(self) -> list[nodes.Node]:
        loaded = self.load()
        if loaded is None or not loaded[1].data.models:
            return self.problem_notice()
        data = loaded[1].data
        view = self.models_view(data)
        chart = self.chart(data, view) if view is not None else None
        if chart is None:
            return self.problem_notice()
        node = chart_node(chart)
        self.set_source_info(node)
        note_model_links(self.env, [point.identity for point in chart.points])
        figure = nodes.figure(
            "", node, classes=["vlm-chart-figure", *self.options.get("class", [])]
        )
        self.set_source_info(figure)
        caption = self.caption(self.options.get("caption"), chart.description())
        if chart.left_out:
            caption += nodes.Text(" " + self.left_out_note(chart))
        figure += caption
        self.add_name(figure)
        return [figure]

    def chart(self, data: SurveyData, view: TableView) -> ChartData | None:
        options = self.options
        if "x" not in options:
            self.warn_here(VlmTableWarning.OPTION, "a chart needs :x: (a date or number column)")
            return None
        kind = options.get("kind", "scatter" if "y" in options else "timeline")
        chart_options = ChartOptions(kind, options["x"], options.get("y"), options.get("color"),
                                     options.get("log"))  # fmt: skip
        try:
            chart = chart_data(
                data,
                view,
                column_readings(data, ViewOptions(missing=self.settings.missing)),
                chart_options,
            )
        except ViewError as error:
            self.warn_here(VlmTableWarning.OPTION, str(error))
            return None
        for axis in chart.log_refused:
            self.warn_here(
                VlmTableWarning.OPTION,
                f":log: {axis}: the axis has values at or below zero, which a log scale "
                "cannot show; it is drawn linear",
            )
        if not chart.points:
            self.warn_here(VlmTableWarning.OPTION,
                           f"no model shown has a value on the chart's axes "
                           f"(of {len(view.rows)} models)")  # fmt: skip
            return None
        return chart

    @staticmethod
    def left_out_note(chart: ChartData) -> str:
        axes = chart.x_label if chart.y_label is None else f"{chart.x_label} or {chart.y_label}"
        count = chart.left_out
        return f"({count} model{'s' if count != 1 else ''} without a value for {axes} left out.)"


class VlmChangesDirective(_ViewDirective):
    """``.. vlm-changes:: data/vlms.yaml`` with ``:since: old.yaml`` or ``:since: git:REV``:
    the models added, updated and removed since that version (a changelog page)."""

    option_spec: ClassVar[OptionSpec] = {
        "since": directives.unchanged_required,
        "title": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "since": "The earlier version: a data file's path (as the argument is read), or "
        "``git:REV`` for this file at a git revision (``git:v1.0``, ``git:HEAD~5``; read "
        "with ``git cat-file``, so the project must be a git checkout). Required.",
        "title": "The heading above the lists (default: ``Changes since <since>``).",
        "name": "A label for ``ref``.",
        "class": "Extra classes on the block (it always has ``vlm-changes``).",
    }

    def run(self) -> list[nodes.Node]:
        since = self.options.get("since")
        if not since:
            self.warn_here(VlmTableWarning.OPTION, "give :since: (a data file or git:REV)")
            return self.problem_notice()
        loaded = self.load()
        if loaded is None:
            return self.problem_notice()
        current, result = loaded
        earlier = self.earlier(since, current)
        if earlier is None:
            return self.problem_notice()
        changes = compare_versions(earlier.data, result.data)
        note_model_links(self.env, [m.identity for m in (*changes.added, *changes.removed)])
        note_model_links(self.env, [entry.model.identity for entry in changes.updated])
        title = self.options.get("title", f"Changes since {since.removeprefix(GIT_PREFIX)}")
        block = changes_nodes(changes, title)
        block["classes"] += ["vlm-changes", *self.options.get("class", [])]
        self.set_source_info(block)
        self.add_name(block)
        return [block]

    def earlier(self, since: str, current: str) -> LoadResult | None:
        settings = self.settings
        path = since
        if not since.startswith(GIT_PREFIX):
            relative, path = self.env.relfn2path(since, self.env.docname)
            self.env.note_dependency(relative)
            if self.refused_outside(path, f":since: {since}"):
                return None
        try:
            earlier = load_earlier(path, current, settings.max_file_size,
                                   settings.max_problems, settings.missing,
                                   project_dir(self.env))  # fmt: skip
        except (EarlierVersionError, OSError, ValueError) as error:
            reason = getattr(error, "strerror", None) or error
            self.warn_here(VlmTableWarning.CHANGES, f"cannot read :since: {since}: {reason}")
            return None
        stopping = [problem for problem in earlier.problems if problem.stops]
        if stopping:
            self.warn_here(VlmTableWarning.CHANGES, f":since: {since} cannot be read as a data "
                           f"file (line {stopping[0].line}: {stopping[0].message})")  # fmt: skip
            return None
        return earlier


def changes_nodes(changes: Changes, title: str) -> nodes.container:
    """A heading, then Added, Updated and Removed lists (empty ones left out)."""
    block = nodes.container()
    block["support_smartquotes"] = False
    block += nodes.rubric(title, title, classes=["vlm-changes-title"])
    if not changes.count:
        block += nodes.paragraph("", "No models were added, updated or removed.")
        return block
    parts: list[tuple[str, str, list[nodes.list_item]]] = [
        ("added", "Added", [_item(model, None, f"added {model.added}" if model.added else None)
                            for model in changes.added]),
        ("updated", "Updated", [_item(entry.model, entry, None) for entry in changes.updated]),
        ("removed", "Removed", [nodes.list_item("", nodes.paragraph(
            "", "", nodes.strong(model.name, model.name))) for model in changes.removed]),
    ]  # fmt: skip
    for kind, heading, items in parts:
        if not items:
            continue
        text = f"{heading} ({len(items)})"
        block += nodes.rubric(text, text, classes=[f"vlm-changes-{kind}"])
        block += nodes.bullet_list("", *items, classes=[f"vlm-changes-{kind}"])
    return block


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


def _model_names(argument: str) -> list[str]:
    names = [name.strip() for name in argument.split(",")]
    if not all(names):
        raise ValueError("expected comma-separated model names or ids")
    return names


class VlmCompareDirective(VlmTableDirective):
    """``.. vlm-compare:: data/vlms.yaml`` with ``:models: LLaVA, BLIP-2``: 2 to 4 models
    side by side, the columns as rows, differences highlighted."""

    option_spec: ClassVar[OptionSpec] = {
        "models": _model_names,
        "columns": VlmTableDirective.option_spec["columns"],
        "caption": directives.unchanged_required,
        "name": directives.unchanged,
        "class": directives.class_option,
    }
    option_help: ClassVar[dict[str, str]] = {
        "models": "Two to four model names (or ids), comma-separated: the columns, in "
        "this order. Required.",
        "columns": "The column keys to compare, in order (default: all of them).",
        "caption": VlmTableDirective.option_help["caption"],
        "name": "A label for ``ref`` and ``numref``.",
        "class": "Extra classes on the table (it always has ``vlm-compare``).",
    }

    def run(self) -> list[nodes.Node]:
        loaded = self.load()
        if loaded is None or not loaded[1].data.models:
            return self.problem_notice()
        source_path, result = loaded
        data = result.data
        compared = self.compared(data)
        if compared is None:
            return self.problem_notice()
        note_model_links(self.env, [model.identity for model in compared.models])
        markup = self.cell_markup(source_path, data)
        table = self.table_node(None, len(compared.rows))
        table["classes"] = ["vlm-compare", *self.options.get("class", [])]
        table["support_smartquotes"] = False

        def cell_nodes(cell: ViewCell, row: CompareRow, column: int) -> list[nodes.Node] | None:
            if markup is None or cell.markup is None or cell.is_missing:
                return None
            model = compared.models[column]
            line = model.lines.get(row.key, model.line)
            return markup.cell_nodes(cell.markup, cell.text, line, model.source)

        try:
            compare_table(compared, table, cell_nodes, compared.model_label)
        finally:
            if markup is not None:
                markup.finish()
        return [table, differs_legend()]

    def compared(self, data: SurveyData) -> CompareView | None:
        names = self.options.get("models")
        if not names:
            self.warn_here(VlmTableWarning.OPTION, "give :models: (2 to 4 names or ids)")
            return None
        models, unknown = chosen_models(data, names)
        for message in unknown:
            self.warn_here(VlmTableWarning.REFERENCE, message)
        options = ViewOptions(columns=self.options.get("columns"), missing=self.settings.missing)
        try:
            return build_compare(data, models, options)
        except ViewError as error:
            self.warn_here(VlmTableWarning.OPTION, str(error))
            return None
