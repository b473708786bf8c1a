"""Sorting, filtering and merging rows: pure, no Sphinx."""

from __future__ import annotations

import pytest

from sphinx_vlmtable.schema import Model
from sphinx_vlmtable.views import (
    SortKey,
    ViewError,
    merge_spans,
    natural_key,
    parse_filter,
    parse_sort,
    sort_models,
)

KEYS = ["model", "year", "llm", "adapter"]


def model(name: str, **values: str) -> Model:
    return Model(name, {"model": name, **values}, {}, 1)


def names(models: list[Model]) -> list[str]:
    return [m.name for m in models]


@pytest.mark.parametrize(
    ("unordered", "ordered"),
    [
        (["2023.10", "2023.9", "2024"], ["2023.9", "2023.10", "2024"]),
        (["Qwen10-VL", "Qwen2-VL", "qwen2.5-VL"], ["Qwen2-VL", "qwen2.5-VL", "Qwen10-VL"]),
        (["b", "A", "a2", "a10"], ["A", "a2", "a10", "b"]),
    ],
)
def test_natural_order(unordered: list[str], ordered: list[str]) -> None:
    assert sorted(unordered, key=natural_key) == ordered


def test_sort_is_stable_descending_and_puts_missing_last() -> None:
    models = [
        model("A", year="2023.9"),
        model("B"),
        model("C", year="2023.10"),
        model("D", year="2023.10"),
    ]
    assert names(sort_models(models, [SortKey("year")])) == ["A", "C", "D", "B"]
    assert names(sort_models(models, [SortKey("year", True)])) == ["C", "D", "A", "B"]
    assert names(sort_models(models, parse_sort("-year, -model", KEYS))) == ["D", "C", "A", "B"]


def test_parse_sort_errors() -> None:
    with pytest.raises(ViewError, match="cannot sort by 'yaer'"):
        parse_sort("yaer", KEYS)
    with pytest.raises(ViewError, match="empty sort key"):
        parse_sort("year,,model", KEYS)


ROWS = [
    {"model": "LLaVA", "year": "2023.04", "llm": "Vicuna"},
    {"model": "Qwen2-VL", "year": "2024.09", "llm": "Qwen2"},
    {"model": "Qwen2.5-VL", "year": "2025.02", "llm": "Qwen2.5", "adapter": "MLP"},
    {"model": "BLIP", "year": "2022.01"},
]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("year >= 2024", ["Qwen2-VL", "Qwen2.5-VL"]),
        ("year < 2023.10", ["LLaVA", "BLIP"]),
        ("year > 2024.9", ["Qwen2.5-VL"]),
        ("llm ~ Qwen", ["Qwen2-VL", "Qwen2.5-VL"]),
        ("llm !~ Qwen", ["LLaVA"]),
        ("llm ~ '^Qwen2$'", ["Qwen2-VL"]),
        ('model == "Qwen2.5-VL"', ["Qwen2.5-VL"]),
        ("model != BLIP and not llm", []),
        ("not llm", ["BLIP"]),
        ("adapter", ["Qwen2.5-VL"]),
        ("year < 2023 or (llm ~ Vicuna and year <= 2023.04)", ["LLaVA", "BLIP"]),
        ("not (year >= 2024 or model == BLIP)", ["LLaVA"]),
    ],
)
def test_filter_expressions(expression: str, expected: list[str]) -> None:
    predicate = parse_filter(expression, KEYS)
    assert [row["model"] for row in ROWS if predicate(row)] == expected


@pytest.mark.parametrize(
    ("expression", "message", "position"),
    [
        ("", "the expression is empty", 0),
        ("year >=", "ends too early", 7),
        ("yaer > 2024", "no column has the key 'yaer'", 0),
        ("year > 2024 and", "ends too early", 15),
        ("(year > 2024", "missing ')'", 12),
        ("year > 2024)", "unexpected ')'", 11),
        ("llm ~ '['", "invalid regular expression", 6),
        ("and year", "expected a column key, found 'and'", 0),
        ("year > (", "expected a value after '>'", 7),
        ("year = 2024", "unexpected '='", 5),
    ],
)
def test_filter_errors_point_at_the_column(expression: str, message: str, position: int) -> None:
    with pytest.raises(ViewError, match=message.replace("(", r"\(").replace(")", r"\)")) as error:
        parse_filter(expression, KEYS)
    assert error.value.position == position


def test_filter_never_evaluates_python() -> None:
    with pytest.raises(ViewError):
        parse_filter("__import__('os').system('true')", KEYS)


def test_merge_spans_blank_the_covered_cells() -> None:
    rows: list[list[str | None]] = [
        ["a", "x", "1"],
        ["b", "x", "1"],
        ["c", "x", "2"],
        ["d", "y", "2"],
    ]
    assert merge_spans(rows, [1, 2]) == [(0, 1, 2), (0, 2, 1), (2, 2, 1)]
    assert rows == [["a", "x", "1"], ["b", None, None], ["c", None, "2"], ["d", "y", None]]
