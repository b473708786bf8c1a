"""The warnings page (generated from ``VlmTableWarning``) says what emits each subtype:
here each case its ``type``, ``option`` and ``changes`` entries name is made to happen,
in a data file or a page of one build, and must be reported with that subtype; and each
case's words are in the entry, so the page names what the code does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build, write_project

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.warnings_ import VlmTableWarning

#: ``type`` cases: (what the entry says, a data file that has it).
TYPE_CASES = [
    ("where text is wanted (a value or a key)", "models:\n  - {model: A, llm: [x]}\n"),
    ("where text is wanted (a value or a key)", "models:\n  - model: A\n    ? [k]\n    : x\n"),
    ("an unquoted lone ``-``", "models:\n  - model: A\n    llm:\n      -\n"),
    (
        "must be ``true`` or ``false``",
        "tasks: [{name: T, bold: 3}]\nmodels:\n  - {model: A}\n",
    ),
    ("an ``added:`` or ``updated:``", "models:\n  - {model: A, added: someday}\n"),
    ("an empty ``id`` or alias", "models:\n  - {model: A, id: ' '}\n"),
    ("an empty ``id`` or alias", "models:\n  - {model: A, aliases: ['']}\n"),
    (
        "other than ``yes``, ``partial`` or ``no``",
        "tasks: [{name: T}]\nmodels:\n  - {model: A, tasks: {T: maybe}}\n",
    ),
]


@pytest.mark.parametrize(("said", "data"), TYPE_CASES)
def test_each_type_case_is_reported_as_type(said: str, data: str) -> None:
    assert said in VlmTableWarning.TYPE.description
    kinds = {problem.kind for problem in load_survey_text(data.encode()).problems}
    assert VlmTableWarning.TYPE in kinds


DATA = """columns:
  - {key: model, label: Model}
  - {key: year, label: Year, type: date}
  - {key: size, label: Size, type: number}
  - {key: lab, label: Lab}
models:
  - {model: A, year: 2023.01, size: 7B, lab: X}
  - {model: B, year: 2024.02, size: "-1", lab: Y}
"""

#: (the subtype, what its entry says, the directive and its options on a page).
PAGE_CASES = [
    ("option", "no data file", "vlm-table"),
    ("option", "``:columns:``", "vlm-table d.yaml\n:columns: model, nope"),
    ("option", "``:sort:``", "vlm-table d.yaml\n:sort: nope"),
    ("option", "that does not parse", "vlm-table d.yaml\n:filter: year >"),
    ("option", "its column's type cannot read", "vlm-table d.yaml\n:filter: size > big"),
    ("option", "leaves no rows", "vlm-table d.yaml\n:filter: lab == Z"),
    ("option", "``:merge:``", "vlm-table d.yaml\n:merge: nope"),
    ("option", "``:widths:``", "vlm-table d.yaml\n:widths: 1 2"),
    ("option", "neither a date nor a duration", "vlm-table d.yaml\n:new-since: someday"),
    ("option", "on a file without ``tasks``", "vlm-matrix d.yaml"),
    ("option", "``vlm-chart`` without", "vlm-chart d.yaml"),
    ("option", "a scatter without ``:y:``", "vlm-chart d.yaml\n:x: year\n:kind: scatter"),
    ("option", "a column of the wrong type", "vlm-chart d.yaml\n:x: lab"),
    ("option", "at or below zero", "vlm-chart d.yaml\n:x: year\n:y: size\n:log: y"),
    ("option", "``vlm-changes`` without ``:since:``", "vlm-changes d.yaml"),
    ("option", "``:ignore:``", "vlm-changes d.yaml\n:since: d.yaml\n:ignore: nope"),
    ("option", "``vlm-compare`` without ``:models:``", "vlm-compare d.yaml"),
    ("option", "fewer than 2", "vlm-compare d.yaml\n:models: A"),
    ("changes", "the file is missing", "vlm-changes d.yaml\n:since: gone.yaml"),
    ("changes", "not in a git repository", "vlm-changes d.yaml\n:since: git:v1"),
    ("changes", "problems that stop it", "vlm-changes d.yaml\n:since: broken.yaml"),
    (
        "file",
        "outside the source directory, ``vlmtable.file``",
        "vlm-changes d.yaml\n:since: ../o.yaml",
    ),
]


@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One build of a page per case; its warnings."""
    folder = tmp_path_factory.mktemp("subtypes")
    (folder / "o.yaml").write_text(DATA, encoding="utf-8")
    pages = {}
    for number, (_kind, _said, directive) in enumerate(PAGE_CASES):
        name, _, rest = directive.partition(" ")
        pages[f"case{number}.md"] = f"# Case {number}\n\n```{{{name}}} {rest}\n```\n"
    srcdir = write_project(folder / "src", {**pages, "d.yaml": DATA, "broken.yaml": "models: [\n"})
    return build(srcdir, "html").warnings


@pytest.mark.parametrize(
    ("number", "case"), list(enumerate(PAGE_CASES)), ids=[c[1] for c in PAGE_CASES]
)
def test_each_page_case_is_reported_with_its_subtype(
    warned: str, number: int, case: tuple[str, str, str]
) -> None:
    kind, said, _directive = case
    description = (
        VlmTableWarning.CHANGES.description
        if kind == "file"
        else {w.subtype: w.description for w in VlmTableWarning}[kind]
    )
    assert said in " ".join(description.split())
    lines = [line for line in warned.splitlines() if re.search(rf"\bcase{number}\.md\b", line)]
    assert any(line.endswith(f"[vlmtable.{kind}]") for line in lines), lines


def test_latex_widths_of_the_wrong_count_are_an_option_warning(tmp_path: Path) -> None:
    srcdir = write_project(
        tmp_path,
        {"d.yaml": DATA, "t.md": "# T\n\n```{vlm-table} d.yaml\n:latex-widths: 1 2\n```\n"},
    )
    warned = build(srcdir, "latex").warnings
    assert ":latex-widths: gives 2 widths for 4 shown columns" in warned
    assert "[vlmtable.option]" in warned


def test_the_warning_the_page_shows_is_the_form_a_build_prints(tmp_path: Path) -> None:
    """warnings.md's example, made to happen: the data file's line, the message, the
    page and line of the directive that read it, and the subtype."""
    page = Path(__file__).parent.parent / "docs" / "reference" / "warnings.md"
    shown = page.read_text(encoding="utf-8").split("```text\n")[1].split("\n```")[0]
    found = re.fullmatch(
        r"/project/docs/(\S+):(\d+): WARNING: the model has a value for '(\w+)'.* "
        r"\(in vlm-table at (\S+):(\d+)\) \[vlmtable\.unknown_key\]",
        shown,
    )
    assert found is not None
    data, line, key, page_name, page_line = found.groups()
    columns = "columns:\n  - {key: model, label: Model}\n  - {key: year, label: Year}\n"
    rows = [f"  - {{model: M{number}, year: '2023'}}" for number in range(int(line) - 5)]
    rows.append(f"  - {{model: Typo, {key}: '2023'}}")
    heading = ["# Summary", *[""] * (int(page_line) - 2)]
    srcdir = write_project(
        tmp_path / "docs",
        {
            data: columns + "models:\n" + "\n".join(rows) + "\n",
            page_name: "\n".join([*heading, f"```{{vlm-table}} {data}", "```", ""]),
        },
    )
    warned = build(srcdir, "html").warnings.strip().replace(str(srcdir), "/project/docs")
    assert warned == shown
