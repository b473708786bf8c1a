"""``vlmtable import`` on hostile and careless sources: bounded input, spans clamped to the
table, ragged rows, deep front matter, malformed HTML in linear time, titles that stay
text in ``--page``, and exit status 0 only with a file that passes ``vlmtable check``.

Time limits are generous bounds against hangs (the quadratic cases took minutes), not
speed assertions."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import yaml
from conftest import BASE_CONF, build, run_vlmtable
from htmltable import read_tables
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.importer.emoji import markdown_with_emoji

HEADER = "<table><tr><th>Model</th><th>Year</th></tr>\n"


def imported(tmp_path: Path, name: str, source: str, *options: str) -> tuple[int, str, Path]:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    out = tmp_path / "out.yaml"
    result = run_vlmtable("import", str(path), "-o", str(out), *options)
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1, 2)
    if result.returncode == 0:
        assert load_survey_text(out.read_bytes()).problems == ()
    return result.returncode, result.stderr, out


def test_deep_front_matter_is_no_title_not_a_traceback(tmp_path: Path) -> None:
    front = "---\ntitle: " + "[" * 500 + "]" * 500 + "\n---\n"
    code, _stderr, out = imported(tmp_path, "a.md", front + "| Model |\n|---|\n| A |\n")
    assert code == 0 and "model: A" in out.read_text()
    toml = "+++\ntitle = " + "[" * 5000 + "]" * 5000 + "\n+++\n"
    assert imported(tmp_path, "b.md", toml + "| Model |\n|---|\n| A |\n")[0] == 0


def test_a_body_row_wider_than_the_header_keeps_its_cells(tmp_path: Path) -> None:
    source = HEADER + "<tr><td>A</td><td>2023</td><td>extra</td><td>more</td></tr></table>"
    code, stderr, out = imported(tmp_path, "wide.html", source)
    assert code == 0, stderr
    text = out.read_text()
    assert "column_3: extra" in text and "column_4: more" in text


@pytest.mark.parametrize("span", ["colspan", "rowspan"])
def test_spans_are_clamped_to_the_table(tmp_path: Path, span: str) -> None:
    cells = "".join(f'<td {span}="1000">x{number}</td>' for number in range(40))
    source = HEADER + f"<tr><td>A</td>{cells}</tr>" * 20 + "</table>"
    started = time.monotonic()
    code, _stderr, out = imported(tmp_path, "spans.html", source)
    assert time.monotonic() - started < 30
    assert code in (0, 1)
    assert len(out.read_text()) < 200_000  # 40 columns, not 40,000


def test_a_source_larger_than_the_cap_is_not_read(tmp_path: Path) -> None:
    code, stderr, out = imported(
        tmp_path, "big.md", "| Model |\n|---|\n" + "| A |\n" * 1000, "--max-file-size", "1000"
    )
    assert code == 2 and "more than" in stderr and "(--max-file-size)" in stderr
    assert not out.exists()
    result = run_vlmtable("import", "-", "--from", "md", "--max-file-size", "100", stdin="x" * 500)
    assert result.returncode == 2 and "standard input is more than 100 bytes" in result.stderr


@pytest.mark.parametrize("unit", ["<a b='", "<td x=", "<a ", "<!--", "</", "<![CDATA["])
def test_malformed_html_is_read_in_linear_time(tmp_path: Path, unit: str) -> None:
    source = HEADER + "<tr><td>A</td><td>" + unit * 40_000
    started = time.monotonic()
    imported(tmp_path, "bad.html", source)
    assert time.monotonic() - started < 30  # html.parser: over 100 s


@pytest.mark.parametrize(
    ("cell", "expected"),
    # HTML5 reads &#0; as U+FFFD, and a cell's U+2028 is white space: both may stay.
    [("a&#0;b", 0), ("a&#27;b", 1), ("a\x1bb", 1), ("x\ufffey", 1), ("l\u2028m", 0)],
)
def test_what_no_data_file_may_hold_is_left_out_and_reported(
    tmp_path: Path, cell: str, expected: int
) -> None:
    code, stderr, out = imported(tmp_path, "c.html", HEADER + f"<tr><td>{cell}</td><td>1</td></tr>")
    # Listed with its line: the receipt balances (the row and its text are there).
    assert code == 0 and ("were left out" in stderr) == bool(expected), stderr
    assert load_survey_text(out.read_bytes()).problems == ()


def test_an_empty_header_cell_gets_a_label(tmp_path: Path) -> None:
    source = "<table><tr><th>Model</th><th></th></tr><tr><td>A</td><td>1</td></tr></table>"
    code, stderr, out = imported(tmp_path, "e.html", source)
    assert code == 0 and "an empty header cell is labelled 'Column 2'" in stderr
    assert "column_2: '1'" in out.read_text() or 'column_2: "1"' in out.read_text()


def test_repeated_names_get_ids_so_the_file_passes_check(tmp_path: Path) -> None:
    source = "| Model | Year |\n|---|---|\n| A | 1 |\n| A | 2 |\n| A-1 | 3 |\n"
    code, stderr, out = imported(tmp_path, "dup.md", source)
    assert code == 0 and "(vlmtable check)" not in stderr, stderr
    data = yaml.safe_load(out.read_text())
    assert [(m["model"], m.get("id")) for m in data["models"]] == [
        ("A", "a-1"),
        ("A", "a-2"),
        ("A-1", None),
    ]  # "a-1" is not a name, so no row's id is another row's name


@pytest.mark.parametrize(
    "title",
    [
        "```{include} ../../secret.txt\n```",
        "{include}`x` <script>alert(1)</script> [x](javascript:alert(1)) {{ 7*7 }}",
        "Survey #\n\n```{raw} html\n<script>alert(2)</script>\n```",
    ],
)
def test_page_titles_stay_text(tmp_path: Path, title: str) -> None:
    (tmp_path / "secret.txt").write_text("the build machine's secret")
    srcdir = tmp_path / "deep" / "src"
    srcdir.mkdir(parents=True)
    (srcdir / "conf.py").write_text(BASE_CONF + "myst_enable_extensions = ['substitution']\n")
    source = tmp_path / "s.md"
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    source.write_text(f'---\ntitle: "{quoted}"\n---\n\n| Model |\n|---|\n| A |\n')
    result = run_vlmtable(
        "import", str(source), "-o", str(srcdir / "data.yaml"), "--page", str(srcdir / "index.md")
    )
    assert result.returncode == 0, result.stderr
    page = (srcdir / "index.md").read_text()
    assert len(page.split("\n", 1)[0]) > 2 and page.count("```") == 2  # one line, one block
    done = build(srcdir)
    html = done.read("index.html")
    assert "machine's secret" not in html and "<script>alert" not in html
    assert 'href="javascript' not in html
    assert ">49<" not in html
    (table,) = read_tables(html)
    assert [row[0].text for row in table.body] == ["A"]


CELL = st.text(st.characters(codec="utf-8"), max_size=8)


@st.composite
def html_table(draw: st.DrawFn) -> str:
    rows = draw(st.lists(st.lists(CELL, max_size=5), max_size=6))
    parts = ["<table>"]
    for index, row in enumerate(rows):
        parts.append("<tr>")
        tag = "th" if index == 0 else "td"
        for text in row:
            span = draw(st.sampled_from(["", ' colspan="3"', ' rowspan="9"', ' colspan="x"']))
            parts.append(f"<{tag}{span}>{text}</{tag}>")
        if draw(st.booleans()):
            parts.append("</tr>")
    return "".join(parts)


@pytest.mark.slow
@settings(
    derandomize=True,
    deadline=None,
    database=None,
    max_examples=60,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(source=html_table(), markdown=st.booleans())
def test_random_sources_import_cleanly(tmp_path: Path, source: str, markdown: bool) -> None:
    # In Markdown, the same table as an HTML block, after a pipe table of the same cells.
    name = "r.md" if markdown else "r.html"
    imported(tmp_path, name, source)


@pytest.mark.parametrize(
    "cell",
    ["[![a" * 5000, "[![a](b" * 5000, "<a x" + "y" * 40_000 + ">z</a>", "<br>" * 5000 + "x"],
)
def test_badges_and_inline_html_are_read_in_linear_time(tmp_path: Path, cell: str) -> None:
    source = "| Model | Badges |\n|---|---|\n| A | " + cell + " |\n"
    started = time.monotonic()
    code, _stderr, _out = imported(tmp_path, "b.md", source, "--markup")
    assert time.monotonic() - started < 30 and code in (0, 1)


@pytest.mark.parametrize("backticks", ["`" * 1_000_000, "` :x: ``" * 100_000])
def test_short_codes_beside_many_backticks_are_read_in_linear_time(
    tmp_path: Path, backticks: str
) -> None:
    # Code spans keep their short codes: found by pairing runs of backticks in one pass
    # (a backtracking pattern took minutes on a million backticks).
    source = "| Model | Notes |\n|---|---|\n| A | :x: |\n\n" + backticks + "\n"
    started = time.monotonic()
    code, stderr, out = imported(tmp_path, "ticks.md", source)
    assert time.monotonic() - started < 30
    assert code == 0 and "\u274c" in out.read_text(encoding="utf-8"), stderr


def test_code_spans_keep_their_short_codes() -> None:
    text = "a :x: `:x:` b ``:x:` `` c :x: ```unclosed :x:"
    assert markdown_with_emoji(text) == "a \u274c `:x:` b ``:x:` `` c \u274c ```unclosed \u274c"


def test_a_wide_table_is_typed_and_checked_in_linear_time(tmp_path: Path) -> None:
    header = "| Model | " + " | ".join(f"C{i}" for i in range(300)) + " |\n"
    rule = "|---" * 301 + "|\n"
    rows = "".join(f"| m{r} | " + " | ".join(["1.5k"] * 300) + " |\n" for r in range(300))
    started = time.monotonic()
    code, stderr, out = imported(tmp_path, "wide.md", header + rule + rows)
    assert time.monotonic() - started < 60
    assert code == 0 and "type: number" in out.read_text(), stderr
