"""Imported columns typed from their cells (numbers, dates with times, marks), built
with warnings as errors; and the round trip: a README's marks, blanks and badges
through ``import``, ``export --format md`` and ``import`` again, never a blank made
"no"."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from conftest import build, run_vlmtable, write_project
from htmltable import read_tables
from test_import_receipt import KINDS, imported

from sphinx_vlmtable.data.values import DateValue, parse_date


def column(data: dict[str, Any], key: str) -> dict[str, Any]:
    found: dict[str, Any] = next(c for c in data["columns"] if c["key"] == key)
    return found


def test_a_leaderboard_gets_number_and_date_columns_with_its_times(tmp_path: Path) -> None:
    code, stderr, data, receipt = imported(tmp_path, KINDS / "leaderboard.md")
    assert code == 0, stderr
    assert {key: column(data, key).get("type") for key in ("stars", "forks", "last_commit")} == {
        "stars": "number",
        "forks": "number",
        "last_commit": "date",
    }
    assert column(data, "description") == {"key": "description", "label": "Description"}
    result = receipt["imported"][0]["result"]
    assert result["date_times"] == 5
    assert result["types"] == {
        "Stars": "number",
        "Forks": "number",
        "Open Issues": "number",
        "Last Commit": "date",
    }
    assert "5 date-time(s) read (--no-types keeps text)" in stderr
    text = (tmp_path / "out.yaml").read_text()
    page = "Board\n=====\n\n.. vlm-table:: data/b.yaml\n   :sort: -last_commit\n"
    done = build(write_project(tmp_path / "src", {"data/b.yaml": text, "index.rst": page}))
    assert done.warnings == ""  # every date-time is a date
    (table,) = read_tables(done.read("index.html"))
    assert [(row[0].text, row[-1].text) for row in table.body][:3] == [
        ("harbor", "2026-06-26 16:48:16"),
        ("pier", "2026-06-25 07:30:45"),
        ("quay", "2026-06-24 09:12:03"),
    ]


def test_iso_date_times_with_zones_are_read_in_utc(tmp_path: Path) -> None:
    code, _stderr, data, receipt = imported(tmp_path, KINDS / "leaderboard.md", "--table", "2")
    assert code == 0 and column(data, "pushed")["type"] == "date"
    assert column(data, "stars")["type"] == "number"  # 79.8k
    assert receipt["imported"][0]["result"]["date_times"] == 3
    quay = next(m for m in data["models"] if m["model"] == "quay")
    assert quay["pushed"] == "2026-06-24T11:12:03+02:00"  # shown as written
    assert parse_date(quay["pushed"]) == DateValue(2026, 6, 24, 9, 12, 3)


def test_no_types_keeps_every_column_text(tmp_path: Path) -> None:
    _code, stderr, data, receipt = imported(tmp_path, KINDS / "leaderboard.md", "--no-types")
    assert all("type" not in c for c in data["columns"])
    assert receipt["imported"][0]["result"]["types"] == {} and "column types" not in stderr


def test_an_html_table_with_spanning_section_rows_and_badges(tmp_path: Path) -> None:
    code, stderr, data, receipt = imported(tmp_path, KINDS / "spans.html")
    assert code == 0, stderr
    assert [(m["model"], m["section"]) for m in data["models"]] == [
        ("Kelp", "Self-hosted"),
        ("Eelgrass", "Self-hosted"),
        ("Coral", "Managed"),
    ]
    sites = {m["model"]: m.get("site") for m in data["models"]}
    assert sites["Kelp"] == {"text": "GitHub", "url": "https://github.com/kelp/kelp"}
    assert sites["Eelgrass"] == {"text": "eel.example/docs", "url": "https://eel.example/docs"}
    assert [row["why"] for row in receipt["imported"][0]["rows"] if row["fate"] == "section"] == [
        "a cell spanning the row",
        "a cell spanning the row",
    ]
    assert column(data, "filtering")["type"] == "mark" and "hybrid_search" not in data["models"][0]


def test_blank_marks_stay_blank_in_the_table_the_matrix_and_exports(tmp_path: Path) -> None:
    _code, _stderr, _data, _receipt = imported(tmp_path, KINDS / "sections.md")
    text = (tmp_path / "out.yaml").read_text()
    page = "S\n=\n\n.. vlm-table:: data/s.yaml\n\n.. vlm-matrix:: data/s.yaml\n"
    done = build(write_project(tmp_path / "src", {"data/s.yaml": text, "index.rst": page}))
    assert done.warnings == ""
    table, matrix = read_tables(done.read("index.html"))
    assert [c.text for c in table.body[1]][:5] == [
        "NaiveSeasonal",
        "Baseline models (local models)",
    ] + [""] * 3
    assert [c.text for c in matrix.body[2]] == ["ExpSmoothing", "yes", "not stated", "partial"]
    exported = run_vlmtable(
        "export", str(tmp_path / "out.yaml"), "--matrix", "--format", "json"
    ).stdout
    assert json.loads(exported)[2] == {
        "model": {"text": "ExpSmoothing", "url": "https://tidecast.example/ets"},
        "univariate": "yes",
        "probabilistic": "partial",
    }


def test_a_readme_survives_import_export_import(tmp_path: Path) -> None:
    first = tmp_path / "first"
    first.mkdir()
    _code, _stderr, data, _receipt = imported(first, KINDS / "badges.md")
    markdown = run_vlmtable("export", str(first / "out.yaml"), "--format", "md").stdout
    readme = tmp_path / "README.md"
    readme.write_text("# Again\n\n" + markdown, encoding="utf-8")
    second = tmp_path / "second"
    second.mkdir()
    code, stderr, again, receipt = imported(second, readme)
    assert code == 0 and receipt["balanced"], stderr
    assert again["models"] == data["models"]  # names, links, marks; blanks still blank
    assert again["columns"] == data["columns"]


def test_with_matrix_blank_marks_are_not_stated_tasks(tmp_path: Path) -> None:
    code, _stderr, data, _receipt = imported(tmp_path, KINDS / "sections.md", "--matrix")
    assert code == 0
    states = {m["model"]: m["tasks"] for m in data["models"]}
    assert states["NaiveSeasonal"] == {} and states["ExpSmoothing"] == {
        "univariate": "yes",
        "probabilistic": "partial",
    }
    markdown = run_vlmtable(
        "export", str(tmp_path / "out.yaml"), "--matrix", "--format", "md"
    ).stdout
    assert "| [ExpSmoothing](https://tidecast.example/ets) | yes |  | partial |" in markdown
    cells = [cell.strip() for line in markdown.splitlines()[2:] for cell in line.split("|")]
    assert cells.count("no") == 2  # the source's two crosses, and no blank made "no"
    assert yaml.safe_load((tmp_path / "out.yaml").read_text())["tasks"][0]["key"] == "univariate"
