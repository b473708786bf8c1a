"""Every bad input gives its documented message at the right file and line, by every path."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import Built, build, copy_root, write_project
from corpus import BAD_CASES, GOOD_FILES, GOOD_TEXTS, BadCase

from sphinx_vlmtable.cli import main as vlmtable_main
from sphinx_vlmtable.data.files import load_data_file
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.warnings_ import VlmTableWarning

SCHEMA = json.loads(
    (Path(__file__).parent.parent / "sphinx_vlmtable" / "vlmtable.schema.json").read_text()
)


class JsonLikeLoader(yaml.SafeLoader):
    """YAML as an editor's language server sees it: dates stay strings, as in JSON."""


JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def as_json(text: str) -> object:
    return yaml.load(text, Loader=JsonLikeLoader)


IDS = [c.name for c in BAD_CASES]


def test_the_corpus_is_large_and_covers_every_data_subtype() -> None:
    assert len(BAD_CASES) >= 35
    data_subtypes = {k.subtype for k in VlmTableWarning} - {
        "file",
        "option",
        "config",
        "markup",
        "reference",
        # Directive-level: a chart without matplotlib, an earlier version that cannot be
        # read (tests/test_overview.py).
        "chart",
        "changes",
        # Builder-level: characters pdflatex prints as substitutes (tests/pdf/test_pdf_chars.py).
        "latex",
    }
    assert {c.subtype for c in BAD_CASES} == data_subtypes


@pytest.mark.parametrize("bad", BAD_CASES, ids=IDS)
def test_loader_reports_the_problem_at_its_line(bad: BadCase) -> None:
    problems = load_survey_text(bad.content).problems
    assert any(
        p.kind.subtype == bad.subtype and p.line == bad.line and bad.says in p.message
        for p in problems
    ), problems


@pytest.mark.parametrize("name", sorted(GOOD_TEXTS))
def test_good_texts_load_clean(name: str) -> None:
    assert load_survey_text(GOOD_TEXTS[name]).problems == ()


def test_crlf_and_bom_keep_text_as_written() -> None:
    (model,) = load_survey_text(GOOD_TEXTS["crlf"]).data.models
    assert model.values == {"model": "A", "year": "2023.10"}
    assert load_survey_text(GOOD_TEXTS["bom"]).data.models[0].name == "A"


# -- vlmtable check -------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("corpus")
    for bad in BAD_CASES:
        (directory / f"{bad.name}.yaml").write_bytes(bad.content)
    return directory


@pytest.mark.parametrize("bad", BAD_CASES, ids=IDS)
def test_check_prints_file_line_column(
    bad: BadCase, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(corpus_dir / f"{bad.name}.yaml")
    assert vlmtable_main(["check", path]) == 1
    out = capsys.readouterr().out
    pattern = (
        rf"^{re.escape(path)}:{bad.line}:\d+: .*{re.escape(bad.says)}.* "
        rf"\[vlmtable\.{bad.subtype}\]$"
    )
    assert re.search(pattern, out, re.MULTILINE), out


def test_check_command_line_exit_codes(corpus_dir: Path) -> None:
    good = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "check", *map(str, GOOD_FILES)],
        capture_output=True,
        text=True,
    )
    assert (good.returncode, good.stdout, good.stderr) == (0, "", "")
    bad = subprocess.run(
        [sys.executable, "-m", "sphinx_vlmtable", "check", *map(str, corpus_dir.iterdir())],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1
    assert "Traceback" not in bad.stdout + bad.stderr
    assert f"{len(BAD_CASES)} of {len(BAD_CASES)} file(s) have problems" in bad.stderr


def test_check_refuses_a_file_over_the_size_cap(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "big.yaml"
    path.write_text("models:\n" + "  - model: A\n" * 100)
    assert vlmtable_main(["check", "--max-file-size", "100", str(path)]) == 1
    assert "more than vlmtable_max_file_size (100)" in capsys.readouterr().out


# -- the directives, from reST and MyST pages ------------------------------------


def corpus_pages(cases: list[BadCase]) -> dict[str, str | bytes]:
    """Each case as a data file, used from a reST page and from a MyST page."""
    files: dict[str, str | bytes] = {}
    for bad in cases:
        files[f"data/{bad.name}.yaml"] = bad.content
        files[f"{bad.name}_rst.rst"] = (
            f"{bad.name}\n{'=' * len(bad.name)}\n\n.. {bad.directive}:: data/{bad.name}.yaml\n"
        )
        files[f"{bad.name}_md.md"] = (
            f"# {bad.name}\n\n```{{{bad.directive}}} data/{bad.name}.yaml\n```\n"
        )
    return files


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Built:
    srcdir = write_project(tmp_path_factory.mktemp("corpus-project"), corpus_pages(BAD_CASES))
    return build(srcdir, freshenv=True)


@pytest.mark.parametrize("page", ["rst", "md"])
@pytest.mark.parametrize("bad", BAD_CASES, ids=IDS)
def test_directive_warns_at_data_file_line_naming_the_page(
    bad: BadCase, page: str, corpus_build: Built
) -> None:
    srcdir, warnings = corpus_build.srcdir, corpus_build.warnings
    data = srcdir / "data" / f"{bad.name}.yaml"
    used_at = f"{bad.name}_{page}.{page}:{4 if page == 'rst' else 3}"
    pattern = (
        rf"^{re.escape(str(data))}:{bad.line}: WARNING: .*{re.escape(bad.says)}.* "
        rf"\(in {bad.directive} at {re.escape(used_at)}\) \[vlmtable\.{bad.subtype}\]$"
    )
    assert re.search(pattern, warnings, re.MULTILINE), warnings
    html = corpus_build.read(f"{bad.name}_{page}.html")
    if bad.stops:
        assert "cannot be shown; see the build log" in html
        assert "<table" not in html  # never a half table
    else:  # reported, and the table is built with the cell as written
        assert "cannot be shown" not in html and "<table" in html


def test_the_build_finishes_and_warns_only_in_our_form(corpus_build: Built) -> None:
    # In-process, a crash would be an exception (the fixture's build would raise): what
    # can go wrong here is a finished build with warnings that are not ours.
    warnings, status = corpus_build.warnings, corpus_build.status
    assert "build succeeded" in status
    for line in warnings.splitlines():
        if "WARNING" in line:
            assert re.search(r"\[vlmtable\.\w+\]$", line), line


def test_warnings_as_errors_fail_the_build(tmp_path: Path) -> None:
    """The real command line: a plain build passes and writes the page, -W fails."""
    write_project(tmp_path, corpus_pages([BAD_CASES[0]]))
    plain = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(tmp_path), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert plain.returncode == 0, plain.stderr
    assert (tmp_path / "out" / f"{BAD_CASES[0].name}_rst.html").exists()
    strict = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "-E",
            "-b",
            "html",
            str(tmp_path),
            str(tmp_path / "strict"),
        ],
        capture_output=True,
        text=True,
    )
    assert strict.returncode != 0
    assert "[vlmtable.yaml]" in strict.stderr
    assert "Traceback" not in strict.stderr


# -- the JSON Schema agrees with the loader ---------------------------------------


@pytest.mark.parametrize("path", GOOD_FILES, ids=lambda p: p.parent.parent.name + "/" + p.name)
def test_schema_accepts_good_files(path: Path) -> None:
    # Read from its path, as a build reads it: models_from files beside it included.
    assert load_data_file(str(path)).problems == ()
    jsonschema.validate(as_json(path.read_text(encoding="utf-8")), SCHEMA)


@pytest.mark.parametrize("name", sorted(GOOD_TEXTS))
def test_schema_accepts_good_texts(name: str) -> None:
    jsonschema.validate(as_json(GOOD_TEXTS[name].decode("utf-8-sig")), SCHEMA)


@pytest.mark.parametrize("bad", [c for c in BAD_CASES if c.schema_rejects], ids=lambda c: c.name)
def test_schema_rejects_what_the_loader_rejects(bad: BadCase) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(as_json(bad.content.decode("utf-8")), SCHEMA)


# -- guards around the file ---------------------------------------------------------


def build_guards(tmp_path: Path, conf: str = "") -> tuple[str, str]:
    """Build the guards project (with ../outside.yaml beside it), with more lines in its
    conf.py, as a user would write them; the warnings and the HTML."""
    srcdir = copy_root("guards", tmp_path, conf)
    (tmp_path / "outside.yaml").write_text("models:\n  - model: Outside\n")
    done = build(srcdir)
    return done.warnings, done.read("index.html")


def test_a_data_file_outside_the_source_directory_is_refused(tmp_path: Path) -> None:
    warnings, html = build_guards(tmp_path)
    assert re.search(
        r"index.rst:4: WARNING: vlm-table: the data file ../outside.yaml is outside the source "
        r"directory; set vlmtable_allow_outside_srcdir = True to allow it \[vlmtable.file\]",
        warnings,
    ), warnings
    assert "Outside" not in html and "Inside" in html


def test_allow_outside_srcdir(tmp_path: Path) -> None:
    warnings, html = build_guards(tmp_path, "vlmtable_allow_outside_srcdir = True\n")
    assert warnings == ""
    assert "Outside" in html and "Inside" in html


def test_file_insertion_disabled_reads_nothing(tmp_path: Path) -> None:
    # Sphinx fixes docutils' settings itself; a project changes them on its environment.
    conf = (
        "def setup(app):\n"
        "    app.connect('builder-inited',\n"
        "                lambda app: app.env.settings.update(file_insertion_enabled=False))\n"
    )
    warnings, html = build_guards(tmp_path, conf)
    assert warnings.count("file insertion is disabled") == 2
    assert "Outside" not in html and "Inside" not in html


def test_size_cap_is_checked_before_reading(tmp_path: Path) -> None:
    warnings, _html = build_guards(tmp_path, "vlmtable_max_file_size = 10\n")
    assert re.search(
        r"data/models.yaml:1: WARNING: the file is 26 bytes, more than vlmtable_max_file_size "
        r"\(10\); it was not read \(in vlm-table at index.rst:6\) \[vlmtable.file\]",
        warnings,
    ), warnings


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("vlmtable_missing", "5", "vlmtable_missing must be a str, not int; using the default '-'"),
        ("vlmtable_max_file_size", "-1", "vlmtable_max_file_size must be a positive int; using"),
        ("vlmtable_allow_outside_srcdir", "'yes'", "must be a bool, not str"),
    ],
)
def test_bad_config_values_fall_back_with_a_warning(
    tmp_path: Path, name: str, value: str, says: str
) -> None:
    warnings, html = build_guards(tmp_path, f"{name} = {value}\n")
    assert re.search(rf"WARNING: .*{re.escape(says)}.*\[vlmtable.config\]", warnings), warnings
    assert "Inside" in html
