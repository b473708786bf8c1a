"""A source table's body rows to models: each row a model, a section row, an empty row
or (without a name) a row left out, each noted in the receipt with why; each cell's
value by ``cells.CellReader``; rows that share a name told apart. Pure; no Sphinx."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from sphinx_vlmtable.data.markdown import markdown_link
from sphinx_vlmtable.data.model import ID_KEY, MODEL_KEY, TASKS_KEY, Column
from sphinx_vlmtable.importer.badges import badge_text
from sphinx_vlmtable.importer.cells import (
    BADGES_DROPPED,
    NO_LINK,
    NOT_WEB,
    CellReader,
    Place,
    is_web,
)
from sphinx_vlmtable.importer.header import Leaf, top_level_index
from sphinx_vlmtable.importer.marks import MarkColumn, model_states
from sphinx_vlmtable.importer.receipt import LinkFate, RowFate, TableReceipt
from sphinx_vlmtable.importer.sections import filled_cells
from sphinx_vlmtable.importer.source import ImportOptions, SourceCell, SourceLink
from sphinx_vlmtable.importer.words import said

#: Why the other links of a name, and the links of rows not kept, were left out.
NAME_LINKS = "only a name's first link is the model's url (--markup keeps the others)"
IN_SECTION = "in a section row: a section is text"
ROW_LEFT_OUT = "its row was left out: no name"
TASK_STATE = "a task state (--matrix) is a word: its link was left out"

Values = list[tuple[str, Any]]


class RowConverter:
    """Body rows to models, table by table (``start``), every row's fate noted."""

    def __init__(self, leaves: list[Leaf], options: ImportOptions) -> None:
        self.leaves, self.options = leaves, options
        self.cells = CellReader(options.markup, options.badges == "keep")
        #: The current section (a section row's text, or the table's heading).
        self.section: str | None = None
        self.sections: dict[int, str] = {}
        self.has_sections = False
        #: Names whose cell had more links than the model's url (kept with --markup).
        self.has_name_links = False
        self.section_key, self.links_key = "section", "links"
        #: With ``--matrix``: the columns of marks, read as task states.
        self.marks: list[MarkColumn] = []
        self.names: dict[int, tuple[str, Values, list[LinkFate]]] = {}
        #: The rows read for a name (models, and rows left out without one).
        self.named_rows: list[list[SourceCell | None]] = []

    @property
    def receipt(self) -> TableReceipt:
        return self.cells.receipt

    def start(self, receipt: TableReceipt, sections: dict[int, str], section: str | None) -> None:
        """A new source table: its receipt, its section rows, its heading's section."""
        self.cells.receipt, self.sections, self.section = receipt, sections, section

    def model(self, row: list[SourceCell | None], index: int, model_index: int) -> Values | None:
        """The row as a model's ``(key, value)`` pairs; None for any other row."""
        filled = filled_cells(row)
        line = next((cell.line for cell in row if cell is not None), self.receipt.line)
        if not filled:
            self.receipt.rows.append(RowFate(line, "empty", "", "no cell holds anything"))
            return None
        if not any(cell.text.strip() or cell.links for cell in filled):
            why = "only pictures without a link: nothing to keep"
            self.receipt.rows.append(RowFate(line, "empty", "", why))
            for cell in filled:
                self.cells.drop_all(cell, Place("", "", cell.line), NO_LINK, "dropped")
            return None
        if index in self.sections:
            self.start_section(row, filled[0], line, self.sections[index])
            return None
        self.named_rows.append(row)
        name_cell = row[model_index] if model_index < len(row) else None
        name_leaf = next(leaf for leaf in self.leaves if leaf.key == MODEL_KEY)
        place = Place("", name_leaf.label, line)
        name, values = self.name(name_cell, place) if name_cell is not None else ("", [])
        if not name.strip():
            self.leave_out(row, filled, line, name_leaf.label)
            return None
        self.receipt.rows.append(RowFate(line, "model", name))
        return [(MODEL_KEY, name), *values, *self.row_values(row, name, line)]

    def row_values(self, row: list[SourceCell | None], name: str, line: int) -> Values:
        """A model's task states (``--matrix``), section and cells."""
        values: Values = []
        if self.marks:
            values.append((TASKS_KEY, model_states(self.marks, row)))
            for mark in self.marks:
                cell = row[mark.column] if mark.column < len(row) else None
                if cell is not None and not cell.is_blank:
                    place = Place(name, mark.task.name, cell.line)
                    self.cells.drop_all(cell, place, TASK_STATE, "kept")
        if self.section:
            self.has_sections = True
            values.append((self.section_key, self.section))
        for leaf in self.leaves:
            cell = row[leaf.column] if leaf.column < len(row) else None
            if leaf.key == MODEL_KEY or cell is None:
                continue
            value = self.cells.value(cell, leaf.key, Place(name, leaf.label, cell.line))
            if value is not None:
                values.append((leaf.key, value))
        return values

    def start_section(
        self, row: list[SourceCell | None], cell: SourceCell, line: int, why: str
    ) -> None:
        """A section row: its text is the section of the rows below it."""
        self.section = cell.text
        self.receipt.rows.append(RowFate(line, "section", cell.text, why))
        position = next(index for index, each in enumerate(row) if each is cell)
        label = next((leaf.label for leaf in self.leaves if leaf.column == position), "")
        self.cells.drop_all(cell, Place(cell.text, label, cell.line), IN_SECTION, "section")

    def leave_out(
        self, row: list[SourceCell | None], filled: list[SourceCell], line: int, label: str
    ) -> None:
        """A row with content but no name: left out, with its links and images."""
        first = next((cell.text for cell in filled if cell.text), "")
        why = f"no name in the column {said(label)}"
        self.receipt.rows.append(RowFate(line, "left out", first, why))
        for leaf in self.leaves:
            cell = row[leaf.column] if leaf.column < len(row) else None
            if cell is not None and not cell.is_blank:
                place = Place(first, leaf.label, cell.line)
                self.cells.drop_all(cell, place, ROW_LEFT_OUT, "dropped")

    def name(self, cell: SourceCell, place: Place) -> tuple[str, Values]:
        """The name, its url (its first web link) and its other links (a Links column
        with ``--markup``); a name of one linked badge is the badge's words."""
        known = self.names.get(id(cell))
        if known is not None:  # a merged name: the rows it covers share its links
            for fate in known[2]:
                fate.copies += 1
            return known[0], known[1]
        reader = self.cells
        name = cell.text
        badges = [link for link in cell.links if not link.text] if reader.keep_badges else []
        candidates = [*cell.text_links, *badges]  # a name's own link first
        if not name and candidates:
            name = badge_text(candidates[0])
        place.row = name
        reader.drop_images(cell, place)
        reader.note_losses(cell, place)
        for link in cell.links:
            if link not in candidates:
                reader.link(link, place, "dropped", BADGES_DROPPED)
        values, kept = self.name_links(candidates, place)
        if name.strip():
            reader.receipt.cells["kept"] += 1
        self.names[id(cell)] = (name, values, kept)
        reader.read_as(cell, name)  # if it spans another column too, it shows its name
        return name, values

    def name_links(self, links: list[SourceLink], place: Place) -> tuple[Values, list[LinkFate]]:
        """The first web link as the url; the others in the Links column, or dropped."""
        reader = self.cells
        values: Values = []
        kept: list[LinkFate] = []
        others: list[SourceLink] = []
        for link in links:
            if not is_web(link.url):
                reader.link(link, place, "dropped", NOT_WEB)
            elif not kept:
                kept.append(reader.link(link, place, "url"))
                values.append(("url", link.url))
            elif self.options.markup:
                kept.append(reader.link(link, place, "links"))
                others.append(link)
            else:
                reader.link(link, place, "dropped", NAME_LINKS)
        if others:
            self.has_name_links = True
            shown = ", ".join(
                markdown_link(link.text or badge_text(link), link.url) for link in others
            )
            values.append((self.links_key, shown))
        return values, kept

    def extra_columns(
        self, columns: tuple[Column, ...], section_label: str, model_index: int
    ) -> tuple[Column, ...]:
        """The section column (after the name's top-level column) and the name's other
        links, when any row has them."""
        extra = []
        if self.has_name_links:
            extra.append(Column("Links", self.links_key))
            self.cells.markup_keys.add(self.links_key)
        if self.has_sections:
            extra.append(Column(section_label, self.section_key))
        if not extra:
            return columns
        position = top_level_index(columns, model_index) + 1
        return columns[:position] + tuple(extra) + columns[position:]


def tell_repeated_names_apart(
    models: list[Values], notes: list[tuple[int, str]], line: int
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
