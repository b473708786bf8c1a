"""LaTeX: how rows and words of a table read apart. A rule between the groups of rows
``:merge:`` makes (none inside a group: the short rules under group header cells are
the header's only), and dates, numbers and short codes that never break inside
(``2026-07-08``, ``GPT-4o-mini``): the column fitting gives them their width whole
(``latex_fit.words``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from docutils import nodes

from sphinx_vlmtable.output.cells import PlacedCell, colspecs, sections
from sphinx_vlmtable.output.latex_fit import SLASH_BREAK_LENGTH, unbreakable

#: In a name's cell: no hyphenation and no break at its own hyphens, only at spaces.
NAME_BREAKS = r"\hyphenpenalty=10000\exhyphenpenalty=10000\relax "

#: Where TeX may break a word on its own: after a hyphen, an en dash or a slash.
_BREAKS = frozenset("-\u2013/")

#: Set at the end of the header and cleared at its start (the header of a long table
#: is set again on each page): the short rules under group header cells are drawn in
#: the header only, never between the rows of a merged group.
HEAD_STARTS = r"\noalign{\global\sphinxvlmtablebodyfalse}"
HEAD_ENDS = r"\noalign{\global\sphinxvlmtablebodytrue}"


def rules_in_header_only(table: nodes.table) -> None:
    for thead in sections(table):
        if isinstance(thead, nodes.thead) and thead.children:
            thead.insert(0, nodes.raw("", HEAD_STARTS, format="latex"))
            thead.append(nodes.raw("", HEAD_ENDS, format="latex"))


def rules_between_groups(table: nodes.table, cells: Sequence[PlacedCell]) -> None:
    """A rule (booktabs) or a little space (borderless) between merged groups of rows:
    after each row where a group ends or before one where a group starts, over the
    columns no merged cell crosses there. (A compact body's are written with its rows:
    ``latex_body.py``.)"""
    count = len(colspecs(table))
    for tbody in sections(table):
        if not isinstance(tbody, nodes.tbody):
            continue
        rows = [row for row in tbody.children if isinstance(row, nodes.row)]
        index = {id(row): number for number, row in enumerate(rows)}
        spans = [
            (index[id(cell.entry.parent)], cell.morerows, cell.column)
            for cell in cells
            if cell.entry is not None
            and not cell.header
            and cell.morerows
            and id(cell.entry.parent) in index
        ]
        rules = group_rules(table["classes"], spans, len(rows), count)
        for after in sorted(rules, reverse=True):
            raw = nodes.raw("", rules[after], format="latex")
            tbody.insert(tbody.index(rows[after]) + 1, raw)


def group_rules(
    classes: Sequence[str], spans: Sequence[tuple[int, int, int]], rows: int, count: int
) -> dict[int, str]:
    """The LaTeX after each row where a merged group ends or before one where a group
    starts, by row: ``spans`` are ``(first row, rows below, column)`` of merged cells."""
    if "booktabs" not in classes and "borderless" not in classes:
        return {}  # Sphinx's other styles rule every row already
    # The columns a merged cell crosses between a row and the next, by row: each span
    # counted once per row it covers (no boundary looks through every span).
    crossing: dict[int, set[int]] = {}
    for first, more, column in spans:
        for row in range(first, first + more):
            crossing.setdefault(row, set()).add(column)
    rules = {}
    for after in _boundaries(spans, rows):
        rules[after] = (
            "".join(
                rf"\sphinxvlmtablegrouprule{{{first + 1}-{last + 1}}}"
                for first, last in _free_ranges(crossing.get(after, set()), count)
            )
            if "booktabs" in classes
            else r"\sphinxvlmtablegroupspace"
        )
    return rules


def _boundaries(spans: Sequence[tuple[int, int, int]], rows: int) -> set[int]:
    """The rows after which a merged group ends or before which one starts."""
    found = set()
    for first, more, _column in spans:
        found.update({first - 1, first + more})
    return {row for row in found if 0 <= row < rows - 1}


def _free_ranges(crossing: set[int], count: int) -> list[tuple[int, int]]:
    """The runs of columns ``0..count-1`` outside ``crossing``."""
    ranges: list[tuple[int, int]] = []
    for column in range(count):
        if column in crossing:
            continue
        if ranges and ranges[-1][1] == column - 1:
            ranges[-1] = (ranges[-1][0], column)
        else:
            ranges.append((column, column))
    return ranges


def keep_tokens_whole(cells: Sequence[PlacedCell], stubs: int) -> None:
    """Dates, numbers and short codes in one piece (``\\mbox``): TeX would break them
    after a hyphen or a slash (``2026-07-|08``). Names keep their own rule; labels may
    hyphenate."""
    for cell in cells:
        if cell.header or cell.column < stubs or not _BREAKS.intersection(cell.text):
            continue
        for text in list(cell.entry.findall(nodes.Text)) if cell.entry is not None else ():
            parent = text.parent
            if parent is None or isinstance(parent, (nodes.raw, nodes.literal)):
                continue
            pieces = _boxed(str(text))
            if any(isinstance(piece, vlmtable_whole) for piece in pieces):
                parent.replace(text, pieces)


class vlmtable_whole(nodes.Inline, nodes.TextElement):
    """A token LaTeX sets in an ``\\mbox`` (only LaTeX ever sees one): one node where
    raw ``\\mbox{`` and ``}`` around its text would be three."""


def visit_whole_latex(translator: Any, _node: vlmtable_whole) -> None:
    translator.body.append(r"\mbox{")


def depart_whole_latex(translator: Any, _node: vlmtable_whole) -> None:
    translator.body.append("}")


def _boxed(text: str) -> list[nodes.Node]:
    """``text`` with each token that must stay whole in an ``\\mbox``."""
    found: list[nodes.Node] = []
    pending = ""
    for word in re.split(r"(\s+)", text):
        if not _BREAKS.intersection(word) or not unbreakable(word):
            pending += word
            continue
        found += [nodes.Text(pending)] if pending else []
        found.append(vlmtable_whole(word, word))
        pending = ""
    return [*found, nodes.Text(pending)] if pending else found


def keep_names_whole(table: nodes.table) -> None:
    """A model's name is never hyphenated nor broken at its own hyphens (Qwen2.5-VL);
    it wraps at its spaces, so a long name never runs over the next column."""
    specs = colspecs(table)
    if not specs or not specs[0].get("stub"):
        return
    for tbody in sections(table):
        if not isinstance(tbody, nodes.tbody):
            continue
        for row in tbody.children:
            first = next(row.findall(nodes.entry), None) if isinstance(row, nodes.row) else None
            if first is not None:
                keep_names_whole_in(first)


def anchor_row(entry: nodes.entry, ids: list[str]) -> None:
    """A row's anchors at the start of its first cell: a LaTeX table row has no anchor of
    its own, so links to a model (``:vlm:model:``) land there."""
    paragraph = next(entry.findall(nodes.paragraph), None)
    if paragraph is not None:
        paragraph.insert(0, nodes.target("", "", ids=list(ids)))


def keep_names_whole_in(entry: nodes.entry) -> None:
    """The first cell of a row (its name): breaks only at its spaces."""
    paragraph = next(entry.findall(nodes.paragraph), None)
    if paragraph is not None:
        # Read at the paragraph's end, where TeX breaks its lines: for this cell only.
        paragraph.insert(0, nodes.raw("", NAME_BREAKS, format="latex"))


def allow_breaks_after_slashes(cells: Sequence[PlacedCell]) -> None:
    """A line may break after a ``/`` (``UI Operations/Games/Robotics``), as the
    column floors count on; TeX does not break there on its own. Names excepted."""
    for cell in cells:
        entry = cell.entry
        if entry is None or (cell.column == 0 and not cell.header):
            continue  # a model's name breaks only at its spaces
        if "/" not in cell.text:
            continue
        for text in list(entry.findall(nodes.Text)):
            if "/" not in text or isinstance(text.parent, nodes.raw) or text.parent is None:
                continue
            parent, replacement = text.parent, slash_breaks(str(text))
            if len(replacement) == 1:
                continue
            position = parent.index(text)
            parent[position : position + 1] = replacement


def slash_breaks(text: str) -> list[nodes.Node]:
    """``text`` with a break allowed after each slash of its long words."""
    found: list[nodes.Node] = []
    pending = ""
    for word in re.split(r"(\s+)", text):
        if "/" not in word or len(word) <= SLASH_BREAK_LENGTH:
            pending += word
            continue
        *heads, tail = word.split("/")
        for head in heads:
            found += [
                nodes.Text(pending + head + "/"),
                nodes.raw("", r"\allowbreak{}", format="latex"),
            ]
            pending = ""
        pending = tail
    return [*found, nodes.Text(pending)] if pending or not found else found
