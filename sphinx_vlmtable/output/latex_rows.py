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
from sphinx_vlmtable.output.latex_fit import unbreakable

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
    columns no merged cell crosses there."""
    classes = set(table["classes"])
    if "booktabs" not in classes and "borderless" not in classes:
        return  # Sphinx's other styles rule every row already
    count = len(colspecs(table))
    for tbody in sections(table):
        if not isinstance(tbody, nodes.tbody):
            continue
        rows = [row for row in tbody.children if isinstance(row, nodes.row)]
        index = {id(row): number for number, row in enumerate(rows)}
        spans = [
            (index[id(cell.entry.parent)], cell.entry["morerows"], cell.column)
            for cell in cells
            if not cell.header and cell.entry.get("morerows") and id(cell.entry.parent) in index
        ]
        for after in sorted(_boundaries(spans, len(rows)), reverse=True):
            crossing = {column for first, more, column in spans if first <= after < first + more}
            latex = (
                "".join(
                    rf"\sphinxvlmtablegrouprule{{{first + 1}-{last + 1}}}"
                    for first, last in _free_ranges(crossing, count)
                )
                if "booktabs" in classes
                else r"\sphinxvlmtablegroupspace"
            )
            tbody.insert(tbody.index(rows[after]) + 1, nodes.raw("", latex, format="latex"))


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
        for text in list(cell.entry.findall(nodes.Text)):
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
