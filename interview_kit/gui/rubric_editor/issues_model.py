"""The rubric's problems as a table: where, in words, and what is wrong, in the
validator's words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from interview_kit.domain.rubric import RubricIssue
from interview_kit.domain.rubric.locations import describe_location

AnyIndex = QModelIndex | QPersistentModelIndex
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1

_COLUMNS = ("Where", "Problem")


class IssueTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._issues: list[RubricIssue] = []
        self._where: list[str] = []

    def set_issues(
        self, issues: Sequence[RubricIssue], data: Mapping[str, Any] | None = None
    ) -> None:
        """Show ``issues``; ``data`` (the rubric as edited) names items by their titles."""
        where = [describe_location(issue.path, data) for issue in issues]
        if list(issues) == self._issues and where == self._where:
            return
        self.beginResetModel()
        self._issues = list(issues)
        self._where = where
        self.endResetModel()

    def issues(self) -> list[RubricIssue]:
        return list(self._issues)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._issues)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._issues):
            return None
        issue = self._issues[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if index.column() == 0:
                return self._where[index.row()]
            return issue.message
        if role == Qt.ItemDataRole.ToolTipRole:
            where = self._where[index.row()]
            path = f"\n(in the file: {issue.path})" if issue.path else ""
            return f"{where}: {issue.message}{path}"
        if role == ISSUE_ROLE:
            return issue
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return _COLUMNS[section] if 0 <= section < len(_COLUMNS) else None
        return str(section + 1)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
