"""``vlmtable import`` with its receipt, on samples written in the shape of real READMEs
(``data/import/kinds/``: a badge-heavy comparison with blank marks and name-only rows,
a leaderboard with date-times, section rows, tables without a name column, an HTML
table with spanning section rows): every row and link kept or listed with why, the
receipt balanced on every table of every sample, read back from the written file."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_vlmtable

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.importer import format_of

IMPORT = Path(__file__).parent / "data" / "import"
KINDS = IMPORT / "kinds"
SAMPLES = sorted(p for p in IMPORT.rglob("*") if p.suffix in (".md", ".html"))


def imported(
    tmp_path: Path, source: Path, *options: str
) -> tuple[int, str, dict[str, Any], dict[str, Any]]:
    """Exit status, standard error, the data file and the receipt of one import."""
    out, receipt = tmp_path / "out.yaml", tmp_path / "receipt.json"
    done = run_vlmtable("import", str(source), "-o", str(out), "--receipt", str(receipt), *options)
    assert load_survey_text(out.read_bytes()).problems == ()  # it always passes check
    return (
        done.returncode,
        done.stderr,
        yaml.safe_load(out.read_text()),
        json.loads(receipt.read_text()),
    )


def table_count(source: Path) -> int:
    found = format_of(str(source))
    assert found is not None
    return len(found.read(source.read_text(encoding="utf-8")).tables)


SAMPLE_TABLES = [
    (source, number) for source in SAMPLES for number in range(1, table_count(source) + 1)
]


@pytest.mark.parametrize(
    ("source", "number"),
    SAMPLE_TABLES,
    ids=[f"{s.relative_to(IMPORT)}:{n}" for s, n in SAMPLE_TABLES],
)
def test_the_receipt_balances_on_every_table_of_every_sample(
    tmp_path: Path, source: Path, number: int
) -> None:
    out, receipt_path = tmp_path / "out.yaml", tmp_path / "receipt.json"
    arguments = ["--table", str(number), "-o", str(out), "--receipt", str(receipt_path)]
    done = run_vlmtable("import", str(source), *arguments)
    assert done.returncode == 0, done.stderr
    receipt = json.loads(receipt_path.read_text())
    assert receipt["balanced"] is True
    (table,) = receipt["imported"]
    source_counts, result, written = table["source"], table["result"], table["written"]
    rows = result["models"] + result["section_rows"] + result["empty_rows"]
    assert (rows, result["rows_left_out"]) == (source_counts["rows"], 0)
    assert sum(result["links"].values()) == source_counts["links"] == len(table["links"])
    assert sum(result["images"].values()) == source_counts["images"] == len(table["images"])
    assert sum(result["cells"].values()) == source_counts["cells"]
    # What the file holds, read back: each kept link where the receipt says it went.
    assert written["models"] == result["models"]
    for fate in ("url", "cell", "links", "markup"):
        assert written[fate] == result["links"][fate]
    for link in table["links"]:
        assert link["went"] in ("url", "cell", "links", "markup", "dropped")
        if link["went"] == "dropped":
            assert link["reason"] and link["row"] and link["column"]
    data = load_survey_text(out.read_bytes()).data
    assert len(data.models) == result["models"]
    assert "in ''" not in done.stderr  # every message names its row and column
    assert "Receipt for" in done.stderr and "balanced: every row and link" in done.stderr


def test_linked_badges_keep_their_links_with_their_words(tmp_path: Path) -> None:
    code, stderr, data, receipt = imported(tmp_path, KINDS / "badges.md")
    assert code == 0, stderr
    models = {m["model"]: m for m in data["models"]}
    assert list(models) == ["anchor-web", "bollard", "capstan", "davit"]  # every row
    assert models["anchor-web"]["repo"] == {  # the badge's alt text
        "text": "anchor-web repo",
        "url": "https://github.com/anchor/anchor-web",
    }
    assert models["bollard"]["repo"]["text"] == "GitHub"  # no alt: the shields label
    assert models["bollard"]["docs"]["text"] == "docs.rs"  # its label= parameter
    assert models["capstan"]["repo"] == {  # neither: where it links
        "text": "github.com/capstan/capstan",
        "url": "https://github.com/capstan/capstan",
    }
    assert models["davit"]["url"] == "https://github.com/davit/davit"
    (table,) = receipt["imported"]
    assert table["result"]["links"] == {"url": 4, "cell": 7, "links": 0, "markup": 0, "dropped": 0}
    assert table["result"]["empty_columns"] == ["Stars", "Contributors"]
    assert "stars" not in json.dumps(data["columns"])
    assert re.search(
        r"badges.md:15: not carried over: 4 image\(s\) without a link in the column 'Stars' "
        r"\('anchor-web', 'bollard', 'capstan', \.\.\.\): a picture is not data",
        stderr,
    )


def test_badges_drop_lists_each_linked_badge_with_its_row_and_column(tmp_path: Path) -> None:
    code, stderr, data, receipt = imported(tmp_path, KINDS / "badges.md", "--badges", "drop")
    assert code == 0 and receipt["balanced"]
    assert all("repo" not in m and "docs" not in m for m in data["models"])
    dropped = [link for link in receipt["imported"][0]["links"] if link["went"] == "dropped"]
    assert len(dropped) == 7 and {link["reason"] for link in dropped} == {
        "a linked badge (--badges drop)"
    }
    assert (
        "badges.md:15: not carried over: the linked badge 'anchor-web repo' "
        "(https://github.com/anchor/anchor-web) in 'anchor-web', column 'Repo': "
        "a linked badge (--badges drop)"
    ) in stderr


def test_rows_whose_only_text_is_their_name_are_models(tmp_path: Path) -> None:
    code, _stderr, data, receipt = imported(tmp_path, KINDS / "badges.md", "--table", "3")
    assert code == 0
    assert [(m["model"], m["docs"]["url"]) for m in data["models"]] == [
        ("hawser", "https://docs.example/hawser/"),
        ("inboard", "https://docs.example/inboard/"),
        ("jetty", "https://docs.example/jetty/"),
    ]
    assert receipt["imported"][0]["result"]["section_rows"] == 0


def test_a_blank_mark_is_not_stated_never_no(tmp_path: Path) -> None:
    _code, _stderr, data, _receipt = imported(tmp_path, KINDS / "badges.md")
    marks = {c["key"] for c in data["columns"] if c.get("type") == "mark"}
    assert marks == {"async", "https", "http_2", "client"}
    bollard = next(m for m in data["models"] if m["model"] == "bollard")
    assert "https" not in bollard  # blank in the source: no value, not "no"
    davit = next(m for m in data["models"] if m["model"] == "davit")
    assert marks.isdisjoint(davit)
    written_no = sum(1 for m in data["models"] for key in marks if m.get(key) == "no")
    assert written_no == 2  # the source's two "no" cells, and nothing more


def test_section_rows_are_the_headings_the_source_marks(tmp_path: Path) -> None:
    code, _stderr, data, receipt = imported(tmp_path, KINDS / "sections.md")
    assert code == 0
    assert [(m["model"], m["section"]) for m in data["models"]] == [
        ("NaiveMean", "Baseline models (local models)"),
        ("NaiveSeasonal", "Baseline models (local models)"),  # a name alone: a model
        ("ExpSmoothing", "Baseline models (local models)"),
        ("TideNet", "Neural models"),
        ("ShoalNet", "Neural models"),
    ]
    sections = [row for row in receipt["imported"][0]["rows"] if row["fate"] == "section"]
    assert [(row["line"], row["text"], row["why"]) for row in sections] == [
        (
            5,
            "Baseline models (local models)",
            "a lone cell of bold text with a link inside over empty cells, unlike the names",
        ),
        (9, "Neural models", "a lone cell of bold text over empty cells, unlike the names"),
    ]
    assert not any("sections" in hint for hint in receipt["suggestions"])  # a note each
    _code, _stderr, plain, _receipt = imported(tmp_path, KINDS / "sections.md", "--no-sections")
    assert [m["model"] for m in plain["models"]][:2] == [
        "Baseline models (local models)",
        "NaiveMean",
    ]
    assert all("section" not in m for m in plain["models"])


def test_a_lone_name_written_as_the_other_names_is_a_model(tmp_path: Path) -> None:
    _code, _stderr, data, receipt = imported(tmp_path, KINDS / "sections.md", "--table", "2")
    assert [m["model"] for m in data["models"]] == ["Amphion", "EmotiVoice", "Fish"]
    assert receipt["imported"][0]["result"]["section_rows"] == 0


def test_a_table_without_a_name_column_is_named_by_what_its_label_says_a_row_is(
    tmp_path: Path,
) -> None:
    code, stderr, data, _receipt = imported(tmp_path, KINDS / "no-name.md")
    assert code == 0
    assert [m["model"] for m in data["models"]][:2] == ["gcc 13 -O3", "rustc 1.80"]
    assert "'Implementation' names the models, its label says what each row is" in stderr
    code, _stderr, packets, _receipt = imported(tmp_path, KINDS / "no-name.md", "--table", "2")
    assert code == 0 and [m["model"] for m in packets["models"]] == ["1", "2"]


def test_a_name_column_with_a_blank_leaves_a_row_out_and_does_not_balance(
    tmp_path: Path,
) -> None:
    code, stderr, data, receipt = imported(tmp_path, KINDS / "no-name.md", "--name", "Language")
    assert code == 1 and receipt["balanced"] is False
    assert len(data["models"]) == 4
    assert "no-name.md:10: not carried over: a row ('4') was left out: no name in the column " in (
        stderr
    )
    assert receipt["imported"][0]["problems"] == ["1 row(s) with content left out"]
    assert "--name Implementation names the 1 row(s) left out" in receipt["suggestions"]
    assert "NOT balanced" in stderr
