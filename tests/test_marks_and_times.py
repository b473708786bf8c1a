"""Marks and date-times in the data layer, through real builds and exports: a blank mark
is *not stated* (blank in the table, "not stated" in the matrix, empty in exports,
never "no"); ``type: mark`` columns beside data columns; ``type: date`` takes a day with
a time at its precision, in linear time."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from conftest import build, run_vlmtable, write_project
from htmltable import read_tables

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.data.values import DateValue, parse_date, parse_value

MARKED = """\
columns:
  - {key: model, label: Framework}
  - {key: stars, label: Stars, type: number}
  - {key: pushed, label: Last push, type: date}
  - {key: async, label: Async, type: mark}
  - {key: http2, label: HTTP/2, type: mark}
models:
  - {model: Alder, stars: "1,200", pushed: "2026-06-26 16:48:16", async: "✅", http2: "❌"}
  - {model: Birch, stars: "980", pushed: "2026-06-26T09:05Z", async: "no"}
  - {model: Cedar, stars: "15", pushed: "2025-01-02 00:00", http2: "🟡"}
"""


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("2026-06-26 16:48:16", DateValue(2026, 6, 26, 16, 48, 16), 5),
        ("2026-06-26T16:48", DateValue(2026, 6, 26, 16, 48), 4),
        ("2026-06-26T16:48:16.250Z", DateValue(2026, 6, 26, 16, 48, 16), 5),
        ("2026-06-26T01:30+02:00", DateValue(2026, 6, 25, 23, 30), 4),  # held in UTC
        ("2026-06-26T20:00-0500", DateValue(2026, 6, 27, 1, 0), 4),
        ("2026-06-26", DateValue(2026, 6, 26), 3),
    ],
)
def test_a_date_with_a_time_is_read_at_its_precision(
    text: str, value: DateValue, precision: int
) -> None:
    assert parse_date(text) == value
    assert value.precision == precision


@pytest.mark.parametrize(
    "text", ["2026-06-26 24:00", "2026-02-30 10:00", "2026-06-26 10", "2026-06-26T10:00+25:00x"]
)
def test_what_is_not_a_date_time_is_refused(text: str) -> None:
    assert parse_date(text) is None


def test_dates_and_date_times_order_and_parse_in_linear_time() -> None:
    day, midnight = parse_date("2026-06-26"), parse_date("2026-06-26 00:00")
    before = parse_date("2026-06-25 23:59:59")
    assert day is not None and midnight is not None and before is not None
    assert before < day < midnight  # a day without a time sorts before its first minute
    assert midnight.at(3) == day
    started = time.monotonic()
    for hostile in ("2026-06-26 " + "1" * 100_000, "2026-06-26T" + ":" * 100_000, " " * 100_000):
        assert parse_date(hostile) is None
    assert time.monotonic() - started < 1


def test_marks_parse_as_states_and_anything_else_does_not() -> None:
    assert [parse_value(t, "mark") for t in ("❌", "partial", "✅")] == sorted(
        parse_value(t, "mark")
        for t in ("✅", "❌", "partial")  # type: ignore[type-var]
    )
    assert parse_value(":heavy_check_mark:", "mark") == parse_value("Yes", "mark")
    assert parse_value("✅ ❌", "mark") is None and parse_value("maybe", "mark") is None


def test_a_file_with_marks_and_date_times_checks_clean_and_a_bad_mark_is_located() -> None:
    assert load_survey_text(MARKED.encode()).problems == ()
    bad = MARKED.replace('async: "no"', 'async: "maybe"')
    (problem,) = load_survey_text(bad.encode()).problems
    assert problem.line == 9
    assert "'maybe' in the mark column 'async' is not a mark (yes, partial or no" in (
        problem.message
    )


def test_a_table_shows_marks_beside_data_and_a_blank_mark_as_blank(tmp_path: Path) -> None:
    page = (
        "T\n=\n\n.. vlm-table:: data/f.yaml\n   :sort: -pushed\n\n"
        ".. vlm-table:: data/f.yaml\n   :filter: async == yes or http2 >= partial\n"
    )
    done = build(write_project(tmp_path / "src", {"data/f.yaml": MARKED, "index.rst": page}))
    assert done.warnings == ""
    by_time, filtered = read_tables(done.read("index.html"))
    assert [[c.text for c in row] for row in by_time.body] == [
        ["Alder", "1,200", "2026-06-26 16:48:16", "✅", "❌"],
        ["Birch", "980", "2026-06-26T09:05Z", "no", ""],  # not stated: blank, never "no"
        ["Cedar", "15", "2025-01-02 00:00", "", "🟡"],
    ]
    assert [row[0].text for row in filtered.body] == ["Alder", "Cedar"]


def test_the_matrix_of_mark_columns_says_not_stated_and_exports_leave_it_blank(
    tmp_path: Path,
) -> None:
    page = "M\n=\n\n.. vlm-matrix:: data/f.yaml\n"
    done = build(write_project(tmp_path / "src", {"data/f.yaml": MARKED, "index.rst": page}))
    assert done.warnings == ""
    (matrix,) = read_tables(done.read("index.html"))
    assert [c.text for c in matrix.head[0]] == ["Framework", "Async", "HTTP/2"]
    assert [[c.text for c in row] for row in matrix.body] == [
        ["Alder", "yes", "no"],
        ["Birch", "no", "not stated"],
        ["Cedar", "not stated", "partial"],
    ]
    source = tmp_path / "f.yaml"
    source.write_text(MARKED, encoding="utf-8")
    markdown = run_vlmtable("export", str(source), "--matrix", "--format", "md").stdout
    assert markdown.splitlines()[2:] == [
        "| Alder | yes | no |",
        "| Birch | no |  |",
        "| Cedar |  | partial |",
    ]
    records = json.loads(run_vlmtable("export", str(source), "--matrix", "--format", "json").stdout)
    assert records[1] == {"model": "Birch", "async": "no"}
    table_csv = run_vlmtable("export", str(source)).stdout.splitlines()
    assert table_csv[2] == "Birch,980,2026-06-26T09:05Z,no,"


def test_a_tasks_mapping_states_only_what_it_names(tmp_path: Path) -> None:
    data = (
        "tasks:\n  - name: Captioning\n  - name: Grounding\n  - name: OCR\n"
        "models:\n"
        "  - {model: Listed, tasks: [Captioning]}\n"
        "  - {model: Mapped, tasks: {Captioning: yes, Grounding: }}\n"
        "  - {model: Silent}\n"
    )
    page = "M\n=\n\n.. vlm-matrix:: data/m.yaml\n"
    done = build(write_project(tmp_path / "src", {"data/m.yaml": data, "index.rst": page}))
    assert done.warnings == ""
    (matrix,) = read_tables(done.read("index.html"))
    assert [[c.text for c in row] for row in matrix.body] == [
        ["Listed", "yes", "no", "no"],  # a list: the rest are no, as documented
        ["Mapped", "yes", "not stated", "not stated"],  # a mapping claims only what it names
        ["Silent", "not stated", "not stated", "not stated"],
    ]
