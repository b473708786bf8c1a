"""The cells of an expanded table, as writers place them: each entry's column (the
rowspans of rows above skipped), and the text it shows. Shared by the LaTeX fitting
and the HTML wrapping, which both measure columns."""

from __future__ import annotations

from collections.abc import Iterator

from docutils import nodes


def placed_entries(table: nodes.table) -> Iterator[tuple[nodes.entry, int, bool]]:
    """Each entry with its first column (rowspans of rows above skipped) and whether it
    is a header cell."""
    for section in table.findall(lambda n: isinstance(n, (nodes.thead, nodes.tbody))):
        covered: dict[int, int] = {}  # column -> rows still covered from above
        for row in section.children:
            if not isinstance(row, nodes.row):
                continue
            column = 0
            for entry in row.children:
                if not isinstance(entry, nodes.entry):
                    continue
                while covered.get(column, 0) > 0:
                    column += 1
                yield entry, column, isinstance(section, nodes.thead)
                span = entry.get("morecols", 0) + 1
                for position in range(column, column + span):
                    covered[position] = entry.get("morerows", 0) + 1
                column += span
            covered = {c: left - 1 for c, left in covered.items() if left > 1}


def shown_text(entry: nodes.entry) -> str:
    """The text a cell shows (not the LaTeX this module and others put in it)."""
    return "".join(
        text.astext()
        for text in entry.findall(nodes.Text)
        if not isinstance(text.parent, nodes.raw)
    )
