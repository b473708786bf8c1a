"""What ``vlmtable import`` decides on its own, on samples in the shape of real READMEs
(``data/import/kinds/``): which bullet list is the task list (and for which table),
which column names the rows, which row is the header, how emoji shortcodes and marks
read; each decision said in a note with its true reason, and in the receipt."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import run_vlmtable
from test_import_receipt import KINDS
from test_import_receipt import imported as import_with_receipt


def imported(
    tmp_path: Path, source: str, *options: str
) -> tuple[int, str, dict[str, Any], dict[str, Any]]:
    """The receipt tests' import (status, standard error, data file, receipt) of a sample."""
    return import_with_receipt(tmp_path, KINDS / source, *options)


def test_a_legend_or_prompt_list_is_never_the_task_list(tmp_path: Path) -> None:
    """A list under "Capability specifics" after a table (its legend) and one under
    "... Tasks" after paragraphs (prompt examples) are prose: no table takes them."""
    for number in (1, 2, 3):
        code, stderr, data, receipt = imported(
            tmp_path, "tasks-elsewhere.md", "--table", str(number)
        )
        assert code == 0, stderr
        assert "tasks" not in data
        assert receipt["tasks"] is None
        assert "became the data file's tasks" not in stderr


def test_a_list_chosen_with_tasks_has_its_links_in_the_receipt(tmp_path: Path) -> None:
    code, stderr, data, receipt = imported(
        tmp_path, "tasks-elsewhere.md", "--tasks", "Capability specifics"
    )
    assert code == 0, stderr
    assert [task["name"] for task in data["tasks"]][:2] == [
        "Processor - CPU/CUDA/ROCm (single/multi used for inference)",
        "Phonetic alphabet - None/IPA/ARPAbet (controls pronunciation)",
    ]
    tasks = receipt["tasks"]
    assert (tasks["heading"], tasks["items"], tasks["why"]) == (
        "Capability specifics",
        3,
        "--tasks chose it",
    )
    assert tasks["source"]["links"] == 3
    assert [(link["text"], link["went"]) for link in tasks["links"]] == [
        ("IPA", "dropped"),
        ("ARPAbet", "dropped"),
        ("vendor docs", "dropped"),
    ]
    # Each dropped link, and the inline HTML, is said at its line.
    assert "md:22: not carried over: the link 'IPA' (https://en.wikipedia.org/wiki/IPA)" in stderr
    assert "md:23: not carried over: the link 'vendor docs'" in stderr
    assert "md:22: not carried over: inline HTML '<other>' in the task" in stderr
    assert "note: the bullet list under 'Capability specifics' became the data file's tasks" in (
        stderr
    )
    assert "links       3 -> 3 dropped" in stderr


def test_the_task_list_belongs_to_the_table_it_introduces(tmp_path: Path) -> None:
    """A list first under "Tasks" is the task list of the next table, not of every
    table of the page; it is in that table's receipt with its items and links."""
    code, stderr, data, receipt = imported(tmp_path, "tasks-first.md")
    assert code == 0, stderr
    assert [task["name"] for task in data["tasks"]] == ["Captioning", "Grounding"]
    assert data["tasks"][0]["subtasks"] == [
        {
            "name": "Dense captioning",
            "description": "one caption per region (DenseCap)",
            "bold": False,
        }
    ]
    tasks = receipt["tasks"]
    assert (tasks["line"], tasks["items"], tasks["result"]["links"]["dropped"]) == (5, 3, 1)
    assert "md:5: note: the bullet list under 'Tasks' became the data file's tasks (3 item(s)" in (
        stderr
    )
    assert "not carried over: the link 'DenseCap' (https://densecap.example/)" in stderr
    code, stderr, data, receipt = imported(tmp_path, "tasks-first.md", "--table", "2")
    assert code == 0, stderr
    assert "tasks" not in data and receipt["tasks"] is None
    # --all takes the list when its table is among those imported.
    code, stderr, data, receipt = imported(tmp_path, "tasks-first.md", "--all")
    assert "tasks" in data and receipt["tasks"]["items"] == 3


def test_the_name_column_is_the_first_column_of_text(tmp_path: Path) -> None:
    """Durations and sizes (``17063ms``, ``2m23s``, ``4708MB``) are values, never names,
    however many distinct ones a column has; the note says the true reason."""
    code, stderr, data, _receipt = imported(tmp_path, "benchmark-times.md")
    assert code == 0, stderr
    assert [m["model"] for m in data["models"]] == [
        "bulk load",
        "individual writes",
        "batch writes",
        "random reads",
    ]
    assert (
        "md:5: note: no column is labelled 'Model' or 'Name': 'Column 1' names the models, "
        "the first column that holds mostly text (see --name)"
    ) in stderr
    code, stderr, data, _receipt = imported(tmp_path, "benchmark-times.md", "--table", "2")
    assert [m["model"] for m in data["models"]] == ["whisper fp16", "whisper.cpp", "faster batch"]
    assert (
        "'Run' names the models, the first column that holds mostly text (the ones before it "
        "hold numbers, dates, durations or marks)"
    ) in stderr
    code, stderr, data, _receipt = imported(tmp_path, "benchmark-times.md", "--table", "3")
    assert [m["model"] for m in data["models"]] == ["1", "4"]
    assert "'Threads' names the models, the first column (no column holds mostly text)" in stderr


def test_a_column_labelled_with_what_a_row_is_names_the_rows(tmp_path: Path) -> None:
    """Implementation, Library, Paper, ... name the rows when nothing says Model or Name,
    before a column of text further left."""
    code, stderr, data, _receipt = imported(tmp_path, "no-name.md")
    assert code == 0, stderr
    assert [m["model"] for m in data["models"]][:2] == ["gcc 13 -O3", "rustc 1.80"]
    assert (
        "'Implementation' names the models, its label says what each row is (see --name)"
    ) in stderr


def test_a_first_row_of_bold_cells_is_the_header(tmp_path: Path) -> None:
    """A model card's ``<table>`` without ``<th>``: its first row of wholly bold cells
    (an empty corner, a label in two bold pieces) is the header, as GitHub shows it."""
    listed = run_vlmtable("import", "--list", str(KINDS / "model-card.md"))
    assert listed.stdout.splitlines() == [
        "1: line 5:  | Training Data | Params | Context length | Knowledge cutoff",
        "2: line 46:  | Training Time (GPU hours) | Training Emissions (tons CO2eq)",
        "3: line 85: ",
        "4: line 100: ",
    ]
    code, stderr, data, receipt = imported(tmp_path, "model-card.md")
    assert code == 0, stderr
    assert [c["label"] for c in data["columns"]][1:3] == ["Training Data", "Params"]
    assert [m["params"] for m in data["models"]] == ["7B", "30B", "180B"]
    assert receipt["imported"][0]["source"]["rows"] == 3  # the header is not a row
    _code, _stderr, totals, _receipt = imported(tmp_path, "model-card.md", "--table", "2")
    assert [m["model"] for m in totals["models"]] == ["Tern 2 7B", "Tern 2 180B", "Total"]


def test_all_merges_only_tables_with_the_same_header(tmp_path: Path) -> None:
    """``--all`` takes every table with the chosen table's header: none when it has no
    header, so two unrelated headerless tables are never one file."""
    code, stderr, data, receipt = imported(tmp_path, "model-card.md", "--all")
    assert code == 0, stderr
    assert receipt["tables"]["imported"] == [1]
    assert len(data["models"]) == 3
    code, stderr, data, receipt = imported(tmp_path, "model-card.md", "--table", "3", "--all")
    assert code == 0, stderr
    assert receipt["tables"]["imported"] == [3]
    assert [m["model"] for m in data["models"]] == ["Intended use", "Out of scope"]
    assert (
        "md:100: not carried over: table 4 has no header in common (table 3 has none for "
        "--all to match); import it with --table 4"
    ) in stderr


def test_an_unbalanced_receipt_says_so_without_contradiction(tmp_path: Path) -> None:
    code, stderr, _data, receipt = imported(tmp_path, "no-name.md", "--name", "Language")
    assert code == 1 and receipt["balanced"] is False
    assert "NOT balanced: not every row and link is accounted for (see the problems above)" in (
        stderr
    )
    assert "NOT balanced: every row" not in stderr


def test_emoji_short_codes_are_read_as_the_emoji_a_reader_sees(tmp_path: Path) -> None:
    """An awesome list's ``:heavy_check_mark:`` and ``:x:`` columns hold ✔️ and ❌ (and
    are marks), its platform icons their emoji; code and unknown codes stay as written."""
    code, stderr, data, _receipt = imported(tmp_path, "shortcodes.md", "--table", "2")
    assert code == 0, stderr
    assert [(c["key"], c.get("type")) for c in data["columns"]][1:4] == [
        ("open_source", "mark"),
        ("license", None),
        ("active", "mark"),
    ]
    assert [(m["open_source"], m["active"], m["platform"]) for m in data["models"]] == [
        ("\u274c", "\u274c", "\U0001f4bb"),
        ("\u2714\ufe0f", "\u2714\ufe0f", "\U0001f4bb \U0001f427"),
        ("\u2714\ufe0f", "\u2714\ufe0f", ":octocat: :x: code"),
    ]
    _code, _stderr, markup, _receipt = imported(
        tmp_path, "shortcodes.md", "--table", "2", "--markup"
    )
    assert markup["models"][2]["platform"] == ":octocat: `:x: code`"
    _code, _stderr, legend, _receipt = imported(tmp_path, "shortcodes.md")
    assert [m["icon"] for m in legend["models"]] == ["\u2714\ufe0f", "\u2796", "\u274c"]
    # In an HTML table of a Markdown page too, but inside <code>.
    _code, _stderr, hashes, _receipt = imported(tmp_path, "shortcodes.md", "--table", "3")
    assert [(m["security"], m["note"]) for m in hashes["models"]] == [
        ("\U0001f49a", ":x: stays"),
        ("\U0001f494", "at 12:30:45 :zzz_unknown:"),
    ]


def test_the_documented_short_codes_are_the_ones_read() -> None:
    from sphinx_vlmtable.importer.emoji import SHORTCODES

    page = (Path(__file__).parent.parent / "docs" / "howto" / "import.md").read_text("utf-8")
    listed = page.split("**Emoji short codes.**")[1].split("Any other")[0]
    assert sorted(re.findall(r"`:([^`:]+):`", listed)[2:]) == sorted(SHORTCODES)


def test_a_warning_sign_is_a_partial_mark(tmp_path: Path) -> None:
    """✅/❌/⚠️ columns (⚠️ for "needs other work", with or without its variation
    selector, and a heavy minus sign) are one kind of column: all marks, all tasks with --matrix."""
    code, stderr, data, _receipt = imported(tmp_path, "caveats.md")
    assert code == 0, stderr
    assert [c.get("type") for c in data["columns"][1:] if c["key"] != "section"] == ["mark"] * 5
    code, stderr, matrix, _receipt = imported(tmp_path, "caveats.md", "--matrix")
    assert code == 0, stderr
    assert [task["name"] for task in matrix["tasks"]] == [
        "Native",
        "Tempo",
        "when-fns",
        "tickjs",
        "Epoch",
    ]
    states = {m["model"]: m["tasks"] for m in matrix["models"]}
    assert states["Weeks in Year"]["tickjs"] == "partial"  # ⚠ without U+FE0F
    assert states["String + Format + locale"]["tempo"] == "partial"
    assert states["Time zones"]["native"] == "partial"  # a heavy minus sign


def test_a_warning_sign_reads_partial_and_prints_in_pdflatex() -> None:
    from sphinx_vlmtable.cli.scaffold import LatexSetup
    from sphinx_vlmtable.data.marks import mark_state
    from sphinx_vlmtable.data.values import parse_mark
    from sphinx_vlmtable.output.latex_chars import base_printable

    for mark in ("\u26a0\ufe0f", "\u26a0", ":warning:", "\u2796", ":heavy_minus_sign:"):
        assert mark_state(mark) == "partial", mark
    assert parse_mark("\u26a0\ufe0f") == parse_mark("\U0001f7e1")
    # The style file gives pdflatex a glyph for it: no empty box in an init project.
    assert {0x26A0, 0x2796, 0x1F7E0} <= base_printable()
    assert LatexSetup.of(["\u26a0\ufe0f \u2796 \U0001f7e0"], ["A"]).missing == ()
    style = Path(__file__).parent.parent / "sphinx_vlmtable" / "texinputs" / "sphinxvlmtable.sty"
    for point in ("26A0", "2796", "1F7E0"):
        assert f"\\DeclareUnicodeCharacter{{{point}}}" in style.read_text()


def test_a_relative_link_is_dropped_as_not_a_web_link(tmp_path: Path) -> None:
    """A crate's cell that is one relative link around code (``[`ascon-hash256`]``
    with ``./ascon-hash256``) is dropped as not an http(s) link, wherever it is; a web
    link around code is kept as a link cell."""
    code, stderr, data, receipt = imported(tmp_path, "crates.md")
    assert code == 0, stderr
    assert "inside the text" not in stderr
    dropped = [
        (link["url"], link["reason"])
        for link in receipt["imported"][0]["links"]
        if link["went"] == "dropped" and link["column"] == "Crate"
    ]
    assert dropped == [
        ("./ascon-hash256", "not an http(s) link"),
        ("./belt-hash", "not an http(s) link"),
        ("./md5", "not an http(s) link"),
    ]
    assert (
        "md:7: not carried over: the link 'ascon\u2011hash256' (./ascon-hash256) in "
        "'Ascon-Hash256', column 'Crate': not an http(s) link"
    ) in stderr
    crates = {m["model"]: m["crate"] for m in data["models"]}
    assert crates["BLAKE3"] == {"text": "blake3", "url": "https://github.com/BLAKE3-team/BLAKE3"}
    assert crates["MD5"] == "md5 and friends"
    assert "md:9: note: emphasis or code in 'BLAKE3', column 'Crate' is kept as text" in stderr


def test_labels_in_other_scripts_keep_their_letters_in_keys_and_messages(
    tmp_path: Path,
) -> None:
    """Persian labels with a zero-width non-joiner, Chinese, German and Russian labels:
    keys in the label's own letters (Latin without accents, Cyrillic transliterated),
    never ``column``, ``column_2``; messages show the real characters."""
    code, stderr, data, _receipt = imported(tmp_path, "scripts.md")
    assert code == 0, stderr
    assert [c["key"] for c in data["columns"]] == [
        "model",
        "\u06a9\u0634\u0648\u0631\u0647\u0627",
        "\u0648\u0627\u06cc\u0631\u06af\u0627\u0631\u062f",
        "\u067e\u0631\u062f\u0627\u062e\u062a\u0647\u0627\u06cc_\u0646\u0627\u0634\u0646\u0627\u0633",
    ]
    assert (
        "'\u0627\u0631\u0627\u0626\u0647\u200c\u062f\u0647\u0646\u062f\u0647' names the models"
        in (stderr)
    )
    assert "\\u200c" not in stderr
    code, stderr, data, _receipt = imported(tmp_path, "scripts.md", "--table", "2")
    assert code == 0, stderr
    assert [c["key"] for c in data["columns"]] == [
        "model",
        "\u7248\u672c\u683c\u5f0f_\u53ef\u7528\u7684\u5b57\u6bb5\u6709_raw_major_minor_patch",
        "gro\u00dfe",
        "obekt_poiska",
    ]
    # --name takes a label or its key, in any script.
    code, _stderr, named, _receipt = imported(
        tmp_path, "scripts.md", "--table", "2", "--name", "obekt_poiska"
    )
    assert code == 0 and [m["model"] for m in named["models"]] == [
        "\u0444\u0430\u0439\u043b",
        "\u043f\u0430\u043f\u043a\u0430",
    ]


def test_keys_and_quotes_of_any_text() -> None:
    from sphinx_vlmtable.importer.words import label_key, said

    assert label_key("D\u00e9tection / Visual Grounding") == "detection_visual_grounding"
    assert label_key("\u2605") == label_key("") == "column"
    assert (
        label_key("\u0939\u093f\u0928\u094d\u0926\u0940") == "\u0939\u093f\u0928\u094d\u0926\u0940"
    )
    assert said("a\u200cb") == "'a\u200cb'"
    assert said("O'Brien") == repr("O'Brien")
    assert said("x\x1by\\") == repr("x\x1by\\")
    assert said("both ' and \"") == repr("both ' and \"")


def test_a_column_of_text_with_blanks_does_not_name_the_rows(tmp_path: Path) -> None:
    """A category written once for its group (blank below it) is not the name column:
    the first column of text filled in every row is, and the note says why."""
    code, stderr, data, _receipt = imported(tmp_path, "categories.md")
    assert code == 0, stderr
    assert [m["model"] for m in data["models"]][:3] == ["seq", "stats", "subseq"]
    assert (
        "'Command' names the models, the first column that holds mostly text in the most "
        "rows (a column of text before it has blanks)"
    ) in stderr
