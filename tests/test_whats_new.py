"""What is new (roots/test-overview): rows marked new and updated, and the changelog
between two versions of a data file, from a file or a git revision, in a build and from
``vlmtable diff``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build, copy_root, write_files
from docutils import nodes
from htmltable import read_tables
from test_overview import overview

PYTHON = sys.executable


def test_new_since_marks_rows_in_every_builder(tmp_path: Path) -> None:
    done = overview(tmp_path)
    doctree = done.doctree("index")
    marked = {
        row["ids"][0]: [c for c in row["classes"] if c.startswith("vlm-")]
        for row in doctree.findall(nodes.row)
        if row["ids"]
    }
    assert marked == {
        "model-flamingo": [],
        "model-blip-2": ["vlm-updated"],
        "model-llava-1-5": [],
        "model-qwen-vl": [],
        "model-internvl2": ["vlm-new"],
        "model-qwen2-vl": ["vlm-new"],
    }
    html = done.read("index.html")
    assert re.search(r'<tr class="vlm-new[^"]*" id="model-qwen2-vl">', html)
    assert 'vlm-badge vlm-badge-updated"><span class="vlm-badge-bracket">(</span>updated' in html
    # Newest first in the interactive table: ranks by the latest entry date.
    assert 'data-recency="[0,4,2,1,3,5]"' in html
    text = overview(tmp_path / "text", "text").read("index.txt")
    body = text[text.index("|====") :].split("\n+")  # one block of lines per row
    first_cells = [
        " ".join(line.split("|")[1].strip() for line in row.splitlines() if line.startswith("| "))
        for row in body
    ]
    assert [" ".join(cell.split()) for cell in first_cells if cell.strip()] == [
        "**Flamingo**",
        "**BLIP-2** (updated)",
        "**LLaVA-1.5**",
        "**Qwen-VL**",
        "**InternVL2** (new)",
        "**Qwen2-VL** (new)",
    ]
    tex = overview(tmp_path / "latex", "latex").read("project.tex")
    # The badge's roles print their text: "InternVL2 (new)" (docutils 0.20 joins the
    # classes into one role; later versions nest a role per class).
    plain = re.sub(r"\\DUrole\{[^}]*\}", "", tex).replace("{", "").replace("}", "")
    assert "InternVL2 (new)" in plain
    assert plain.count(" (new)") == 2 and plain.count(" (updated)") == 1


def test_new_since_a_duration_counts_from_source_date_epoch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # 2024-09-30: 30 days back is 2024-08-31; only Qwen2-VL (2024.09) is new since then.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1727654400")
    page = "S\n=\n\n.. vlm-table:: data/survey.yaml\n   :new-since: 30 days\n"
    done = overview(tmp_path, **{"index.rst": page})
    new = [
        row["ids"]
        for row in done.doctree("index").findall(nodes.row)
        if "vlm-new" in row["classes"]
    ]
    assert len(new) == 1
    bad = overview(tmp_path / "bad", **{"index.rst": page.replace("30 days", "soon")})
    assert "index.rst:4: WARNING: vlm-table: :new-since: 'soon' is neither" in bad.warnings


def test_entry_dates_must_be_dates(tmp_path: Path) -> None:
    data = (
        "columns:\n  - {key: model, label: Model}\nmodels:\n"
        "  - {model: A, added: yesterday}\n  - {model: B, updated: 2024-13-01}\n"
    )
    page = "S\n=\n\n.. vlm-table:: data/bad.yaml\n   :new-since: 2024\n"
    done = overview(tmp_path, **{"data/bad.yaml": data, "index.rst": page})
    lines = done.warnings.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{done.srcdir / 'data' / 'bad.yaml'}:4: WARNING: 'added' is")
    assert "(in vlm-table at index.rst:4) [vlmtable.type]" in lines[0]
    assert [[c.text for c in row] for row in read_tables(done.read("index.html"))[0].body] == [
        ["A"],
        ["B"],
    ]


def test_changes_between_two_files_and_a_git_revision(tmp_path: Path) -> None:
    done = overview(tmp_path)
    assert done.warnings == ""
    block = next(
        node
        for node in done.doctree("changes").findall(nodes.container)
        if "vlm-changes" in node["classes"]
    )
    assert [rubric.astext() for rubric in block.findall(nodes.rubric)] == [
        "Changes since data/survey-old.yaml",
        "Added (2)",
        "Updated (1)",
        "Removed (1)",
    ]
    items = [item.astext() for item in block.findall(nodes.list_item)]
    # Grouped by date, newest first; an update says old → new and the difference.
    assert items == ["Qwen2-VL", "InternVL2", "BLIP-2: MMMU 34.4 → 35.4 (+1.0)", "Kosmos-1"]
    dates = [
        p.astext() for p in block.findall(nodes.paragraph) if "vlm-changes-date" in p["classes"]
    ]
    assert dates == ["2024-09", "2024-07-15", "2024-08-01"]
    html = done.read("changes.html")
    assert 'href="index.html#model-internvl2"><strong>InternVL2</strong></a>' in html
    assert "<strong>Kosmos-1</strong>" in html and "#model-kosmos-1" not in html


def git(srcdir: Path, *arguments: str) -> None:
    environment = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(
        ["git", "-C", str(srcdir), *arguments], check=True, capture_output=True, env=environment
    )


def tagged_overview(tmp_path: Path) -> Path:
    """roots/test-overview in a git repository: its old survey tagged v1, then the new."""
    srcdir = copy_root("overview", tmp_path)
    data = srcdir / "data" / "survey.yaml"
    now = data.read_text(encoding="utf-8")
    data.write_text((srcdir / "data" / "survey-old.yaml").read_text(encoding="utf-8"))
    git(srcdir, "init", "-q")
    git(srcdir, "add", "data")
    git(srcdir, "commit", "-q", "-m", "the old survey")
    git(srcdir, "tag", "v1")
    data.write_text(now, encoding="utf-8")
    return srcdir


def test_changes_since_a_git_revision(tmp_path: Path) -> None:
    srcdir = tagged_overview(tmp_path)
    page = (
        "Changes\n=======\n\n.. vlm-changes:: data/survey.yaml\n   :since: git:v1\n\n"
        ".. vlm-changes:: data/survey.yaml\n   :since: git:no-such-tag\n"
    )
    write_files(srcdir, {"changes.rst": page})
    done = build(srcdir)
    warnings = done.warnings.strip().splitlines()
    assert len(warnings) == 1
    assert "changes.rst:7: WARNING: vlm-changes: cannot read :since: git:no-such-tag" in warnings[0]
    texts = [node.astext() for node in done.doctree("changes").findall(nodes.list_item)]
    assert texts == ["Qwen2-VL", "InternVL2", "BLIP-2: MMMU 34.4 → 35.4 (+1.0)", "Kosmos-1"]


def diff(srcdir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``vlmtable diff`` run in the project's folder (git:REV is read from its repository)."""
    command = [PYTHON, "-m", "sphinx_vlmtable", "diff", *arguments]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=srcdir)


def test_vlmtable_diff_from_a_git_revision_and_from_a_file(tmp_path: Path) -> None:
    srcdir = tagged_overview(tmp_path)
    data = str(srcdir / "data" / "survey.yaml")
    markdown = diff(srcdir, "git:v1", data).stdout
    assert markdown == (
        "## Changes since v1\n\n### Added (2)\n\n#### 2024-09\n\n- **Qwen2-VL**\n\n"
        "#### 2024-07-15\n\n- **InternVL2**\n\n### Updated (1)\n\n#### 2024-08-01\n\n"
        "- **BLIP-2**: MMMU 34.4 → 35.4 (+1.0)\n\n### Removed (1)\n\n- **Kosmos-1**\n"
    )
    old = str(srcdir / "data" / "survey-old.yaml")
    assert diff(srcdir, old, data, "--title", "Changes since v1").stdout == markdown
    missing = diff(srcdir, "git:nope", data)
    assert missing.returncode == 2 and "cannot read git:nope" in missing.stderr
    refused = diff(srcdir, "git:--output=/tmp/x", data)
    assert refused.returncode == 2 and "is not a git revision this reads" in refused.stderr


def test_json_exports_keep_the_entry_dates() -> None:
    survey = Path(__file__).parent / "roots" / "test-overview" / "data" / "survey.yaml"
    done = subprocess.run(
        [
            PYTHON,
            "-m",
            "sphinx_vlmtable",
            "export",
            str(survey),
            "--format",
            "json",
            "--columns",
            "model",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    records = json.loads(done.stdout)
    assert records[1] == {"model": "BLIP-2", "added": "2023-02-01", "updated": "2024-08-01"}
    assert records[5] == {"model": "Qwen2-VL", "added": "2024.09"}


def test_an_earlier_version_outside_the_source_directory_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("models:\n  - {model: Secret}\n")
    page = "C\n=\n\n.. vlm-changes:: data/survey.yaml\n   :since: ../../outside.yaml\n"
    done = overview(tmp_path / "site", **{"index.rst": page})
    assert (
        "index.rst:4: WARNING: vlm-changes: :since: ../../outside.yaml is outside the "
        "source directory; set vlmtable_allow_outside_srcdir = True" in done.warnings
    )
    assert "Secret" not in done.read("index.html")
