"""The committee's tables: ratings grid per stage, signals and red flags, trace, decisions.

The grid is built from the engine's result as plain values (:func:`stage_grid`), so the
model only shows them: interviewers across, criteria down, each criterion's mean and
spread, and a row whose spread reaches the rubric's threshold highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from interview_kit.domain.engine import Recommendation
from interview_kit.domain.rubric import Rubric
from interview_kit.gui import theme
from interview_kit.gui.models.table import Column, RowTableModel

AnyIndex = QModelIndex | QPersistentModelIndex
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
TOP = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
"""Rows grow with their evidence: every cell starts at the top, where the eye does."""


@dataclass(frozen=True)
class GridRow:
    criterion_id: str
    title: str
    weight: float
    ratings: tuple[int | None, ...]
    """One per interviewer column; ``None`` is N/A, ``-1`` not rated by that scorecard."""
    evidence: tuple[str, ...]
    mean: float | None
    spread: int | None
    flagged: bool


@dataclass(frozen=True)
class StageGrid:
    stage_id: str
    title: str
    interviewers: tuple[str, ...]
    rows: tuple[GridRow, ...]
    card_scores: tuple[float | None, ...]
    votes: tuple[str, ...]
    stage_score: float | None
    spread_threshold: int

    @property
    def flagged_count(self) -> int:
        return sum(1 for row in self.rows if row.flagged)


NOT_RATED = -1


def stage_grid(rubric: Rubric, result: Recommendation, stage_id: str) -> StageGrid:
    stage_result = next(s for s in result.stages if s.stage_id == stage_id)
    cards = stage_result.scorecards
    threshold = rubric.rules.spread_threshold
    rows = []
    for criterion in result.criteria:
        if criterion.stage_id != stage_id:
            continue
        by_card = {entry.scorecard_uuid: entry for entry in criterion.ratings}
        ratings: list[int | None] = []
        evidence: list[str] = []
        for card in cards:
            entry = by_card.get(card.uuid)
            ratings.append(NOT_RATED if entry is None else entry.rating)
            evidence.append("" if entry is None else entry.evidence)
        spread = criterion.spread
        rows.append(
            GridRow(
                criterion_id=criterion.criterion_id,
                title=criterion.title,
                weight=criterion.weight,
                ratings=tuple(ratings),
                evidence=tuple(evidence),
                mean=criterion.mean,
                spread=spread,
                flagged=spread is not None and spread >= threshold,
            )
        )
    return StageGrid(
        stage_id=stage_id,
        title=stage_result.title,
        interviewers=tuple(card.interviewer_name for card in cards),
        rows=tuple(rows),
        card_scores=tuple(card.score for card in cards),
        votes=tuple(card.vote.label if card.vote is not None else "" for card in cards),
        stage_score=stage_result.score,
        spread_threshold=threshold,
    )


def _rating_text(value: int | None) -> str:
    if value is None:
        return "N/A"
    if value == NOT_RATED:
        return "—"
    return str(value)


class RatingsGridModel(QAbstractTableModel):
    """One stage: a row per criterion (and a last row of scorecard scores and votes)."""

    def __init__(self, grid: StageGrid, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = grid

    def _interviewers(self) -> int:
        return len(self.grid.interviewers)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.grid.rows) + 1

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._interviewers() + 2

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            names = [*self.grid.interviewers, "Mean", "Spread"]
            return names[section] if 0 <= section < len(names) else None
        if 0 <= section < len(self.grid.rows):
            row = self.grid.rows[section]
            weight = f" ×{row.weight:g}" if row.weight != 1 else ""
            if role == Qt.ItemDataRole.ToolTipRole and row.flagged:
                return f"{row.title}: the panel disagrees (spread {row.spread})"
            return f"{row.title}{weight}"
        if section == len(self.grid.rows):
            return "Scorecard score · vote"
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row_number, column = index.row(), index.column()
        interviewers = self._interviewers()
        if row_number == len(self.grid.rows):
            return self._footer(column, role)
        if row_number > len(self.grid.rows):
            return None
        row = self.grid.rows[row_number]
        if role == Qt.ItemDataRole.DisplayRole:
            if column < interviewers:
                return _rating_text(row.ratings[column])
            if column == interviewers:
                return "" if row.mean is None else f"{row.mean:.2f}"
            return "" if row.spread is None else str(row.spread)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(CENTER.value)
        if role == Qt.ItemDataRole.BackgroundRole and row.flagged:
            return theme.warning_background()
        if role == Qt.ItemDataRole.FontRole and row.flagged and column == interviewers + 1:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            if column < interviewers:
                evidence = row.evidence[column]
                who = self.grid.interviewers[column]
                text = _rating_text(row.ratings[column])
                return f"{who}: {text}" + (f"\n{evidence}" if evidence else "")
            if row.flagged:
                return (
                    f"Spread {row.spread} reaches {self.grid.spread_threshold}: "
                    "the panel disagrees on this criterion"
                )
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column < interviewers:
                return f"{self.grid.interviewers[column]} rated {row.title}: " + _rating_text(
                    row.ratings[column]
                )
            if column == interviewers:
                return f"Mean {row.mean:.2f}" if row.mean is not None else "No mean"
            flag = ", the panel disagrees" if row.flagged else ""
            return (f"Spread {row.spread}{flag}") if row.spread is not None else "No spread"
        return None

    def _footer(self, column: int, role: int) -> Any:
        interviewers = self._interviewers()
        if role == Qt.ItemDataRole.DisplayRole:
            if column < interviewers:
                score = self.grid.card_scores[column]
                vote = self.grid.votes[column]
                shown = "" if score is None else f"{score:.2f}"
                return f"{shown} · {vote}" if vote else shown
            if column == interviewers:
                score = self.grid.stage_score
                return "" if score is None else f"{score:.2f}"
            return ""
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(CENTER.value)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == interviewers:
            return "The panel's stage score: mean of the scorecards' scores"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObservationItem:
    kind: str
    """``"Red flag"`` or ``"Signal"``."""
    label: str
    severity: str
    reporters: int
    names: tuple[str, ...]
    evidence: tuple[str, ...]
    """"Name (stage): text" per piece of evidence."""


def _observation_colour(row: ObservationItem) -> Any:
    if row.severity == "blocker":
        return theme.danger()
    if row.severity == "concern":
        return theme.warning()
    return theme.success()


OBSERVATION_COLUMNS: tuple[Column[ObservationItem], ...] = (
    Column(
        "Item",
        lambda r: f"{r.kind}: {r.label}",
        foreground=_observation_colour,
        sort_key=lambda r: (r.kind != "Red flag", r.label.casefold()),
        alignment=TOP,
    ),
    Column(
        "Severity",
        lambda r: r.severity.capitalize(),
        foreground=_observation_colour,
        alignment=TOP,
    ),
    Column(
        "Reported by",
        lambda r: f"{r.reporters}: {', '.join(r.names)}",
        sort_key=lambda r: r.reporters,
        alignment=TOP,
    ),
    Column(
        "Evidence",
        lambda r: "\n".join(r.evidence),
        tooltip=lambda r: "\n\n".join(r.evidence),
        alignment=TOP,
    ),
)


class ObservationModel(RowTableModel[ObservationItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(OBSERVATION_COLUMNS, parent)


@dataclass(frozen=True)
class TraceItem:
    number: int
    text: str


TRACE_COLUMNS: tuple[Column[TraceItem], ...] = (
    Column("#", lambda r: str(r.number), sort_key=lambda r: r.number, alignment=RIGHT),
    Column("Rule", lambda r: r.text),
)


class TraceModel(RowTableModel[TraceItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(TRACE_COLUMNS, parent)


@dataclass(frozen=True)
class DecisionItem:
    decided_at: datetime
    decided_by: str
    outcome: str
    level: str
    base: str
    equity: str
    justification: str
    outside_band: bool


DECISION_COLUMNS: tuple[Column[DecisionItem], ...] = (
    Column(
        "When",
        lambda r: r.decided_at.astimezone().strftime("%Y-%m-%d %H:%M"),
        sort_key=lambda r: r.decided_at,
    ),
    Column("By", lambda r: r.decided_by),
    Column("Decision", lambda r: r.outcome),
    Column("Level", lambda r: r.level),
    Column(
        "Base",
        lambda r: r.base,
        alignment=RIGHT,
        foreground=lambda r: theme.warning() if r.outside_band else None,
        tooltip=lambda r: "Outside the band" if r.outside_band else "",
    ),
    Column("Equity", lambda r: r.equity, alignment=RIGHT),
    Column("Justification", lambda r: r.justification, tooltip=lambda r: r.justification),
)


class DecisionHistoryModel(RowTableModel[DecisionItem]):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(DECISION_COLUMNS, parent)


def all_stage_grids(rubric: Rubric, result: Recommendation) -> Sequence[StageGrid]:
    return [stage_grid(rubric, result, stage.stage_id) for stage in result.stages]
