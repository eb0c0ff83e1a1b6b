"""Interview times, invitations and overdue feedback on the Interviewers page.

Widgets only: the time dialog, the overdue-feedback list and the buttons added beside
*Assign* / *Unassign*. They emit what the recruiter asked for; the wiring
(:mod:`.interview_times_wiring`) does it. Built in code and added to the page's own
layouts, so the page's form stays as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, Qt, QTime, QTimeZone, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_kit.gui import theme
from interview_kit.gui.models.table import ROW_ROLE, Column, RowTableModel

MAX_MINUTES = 600


def local_time(value: datetime | None) -> str:
    """``Mon 07 Dec 15:00`` in the computer's time zone; empty for no time."""
    if value is None:
        return ""
    return value.astimezone().strftime("%a %d %b %H:%M")


@dataclass(frozen=True)
class TimeValues:
    """What the time dialog gives back: all optional."""

    starts_at: datetime | None
    minutes: int | None
    """``None``: the stage's own length."""
    place: str


class InterviewTimeDialog(QDialog):
    """When and where one interview takes place."""

    submitted = Signal(object)
    """:class:`TimeValues`"""

    def __init__(
        self,
        title: str,
        values: TimeValues,
        *,
        stage_minutes: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Interview time")
        layout = QVBoxLayout(self)
        heading = QLabel(title, self)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        form = QFormLayout()
        self.scheduled = QCheckBox("&Has a time", self)
        self.scheduled.setAccessibleName("Has a time")
        # Only as wide as its text: a click beside it must not tick it.
        self.scheduled.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        form.addRow(self.scheduled)
        self.when = QDateTimeEdit(self)
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName("Start")
        form.addRow("&Start", self.when)
        self.minutes = QSpinBox(self)
        self.minutes.setRange(0, MAX_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setSpecialValueText(f"Stage length ({stage_minutes} min)")
        self.minutes.setAccessibleName("Length")
        form.addRow("&Length", self.minutes)
        self.place = QLineEdit(self)
        self.place.setPlaceholderText("Room, address or video link")
        self.place.setAccessibleName("Place")
        form.addRow("&Place", self.place)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        self.scheduled.toggled.connect(self._update)

        start = values.starts_at
        if start is None:
            # A sensible first offer: the next full hour tomorrow.
            tomorrow = QDateTime.currentDateTime().addDays(1)
            tomorrow.setTime(QTime(tomorrow.time().hour(), 0))
            self.when.setDateTime(tomorrow)
        else:
            self.when.setDateTime(
                QDateTime.fromSecsSinceEpoch(int(start.timestamp()), QTimeZone.systemTimeZone())
            )
        self.scheduled.setChecked(start is not None)
        self.minutes.setValue(values.minutes or 0)
        self.place.setText(values.place)
        self._update()

    def _update(self) -> None:
        on = self.scheduled.isChecked()
        for widget in (self.when, self.minutes, self.place):
            widget.setEnabled(on)

    def values(self) -> TimeValues:
        if not self.scheduled.isChecked():
            return TimeValues(None, None, "")
        seconds = self.when.dateTime().toSecsSinceEpoch()
        starts_at = datetime.fromtimestamp(seconds, tz=UTC)
        return TimeValues(starts_at, self.minutes.value() or None, self.place.text().strip())

    def _submit(self) -> None:
        self.submitted.emit(self.values())

    def finish(self) -> None:
        self.accept()


# ---------------------------------------------------------------------------------------
# Overdue feedback


@dataclass(frozen=True)
class OverdueItem:
    interviewer_uuid: str
    interviewer_name: str
    interviewer_email: str
    candidate_name: str
    stage_title: str
    due_at: datetime
    hours_overdue: int
    scorecard: str


OVERDUE_COLUMNS: tuple[Column[OverdueItem], ...] = (
    Column("Interviewer", lambda r: r.interviewer_name),
    Column("Candidate", lambda r: r.candidate_name),
    Column("Stage", lambda r: r.stage_title),
    Column(
        "Overdue",
        lambda r: f"{r.hours_overdue} h",
        sort_key=lambda r: r.hours_overdue,
        alignment=Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
        tooltip=lambda r: f"Due {local_time(r.due_at)}; scorecard {r.scorecard}",
    ),
)


class OverdueModel(RowTableModel[OverdueItem]):
    def __init__(self, parent: object = None) -> None:
        super().__init__(OVERDUE_COLUMNS, parent)


class OverduePanel(QWidget):
    """Who is overdue with feedback, and a ready e-mail draft for the one selected."""

    remindRequested = Signal(str)
    """(interviewer uuid)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.title = QLabel("Overdue feedback", self)
        theme.make_heading(self.title, 1.1)
        layout.addWidget(self.title)
        self.model = OverdueModel(self)
        self.table = QTableView(self)
        self.table.setAccessibleName("Overdue feedback")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        row.addStretch(1)
        self.remind_button = QPushButton("E-mail &reminder…", self)
        self.remind_button.setAccessibleName("E-mail reminder")
        self.remind_button.setToolTip("Open a ready e-mail to the selected interviewer")
        row.addWidget(self.remind_button)
        layout.addLayout(row)
        self.remind_button.clicked.connect(self._remind)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update())
        self._update()

    def set_items(self, items: Sequence[OverdueItem]) -> None:
        self.model.set_rows(items)
        self.table.resizeColumnsToContents()
        people = len({item.interviewer_uuid for item in items})
        self.title.setText(
            f"Overdue feedback ({len(items)}, {people} interviewer{'s' if people != 1 else ''})"
            if items
            else "Overdue feedback: none"
        )
        self._update()

    def selected(self) -> OverdueItem | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.model.data(rows[0], ROW_ROLE)
        return item if isinstance(item, OverdueItem) else None

    def _update(self) -> None:
        item = self.selected()
        self.remind_button.setEnabled(item is not None and bool(item.interviewer_email))

    def _remind(self) -> None:
        item = self.selected()
        if item is not None:
            self.remindRequested.emit(item.interviewer_uuid)


class InterviewTimeButtons:
    """*Set time…* and *Send invitation…*, beside *Unassign*: a row of what can be done
    with the selected interview, under the panel's table (the row below it adds one)."""

    def __init__(self, row: QHBoxLayout, parent: QWidget, unassign: QPushButton) -> None:
        box = parent.layout()
        assert isinstance(box, QBoxLayout)
        selected = QHBoxLayout()
        selected.setObjectName("selectedInterviewRow")
        box.insertLayout(box.indexOf(row), selected)
        row.removeWidget(unassign)
        selected.addWidget(unassign)
        row = selected
        self.set_time = QPushButton("Set &time…", parent)
        self.set_time.setAccessibleName("Set time")
        self.set_time.setToolTip("When and where the selected interview takes place")
        self.invite = QPushButton("Send &invitation…", parent)
        self.invite.setAccessibleName("Send invitation")
        self.invite.setToolTip("Save the selected interview's calendar invitation (.ics)")
        row.addWidget(self.set_time)
        row.addWidget(self.invite)
        row.addStretch(1)
        self.update(False)

    def update(self, starts_at: datetime | bool | None) -> None:
        """``False``: nothing selected; ``None``: selected, no time; else its time."""
        self.set_time.setEnabled(starts_at is not False)
        self.invite.setEnabled(isinstance(starts_at, datetime))
