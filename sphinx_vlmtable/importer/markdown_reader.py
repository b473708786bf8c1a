"""A Markdown page to source tables and tasks, read with markdown-it-py (MyST-Parser's
own parser, so pipe tables read as MyST reads them); HTML tables inside it go to
``html_reader``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sphinx_vlmtable.importer.html_reader import html_tables
from sphinx_vlmtable.importer.source import (
    ImportError_,
    SourceCell,
    SourcePage,
    SourceTable,
    SourceTask,
    split_front_matter,
)


def _markdown_it() -> Any:
    try:
        from markdown_it import MarkdownIt
    except ImportError:
        raise ImportError_(
            "reading Markdown needs markdown-it-py, which comes with myst-parser (a "
            "dependency of sphinx-vlmtable): pip install myst-parser"
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
