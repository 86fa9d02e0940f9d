"""Fitting a DataTable's main text column to the width the other columns leave."""

from __future__ import annotations

from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey


def fit_column(table: DataTable[object], key: str, minimum: int) -> None:
    """Give column ``key`` all the width the other columns leave, but at least ``minimum``."""
    if not table.size.width:
        return
    others = sum(c.width for c in table.columns.values() if c.key != key)
    padding = 2 * table.cell_padding * len(table.columns) + 2
    width = max(minimum, table.size.width - others - padding)
    column = table.columns[ColumnKey(key)]
    if column.width != width or column.auto_width:
        column.auto_width = False
        column.width = width
        table.refresh()
