"""``vlmtable check`` for CI: GitHub annotations and JSON, and the pre-commit hook's
``--data-files-only``, which reaches data files whatever their names and leaves other
YAML alone."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

TOP = Path(__file__).parent.parent
TYPO = "models:\n  - model: HuBERT\n    test_oter: 3.1\n"


def check(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "check", *arguments],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_github_annotations_and_json(tmp_path: Path) -> None:
    data = tmp_path / "data, 50%.yaml"
    data.write_text(TYPO)
    done = check("--format", "github", str(data))
    assert done.returncode == 1
    (line,) = [line for line in done.stdout.splitlines() if line.startswith("::")]
    path = str(data).replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
    assert line.startswith(f"::error file={path},line=3,col=5,title=vlmtable.unknown_key::")
    assert "test_oter" in line
    done = check("--format", "json", str(data))
    (problem,) = json.loads(done.stdout)
    assert problem["file"] == str(data) and (problem["line"], problem["column"]) == (3, 5)
    assert problem["type"] == "vlmtable.unknown_key" and "test_oter" in problem["message"]
    good = tmp_path / "good.yaml"
    good.write_text("models:\n  - model: A\n")
    done = check("--format", "json", str(good))
    assert (done.returncode, json.loads(done.stdout)) == (0, [])


def test_the_hook_reaches_data_files_by_content_not_name(tmp_path: Path) -> None:
    (tmp_path / "forecasting.yaml").write_text(TYPO)  # no "vlm" in the name
    (tmp_path / "workflow.yml").write_text("on: push\njobs:\n  test: {runs-on: x}\n")
    (tmp_path / "dbt.yml").write_text("models:\n  - name: orders\n    columns: [id]\n")
    files = [str(tmp_path / name) for name in ("forecasting.yaml", "workflow.yml", "dbt.yml")]
    done = check("--data-files-only", *files)
    assert done.returncode == 1
    assert "forecasting.yaml:3:5:" in done.stdout
    assert "workflow.yml" not in done.stdout and "dbt.yml" not in done.stdout
    hooks = yaml.safe_load((TOP / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["entry"] == "vlmtable check --data-files-only" and "files" not in hook
    assert hook["types"] == ["yaml"]
