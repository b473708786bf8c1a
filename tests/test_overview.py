"""The survey at a glance, over time and side by side (roots/test-overview): charts in
every builder, rows marked new, a changelog between two versions, models compared."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Built, build, copy_root
from docutils import nodes

from sphinx_vlmtable.nodes.chart import vlmtable_chart

PYTHON = sys.executable
NAMES = ["Flamingo", "BLIP-2", "LLaVA-1.5", "Qwen-VL", "InternVL2", "Qwen2-VL"]


PAGES = ("charts.rst", "charts_md.md", "changes.rst", "compare.rst", "compare_md.md")


def overview(tmp_path: Path, builder: str = "html", **files: str) -> Built:
    """The root built; a test that gives its own ``index.rst`` gets only its own pages."""
    srcdir = copy_root("overview", tmp_path, files=files)
    if "index.rst" in files:
        for page in PAGES:
            if page not in files:
                (srcdir / page).unlink()
    return build(srcdir, builder)


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg class=\"vlm-chart-svg\".*?</svg>", html, re.S)


def svg_texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", text) for text in re.findall(r"<text\b.*?</text>", svg, re.S)]


def test_timeline_and_scatter_are_svg_with_names_as_text_and_links_to_rows(
    tmp_path: Path,
) -> None:
    done = overview(tmp_path)
    assert done.warnings == ""
    timeline, scatter = svgs(done.read("charts.html"))
    # Every model of the timeline, by name, as text (not paths); its lanes are the labs.
    assert set(NAMES) <= set(svg_texts(timeline))
    assert {"DeepMind", "Alibaba", "Shanghai AI Lab"} <= set(svg_texts(timeline))
    assert 'aria-label="Timeline of 6 models by Released, coloured by Lab."' in timeline
    # Each point, and each name, links to its row of the :index: table.
    for name in NAMES:
        anchor = "model-" + nodes.make_id(name)
        assert timeline.count(f'xlink:href="index.html#{anchor}"') == 2, name
    # The page's text colour, not black: readable in a dark theme.
    assert "currentColor" in timeline and "#010203" not in timeline
    assert "#000000" not in re.sub(r"<text\b.*?</text>", "", timeline)
    # Scatter: Flamingo has no score, so it is left out and the caption counts it.
    assert "Flamingo" not in svg_texts(scatter)
    assert {"BLIP-2", "InternVL2"} <= set(svg_texts(scatter))
    # 9.6B to 1T: a log scale, ticks as sizes are written.
    assert {"10B", "100B", "1T"} <= set(svg_texts(scatter))
    doctree = done.doctree("charts")
    captions = [caption.astext() for caption in doctree.findall(nodes.caption)]
    assert captions == [
        "Timeline of 6 models by Released, coloured by Lab.",
        "Size against MMMU (1 model without a value for Parameters or MMMU left out.)",
    ]
    assert [figure["ids"] for figure in doctree.findall(nodes.figure)] == [
        ["release-timeline"],
        ["size-score"],
    ]
    # The MyST page, with a filter: 2022's Flamingo is not on it.
    (filtered,) = svgs(done.read("charts_md.html"))
    assert "Flamingo" not in svg_texts(filtered) and "Qwen2-VL" in svg_texts(filtered)
    # ids are the chart's own: two charts in a page share none.
    ids = re.findall(r' id="([^"]+)"', timeline + scatter)
    assert len(ids) == len(set(ids)) > 10


def test_a_chart_is_the_same_bytes_for_the_same_input(tmp_path: Path) -> None:
    first = svgs(overview(tmp_path / "a").read("charts.html"))
    second = svgs(overview(tmp_path / "b").read("charts.html"))
    assert first == second
    latex_a = overview(tmp_path / "c", "latex").outdir
    latex_b = overview(tmp_path / "d", "latex").outdir
    pdfs = sorted(path.name for path in latex_a.glob("vlmchart-*.pdf"))
    assert len(pdfs) == 3
    for name in pdfs:
        assert (latex_a / name).read_bytes() == (latex_b / name).read_bytes()


def test_latex_includes_a_pdf_epub_a_png_and_text_builders_a_list(tmp_path: Path) -> None:
    latex = overview(tmp_path / "latex", "latex")
    assert latex.warnings == ""
    tex = latex.read("project.tex")
    included = re.findall(r"\\includegraphics\[[^]]*\]\{(vlmchart-[0-9a-f]+\.pdf)\}", tex)
    assert len(included) == 3
    for name in included:
        assert (latex.outdir / name).read_bytes().startswith(b"%PDF")
    assert "Size against \\sphinxstyleemphasis{MMMU}" in tex
    epub = overview(tmp_path / "epub", "epub")
    page = epub.read("charts.xhtml")
    images = re.findall(
        r'<img class="vlm-chart" src="(_images/vlmchart-[0-9a-f]+\.png)" alt="([^"]+)"', page
    )
    assert [alt for _src, alt in images] == [
        "Timeline of 6 models by Released, coloured by Lab.",
        "Scatter plot of 5 models: MMMU against Parameters.",
    ]
    for source, _alt in images:
        assert (epub.outdir / source).read_bytes().startswith(b"\x89PNG")
        assert source in epub.read("content.opf")
    assert "<svg" not in page
    for builder, name in (
        ("text", "charts.txt"),
        ("man", "project.1"),
        ("texinfo", "project.texi"),
    ):
        done = overview(tmp_path / builder, builder)
        assert done.warnings == ""
        if builder == "text":
            text = done.read(name)
            # In time order, each value as written.
            assert text.index("Flamingo**: Released 2022.04, Lab DeepMind") < text.index(
                "Qwen2-VL**: Released 2024.09, Lab Alibaba"
            )
            assert "**BLIP-2**: Parameters 12.1B, MMMU 35.4" in text
            assert "1 model without a value for Parameters or MMMU left out." in " ".join(
                text.split()
            )
        else:
            shown = "Qwen2\\-VL" if builder == "man" else "Qwen2-VL"
            assert shown in (done.outdir / name).read_text(encoding="utf-8")


def test_names_from_the_data_are_text_in_the_svg_never_markup_or_math(tmp_path: Path) -> None:
    hostile = (
        "columns:\n  - {key: model, label: Model}\n  - {key: year, label: Year, type: date}\n"
        "  - {key: org, label: '$\\alpha$ <b>lab</b>'}\nmodels:\n"
        "  - {model: '<script>alert(1)</script>', year: 2023,\n"
        "     org: '<img src=x onerror=alert(1)>'}\n"
        "  - {model: '$\\frac{1}{0}$', year: 2024, org: 'x\" onload=\"alert(2)'}\n"
        "  - {model: 'fill: #010203 url(#patch_1)', year: 2022, org: a}\n"
    )
    done = overview(
        tmp_path,
        **{
            "data/hostile.yaml": hostile,
            "hostile.rst": "Hostile\n=======\n\n.. vlm-chart:: data/hostile.yaml\n   :x: year\n"
            "   :color: org\n",
            "index.rst": "Survey\n======\n\n.. toctree::\n\n   hostile\n",
        },
    )
    assert done.warnings == ""
    (svg,) = svgs(done.read("hostile.html"))
    assert "<script" not in svg and "<img" not in svg and "<b>" not in svg
    tags = re.findall(r"<[^>]*>", svg)  # text between tags is text, whatever it says
    assert not [tag for tag in tags if "onload" in tag or "onerror" in tag]
    texts = svg_texts(svg)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in texts
    assert "$\\frac{1}{0}$" in texts  # drawn as written, not as mathtext
    assert "fill: #010203 url(#patch_1)" in texts  # tags are rewritten, never text


def test_a_build_without_a_chart_never_imports_matplotlib(tmp_path: Path) -> None:
    srcdir = copy_root(
        "overview",
        tmp_path,
        files={"index.rst": "Survey\n======\n\n.. vlm-table:: data/survey.yaml\n"},
    )
    for page in ("charts.rst", "charts_md.md"):
        (srcdir / page).unlink()
    script = (
        "import sys\nfrom sphinx.cmd.build import build_main\n"
        f"code = build_main(['-q', '-b', 'html', {str(srcdir)!r}, {str(tmp_path / 'out')!r}])\n"
        "print('matplotlib' in sys.modules, code)\n"
    )
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "0"]


def test_without_matplotlib_a_chart_is_a_list_and_a_warning(tmp_path: Path) -> None:
    # A matplotlib that cannot be imported, first on the path.
    blocker = tmp_path / "blocker" / "matplotlib"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('no matplotlib here')\n")
    srcdir = copy_root("overview", tmp_path)
    out = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(blocker.parent)}
    done = subprocess.run(
        [PYTHON, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html", str(srcdir), str(out)],
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )
    assert done.returncode == 1  # -W: the warning fails the build, the pages are written
    warnings = [line for line in done.stderr.splitlines() if "WARNING" in line]
    assert len(warnings) == 3 and all("charts.rst" in w or "charts_md.md" in w for w in warnings)
    assert "pip install 'sphinx-vlmtable[charts]'" in warnings[0]
    assert "[vlmtable.chart]" in warnings[0]
    page = (out / "charts.html").read_text(encoding="utf-8")
    assert "<svg" not in page
    assert re.search(
        r'<a class="reference internal" href="index.html#model-qwen2-vl">'
        r"<strong>Qwen2-VL</strong></a>: Released 2024.09",
        page,
    )


def test_chart_options_that_name_wrong_columns_warn_at_the_directive(tmp_path: Path) -> None:
    page = (
        "Bad\n===\n\n.. vlm-chart:: data/survey.yaml\n   :x: org\n\n"
        ".. vlm-chart:: data/survey.yaml\n   :x: nope\n\n"
        ".. vlm-chart:: data/survey.yaml\n   :x: year\n   :kind: scatter\n\n"
        ".. vlm-chart:: data/survey.yaml\n   :x: year\n   :filter: year > 2030\n"
    )
    done = overview(tmp_path, **{"bad.rst": page, "index.rst": "S\n=\n\n.. toctree::\n\n   bad\n"})
    lines = done.warnings.strip().splitlines()
    assert [line.split(": WARNING: ")[0].rsplit("/", 1)[-1] for line in lines] == [
        "bad.rst:4",
        "bad.rst:7",
        "bad.rst:10",
        "bad.rst:14",
    ]
    assert "the column 'org' is of type 'text'" in lines[0]
    assert "':x: 'nope' is not a column" in lines[1].replace("vlm-chart: ", "'")
    assert "a scatter needs :y:" in lines[2]
    assert "no model shown has a value" in lines[3]
    assert done.read("bad.html").count("cannot be shown; see the build log") == 4


def test_compare_shows_models_as_columns_and_columns_as_grouped_rows(tmp_path: Path) -> None:
    done = overview(tmp_path)
    (table,) = [
        t for t in done.doctree("compare").findall(nodes.table) if "vlm-compare" in t["classes"]
    ]
    head = [entry.astext() for entry in next(table.findall(nodes.thead)).findall(nodes.entry)]
    assert head == ["Model", "Qwen-VL", "Qwen2-VL", "LLaVA-1.5"]
    assert 'target="_blank"' not in "".join(svgs(done.read("charts.html")))
    rows = [
        [entry.astext() for entry in row.findall(nodes.entry)]
        for row in next(table.findall(nodes.tbody)).findall(nodes.row)
    ]
    assert rows == [
        ["Released", "2023.08", "2024.09", "2023.10"],
        ["Architecture"],
        ["Vision Encoder", "ViT-bigG", "ViT-675M", "CLIP ViT-L"],
        ["LLM", "Qwen", "Qwen2", "Vicuna"],
        ["Parameters", "~9.6B", "72B", "13B"],
        ["MMMU", "35.9", "64.5", "36.4"],
        ["Lab", "Alibaba", "Alibaba", "UW-Madison"],
    ]
    group = next(entry for entry in table.findall(nodes.entry) if entry.astext() == "Architecture")
    assert group["morecols"] == 3 and "vlm-compare-group" in group["classes"]
    body_rows = list(next(table.findall(nodes.tbody)).findall(nodes.row))
    assert [("vlm-differs" in row["classes"]) for row in body_rows] == [True, False] + [True] * 5
    html = done.read("compare.html")
    assert 'href="index.html#model-qwen2-vl"><strong>Qwen2-VL</strong></a>' in html
    # Every compared value is a data cell, the first model's under a group too; the
    # labels are the row headers.
    compared = html[html.index('class="vlm-compare') :]
    compared = compared[compared.index("<tbody>") : compared.index("</tbody>")]
    assert compared.count("<th") == 7 and compared.count("<td") == 18
    assert "<td><p>ViT-bigG</p></td>" in compared
    # Two models that share what is compared: only the differing rows are marked.
    md = done.doctree("compare_md")
    (small,) = [t for t in md.findall(nodes.table) if "vlm-compare" in t["classes"]]
    marked = [
        [e.astext() for e in row.findall(nodes.entry)][-3:]
        for row in small.findall(nodes.row)
        if "vlm-differs" in row["classes"]
    ]
    assert marked == [
        ["Released", "2023.01", "2022.04"],
        ["Vision Encoder", "EVA-CLIP", "NFNet"],
        ["LLM", "FlanT5", "Chinchilla"],
    ]
    text = overview(tmp_path / "text", "text").read("compare.txt")
    assert "*Released*" in text and "Rows in italics differ between the models." in text


def test_compare_needs_two_to_four_known_models(tmp_path: Path) -> None:
    page = (
        "Bad\n===\n\n.. vlm-compare:: data/survey.yaml\n   :models: Qwen-VL, QwenVL\n\n"
        ".. vlm-compare:: data/survey.yaml\n   :models: Flamingo, BLIP-2, LLaVA-1.5, Qwen-VL, "
        "Qwen2-VL\n"
    )
    done = overview(tmp_path, **{"bad.rst": page, "index.rst": "S\n=\n\n.. toctree::\n\n   bad\n"})
    lines = done.warnings.strip().splitlines()
    assert (
        "bad.rst:4: WARNING: vlm-compare: no model is named 'QwenVL' (did you mean 'Qwen-VL'?)"
        in lines[0]
    )
    assert "compare 2 to 4 models (1 given and known)" in lines[1]
    assert "compare 2 to 4 models (5 given and known)" in lines[2]
    assert len(lines) == 3


@pytest.mark.parametrize("builder", ["html", "latex", "epub", "text", "man", "texinfo", "xml"])
def test_every_builder_builds_every_overview_page(tmp_path: Path, builder: str) -> None:
    done = overview(tmp_path, builder)
    assert done.warnings == ""
    assert not list(done.doctree("charts").findall(vlmtable_chart)) or builder in (
        "html",
        "latex",
        "epub",
    )


def test_charts_joined_into_one_page_share_no_id(tmp_path: Path) -> None:
    # singlehtml writes every page's charts into one file: their drawings' ids differ.
    page = overview(tmp_path, "singlehtml").read("index.html")
    ids = re.findall(r' id="(vlm-chart-[^"]+)"', page)
    assert len(svgs(page)) == 3 and len(ids) == len(set(ids)) > 30
    assert re.search(r'<a xlink:href="#model-qwen2-vl"', page)  # the row, in the same file


def test_a_readme_leaderboard_in_a_chart_out(tmp_path: Path) -> None:
    """End to end: a README's leaderboard imported, typed, charted; two systems of one
    paper are two points, each linked to its own row (their ids)."""
    source = Path(__file__).parent / "data" / "import" / "real" / "leaderboard.md"
    out = tmp_path / "board.yaml"
    subprocess.run(
        [PYTHON, "-m", "sphinx_vlmtable", "import", str(source), "-o", str(out), "--name", "Paper"],
        check=True,
        capture_output=True,
    )
    text = out.read_text(encoding="utf-8")
    # The import typed the columns from their cells: no hand edit before the chart.
    assert "{key: published, label: Published, type: date}" in text
    assert "{key: wer_test_clean, label: WER (test-clean), type: number}" in text
    page = (
        "Board\n=====\n\n.. vlm-table:: data/board.yaml\n   :index:\n\n"
        ".. vlm-chart:: data/board.yaml\n   :x: published\n   :y: wer_test_clean\n"
    )
    done = overview(tmp_path / "site", **{"data/board.yaml": text, "index.rst": page})
    assert done.warnings == ""
    (svg,) = svgs(done.read("index.html"))
    assert {"Older model", "Gulls: listen and learn", "Reef transformer"} <= set(svg_texts(svg))
    for anchor in ("sea-conformer-big-models-1", "sea-conformer-big-models-2"):
        assert f'xlink:href="#model-{anchor}"' in svg
    assert 'aria-label="Scatter plot of 5 models: WER (test-clean) against Published."' in svg


def test_parallel_builds_draw_the_same_charts(tmp_path: Path) -> None:
    serial = svgs(overview(tmp_path / "serial").read("charts.html"))
    parallel = build(copy_root("overview", tmp_path / "parallel"), parallel=2)
    assert parallel.warnings == ""
    assert svgs(parallel.read("charts.html")) == serial


def test_names_in_any_script_and_extreme_values(tmp_path: Path) -> None:
    # CJK, emoji and right-to-left names; values near the float limits; a log axis
    # asked for where values are negative (a warning, drawn linear).
    data = (
        "columns:\n  - {key: model, label: Model}\n  - {key: a, label: A, type: number}\n"
        "  - {key: b, label: B, type: number}\n  - {key: d, label: D, type: date}\n"
        "  - {key: g, label: G}\nmodels:\n"
        "  - {model: 通义千问-VL, a: 1e299, b: -1e299, d: 2024, g: 中文}\n"
        "  - {model: '🦙 Llama', a: -1e299, b: 1e299, d: 2024.02, g: '😀'}\n"
        "  - {model: עברית, a: 0, b: 0, d: 2023, g: x}\n"
    )
    page = (
        "E\n=\n\n.. vlm-chart:: data/e.yaml\n   :x: a\n   :y: b\n\n"
        ".. vlm-chart:: data/e.yaml\n   :x: d\n   :color: g\n\n"
        ".. vlm-chart:: data/e.yaml\n   :x: a\n   :y: b\n   :log: x\n"
    )
    for builder in ("html", "latex", "epub"):
        done = overview(tmp_path / builder, builder, **{"data/e.yaml": data, "index.rst": page})
        lines = done.warnings.strip().splitlines()
        assert len(lines) == 1 and "index.rst:12: WARNING: vlm-chart: :log: x: the axis" in lines[0]
        if builder == "html":
            charts = svgs(done.read("index.html"))
            assert len(charts) == 3
            assert {"通义千问-VL", "🦙 Llama", "עברית", "中文", "😀"} <= set(svg_texts(charts[1]))
            # Ticks near the float limits as powers of ten, never 1e+299 or 300 digits.
            ticks = svg_texts(charts[0])
            assert any("10²⁹⁹" in tick for tick in ticks), ticks
            assert not any("e+" in tick or len(tick) > 20 for tick in ticks), ticks


def test_links_follow_their_home_in_an_incremental_build(tmp_path: Path) -> None:
    srcdir = copy_root("overview", tmp_path)
    first = build(srcdir)
    assert 'xlink:href="index.html#model-qwen2-vl"' in first.read("charts.html")
    # The home table loses :index:; only index.rst changes, the linking pages follow.
    index = srcdir / "index.rst"
    index.write_text(index.read_text().replace("   :index:\n", ""))
    second = build(srcdir)
    assert "<a xlink:href" not in "".join(svgs(second.read("charts.html")))
    for page in ("changes.html", "compare.html"):
        assert "#model-qwen2-vl" not in second.read(page)
        assert "<strong>Qwen2-VL</strong>" in second.read(page)
