"""Property-based: random and mutated YAML never gives anything but documented problems."""

from __future__ import annotations

import re
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import yaml
from conftest import ANSI, DOCS, write_project
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sphinx.testing.util import SphinxTestApp

from sphinx_vlmtable.layout import header_rows
from sphinx_vlmtable.schema import iter_leaves, load_survey_text
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
    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, status=StringIO(), warning=warnings)
    try:
        yield app, srcdir, warnings
    finally:
        app.cleanup()


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
