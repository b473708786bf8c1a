"""The column tree to header cells with spans: pure, no Sphinx."""

from __future__ import annotations

import pytest

from sphinx_vlmtable.data.model import DEFAULT_COLUMNS, Column
from sphinx_vlmtable.view.layout import (
    ColumnSelectionError,
    HeaderCell,
    header_rows,
    select_columns,
)


def cells(rows: list[list[HeaderCell]]) -> list[list[tuple[str, int, int, int]]]:
    return [[(c.label, c.column, c.morerows, c.morecols) for c in row] for row in rows]


def test_seed_layout_spans() -> None:
    assert cells(header_rows(DEFAULT_COLUMNS)) == [
        [
            ("Model", 0, 1, 0),
            ("Year", 1, 1, 0),
            ("Model Architecture", 2, 0, 2),
            ("Training Recipe", 5, 1, 0),
            ("Data Recipe", 6, 1, 0),
        ],
        [("Vision Encoder", 2, 0, 0), ("Adapter", 3, 0, 0), ("LLM", 4, 0, 0)],
    ]


def test_three_levels_leaf_beside_deeper_group_spans_down() -> None:
    tree = (
        Column("Model", "model"),
        Column(
            "Scores",
            columns=(
                Column("Vision", columns=(Column("VQA", "vqa"), Column("OCR", "ocr"))),
                Column("Text", "text"),
            ),
        ),
    )
    assert cells(header_rows(tree)) == [
        [("Model", 0, 2, 0), ("Scores", 1, 0, 2)],
        [("Vision", 1, 0, 1), ("Text", 3, 1, 0)],
        [("VQA", 1, 0, 0), ("OCR", 2, 0, 0)],
    ]


def test_no_groups_is_one_row_without_spans() -> None:
    tree = (Column("Model", "model"), Column("Year", "year"))
    assert cells(header_rows(tree)) == [[("Model", 0, 0, 0), ("Year", 1, 0, 0)]]


def test_select_columns_keeps_groups_around_remaining_leaves() -> None:
    chosen = select_columns(DEFAULT_COLUMNS, ["model", "llm", "adapter"])
    assert cells(header_rows(chosen)) == [
        [("Model", 0, 1, 0), ("Model Architecture", 1, 0, 1)],
        [("LLM", 1, 0, 0), ("Adapter", 2, 0, 0)],
    ]


def test_select_columns_drops_empty_groups() -> None:
    chosen = select_columns(DEFAULT_COLUMNS, ["model", "year"])
    assert cells(header_rows(chosen)) == [[("Model", 0, 0, 0), ("Year", 1, 0, 0)]]


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        (["model", "llm", "year", "adapter"], "next to each other"),
        (["model", "nope"], "no column has the key 'nope'"),
        (["model", "model"], "chosen twice"),
    ],
)
def test_select_columns_errors(keys: list[str], message: str) -> None:
    with pytest.raises(ColumnSelectionError, match=message):
        select_columns(DEFAULT_COLUMNS, keys)
