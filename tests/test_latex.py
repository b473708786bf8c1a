"""The survey-quality PDF: a rule under each group header, whole model names, a font
size and landscape pages for wide tables. (``make rtd`` compiles the docs' PDF, which
has all of them, and ci/check_pdf.py reads every model name back whole.)"""

from __future__ import annotations

import re
from pathlib import Path

from conftest import build, write_project

DATA = """\
models:
  - {model: Qwen2.5-VL, year: "2025.02", adapter: MLP, llm: "≈ Qwen2.5"}
  - {model: HunyuanOCR, year: "2025.11", adapter: Conv2d + MLP, llm: "≥ Hunyuan"}
"""
PAGE = """\
Survey
======

.. vlm-table:: data/m.yaml

.. vlm-table:: data/m.yaml
   :latex-font: footnotesize
   :landscape:
   :columns: model, year
"""


def latex(tmp_path: Path) -> tuple[Path, str]:
    done = build(write_project(tmp_path / "src", {"data/m.yaml": DATA, "index.rst": PAGE}),
                 "latex")  # fmt: skip
    assert done.warnings == ""
    return done.outdir, done.read("project.tex")


def test_group_rules_whole_names_font_and_landscape(tmp_path: Path) -> None:
    outdir, tex = latex(tmp_path)
    first, second = (part.split("\\endgroup")[0] for part in tex.split("\\begingroup")[1:3])
    assert "\\def\\sphinxbooktabscmidrule{\\sphinxtabledecrementrownum\\cmidrule(lr)}" in first
    assert "\\sphinxcline{3-5}" in first  # drawn as \cmidrule in this group
    assert re.search(r"\\mbox\{\\sphinxstylestrong\{Qwen2\.5\\sphinxhyphen\{\}VL\}\}", first)
    assert "\\begin{landscape}" not in first and "\\footnotesize" not in first
    assert second.startswith("\n\\def\\sphinxbooktabscmidrule") and "\\footnotesize" in second
    before_second = tex[: tex.index("\\begingroup", tex.index("\\begingroup") + 1)]
    assert before_second.rstrip().endswith("\\begin{landscape}")
    assert "\\end{landscape}" in tex
    assert "\\usepackage{sphinxvlmtable}" in tex
    assert (outdir / "sphinxvlmtable.sty").read_text().startswith("%% sphinxvlmtable.sty")
