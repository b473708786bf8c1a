"""Property-based: random and mutated YAML never gives anything but documented problems."""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import yaml
from conftest import ANSI, DOCS, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmtable.data.model import iter_leaves
from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.view.layout import header_rows
from sphinx_vlmtable.warnings_ import VlmTableWarning

SEED_YAML = (DOCS / "data" / "vlms.yaml").read_text(encoding="utf-8")
# Characters that mean something to YAML, and some that must be refused.
YAML_ALPHABET = "-:[]{}!&*#|>'\"\t\n ,?%@`~\\\x00\x07\u2028\u0085\ufeffaZ09.é語"
SUBTYPES = {kind.subtype for kind in VlmTableWarning}
# Deterministic, so CI is never red by chance; the examples still vary by input.
CI_SETTINGS = settings(derandomize=True, deadline=None, database=None)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    """The seed data with a few characters inserted, deleted or replaced."""
    text = SEED_YAML
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        char = draw(st.sampled_from(YAML_ALPHABET))
        if action == "insert":
            text = text[:position] + char + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + 1 :]
        else:
            text = text[:position] + char + text[position + 1 :]
    return text.encode("utf-8", errors="surrogatepass")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=12,
)


@st.composite
def random_document(draw: st.DrawFn) -> bytes:
    """Well-formed YAML of the right or wrong shapes, under the real keys or others."""
    keys = st.sampled_from(["models", "columns", "tasks", "model", "key", "label", "x"])
    document = draw(st.dictionaries(keys, yaml_values, max_size=3) | yaml_values)
    return yaml.safe_dump(document, allow_unicode=True).encode("utf-8")


inputs = st.one_of(st.binary(max_size=300), mutated_seed(), random_document())


def assert_documented(raw: bytes) -> None:
    result = load_survey_text(raw)
    for problem in result.problems:
        assert isinstance(problem.kind, VlmTableWarning)
        assert problem.line >= 1 and problem.column >= 1 and problem.message
    if not result.problems:  # valid data must lay out
        header_rows(result.data.columns)
        keys = {leaf.key for leaf in iter_leaves(result.data.columns)}
        for model in result.data.models:
            assert set(model.values) <= keys


@settings(CI_SETTINGS, max_examples=400)
@given(inputs)
def test_loader_gives_only_documented_problems(raw: bytes) -> None:
    assert_documented(raw)


def kept_app(srcdir: Path) -> Iterator[tuple[SphinxTestApp, Path, StringIO]]:
    """One application for a module's examples (each rebuilds it), and its warnings."""
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warnings)
    try:
        yield app, srcdir, warnings
    finally:
        app.cleanup()


@pytest.fixture(scope="module")
def project(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SphinxTestApp, Path, StringIO]]:
    srcdir = write_project(
        tmp_path_factory.mktemp("property-project"),
        {
            "index.rst": "Index\n=====\n\n.. vlm-table:: data.yaml\n\n.. vlm-tasks:: data.yaml"
            "\n\n.. toctree::\n\n   page\n",
            "page.md": "# Page\n\n```{vlm-table} data.yaml\n```\n",
            "data.yaml": SEED_YAML,
        },
    )
    yield from kept_app(srcdir)


@settings(CI_SETTINGS, max_examples=25, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(inputs)
def test_directives_give_only_documented_warnings(
    project: tuple[SphinxTestApp, Path, StringIO], raw: bytes
) -> None:
    app, srcdir, warnings = project
    (srcdir / "data.yaml").write_bytes(raw)
    warnings.seek(0)
    warnings.truncate()
    app.build(force_all=True)
    for line in ANSI.sub("", warnings.getvalue()).splitlines():
        if "WARNING" in line:
            match = re.search(r"\[vlmtable\.(\w+)\]$", line)
            assert match and match.group(1) in SUBTYPES, line
    assert (srcdir / "_build" / "html" / "page.html").exists()


# -- random paths and options, with random data, through a real build ------------------

NASTY_PATHS = [
    "data.yaml",
    "/data.yaml",
    "missing.yaml",
    "../outside.yaml",
    "/../../etc/passwd",
    ".",
    "data.yaml\x00x",
    "loop.yaml",
    "fifo.yaml",
    "data.yaml/",
    "~/x.yaml",
    "%s%n",
    "a" * 300,
    "dir",
    "",
    "data.yaml " * 3,
    "C:\\x.yaml",
    "\u202edata.yaml",
]
OPTION_NAMES = [
    "caption",
    "name",
    "class",
    "widths",
    "width",
    "align",
    "columns",
    "sort",
    "filter",
    "merge",
    "longtable",
    "nope",
]
option_values = st.one_of(
    st.sampled_from(
        [
            "",
            "auto",
            "1 2",
            "model",
            "model, year",
            "-year",
            "year > 2023",
            "(((",
            "not not",
            "llm ~ '('",
            "50%",
            "center",
            "x" * 200,
        ]
    ),
    st.text(alphabet="-:,()~'\" <>=!aemyrl0123456789.\\*+?[]{}|^$", max_size=40),
)


@st.composite
def random_directive(draw: st.DrawFn) -> str:
    path = draw(st.sampled_from(NASTY_PATHS) | st.text(max_size=20))
    path = path.replace("\n", " ").replace("\r", " ")
    lines = [f".. vlm-table:: {path}".rstrip()]
    for name in draw(st.lists(st.sampled_from(OPTION_NAMES), max_size=4, unique=True)):
        value = draw(option_values).replace("\n", " ").replace("\r", " ")
        lines.append(f"   :{name}: {value}".rstrip())
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def hostile_project(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SphinxTestApp, Path, StringIO]]:
    root = tmp_path_factory.mktemp("hostile")
    (root / "outside.yaml").write_text(SEED_YAML)
    srcdir = write_project(root / "src", {"index.rst": "Index\n=====\n", "data.yaml": SEED_YAML})
    (srcdir / "dir").mkdir()
    os.symlink("loop.yaml", srcdir / "loop.yaml")
    os.mkfifo(srcdir / "fifo.yaml")
    yield from kept_app(srcdir)


@settings(CI_SETTINGS, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(random_directive(), inputs)
def test_random_paths_options_and_data_never_break_a_build(
    hostile_project: tuple[SphinxTestApp, Path, StringIO], directive: str, raw: bytes
) -> None:
    app, srcdir, warnings = hostile_project
    (srcdir / "data.yaml").write_bytes(raw)
    (srcdir / "index.rst").write_text(f"Index\n=====\n\n{directive}", encoding="utf-8")
    warnings.seek(0)
    warnings.truncate()
    started = time.monotonic()
    app.build(force_all=True)  # a traceback would raise here
    assert time.monotonic() - started < 60
    for line in ANSI.sub("", warnings.getvalue()).splitlines():
        if "WARNING" in line or "ERROR" in line:
            # Ours are typed; docutils' own option errors ("invalid option value") are not.
            assert re.search(r"\[vlmtable\.(\w+)\]$", line) or "vlm-table" in line, line
    assert (srcdir / "_build" / "html" / "index.html").exists()


# -- random markup cells and names, through a real build --------------------------------

MARKUP_PIECES = [
    "x",
    " ",
    "`",
    "_",
    "*",
    "|",
    "[",
    "]",
    "(",
    ")",
    "<",
    ">",
    "{",
    "}",
    ":",
    "$",
    "\\",
    "javascript:alert(1)",
    "data:text/html,x",
    "https://example.invalid/i.png",
    "../../s.txt",
    ":raw:",
    ":html:",
    ":math:",
    ":download:",
    ":ref:",
    "{raw}",
    "{download}",
    "{{ 7*7 }}",
    "![i](",
    "](",
    "_`t`",
    "|sub|",
    "[1]_",
    "&#x2028;",
    "&#8233;",
    "<script>",
    ";",
    "!",
    "LLaVA py:function 1 u -",
]
markup_cells = st.lists(st.sampled_from(MARKUP_PIECES), max_size=12).map("".join)


@pytest.fixture(scope="module")
def markup_project(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[SphinxTestApp, Path, StringIO]]:
    root = tmp_path_factory.mktemp("markup")
    (root / "s.txt").write_text("the build machine's secret")
    page = (
        ".. role:: html(raw)\n   :format: html\n\n.. |sub| raw:: html\n\n   <script>1</script>"
        "\n\nIndex\n=====\n\n.. vlm-table:: data.yaml\n   :index:\n   :download: csv\n"
    )
    conf = "myst_enable_extensions = ['substitution', 'dollarmath']\n"
    srcdir = write_project(root / "src", {"index.rst": page, "data.yaml": "models: []\n"}, conf)
    yield from kept_app(srcdir)


@settings(CI_SETTINGS, max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(st.tuples(markup_cells, markup_cells, markup_cells), min_size=1, max_size=4),
    st.sampled_from(["rst", "myst"]),
)
def test_random_markup_cells_and_names_stay_safe(
    markup_project: tuple[SphinxTestApp, Path, StringIO],
    rows: list[tuple[str, str, str]],
    syntax: str,
) -> None:
    app, srcdir, warnings = markup_project
    models = "".join(
        f"  - model: {json.dumps(f'M{index} {name}')}\n    a: {json.dumps(a or 'x')}\n"
        f"    b: {json.dumps(b or 'x')}\n"
        for index, (name, a, b) in enumerate(rows)
    )
    (srcdir / "data.yaml").write_text(
        "columns:\n  - {key: model, label: Model}\n"
        f"  - {{key: a, label: A, markup: {syntax}}}\n  - {{key: b, label: B, markup: {syntax}}}\n"
        f"models:\n{models}",
        encoding="utf-8",
    )
    warnings.seek(0)
    warnings.truncate()
    app.build(force_all=True)  # a traceback would raise here
    html = (srcdir / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table") : html.rindex("</table>")]
    assert table.count("<tr") == len(rows) + 1  # every row is shown
    assert "<script" not in table and not re.search(r"(href|src)=\"(javascript|data):", table)
    assert "<img" not in table and "machine's secret" not in html and "49" not in table
    assert "\u2028" not in html and "\u2029" not in html
    assert not list((srcdir / "_build" / "html").rglob("s.txt"))
