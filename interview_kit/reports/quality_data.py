"""What the committee's hiring-quality report shows, as plain frozen values.

Each evidence view (reliability, validity, adverse impact, drift, overrides) becomes a
:class:`Section` of :class:`FigureTable` s: display-ready text in rows, with the count
behind each figure in its own column and the caveats as notes. The command line prints
the same tables; the PDF lays them out. Importing this module does not import ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class FigureTable:
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()
    """Caveats and how to read the figures, one sentence each."""
    flagged_rows: tuple[int, ...] = ()
    """Rows to draw attention to (a warning, a flag), by index."""
    empty_text: str = "Nothing recorded yet."


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    intro: str
    tables: tuple[FigureTable, ...]
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class QualityReportData:
    title: str
    database: str
    generated_at: datetime
    sections: tuple[Section, ...]
    note: str = ""
