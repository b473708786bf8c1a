"""Options and config values of vlm-table: defaults, links, anchors, long tables, and
every mistake reported as a warning at the page and directive line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Built
from docutils import nodes
from htmltable import read_tables


@pytest.mark.sphinx("html", testroot="options", freshenv=True)
def test_defaults_links_and_anchors(built: Built) -> None:
    app = built.app
    html = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    default_view, sorted_view = read_tables(html)
    # vlmtable_default_data and vlmtable_default_sort ("-year"), vlmtable_missing ("n/a").
    assert [[c.text for c in row] for row in default_view.body] == [
        ["Qwen2.5-VL", "2025.02", "n/a", "n/a", "Qwen2.5", "n/a", "n/a"],
        ["Qwen2-5-VL", "2025.01", "n/a", "n/a", "n/a", "n/a", "n/a"],
        ["语言模型", "2024", "n/a", "n/a", "n/a", "n/a", "n/a"],
        ["视觉模型", "2023", "n/a", "n/a", "n/a", "n/a", "n/a"],
    ]
    ids = [attrs["id"] for attrs in default_view.row_attrs]
    assert ids[:2] == ["model-qwen2-5-vl", "model-qwen2-5-vl-2"]  # unique though alike
    assert re.fullmatch(r"model-[0-9a-f]{10}", ids[2]) and ids[2] != ids[3]
    # The second table shows the same models (sorted by name): new, still unique, ids.
    first_ids = {row[0].text: row_id for row, row_id in zip(default_view.body, ids, strict=True)}
    assert [row[0].text for row in sorted_view.body] == [
        "Qwen2-5-VL",
        "Qwen2.5-VL",
        "视觉模型",
        "语言模型",
    ]
    assert [attrs["id"] for attrs in sorted_view.row_attrs] == [
        "model-qwen2-5-vl-3",
        "model-qwen2-5-vl-4",
        first_ids["视觉模型"] + "-2",
        first_ids["语言模型"] + "-2",
    ]
    assert '<a class="reference external" href="https://qwenlm.github.io/">Qwen2.5</a>' in html


@pytest.mark.sphinx("html", testroot="options", freshenv=True)
def test_anchors_are_stable_across_builds(built: Built) -> None:
    app = built.app
    first = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    app.build(force_all=True)
    assert (Path(app.outdir) / "index.html").read_text(encoding="utf-8") == first


@pytest.mark.sphinx("latex", testroot="options", freshenv=True)
def test_long_tables_repeat_their_header(built: Built) -> None:
    app = built.app
    tex = (Path(app.outdir) / "project.tex").read_text(encoding="utf-8")
    # Both: one past vlmtable_longtable_rows (4), one with :longtable:.
    assert tex.count("\\begin{longtable}") == 2
    assert tex.count("\\endfirsthead") == 2 and tex.count("\\endhead") == 2


@pytest.mark.sphinx("html", testroot="options", freshenv=True)
def test_option_mistakes_are_warnings_at_the_directive(built: Built) -> None:
    warnings = built.warnings
    expected = [
        r"errors.rst:4: WARNING: vlm-table: :filter: no column has the key 'yaer' at column 18 "
        r"of 'year >= 2024 and yaer < 3'",
        r"errors.rst:7: WARNING: vlm-table: :sort: cannot sort by 'yaer': no column has that key",
        r"errors.rst:10: WARNING: vlm-table: :columns: the columns of the group 'Model "
        r"Architecture' must be chosen next to each other",
        r"errors.rst:13: WARNING: vlm-table: :merge: names no shown column: adapter",
        r"errors.rst:17: WARNING: vlm-table: :widths: has 3 values, but the table has 2 columns",
        r"errors.rst:21: WARNING: vlm-table: :filter: missing '\)' at column 13 of '\(year > 2024'",
        r"errors_md.md:3: WARNING: vlm-table: :filter: invalid regular expression '\[': .* at "
        r"column 7 of \"llm ~ '\['\"",
        r"errors_md.md:7: WARNING: vlm-table: :columns: the columns of the group",
    ]
    for pattern in expected:
        assert re.search(pattern + r".*\[vlmtable.option\]", warnings), pattern
    assert len(re.findall(r"WARNING", warnings)) == len(expected)
    doctree = built.doctree("errors")
    assert not list(doctree.findall(nodes.table))
    assert len(list(doctree.findall(nodes.error))) == 6
