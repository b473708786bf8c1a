"""One configuration: ``vlmtable check``, ``export`` and ``diff`` read the project's
``vlmtable_*`` settings (``[tool.vlmtable]`` of pyproject.toml, or a conf.py read without
running it); and the pre-commit hook prints each problem once, in one run or several."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import write_files

TOP = Path(__file__).parent.parent
#: Valid only where ``n/a`` means "no value" (vlmtable_missing).
DATA = """\
columns:
  - {key: model, label: Model}
  - {key: size, label: Size, type: number}
models:
  - {model: Beta, size: n/a}
  - {model: Alpha, size: 7B}
"""


def vlmtable(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", *arguments],
        capture_output=True,
        text=True,
        cwd=folder,
        timeout=120,
        check=False,
    )


def test_check_reads_a_conf_py_without_running_it(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    conf = (
        "import os\n"
        f"open({str(marker)!r}, 'w').close()  # would run if conf.py were executed\n"
        "vlmtable_missing = 'n/a'\n"
        "vlmtable_max_problems: int = 5\n"
    )
    write_files(tmp_path, {"docs/conf.py": conf, "docs/data/board.yaml": DATA})
    plain = vlmtable(tmp_path, "check", "docs/data/board.yaml")
    assert plain.returncode == 1 and "board.yaml:5:" in plain.stdout  # n/a: not a number
    done = vlmtable(tmp_path, "check", "--conf", "docs/conf.py", "docs/data/board.yaml")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert not marker.exists()
    # An option on the command line wins over conf.py.
    given = vlmtable(tmp_path, "check", "--conf", "docs/conf.py", "--missing", "-", "docs/data")
    assert given.returncode == 1


def test_a_value_that_is_not_a_literal_is_not_read_and_says_why(tmp_path: Path) -> None:
    conf = (
        "import os\n"
        "vlmtable_missing = os.environ.get('MISSING', 'n/a')\n"
        "if True:\n"
        "    vlmtable_max_problems = 3\n"
        "vlmtable_max_file_size = 'large'\n"
    )
    write_files(tmp_path, {"conf.py": conf, "board.yaml": DATA})
    done = vlmtable(tmp_path, "check", "--conf", "conf.py", "board.yaml")
    assert done.returncode == 1  # the default placeholder was used: n/a is a problem
    lines = done.stderr.splitlines()
    assert lines[0].startswith(
        "conf.py:2: vlmtable_missing is not a literal (call); vlmtable reads conf.py "
        "without running it"
    )
    assert lines[1].startswith("conf.py:4: vlmtable_max_problems is set inside a block")
    assert lines[2] == (
        "conf.py:5: vlmtable_max_file_size must be a int, not str; using the default "
        "16777216 [vlmtable.config]"
    )
    broken = vlmtable(tmp_path, "check", "--conf", "no-such-conf.py", "board.yaml")
    assert "no-such-conf.py: cannot read it" in broken.stderr


def test_pyproject_settings_and_the_conf_py_they_name(tmp_path: Path) -> None:
    write_files(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "survey"\n\n[tool.vlmtable]\n'
            'conf = "docs/conf.py"\ndefault-sort = "model"\n',
            "docs/conf.py": "vlmtable_missing = 'n/a'\nvlmtable_default_sort = '-size'\n",
            "docs/data/board.yaml": DATA,
            "docs/data/notes.yml": "jobs: {}\n",
        },
    )
    folder = tmp_path / "docs" / "data"  # the nearest pyproject.toml is two folders up
    done = vlmtable(folder, "check", ".")
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    exported = vlmtable(folder, "export", "board.yaml", "--format", "json")
    # pyproject.toml's own default-sort is laid over conf.py's.
    assert [row["model"] for row in json.loads(exported.stdout)] == ["Alpha", "Beta"]
    given = vlmtable(folder, "export", "board.yaml", "--format", "json", "--sort=-model")
    assert [row["model"] for row in json.loads(given.stdout)] == ["Beta", "Alpha"]
    (tmp_path / "pyproject.toml").write_text("[tool.vlmtable]\nmax-problems = 0\n")
    wrong = vlmtable(folder, "check", "board.yaml")
    assert "max_problems must be a positive int; using the default 100" in wrong.stderr
    (tmp_path / "pyproject.toml").write_text("[tool.vlmtable\n")
    broken = vlmtable(folder, "check", "board.yaml")
    assert "pyproject.toml: not valid TOML" in broken.stderr


def test_diff_reads_the_projects_placeholder(tmp_path: Path) -> None:
    old = DATA.replace("size: 7B", "size: 6B")
    write_files(
        tmp_path,
        {"pyproject.toml": "[tool.vlmtable]\nmissing = 'n/a'\n", "old.yaml": old, "new.yaml": DATA},
    )
    done = vlmtable(tmp_path, "diff", "old.yaml", "new.yaml")
    assert done.returncode == 0 and done.stderr == ""
    assert "- **Alpha**: Size 6B → 7B (+1B)" in done.stdout


# -- the hook: each problem once ---------------------------------------------------------

BOARD = (
    "columns:\n  - {key: model, label: Model}\n  - {key: wer, label: WER}\n"
    "models_from: models/*.yaml\n"
)


def hook_project(tmp_path: Path) -> Path:
    write_files(
        tmp_path,
        {
            "data/board.yaml": BOARD + "typo_here: 1\n",
            "data/models/a.yaml": "model: A\nwer: 1\ntest_oter: 2\n",
            "data/models/b.yaml": "model: B\nwer: 1\n",
            "data/models/c.yaml": "model: C\nwer_x: 1\n",
        },
    )
    return tmp_path


def problems_printed(*runs: subprocess.CompletedProcess[str]) -> list[tuple[str, int]]:
    return [
        (item["file"], item["line"]) for done in runs for item in json.loads(done.stdout or "[]")
    ]


def test_the_hook_prints_each_problem_once_in_one_run_or_in_two(tmp_path: Path) -> None:
    hook = yaml.safe_load((TOP / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook[0]["require_serial"] is True
    folder = hook_project(tmp_path)
    arguments = ("check", "--data-files-only", "--format", "json")
    files = ["data/board.yaml", "data/models/a.yaml", "data/models/c.yaml"]
    together = vlmtable(folder, *arguments, *files)
    expected = [("data/board.yaml", 5), ("data/models/a.yaml", 3), ("data/models/c.yaml", 2)]
    assert sorted(problems_printed(together)) == expected
    # Split as pre-commit splits a long list: the model files in one run, the data file
    # in another. Each problem is printed by the run given its file.
    first = vlmtable(folder, *arguments, "data/models/a.yaml", "data/models/c.yaml")
    second = vlmtable(folder, *arguments, "data/board.yaml")
    assert sorted(problems_printed(first, second)) == expected
    assert first.returncode == second.returncode == 1
    # A run given one model file fails for the others' problems, and says where they are.
    alone = vlmtable(folder, *arguments, "data/models/b.yaml")
    assert (alone.returncode, problems_printed(alone)) == (1, [])
    assert "data/board.yaml: 3 problem(s) in files this run was not given" in alone.stderr
    assert "`vlmtable check data/board.yaml` lists them" in alone.stderr


def test_a_model_file_two_data_files_read_is_reported_once(tmp_path: Path) -> None:
    folder = hook_project(tmp_path)
    write_files(folder, {"data/other.yaml": BOARD})
    done = vlmtable(folder, "check", "--format", "json", "data/board.yaml", "data/other.yaml")
    found = problems_printed(done)
    assert sorted(found) == sorted(set(found))
    assert ("data/models/a.yaml", 3) in found


def test_a_folder_is_the_data_files_in_it_each_once(tmp_path: Path) -> None:
    folder = hook_project(tmp_path)
    write_files(folder, {"data/.hidden/x.yaml": BOARD + "typo_here: 1\n", "_build/y.yaml": BOARD})
    done = vlmtable(folder, "check", "--format", "json", ".", "data", "./data/board.yaml")
    found = problems_printed(done)
    assert sorted(found) == [
        ("./data/board.yaml", 5),  # as it was named first
        ("data/models/a.yaml", 3),
        ("data/models/c.yaml", 2),
    ]
    assert done.stderr == "1 of 1 file(s) have problems\n"
