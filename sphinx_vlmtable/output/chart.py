"""Charts at write time: links resolved, then drawn for the builder.

On ``doctree-resolved`` each point gets the link to its model's row (where a table with
``:index:`` is its home). HTML pages get the chart as inline SVG (text as text, the
page's colours, links that work); EPUB a PNG; LaTeX a PDF beside the ``.tex``; every
other builder, and a build without matplotlib, the list of points
(``nodes/chart.py``). matplotlib is imported here only when a chart is drawn.
"""

from __future__ import annotations

import hashlib
import html
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from sphinx_vlmtable.nodes.chart import chart_list, vlmtable_chart, vlmtable_model_name
from sphinx_vlmtable.output.assets import is_web_html
from sphinx_vlmtable.state import first_homes
from sphinx_vlmtable.warnings_ import VlmTableWarning, log_warning

_MISSING = (
    "vlm-chart needs matplotlib to draw the chart (pip install 'sphinx-vlmtable[charts]'); "
    "it is shown as a list of its points"
)


def _row_uri(app: Sphinx, docname: str, home: tuple[str, str, str] | None) -> str | None:
    if home is None:
        return None
    target, anchor, _where = home
    page = app.builder.get_relative_uri(docname, target) if target != docname else ""
    return f"{page}#{anchor}"


def resolve_model_names(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: a model's name links to its row where it has a home."""
    names = list(doctree.findall(vlmtable_model_name))
    homes = first_homes(app.env) if names else {}
    for node in names:
        uri = _row_uri(app, docname, homes.get(node["identity"]))
        if uri is None:
            node.replace_self(node.children)
        else:
            reference = nodes.reference("", "", *node.children, internal=True, refuri=uri)
            node.replace_self(reference)


def resolve_charts(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: each point's link, and the chart drawn for the builder, or
    its list where no picture can be drawn (no matplotlib, a text builder, or a chart
    matplotlib fails on): the list takes the chart's place in the tree, so every writer
    sees an ordinary list."""
    charts = list(doctree.findall(vlmtable_chart))
    if not charts:
        return
    homes = first_homes(app.env)
    file_format = _picture_format(app)
    missing = file_format is not None and not _matplotlib_imports()
    # Numbered per output file (singlehtml joins pages), so no two charts share an id.
    for number, node in enumerate(charts):
        node["urls"] = [_row_uri(app, docname, homes.get(key)) for key in node["identities"]]
        if missing:
            log_warning(VlmTableWarning.CHART, _MISSING, f"{node.source}:{node.line}")
        if file_format is None or missing:
            node.replace_self(chart_list(node))
            continue
        drawing = _drawing(node, file_format, f"vlm-chart-{number}")
        if drawing is None:
            node.replace_self(chart_list(node))
        else:
            node.drawing, node.drawing_format = drawing, file_format


def _picture_format(app: Sphinx) -> str | None:
    """What a chart is drawn as for this builder: SVG in HTML, PNG in EPUB (a picture
    file), PDF in LaTeX; None for builders that show the list."""
    if app.builder.format == "latex":
        return "pdf"
    if app.builder.format == "html":
        return "svg" if is_web_html(app.builder) else "png"
    return None


def _matplotlib_imports() -> bool:
    """Whether matplotlib can be imported (it is, now: only a page with a chart asks)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _drawing(node: vlmtable_chart, file_format: str, prefix: str) -> bytes | None:
    """The chart drawn, or None (with a warning) when matplotlib fails on it."""
    from sphinx_vlmtable.output.chart_render import render_chart

    try:
        return render_chart(node["chart"], node["urls"], file_format, prefix)
    except Exception as error:  # a plotting library's failure must not stop the build
        log_warning(
            VlmTableWarning.CHART,
            f"vlm-chart could not be drawn ({type(error).__name__}: {error}); it is shown "
            "as a list of its points",
            f"{node.source}:{node.line}",
        )
        return None


def _file_name(node: vlmtable_chart, suffix: str) -> str:
    digest = hashlib.sha1(repr((node["chart"], node["urls"])).encode("utf-8")).hexdigest()
    return f"vlmchart-{digest[:16]}.{suffix}"


def visit_chart_html(translator: Any, node: vlmtable_chart) -> None:
    if not node.drawing:  # a builder that never resolved the page: nothing to show
        raise nodes.SkipNode
    alt = html.escape(node["alt"])
    if node.drawing_format == "png":  # EPUB: a picture file
        name = _file_name(node, "png")
        folder = Path(translator.builder.outdir, translator.builder.imagedir)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(node.drawing)
        source = f"{translator.builder.imgpath}/{name}"
        translator.body.append(f'<img class="vlm-chart" src="{html.escape(source)}" alt="{alt}" />')
        raise nodes.SkipNode
    svg = node.drawing.decode("utf-8")
    # Points that link make the drawing a group of links; without them, one picture.
    role = "group" if any(node["urls"]) else "img"
    opening = f'<svg class="vlm-chart-svg" role="{role}" aria-label="{alt}"'
    rest = svg[4:]
    end = rest.index(">") + 1
    drawing = f"{opening}{rest[:end]}<title>{alt}</title>{rest[end:]}"
    translator.body.append(f'<div class="vlm-chart">{drawing}</div>')
    raise nodes.SkipNode


def visit_chart_latex(translator: Any, node: vlmtable_chart) -> None:
    if not node.drawing:
        raise nodes.SkipNode
    name = _file_name(node, "pdf")
    Path(translator.builder.outdir, name).write_bytes(node.drawing)
    translator.body.append(
        "\n\\begin{center}\\includegraphics[width=\\linewidth,height=0.75\\textheight,"
        f"keepaspectratio]{{{name}}}\\end{{center}}\n"
    )
    raise nodes.SkipNode


def _skip(translator: Any, node: vlmtable_chart) -> None:
    raise nodes.SkipNode


#: Visitors for ``app.add_node``: text, man and Texinfo never see the node (it is a
#: list by then), but a builder that skips ``doctree-resolved`` must not fail on it.
CHART_VISITORS = {
    "html": (visit_chart_html, None),
    "latex": (visit_chart_latex, None),
    **{writer: (_skip, None) for writer in ("text", "man", "texinfo")},
}
