"""A source cell to a model's value, each of its links and images given a fate in the
receipt: a cell that is one link becomes ``{text, url}``; a linked badge too, with the
badge's words (``badges.badge_text``) unless ``--badges drop``; links inside text are
kept by ``--markup`` (a ``markup: myst`` cell) or dropped with why; an image without a
link is dropped (its picture is not data). A merged cell is read once and its value
given to every row it covers. Pure; no Sphinx."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sphinx_vlmtable.importer.badges import badge_text
from sphinx_vlmtable.importer.receipt import ImageFate, LinkFate, TableReceipt
from sphinx_vlmtable.importer.source import SourceCell, SourceLink
from sphinx_vlmtable.importer.words import said

#: Why links and images were left out, in the receipt and the messages.
NOT_WEB = "not an http(s) link"
INSIDE_TEXT = "a link inside the text (--markup keeps it)"
ONE_LINK = "a cell holds one link (--markup keeps them all)"
BADGES_DROPPED = "a linked badge (--badges drop)"
NO_LINK = "an image without a link: its picture is not data"
IN_HEADER = "a column's label is text"

#: The row a header cell's links are noted in.
HEADER_ROW = "(header)"


def is_web(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


@dataclass
class Place:
    """Where a cell is: its row's model (or section), its column, its line."""

    row: str
    column: str
    line: int

    @property
    def where(self) -> str:
        """How messages name the place: the row's model and the column."""
        return where(self.row, self.column)


def where(row: str, column: str) -> str:
    """``'anchor-web', column 'Repo'``; the header, or the column alone, when there is no
    model to name."""
    if row == HEADER_ROW:
        return f"the header {said(column)}"
    if not row:
        return f"the column {said(column)}" if column else "a row without text"
    return f"{said(row)}, column {said(column)}"


@dataclass
class _Read:
    """A cell as read once: its value and the fates of what it kept."""

    value: Any
    kept: list[LinkFate]
    markup: bool


class CellReader:
    """Reads cells into values, noting every link's and image's fate in ``receipt``."""

    def __init__(self, markup: bool, keep_badges: bool) -> None:
        self.markup, self.keep_badges = markup, keep_badges
        self.receipt = TableReceipt(0, 0, None)
        self.read_cells: dict[int, _Read] = {}
        #: The columns whose cells are markup (``--markup``).
        self.markup_keys: set[str] = set()
        #: ``(line, message)`` for what a cell held that no cell can (a footnote), and
        #: for markup kept as its text.
        self.losses: list[tuple[int, str]] = []
        self.notes: list[tuple[int, str]] = []

    def note_losses(self, cell: SourceCell, place: Place) -> None:
        for loss in cell.losses:
            self.losses.append((cell.line, f"{loss} in {place.where} was left out"))

    def value(self, cell: SourceCell, key: str, place: Place) -> Any:
        """The cell's value in the column ``key`` (None for nothing to keep)."""
        if cell.is_blank:
            return None
        known = self.read_cells.get(id(cell))
        if known is None:
            known = self.read_cells[id(cell)] = self._read(cell, place)
            self.receipt.cells["kept" if known.value is not None else "dropped"] += 1
        else:
            for fate in known.kept:
                fate.copies += 1
        if known.markup:
            self.markup_keys.add(key)
        return known.value

    def _read(self, cell: SourceCell, place: Place) -> _Read:
        self.drop_images(cell, place)
        self.note_losses(cell, place)
        if cell.markup is not None and (self.markup or cell.link is None):
            return self._mixed(cell, place)
        if cell.markup is not None:  # one link around emphasis or code: a link cell
            message = f"{cell.markup} in {place.where} is kept as text (--markup keeps it)"
            self.notes.append((cell.line, message))
        if cell.link is not None:
            (link,) = cell.text_links
            if is_web(link.url):
                fate = self.link(link, place, "cell")
                return _Read({"text": cell.text, "url": link.url}, [fate], False)
            self.link(link, place, "dropped", NOT_WEB)
            return _Read(cell.text, [], False)
        if cell.text or not cell.links:
            for link in cell.links:  # links without text beside plain text: none kept
                self.drop_inside(link, place)
            return _Read(cell.text or None, [], False)
        return self._badges(cell, place)

    def _mixed(self, cell: SourceCell, place: Place) -> _Read:
        """Text with links inside, emphasis or code: markup with ``--markup``, else its
        text (each link dropped)."""
        source = cell.source if self.keep_badges else cell.source_without_badges
        if self.markup and source:
            kept = [self.link(link, place, "markup") for link in self._markup_links(cell, place)]
            return _Read(source, kept, True)
        for link in cell.links:
            self.drop_inside(link, place)
        if not cell.links:
            message = f"{cell.markup} in {place.where} is kept as text (--markup keeps it)"
            self.notes.append((cell.line, message))
        return _Read(cell.text or None, [], False)

    def _markup_links(self, cell: SourceCell, place: Place) -> list[SourceLink]:
        """The links a markup cell keeps (each other one dropped, with why)."""
        kept = []
        for link in cell.links:
            if not link.text and not self.keep_badges:
                self.link(link, place, "dropped", BADGES_DROPPED)
            else:
                kept.append(link)
        return kept

    def _badges(self, cell: SourceCell, place: Place) -> _Read:
        """A cell of linked badges and no text: the first kept as ``{text, url}`` (all
        of them as markup with ``--markup``), unless ``--badges drop``."""
        if not self.keep_badges:
            for link in cell.links:
                self.link(link, place, "dropped", BADGES_DROPPED)
            return _Read(None, [], False)
        web = [link for link in cell.links if is_web(link.url)]
        for link in cell.links:
            if not is_web(link.url):
                self.link(link, place, "dropped", NOT_WEB)
        if len(web) > 1 and self.markup and cell.source:
            kept = [self.link(link, place, "markup") for link in web]
            return _Read(cell.source, kept, True)
        if not web:
            return _Read(None, [], False)
        first = self.link(web[0], place, "cell")
        for link in web[1:]:
            self.link(link, place, "dropped", ONE_LINK)
        return _Read({"text": badge_text(web[0]), "url": web[0].url}, [first], False)

    def drop_inside(self, link: SourceLink, place: Place) -> None:
        """A link in a cell that keeps only its text: dropped, as not a web link if it
        is none (a relative ``./crate`` is never kept), else as a link inside text."""
        self.link(link, place, "dropped", INSIDE_TEXT if is_web(link.url) else NOT_WEB)

    def link(self, link: SourceLink, place: Place, went: str, reason: str = "") -> LinkFate:
        """Note where a link went (and its images: kept with it, or dropped)."""
        text = link.text or badge_text(link)
        fate = LinkFate(place.line, place.row, place.column, text, link.url, went, reason)
        fate.badge = not link.text
        self.receipt.links.append(fate)
        for image in link.images:
            kept = went != "dropped" and not link.text
            image_went = "link" if kept else "dropped"
            why = "" if kept else (reason if not link.text else "an image inside a link's text")
            self.receipt.images.append(
                ImageFate(
                    place.line, place.row, place.column, image.src, image.alt, image_went, why
                )
            )
        return fate

    def drop_images(self, cell: SourceCell, place: Place) -> None:
        """The images outside any link: left out, each noted."""
        for image in cell.images:
            self.receipt.images.append(
                ImageFate(
                    place.line, place.row, place.column, image.src, image.alt, "dropped", NO_LINK
                )
            )

    def read_as(self, cell: SourceCell, value: Any) -> None:
        """A cell read elsewhere (a name): in any other column it covers, ``value``."""
        self.read_cells[id(cell)] = _Read(value, [], False)

    def drop_all(self, cell: SourceCell, place: Place, reason: str, counted: str) -> None:
        """A cell whose row or column is not kept (``counted``: "section", "dropped"):
        its links and images dropped, with ``reason``."""
        if id(cell) in self.read_cells:
            return
        self.read_cells[id(cell)] = _Read(None, [], False)
        self.receipt.cells[counted] += 1
        self.drop_images(cell, place)
        self.note_losses(cell, place)
        for link in cell.links:
            self.link(link, place, "dropped", reason)
