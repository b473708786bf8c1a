"""A contributor's mistake in one row or cell never takes the table down: every row is
still shown, each problem is a warning at its own line, and ``-W`` still fails. Only a
file with nothing to show (a YAML syntax error, an unreadable file) gives the notice.
(``roots/test-fail-soft``: a leaderboard with a typo'd key, a bad number, a bad link and
a repeated name, shown from reST with ``:index:`` and from MyST, and linked from a page.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Built, build, copy_root
from docutils import nodes
from htmltable import read_tables

NAMES = ["Conformer", "HuBERT Large", "wav2vec 2.0", "Conformer", "Whisper"]


@pytest.mark.sphinx("html", testroot="fail-soft", freshenv=True)
def test_row_and_cell_problems_leave_every_row_on_the_page(built: Built) -> None:
    (table,) = read_tables(built.read("index.html"))
    assert [row[0].text for row in table.body] == NAMES
    (sorted_table,) = read_tables(built.read("board_md.html"))
    # Sorted by the number; the one that does not parse goes last.
    assert [row[0].text for row in sorted_table.body][-1] == "wav2vec 2.0"
    for docname in ("index", "board_md"):
        doctree = built.doctree(docname)
        assert not any("cannot be shown" in p.astext() for p in doctree.findall(nodes.paragraph))
        # The number that does not parse is shown as written and marked.
        marked = [
            entry.astext()
            for entry in doctree.findall(nodes.entry)
            if "vlm-invalid" in entry["classes"]
        ]
        assert marked == ["n/a%"]
    warnings = built.warnings
    assert re.search(
        r"board.yaml:8(:5)?: WARNING: the model has a value for 'test_oter'", warnings
    ), warnings
    assert "did you mean 'test_other'" in warnings
    assert re.search(r"board.yaml:9: WARNING: .*'n/a%'", warnings)
    assert re.search(r"board.yaml:9: WARNING: .*javascript", warnings)
    assert re.search(r"board.yaml:10: WARNING: duplicate model 'Conformer'", warnings)
    assert "(in vlm-table at index.rst:4)" in warnings
    assert "(in vlm-table at board_md.md:3)" in warnings
    assert "uses.rst" not in warnings  # the link resolves: HuBERT Large is shown


def test_strict_builds_fail_on_the_same_problems(tmp_path: Path) -> None:
    srcdir = copy_root("fail-soft", tmp_path)
    failed = subprocess.run(
        [
            sys.executable,
            "-m",
            "sphinx",
            "-q",
            "-W",
            "-b",
            "html",
            str(srcdir),
            str(tmp_path / "strict"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert failed.returncode != 0
    assert "board.yaml:8" in failed.stderr and "Traceback" not in failed.stderr


def broken(tmp_path: Path) -> Built:
    srcdir = copy_root("fail-soft", tmp_path)
    data = srcdir / "data" / "board.yaml"
    data.write_text(data.read_text().replace("venue: arXiv 2022}", "venue: [arXiv 2022}"))
    return build(srcdir)


def test_a_file_with_nothing_to_show_gives_the_notice_and_links_name_the_cause(
    tmp_path: Path,
) -> None:
    done = broken(tmp_path)
    for page in ("index.html", "board_md.html"):
        assert "cannot be shown; see the build log" in done.read(page)
        assert read_tables(done.read(page)) == []
    assert re.search(r"board.yaml:\d+: WARNING: .*invalid YAML", done.warnings)
    assert re.search(
        r"uses.rst:4: WARNING: unknown model 'HuBERT Large': no vlm-table with "
        r":index: shows it; the table at index.rst:4 that may show it has "
        r"problems: data/board.yaml:\d+",
        done.warnings,
    ), done.warnings
