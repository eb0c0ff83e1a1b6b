"""The panel comparison after submitting: criteria down, interviewers across, the spread.

Only ever filled with scorecards the viewer may see (their own is submitted); rows whose
spread reaches the rubric's threshold are highlighted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import BELOW_LADDER
from interview_kit.gui import theme
from interview_kit.gui.stage_walk.state import PanelCard

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class _Line:
    title: str
    values: tuple[str, ...]
    spread: int | None
    flagged: bool


class PanelComparisonModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._names: list[str] = []
        self._lines: list[_Line] = []

    def set_panel(self, rubric: Rubric, stage_id: str, cards: Sequence[PanelCard]) -> None:
        stage = rubric.stage(stage_id)
        threshold = rubric.rules.spread_threshold
        ordered = sorted(cards, key=lambda c: (not c.is_mine, c.interviewer_name.casefold()))
        lines = []
        for criterion in stage.criteria:
            values = [card.ratings.get(criterion.id, -1) for card in ordered]
            rated = [v for v in values if v is not None and v > 0]
            spread = max(rated) - min(rated) if len(rated) > 1 else None
            lines.append(
                _Line(
                    criterion.title,
                    tuple(_rating_text(v) for v in values),
                    spread,
                    spread is not None and spread >= threshold,
                )
            )
        votes = [card.vote for card in ordered]
        sides = {vote.is_yes_side for vote in votes if vote is not None}
        lines.append(
            _Line(
                "Recommendation",
                tuple(vote.label if vote else "—" for vote in votes),
                None,
                len(sides) > 1,
            )
        )
        lines.append(
            _Line(
                "Level evidence",
                tuple(_level_text(card.level_evidence) for card in ordered),
                None,
                False,
            )
        )
        self.beginResetModel()
        self._names = ["You" if card.is_mine else card.interviewer_name for card in ordered]
        self._lines = lines
        self.endResetModel()

    def flagged_rows(self) -> list[str]:
        return [line.title for line in self._lines if line.flagged]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._names) + 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._lines):
            return None
        line = self._lines[index.row()]
        column = index.column()
        last = len(self._names) + 1
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == 0:
                return line.title
            if column == last:
                if line.spread is None:
                    return "split" if line.flagged else ""
                return str(line.spread)
            return line.values[column - 1]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column == 0:
                return int((Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value)
            return int(Qt.AlignmentFlag.AlignCenter.value)
        if role == Qt.ItemDataRole.BackgroundRole and line.flagged:
            return QBrush(theme.warning_background())
        if role == Qt.ItemDataRole.ToolTipRole and line.flagged:
            return "The panel disagrees here: talk it through before the committee"
        if role == Qt.ItemDataRole.FontRole and line.flagged and column == last:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        if section == 0:
            return "Criterion"
        if section == len(self._names) + 1:
            return "Spread"
        if 0 < section <= len(self._names):
            return self._names[section - 1]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _rating_text(value: int | None) -> str:
    if value is None:
        return "N/A"
    if value < 0:
        return "—"
    return str(value)


def _level_text(level: str | None) -> str:
    if level is None:
        return "—"
    if level == BELOW_LADDER:
        return "below"
    return level
