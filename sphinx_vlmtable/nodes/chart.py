"""The chart node, and the list that stands for a chart where no picture can.

``vlm-chart`` puts a ``figure`` in the page holding one ``vlmtable_chart`` (the points,
as plain data) and its caption. HTML, EPUB and LaTeX draw it at write time
(``output/chart.py``); every other builder, and any build without matplotlib, gets
``chart_list``: the same points in words.
"""

from __future__ import annotations

from docutils import nodes

from sphinx_vlmtable.view.chart import ChartData


class vlmtable_chart(nodes.General, nodes.Element):
    """``node["chart"]``: a ``ChartData``; ``node["identities"]``: what each point links
    to (its model's id or name); ``node["urls"]``: each point's link, set when the page
    is resolved; ``node["alt"]``: the chart in words."""

    #: The picture drawn for the page being written (``svg``, ``png`` or ``pdf``), set
    #: when it is resolved: for its writer only, never part of the doctree's data.
    drawing: bytes = b""
    drawing_format: str = ""


def chart_node(chart: ChartData) -> vlmtable_chart:
    identities = [point.identity for point in chart.points]
    return vlmtable_chart(
        chart=chart,
        identities=identities,
        urls=[None] * len(identities),
        alt=chart.description(),
    )


def chart_list(node: vlmtable_chart) -> nodes.bullet_list:
    """The points as a list: ``LLaVA: Year 2023.04`` (and ``Params 13B``, the group),
    each value as written, linked to the model's row where the chart links."""
    chart: ChartData = node["chart"]
    items = nodes.bullet_list(classes=["vlm-chart-list"])
    items["support_smartquotes"] = False  # shown as written
    order = sorted(range(len(chart.points)), key=lambda i: (chart.points[i].x, i))
    for index in order if chart.shape.time_ordered else range(len(chart.points)):
        point, url = chart.points[index], node["urls"][index]
        name: nodes.Node = nodes.strong(point.name, point.name)
        if url is not None:
            name = nodes.reference("", "", name, internal=True, refuri=url)
        facts = [f"{chart.x_label} {point.x_text}"]
        if chart.y_label is not None and point.y_text is not None:
            facts.append(f"{chart.y_label} {point.y_text}")
        if chart.color_label and point.group is not None:
            facts.append(f"{chart.color_label} {point.group}")
        text = ": " + ", ".join(facts)
        items += nodes.list_item("", nodes.paragraph("", "", name, nodes.Text(text)))
    return items


class vlmtable_model_name(nodes.General, nodes.Inline, nodes.Element):
    """A model's name in bold (``vlm-changes``, ``vlm-compare``): a link to its row
    once the page is resolved, if a table with ``:index:`` is its home; ``node["identity"]``
    is its id or name."""


def model_name(name: str, identity: str) -> vlmtable_model_name:
    return vlmtable_model_name("", nodes.strong(name, name), identity=identity)
