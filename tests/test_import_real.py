"""``vlmtable import`` on tables as people keep them in READMEs (samples written for these
tests, each of a kind: a library's model table with section rows, links in names,
``<br/>`` and marks; an awesome list of papers under headings, with badges; a
leaderboard named by its Paper column, where one paper reports two systems), then
built; and ``export --format md`` read back by ``import``."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from conftest import Built, build, run_vlmtable, write_project
from htmltable import read_tables

from sphinx_vlmtable.data.model import MODEL_KEY, iter_leaves
from sphinx_vlmtable.data.validate import load_survey_text

REAL = Path(__file__).parent / "data" / "import" / "real"


def imported(tmp_path: Path, source: str, *options: str) -> tuple[int, str, dict]:  # type: ignore[type-arg]
    out = tmp_path / "out.yaml"
    done = run_vlmtable("import", str(REAL / source), "-o", str(out), *options)
    assert load_survey_text(out.read_bytes()).problems == ()  # it always passes check
    assert "<br" not in out.read_text().lower()
    return done.returncode, done.stderr, yaml.safe_load(out.read_text())


def test_a_model_table_with_sections_links_in_names_and_line_breaks(tmp_path: Path) -> None:
    code, stderr, data = imported(tmp_path, "forecasting.md")
    assert code == 0  # links were left out, each listed: the receipt balances
    assert [(m["model"], m["url"], m["section"]) for m in data["models"]] == [
        ("MeanModel", "https://tidecast.example/mean", "Baseline Models (LocalModel)"),
        (
            "FFT (Fast Fourier Transform)",
            "https://tidecast.example/fft",
            "Baseline Models (LocalModel)",
        ),
        ("Theta and FourTheta", "https://tidecast.example/theta", "Baseline Models (LocalModel)"),
        (
            "WrapperModel: wraps any fit/predict regressor",
            "https://tidecast.example/wrap",
            "Baseline Models (LocalModel)",
        ),
        ("DeepNet (paper)", "https://tidecast.example/deep", "Neural Models (global)"),
    ]
    labels = [(c["key"], c["label"]) for c in data["columns"]]
    assert labels[:3] == [
        ("model", "Model"),
        ("section", "Section"),
        (
            "target_series_support_univariate_multivariate",
            "Target Series Support: Univariate/ Multivariate",
        ),
    ]
    # Every link not carried over is on stderr at its line; nothing else is lost.
    lost = re.findall(r"forecasting.md:(\d+): not carried over: (.*)", stderr)
    assert [(line, re.search(r"https://\S+?\)", text).group(0)) for line, text in lost] == [  # type: ignore[union-attr]
        ("19", "https://tidecast.example/local)"),
        ("22", "https://tidecast.example/4theta)"),
        ("25", "https://arxiv.org/abs/1111.0001)"),
    ]
    # Neither the contents (links) nor the glossary (term: definition) became tasks.
    assert "tasks" not in data


def test_with_markup_the_other_links_of_a_name_are_kept(tmp_path: Path) -> None:
    code, stderr, data = imported(tmp_path, "forecasting.md", "--markup", "--section", "Family")
    assert code == 0 and stderr.count("not carried over") == 1  # the section row's link
    links = {m["model"]: m.get("links") for m in data["models"]}
    assert links["Theta and FourTheta"] == "[FourTheta](https://tidecast.example/4theta)"
    assert links["DeepNet (paper)"] == "[paper](https://arxiv.org/abs/1111.0001)"
    assert {"key": "links", "label": "Links", "markup": "myst"} in data["columns"]
    assert data["models"][0]["family"] == "Baseline Models (LocalModel)"


def test_an_awesome_list_imports_every_table_under_its_heading(tmp_path: Path) -> None:
    code, stderr, data = imported(tmp_path, "papers.md", "--all", "--name", "title")
    assert code == 0
    assert [(m["model"], m["url"], m["section"]) for m in data["models"]] == [
        ("A survey of tides", "https://arxiv.org/abs/2001.00001", "Surveys"),
        ("Tides, revisited", "https://arxiv.org/abs/2102.00002", "Surveys"),
        ("Deep tides", "https://arxiv.org/abs/2203.00003", "Methods"),
        ("Shallow tides oral", "https://arxiv.org/abs/2304.00004", "Methods"),
    ]
    assert data["models"][0]["code"] == {"text": "code", "url": "https://github.com/ex/one"}
    # Each badge on its own line, with its source line; the table with another header too.
    assert re.search(
        r"papers.md:7: not carried over: 1 image\(s\) without a link in the column 'Title' "
        r"\('A survey of tides'\): a picture is not data",
        stderr,
    )
    assert re.search(
        r"papers.md:14: not carried over: the linked badge 'Stars' \(https://github.com/ex/two\)"
        r" in 'Deep tides', column 'Title': only a name's first link is the model's url",
        stderr,
    )
    assert re.search(r"papers.md:19: not carried over: table 3 has another header", stderr)
    header_link = (
        r"the link 'Title' \(https://ex.example/how-we-list\) in the header 'Title': "
        r"a column's label is text"
    )
    assert re.search(rf"papers.md:12: not carried over: {header_link}", stderr)
    # A footnote reference cannot live in a cell (in MyST markup it would be the page's).
    assert re.search(r"papers.md:8: not carried over: a footnote reference \[\^1\]", stderr)
    assert data["models"][1]["venue"] == "arXiv 2021"
    _code, _stderr, one = imported(tmp_path, "papers.md")
    assert len(one["models"]) == 2 and "section" not in one["models"][0]


def leaderboard(tmp_path: Path) -> Built:
    code, stderr, _data = imported(tmp_path, "leaderboard.md", "--name", "Paper")
    assert code == 0, stderr
    text = (tmp_path / "out.yaml").read_text()
    text = text.replace(
        "{key: published, label: Published}", "{key: published, label: Published, type: date}"
    )
    page = (
        "Board\n=====\n\n.. vlm-table:: data/board.yaml\n   :index:\n   :sort: published\n\n"
        "The second system: :vlm:model:`sea-conformer-big-models-2`; the paper: "
        ":vlm:model:`Sea-Conformer: big models`.\n"
    )
    return build(write_project(tmp_path / "src", {"data/board.yaml": text, "index.rst": page}))


def test_a_leaderboard_with_repeated_names_builds_every_row(tmp_path: Path) -> None:
    done = leaderboard(tmp_path)
    assert done.warnings == ""
    (table,) = read_tables(done.read("index.html"))
    written = load_survey_text((done.srcdir / "data" / "board.yaml").read_bytes()).data
    paper = [leaf.key for leaf in iter_leaves(written.columns)].index(MODEL_KEY)
    assert [(row[paper].text, row[paper + 1].text) for row in table.body] == [
        ("Older model", "December 2015"),
        ("Gulls: listen and learn", "Sept 2019"),
        ("Reef transformer", "Dec 2019"),
        ("Sea-Conformer: big models", "October 2020"),
        ("Sea-Conformer: big models", "October 2020"),
    ]  # month names sort by value, shown as written
    ids = [attrs["id"] for attrs in table.row_attrs]
    assert ids[-2:] == ["model-sea-conformer-big-models-1", "model-sea-conformer-big-models-2"]
    html = done.read("index.html")
    assert 'href="#model-sea-conformer-big-models-2"' in html  # the id: that row
    assert 'href="#model-sea-conformer-big-models-1"' in html  # the name: its first row


ROUND_TRIP = """\
columns:
  - {key: model, label: Model}
  - label: Scores
    columns:
      - {key: wer, label: WER}
      - {key: cer, label: CER}
  - {key: venue, label: Venue}
  - {key: note, label: Note, markup: myst}
models:
  - model: Sea|Conformer
    url: "https://arxiv.org/abs/2010.00010"
    id: sea-1
    wer: 1.4%
    cer: "*0.5*"
    venue: {text: "Interspeech [2020]", url: "https://interspeech.example/(2020)"}
    note: "see [the code](https://github.com/ex/sea) and **more**"
  - {model: Sea|Conformer, id: sea-2, wer: 1.5%, venue: Interspeech 2020}
  - {model: Gulls, wer: "2", note: plain}
"""


def cells_of(raw: bytes) -> list[tuple[str, str | None, list[tuple[str, str | None]]]]:
    """Each model's name, url, and each leaf's (text, link) in column order."""
    data = load_survey_text(raw).data
    keys = [leaf.key for leaf in iter_leaves(data.columns) if leaf.key != MODEL_KEY]
    return [
        (
            m.name,
            m.links.get(MODEL_KEY),
            [(m.values.get(k or "", ""), m.links.get(k or "")) for k in keys],
        )
        for m in data.models
    ]


def test_export_md_then_import_gives_the_same_names_values_and_links(tmp_path: Path) -> None:
    source = tmp_path / "board.yaml"
    source.write_text(ROUND_TRIP)
    exported = run_vlmtable("export", str(source), "--format", "md")
    assert exported.returncode == 0
    assert "[Interspeech \\[2020\\]](<https://interspeech.example/(2020)>)" in exported.stdout
    assert "| [Sea\\|Conformer](https://arxiv.org/abs/2010.00010) |" in exported.stdout
    readme = tmp_path / "README.md"
    readme.write_text("# Board\n\n" + exported.stdout)
    back = tmp_path / "back.yaml"
    done = run_vlmtable("import", str(readme), "-o", str(back), "--markup")
    assert done.returncode == 0, done.stderr
    assert cells_of(back.read_bytes()) == cells_of(ROUND_TRIP.encode())
    again = run_vlmtable("export", str(back), "--format", "md")
    assert again.stdout.splitlines()[2:] == exported.stdout.splitlines()[2:]


def test_csv_and_json_exports_carry_every_link(tmp_path: Path) -> None:
    source = tmp_path / "board.yaml"
    source.write_text(ROUND_TRIP)
    csv_text = run_vlmtable("export", str(source)).stdout.splitlines()
    assert csv_text[0] == "Model,Model URL,WER,CER,Venue,Venue URL,Note"
    assert csv_text[1].startswith("Sea|Conformer,https://arxiv.org/abs/2010.00010,1.4%,")
    assert "https://interspeech.example/(2020)" in csv_text[1]
    import json

    records = json.loads(run_vlmtable("export", str(source), "--format", "json").stdout)
    assert records[0]["model"] == {
        "text": "Sea|Conformer",
        "url": "https://arxiv.org/abs/2010.00010",
    }
    assert records[0]["id"] == "sea-1" and records[2]["model"] == "Gulls"
    assert records[0]["venue"]["url"] == "https://interspeech.example/(2020)"


def test_columns_of_marks_become_tasks_for_a_matrix(tmp_path: Path) -> None:
    code, stderr, data = imported(tmp_path, "forecasting.md", "--matrix")
    assert code == 0  # the links of the first run are still listed
    assert data["tasks"] == [
        {
            "name": "Target Series Support",
            "key": "target_series_support",
            "subtasks": [
                {"name": "Univariate", "key": "target_series_support_univariate", "bold": False},
                {
                    "name": "Multivariate",
                    "key": "target_series_support_multivariate",
                    "bold": False,
                },
            ],
        },
        {"name": "Probabilistic", "key": "probabilistic"},
    ]
    assert [c["key"] for c in data["columns"]] == ["model", "section", "released"]
    states = {m["model"]: m["tasks"] for m in data["models"]}
    assert states["MeanModel"] == {
        "target_series_support_univariate": "yes",
        "target_series_support_multivariate": "no",
        "probabilistic": "no",
    }
    assert states["Theta and FourTheta"]["probabilistic"] == "partial"
    assert "2 column(s) of marks became tasks" in stderr
    page = "M\n=\n\n.. vlm-matrix:: data/m.yaml\n"
    text = (tmp_path / "out.yaml").read_text()
    done = build(write_project(tmp_path / "src", {"data/m.yaml": text, "index.rst": page}))
    assert done.warnings == ""
    (matrix,) = read_tables(done.read("index.html"))
    assert [c.text for c in matrix.head[0]] == ["Model", "Target Series Support", "Probabilistic"]
    assert [c.text for c in matrix.body[4]] == ["DeepNet (paper)", "yes", "yes", "yes"]


def test_without_matrix_marks_are_a_mark_column_as_written(tmp_path: Path) -> None:
    _code, _stderr, data = imported(tmp_path, "forecasting.md")
    assert "tasks" not in data
    # Two marks in a cell stay text; one mark a cell is a column of type mark.
    assert data["models"][0]["target_series_support_univariate_multivariate"] == "✅ 🔴"
    assert data["models"][0]["probabilistic"] == "🔴"
    probabilistic = next(c for c in data["columns"] if c["key"] == "probabilistic")
    assert probabilistic == {"key": "probabilistic", "label": "Probabilistic", "type": "mark"}
