"""Every character prints (``roots/test-pdf-chars``): a table holding one character of
every class a survey has (Latin-1, Latin Extended, Greek, the long s, Cyrillic, CJK,
Arabic, Hebrew, emoji with joiners, selectors and skin tones, flags, math, check
marks, box drawing, combining marks, other symbols), as names (with ``:index:``)
and as cells, built to PDF with each LaTeX engine this machine has and read back
with pdftotext: the build succeeds, and each character is there, or with pdflatex
its substitute, named in one warning. The same root's rows page: merged groups of
rows read apart, dates never break inside."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import ROOTS, Built, build, copy_root
from test_pdf_layout import Pdf, read_pdf

from sphinx_vlmtable.data.validate import load_survey_text
from sphinx_vlmtable.output.latex_chars import base_printable, pdflatex_pieces
from sphinx_vlmtable.view.char_names import symbol_name

pytestmark = pytest.mark.pdf

ENGINES = ("pdflatex", "xelatex", "lualatex")
#: What pdftotext adds around right-to-left text, and what no font draws.
_INVISIBLE = dict.fromkeys([0x202A, 0x202B, 0x202C, 0x200D, *range(0xFE00, 0xFE10)])
#: The marks sphinxvlmtable.sty (and Sphinx) print for these with pdflatex (and a
#: heavy check mark, read back as a check mark).
MARKS = {"✅": "✓", "✔": "✓", "❌": "\u00d7", "✗": "\u00d7"}


def samples() -> dict[str, str]:
    """Each row's name and its sample cell, as the data file has them."""
    data = load_survey_text((ROOTS / "test-pdf-chars" / "data" / "chars.yaml").read_bytes()).data
    return {model.name: model.values["sample"] for model in data.models}


def to_pdf(engine: str, tmp_path: Path) -> tuple[Built, Pdf]:
    if shutil.which("latexmk") is None or shutil.which(engine) is None:
        pytest.skip(f"{engine} is not installed (see .ci/run)")
    done = build(copy_root("pdf-chars", tmp_path), "latex", confoverrides={"latex_engine": engine})
    environment = dict(os.environ, LATEXOPTS="-interaction=nonstopmode -halt-on-error")
    made = subprocess.run(
        ["make", "all-pdf"],
        cwd=done.outdir,
        env=environment,
        capture_output=True,
        text=True,
        timeout=900,
    )
    log = (done.outdir / "project.log").read_text(encoding="utf-8", errors="replace")
    assert made.returncode == 0, made.stdout[-3000:]
    assert re.findall(r"^! .*", log, re.M) == []
    return done, read_pdf(done.outdir / "project.pdf")


@pytest.fixture(scope="module", params=ENGINES)
def engine_pdf(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Built, Pdf]:
    engine: str = request.param
    done, read = to_pdf(engine, tmp_path_factory.mktemp(engine))
    return engine, done, read


def normal(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_INVISIBLE)


def test_every_character_or_its_substitute_is_in_the_pdf(
    engine_pdf: tuple[str, Built, Pdf],
) -> None:
    engine, _done, read = engine_pdf
    # The words run together: pdftotext joins what pdflatex sets in math (``∞ →``).
    shown = "".join(normal(word.text) for word in read.words)
    missing = []
    for name, sample in samples().items():
        for written in (name, sample):
            for token in written.split():
                found = (
                    all(word in shown for word in normal(option).split())
                    for option in options(engine, token)
                )
                if not any(found):
                    missing.append((name, token))
    assert missing == []


def options(engine: str, token: str) -> list[str]:
    """What the PDF may show for ``token``: with pdflatex, exactly what it prints of it;
    with XeLaTeX and LuaLaTeX, the token in a font that has it, else its substitute."""
    printed = "".join(piece.shown for piece in pdflatex_pieces(token, base_printable())[0])
    if engine == "pdflatex":
        # A letter pdflatex sets with an accent command reads back as its base and
        # the accent (``ș`` as ``s,``).
        base = "".join(char for char in unicodedata.normalize("NFD", token) if char.isascii())
        return [printed, MARKS.get(token, printed), base or printed]
    # pdftotext's words are in the order they are drawn: right to left ones reversed.
    drawn = [token, token[::-1], MARKS.get(token, token)]
    return [*drawn, printed, symbol_name(token.translate(_INVISIBLE))]


def test_pdflatex_names_what_it_substitutes_in_one_warning(
    engine_pdf: tuple[str, Built, Pdf],
) -> None:
    engine, done, _read = engine_pdf
    ours = [line for line in done.warnings.splitlines() if "[vlmtable." in line]
    if engine != "pdflatex":
        assert ours == []
        return
    (warning,) = ours
    assert warning.startswith(f"{done.srcdir / 'index.rst'}:4: WARNING: pdflatex's fonts")
    # Each once, in the table's order, the first of them by name.
    for substituted in ("'Привет' as 'Privet'", "'通义千问' as '[CJK text]'"):
        assert warning.count(substituted) == 1
    assert warning.endswith("[vlmtable.latex]")


def test_right_to_left_and_cjk_text_reads_in_order(engine_pdf: tuple[str, Built, Pdf]) -> None:
    engine, done, _read = engine_pdf
    text = normal(
        subprocess.run(
            ["pdftotext", str(done.outdir / "project.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    if engine == "pdflatex":
        assert "[Arabic text]" in text and "[Japanese text]" in text
        return
    for written in ("مرحبا بالعالم", "שלום עולם", "通义千问 中文", "日本語のテキスト", "한국어"):
        assert written in text, written


@pytest.fixture(scope="module")
def pdflatex_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Built, Pdf]:
    return to_pdf("pdflatex", tmp_path_factory.mktemp("rows"))


def test_dates_and_short_codes_never_break_inside(pdflatex_pdf: tuple[Built, Pdf]) -> None:
    _done, read = pdflatex_pdf
    shown = [word.text for word in read.words]
    for whole in ("2026-07-08", "2025-11-30", "2022-12-24", "GPT-4o-mini", "ViT-L/14"):
        assert whole in shown, whole
    assert not [word for word in shown if re.fullmatch(r"20\d\d-(\d\d-)?", word)]


def test_a_rule_between_merged_groups(pdflatex_pdf: tuple[Built, Pdf]) -> None:
    done, read = pdflatex_pdf
    tex = done.read("project.tex")
    # One rule per table between North's and South's rows, none inside a group.
    assert tex.count("\\sphinxvlmtablegrouprule{1-") == 2
    # The narrow table (the last): its one-line rows, top to bottom.
    tops = {
        word.text: word.y0
        for word in read.words
        if word.text in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon")
    }
    inside = tops["Beta"] - tops["Alpha"]
    assert tops["Gamma"] - tops["Beta"] == pytest.approx(inside, abs=0.5)
    assert tops["Epsilon"] - tops["Delta"] == pytest.approx(inside, abs=0.5)
    assert tops["Delta"] - tops["Gamma"] > inside + 2  # the rule and its space
