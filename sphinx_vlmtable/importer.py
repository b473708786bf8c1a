"""``vlmtable import``: an existing Markdown or HTML survey table to a data file.

No Sphinx here. Markdown is read with markdown-it-py (MyST-Parser's own parser, so it
reads GFM pipe tables as MyST does); HTML, and HTML tables inside a Markdown page, with
the standard library's ``html.parser``. What the importer cannot carry over from a
cell (an image, a footnote) is reported with its source line; text is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .schema import DEFAULT_COLUMNS, MODEL_KEY, RESERVED_MODEL_KEYS, Column, snake_case
from .yamlsource import BAD_CHARACTER


@dataclass
class SourceCell:
    """One cell of a source table, as read."""

    text: str
    line: int
    rowspan: int = 1
    colspan: int = 1
    #: Where the whole cell links to, if it is one link.
    link: str | None = None
    #: Whether the whole cell is bold.
    bold: bool = False
    #: Markup the plain text does not carry (emphasis, code, a partial link).
    markup: str | None = None
    #: What could not be carried over (an image, a footnote), for the report.
    losses: list[str] = field(default_factory=list)
    #: A header cell (``<th>``), for tables without ``<thead>``.
    header: bool = False
    #: The cell's Markdown source, kept for ``--markup``.
    source: str | None = None


@dataclass
class SourceTable:
    line: int
    head: list[list[SourceCell]]
    body: list[list[SourceCell]]
    #: The heading above the table in its page, if any.
    heading: str | None = None

    def header_texts(self) -> list[str]:
        return [cell.text for row in self.head for cell in row]


@dataclass
class SourceTask:
    name: str
    description: str | None
    bold: bool
    line: int
    subtasks: list[SourceTask] = field(default_factory=list)


@dataclass
class SourcePage:
    """What the importer found in a page."""

    tables: list[SourceTable]
    title: str | None = None
    tasks: list[SourceTask] = field(default_factory=list)
    tasks_heading: str | None = None


@dataclass
class ImportResult:
    yaml_text: str
    #: ``(line, message)`` for what could not be carried over: the exit status is 1.
    losses: list[tuple[int, str]]
    #: ``(line, message)`` for what was changed on the way (a renamed key): informative.
    notes: list[tuple[int, str]]
    table: SourceTable
    page: SourcePage


class ImportError_(ValueError):
    """The source cannot be imported at all (no table, a table number out of range)."""


# -- front matter ------------------------------------------------------------------


def split_front_matter(text: str) -> tuple[str | None, str]:
    """The page's title from its front matter (YAML ``---`` or Hugo's TOML ``+++``), and
    the text with the front matter blanked (so line numbers stay the file's)."""
    match = re.match(r"\A(---|\+\+\+)[ \t]*\n(.*?)\n\1[ \t]*(\n|\Z)", text, re.DOTALL)
    if match is None:
        return None, text
    body, lines = match.group(2), match.group(0).count("\n")
    title = None
    if match.group(1) == "---":
        import yaml

        try:
            data = yaml.safe_load(body)
        except (yaml.YAMLError, RecursionError):  # nested past Python's stack: no title
            data = None
        if isinstance(data, dict) and isinstance(data.get("title"), str):
            title = data["title"]
    else:
        title = _toml_title(body)
    # Blank lines keep every line number of the page as it is in the file.
    return title, "\n" * lines + text[match.end() :]


def _toml_title(body: str) -> str | None:
    try:
        import tomllib
    except ImportError:  # Python 3.10: the one key we need, read by hand
        found = re.search(r"""^title\s*=\s*(['"])(.*?)\1\s*$""", body, re.MULTILINE)
        return found.group(2) if found else None
    try:
        value = tomllib.loads(body).get("title")
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return value if isinstance(value, str) else None


# -- HTML -------------------------------------------------------------------------


class _HtmlTables:
    """Tables (header and body rows, spans, links, bold, images) from HTML, read from the
    events of a walk over an HTML5 parse (see ``_html_events``)."""

    def __init__(self, line_offset: int = 0) -> None:
        self.line_offset = line_offset
        self.source_line = 1
        self.tables: list[SourceTable] = []
        self.stack: list[SourceTable] = []  # nested tables are read on their own
        self.row: list[SourceCell] | None = None
        self.in_head = False
        self.cell: SourceCell | None = None
        self.parts: list[str] = []
        self.links: list[str] = []
        self.link_text: list[str] = []
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
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.cell is None:
            self.heading_parts = []
        elif tag == "table":
            table = SourceTable(self.line, [], [], self.heading)
            self.stack.append(table)
            self.tables.append(table)
        elif not self.stack:
            return
        elif tag == "thead":
            self.in_head = True
        elif tag == "tbody":
            self.in_head = False
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = SourceCell(
                "",
                self.line,
                _span(attributes.get("rowspan")),
                _span(attributes.get("colspan")),
                header=tag == "th",
            )
            self.parts, self.links, self.link_text, self.bold_text = [], [], [], []
            self.markup = False
        elif self.cell is None:
            return
        elif tag == "a":
            self.links.append(attributes.get("href", ""))
            self.link_text = []
        elif tag in ("b", "strong"):
            self.bold_depth += 1
        elif tag == "img":
            alt = attributes.get("alt", "")
            self.cell.losses.append(f"an image ({attributes.get('src', '')!r})")
            if alt:
                self.parts.append(alt)
        elif tag == "sup":
            self.cell.losses.append("a footnote or superscript")
        elif tag in ("em", "i", "code", "del", "s", "sub"):
            self.markup = True
        elif tag == "br":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.heading_parts is not None:
            self.heading = " ".join("".join(self.heading_parts).split())
            self.heading_parts = None
        elif tag == "table" and self.stack:
            table = self.stack.pop()
            if not table.head and table.body:  # no <thead>: the first row of <th> is it
                while table.body and all(cell.header for cell in table.body[0]):
                    table.head.append(table.body.pop(0))
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
        elif tag == "a" and self.links and "".join(self.link_text).strip():
            self.cell.link = self.links[-1] if self.cell.link is None else self.cell.link
        elif tag in ("b", "strong"):
            self.bold_depth = max(0, self.bold_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.heading_parts is not None:
            self.heading_parts.append(data)
        if self.cell is None:
            return
        self.parts.append(data)
        if self.links:
            self.link_text.append(data)
        if self.bold_depth:
            self.bold_text.append(data)

    def finish_cell(self) -> None:
        cell, row = self.cell, self.row
        assert cell is not None and row is not None
        text = " ".join("".join(self.parts).split())
        cell.text = text
        link_text = " ".join("".join(self.link_text).split())
        if cell.link is not None and (len(self.links) > 1 or link_text != text):
            cell.markup, cell.link = "a link inside the text", None  # not the whole cell
        bold = " ".join("".join(self.bold_text).split())
        cell.bold = bool(text) and bold == text
        if bold and not cell.bold:
            cell.markup = "bold inside the text"
        if self.markup:
            cell.markup = "emphasis or code"
        row.append(cell)
        self.cell = None
        self.links = []


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
            "reading HTML needs justhtml: pip install 'sphinx-vlmtable[import]'"
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


def html_tables(text: str, line_offset: int = 0) -> list[SourceTable]:
    reader = _HtmlTables(line_offset)
    _read_events(_parse_html(text), reader)
    return reader.tables


# -- Markdown ----------------------------------------------------------------------


def _markdown_it() -> Any:
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        raise ImportError_(
            "reading Markdown needs markdown-it-py: pip install 'sphinx-vlmtable[import]'"
        ) from None
    return MarkdownIt


def read_markdown(text: str) -> SourcePage:
    """Tables (pipe tables, and HTML tables in HTML blocks), headings and the task list."""
    MarkdownIt = _markdown_it()

    title, body = split_front_matter(text)
    parser = MarkdownIt("commonmark").enable("table")
    tokens = parser.parse(body)
    page = SourcePage([], title)
    heading: str | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "heading_open":
            heading = _plain(tokens[index + 1].children or [])
            if token.tag == "h1" and page.title is None:
                page.title = heading
        elif token.type == "table_open":
            end = _closing(tokens, index, "table_open", "table_close")
            page.tables.append(_pipe_table(tokens[index:end], line, heading))
            index = end
            continue
        elif token.type == "html_block":
            for table in html_tables(token.content, line - 1):
                table.heading = table.heading or heading
                page.tables.append(table)
        elif token.type == "bullet_list_open":
            end = _closing(tokens, index, "bullet_list_open", "bullet_list_close")
            if not page.tasks:
                page.tasks = _task_list(tokens[index + 1 : end - 1])
                page.tasks_heading = heading
            index = end
            continue
        index += 1
    return page


def read_html(text: str) -> SourcePage:
    root = _parse_html(text)
    reader = _HtmlTables()
    _read_events(root, reader)
    title = root.query("title")
    shown = " ".join(title[0].to_text().split()) if title else None
    return SourcePage(reader.tables, shown or None)


def _closing(tokens: list[Any], start: int, opening: str, closing: str) -> int:
    """The index after the token that closes ``tokens[start]``."""
    depth = 0
    for index in range(start, len(tokens)):
        if tokens[index].type == opening:
            depth += 1
        elif tokens[index].type == closing:
            depth -= 1
            if depth == 0:
                return index + 1
    return len(tokens)


def _pipe_table(tokens: list[Any], line: int, heading: str | None) -> SourceTable:
    table = SourceTable(line, [], [], heading)
    in_head = False
    row: list[SourceCell] | None = None
    row_line = line
    for token in tokens:
        if token.type == "thead_open":
            in_head = True
        elif token.type == "tbody_open":
            in_head = False
        elif token.type == "tr_open":
            row = []
            row_line = (token.map[0] + 1) if token.map else row_line
        elif token.type == "tr_close" and row is not None:
            (table.head if in_head else table.body).append(row)
        elif token.type == "inline" and row is not None:
            row.append(_markdown_cell(token, row_line))
    return table


def _meaningful(children: list[Any]) -> list[Any]:
    """Inline tokens without the empty text tokens markdown-it puts around markup."""
    return [child for child in children if child.type != "text" or child.content]


def _markdown_cell(token: Any, line: int) -> SourceCell:
    children = _meaningful(token.children or [])
    cell = SourceCell(" ".join(_plain(children).split()), line)
    kinds = [child.type for child in children]
    links = [child for child in children if child.type == "link_open"]
    for child in children:
        if child.type == "image":
            cell.losses.append(f"an image ({child.attrs.get('src', '')!r})")
        elif child.type == "html_inline":
            cell.markup = "inline HTML"
    if (
        kinds.count("strong_open") == 1
        and kinds[0] == "strong_open"
        and kinds[-1] == "strong_close"
    ):
        cell.bold = True
        kinds = kinds[1:-1]
    if len(links) == 1 and kinds and kinds[0] == "link_open" and kinds[-1] == "link_close":
        cell.link = str(links[0].attrs.get("href", ""))
        kinds = kinds[1:-1]
    elif links:
        cell.markup = "a link inside the text"
    if cell.markup is None and any(k not in ("text", "softbreak", "image") for k in kinds):
        cell.markup = "emphasis or code"
    cell.source = token.content
    return cell


def _plain(children: Iterable[Any]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _task_list(tokens: list[Any]) -> list[SourceTask]:
    """The items of one bullet list (its tokens without the list's own open and close)."""
    tasks: list[SourceTask] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "list_item_open":
            end = _closing(tokens, index, "list_item_open", "list_item_close")
            tasks.append(_task(tokens[index + 1 : end - 1], token))
            index = end
            continue
        index += 1
    return tasks


def _task(tokens: list[Any], item: Any) -> SourceTask:
    line = (item.map[0] + 1) if item.map else 1
    inline = next((t for t in tokens if t.type == "inline"), None)
    children = _meaningful((inline.children or []) if inline is not None else [])
    text = " ".join(_plain(children).split())
    bold = bool(children) and children[0].type == "strong_open"
    name, _colon, description = text.partition(": ")
    task = SourceTask(name.strip(), description.strip() or None, bold, line)
    nested = next((i for i, t in enumerate(tokens) if t.type == "bullet_list_open"), None)
    if nested is not None:
        end = _closing(tokens, nested, "bullet_list_open", "bullet_list_close")
        task.subtasks = _task_list(tokens[nested + 1 : end - 1])
    return task


def tasks_under(text: str, heading: str) -> tuple[list[SourceTask], str | None]:
    """The first bullet list under the heading with this text (``--tasks HEADING``)."""
    MarkdownIt = _markdown_it()

    _title, body = split_front_matter(text)
    tokens = MarkdownIt("commonmark").parse(body)
    found = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found = _plain(tokens[index + 1].children or []).strip() == heading.strip()
        elif found and token.type == "bullet_list_open":
            end = _closing(tokens, index, "bullet_list_open", "bullet_list_close")
            return _task_list(tokens[index + 1 : end - 1]), heading
    return [], None


# -- the table to a data file --------------------------------------------------------

#: What a data file may not hold (the loader's rule), nor YAML (non-characters).
_UNWRITABLE = re.compile(f"{BAD_CHARACTER.pattern[:-1]}\ufffe\uffff\ud800-\udfff]")


def _clean(text: str, line: int, losses: list[tuple[int, str]]) -> str:
    if not _UNWRITABLE.search(text):
        return text
    losses.append((line, f"{len(_UNWRITABLE.findall(text))} control or non-character(s) in "
                   f"{_UNWRITABLE.sub('', text)[:40]!r} were left out"))  # fmt: skip
    return _UNWRITABLE.sub("", text)


def clean_page(page: SourcePage, losses: list[tuple[int, str]]) -> None:
    """Leave out what no data file may hold (a NUL, an escape, U+2028, U+FFFE), with a
    loss each, so the written file always passes ``vlmtable check``."""
    for table in page.tables:
        for row in table.head + table.body:
            for cell in row:
                cell.text = _clean(cell.text, cell.line, losses)
                if cell.source is not None:
                    cell.source = _clean(cell.source, cell.line, losses)
                if cell.link is not None:
                    cell.link = _clean(cell.link, cell.line, losses)
        if table.heading:
            table.heading = _clean(table.heading, table.line, losses)
    if page.title:
        page.title = _clean(page.title, 1, losses)
    pending = list(page.tasks)
    while pending:
        task = pending.pop()
        task.name = _clean(task.name, task.line, losses)
        if task.description:
            task.description = _clean(task.description, task.line, losses)
        pending += task.subtasks


#: Grid positions (rows x columns) a table may have: a few cells with large spans must
#: not make millions of positions.
MAX_GRID = 2_000_000


def _grid(rows: list[list[SourceCell]], width: int) -> list[list[SourceCell | None]]:
    """Place cells in a grid by their spans; each position holds the cell covering it.
    Spans are clamped to the table: no wider than ``width`` (its widest row's cells), no
    longer than the rows left."""
    grid: list[list[SourceCell | None]] = []
    for row_index, row in enumerate(rows):
        while len(grid) <= row_index:
            grid.append([])
        column = 0
        for cell in row:
            while column < len(grid[row_index]) and grid[row_index][column] is not None:
                column += 1
            cell.colspan = max(1, min(cell.colspan, width - column))
            cell.rowspan = max(1, min(cell.rowspan, len(rows) - row_index))
            for below in range(cell.rowspan):
                target = row_index + below
                while len(grid) <= target:
                    grid.append([])
                for across in range(cell.colspan):
                    position = column + across
                    line = grid[target]
                    while len(line) <= position:
                        line.append(None)
                    line[position] = cell
            column += cell.colspan
    width = max((len(line) for line in grid), default=0)
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid


@dataclass
class _Leaf:
    label: str
    key: str
    column: int


def column_tree(
    head: list[list[SourceCell]], width: int, notes: list[tuple[int, str]]
) -> tuple[list[Column], list[_Leaf]]:
    """The header's cells as a column tree, and its leaves left to right."""
    grid = _grid(head, width)
    for line in grid:  # body rows may be wider than the header
        line.extend([None] * (width - len(line)))
    depth = len(grid)
    leaves: list[_Leaf] = []

    def build(row: int, first: int, last: int) -> list[Column]:
        columns: list[Column] = []
        column = first
        while column < last:
            cell = grid[row][column] if row < depth and column < len(grid[row]) else None
            if cell is None:
                label = f"Column {column + 1}"
                leaves.append(_Leaf(label, "", column))
                columns.append(Column(label, "", (), 0))
                column += 1
                continue
            span_end = column
            while span_end < last and grid[row][span_end] is cell:
                span_end += 1
            bottom = row
            while bottom + 1 < depth and grid[bottom + 1][column] is cell:
                bottom += 1
            if not cell.text:
                cell.text = f"Column {column + 1}"
                notes.append((cell.line, f"an empty header cell is labelled {cell.text!r}"))
            if bottom + 1 >= depth:  # reaches the body: a leaf
                if span_end - column > 1:
                    notes.append((cell.line, f"the header {cell.text!r} spans "
                                  f"{span_end - column} columns at the bottom: it becomes a "
                                  "group over numbered columns"))  # fmt: skip
                    children = []
                    for number, position in enumerate(range(column, span_end), start=1):
                        label = f"{cell.text} {number}"
                        leaves.append(_Leaf(label, "", position))
                        children.append(Column(label, "", (), 0))
                    columns.append(Column(cell.text, None, tuple(children), 0))
                else:
                    leaves.append(_Leaf(cell.text, "", column))
                    columns.append(Column(cell.text, "", (), 0))
            else:
                children = build(bottom + 1, column, span_end)
                columns.append(Column(cell.text, None, tuple(children), 0))
            column = span_end
        return columns

    tree = build(0, 0, width) if depth else [Column(f"Column {i + 1}", "", (), 0)
                                              for i in range(width)]  # fmt: skip
    if not depth:
        leaves = [_Leaf(f"Column {i + 1}", "", i) for i in range(width)]
    return tree, leaves


def _assign_keys(leaves: list[_Leaf], notes: list[tuple[int, str]], line: int) -> int:
    """Give each leaf a unique snake_case key; the model column gets ``model``.
    Returns the index of the model column."""
    model_index = next(
        (i for i, leaf in enumerate(leaves) if leaf.label.strip().lower() in ("model", "models")),
        None,
    )
    if model_index is None:
        model_index = 0
        if leaves:
            notes.append((line, f"no column is labelled 'Model': the first, "
                          f"{leaves[0].label!r}, names the models"))  # fmt: skip
    used: set[str] = {MODEL_KEY}
    for index, leaf in enumerate(leaves):
        if index == model_index:
            leaf.key = MODEL_KEY
            continue
        key = snake_case(leaf.label)
        if key in RESERVED_MODEL_KEYS or key == MODEL_KEY:
            renamed = f"{key}_column"
            notes.append((line, f"the column {leaf.label!r} would have the reserved key "
                          f"{key!r}; it is {renamed!r}"))  # fmt: skip
            key = renamed
        base, number = key, 1
        while key in used:
            number += 1
            key = f"{base}_{number}"
        used.add(key)
        leaf.key = key
    return model_index


def _with_keys(columns: Iterable[Column], keys: Iterable[str]) -> tuple[Column, ...]:
    remaining = iter(keys)

    def rebuild(level: Iterable[Column]) -> tuple[Column, ...]:
        result = []
        for column in level:
            if column.is_group:
                result.append(Column(column.label, None, rebuild(column.columns)))
            else:
                result.append(Column(column.label, next(remaining)))
        return tuple(result)

    return rebuild(columns)


def _same_layout(columns: tuple[Column, ...], default: tuple[Column, ...]) -> bool:
    def shape(level: Iterable[Column]) -> list[Any]:
        return [(c.label, c.key, shape(c.columns)) for c in level]

    return shape(columns) == shape(default)


def convert(
    page: SourcePage,
    number: int,
    source_name: str,
    markup: bool = False,
) -> ImportResult:
    """The ``number``-th table (from 1) of the page as a data file."""
    if not page.tables:
        raise ImportError_("the source has no table")
    if not 1 <= number <= len(page.tables):
        raise ImportError_(f"there is no table {number}: the source has {len(page.tables)}")
    table = page.tables[number - 1]
    losses: list[tuple[int, str]] = []
    notes: list[tuple[int, str]] = []
    clean_page(page, losses)
    width = max([len(row) for row in table.head + table.body] + [0])
    rows = len(table.head) + len(table.body)
    if rows * width > MAX_GRID:
        raise ImportError_(f"table {number} (line {table.line}) has {rows:,} rows of up to "
                           f"{width:,} cells, more than the importer reads")  # fmt: skip
    body = _grid(table.body, width)
    width = max([len(row) for row in body] + [width])
    for row in body:
        row.extend([None] * (width - len(row)))
    tree, leaves = column_tree(table.head, width, notes)
    model_index = _assign_keys(leaves, notes, table.line)
    columns = _with_keys(tree, [leaf.key for leaf in leaves])
    markup_keys: set[str] = set()
    models: list[list[tuple[str, Any]]] = []
    seen_cells: set[int] = set()
    for row in body:
        values: list[tuple[str, Any]] = []
        name_cell = row[model_index] if model_index < len(row) else None
        if name_cell is None or not name_cell.text.strip():
            line = next((c.line for c in row if c is not None), table.line)
            losses.append((line, "a row without a model name was left out"))
            continue
        values.append((MODEL_KEY, name_cell.text))
        if name_cell.link:
            values.append(("url", name_cell.link))
        for leaf in leaves:
            cell = row[leaf.column] if leaf.column < len(row) else None
            if leaf.key == MODEL_KEY or cell is None:
                continue
            first_time = id(cell) not in seen_cells
            seen_cells.add(id(cell))
            if first_time:
                for loss in cell.losses:
                    losses.append((cell.line, f"{loss} in {cell.text!r} was not carried over"))
            if not cell.text:
                continue
            text = cell.text
            if cell.markup is not None:
                if markup and cell.source is not None:
                    text = cell.source
                    markup_keys.add(leaf.key)
                elif first_time:
                    notes.append((cell.line, f"{cell.markup} in {cell.text!r} is kept as text"))
            if cell.link and _is_web(cell.link):
                values.append((leaf.key, {"text": text, "url": cell.link}))
            else:
                if cell.link and first_time:
                    notes.append((cell.line, f"the link {cell.link!r} is not http(s); "
                                  "kept as text"))  # fmt: skip
                values.append((leaf.key, text))
        models.append(values)
    if not models:
        raise ImportError_(f"table {number} (line {table.line}) has no row with a model name")
    yaml_text = _write_yaml(source_name, number, columns, models, page, markup_keys)
    return ImportResult(yaml_text, losses, notes, table, page)


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


# -- writing YAML ------------------------------------------------------------------------

_PLAIN_SAFE = re.compile(r"^[A-Za-z][^:#\[\]{}&*!|>'\"%@`,?\n]*$")


def yaml_scalar(text: str) -> str:
    """The text as a YAML scalar that reads back as exactly this text."""
    import yaml

    if _PLAIN_SAFE.match(text) and text == text.strip():
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text}:
                return text
        except yaml.YAMLError:
            pass
    # A double-quoted YAML scalar is a JSON string.
    import json

    return json.dumps(text, ensure_ascii=False)


def _write_yaml(
    source_name: str,
    number: int,
    columns: tuple[Column, ...],
    models: list[list[tuple[str, Any]]],
    page: SourcePage,
    markup_keys: set[str],
) -> str:
    lines = [
        f"# Imported by `vlmtable import` from {source_name} (table {number}).",
        "# Values are shown exactly as written; edit this file, not the source.",
        "",
    ]
    if page.tasks:
        lines.append("tasks:")
        lines.extend(_task_lines(page.tasks, 1))
        lines.append("")
    if not _same_layout(columns, DEFAULT_COLUMNS) or markup_keys:
        lines.append("columns:")
        lines.extend(_column_lines(columns, 1, markup_keys))
        lines.append("")
    lines.append("models:")
    for model in models:
        first = True
        for key, value in model:
            prefix = "  - " if first else "    "
            first = False
            if isinstance(value, dict):
                lines.append(f"{prefix}{key}: {{text: {yaml_scalar(value['text'])}, "
                             f"url: {yaml_scalar(value['url'])}}}")  # fmt: skip
            else:
                lines.append(f"{prefix}{key}: {yaml_scalar(value)}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _column_lines(columns: Iterable[Column], level: int, markup_keys: set[str]) -> list[str]:
    indent = "  " * level
    lines = []
    for column in columns:
        if column.is_group:
            lines.append(f"{indent}- label: {yaml_scalar(column.label)}")
            lines.append(f"{indent}  columns:")
            lines.extend(_column_lines(column.columns, level + 2, markup_keys))
        else:
            markup = ", markup: myst" if column.key in markup_keys else ""
            lines.append(f"{indent}- {{key: {column.key}, label: {yaml_scalar(column.label)}"
                         f"{markup}}}")  # fmt: skip
    return lines


def _task_lines(tasks: list[SourceTask], level: int) -> list[str]:
    indent = "  " * level
    lines = []
    for task in tasks:
        lines.append(f"{indent}- name: {yaml_scalar(task.name)}")
        if task.description:
            lines.append(f"{indent}  description: {yaml_scalar(task.description)}")
        if not task.bold:
            lines.append(f"{indent}  bold: false")
        if task.subtasks:
            lines.append(f"{indent}  subtasks:")
            lines.extend(_task_lines(task.subtasks, level + 2))
    return lines


def page_text(title: str, data_path: str, tasks_heading: str | None, table_heading: str | None,
              has_tasks: bool) -> str:  # fmt: skip
    """A MyST page that shows the imported data as the source page did. Titles from the
    source are text: the punctuation that starts markup escaped, on one line, so no title
    makes a role, a directive, a block or HTML."""
    parts = [f"# {markdown_text(title)}", ""]
    if has_tasks:
        if tasks_heading:
            parts += [f"## {markdown_text(tasks_heading)}", ""]
        parts += [f"```{{vlm-tasks}} {data_path}", "```", ""]
    if table_heading:
        parts += [f"## {markdown_text(table_heading)}", ""]
    parts += [f"```{{vlm-table}} {data_path}", "```", ""]
    return "\n".join(parts)


#: The punctuation that starts markup in a MyST line: code, emphasis, links and images,
#: roles and attributes, HTML and autolinks, entities, math, strike-through, a heading's
#: closing ``#``. (CommonMark lets a backslash escape any ASCII punctuation.)
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}<>!&#~$|^])")


def markdown_text(text: str) -> str:
    """``text`` as literal Markdown inline text, on one line."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
