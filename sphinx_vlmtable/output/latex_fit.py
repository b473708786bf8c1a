"""LaTeX: each table's column widths, font size, page orientation and table kind,
decided at build time from its cells, so a real survey fits the page with no option.

A column's *floor* is its longest word (a model name's words, which never break), its
*natural* width its longest cell; both are estimated in ems from the characters. The
columns get their floors, then what room is left in proportion to what each still
wants. A table whose floors do not fit the text block gets a smaller font, then a
landscape page (``:latex-fit: none`` turns that off); a table that may not fit one
page is a longtable, which breaks across pages and repeats its header. Linear in the
cells: each cell's text is read once.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sphinx_vlmtable.output.cells import PlacedCell

#: Font sizes to try, largest first, each with its size relative to the body font.
FONT_STEPS = (("", 1.0), ("small", 0.9), ("footnotesize", 0.8), ("scriptsize", 0.7))
FONT_SCALES = dict(FONT_STEPS) | {"tiny": 0.5, "normalsize": 1.0}
#: Room around each cell's text (2 \tabcolsep = 12pt at 10pt), in ems of the body font.
CELL_PADDING_EM = 1.2
#: The last resort of a wide table (a comparison of 15 projects by 30 features), turned
#: sideways: less room around each cell (\tabcolsep 2pt) at these sizes, before its
#: words would have to reach into the next column.
TIGHT_TABCOLSEP_PT = 2
TIGHT_STEPS = (("scriptsize", 0.7), ("tiny", 0.5))
#: A word longer than this many ems may break (a long URL): it does not set the floor.
LONGEST_FLOOR_EM = 16.0
#: A header word may hyphenate (header cells allow it): its floor is at most this, in
#: ems, or half the word, whichever is more.
HEADER_PIECE_EM = 4.0
#: A word longer than this may break after a slash (``Operations/Games/Robotics``);
#: a short one stays whole (``ViT-L/14``).
SLASH_BREAK_LENGTH = 12
#: A token of at most this many characters never breaks (at a hyphen or a slash):
#: ``GPT-4o-mini``, ``ViT-L/14``, ``2026-07-08`` (``latex_rows``).
SHORT_TOKEN_LENGTH = 12
#: A date, a number, a range or a size (``2024-01-01`` to ``2024-06-30`` with an en
#: dash, ``1,234.5``, ``3.5%``, ``7B``, with a minus sign or not): never broken.
NUMBER_LIKE = re.compile(
    "[(\\[]?[~\u2248<>\u2264\u2265\u00b1+\\-\u2212]?\\d"
    "[\\d.,:/\\-\u2013\u2212+\u00d7x%]*[A-Za-z%]{0,3}[)\\],;.]?"
)
#: What the table's header and its caption leave of a page's height, in body lines.
PAGE_MARGIN_LINES = 8


@dataclass(frozen=True)
class Page:
    """The text block, in ems of the body font: portrait width, and height."""

    width_em: float
    height_em: float

    @property
    def lines(self) -> float:
        """Body lines a page holds (a line is 1.2 em)."""
        return self.height_em / 1.2


#: Sizes of the text block (inches) under Sphinx's default 1in margins.
PAPER_INCHES = {"letterpaper": (6.5, 8.6), "a4paper": (6.27, 9.3)}


def page_for(papersize: str, pointsize: str) -> Page:
    """The text block of Sphinx's default layout for this paper and body font size."""
    width, height = PAPER_INCHES.get(papersize, PAPER_INCHES["letterpaper"])
    try:
        points = float(pointsize.removesuffix("pt"))
    except ValueError:
        points = 10.0
    return Page(width * 72.27 / points, height * 72.27 / points)


#: Estimated widths of characters, in ems: body cells in the roman (Times-like) font,
#: header and name cells in the bold sans (Helvetica-like) Sphinx sets them in.
_NARROW = set("ijlt.,;:'!|()[]/ f1I")
_WIDE = set("mwMW@%")
_ROMAN = {"narrow": 0.3, "wide": 0.85, "upper": 0.7, "other": 0.5}
_BOLD_SANS = {"narrow": 0.33, "wide": 0.93, "upper": 0.76, "other": 0.62}


def text_em(text: str, bold: bool = False) -> float:
    """The estimated width of ``text`` on one line, in ems (a little over, not under)."""
    widths = _BOLD_SANS if bold else _ROMAN
    width = 0.0
    for char in text:
        if not char.isascii() and unicodedata.east_asian_width(char) in "WF":
            width += 1.0  # a CJK character (XeLaTeX and LuaLaTeX print it): a square
        elif char in _NARROW:
            width += widths["narrow"]
        elif char in _WIDE:
            width += widths["wide"]
        elif char.isupper():
            width += widths["upper"]
        else:
            width += widths["other"]
    return width


def unbreakable(token: str) -> bool:
    """Whether a token stays on one line: short, or a date or a number."""
    return len(token) <= SHORT_TOKEN_LENGTH or NUMBER_LIKE.fullmatch(token) is not None


def words(text: str, stub: bool) -> Iterator[str]:
    """The pieces a line may not break inside: a name breaks only at spaces; other text
    also after a hyphen or a slash, but never inside a short token, a date or a number,
    and anywhere between CJK characters."""
    for word in text.split():
        if not stub and any(unicodedata.east_asian_width(char) in "WF" for char in word):
            yield from word  # XeLaTeX and LuaLaTeX may break between any two
            continue
        if stub or unbreakable(word):
            yield word
            continue
        piece = ""
        for char in word:
            piece += char
            if char == "-" or (char == "/" and len(word) > SLASH_BREAK_LENGTH):
                yield piece
                piece = ""
        if piece:
            yield piece


@dataclass
class ColumnNeeds:
    """What a column needs, in ems of the body font (before padding)."""

    floor: float = 0.0
    natural: float = 0.0
    #: Characters of text over all its cells: how much it holds.
    volume: float = 0.0


def column_needs(cells: Sequence[PlacedCell], count: int, stub_columns: int) -> list[ColumnNeeds]:
    needs = [ColumnNeeds() for _ in range(count)]
    # A long table repeats its values (``MLP``, ``2024``): each measured once.
    measured: dict[tuple[str, bool, bool], tuple[float, float]] = {}
    for cell in cells:
        column, header, text = cell.column, cell.header, cell.text
        if column >= count or cell.morecols:
            continue  # a group header spans its columns: their floors hold its words
        stub = column < stub_columns
        key = (text, header, stub)
        if key not in measured:
            measured[key] = _floor_and_natural(text, header, stub)
        floor, natural = measured[key]
        need = needs[column]
        need.floor = max(need.floor, floor)
        need.natural = max(need.natural, natural)
        need.volume += len(text)
    return needs


def _floor_and_natural(text: str, header: bool, stub: bool) -> tuple[float, float]:
    """The width a cell's longest unbreakable piece needs, and its width on one line."""
    bold = header or stub
    longest = max((text_em(w, bold) for w in words(text, stub and not header)), default=0)
    if header:  # a label hyphenates: its longest word needs about half its width
        longest = min(longest, max(HEADER_PIECE_EM, longest / 2))
    elif not stub:  # other text's very long words (a URL) may break; a name may not
        longest = min(longest, LONGEST_FLOOR_EM)
    return longest, text_em(" ".join(text.split()), bold)


@dataclass(frozen=True)
class Fit:
    """How a table is set: its font (a size command, or "" for the body font), whether
    on a landscape page, each column's share of the line, and its estimated height."""

    font: str
    landscape: bool
    shares: tuple[float, ...]
    fits: bool
    #: Set with less room around each cell (``TIGHT_TABCOLSEP_PT``).
    tight: bool = False

    @property
    def padding_em(self) -> float:
        """The room around each cell's text, in ems of the body font."""
        return TIGHT_TABCOLSEP_PT * 2 / 10 if self.tight else CELL_PADDING_EM


def fit_table(
    needs: Sequence[ColumnNeeds],
    page: Page,
    *,
    font: str | None = None,
    landscape: bool = False,
    automatic: bool = True,
    given: Sequence[int] | None = None,
) -> Fit:
    """The first font (and then orientation) at which every column gets its floor."""
    fonts = [(font, FONT_SCALES.get(font, 1.0))] if font is not None else list(FONT_STEPS)
    orientations = [landscape] if landscape or not automatic else [False, True]
    if not automatic:
        fonts = fonts[:1]
    last: Fit | None = None
    for turned in orientations:
        width = page.height_em if turned else page.width_em
        for name, scale in fonts:
            last = _widths(needs, width / scale, name or "", turned, given, scale)
            if last.fits:
                return last
    assert last is not None
    if automatic and given is None:
        for name, scale in TIGHT_STEPS:
            tight = _widths(needs, page.height_em / scale, name, True, None, scale, tight=True)
            if tight.fits:
                return tight
    return last


def _widths(
    needs: Sequence[ColumnNeeds],
    line_em: float,
    font: str,
    landscape: bool,
    given: Sequence[int] | None,
    scale: float,
    tight: bool = False,
) -> Fit:
    """Column shares of a line ``line_em`` wide (in ems of the table's font; the
    padding is fixed in points, so more ems of a smaller font)."""
    padding = Fit("", landscape, (), True, tight).padding_em / scale
    room = line_em - padding * len(needs)
    floors = [need.floor for need in needs]
    if given:  # shares of the whole line, as Sphinx's \X{width}{total} takes them
        total = sum(given)
        widths = [line_em * share / total - padding for share in given]
        fits = all(width >= floor for width, floor in zip(widths, floors, strict=True))
    else:
        fits = sum(floors) <= room
        # When even the floors do not fit, they share the line: the table never runs
        # off the page (a cell's longest word may then reach into the next).
        widths = _share_room(needs, room) if fits else [f * room / sum(floors) for f in floors]
    # Sphinx's \Y{share} takes the padding off the share of the line.
    shares = tuple(
        math.floor(1000 * (max(width, 0.5) + padding) / line_em) / 1000 for width in widths
    )
    return Fit(font, landscape, shares, fits, tight)


def _share_room(needs: Sequence[ColumnNeeds], room: float) -> list[float]:
    """Floors first; then what is left, to each column in proportion to what it still
    wants (its natural width beyond its floor); then any rest by volume."""
    widths = [need.floor for need in needs]
    left = room - sum(widths)
    wants = [max(need.natural - need.floor, 0.0) for need in needs]
    if left > 0 and sum(wants) > 0:
        given = min(left, sum(wants))
        widths = [w + given * want / sum(wants) for w, want in zip(widths, wants, strict=True)]
        left -= given
    if left > 0:
        volumes = [need.volume or 1.0 for need in needs]
        widths = [w + left * v / sum(volumes) for w, v in zip(widths, volumes, strict=True)]
    return widths


def table_lines(cells: Sequence[PlacedCell], fit: Fit, stub_columns: int, page: Page) -> float:
    """Estimated lines of the whole table at ``fit``: each row as tall as its fullest
    cell, plus a little for the rules."""
    scale = FONT_SCALES.get(fit.font, 1.0)
    line_em = (page.height_em if fit.landscape else page.width_em) / scale
    widths = [share * line_em - fit.padding_em / scale for share in fit.shares]
    rows: dict[object, float] = {}
    measured: dict[tuple[str, bool], float] = {}  # each repeated value measured once
    for cell in cells:
        column = cell.column
        if column >= len(widths):
            continue
        span = cell.morecols + 1
        width = sum(widths[column : column + span])
        bold = cell.header or column < stub_columns
        if (cell.text, bold) not in measured:
            measured[cell.text, bold] = text_em(" ".join(cell.text.split()), bold)
        lines = math.ceil(measured[cell.text, bold] / max(width, 0.5))
        rows[cell.row] = max(rows.get(cell.row, 1.0), float(lines) / (cell.morerows + 1))
    return sum(rows.values()) * scale + 0.3 * len(rows)
