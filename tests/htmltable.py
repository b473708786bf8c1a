"""Read tables and lists back out of written HTML, to compare them cell by cell."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    bold: bool = False
    attrs: dict[str, str] = field(default_factory=dict)
    #: The ``href`` of each link in the cell, in order.
    links: list[str] = field(default_factory=list)


@dataclass
class Table:
    head: list[list[Cell]] = field(default_factory=list)
    body: list[list[Cell]] = field(default_factory=list)
    attrs: dict[str, str] = field(default_factory=dict)
    row_attrs: list[dict[str, str]] = field(default_factory=list)


class _TableParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables: list[Table] = []
        self.section = "body"
        self.cell: Cell | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "table":
            self.tables.append(Table(attrs=values))
        elif not self.tables:
            return
        elif tag == "thead":
            self.section = "head"
        elif tag == "tbody":
            self.section = "body"
        elif tag == "tr":
            rows = self.tables[-1].head if self.section == "head" else self.tables[-1].body
            rows.append([])
            if self.section == "body":
                self.tables[-1].row_attrs.append(values)
        elif tag in ("td", "th"):
            self.cell = Cell(
                "",
                int(values.get("rowspan", 1)),
                int(values.get("colspan", 1)),
                header=tag == "th",
                attrs=values,
            )
        elif tag in ("strong", "b") and self.cell is not None:
            self.cell.bold = True
        elif tag == "a" and self.cell is not None and "href" in values:
            self.cell.links.append(values["href"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.cell.text = " ".join(self.cell.text.split())
            table = self.tables[-1]
            (table.head if self.section == "head" else table.body)[-1].append(self.cell)
            self.cell = None
        elif tag == "thead":
            self.section = "body"

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.text += data


def read_tables(html: str) -> list[Table]:
    parser = _TableParser()
    parser.feed(html)
    return parser.tables


@dataclass
class Item:
    text: str
    bold: str
    children: list[Item] = field(default_factory=list)


class _ListParser(HTMLParser):
    """Reads the first <ul> with the given class (or the first <ul> at all)."""

    def __init__(self, css_class: str | None) -> None:
        super().__init__()
        self.css_class = css_class
        self.stack: list[list[Item]] = []
        self.items: list[Item] = []
        self.current: list[Item] = []
        self.in_bold = False
        self.done = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.done:
            return
        classes = (dict(attrs).get("class") or "").split()
        if tag == "ul" and (self.stack or self.css_class is None or self.css_class in classes):
            self.stack.append([])
        elif not self.stack:
            return
        elif tag == "li":
            item = Item("", "")
            self.stack[-1].append(item)
            self.current.append(item)
        elif tag in ("strong", "b"):
            self.in_bold = True

    def handle_endtag(self, tag: str) -> None:
        if self.done or not self.stack:
            return
        if tag == "ul":
            finished = self.stack.pop()
            if self.current:
                self.current[-1].children = finished
            else:
                self.items = finished
                self.done = True
        elif tag == "li":
            item = self.current.pop()
            item.text = " ".join(item.text.split())
        elif tag in ("strong", "b"):
            self.in_bold = False

    def handle_data(self, data: str) -> None:
        if self.current and not self.done:
            item = self.current[-1]
            if item.children:
                return  # text after a nested list belongs to no item
            item.text += data
            if self.in_bold:
                item.bold += data


def read_list(html: str, css_class: str | None = None) -> list[Item]:
    parser = _ListParser(css_class)
    parser.feed(html)
    return parser.items
