"""Source rows placed in a grid by their spans, as a browser lays out a table."""

from __future__ import annotations

from sphinx_vlmtable.importer.source import SourceCell

#: Grid positions (rows x columns) a table may have: a few cells with large spans must
#: not make millions of positions.
MAX_GRID = 2_000_000


def cell_grid(rows: list[list[SourceCell]], width: int) -> list[list[SourceCell | None]]:
    """Place cells in a grid by their spans; each position holds the cell covering it.
    Spans are clamped to the table: no wider than ``width`` (its widest row's cells), no
    longer than the rows left."""
    grid: list[list[SourceCell | None]] = []
    for row_index, row in enumerate(rows):
        while len(grid) <= row_index:
            grid.append([])
        column = 0
        for cell in row:
            while column < len(grid[row_index]) and grid[row_index][column] is not None:
                column += 1
            cell.colspan = max(1, min(cell.colspan, width - column))
            cell.rowspan = max(1, min(cell.rowspan, len(rows) - row_index))
            for below in range(cell.rowspan):
                target = row_index + below
                while len(grid) <= target:
                    grid.append([])
                for across in range(cell.colspan):
                    position = column + across
                    line = grid[target]
                    while len(line) <= position:
                        line.append(None)
                    line[position] = cell
            column += cell.colspan
    width = max((len(line) for line in grid), default=0)
    for line in grid:
        line.extend([None] * (width - len(line)))
    return grid
