"""A source table's body rows to models: each cell's text, link and markup, with every
loss reported once at its source line; section rows; rows that share a name."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sphinx_vlmtable.data.markdown import markdown_link
from sphinx_vlmtable.data.model import ID_KEY, MODEL_KEY, TASKS_KEY, Column
from sphinx_vlmtable.importer.header import Leaf, top_level_index
from sphinx_vlmtable.importer.marks import MarkColumn, model_states
from sphinx_vlmtable.importer.source import SourceCell


class RowConverter:
    """Body rows to models: each cell's text, link and markup, each loss reported once
    (a merged cell covers many rows); section rows give the next rows' section."""

    def __init__(
        self,
        leaves: list[Leaf],
        markup: bool,
        losses: list[tuple[int, str]],
        notes: list[tuple[int, str]],
    ) -> None:
        self.leaves, self.markup = leaves, markup
        self.losses, self.notes = losses, notes
        self.markup_keys: set[str] = set()
        self.seen_cells: set[int] = set()
        #: The current section (a section row's text, or the table's heading).
        self.section: str | None = None
        self.has_sections = False
        #: Names whose cell had more links than the model's url (kept with --markup).
        self.has_name_links = False
        self.section_key, self.links_key = "section", "links"
        #: With ``--matrix``: the columns of marks, read as task states.
        self.marks: list[MarkColumn] = []

    def model(
        self, row: list[SourceCell | None], model_index: int, table_line: int
    ) -> list[tuple[str, Any]] | None:
        """The row as a model's ``(key, value)`` pairs; None for a section row or a row
        without a name."""
        if _is_section_row(row):
            self.start_section(next(cell for cell in row if cell is not None))
            return None
        name_cell = row[model_index] if model_index < len(row) else None
        if name_cell is None or not name_cell.text.strip():
            line = next((c.line for c in row if c is not None), table_line)
            if any(cell is not None and cell.text for cell in row):
                self.losses.append((line, "a row without a model name was left out"))
            return None
        values: list[tuple[str, Any]] = [(MODEL_KEY, name_cell.text)]
        values += self.name_links(name_cell)
        if self.marks:
            values.append((TASKS_KEY, model_states(self.marks, row)))
        if self.section:
            self.has_sections = True
            values.append((self.section_key, self.section))
        for leaf in self.leaves:
            cell = row[leaf.column] if leaf.column < len(row) else None
            if leaf.key == MODEL_KEY or cell is None:
                continue
            value = self.value(leaf.key, cell)
            if value is not None:
                values.append((leaf.key, value))
        return values

    def start_section(self, first: SourceCell) -> None:
        """A section row: its text is the section of the rows below it."""
        self.section = first.text
        self.report_losses(first)
        if id(first) not in self.seen_cells:
            for text, url in first.links:
                message = (
                    f"the link {text!r} ({url}) in the section row {first.text!r} was left out"
                )
                self.losses.append((first.line, message))
        self.seen_cells.add(id(first))

    def name_links(self, cell: SourceCell) -> list[tuple[str, Any]]:
        """The name's url (its first web link); its other links kept or reported."""
        self.report_losses(cell)
        web = [(text, url) for text, url in cell.links if _is_web(url)]
        found: list[tuple[str, Any]] = [("url", web[0][1])] if web else []
        if cell.links and not web and id(cell) not in self.seen_cells:
            message = (
                f"the link {cell.links[0][1]!r} of {cell.text!r} is not http(s); it was left out"
            )
            self.losses.append((cell.line, message))
        if len(web) > 1:
            if self.markup:
                self.has_name_links = True
                links = ", ".join(markdown_link(text, url) for text, url in web[1:])
                found.append((self.links_key, links))
            else:
                for text, url in web[1:]:
                    message = (
                        f"the link {text!r} ({url}) in the name {cell.text!r} was left out: "
                        "only the first link is the model's url (--markup keeps the others)"
                    )
                    self.losses.append((cell.line, message))
        self.seen_cells.add(id(cell))
        return found

    def report_losses(self, cell: SourceCell) -> None:
        if id(cell) in self.seen_cells:
            return
        for loss in cell.losses:
            self.losses.append((cell.line, f"{loss} in {cell.text!r} was left out"))

    def value(self, key: str, cell: SourceCell) -> Any:
        """The cell's value in the column ``key``: text, a link, or markup."""
        first_time = id(cell) not in self.seen_cells
        self.report_losses(cell)
        self.seen_cells.add(id(cell))
        if not cell.text:
            return None
        text = cell.text
        if cell.markup is not None:
            if self.markup and cell.source is not None:
                self.markup_keys.add(key)
                return cell.source
            if first_time:
                self.markup_lost(cell)
        if cell.link and _is_web(cell.link):
            return {"text": text, "url": cell.link}
        if cell.link and first_time:
            message = f"the link {cell.link!r} of {cell.text!r} is not http(s); it was left out"
            self.losses.append((cell.line, message))
        return text

    def markup_lost(self, cell: SourceCell) -> None:
        """Links inside a cell's text are content: each one lost is a loss; emphasis
        and code are kept as text (a note)."""
        links = [] if cell.link else cell.links
        for text, url in links:
            message = (
                f"the link {text!r} ({url}) inside {cell.text!r} was left out (--markup keeps it)"
            )
            self.losses.append((cell.line, message))
        if not links:
            self.notes.append((cell.line, f"{cell.markup} in {cell.text!r} is kept as text"))

    def extra_columns(
        self, columns: tuple[Column, ...], section_label: str, model_index: int
    ) -> tuple[Column, ...]:
        """The section column (after the name's top-level column) and the name's other
        links, when any row has them."""
        extra = []
        if self.has_name_links:
            extra.append(Column("Links", self.links_key))
            self.markup_keys.add(self.links_key)
        if self.has_sections:
            extra.append(Column(section_label, self.section_key))
        if not extra:
            return columns
        position = top_level_index(columns, model_index) + 1
        return columns[:position] + tuple(extra) + columns[position:]


def _is_section_row(row: list[SourceCell | None]) -> bool:
    """A row with only its first cell filled (or one cell across the row): a heading
    for the rows below, not a model."""
    cells = [cell for cell in row if cell is not None]
    if len(row) < 2 or not cells or not cells[0].text.strip() or row[0] is not cells[0]:
        return False
    return all(cell is cells[0] or not cell.text.strip() for cell in cells[1:])


def _is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


def tell_repeated_names_apart(
    models: list[list[tuple[str, Any]]], notes: list[tuple[int, str]], line: int
) -> None:
    """Rows that share a name (a leaderboard's systems from one paper) get an ``id``
    each, which the data format uses for their anchors and links."""
    counts = Counter(str(model[0][1]) for model in models)
    repeated = {name for name, count in counts.items() if count > 1}
    if not repeated:
        return
    taken = set(counts)
    seen: Counter[str] = Counter()
    for model in models:
        name = str(model[0][1])
        if name not in repeated:
            continue
        seen[name] += 1
        base = re.sub(r"[^0-9a-z]+", "-", name.lower()).strip("-") or "row"
        row_id, number = f"{base}-{seen[name]}", seen[name]
        while row_id in taken:
            number += 1
            row_id = f"{base}-{number}"
        taken.add(row_id)
        model.insert(1, (ID_KEY, row_id))
    shown = f"{', '.join(sorted(repeated)[:3])}{', ...' if len(repeated) > 3 else ''}"
    message = (
        f"{len(repeated)} name(s) name more than one row ({shown}): each row has an 'id', "
        "its anchor and link target"
    )
    notes.append((line, message))
