"""What the readers give: source tables, cells and tasks with their lines; front matter
and the clean-up of text a data file cannot hold."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sphinx_vlmtable.data.yamlsource import BAD_CHARACTER
from sphinx_vlmtable.importer.receipt import ImportReceipt
from sphinx_vlmtable.importer.words import said


@dataclass
class SourceImage:
    """An image in a cell (a badge, a logo): its alternative text and its address."""

    alt: str
    src: str


@dataclass
class SourceLink:
    """A link in a cell: its visible text (empty for a linked badge), its target, and
    the images inside it."""

    text: str
    url: str
    images: list[SourceImage] = field(default_factory=list)

    @property
    def is_badge(self) -> bool:
        """A link around an image and no text (a linked badge or logo)."""
        return not self.text and bool(self.images)


@dataclass
class SourceCell:
    """One cell of a source table, as read."""

    text: str
    line: int
    rowspan: int = 1
    colspan: int = 1
    #: Where the whole cell links to, if it is one link.
    link: str | None = None
    #: Whether the whole cell is bold, and whether it starts in bold (a heading's
    #: ``**Baseline models** (local)``).
    bold: bool = False
    starts_bold: bool = False
    #: Markup the plain text does not carry (emphasis, code, a partial link).
    markup: str | None = None
    #: What could not be carried over (a footnote), for the report.
    losses: list[str] = field(default_factory=list)
    #: A header cell (``<th>``), for tables without ``<thead>``.
    header: bool = False
    #: The cell's Markdown source, kept for ``--markup`` (images and line breaks out,
    #: linked badges as links with their words); and the same without linked badges.
    source: str | None = None
    source_without_badges: str | None = None
    #: Every link in the cell, in order (linked badges among them).
    links: list[SourceLink] = field(default_factory=list)
    #: The images outside any link.
    images: list[SourceImage] = field(default_factory=list)

    @property
    def text_links(self) -> list[SourceLink]:
        """The links with visible text."""
        return [link for link in self.links if link.text]

    @property
    def image_count(self) -> int:
        """Every image in the cell, linked or not."""
        return len(self.images) + sum(len(link.images) for link in self.links)

    @property
    def is_blank(self) -> bool:
        """No text, no link, no image: nothing to carry over."""
        return not self.text.strip() and not self.links and not self.images


@dataclass
class SourceTable:
    line: int
    head: list[list[SourceCell]]
    body: list[list[SourceCell]]
    #: The heading above the table in its page, if any.
    heading: str | None = None
    #: Whether what no data file may hold was taken out (``clean_page``).
    cleaned: bool = False

    def header_texts(self) -> list[str]:
        return [cell.text for row in self.head for cell in row]


@dataclass
class SourceTask:
    name: str
    description: str | None
    bold: bool
    line: int
    subtasks: list[SourceTask] = field(default_factory=list)
    #: How models name it (None: from its name, as the loader makes it).
    key: str | None = None
    #: The links in the item (a task's name and description are text: each is dropped,
    #: and listed in the receipt), and what else it held that text cannot (inline HTML).
    links: list[SourceLink] = field(default_factory=list)
    losses: list[str] = field(default_factory=list)


@dataclass
class SourcePage:
    """What the importer found in a page."""

    tables: list[SourceTable]
    title: str | None = None
    tasks: list[SourceTask] = field(default_factory=list)
    tasks_heading: str | None = None
    #: The line of the task list, and the table it belongs to (its index in ``tables``:
    #: the first table after the list); None when ``--tasks`` chose it for every table.
    tasks_line: int | None = None
    tasks_table: int | None = None
    #: Whether the title and tasks were cleaned (``clean_page``).
    cleaned: bool = False


@dataclass
class ImportResult:
    yaml_text: str
    #: ``(line, message)`` for what could not be carried over: the exit status is 1.
    losses: list[tuple[int, str]]
    #: ``(line, message)`` for what was changed on the way (a renamed key): informative.
    notes: list[tuple[int, str]]
    table: SourceTable
    page: SourcePage
    #: With ``--split``: ``(path relative to the data file, text)`` of each model file.
    model_files: list[tuple[str, str]] = field(default_factory=list)
    #: Every row's, link's and image's fate, per table (``receipt.ImportReceipt``).
    receipt: ImportReceipt | None = None
    #: The key of the Links column (the names' other links), if the file has one.
    links_key: str | None = None
    #: The tasks the data file has (the page's task list if taken, ``--matrix``'s), and
    #: the heading of the page's task list if it was taken.
    tasks: list[SourceTask] = field(default_factory=list)
    tasks_heading: str | None = None


@dataclass(frozen=True)
class ImportOptions:
    """What ``vlmtable import`` was asked for."""

    #: The table to import, from 1.
    number: int = 1
    #: Keep inline markup (links inside text, emphasis) as ``markup: myst`` columns.
    markup: bool = False
    #: A folder beside the data file for one file per model (``models_from``).
    split: str | None = None
    #: The label or key of the column that names the rows (None: "Model", else the first).
    name_column: str | None = None
    #: The label of the column that section rows and ``all_tables`` headings fill.
    section_label: str = "Section"
    #: Import every table with the chosen table's header, each heading a section.
    all_tables: bool = False
    #: Columns of marks (✅ ❌, yes/no) become tasks, for ``vlm-matrix``.
    matrix: bool = False
    #: ``keep``: a linked badge keeps its link (``{text, url}``, the badge's words);
    #: ``drop``: it is left out (listed in the receipt).
    badges: str = "keep"
    #: Rows the source marks as headings become sections (else they are models).
    sections: bool = True
    #: Column types inferred from the cells (number, date, mark); else all text.
    types: bool = True


class ImportError_(ValueError):
    """The source cannot be imported at all (no table, a table number out of range)."""


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


#: What a data file may not hold (the loader's rule), nor YAML (non-characters).
_UNWRITABLE = re.compile(f"{BAD_CHARACTER.pattern[:-1]}\ufffe\uffff\ud800-\udfff]")


def _clean(text: str, line: int, losses: list[tuple[int, str]]) -> str:
    if not _UNWRITABLE.search(text):
        return text
    left = _UNWRITABLE.sub("", text)
    count = len(_UNWRITABLE.findall(text))
    losses.append((line, f"{count} control or non-character(s) in {said(left[:40])} were left out"))
    return left


def clean_page(page: SourcePage, tables: list[SourceTable], losses: list[tuple[int, str]]) -> None:
    """Leave out what no data file may hold (a NUL, an escape, U+2028, U+FFFE), with a
    loss each, so the written file always passes ``vlmtable check``: in ``tables``, and
    (once per page) in its title and tasks."""
    for table in tables:
        if table.cleaned:
            continue
        table.cleaned = True
        for row in table.head + table.body:
            for cell in row:
                _clean_cell(cell, losses)
        if table.heading:
            table.heading = _clean(table.heading, table.line, losses)
    if page.cleaned:
        return
    page.cleaned = True
    if page.title:
        page.title = _clean(page.title, 1, losses)
    pending = list(page.tasks)
    while pending:
        task = pending.pop()
        task.name = _clean(task.name, task.line, losses)
        if task.description:
            task.description = _clean(task.description, task.line, losses)
        pending += task.subtasks


def _clean_cell(cell: SourceCell, losses: list[tuple[int, str]]) -> None:
    cell.text = _clean(cell.text, cell.line, losses)
    for attribute in ("source", "source_without_badges", "link"):
        value = getattr(cell, attribute)
        if value is not None:
            setattr(cell, attribute, _clean(value, cell.line, []))
    for link in cell.links:
        link.text = _clean(link.text, cell.line, [])
        link.url = _clean(link.url, cell.line, [])
