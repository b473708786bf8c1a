"""Nothing of ours touches what is not ours: a page's csv-table, list-table and grid table
are written exactly as Sphinx writes them without the extension, in every builder, even
beside a vlm-table on the same page (roots/test-not-ours: tables of 18 and 20 rows, more
than the 15 from which ours scroll in a box)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build, copy_root

OUR_TABLE = ".. vlm-table:: data/survey.yaml\n   :interactive:\n   :merge: year\n"
#: Each builder's file, and where the page's part before the "Ours" section starts and ends.
OUTPUTS = {
    "html": ("index.html", '<div class="body"', '<section id="ours">'),
    "latex": ("project.tex", "\\chapter{Other tables}", "\\chapter{Ours}"),
    "text": ("index.txt", "", "\nOurs\n"),
    "man": ("project.1", ".SH OTHER TABLES", ".SH OURS"),
    "texinfo": ("project.texi", "@node Other tables", "@node Ours"),
}


def other_tables(tmp_path: Path, builder: str, ours: bool) -> str:
    name = "with" if ours else "without"
    srcdir = copy_root("not-ours", tmp_path / f"{builder}-{name}")
    if ours:
        with (srcdir / "index.rst").open("a", encoding="utf-8") as page:
            page.write(f"\n{OUR_TABLE}")
    overrides = {} if ours else {"extensions": ["myst_parser"]}
    done = build(srcdir, builder, confoverrides=overrides)
    assert "WARNING" not in done.warnings, done.warnings
    file_name, start, end = OUTPUTS[builder]
    written = done.read(file_name)
    assert start in written and end in written, (start, end)
    return written[written.index(start) : written.index(end)]


@pytest.mark.parametrize("builder", sorted(OUTPUTS))
def test_other_tables_are_written_as_without_the_extension(tmp_path: Path, builder: str) -> None:
    with_ours = other_tables(tmp_path, builder, ours=True)
    without = other_tables(tmp_path, builder, ours=False)
    assert "Framework 19" in without and "Library 17" in without
    assert with_ours == without


def test_our_table_is_still_ours_on_that_page(tmp_path: Path) -> None:
    srcdir = copy_root("not-ours", tmp_path)
    with (srcdir / "index.rst").open("a", encoding="utf-8") as page:
        page.write(f"\n{OUR_TABLE}")
    html = build(srcdir).read("index.html")
    ours = html[html.index('<section id="ours">') :]
    assert "vlm-table-scroll" in ours and "vlm-table" in ours
    others = html[: html.index('<section id="ours">')]
    assert not re.search(r"vlm-", others)
