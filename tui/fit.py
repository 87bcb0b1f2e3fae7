"""Tables and labels that fit the terminal: columns chosen by width, text cut with "…" rather than lost.

A DataTable cuts a too-long cell silently and runs off the right edge when its columns are wider than the
screen; at 80 columns the follow-ups and assessments tables did both. Each table says which columns matter most;
the rest give way first. Nothing is lost by that: a line under the table (`RowDetail`) shows, for the highlighted
row, every value that a left-out column or a cut cell does not show in full.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.widgets import DataTable, Static

from te_navigator.models.formatting import ELLIPSIS, clip

CELL_PADDING = 2  # a DataTable pads every cell by one column on each side
SCROLLBAR = 2  # room for the vertical scrollbar when the rows outgrow the screen


def clip_text(text: Text | str, width: int) -> Text | str:
    if isinstance(text, str):
        return clip(text, width)
    if len(text.plain) <= width:
        return text
    clipped = text.copy()
    clipped.truncate(max(width - 1, 0))
    clipped.rstrip()
    clipped.append(ELLIPSIS)
    return clipped


@dataclass(frozen=True)
class Column:
    label: str
    min_width: int
    max_width: int
    priority: int = 0  # the lower, the longer the column stays when the screen is narrow


class FittedTable:
    """Puts `columns` into `table` so they fit `available` columns and clips every cell to its column."""

    def __init__(self, table: DataTable, columns: list[Column], available: int) -> None:
        self.table = table
        self.columns = columns
        self.rows: list[list[str] | None] = []  # each table row's full texts; None for a heading
        self.widths = fit_widths(columns, available - SCROLLBAR)
        table.clear(columns=True)
        for column, width in zip(columns, self.widths, strict=True):
            if width:
                table.add_column(clip(column.label, width), width=width)

    def add_heading(self, heading: str, style: str = "bold") -> None:
        """A row that reads as one line of text across the columns: its words flow from column to column."""
        words = heading.split()
        cells: list[Text] = []
        for width in (w for w in self.widths if w):
            line = ""
            while words and len(f"{line} {words[0]}".strip()) <= width:
                line = f"{line} {words.pop(0)}".strip()
            cells.append(Text(line, style=style))
        if words:  # what still did not fit ends the last column with "…"
            last = cells[-1].plain if cells else ""
            cells[-1] = Text(clip(f"{last} {' '.join(words)}", self.widths_shown[-1]), style=style)
        self.table.add_row(*cells)
        self.rows.append(None)

    @property
    def widths_shown(self) -> list[int]:
        return [w for w in self.widths if w]

    def add_row(self, *cells: Text | str, key: str | None = None) -> None:
        shown = [clip_text(cell, width) for cell, width in zip(cells, self.widths, strict=True) if width]
        self.table.add_row(*shown, key=key)
        self.rows.append([cell.plain if isinstance(cell, Text) else cell for cell in cells])

    def not_shown(self, row: int | None) -> list[tuple[str, str]]:
        """(column label, full value) of what row `row` does not show in full: left-out columns, cut cells."""
        if row is None or not 0 <= row < len(self.rows) or self.rows[row] is None:
            return []
        return [
            (column.label, value)
            for column, width, value in zip(self.columns, self.widths, self.rows[row], strict=True)
            if value.strip() and (not width or len(value) > width)
        ]


class RowDetail(Static):
    """Under a fitted table: the highlighted row's values that its columns leave out or cut, in full."""

    DEFAULT_CSS = """
    RowDetail {
        height: auto;
        max-height: 3;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def show_row(self, table: FittedTable | None, row: int | None) -> None:
        parts = table.not_shown(row) if table is not None else []
        self.update(Text("  ·  ".join(f"{label}: {value}" for label, value in parts)))


def fit_widths(columns: list[Column], available: int) -> list[int]:
    """Each column's width, 0 for a column left out: the lowest priority leaves first, then space is shared out
    up to each column's max_width, most important column first (of equals, the narrower)."""
    kept = list(range(len(columns)))
    while kept and sum(columns[i].min_width + CELL_PADDING for i in kept) > available:
        kept.remove(max(kept, key=lambda i: (columns[i].priority, i)))
    widths = [columns[i].min_width if i in kept else 0 for i in range(len(columns))]
    spare = available - sum(w + CELL_PADDING for w in widths if w)
    for i in sorted(kept, key=lambda i: (columns[i].priority, columns[i].max_width, i)):
        extra = min(spare, columns[i].max_width - widths[i])
        if extra > 0:
            widths[i] += extra
            spare -= extra
    return widths
