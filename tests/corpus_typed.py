"""Bad data files about typed columns and the task matrix (``corpus.py`` holds the rest
and the good files): each with the problem it must produce."""

from __future__ import annotations

from corpus import M, case

TYPED_AND_MATRIX_CASES = [
    # Typed columns and their settings.
    case(
        "number_not_a_number",
        "columns:\n  - {key: model, label: M}\n  - {key: size, "
        "label: S, type: number}\n" + M + "    size: seven\n",
        "value",
        6,
        "is not a number",
        schema_rejects=None,
        stops=False,
    ),
    case(
        "date_not_a_date",
        M + "    year: '2024.13'\n",
        "value",
        3,
        "is not a date",
        schema_rejects=None,
        stops=False,
    ),
    case(
        "linked_date_not_a_date",
        M + "    year: {text: soon, url: 'https://x.org/'}\n",
        "value",
        3,
        "'soon' in the date column 'year'",
        schema_rejects=None,
        stops=False,
    ),
    case(
        "unknown_type",
        "columns:\n  - {key: model, label: M, type: integer}\n" + M,
        "columns",
        2,
        "'type' must be one of text, number, date",
    ),
    case(
        "unknown_align",
        "column_settings:\n  year: {align: middle}\n" + M,
        "columns",
        2,
        "'align' must be one of left, center, right",
    ),
    case(
        "settings_unknown_column",
        "column_settings:\n  params: {type: number}\n" + M,
        "unknown_key",
        2,
        "default VLM layout is in force",
        schema_rejects=None,
    ),
    case(
        "settings_unknown_key",
        "column_settings:\n  year: {sort: max}\n" + M,
        "unknown_key",
        2,
        "unknown key 'sort' in the settings of 'year'",
    ),
    case(
        "best_and_markup",
        "column_settings:\n  llm: {best: max, markup: rst}\n" + M,
        "columns",
        2,
        "both 'best' and 'markup'",
        schema_rejects=None,
    ),
    case(
        "missing_a_mapping", "missing: {a: b}\n" + M, "type", 1, "must be text", schema_rejects=True
    ),
    case(
        "unknown_model_key_default_layout",
        M + "    params: 7B\n",
        "unknown_key",
        3,
        "declare 'columns:'",
        schema_rejects=None,
        stops=False,
    ),
    # The task matrix: what models state about tasks.
    case(
        "unknown_task",
        "tasks:\n  - name: Visual Grounding\n" + M + "    tasks: [Visual Groundin]\n",
        "unknown_key",
        5,
        "did you mean 'Visual Grounding'",
        schema_rejects=None,
        directive="vlm-matrix",
        stops=False,
    ),
    case(
        "bad_task_state",
        "tasks:\n  - name: Grounding\n" + M + "    tasks: {Grounding: maybe}\n",
        "type",
        5,
        "yes, partial or no",
        directive="vlm-matrix",
        stops=False,
    ),
    case(
        "duplicate_task_key",
        "tasks:\n  - {name: A b}\n  - {name: A-b}\n" + M,
        "duplicate_key",
        3,
        "two tasks have the key 'a_b'",
        schema_rejects=None,
        directive="vlm-tasks",
    ),
    case(
        "column_key_tasks",
        "columns:\n  - {key: model, label: M}\n  - {key: tasks, label: T}\n" + M,
        "columns",
        3,
        "reserved",
    ),
    case(
        "bold_not_a_flag",
        "tasks:\n  - name: A\n    bold: maybe\n",
        "type",
        3,
        "true or false",
        directive="vlm-tasks",
    ),
    case(
        "task_without_name",
        "tasks:\n  - description: x\n",
        "missing_key",
        2,
        "needs a non-empty 'name'",
        directive="vlm-tasks",
    ),
]
