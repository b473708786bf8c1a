"""A long survey with a markup column builds under the default limits: 20,000 rows (the
size ``make bench`` measures), every row written, in HTML straight from the compact body."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import DOCS, build, write_project

from sphinx_vlmtable.data.files import DEFAULT_MAX_FILE_SIZE

sys.path.insert(0, str(DOCS.parent / "benchmarks"))
from synthetic import synthetic_yaml


@pytest.mark.slow
def test_twenty_thousand_rows_with_a_markup_column_build_with_the_defaults(
    tmp_path: Path,
) -> None:
    data = synthetic_yaml(20_000, markup=True)
    assert len(data.encode("utf-8")) < DEFAULT_MAX_FILE_SIZE
    srcdir = write_project(
        tmp_path / "src",
        {
            "data/models.yaml": data,
            "survey.rst": "Survey\n======\n\n.. vlm-table:: data/models.yaml\n",
        },
    )
    done = build(srcdir)
    assert done.warnings == ""
    html = done.read("survey.html")
    assert html.count('<tr class="row-') == 20_000 + 2  # the rows and the header's two
    assert 'href="https://example.org/19999"' in html and "<strong>" in html
