"""Work that grows no faster than the input, whatever a data file or a page holds: number
cells read without backtracking, each model file read once however it is reached, a
pattern's walk capped while it walks, the pre-commit hook and the domain indexed once per
run; and no traceback from a date, an environment value or the problem cap."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import build, write_project

from sphinx_vlmtable import domain
from sphinx_vlmtable.cli import data_files
from sphinx_vlmtable.cli.check import check_files
from sphinx_vlmtable.data import files
from sphinx_vlmtable.data.files import LoadSettings, load_data_file
from sphinx_vlmtable.data.globbing import MAX_WALKED_NAMES
from sphinx_vlmtable.data.model import LoadResult
from sphinx_vlmtable.data.values import parse_number

COLUMNS = "columns:\n  - {key: model, label: Model}\n  - {key: size, label: Size, type: number}\n"


def page(body: str) -> str:
    return f"Page\n====\n\n{body}\n"


def test_a_number_cell_of_spaces_is_read_in_one_pass() -> None:
    # Five runs of spaces around optional parts made 800 spaces and a letter cost minutes.
    for text in (" " * 100_000 + "x", "1" + " " * 100_000 + "x", "(" * 100_000, "7 " * 50_000):
        assert parse_number(text) is None
    assert parse_number(" " * 100_000 + "7B (MoE) ") == 7_000_000_000


def test_check_reads_a_file_of_spaced_number_cells(tmp_path: Path) -> None:
    cells = "".join(f'  - {{model: M{i}, size: "{" " * 2000}x"}}\n' for i in range(200))
    data = tmp_path / "survey.yaml"
    data.write_text(f"{COLUMNS}models:\n{cells}", encoding="utf-8")
    problems = load_data_file(str(data)).problems
    assert len(problems) == 101 and "(2,001 characters) in the number column" in problems[0].message


def counting_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often each file is read (by real path) through the loader's one reader."""
    reads: Counter[str] = Counter()
    read_limited = files.read_limited

    def counted(path: str, max_size: int) -> bytes | LoadResult:
        reads[os.path.realpath(path)] += 1
        return read_limited(path, max_size)

    monkeypatch.setattr(files, "read_limited", counted)
    monkeypatch.setattr(data_files, "read_limited", counted)
    return reads


def test_a_model_file_reached_many_ways_is_read_and_taken_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "llava.yaml").write_text("model: LLaVA\nsize: 7B\n", encoding="utf-8")
    for number in range(100):
        (models / f"link-{number:03}.yaml").symlink_to("llava.yaml")
    patterns = "".join("  - models/*.yaml\n" for _ in range(100))
    data = tmp_path / "survey.yaml"
    data.write_text(f"{COLUMNS}models_from:\n{patterns}", encoding="utf-8")
    reads = counting_reads(monkeypatch)
    result = load_data_file(str(data))
    assert [model.name for model in result.data.models] == ["LLaVA"]
    assert result.problems == ()
    assert reads[os.path.realpath(models / "llava.yaml")] == 1


def test_links_to_folders_are_not_walked(tmp_path: Path) -> None:
    # Ten links to "." would make */*/*/*/*/*.yaml walk 100,000 paths before any cap.
    for number in range(10):
        (tmp_path / f"loop{number}").symlink_to(".")
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.yaml").write_text("model: A\n", encoding="utf-8")
    data = tmp_path / "survey.yaml"
    data.write_text(
        f"{COLUMNS}models_from:\n  - '*/*/*/*/*/*.yaml'\n  - '*/*.yaml'\n", encoding="utf-8"
    )
    result = load_data_file(str(data))
    assert [model.name for model in result.data.models] == ["A"]
    assert [problem.message for problem in result.problems] == [
        "models_from '*/*/*/*/*/*.yaml' matches no file"
    ]


def test_a_walk_stops_at_its_cap_while_walking(tmp_path: Path) -> None:
    wide = tmp_path / "wide"
    wide.mkdir()
    for number in range(MAX_WALKED_NAMES // 1000 + 1):
        folder = wide / f"f{number:03}"
        folder.mkdir()
        for item in range(1000):
            (folder / f"{item}.txt").touch()
    data = tmp_path / "survey.yaml"
    data.write_text(f"{COLUMNS}models_from: 'wide/*/*.yaml'\n", encoding="utf-8")
    (problem,) = load_data_file(str(data)).problems
    assert problem.message == (
        "models_from 'wide/*/*.yaml': its walk passes 100,000 names; narrow the pattern"
    )


def test_the_hook_reads_each_nearby_file_a_few_times_whatever_the_commit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    models = tmp_path / "models"
    models.mkdir()
    names = []
    for number in range(300):
        name = models / f"m{number:03}.yaml"
        name.write_text(f"model: M{number}\nsize: {number}B\n", encoding="utf-8")
        names.append(str(name))
    (tmp_path / "survey.yaml").write_text(
        f"{COLUMNS}models_from: models/*.yaml\n", encoding="utf-8"
    )
    for other in range(20):
        (tmp_path / f"other{other}.yml").write_text("jobs: {}\n", encoding="utf-8")
    reads = counting_reads(monkeypatch)
    monkeypatch.chdir(tmp_path)
    checked = check_files(names, LoadSettings(max_file_size=1_000_000), data_files_only=True)
    assert checked.failed == 0
    assert capsys.readouterr().out == ""
    nearby = {path: count for path, count in reads.items() if "models" not in path}
    assert len(nearby) == 21 and max(nearby.values()) <= 4, nearby


def test_unknown_links_look_up_an_index_made_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = "".join(f"  - {{model: Model {number}}}\n" for number in range(2000))
    links = " ".join(f":vlm:model:`Unknown{number}`" for number in range(50))
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/survey.yaml": f"models:\n{rows}",
            "survey.rst": page(".. vlm-table:: data/survey.yaml\n   :index:"),
            "links.rst": page(f"{links} and :vlm:model:`Model_7`"),
        },
    )
    calls = Counter[str]()
    original = domain.inventory_name

    def counted(name: str) -> str:
        calls["inventory_name"] += 1
        return original(name)

    monkeypatch.setattr(domain, "inventory_name", counted)
    done = build(srcdir)
    assert done.warnings.count("unknown model 'Unknown") == 50
    assert 'href="survey.html#model-model-7"' in done.read("links.html")
    # Once per model for the index, once per link, once per model in objects.inv.
    assert calls["inventory_name"] < 2000 * 3 + 200


def test_the_problem_cap_never_removes_a_table(tmp_path: Path) -> None:
    typos = "".join(f"  - {{model: M{number}, sise: 7B}}\n" for number in range(150))
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/survey.yaml": f"{COLUMNS}models:\n{typos}",
            "survey.rst": page(".. vlm-table:: data/survey.yaml"),
        },
    )
    done = build(srcdir)
    assert "50 more problem(s) in this file are not shown" in done.warnings
    html = done.read("survey.html")
    assert "M149" in html and "cannot be shown" not in html


@pytest.mark.parametrize("epoch", ["253402300800", "400000000000", "0"])
def test_any_source_date_epoch_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, epoch: str
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    rows = (
        "  - {model: A, size: 1, added: 2024-01-01}\n  - {model: B, size: 2, added: 9999-12-01}\n"
    )
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/survey.yaml": f"{COLUMNS}models:\n{rows}",
            "survey.rst": page(
                ".. vlm-table:: data/survey.yaml\n   :new-since: 90 days\n\n"
                ".. vlm-table:: data/survey.yaml\n   :new-since: 99999 weeks"
            ),
        },
    )
    done = build(srcdir)
    assert "build succeeded" in done.status
    assert (done.outdir / "survey.html").exists()
    assert done.warnings == ""
    if epoch != "0":  # the last day a date holds: B (added 9999-12-01) is new
        assert done.read("survey.html").count("vlm-new") >= 1


@pytest.mark.parametrize("builder", ["html", "epub", "latex", "singlehtml"])
def test_a_chart_matplotlib_fails_on_is_its_list_in_every_builder(
    tmp_path: Path, builder: str
) -> None:
    pytest.importorskip("matplotlib")
    lab = "W" * 30_000  # a lane name no figure can lay out
    rows = (
        f"  - {{model: A, year: 2023.1, lab: {lab}}}\n  - {{model: B, year: 2024.2, lab: Short}}\n"
    )
    columns = "columns:\n  - {key: model, label: Model}\n  - {key: year, label: Year, type: date}\n"
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/survey.yaml": f"{columns}  - {{key: lab, label: Lab}}\nmodels:\n{rows}",
            "charts.rst": page(".. vlm-chart:: data/survey.yaml\n   :x: year\n   :color: lab"),
        },
    )
    done = build(srcdir, builder)
    assert "charts.rst:4: WARNING: vlm-chart could not be drawn" in done.warnings
    assert "it is shown as a list of its points [vlmtable.chart]" in done.warnings
    assert "build succeeded" in done.status
    written = {
        "html": "charts.html",
        "epub": "charts.xhtml",
        "singlehtml": "index.html",
        "latex": "project.tex",
    }[builder]
    assert "2024.2" in done.read(written)


def test_a_name_with_line_breaks_stays_one_line_in_the_changelog(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text("models:\n  - {model: A}\n", encoding="utf-8")
    new.write_text(
        'models:\n  - {model: A}\n  - {model: "B\\n\\n## Pwned\\n- **x**"}\n', encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "diff", str(old), str(new)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"## Changes since {old}".replace("_", "\\_"),
        "",
        "### Added (1)",
        "",
        "- **B \\#\\# Pwned - \\*\\*x\\*\\***",
    ]
