"""An interactive table's sort data: each row's rank in each column (pure)."""

from __future__ import annotations

from sphinx_vlmtable.view.table import TableView


def column_ranks(view: TableView) -> list[list[int | None]]:
    """Each row's rank in each column: equal values share a rank; no value is None."""
    columns = []
    for column, leaf in enumerate(view.leaves):
        shown = [row.cells[column] for row in view.rows]
        reading = next((cell.reading for cell in shown if cell is not None), None)
        values = []
        for row, cell in zip(view.rows, shown, strict=True):
            if cell is not None:
                values.append(cell.sort_key)
                continue
            # Covered by a merged cell above: the same text, so the same value.
            text = row.model.reading_values.get(leaf.key or "")
            values.append(reading.value(text) if reading and text is not None else None)
        distinct = sorted({value for value in values if value is not None})
        rank = {value: index for index, value in enumerate(distinct)}
        columns.append([None if value is None else rank[value] for value in values])
    return [list(row) for row in zip(*columns, strict=True)]
