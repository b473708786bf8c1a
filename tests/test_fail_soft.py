"""A contributor's mistake in one row or cell never takes the table down: every row is
still shown, each problem is a warning at its own line, and ``-W`` still fails. Only a
file with nothing to show (a YAML syntax error, an unreadable file) gives the notice."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import build, write_project
from htmltable import read_tables

LEADERBOARD = """\
columns:
  - {key: model, label: Paper}
  - {key: test_other, label: test-other, type: number}
  - {key: venue, label: Venue}
models:
  - {model: Conformer, test_other: 1.9%, venue: Interspeech 2020}
  - model: HuBERT Large
    test_oter: 3.1%
  - {model: wav2vec 2.0, test_other: 'n/a%', venue: {text: NeurIPS, url: 'javascript:x'}}
  - {model: Conformer, test_other: 2.0%}
  - {model: Whisper, test_other: 2.7%, venue: arXiv 2022}
"""


def test_row_and_cell_problems_leave_every_row_on_the_page(tmp_path: Path) -> None:
    page = "Board\n=====\n\n.. vlm-table:: data/board.yaml\n   :index:\n"
    srcdir = write_project(tmp_path / "src", {"data/board.yaml": LEADERBOARD, "p.rst": page})
    done = build(srcdir)
    (table,) = read_tables(done.read("p.html"))
    names = [row[0].text for row in table.body]
    assert names == ["Conformer", "HuBERT Large", "wav2vec 2.0", "Conformer", "Whisper"]
    assert "cannot be shown" not in done.read("p.html")
    # The number that does not parse is shown as written and marked.
    marked = [(row[0].text, row[1].text) for row in table.body
              if "vlm-invalid" in row[1].attrs.get("class", "")]  # fmt: skip
    assert marked == [("wav2vec 2.0", "n/a%")]
    warnings = done.warnings
    assert re.search(r"board.yaml:8:5: WARNING: the model has a value for 'test_oter'|"
                     r"board.yaml:8: WARNING: the model has a value for 'test_oter'",
                     warnings), warnings  # fmt: skip
    assert "did you mean 'test_other'" in warnings
    assert re.search(r"board.yaml:9: WARNING: .*'n/a%'", warnings)
    assert re.search(r"board.yaml:9: WARNING: .*javascript", warnings)
    assert re.search(r"board.yaml:10: WARNING: duplicate model 'Conformer'", warnings)
    # -W fails on the same build.
    failed = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-W", "-b", "html", str(srcdir),
         str(tmp_path / "strict")], capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert failed.returncode != 0
    assert "Traceback" not in failed.stderr


def test_a_file_with_nothing_to_show_gives_the_notice(tmp_path: Path) -> None:
    broken = LEADERBOARD.replace("venue: arXiv 2022}", "venue: [arXiv 2022}")
    page = "Board\n=====\n\n.. vlm-table:: data/board.yaml\n"
    done = build(write_project(tmp_path / "src", {"data/board.yaml": broken, "p.rst": page}))
    assert "cannot be shown; see the build log" in done.read("p.html")
    assert re.search(r"board.yaml:\d+: WARNING: .*invalid YAML", done.warnings)


def test_links_to_a_broken_home_table_name_the_cause(tmp_path: Path) -> None:
    broken = LEADERBOARD.replace("venue: arXiv 2022}", "venue: [arXiv 2022}")
    pages = {
        "data/board.yaml": broken,
        "index.rst": "Board\n=====\n\n.. vlm-table:: data/board.yaml\n   :index:\n\n"
        ".. toctree::\n\n   uses\n",
        "uses.rst": "Uses\n====\n\nSee :vlm:model:`HuBERT Large`.\n",
    }
    done = build(write_project(tmp_path / "src", pages))
    assert re.search(r"uses.rst:4: WARNING: unknown model 'HuBERT Large': no vlm-table with "
                     r":index: shows it; the table at index.rst:4 that may show it has "
                     r"problems: data/board.yaml:\d+", done.warnings), done.warnings  # fmt: skip
