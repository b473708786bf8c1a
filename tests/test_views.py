"""The view layer: data and options to a TableView, sorting, filtering and merging rows.
Pure: no Sphinx, no docutils."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from sphinx_vlmtable.data.model import Model
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.data.values import natural_key
from sphinx_vlmtable.view.filters import parse_filter
from sphinx_vlmtable.view.options import ViewError, ViewOptions
from sphinx_vlmtable.view.sorting import SortKey, parse_sort, sort_models
from sphinx_vlmtable.view.table import TableView, ViewCell, build_view, merge_spans

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
    texts = [["a", "x", "1"], ["b", "x", "1"], ["c", "x", "2"], ["d", "y", "2"]]
    grid: list[list[ViewCell | None]] = [[ViewCell(t) for t in row] for row in texts]
    merge_spans(grid, [1, 2])
    shown = [[(c.text, c.morerows) if c else None for c in row] for row in grid]
    assert shown == [
        [("a", 0), ("x", 2), ("1", 1)],
        [("b", 0), None, None],
        [("c", 0), None, ("2", 1)],
        [("d", 0), ("y", 0), None],
    ]


def test_merge_keeps_cells_apart_whose_links_differ() -> None:
    grid: list[list[ViewCell | None]] = [
        [ViewCell("MLP", "https://a.example/")],
        [ViewCell("MLP", "https://a.example/")],
        [ViewCell("MLP", "https://b.example/")],
        [ViewCell("MLP")],
    ]
    merge_spans(grid, [0])
    assert [(c.text, c.link, c.morerows) if c else None for row in grid for c in row] == [
        ("MLP", "https://a.example/", 1),
        None,
        ("MLP", "https://b.example/", 0),
        ("MLP", None, 0),
    ]


SURVEY = b"""\
columns:
  - {key: model, label: Model}
  - key: year
    label: Year
  - label: Architecture
    columns:
      - {key: adapter, label: Adapter}
      - {key: llm, label: LLM}
models:
  - model: LLaVA
    url: https://llava-vl.github.io/
    year: "2023.04"
    adapter: Linear
    llm: {text: Vicuna, url: "https://lmsys.org/"}
  - model: Qwen2-VL
    year: "2024.09"
    adapter: MLP
    llm: Qwen2
  - model: Qwen2.5-VL
    year: "2025.02"
    adapter: MLP
  - model: BLIP
    year: "2022.01"
"""


def view(**options: object) -> TableView:
    result = load_survey_text(SURVEY)
    assert result.problems == ()
    return build_view(result.data, ViewOptions(**options))  # type: ignore[arg-type]


def grid(table: TableView) -> list[list[tuple[str, str | None, int] | None]]:
    return [[(c.text, c.link, c.morerows) if c else None for c in row.cells] for row in table.rows]


def test_view_of_the_whole_file() -> None:
    table = view()
    assert [leaf.key for leaf in table.leaves] == ["model", "year", "adapter", "llm"]
    assert [[(c.label, c.morerows, c.morecols) for c in row] for row in table.header] == [
        [("Model", 1, 0), ("Year", 1, 0), ("Architecture", 0, 1)],
        [("Adapter", 0, 0), ("LLM", 0, 0)],
    ]
    assert grid(table)[0] == [
        ("LLaVA", "https://llava-vl.github.io/", 0),
        ("2023.04", None, 0),
        ("Linear", None, 0),
        ("Vicuna", "https://lmsys.org/", 0),
    ]
    assert grid(table)[3] == [
        ("BLIP", None, 0),
        ("2022.01", None, 0),
        ("-", None, 0),
        ("-", None, 0),
    ]
    assert (table.stub_columns, table.strong_columns) == (1, (0,))
    assert (table.colwidths, table.widths_class) == ((25, 25, 25, 25), None)
    assert [row.model.line for row in table.rows] == [10, 15, 19, 22]


def test_view_options_combined() -> None:
    table = view(
        columns=["model", "llm", "adapter"],
        filter="year >= 2023",
        sort="-adapter, model",
        merge=["adapter"],
        widths=[2, 1, 1],
        missing="n/a",
    )
    assert [leaf.key for leaf in table.leaves] == ["model", "llm", "adapter"]
    assert (table.stub_columns, table.strong_columns) == (1, (0,))
    assert grid(table) == [
        [("Qwen2-VL", None, 0), ("Qwen2", None, 0), ("MLP", None, 1)],
        [("Qwen2.5-VL", None, 0), ("n/a", None, 0), None],
        [
            ("LLaVA", "https://llava-vl.github.io/", 0),
            ("Vicuna", "https://lmsys.org/", 0),
            ("Linear", None, 0),
        ],
    ]
    assert (table.colwidths, table.widths_class) == ((50, 25, 25), "colwidths-given")


def test_sort_keys_of_cells_are_natural() -> None:
    cells = [row.cells[1] for row in view(sort="year").rows]
    assert [c.text for c in cells if c] == ["2022.01", "2023.04", "2024.09", "2025.02"]
    keys: list[Any] = [c.sort_key for c in cells if c]  # one column: one kind of key
    assert all(a < b for a, b in itertools.pairwise(keys))


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"columns": ["model", "nope"]}, ":columns: no column has the key 'nope'"),
        ({"sort": "nope"}, ":sort: cannot sort by 'nope'"),
        ({"filter": "year >"}, ":filter: the expression ends too early at column 7"),
        ({"merge": ["adapter"], "columns": ["model"]}, ":merge: names no shown column: adapter"),
        ({"widths": [1, 2]}, ":widths: has 2 values, but the table has 4 columns"),
    ],
)
def test_view_option_errors(options: dict[str, object], message: str) -> None:
    with pytest.raises(ViewError, match=message.replace("(", r"\(")):
        view(**options)


def test_many_columns_still_get_a_width() -> None:
    columns = "".join(f"  - {{key: c{i}, label: C{i}}}\n" for i in range(150))
    text = f"columns:\n  - {{key: model, label: Model}}\n{columns}models:\n  - model: A\n"
    table = build_view(load_survey_text(text.encode()).data, ViewOptions())
    assert len(table.colwidths) == 151 and min(table.colwidths) >= 3
