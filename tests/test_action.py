"""The Action (``action.yml``): valid against GitHub's published metadata schema, and its
steps run end to end on a contributor's bad pull request in a scratch repository, as the
runner would run them (bash, the env the Action sets), the package installed from the
Action's own folder.

The ``uses:`` step (setup-python) is the runner's; the test runs in a venv that sees
this environment's dependencies, so the install step builds and installs the package
itself and nothing else.
"""

from __future__ import annotations

import json
import os
import re
import site
import subprocess
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import ANSI, write_files

import sphinx_vlmtable

TOP = Path(__file__).parent.parent
ACTION = TOP / "action.yml"
EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def vendored_schema(name: str) -> dict[str, Any]:
    """A schema check-jsonschema vendors (GitHub's, kept current by its maintainers)."""
    text = (files("check_jsonschema.builtin_schemas.vendor") / f"{name}.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def action() -> dict[str, Any]:
    return yaml.safe_load(ACTION.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def test_the_action_is_valid_metadata_and_takes_inputs_through_env_only() -> None:
    schema = vendored_schema("github-actions")
    metadata = action()
    jsonschema.validate(metadata, schema)
    with pytest.raises(jsonschema.ValidationError):  # the schema does check something
        jsonschema.validate({**metadata, "runs": {"using": "composite"}}, schema)
    assert metadata["runs"]["using"] == "composite"
    assert {"paths", "python-version", "docs", "conf"} <= set(metadata["inputs"])
    steps = metadata["runs"]["steps"]
    for step in steps:
        # An input spliced into a script would run as code: they reach it through env.
        assert "${{" not in step.get("run", ""), step["name"]
    used = {match for step in steps for match in EXPRESSION.findall(yaml.safe_dump(step))}
    assert {f"inputs.{name}" for name in metadata["inputs"]} <= {
        expression.split(" ")[0] for expression in used
    }
    install = next(step for step in steps if "pip install" in step.get("run", ""))
    assert install["env"]["VLMTABLE_ACTION_PATH"] == "${{ github.action_path }}"


def docs_workflows() -> list[dict[str, Any]]:
    page = (TOP / "docs" / "howto" / "check-data.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", page, re.DOTALL)
    # YAML 1.1 reads the key ``on`` as true; GitHub reads it as "on".
    return [
        {("on" if key is True else key): value for key, value in yaml.safe_load(block).items()}
        for block in blocks
        if "jobs:" in block
    ]


def test_the_docs_workflow_uses_the_action_with_the_history_a_changelog_needs() -> None:
    (workflow,) = docs_workflows()
    jsonschema.validate(workflow, vendored_schema("github-workflows"))
    (job,) = workflow["jobs"].values()
    checkout, check = job["steps"]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0  # every commit and tag: git: changelogs
    # A release of the Action, never a branch that moves.
    assert check["uses"] == f"sphinx-vlmtable/sphinx-vlmtable@v{sphinx_vlmtable.__version__}"
    assert set(check["with"]) <= set(action()["inputs"])


# -- the steps, run on a scratch repository ----------------------------------------------

BOARD = """\
columns:
  - {key: model, label: Model}
  - {key: wer, label: WER, type: number}
models_from: models/*.yaml
"""
CONF = 'extensions = ["sphinx_vlmtable"]\nvlmtable_missing = "n/a"\n'
INDEX = "Board\n=====\n\n.. vlm-table:: data/board.yaml\n"
#: The contributor's new model file: a typo'd key on line 3, a value that is no number.
BAD_MODEL = "model: Whisper\nwer: 2.7\ntest_oter: 3.1\n"


def git(repository: Path, *arguments: str) -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "contributor",
        "GIT_AUTHOR_EMAIL": "c@example.org",
        "GIT_COMMITTER_NAME": "contributor",
        "GIT_COMMITTER_EMAIL": "c@example.org",
    }
    subprocess.run(
        ["git", "-C", str(repository), *arguments],
        check=True,
        capture_output=True,
        env=environment,
    )


def scratch_repository(tmp_path: Path) -> Path:
    """A survey on main (valid, with conf.py's placeholder in use), and a contributor's
    branch that adds a bad model file."""
    repository = tmp_path / "survey"
    write_files(
        repository,
        {
            "docs/conf.py": CONF,
            "docs/index.rst": INDEX,
            "docs/data/board.yaml": BOARD,
            # Valid only with conf.py's vlmtable_missing: the check must read it.
            "docs/data/models/hubert.yaml": "model: HuBERT\nwer: n/a\n",
            ".github/workflows/ci.yml": "on: push\njobs:\n  models:\n    runs-on: x\n",
        },
    )
    git(repository, "init", "-q", "-b", "main")
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "the survey")
    git(repository, "checkout", "-q", "-b", "contributor")
    write_files(repository, {"docs/data/models/whisper.yaml": BAD_MODEL})
    git(repository, "add", "-A")
    git(repository, "commit", "-q", "-m", "add Whisper")
    git(repository, "checkout", "-q", "main")
    return repository


def runner_python(tmp_path: Path) -> Path:
    """A fresh venv (as setup-python gives) that sees the installed dependencies but not
    this package: the Action's install step must install it."""
    venv = tmp_path / "runner-python"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    (site_packages,) = (venv / "lib").glob("python*/site-packages")
    paths = [path for path in site.getsitepackages() if Path(path).is_dir()]
    (site_packages / "dependencies.pth").write_text("\n".join(paths) + "\n")
    return venv / "bin"


def evaluated(text: str, inputs: dict[str, str]) -> str:
    """The expressions this Action uses: ``inputs.NAME``, ``github.action_path``, and
    ``inputs.NAME != ''``; anything else fails the test (the runner would need it)."""

    def value(match: re.Match[str]) -> str:
        expression = match.group(1)
        if expression == "github.action_path":
            return str(TOP)
        name = expression.removeprefix("inputs.")
        if " != ''" in name:
            return str(bool(inputs[name.split(" ")[0]])).lower()
        assert re.fullmatch(r"[\w-]+", name), expression
        return inputs[name]

    return EXPRESSION.sub(value, text)


def run_steps(
    repository: Path, bin_folder: Path, given: dict[str, str], tmp_path: Path
) -> list[subprocess.CompletedProcess[str]]:
    """Each step as the runner runs a composite Action's ``run:`` step, until one fails."""
    metadata = action()
    inputs = {name: spec.get("default", "") for name, spec in metadata["inputs"].items()}
    inputs.update(given)
    base = {
        **os.environ,
        "PATH": f"{bin_folder}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(TOP),
        "GITHUB_WORKSPACE": str(repository),
        "RUNNER_TEMP": str(tmp_path / "runner-temp"),
        "CI": "true",
        "GITHUB_ACTIONS": "true",
    }
    done = []
    for step in metadata["runs"]["steps"]:
        if "uses" in step:
            assert step["uses"].startswith("actions/setup-python@")
            continue
        if "if" in step and evaluated(step["if"], inputs) != "true":
            continue
        env = {**base, **{k: evaluated(str(v), inputs) for k, v in step.get("env", {}).items()}}
        command = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]]
        result = subprocess.run(
            command, cwd=repository, env=env, capture_output=True, text=True, timeout=600
        )
        done.append(result)
        if result.returncode:
            break
    return done


@pytest.mark.slow
def test_the_actions_steps_annotate_a_contributors_bad_pull_request(tmp_path: Path) -> None:
    repository = scratch_repository(tmp_path)
    bin_folder = runner_python(tmp_path)
    given = {"paths": "docs\n", "docs": "docs"}
    # On main: installed from the Action's folder, the check passes, the docs build.
    install, check, docs = run_steps(repository, bin_folder, given, tmp_path)
    assert install.returncode == 0, install.stderr
    assert sphinx_vlmtable.__version__ in install.stdout
    assert (check.returncode, check.stdout) == (0, ""), check.stderr
    assert docs.returncode == 0, docs.stderr
    assert (tmp_path / "runner-temp" / "vlmtable-docs" / "index.html").is_file()
    # The contributor's pull request: annotations on its lines, and the job fails.
    git(repository, "checkout", "-q", "contributor")
    install, check = run_steps(repository, bin_folder, given, tmp_path)
    assert check.returncode == 1
    annotations = check.stdout.splitlines()
    assert annotations == [
        "::error file=docs/data/models/whisper.yaml,line=3,col=1,"
        "title=vlmtable.unknown_key::the model has a value for 'test_oter', but no column "
        "has that key"
    ]
    # Without the docs' conf.py (its vlmtable_missing), HuBERT's n/a is a problem too.
    install, check = run_steps(repository, bin_folder, {"paths": "docs/data"}, tmp_path)
    assert "file=docs/data/models/hubert.yaml,line=2" in check.stdout
    assert "ci.yml" not in check.stdout  # other YAML is passed over
    # The docs build with -W fails on the same line (checked paths that hold no data).
    given = {"paths": ".github", "docs": "docs"}
    install, check, docs = run_steps(repository, bin_folder, given, tmp_path)
    assert docs.returncode != 0
    warning = "whisper.yaml:3: WARNING: the model has a value for 'test_oter'"
    assert warning in ANSI.sub("", docs.stderr)
