"""The survey-quality PDF: a rule under each group header, whole model names, a font
size and landscape pages for wide tables (``roots/test-latex``: the same file from reST
and MyST). ``make rtd`` compiles the docs' PDF, which has all of them, and
ci/check_pdf.py reads every model name back whole."""

from __future__ import annotations

import re

import pytest
from conftest import Built


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_group_rules_whole_names_font_and_landscape(built: Built) -> None:
    assert built.warnings == ""
    tex = built.read("project.tex")
    first, second, third = (part.split("\\endgroup")[0] for part in tex.split("\\begingroup")[1:4])
    assert "\\def\\sphinxbooktabscmidrule{\\sphinxtabledecrementrownum\\cmidrule(lr)}" in first
    assert "\\sphinxcline{3-5}" in first  # drawn as \cmidrule in this group
    assert re.search(r"\\mbox\{\\sphinxstylestrong\{Qwen2\.5\\sphinxhyphen\{\}VL\}\}", first)
    assert "\\begin{landscape}" not in first and "\\footnotesize" not in first
    assert second.startswith("\n\\def\\sphinxbooktabscmidrule") and "\\footnotesize" in second
    before_second = tex[: tex.index("\\begingroup", tex.index("\\begingroup") + 1)]
    assert before_second.rstrip().endswith("\\begin{landscape}")
    assert "\\end{landscape}" in tex
    # The MyST page's table: its own font, no landscape page around it.
    assert "\\scriptsize" in third and "\\footnotesize" not in third
    assert re.search(r"\\mbox\{\\sphinxstylestrong\{HunyuanOCR\}\}", third)
    assert tex.count("\\begin{landscape}") == 1
    assert "\\usepackage{sphinxvlmtable}" in tex
    assert (built.outdir / "sphinxvlmtable.sty").read_text().startswith("%% sphinxvlmtable.sty")
