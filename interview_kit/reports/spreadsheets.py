"""Spreadsheet files (CSV and XLSX) from plain rows: typed cells, nothing that runs.

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(and some treat a leading tab or carriage return the same way), so a candidate named
``=HYPERLINK(...)`` could act on whoever opens the export. Text is therefore written so
it never executes: in CSV, such text gets a leading apostrophe (what a spreadsheet's own
"text" marker is); in XLSX, every text cell is stored as a string, never as a formula,
and one that looks like a formula is marked as quoted text (``quotePrefix``, the
apostrophe Excel shows), so editing the cell does not turn it into one either; its
value stays exactly as stored.
Numbers and times are written as numbers and times, so they sort and sum.

The rows come as an iterable and are written as they come (XLSX in openpyxl's
write-only mode), so a large export never holds the whole sheet.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "FORMULA_STARTS",
    "CellType",
    "SheetColumn",
    "SheetFormat",
    "inert",
    "write_sheet",
]

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula."""


class SheetFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class CellType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    INTEGER = "integer"
    TIME = "time"


@dataclass(frozen=True)
class SheetColumn:
    title: str
    type: CellType = CellType.TEXT
    width: int = 16
    """In characters (XLSX column width)."""


def inert(text: str) -> str:
    """Text a spreadsheet shows as typed and never runs."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_sheet(
    path: Path,
    fmt: SheetFormat,
    title: str,
    columns: Sequence[SheetColumn],
    rows: Iterable[Sequence[Any]],
) -> int:
    """Write ``rows`` (one value per column; ``None`` for empty) to ``path``; the number
    of rows written. The file appears whole or not at all (written aside, then moved)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        if fmt is SheetFormat.CSV:
            count = _write_csv(partial, columns, rows)
        else:
            count = _write_xlsx(partial, title, columns, rows)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return count


def _csv_value(column: SheetColumn, value: Any) -> str:
    if value is None:
        return ""
    if column.type is CellType.TIME:
        return _utc(value).strftime("%Y-%m-%d %H:%M:%S")
    if column.type is CellType.NUMBER:
        return f"{float(value):.6g}" if isinstance(value, float) else str(value)
    if column.type is CellType.INTEGER:
        return str(int(value))
    return inert(str(value))


def _write_csv(path: Path, columns: Sequence[SheetColumn], rows: Iterable[Sequence[Any]]) -> int:
    count = 0
    # UTF-8 with a byte order mark: Excel reads it as UTF-8 only with one.
    with path.open("w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow([inert(column.title) for column in columns])
        for row in rows:
            writer.writerow(
                [_csv_value(column, value) for column, value in zip(columns, row, strict=True)]
            )
            count += 1
    return count


def _utc(value: datetime) -> datetime:
    """A naive UTC time (spreadsheets have no time zones; exports say UTC in the title)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None)


def _write_xlsx(
    path: Path, title: str, columns: Sequence[SheetColumn], rows: Iterable[Sequence[Any]]
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = column.width
    bold = Font(bold=True)

    def text_cell(text: str, *, font: Any = None) -> Any:
        cell = WriteOnlyCell(sheet, value=None)
        if font is not None:
            cell.font = font
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        cell.value = text
        cell.data_type = "s"  # a string, even when it looks like a formula
        return cell

    sheet.append([text_cell(column.title, font=bold) for column in columns])

    # Per column, how a value becomes a cell. Plain values cost a third of a styled cell:
    # only text that looks like a formula needs one (a time gets its date format from
    # openpyxl itself).
    def text(value: Any) -> Any:
        value = str(value)
        return text_cell(value) if value.startswith(FORMULA_STARTS) else value

    convert: dict[CellType, Callable[[Any], Any]] = {
        CellType.TEXT: text,
        CellType.TIME: _utc,
        CellType.INTEGER: int,
        CellType.NUMBER: float,
    }
    converters = [convert[column.type] for column in columns]
    count = 0
    for row in rows:
        sheet.append(
            [
                None if value is None else to_cell(value)
                for to_cell, value in zip(converters, row, strict=True)
            ]
        )
        count += 1
    book.save(path)
    return count


def _sheet_title(title: str) -> str:
    """A worksheet title Excel accepts: 31 characters, none of ``[]:*?/\\``."""
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'")
    return cleaned[:31] or "Sheet"
