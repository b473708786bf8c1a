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
    assert "index.rst" not in built.warnings and "page_md" not in built.warnings
    tex = built.read("project.tex")
    first, second, third = (part.split("\\endgroup")[0] for part in tex.split("\\begingroup")[1:4])
    assert "\\let\\sphinxbooktabscmidrule\\sphinxvlmtableheadrule" in first
    # Each paragraph of a cell starts with its column's alignment (not a command per cell).
    assert "\\protected\\def\\sphinxAtStartPar{\\sphinxvlmtablecellalign" in first
    assert "\\sphinxAtStartPar\n\\raggedright " not in first
    assert "\\sphinxcline{3-5}" in first  # drawn as \cmidrule in this group's header
    # ... in the header only: the body sets the flag that turns them off.
    head = first[first.index("\\noalign{\\global\\sphinxvlmtablebodyfalse}") :]
    assert head.index("\\sphinxcline{3-5}") < head.index("\\sphinxvlmtablebodytrue")
    # A name breaks only at its spaces: no hyphenation, no break at its own hyphens.
    names = r"\\hyphenpenalty=10000\\exhyphenpenalty=10000\\relax "
    assert re.search(names + r"\\sphinxstylestrong\{Qwen2\.5\\sphinxhyphen\{\}VL\}", first)
    assert "\\begin{landscape}" not in first and "\\footnotesize" not in first
    assert "\n\\let\\sphinxbooktabscmidrule" in second and "\\footnotesize" in second
    before_second = tex[: tex.index("\\begingroup", tex.index("\\begingroup") + 1)]
    assert before_second.rstrip().endswith("\\begin{landscape}")
    assert "\\end{landscape}" in tex
    # The MyST page's table: its own font, no landscape page around it.
    assert "\\scriptsize" in third and "\\footnotesize" not in third
    assert re.search(names + r"\\sphinxstylestrong\{HunyuanOCR\}", third)
    assert tex.count("\\begin{landscape}") == 2  # :landscape:, and wide.rst's first
    assert "\\usepackage{sphinxvlmtable}" in tex
    assert (built.outdir / "sphinxvlmtable.sty").read_text().startswith("%% sphinxvlmtable.sty")


def groups(tex: str, page: str) -> list[str]:
    """The LaTeX of each table of a page, from its group's start to its end."""
    part = tex[tex.index(f"\\label{{\\detokenize{{{page}::doc}}}}") :]
    return [piece.split("\\endgroup")[0] for piece in part.split("\\begingroup")[1:]]


@pytest.mark.sphinx("latex", testroot="latex", freshenv=True)
def test_a_wide_table_gets_a_smaller_font_then_a_landscape_page(built: Built) -> None:
    tex = built.read("project.tex")
    auto, as_given, latex_widths, widths = groups(tex, "wide")[:4]
    # 13 columns of long words: no font fits them upright; landscape does.
    assert "\\begin{landscape}" in tex[: tex.index(auto)][-200:]
    assert re.search(r"\\(small|footnotesize|scriptsize)\b", auto)
    # :latex-fit: none keeps the body font and the upright page, and says it will not fit.
    assert not re.search(r"\\(small|footnotesize|scriptsize)\b", as_given)
    assert re.search(
        r"wide.rst:6: WARNING: the table's longest words do not fit the page at "
        r"\\normalsize",
        built.warnings,
    )

    # :latex-widths: and :widths: are shares of the line, in LaTeX.
    def shares(group: str) -> list[float]:
        return [float(s) for s in re.findall(r"\\Y\{(0\.\d+)\}", group)]

    first, second, third = shares(latex_widths)
    assert abs(third - 2 * second) < 0.01 and abs(first - second) < 0.01
    wide, narrow = shares(widths)
    assert abs(wide - 3 * narrow) < 0.01
