"""HTML tables to source tables, read by justhtml (the HTML5 algorithm, in linear time),
walked iteratively with each cell's source line."""

from __future__ import annotations

from typing import Any

from sphinx_vlmtable.data.markdown import MARKDOWN_SPECIAL, markdown_target, markdown_text
from sphinx_vlmtable.importer.badges import badge_text
from sphinx_vlmtable.importer.emoji import with_emoji
from sphinx_vlmtable.importer.source import (
    ImportError_,
    SourceCell,
    SourceImage,
    SourceLink,
    SourcePage,
    SourceTable,
)


class _HtmlTables:
    """Tables (header and body rows, spans, links, bold, images) from HTML, read from the
    events of a walk over an HTML5 parse (see ``_html_events``)."""

    def __init__(self, line_offset: int = 0, emoji: bool = False) -> None:
        self.line_offset = line_offset
        #: GitHub's emoji short codes read as emoji (HTML in a Markdown page), but
        #: inside ``<code>`` and ``<pre>``.
        self.emoji, self.code_depth = emoji, 0
        self.source_line = 1
        self.tables: list[SourceTable] = []
        self.stack: list[SourceTable] = []  # nested tables are read on their own
        self.row: list[SourceCell] | None = None
        self.in_head = False
        self.cell: SourceCell | None = None
        self.parts: list[str] = []
        #: The link being read (inside ``<a>``), and its text so far.
        self.open_link: SourceLink | None = None
        self.link_text: list[str] = []
        #: The cell as Markdown (its links as links), for ``--markup``, and where each
        #: linked badge is in it (to leave them out with ``--badges drop``).
        self.markdown: list[str] = []
        self.badge_spans: list[tuple[int, int]] = []
        self.link_start = 0
        self.bold_depth = 0
        self.bold_text: list[str] = []
        self.markup = False
        self.heading: str | None = None
        self.heading_parts: list[str] | None = None

    @property
    def line(self) -> int:
        return self.source_line + self.line_offset

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        self.code_depth += tag in ("code", "pre")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.cell is None:
            self.heading_parts = []
        elif tag == "table":
            table = SourceTable(self.line, [], [], self.heading)
            self.stack.append(table)
            self.tables.append(table)
        elif not self.stack:
            return
        elif tag in ("thead", "tbody", "tr", "td", "th"):
            self.start_structure(tag, attributes)
        elif self.cell is not None:
            self.start_in_cell(tag, attributes, self.cell)

    def start_structure(self, tag: str, attributes: dict[str, str]) -> None:
        """A table's own tags: its sections, rows and cells."""
        if tag in ("thead", "tbody"):
            self.in_head = tag == "thead"
        elif tag == "tr":
            self.row = []
        elif self.row is not None:
            self.cell = SourceCell(
                "",
                self.line,
                _span(attributes.get("rowspan")),
                _span(attributes.get("colspan")),
                header=tag == "th",
            )
            self.parts, self.link_text, self.bold_text = [], [], []
            self.open_link = None
            self.markdown, self.badge_spans = [], []
            self.markup = False

    def start_in_cell(self, tag: str, attributes: dict[str, str], cell: SourceCell) -> None:
        """Markup inside a cell: what is kept, what is reported, what is text."""
        if tag == "a" and "href" in attributes:
            self.open_link = SourceLink("", attributes["href"])
            self.link_text, self.link_start = [], len(self.markdown)
            self.markdown.append("[")
        elif tag in ("b", "strong"):
            self.bold_depth += 1
        elif tag == "img":
            image = SourceImage(attributes.get("alt", ""), attributes.get("src", ""))
            link = self.open_link
            (link.images if link is not None else cell.images).append(image)
        elif tag == "sup":
            cell.losses.append("a footnote or superscript")
        elif tag in ("em", "i", "code", "del", "s", "sub"):
            self.markup = True
        elif tag == "br":
            self.parts.append(" ")
            self.markdown.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("code", "pre"):
            self.code_depth = max(0, self.code_depth - 1)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.heading_parts is not None:
            self.heading = " ".join("".join(self.heading_parts).split())
            self.heading_parts = None
        elif tag == "table" and self.stack:
            _find_header(self.stack.pop())
        elif tag == "thead":
            self.in_head = False
        elif tag == "tr" and self.row is not None and self.stack:
            table = self.stack[-1]
            (table.head if self.in_head else table.body).append(self.row)
            self.row = None
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.finish_cell()
        elif self.cell is None:
            return
        elif tag == "a" and self.open_link is not None:
            self.end_link(self.cell)
        elif tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)

    def end_link(self, cell: SourceCell) -> None:
        link, self.open_link = self.open_link, None
        if link is None:
            return
        link.text = " ".join("".join(self.link_text).split())
        cell.links.append(link)
        if link.text:
            cell.link = link.url if cell.link is None else cell.link
        else:  # a linked badge: its words (with --markup)
            self.markdown.append(markdown_text(badge_text(link)))
        self.markdown.append(f"]({markdown_target(link.url)})")
        if not link.text:
            self.badge_spans.append((self.link_start, len(self.markdown)))

    def handle_data(self, data: str) -> None:
        if self.emoji and not self.code_depth:
            data = with_emoji(data)
        if self.heading_parts is not None:
            self.heading_parts.append(data)
        if self.cell is None:
            return
        self.parts.append(data)
        self.markdown.append(MARKDOWN_SPECIAL.sub(r"\\\1", data))
        if self.open_link is not None:
            self.link_text.append(data)
        if self.bold_depth:
            self.bold_text.append(data)

    def finish_cell(self) -> None:
        cell, row = self.cell, self.row
        assert cell is not None and row is not None
        if self.open_link is not None:  # an <a> left open: it ends with the cell
            self.end_link(cell)
        text = " ".join("".join(self.parts).split())
        cell.text = text
        link_text = " ".join("".join(self.link_text).split())
        if cell.link is not None and (len(cell.links) > 1 or link_text != text):
            cell.markup, cell.link = "a link inside the text", None  # not the whole cell
        elif cell.links and text and cell.link is None:
            cell.markup = "a link inside the text"  # text beside a linked badge
        cell.source = " ".join("".join(self.markdown).split())
        without = list(self.markdown)
        for start, end in self.badge_spans:
            without[start:end] = [""] * (end - start)
        cell.source_without_badges = " ".join("".join(without).split())
        bold = " ".join("".join(self.bold_text).split())
        # Wholly bold, in one piece or several (``<strong>A</strong><p><strong>B</strong>``).
        cell.bold = bool(text) and "".join(bold.split()) == "".join(text.split())
        cell.starts_bold = bool(bold) and text.startswith(bold.split()[0])
        if bold and not cell.bold:
            cell.markup = "bold inside the text"
        if self.markup:
            cell.markup = "emphasis or code"
        row.append(cell)
        self.cell = None


def _find_header(table: SourceTable) -> None:
    """Without ``<thead>``: the first rows of ``<th>`` are the header, or else a first
    row whose every filled cell is wholly bold (``<td><strong>Params</strong></td>``, an
    empty corner allowed), as GitHub shows it; a lone bold cell is a section row."""
    if table.head or not table.body:
        return
    while table.body and all(cell.header for cell in table.body[0]):
        table.head.append(table.body.pop(0))
    if table.head or len(table.body) < 2:
        return
    filled = [cell for cell in table.body[0] if cell.text]
    if len(filled) >= 2 and all(cell.bold or cell.header for cell in filled):
        table.head.append(table.body.pop(0))


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1000))
    except ValueError:
        return 1


def _parse_html(text: str) -> Any:
    """An HTML5 parse of ``text`` (justhtml: the WHATWG algorithm, in linear time; the
    standard library's html.parser is quadratic on unclosed tags before Python 3.13)."""
    try:
        from justhtml import JustHTML
    except ImportError:
        raise ImportError_(
            "reading HTML needs justhtml, a dependency of sphinx-vlmtable: pip install justhtml"
        ) from None
    return JustHTML(text, track_node_locations=True, sanitize=False).root


def _read_events(root: Any, reader: _HtmlTables) -> None:
    """Walk the parsed tree in document order (with a stack: pages nest deeply) and give
    ``reader`` each element's start and end and each text, with its source line."""
    from justhtml import Element, Text

    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            reader.handle_endtag(node.name)
            continue
        line = node.origin_line
        if line is not None:
            reader.source_line = line
        if isinstance(node, Text):
            reader.handle_data(node.data or "")
            continue
        if isinstance(node, Element):
            reader.handle_starttag(node.name, list(node.attrs.items()))
            stack.append((node, True))
        stack.extend((child, False) for child in reversed(node.children or ()))


def html_tables(text: str, line_offset: int = 0, emoji: bool = False) -> list[SourceTable]:
    """The tables of HTML (``emoji``: in a Markdown page, GitHub's short codes read as
    the emoji a reader sees)."""
    reader = _HtmlTables(line_offset, emoji)
    _read_events(_parse_html(text), reader)
    return reader.tables


def read_html(text: str) -> SourcePage:
    root = _parse_html(text)
    reader = _HtmlTables()
    _read_events(root, reader)
    title = root.query("title")
    shown = " ".join(title[0].to_text().split()) if title else None
    return SourcePage(reader.tables, shown or None)
