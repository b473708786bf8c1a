"""One file per model (``models_from``): each pull request adds its own file; order,
located problems, dependencies and rebuilds work per file; check, export and import
understand it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build, write_project
from htmltable import read_tables

from sphinx_vlmtable.cli import main as vlmtable_main

BOARD = """\
columns:
  - {key: model, label: Paper}
  - {key: test_other, label: test-other, type: number}
models_from: models/*.yaml
"""
MODELS = {
    "data/models/conformer.yaml": "model: Conformer\ntest_other: 1.9%\n",
    "data/models/hubert.yaml": "model: HuBERT Large\naliases: [HuBERT]\ntest_other: 3.1%\n",
    "data/models/whisper.yaml": "model: Whisper\ntest_other: 2.7%\n",
}
PAGE = "Board\n=====\n\n.. vlm-table:: data/board.yaml\n   :index:\n\nSee :vlm:model:`HuBERT`.\n"


def project(tmp_path: Path, **extra: str) -> Path:
    files = {"data/board.yaml": BOARD, **MODELS, "board.rst": PAGE, **extra}
    return write_project(tmp_path / "src", files)


def names(html: str) -> list[str]:
    (table,) = read_tables(html)
    return [row[0].text for row in table.body]


def test_models_come_from_their_files_in_name_order(tmp_path: Path) -> None:
    done = build(project(tmp_path))
    assert done.warnings == ""
    assert names(done.read("board.html")) == ["Conformer", "HuBERT Large", "Whisper"]
    # A former name in a model file still links to its row.
    assert 'href="#model-hubert"' in done.read("board.html")


def test_a_problem_in_one_model_file_is_located_there_and_leaves_every_row(
    tmp_path: Path,
) -> None:
    typo = "model: wav2vec 2.0\ntest_oter: 2.1%\n"
    bad_yaml = "model: [Broken\n"
    srcdir = project(
        tmp_path, **{"data/models/wav2vec.yaml": typo, "data/models/zz.yaml": bad_yaml}
    )
    done = build(srcdir)
    assert names(done.read("board.html")) == [
        "Conformer",
        "HuBERT Large",
        "wav2vec 2.0",
        "Whisper",
    ]
    models = srcdir / "data" / "models"
    assert f"{models / 'wav2vec.yaml'}:2: WARNING: the model has a value for 'test_oter'" in (
        done.warnings
    )
    assert "did you mean 'test_other'" in done.warnings
    assert f"{models / 'zz.yaml'}:" in done.warnings and "(in vlm-table at board.rst:4)" in (
        done.warnings
    )
    assert "cannot be shown" not in done.read("board.html")
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "-b",
            "html",
            str(srcdir),
            str(tmp_path / "strict"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode != 0 and "Traceback" not in failed.stderr


def test_a_duplicate_across_files_names_the_first_file(tmp_path: Path) -> None:
    again = "model: Whisper\ntest_other: 2.8%\n"
    done = build(project(tmp_path, **{"data/models/whisper-again.yaml": again}))
    assert names(done.read("board.html")).count("Whisper") == 2
    # "whisper-again.yaml" sorts first ("-" before "."): the second file is the duplicate.
    assert "whisper.yaml:1: WARNING: duplicate model 'Whisper' (first at " in done.warnings
    assert "whisper-again.yaml:1)" in done.warnings


def test_adding_and_editing_a_model_file_rebuilds_the_page(tmp_path: Path) -> None:
    srcdir = project(tmp_path)
    build(srcdir)
    (srcdir / "data" / "models" / "aaa.yaml").write_text("model: Added\ntest_other: 1%\n")
    added = build(srcdir)
    assert names(added.read("board.html"))[0] == "Added"
    hubert = srcdir / "data" / "models" / "hubert.yaml"
    hubert.write_text(hubert.read_text().replace("3.1%", "3.0%"))
    later = hubert.stat().st_mtime + 10
    os.utime(hubert, (later, later))
    edited = build(srcdir)
    assert "3.0%" in edited.read("board.html")
    (srcdir / "data" / "models" / "aaa.yaml").unlink()
    removed = build(srcdir)
    assert "Added" not in names(removed.read("board.html"))


@pytest.mark.parametrize("pattern", ["../elsewhere/*.yaml", "/etc/*", "models/../../*.yaml"])
def test_a_pattern_never_reads_outside_the_data_files_folder(tmp_path: Path, pattern: str) -> None:
    board = BOARD.replace(
        "models_from: models/*.yaml", f"models_from: [models/*.yaml, '{pattern}']"
    )
    srcdir = project(tmp_path, **{"data/board.yaml": board, "elsewhere/x.yaml": "model: Secret\n"})
    done = build(srcdir)
    assert "Secret" not in done.read("board.html")
    assert f"models_from {pattern!r}: a pattern is a path relative" in done.warnings
    assert len(names(done.read("board.html"))) == 3


def test_a_pattern_that_matches_the_data_file_passes_over_it(tmp_path: Path) -> None:
    board = BOARD.replace("models_from: models/*.yaml", "models_from: ['*.yaml', models/*.yaml]")
    extra = {"data/board.yaml": board, "data/extra.yaml": "model: Extra\n"}
    done = build(project(tmp_path, **extra))
    assert done.warnings == ""  # board.yaml is not read as a model file of its own
    assert names(done.read("board.html")) == ["Extra", "Conformer", "HuBERT Large", "Whisper"]


def test_a_symlink_to_a_file_outside_is_not_read(tmp_path: Path) -> None:
    srcdir = project(tmp_path)
    secret = tmp_path / "secret.yaml"
    secret.write_text("model: Secret\n")
    (srcdir / "data" / "models" / "link.yaml").symlink_to(secret)
    assert "Secret" not in build(srcdir).read("board.html")


def test_check_annotates_the_model_file_and_the_hook_reaches_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = project(tmp_path, **{"data/models/wav2vec.yaml": "model: w2v\ntest_oter: 1\n"})
    monkeypatch.chdir(srcdir)
    assert vlmtable_main(["check", "--format", "github", "data/board.yaml"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("::error file=data/models/wav2vec.yaml,line=2,col=1,")
    # pre-commit hands the hook the changed model file alone: its data file is checked.
    assert (
        vlmtable_main(
            ["check", "--data-files-only", "--format", "json", "data/models/wav2vec.yaml"]
        )
        == 1
    )
    found = json.loads(capsys.readouterr().out)
    assert [(item["file"], item["line"]) for item in found] == [("data/models/wav2vec.yaml", 2)]
    assert vlmtable_main(["check", "--data-files-only", "data/models/hubert.yaml"]) == 1


def test_export_and_import_split_round_trip(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srcdir = project(tmp_path)
    table = tmp_path / "board.md"
    data = str(srcdir / "data" / "board.yaml")
    assert vlmtable_main(["export", data, "--format", "md", "-o", str(table)]) == 0
    out = tmp_path / "split"
    code = vlmtable_main(["import", str(table), "-o", str(out / "board.yaml"), "--split", "models"])
    assert code == 0, capsys.readouterr().err
    written = sorted(p.name for p in (out / "models").iterdir())
    assert written == ["conformer.yaml", "hubert-large.yaml", "whisper.yaml"]
    assert 'models_from: "models/*.yaml"' in (out / "board.yaml").read_text()
    assert vlmtable_main(["check", str(out / "board.yaml")]) == 0
    assert vlmtable_main(["export", str(out / "board.yaml"), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1:] == [
        "Conformer,1.9%",
        "HuBERT Large,3.1%",
        "Whisper,2.7%",
    ]
