"""Real-sized tables (``roots/test-pdf``: 55 models with long notes and 10 columns, a
10-task matrix, a 26-row leaderboard with a markup Paper column) built to PDF with no
width or font option, then read back from pdftotext's word boxes: no word past the
page's text block, no two words over each other, every model's name whole, every row
there. Needs TeX and poppler: ``make pdf-layout`` (CI runs it)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOTS, Built, build, copy_root

from sphinx_vlmtable.data.validate import load_survey_text

pytestmark = pytest.mark.pdf


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass(frozen=True)
class Pdf:
    words: list[Word]
    #: Each page's (width, height), in points, as its words are placed.
    pages: list[tuple[float, float]]
    #: The pages turned to landscape.
    turned: set[int]


_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.DOTALL)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
    r"(.*?)</word>"
)


def read_pdf(path: Path) -> Pdf:
    html = subprocess.run(
        ["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "100000", str(path)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    turned = {
        int(n) - 1
        for n, rot in re.findall(r"^Page\s+(\d+) rot:\s+(\d+)", info, re.M)
        if rot in ("90", "270")
    }
    words, pages = [], []
    for number, page in enumerate(_PAGE.finditer(html)):
        width, height = float(page.group(1)), float(page.group(2))
        # A landscape page (pdflscape turns it): its words are in the turned page's frame.
        pages.append((height, width) if number in turned else (width, height))
        for match in _WORD.finditer(page.group(3)):
            x0, y0, x1, y1 = (float(match.group(i)) for i in range(1, 5))
            words.append(Word(number, x0, y0, x1, y1, unescape(match.group(5))))
    return Pdf(words, pages, turned)


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Pdf]:
    if shutil.which("latexmk") is None or shutil.which("pdftotext") is None:
        pytest.fail("the PDF tests need TeX (latexmk) and poppler (pdftotext): see .ci/run")
    done = build(copy_root("pdf", tmp_path_factory.mktemp("pdf")), "latex")
    assert done.warnings == ""
    subprocess.run(
        ["latexmk", "-pdf", "-interaction=nonstopmode", "-halt-on-error", "-quiet", "project.tex"],
        cwd=done.outdir,
        capture_output=True,
        check=True,
        timeout=600,
    )
    return done, read_pdf(done.outdir / "project.pdf")


def test_no_word_runs_past_the_text_block(pdf: tuple[Built, Pdf]) -> None:
    _done, read = pdf
    # Sphinx's margins are 1in; the running head and foot stay inside them too.
    # On a landscape page the running head and foot stay upright: they run down the
    # sides, in strips no table word reaches without crossing the margin first.
    outside = []
    for word in read.words:
        width = read.pages[word.page][0]
        if word.x0 >= 70 and word.x1 <= width - 70:
            continue
        if word.page in read.turned and (word.x1 <= 60 or word.x0 >= width - 60):
            continue
        outside.append(word)
    assert outside == []


def test_no_two_words_print_over_each_other(pdf: tuple[Built, Pdf]) -> None:
    _done, read = pdf
    overlaps = []
    by_page: dict[int, list[Word]] = {}
    for word in read.words:
        by_page.setdefault(word.page, []).append(word)
    for words in by_page.values():
        words.sort(key=lambda w: w.x0)
        for index, word in enumerate(words):  # a sweep: only words that start before its end
            for other in words[index + 1 :]:
                if other.x0 >= word.x1 - 0.5:
                    break
                vertical = min(word.y1, other.y1) - max(word.y0, other.y0)
                horizontal = min(word.x1, other.x1) - max(word.x0, other.x0)
                if vertical > 1.0 and horizontal > 0.5:
                    overlaps.append((word.text, other.text, word.page))
    assert overlaps == []


def names(data_file: str) -> list[str]:
    data = load_survey_text((ROOTS / "test-pdf" / "data" / data_file).read_bytes()).data
    return [model.name for model in data.models]


@pytest.mark.parametrize("data_file", ["models.yaml", "matrix.yaml"])
def test_every_models_name_is_there_whole(pdf: tuple[Built, Pdf], data_file: str) -> None:
    _done, read = pdf
    shown = {word.text for word in read.words}
    # A name may wrap at its spaces, never inside a word: each word of it is a word.
    missing = [name for name in names(data_file) if not set(name.split()) <= shown]
    assert missing == []


def test_every_row_of_the_leaderboard_is_there(pdf: tuple[Built, Pdf]) -> None:
    _done, read = pdf
    raw = (ROOTS / "test-pdf" / "data" / "board.yaml").read_text()
    scores = re.findall(r'clean: "([\d.]+%)"', raw)
    assert len(scores) == 26
    shown = [word.text for word in read.words]
    assert [score for score in scores if score not in shown] == []
    # The longtable repeats its header on the next page.
    assert sum(1 for word in read.words if word.text == "Published") >= 2


@pytest.mark.parametrize(
    ("data_file", "labels"),
    [("models.yaml", {"Family", "Released", "Notes"}), ("board.yaml", {"Paper", "Published"})],
)
def test_a_long_tables_header_is_on_every_page_it_runs_over(
    pdf: tuple[Built, Pdf], data_file: str, labels: set[str]
) -> None:
    _done, read = pdf
    if data_file == "board.yaml":
        raw = (ROOTS / "test-pdf" / "data" / data_file).read_text()
        rows = set(re.findall(r'clean: "([\d.]+%)"', raw))
    else:
        # One-word names no other table of the page shows.
        rows = {name for name in names(data_file) if " " not in name and "+" not in name}
        rows -= set(names("matrix.yaml"))
    pages = sorted({word.page for word in read.words if word.text in rows})
    assert len(pages) >= 2  # it runs over pages
    for page in pages:
        shown = {word.text for word in read.words if word.page == page}
        assert labels <= shown, page


def test_wide_tables_turn_the_page_and_long_ones_break_across_pages(
    pdf: tuple[Built, Pdf],
) -> None:
    done, read = pdf
    tex = done.read("project.tex")
    assert tex.count("\\begin{landscape}") == 2  # the 10-column table and the matrix
    assert tex.count("\\begin{longtable}") == 3
    assert len(read.pages) > 10
