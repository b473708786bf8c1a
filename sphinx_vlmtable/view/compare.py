"""Models side by side: 2 to 4 chosen models as columns, the table's columns as rows.

Pure; no docutils. The rows follow the column tree (each leaf under its groups'
labels); a row *differs* when its models' cells do not all read the same (their
given value or their text, as written).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sphinx_vlmtable.data.model import MODEL_KEY, Column, Model, SurveyData
from sphinx_vlmtable.data.suggest import did_you_mean
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.table import ViewCell, build_view
from sphinx_vlmtable.view.words import DEFAULT_WORDS, EntryWords

MIN_MODELS, MAX_MODELS = 2, 4


@dataclass(frozen=True)
class CompareRow:
    #: The labels of the groups above the column, outermost first.
    groups: tuple[str, ...]
    label: str
    key: str
    cells: tuple[ViewCell, ...]
    differs: bool


@dataclass(frozen=True)
class CompareView:
    models: tuple[Model, ...]
    rows: tuple[CompareRow, ...]
    #: The model column's label (the corner of the comparison).
    model_label: str = "Model"


def chosen_models(
    data: SurveyData, names: Sequence[str], words: EntryWords = DEFAULT_WORDS
) -> tuple[list[Model], list[str]]:
    """The models named (by id or name, each once), and a message per unknown name."""
    by_key: dict[str, Model] = {}
    for model in data.models:
        by_key.setdefault(model.identity, model)
        by_key.setdefault(model.name, model)
        for alias in model.aliases:
            by_key.setdefault(alias, model)
    chosen: list[Model] = []
    unknown: list[str] = []
    for name in names:
        found = by_key.get(name)
        if found is None:
            unknown.append(f"no {words.one} is named {name!r}{did_you_mean(name, by_key)}")
        elif found not in chosen:
            chosen.append(found)
    return chosen, unknown


def build_compare(
    data: SurveyData,
    models: Sequence[Model],
    options: ViewOptions,
    words: EntryWords = DEFAULT_WORDS,
) -> CompareView:
    """The comparison of ``models`` over the columns ``options`` choose."""
    if not MIN_MODELS <= len(models) <= MAX_MODELS:
        raise ViewError(
            f"compare {MIN_MODELS} to {MAX_MODELS} {words.many} ({len(models)} given and known)"
        )
    view = build_view(data, options)
    by_model = {id(row.model): row for row in view.rows}
    rows = [by_model[id(model)] for model in models]
    compared = []
    model_label = words.title  # when the table shows no name column
    for index, (groups, leaf) in enumerate(_leaves_with_groups(view.columns)):
        if leaf.key == MODEL_KEY:
            model_label = leaf.label
            continue
        cells = tuple(_cell(row.cells[index], row.model, leaf, options.missing) for row in rows)
        readings = {cell.value_text if cell.value_text is not None else cell.text for cell in cells}
        compared.append(CompareRow(groups, leaf.label, leaf.key or "", cells, len(readings) > 1))
    return CompareView(tuple(models), tuple(compared), model_label)


def _cell(cell: ViewCell | None, model: Model, leaf: Column, missing: str) -> ViewCell:
    # No :merge: here, so no cell is covered; the fallback keeps the type checker sure.
    if cell is not None:
        return cell
    return ViewCell(model.values.get(leaf.key or "", missing))


def _leaves_with_groups(
    columns: Iterable[Column], groups: tuple[str, ...] = ()
) -> Iterable[tuple[tuple[str, ...], Column]]:
    for column in columns:
        if column.is_group:
            yield from _leaves_with_groups(column.columns, (*groups, column.label))
        else:
            yield groups, column
