"""A data file's bytes to a ``LoadResult``: the sections read in the order each needs
the one before (columns, then tasks, then the models they allow), with one reporter.
"""

from __future__ import annotations

from sphinx_vlmtable.data.model import DEFAULT_COLUMNS, LoadResult, Model, SurveyData, Task
from sphinx_vlmtable.data.validate.columns import apply_column_settings, read_columns, read_missing
from sphinx_vlmtable.data.validate.files import ModelsFrom, ReadModels
from sphinx_vlmtable.data.validate.models import ModelChecker, ModelRules
from sphinx_vlmtable.data.validate.reporter import ProblemReporter
from sphinx_vlmtable.data.validate.scalars import check_keys, read_list
from sphinx_vlmtable.data.validate.tasks import index_tasks, read_tasks
from sphinx_vlmtable.data.yamlsource import (
    MarkedMapping,
    YamlSourceError,
    decode_data,
    parse_marked_yaml,
)
from sphinx_vlmtable.warnings_ import VlmTableWarning

TOP_LEVEL_KEYS = ("columns", "column_settings", "missing", "models", "models_from", "tasks")


def load_survey_text(
    raw: bytes,
    max_problems: int = 100,
    placeholder: str = "-",
    read_models: ReadModels | None = None,
) -> LoadResult:
    """Decode, parse and validate a data file's bytes; at most ``max_problems`` problems
    are kept, and one more says how many were left out. ``placeholder`` is the
    ``vlmtable_missing`` text, which never needs to parse in a typed column.
    ``read_models`` finds the files of ``models_from`` (``files.py``: beside the file)."""
    try:
        root = parse_marked_yaml(decode_data(raw))
    except YamlSourceError as error:
        return LoadResult(SurveyData(), (error.problem,))
    return _validate(root, ProblemReporter(max_problems), placeholder, read_models)


def _validate(
    root: MarkedMapping,
    reporter: ProblemReporter,
    placeholder: str,
    read_models: ReadModels | None,
) -> LoadResult:
    """Every section of the file, each problem in the section it stops."""
    check_keys(reporter, root, TOP_LEVEL_KEYS, "the top level")
    items = root.items
    declared = "columns" in items
    reporter.section = "columns"
    columns = read_columns(reporter, items["columns"][1]) if declared else DEFAULT_COLUMNS
    if "column_settings" in items:
        columns = apply_column_settings(reporter, items["column_settings"][1], columns, declared)
    missing = (
        read_missing(reporter, items["missing"][1], "'missing'") if "missing" in items else None
    )
    tasks: tuple[Task, ...] = ()
    if "tasks" in items:
        reporter.section = "tasks"
        tasks = read_tasks(reporter, items["tasks"][1])
    task_keys = index_tasks(reporter, tasks)
    reporter.section = "models"
    rules = ModelRules.of(columns, declared, task_keys, missing, placeholder)
    checker = ModelChecker(reporter, rules)
    models_from = ModelsFrom(reporter, checker, read_models)
    models = _all_models(root, reporter, checker, models_from)
    data = SurveyData(
        columns=columns,
        models=models,
        tasks=tasks,
        missing=missing,
        columns_declared=declared,
        model_files=tuple(models_from.files),
        model_patterns=tuple(models_from.patterns),
    )
    return LoadResult(data, reporter.all_problems())


def _all_models(
    root: MarkedMapping, reporter: ProblemReporter, checker: ModelChecker, models_from: ModelsFrom
) -> tuple[Model, ...]:
    """The models of ``models``, then those of each ``models_from`` file; a file with
    none is a problem (unless their problems already say why)."""
    models: list[Model] = []
    if "models" in root.items:
        models += checker.read(read_list(reporter, root.items["models"][1], "'models'"))
    if "models_from" in root.items:
        models += models_from.read(root.items["models_from"][1])
    if "models" not in root.items and "models_from" not in root.items:
        reporter.report(
            VlmTableWarning.MISSING_KEY,
            "the file has no 'models' list (tables show its models)",
            root.line,
            root.column,
        )
    elif not models and not any(p.section == "models" for p in reporter.problems):
        node = root.items.get("models", root.items.get("models_from"))
        assert node is not None
        message = (
            "the file has no models (none in 'models', none from 'models_from'): a "
            "table needs at least one"
            if "models_from" in root.items
            else "'models' is empty: a table needs at least one model"
        )
        reporter.report(VlmTableWarning.MISSING_KEY, message, node[1].line, node[1].column)
    return checker.names.unique_aliases(models)
