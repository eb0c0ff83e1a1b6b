"""Rows and table models of the recruiter pages: the pipeline, interviewers, assignments.

Rows are plain frozen values the wiring builds from service results; the models never
query anything. The pipeline model is a page at a time, sorted, filtered and paged by
keyset in SQL (:mod:`interview_kit.gui.paged`): a header click records the wish and emits
``sortChanged``, scrolling near the end asks for the next page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import MappingProxyType
from typing import Any

from PySide6.QtCore import Qt

from interview_kit.gui import theme
from interview_kit.gui.models.table import Column, RowTableModel
from interview_kit.gui.paged import PagedRowModel


def short_date(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d")


def short_time(value: datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


_EMPTY: Mapping[str, str] = MappingProxyType({})

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class PipelineItem:
    uuid: str
    name: str
    email: str
    source: str
    origin: str
    status: str
    """The status value (``committee``)."""
    where: str
    """Status in words, with the stage when in one: "Technical deep dive", "Committee"."""
    stage_cells: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    stage_done: Mapping[str, bool] = field(default_factory=lambda: MappingProxyType({}))
    stage_tips: Mapping[str, str] = field(default_factory=lambda: _EMPTY)
    score: float | None = None
    recommendation: str = ""
    decision: str = ""
    updated_at: datetime | None = None
    closed: bool = False
    next_label: str = ""
    """What advancing does ("Advance to Technical deep dive"); empty once closed."""
    hidden_text: str = ""
    """Shown instead of the score, recommendation and decision while the signed-in
    interviewer has not submitted their own scorecard for this candidate."""
    hidden_tip: str = ""
    """Why they are hidden (the cells' tooltip)."""
    ready: bool = False
    """Every scorecard assigned in the current stage is submitted: the next step waits on
    the recruiter."""

    @property
    def where_text(self) -> str:
        """The "Where" cell: the status, and whether the candidate is ready to advance."""
        return f"{self.where} · ready to advance" if self.ready else self.where


def _result_cell(row: PipelineItem, text: str, short: bool = False) -> str:
    if row.hidden_text:
        return "hidden" if short else row.hidden_text
    return text


def _result_tip(row: PipelineItem) -> str:
    return row.hidden_tip


def _result_colour(row: PipelineItem) -> Any:
    return theme.muted() if row.hidden_text else None


@dataclass(frozen=True)
class StageColumn:
    stage_id: str
    title: str


# Sort keys the candidate service understands, by the fixed columns' titles.
SORTABLE = {
    "Name": "name",
    "E-mail": "email",
    "Source": "source",
    "Where": "status",
    "Score": "score",
    "Recommendation": "recommendation",
    "Updated": "updated",
}


def _status_colour(row: PipelineItem) -> Any:
    if row.ready:
        return theme.success()
    if row.status == "rejected":
        return theme.danger()
    if row.status in ("hired", "offer"):
        return theme.success()
    if row.closed:
        return theme.muted()
    return None


class PipelineModel(PagedRowModel[PipelineItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(self._columns_for(()), parent)
        self._stages: tuple[StageColumn, ...] = ()
        self.sort_key = "name"
        self.descending = False

    @staticmethod
    def _columns_for(stages: Sequence[StageColumn]) -> list[Column[PipelineItem]]:
        columns: list[Column[PipelineItem]] = [
            Column("Name", lambda r: r.name, tooltip=lambda r: r.email),
            Column(
                "Where",
                lambda r: r.where_text,
                foreground=_status_colour,
                tooltip=lambda r: (
                    f"{r.where}: every scorecard of this stage is in; {r.next_label.lower()}"
                    if r.ready
                    else r.where
                ),
            ),
        ]
        for stage in stages:
            stage_id = stage.stage_id
            columns.append(
                Column(
                    stage.title,
                    lambda r, s=stage_id: r.stage_cells.get(s, "—"),
                    foreground=lambda r, s=stage_id: (
                        theme.success() if r.stage_done.get(s) else None
                    ),
                    tooltip=lambda r, s=stage_id, t=stage.title: (
                        f"{t}: {r.stage_tips.get(s, 'nobody assigned yet')}"
                    ),
                    accessible=lambda r, s=stage_id, t=stage.title: (
                        f"{t}: {r.stage_tips.get(s, 'nobody assigned yet')}"
                    ),
                )
            )
        columns += [
            Column(
                "Score",
                lambda r: _result_cell(r, "" if r.score is None else f"{r.score:.2f}"),
                sort_key=lambda r: r.score,
                alignment=RIGHT,
                tooltip=_result_tip,
                foreground=_result_colour,
            ),
            Column(
                "Recommendation",
                lambda r: _result_cell(r, r.recommendation, short=True),
                tooltip=_result_tip,
                foreground=_result_colour,
            ),
            Column(
                "Decision",
                lambda r: _result_cell(r, r.decision, short=True),
                tooltip=_result_tip,
                foreground=_result_colour,
            ),
            Column("Source", lambda r: r.source),
            Column("E-mail", lambda r: r.email),
            Column(
                "Updated",
                lambda r: short_date(r.updated_at),
                tooltip=lambda r: short_time(r.updated_at),
            ),
        ]
        return columns

    # -- data in ---------------------------------------------------------------------
    def set_stages(self, stages: Sequence[StageColumn]) -> None:
        if tuple(stages) == self._stages:
            return
        self.beginResetModel()
        self._stages = tuple(stages)
        self._columns = self._columns_for(self._stages)
        self.endResetModel()

    def remove_uuid(self, uuid: str) -> None:
        self.remove_where(lambda row: row.uuid == uuid)

    def column_title(self, column: int) -> str:
        return self._columns[column].title if 0 <= column < len(self._columns) else ""

    def sort_column(self) -> int:
        """The column showing the current sort (for the header's indicator)."""
        for number in range(len(self._columns)):
            if self.is_sortable(number) and SORTABLE[self.column_title(number)] == self.sort_key:
                return number
        return 0

    # -- sorting ---------------------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section in self.stage_columns()
        ):
            return f"{self.column_title(section)}: scorecards submitted of those assigned"
        return super().headerData(section, orientation, role)

    def stage_columns(self) -> range:
        return range(2, 2 + len(self._stages))

    def is_sortable(self, column: int) -> bool:
        if column in self.stage_columns():
            return False
        return self.column_title(column) in SORTABLE

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not self.is_sortable(column):
            return
        key = SORTABLE[self.column_title(column)]
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return
        self.sort_key, self.descending = key, descending
        self.sortChanged.emit()


# ---------------------------------------------------------------------------------------
# Interviewers, assignments, who has not submitted


@dataclass(frozen=True)
class InterviewerItem:
    uuid: str
    name: str
    email: str
    role_title: str
    open_assignments: int = 0
    not_submitted: int = 0


INTERVIEWER_COLUMNS: tuple[Column[InterviewerItem], ...] = (
    Column("Name", lambda r: r.name, tooltip=lambda r: r.email),
    Column(
        "Open",
        lambda r: str(r.open_assignments),
        sort_key=lambda r: r.open_assignments,
        alignment=RIGHT,
        tooltip=lambda r: "Assignments on open candidates",
    ),
    Column(
        "Not submitted",
        lambda r: str(r.not_submitted),
        sort_key=lambda r: r.not_submitted,
        alignment=RIGHT,
        foreground=lambda r: theme.warning() if r.not_submitted else None,
    ),
    Column("Role", lambda r: r.role_title),
    Column("E-mail", lambda r: r.email),
)


class InterviewerModel(RowTableModel[InterviewerItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(INTERVIEWER_COLUMNS, parent)


@dataclass(frozen=True)
class AssignmentItem:
    candidate_uuid: str
    candidate_name: str
    stage_id: str
    stage_title: str
    stage_number: int
    interviewer_uuid: str
    interviewer_name: str
    status: str
    """``not started``, ``draft`` or ``submitted``."""
    assigned_at: datetime | None = None
    last_change: datetime | None = None
    starts_at: datetime | None = None
    place: str = ""

    def waiting_days(self, now: datetime | None = None) -> int | None:
        if self.assigned_at is None or self.status == "submitted":
            return None
        moment = now or datetime.now(UTC)
        return max(0, (moment - self.assigned_at).days)


def _assignment_status_colour(row: AssignmentItem) -> Any:
    if row.status == "submitted":
        return theme.success()
    if row.status == "draft":
        return theme.warning()
    return None


CANDIDATE_ASSIGNMENT_COLUMNS: tuple[Column[AssignmentItem], ...] = (
    Column(
        "Stage",
        lambda r: f"{r.stage_number}. {r.stage_title}" if r.stage_number else r.stage_title,
        sort_key=lambda r: (r.stage_number, r.interviewer_name.casefold()),
    ),
    Column("Interviewer", lambda r: r.interviewer_name),
    Column("Status", lambda r: r.status.capitalize(), foreground=_assignment_status_colour),
    Column("Last change", lambda r: short_time(r.last_change), sort_key=lambda r: r.last_change),
    Column(
        "Interview",
        lambda r: short_time(r.starts_at) + (f", {r.place}" if r.place else ""),
        sort_key=lambda r: (r.starts_at is None, r.starts_at),
    ),
)

PENDING_COLUMNS: tuple[Column[AssignmentItem], ...] = (
    Column("Candidate", lambda r: r.candidate_name),
    Column(
        "Stage",
        lambda r: f"{r.stage_number}. {r.stage_title}" if r.stage_number else r.stage_title,
        sort_key=lambda r: r.stage_number,
    ),
    Column("Interviewer", lambda r: r.interviewer_name),
    Column("Status", lambda r: r.status.capitalize(), foreground=_assignment_status_colour),
    Column(
        "Waiting",
        lambda r: "" if r.waiting_days() is None else f"{r.waiting_days()} d",
        sort_key=lambda r: r.waiting_days(),
        alignment=RIGHT,
        tooltip=lambda r: f"Assigned {short_time(r.assigned_at)}",
    ),
)


class CandidateAssignmentModel(RowTableModel[AssignmentItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(CANDIDATE_ASSIGNMENT_COLUMNS, parent)


class PendingModel(RowTableModel[AssignmentItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(PENDING_COLUMNS, parent)


@dataclass(frozen=True)
class CandidatePick:
    """A candidate in a short search result (assignments, committee)."""

    uuid: str
    name: str
    email: str
    where: str
    status: str = ""


PICK_COLUMNS: tuple[Column[CandidatePick], ...] = (
    Column("Name", lambda r: r.name),
    Column("Where", lambda r: r.where),
)


class CandidatePickModel(RowTableModel[CandidatePick]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(PICK_COLUMNS, parent)
