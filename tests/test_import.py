"""``vlmtable import``: existing Markdown and HTML surveys to data files that rebuild
the same tables (the seed post among them), with losses reported by line."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BASE_CONF, DATA, build, run_vlmtable
from htmltable import Item, read_list, read_tables

from sphinx_vlmtable.cli import main as vlmtable_main
from sphinx_vlmtable.data.validate import load_survey_text

SEED = json.loads((DATA / "seed-facts.json").read_text(encoding="utf-8"))
SOURCES = DATA / "import"


def _items(entries: list[dict[str, Any]]) -> list[Item]:
    return [Item(e["text"], e["bold"], _items(e.get("children", []))) for e in entries]


def test_the_seed_post_imports_and_rebuilds_the_seed_page(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    srcdir.mkdir()
    (srcdir / "conf.py").write_text(BASE_CONF)
    result = run_vlmtable(
        "import",
        str(DATA / "seed-post.md"),
        "-o",
        str(srcdir / "data" / "vlms.yaml"),
        "--page",
        str(srcdir / "index.md"),
    )
    assert result.returncode == 0, result.stderr
    assert "not carried over" not in result.stderr  # 8 rows, 8 models, nothing dropped
    assert "rows        8 -> 8 models, 0 section rows, 0 empty, 0 left out" in result.stderr
    data = (srcdir / "data" / "vlms.yaml").read_text()
    assert data.startswith("# Imported by `vlmtable import` from seed-post.md (table 1).")
    assert "columns:" not in data  # the seed's layout is the default one
    assert '    year: "2022.01"' in data  # quoted: YAML would read the number 2022.01
    assert load_survey_text(data.encode()).problems == ()
    done = build(srcdir)
    assert done.warnings == ""
    html = done.read("index.html")
    assert f"<h1>{SEED['title']}" in html
    assert re.findall(r"<h2>(.+?)<a", html) == SEED["sections"]
    assert read_list(html, "vlm-tasks") == _items(SEED["tasks"])
    (table,) = read_tables(html)
    shape = [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.head]
    assert shape == [[(c["text"], c["rowspan"], c["colspan"]) for c in row] for row in SEED["head"]]
    assert [[c.text for c in row] for row in table.body] == [
        [c["text"] for c in row] for row in SEED["body"]
    ]


def test_an_html_table_with_grouped_header_and_body_rowspans(tmp_path: Path) -> None:
    out = tmp_path / "survey.yaml"
    result = run_vlmtable("import", str(SOURCES / "grouped.html"), "-o", str(out))
    assert result.returncode == 0  # the image is listed: the receipt balances
    assert re.search(
        r"grouped.html:12: not carried over: 1 image\(s\) without a link in the column "
        r"'Params' \('Qwen2.5'\): a picture is not data",
        result.stderr,
    )
    assert re.search(
        r"grouped.html:6: note: the column 'URL' would have the reserved key 'url'", result.stderr
    )
    data = yaml.safe_load(out.read_text())
    assert load_survey_text(out.read_bytes()).problems == ()
    number = {"type": "number", "missing": ["-", "n/a"]}  # 65B, 2k and n/a: numbers
    assert data["columns"] == [
        {"key": "family", "label": "Family"},
        {"key": "model", "label": "Model"},
        {
            "label": "Size",
            "columns": [
                {"key": "params", "label": "Params", **number},
                {"key": "context", "label": "Context", **number},
            ],
        },
        {"key": "url_column", "label": "URL"},
    ]
    models = {m["model"]: m for m in data["models"]}
    assert [m["model"] for m in data["models"]] == ["LLaMA", "Llama 2", "Llama 3", "Qwen2.5"]
    assert {m["family"] for m in data["models"][:3]} == {"LLaMA"}  # the rowspan, expanded
    assert models["LLaMA"]["url"] == "https://llama.example/1"  # the name's link; bold dropped
    assert models["Llama 3"]["params"] == models["Llama 3"]["context"] == "n/a"  # colspan
    assert models["Llama 3"]["url_column"] == {"text": "site", "url": "https://llama.example/3"}
    text = out.read_text()
    # What YAML would change is quoted, so it reads back as written.
    for written in ('"yes"', '"no"', '"2023.10"'):
        assert written in text


def test_the_html_import_rebuilds_the_same_table(tmp_path: Path) -> None:
    srcdir = tmp_path / "src"
    run_vlmtable(
        "import",
        str(SOURCES / "grouped.html"),
        "-o",
        str(srcdir / "d.yaml"),
        "--page",
        str(srcdir / "index.md"),
    )
    (srcdir / "conf.py").write_text(BASE_CONF)
    done = build(srcdir)
    assert done.warnings == ""
    page = done.read("index.html")
    assert "<h1>LLM survey" in page and "<h2>Models by family" in page
    (table,) = read_tables(page)
    assert [[(c.text, c.rowspan, c.colspan) for c in row] for row in table.head] == [
        [("Family", 2, 1), ("Model", 2, 1), ("Size", 1, 2), ("URL", 2, 1)],
        [("Params", 1, 1), ("Context", 1, 1)],
    ]
    assert [[c.text for c in row] for row in table.body] == [
        ["LLaMA", "LLaMA", "65B", "2k", "yes"],
        ["LLaMA", "Llama 2", "70B", "4k", "no"],
        ["LLaMA", "Llama 3", "n/a", "n/a", "site"],
        ["Qwen", "Qwen2.5", "72B", "128k", "2023.10"],
    ]


def test_a_markdown_page_with_front_matter_pipe_tables_links_and_bold(tmp_path: Path) -> None:
    out = tmp_path / "d.yaml"
    result = run_vlmtable("import", str(SOURCES / "pipes.md"), "-o", str(out))
    assert result.returncode == 0
    assert re.search(r"pipes.md:19: not carried over: 1 image\(s\) without a link", result.stderr)
    assert "no column is labelled" not in result.stderr  # "Name" names the rows
    assert re.search(
        r"pipes.md:17: note: emphasis or code in 'LLaVA', column 'Note' is kept as text",
        result.stderr,
    )
    data = yaml.safe_load(out.read_text())
    assert [c["key"] for c in data["columns"]] == ["model", "year", "paper", "note"]
    llava, blip, qwen = data["models"]
    assert llava["url"] == "https://llava.example/" and llava["model"] == "LLaVA"
    assert llava["paper"] == {"text": "arXiv", "url": "https://arxiv.org/abs/2304.08485"}
    assert (llava["year"], blip["year"], blip["paper"], qwen["year"], qwen["paper"]) == (
        "2023.10",
        "no",
        "-",
        "1e3",
        "null",
    )
    assert data["tasks"] == [
        {
            "name": "Captioning",
            "description": "describe an image",
            "subtasks": [{"name": "Dense captioning", "bold": False}],
        },
        {"name": "Grounding", "bold": False},
    ]


def test_list_table_choice_stdin_and_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = run_vlmtable("import", "--list", str(SOURCES / "pipes.md"))
    assert listed.stdout.splitlines() == [
        "1: line 15: Name | Year | Paper | Note",
        "2: line 21: Second | Table",
    ]
    second = run_vlmtable(
        "import", "--table", "2", "--from", "md", "-", stdin=(SOURCES / "pipes.md").read_text()
    )
    assert second.returncode == 0
    assert yaml.safe_load(second.stdout)["models"] == [{"model": "a", "table": "b"}]
    assert run_vlmtable("import", "--table", "3", str(SOURCES / "pipes.md")).returncode == 2
    assert run_vlmtable("import", str(tmp_path / "x.txt")).returncode == 2  # format unknown
    assert vlmtable_main(["import", "--markup", str(SOURCES / "pipes.md")]) == 0
    out = capsys.readouterr().out
    assert "- {key: note, label: Note, markup: myst}" in out
    assert 'note: "uses *emphasis*"' in out


def test_tasks_come_only_from_a_heading_that_names_them_or_from_tasks(tmp_path: Path) -> None:
    page = (
        "# T\n\n- [Install](#install)\n- [Usage](#usage)\n\n"  # navigation
        "## Glossary\n\n- WER: word error rate\n- CER: character error rate\n\n"
        "## The tasks\n\n- **A**: first\n  - B\n\n"
        "## Capabilities (nav)\n\n- [x](#x)\n\n| Model |\n|---|\n| M |\n"
    )
    source = tmp_path / "p.md"
    source.write_text(page)
    found = yaml.safe_load(run_vlmtable("import", str(source)).stdout)
    assert found["tasks"] == [
        {"name": "A", "description": "first", "subtasks": [{"name": "B", "bold": False}]}
    ]
    glossary = yaml.safe_load(run_vlmtable("import", "--tasks", "Glossary", str(source)).stdout)
    assert [task["name"] for task in glossary["tasks"]] == ["WER", "CER"]
    source.write_text(page.replace("## The tasks\n\n- **A**: first\n  - B\n\n", ""))
    assert "tasks" not in yaml.safe_load(run_vlmtable("import", str(source)).stdout)


def test_the_docs_example_is_what_the_importer_writes_today(tmp_path: Path) -> None:
    """docs/examples/imported/ is the committed result of the how-to's command."""
    docs = DATA.parent.parent / "docs" / "examples"
    result = run_vlmtable(
        "import",
        str(docs / "seed-post.md"),
        "-o",
        str(tmp_path / "vlms.yaml"),
        "--page",
        str(tmp_path / "summary.md"),
    )
    assert result.returncode == 0
    for name in ("vlms.yaml", "summary.md"):
        assert (tmp_path / name).read_text() == (docs / "imported" / name).read_text(), name


@pytest.mark.parametrize(
    "source",
    ["<table></table>", "<table><tr><th>Model</th></tr></table>", "<p>no table</p>"],
)
def test_nothing_to_import_is_exit_2_with_a_message(tmp_path: Path, source: str) -> None:
    path = tmp_path / "page.html"
    path.write_text(source)
    result = run_vlmtable("import", str(path))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("vlmtable import: ") and "Traceback" not in result.stderr
