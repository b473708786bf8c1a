"""``vlmtable init``: from a README (or the example survey) to a project that builds with
warnings as errors, in HTML and LaTeX (and to a PDF where TeX is installed), with its
data checked as its CI workflow checks it and its receipt balanced."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import build
from htmltable import read_tables
from test_import_receipt import KINDS

from sphinx_vlmtable.cli.scaffold import installed_theme


def init(*arguments: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "init", *arguments],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def test_the_example_survey_builds_with_warnings_as_errors(tmp_path: Path) -> None:
    project = tmp_path / "survey"
    done = init(str(project))
    assert done.returncode == 0, done.stderr
    written = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert written == [
        ".github/workflows/survey.yml",
        ".gitignore",
        ".pre-commit-config.yaml",
        ".readthedocs.yaml",
        "conf.py",
        "data/frameworks.yaml",
        "frameworks.md",
        "index.md",
        "receipt.json",
        "requirements.txt",
    ]
    page = (project / "frameworks.md").read_text()
    assert ":index:\n:interactive:\n:download: csv, json\n" in page
    assert "```{vlm-matrix} data/frameworks.yaml" in page  # it has marks
    built = build(project)
    assert built.warnings == ""
    table, matrix = read_tables(built.read("frameworks.html"))
    elm = ["Elm", "Low-level libraries", "150", "2024-09-01 12:30:00", ""]  # marks blank
    assert [c.text for c in table.body[4]][:5] == elm
    assert [c.text for c in matrix.body[1]] == ["Birch", "yes", "not stated"]
    assert build(project, "latex").warnings == ""


def test_a_readme_becomes_a_page_per_table(tmp_path: Path) -> None:
    project = tmp_path / "rust"
    done = init(str(project), "--from", str(KINDS / "badges.md"))
    assert done.returncode == 0, done.stderr
    receipt = json.loads((project / "receipt.json").read_text())
    assert receipt["balanced"] and receipt["tables"]["imported"] == [1, 2, 3]
    index = (project / "index.md").read_text()
    assert index.startswith("# Server framework comparison\n")
    assert "server-frameworks\noutdated-server-frameworks\ntemplating\n```" in index
    assert "vlm-matrix" not in (project / "templating.md").read_text()  # no marks there
    built = build(project)
    assert built.warnings == ""
    (templating,) = read_tables(built.read("templating.html"))
    assert [c.text for c in templating.body[0]] == ["hawser", "hawser repo", "Docs"]
    conf = (project / "conf.py").read_text()
    theme = installed_theme()
    assert (f"html_theme = {theme!r}" in conf) == (theme is not None)


def test_the_project_files_are_what_read_the_docs_and_ci_run(tmp_path: Path) -> None:
    project = tmp_path / "survey"
    init(str(project), "--from", str(KINDS / "leaderboard.md"))
    vendored = files("check_jsonschema.builtin_schemas.vendor") / "readthedocs.json"
    schema = json.loads(vendored.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load((project / ".readthedocs.yaml").read_text()), schema)
    workflow = yaml.safe_load((project / ".github" / "workflows" / "survey.yml").read_text())
    steps = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert "vlmtable check --format github data/*.yaml" in steps
    checked = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "check", "--format", "github"]
        + [str(path) for path in sorted((project / "data").glob("*.yaml"))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (checked.returncode, checked.stdout) == (0, "")
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())
    assert hooks["repos"][0]["hooks"] == [{"id": "vlmtable-check"}]


def test_a_name_in_two_tables_has_one_home(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(
        "# Two lists\n\n## Servers\n\n| Name | Async |\n|---|---|\n"
        "| [kelp](https://kelp.example/) | yes |\n| [reef](https://reef.example/) | no |\n\n"
        "## Sockets\n\n| Name | Docs |\n|---|---|\n| [kelp](https://kelp.example/ws) | full |\n",
        encoding="utf-8",
    )
    project = tmp_path / "survey"
    assert init(str(project), "--from", str(readme)).returncode == 0
    assert ":index:" in (project / "servers.md").read_text()
    assert ":index:" not in (project / "sockets.md").read_text()  # kelp's home: Servers
    assert build(project).warnings == ""


def test_init_writes_only_into_a_new_or_empty_folder(tmp_path: Path) -> None:
    taken = tmp_path / "taken"
    taken.mkdir()
    (taken / "notes.txt").write_text("mine")
    done = init(str(taken))
    assert done.returncode == 2 and "is not an empty folder" in done.stderr
    assert [p.name for p in taken.iterdir()] == ["notes.txt"]
    page = tmp_path / "empty.md"
    page.write_text("# Nothing\n\nNo table here.\n")
    done = init(str(tmp_path / "new"), "--from", str(page))
    assert done.returncode == 2 and "has no table to import" in done.stderr
    assert not (tmp_path / "new").exists()


def test_a_wide_feature_matrix_fits_the_pdf_and_names_its_emoji(tmp_path: Path) -> None:
    # 15 projects by 20 features: even scriptsize on a landscape page is too wide with
    # the usual room around cells, so the last resort is less room (and no warning);
    # the emoji in the features are declared by their names, as the tables print them.
    project = tmp_path / "survey"
    done = init(str(project), "--from", str(KINDS / "feature-matrix.md"))
    assert done.returncode == 0, done.stderr
    conf = (project / "conf.py").read_text()
    assert "\\\\DeclareUnicodeCharacter{1F50C}{[electric plug]}" in conf
    built = build(project, "latex")
    assert built.warnings == ""
    tex = built.read("survey.tex")
    assert tex.count("\\setlength{\\tabcolsep}{2pt}") == 2  # the table and its matrix
    assert "\\begin{landscape}" in tex


@pytest.mark.pdf
def test_the_survey_builds_to_a_pdf(tmp_path: Path) -> None:
    if shutil.which("latexmk") is None:
        pytest.skip("needs latexmk (TeX): see .ci/run")
    project = tmp_path / "survey"
    init(str(project), "--from", str(KINDS / "badges.md"))
    built = build(project, "latex")
    assert built.warnings == ""
    subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "survey.tex"],
        cwd=built.outdir,
        capture_output=True,
        check=True,
        timeout=600,
    )
    assert (built.outdir / "survey.pdf").stat().st_size > 0
