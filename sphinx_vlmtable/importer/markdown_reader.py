"""A Markdown page to source tables and tasks, read with markdown-it-py (MyST-Parser's
own parser, so pipe tables read as MyST reads them); HTML tables inside it go to
``html_reader``."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from sphinx_vlmtable.data.markdown import markdown_link, markdown_target, markdown_text
from sphinx_vlmtable.importer.badges import badge_text
from sphinx_vlmtable.importer.emoji import markdown_with_emoji, with_emoji
from sphinx_vlmtable.importer.html_reader import html_tables
from sphinx_vlmtable.importer.source import (
    ImportError_,
    SourceCell,
    SourceImage,
    SourceLink,
    SourcePage,
    SourceTable,
    SourceTask,
    split_front_matter,
)
from sphinx_vlmtable.importer.words import said


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
    tokens = _with_emoji(parser.parse(body))
    page = SourcePage([], title)
    heading: str | None = None
    #: The blocks under the heading so far (a task list is the first, or after one
    #: paragraph that introduces it).
    since: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        line = (token.map[0] + 1) if token.map else 1
        if token.type == "heading_open":
            heading, since = _plain(tokens[index + 1].children or []), []
            if token.tag == "h1" and page.title is None:
                page.title = heading
            index += 3
            continue
        before = since
        if token.level == 0 and token.nesting >= 0:
            since = [*since, token.type]
        if token.type == "table_open":
            end = _closing(tokens, index, "table_open", "table_close")
            page.tables.append(_pipe_table(tokens[index:end], line, heading))
            index = end
            continue
        elif token.type == "html_block":
            for table in html_tables(token.content, line - 1, emoji=True):
                table.heading = table.heading or heading
                page.tables.append(table)
        elif token.type == "bullet_list_open":
            end = _closing(tokens, index, "bullet_list_open", "bullet_list_close")
            if not page.tasks and _is_task_list(heading, before, tokens[index + 1 : end - 1]):
                page.tasks, page.tasks_heading = _task_list(tokens[index + 1 : end - 1]), heading
                page.tasks_line, page.tasks_table = line, len(page.tables)
            index = end
            continue
        index += 1
    _task_list_table(page)
    return page


#: A heading that names a task list (without ``--tasks``, no other list is taken).
_TASKS_HEADING = re.compile(r"\b(tasks?|capabilit(y|ies)|abilities)\b", re.IGNORECASE)


def _with_emoji(tokens: list[Any]) -> list[Any]:
    """The tokens with GitHub's emoji short codes in text as the emoji a reader sees
    (``:x:`` is ❌); code spans keep theirs (``emoji``)."""
    for token in tokens:
        for child in token.children or ():
            if child.type == "text":
                child.content = with_emoji(child.content)
    return tokens


def _is_task_list(heading: str | None, before: list[str], items: list[Any]) -> bool:
    """Whether a bullet list is clearly the page's task list (without ``--tasks``): the
    first block under a heading that names tasks (or after one paragraph introducing
    it), and not a list of links (a table of contents). A list further down a section
    (prompt examples, a table's legend) is prose."""
    return (
        heading is not None
        and _TASKS_HEADING.search(heading) is not None
        and before in ([], ["paragraph_open"])
        and not _is_navigation(items)
    )


def _task_list_table(page: SourcePage) -> None:
    """The task list belongs to the first table after it (the one it introduces), or to
    the only table of the page; on a page of many tables, none after it: no task list."""
    if page.tasks_table is None or page.tasks_table < len(page.tables):
        return
    if len(page.tables) == 1:
        page.tasks_table = 0
    else:
        page.tasks, page.tasks_heading, page.tasks_line, page.tasks_table = [], None, None, None


def _is_navigation(tokens: list[Any]) -> bool:
    """Whether every item of the list is one link (a table of contents), never tasks."""
    items = [t for t in tokens if t.type == "inline" and t.level <= 3]
    return bool(items) and all(
        [c.type for c in _meaningful(t.children or [])][:1] == ["link_open"]
        and [c.type for c in _meaningful(t.children or [])][-1:] == ["link_close"]
        for t in items
    )


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


#: A line break written as HTML: a space in the text, never a tag in a data file.
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)

#: What a cell's visible text is made of (images, breaks and HTML tags are not).
_INVISIBLE = ("image", "softbreak", "hardbreak", "html_inline")


def _markdown_cell(token: Any, line: int) -> SourceCell:
    children = _meaningful(token.children or [])
    cell = SourceCell(" ".join(_plain(children).split()), line)
    _read_links_and_images(children, cell)
    kinds = [
        _html_tag(child.content)[0] if child.type == "html_inline" else child.type
        for child in children
        if child.type != "text" or child.content.strip()
    ]
    kinds = [kind for kind in kinds if kind not in _INVISIBLE]
    cell.starts_bold = kinds[:1] == ["strong_open"]
    kinds = _without_bold(kinds, cell)
    whole = kinds[:1] == ["link_open"] and kinds[-1:] == ["link_close"]
    text_links = cell.text_links
    if whole and kinds.count("link_open") == 1 and len(text_links) == 1:
        cell.link = text_links[0].url
        kinds = _without_bold(kinds[1:-1], cell)
    elif text_links or (cell.links and cell.text):
        cell.markup = "a link inside the text"
    if cell.markup is None and any(
        kind not in ("text", "link_open", "link_close") for kind in kinds
    ):
        cell.markup = "emphasis or code"
    cell.source = _markdown_source(token.content, children, cell.links, True)
    cell.source_without_badges = _markdown_source(token.content, children, cell.links, False)
    _drop_footnote_references(cell)
    return cell


#: A footnote reference (``[^1]``, GitHub's Markdown): its note is elsewhere in the page.
_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]")


def _drop_footnote_references(cell: SourceCell) -> None:
    """A cell cannot hold a footnote: each reference is left out and reported (in MyST
    markup it would be a footnote of the page)."""
    for reference in dict.fromkeys(_FOOTNOTE.findall(cell.text)):
        cell.losses.append(f"a footnote reference {reference}")
    cell.text = " ".join(_FOOTNOTE.sub("", cell.text).split())
    if cell.source is not None:
        cell.source = " ".join(_FOOTNOTE.sub("", cell.source).split())


def _without_bold(kinds: list[str], cell: SourceCell) -> list[str]:
    """``kinds`` without the bold around all of them (then the cell is bold)."""
    if (
        kinds[:1] == ["strong_open"]
        and kinds[-1:] == ["strong_close"]
        and (kinds.count("strong_open") == 1)
    ):
        cell.bold = True
        return kinds[1:-1]
    return kinds


def _read_links_and_images(children: list[Any], cell: SourceCell) -> None:
    """Each link with its text and the images inside it (a linked badge has no text);
    each image outside a link; ``<img>`` and ``<a href>`` written as HTML count as
    images and links; other inline HTML but a line break is noted."""
    link: SourceLink | None = None
    text: list[str] = []
    for child in children:
        kind = child.type
        if kind == "html_inline":
            kind, attributes = _html_tag(child.content)
            if kind == "html_inline":
                if not _BREAK.fullmatch(child.content.strip()):
                    cell.markup = "inline HTML"
                continue
        else:
            attributes = child.attrs or {}
        if kind == "link_open":
            link, text = SourceLink("", str(attributes.get("href", ""))), []
        elif kind == "link_close" and link is not None:
            link.text = " ".join("".join(text).split())
            cell.links.append(link)
            link = None
        elif kind == "image":
            alt = child.content if child.type == "image" else attributes.get("alt", "")
            image = SourceImage(str(alt), str(attributes.get("src", "")))
            (link.images if link is not None else cell.images).append(image)
        elif link is not None and kind in ("text", "code_inline"):
            text.append(child.content)


#: An HTML tag inside a Markdown cell, and its attributes (each bounded by its quotes).
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b([^<>]*)>")
#: Only where a name starts (the look-behind), so a long name is scanned once.
_ATTRIBUTE = re.compile(
    r"""(?<![-A-Za-z0-9_:.])([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*"""
    r"""(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"""
)


def _html_tag(content: str) -> tuple[str, dict[str, str]]:
    """What an inline HTML tag is to a cell: ``image`` (``<img>``), ``link_open`` and
    ``link_close`` (``<a href>``, ``</a>``), or ``html_inline`` (anything else)."""
    match = _TAG.fullmatch(content.strip())
    if match is None:
        return "html_inline", {}
    closing, name = match.group(1), match.group(2).lower()
    attributes = {
        found.group(1).lower(): html.unescape(found.group(2) or found.group(3) or found.group(4))
        for found in _ATTRIBUTE.finditer(match.group(3))
    }
    if name == "img" and not closing:
        return "image", attributes
    if name == "a":
        if closing:
            return "link_close", {}
        if "href" in attributes:
            return "link_open", attributes
    return "html_inline", {}


def _markdown_source(
    source: str, children: list[Any], links: list[SourceLink], badges: bool
) -> str:
    """The cell's Markdown without images and HTML (a MyST cell shows HTML as text):
    a link written as HTML becomes a Markdown link, and a linked badge a link with its
    words (``badges.badge_text``), or nothing when ``badges`` is false."""
    opened, position, parts = 0, 0, []
    for child in children:
        kind = _html_tag(child.content)[0] if child.type == "html_inline" else child.type
        if kind == "link_open":
            opened += 1
        if child.type != "html_inline":
            continue
        found = source.find(child.content, position)  # in order: one pass over the cell
        if found < 0:
            continue
        link = links[opened - 1] if 0 < opened <= len(links) else None
        if kind in ("link_open", "link_close") and link is not None:
            replacement = _html_link_part(kind, link, badges)
        else:
            replacement = " " if _BREAK.fullmatch(child.content.strip()) else ""
        parts += [source[position:found], replacement]
        position = found + len(child.content)
    source = "".join([*parts, source[position:]])
    source = _LINKED_IMAGE.sub(_badge_as_link if badges else "", source)
    return markdown_with_emoji(" ".join(_IMAGE.sub("", source).split()))


def _html_link_part(kind: str, link: SourceLink, badges: bool) -> str:
    """What an ``<a href>`` or ``</a>`` becomes in Markdown: the link's brackets (a
    badge's with its words), or nothing for a badge when badges are left out."""
    if not link.text and not badges:
        return ""
    if kind == "link_open":
        return "["
    words = "" if link.text else markdown_text(badge_text(link))
    return f"{words}]({markdown_target(link.url)})"


#: Images, and images inside a link; no part runs past a bracket or a parenthesis, so
#: each try ends at the next one (linear, whatever the cell).
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()\[\]]*\)")
_LINKED_IMAGE = re.compile(r"\[[ \t]*!\[([^\[\]]*)\]\(([^()\[\]]*)\)[ \t]*\]\(([^()\[\]]*)\)")


def _badge_as_link(match: re.Match[str]) -> str:
    alt, src, url = match.group(1), match.group(2).strip(), match.group(3).strip()
    link = SourceLink("", url.split()[0] if url else url, [SourceImage(alt, src)])
    return f" {markdown_link(badge_text(link), link.url)} "


def _plain(children: Iterable[Any]) -> str:
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak") or (
            child.type == "html_inline" and _BREAK.fullmatch(child.content.strip())
        ):
            parts.append(" ")
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
    _task_links_and_losses(children, task)
    nested = next((i for i, t in enumerate(tokens) if t.type == "bullet_list_open"), None)
    if nested is not None:
        end = _closing(tokens, nested, "bullet_list_open", "bullet_list_close")
        task.subtasks = _task_list(tokens[nested + 1 : end - 1])
    return task


def _task_links_and_losses(children: list[Any], task: SourceTask) -> None:
    """The item's links (its text is kept, its target cannot be), and what else it held
    that no task's text can: inline HTML but a line break, images."""
    holder = SourceCell("", task.line)
    _read_links_and_images(children, holder)
    task.links = holder.links
    for child in children:
        tag = child.content.strip()
        if child.type == "html_inline" and _html_tag(tag)[0] == "html_inline":
            task.losses += [] if _BREAK.fullmatch(tag) else [f"inline HTML {said(tag[:40])}"]
    images = holder.image_count
    if images:
        task.losses.append(f"{images} image(s)")


def tasks_under(text: str, heading: str) -> tuple[list[SourceTask], str | None]:
    """The first bullet list under the heading with this text (``--tasks HEADING``)."""
    MarkdownIt = _markdown_it()

    _title, body = split_front_matter(text)
    tokens = _with_emoji(MarkdownIt("commonmark").parse(body))
    found = False
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            found = _plain(tokens[index + 1].children or []).strip() == heading.strip()
        elif found and token.type == "bullet_list_open":
            end = _closing(tokens, index, "bullet_list_open", "bullet_list_close")
            return _task_list(tokens[index + 1 : end - 1]), heading
    return [], None
