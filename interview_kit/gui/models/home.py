"""Rows and models of the Home page: my interviews, and every candidate with a search box.

Rows are plain frozen values the home wiring builds from service results. The candidate
list holds one search's result a page at a time (:mod:`interview_kit.gui.paged`): the
search, the sort and the paging run in SQL, so a pause in typing costs one small query
however many candidates there are, and nothing is loaded that nobody scrolls to.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush

from interview_kit.gui import theme
from interview_kit.gui.models.table import Column, RowTableModel
from interview_kit.gui.paged import PagedRowModel


def short_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


class InterviewStatus(StrEnum):
    NOT_STARTED = "not_started"
    DRAFT = "draft"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return {"not_started": "Not started", "draft": "Draft", "submitted": "Submitted"}[
            self.value
        ]

    @property
    def rank(self) -> int:
        return {"draft": 0, "not_started": 1, "submitted": 2}[self.value]


@dataclass(frozen=True)
class InterviewItem:
    """One of my assignments: a candidate's stage I interview."""

    candidate_uuid: str
    candidate_name: str
    stage_id: str
    stage_number: int
    stage_title: str
    status: InterviewStatus
    updated_at: datetime | None = None


@dataclass(frozen=True)
class CandidateItem:
    uuid: str
    name: str
    email: str = ""
    source: str = ""
    origin: str = ""
    status: str = ""
    updated_at: datetime | None = None
    stage_id: str = ""


def stage_text(titles: Mapping[str, str] | None, stage_id: str) -> str:
    """A candidate's stage as the list shows it: its title, else its id (a stage the
    active rubric lacks); blank while the titles are not read yet (``None``)."""
    if titles is None:
        return ""
    return titles.get(stage_id, stage_id)


def _status_colour(item: InterviewItem) -> Any:
    if item.status is InterviewStatus.DRAFT:
        return QBrush(theme.warning())
    if item.status is InterviewStatus.SUBMITTED:
        return QBrush(theme.success())
    return None


INTERVIEW_COLUMNS: tuple[Column[InterviewItem], ...] = (
    Column("Candidate", lambda r: r.candidate_name),
    Column(
        "Stage",
        lambda r: f"{r.stage_number}. {r.stage_title}",
        sort_key=lambda r: r.stage_number,
    ),
    Column(
        "Status",
        lambda r: r.status.label,
        sort_key=lambda r: r.status.rank,
        foreground=_status_colour,
    ),
    Column(
        "Last change",
        lambda r: short_time(r.updated_at),
        sort_key=lambda r: r.updated_at,
    ),
)


def candidate_columns(stage: Callable[[CandidateItem], str]) -> tuple[Column[CandidateItem], ...]:
    """The candidate list's columns; ``stage`` words a row's stage."""
    return (
        Column("Name", lambda r: r.name, tooltip=lambda r: r.name),
        Column("E-mail", lambda r: r.email, tooltip=lambda r: r.email),
        Column("Source", lambda r: r.source),
        Column("Path", lambda r: r.origin),
        Column("Stage", stage, tooltip=stage),
        Column("Status", lambda r: r.status),
        Column("Updated", lambda r: short_time(r.updated_at), sort_key=lambda r: r.updated_at),
    )


class MyInterviewsModel(RowTableModel[InterviewItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(INTERVIEW_COLUMNS, parent)


class CandidateListModel(PagedRowModel[CandidateItem]):
    """One search's candidates, a page at a time: filtered, sorted and paged in SQL
    (see :mod:`interview_kit.gui.paged`). Sorting records the wish and emits
    :attr:`sortChanged`; the wiring reads again in that order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(candidate_columns(self.stage_of), parent)
        self.sort_column = 0
        self.descending = False
        self._titles: Mapping[str, str] | None = None

    def stage_of(self, row: CandidateItem) -> str:
        """A row's stage as the list shows it (see :func:`stage_text`)."""
        return stage_text(self._titles, row.stage_id)

    def set_stage_titles(self, titles: Mapping[str, str]) -> None:
        """The stage titles the Stage column shows (start-up lists its first page before
        the rubric is read: the column is blank until then)."""
        self._titles = titles
        if self._rows:
            column = _STAGE_COLUMN
            self.dataChanged.emit(self.index(0, column), self.index(len(self._rows) - 1, column))

    def set_candidates(self, rows: Sequence[CandidateItem], total: int) -> None:
        self.set_page(rows, total)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._columns) or column in UNSORTABLE_CANDIDATE_COLUMNS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) == (self.sort_column, self.descending):
            return
        self.sort_column, self.descending = column, descending
        self.sortChanged.emit()


_STAGE_COLUMN = 4
"""The Stage column of :func:`candidate_columns`."""

UNSORTABLE_CANDIDATE_COLUMNS = frozenset({3})
"""The origin path column: the candidate list service does not sort on it."""
