"""Interviewers and assignments: the panel, who interviews whom, who still owes a sheet."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QWidget

from interview_kit.gui import theme
from interview_kit.gui.generated.ui_people_page import Ui_PeoplePage
from interview_kit.gui.models.table import ROW_ROLE
from interview_kit.gui.recruiter.models import (
    AssignmentItem,
    CandidateAssignmentModel,
    CandidatePick,
    CandidatePickModel,
    InterviewerItem,
    InterviewerModel,
    PendingModel,
)

EVERYONE = ""


SIZED_ROWS = 100
"""Rows a column's width is worked out from (Qt measures 1,000 by default): a panel of
10k candidates has 400 interviewers and thousands of open assignments."""


def _setup_table(table: QTableView) -> None:
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    header = table.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setResizeContentsPrecision(SIZED_ROWS)


class PeoplePage(QWidget):
    addInterviewerRequested = Signal()
    editInterviewerRequested = Signal(str)
    candidateSearchChanged = Signal(str)
    candidateChosen = Signal(str)
    assignRequested = Signal(str, str, str)
    """(candidate uuid, stage id, interviewer uuid)"""
    unassignRequested = Signal(str, str, str)
    unassigned = Signal(str, str, str)
    """An interviewer was taken off a stage (candidate, stage, interviewer): it is stored."""
    pendingFilterChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PeoplePage()
        self.ui.setupUi(self)
        theme.make_heading(self.ui.title, 1.4)
        for label in (self.ui.interviewersTitle, self.ui.assignTitle, self.ui.pendingTitle):
            theme.make_heading(label, 1.1)
        self.interviewer_model = InterviewerModel(self)
        self.pick_model = CandidatePickModel(self)
        self.assignment_model = CandidateAssignmentModel(self)
        self.pending_model = PendingModel(self)
        self.closed_model = PendingModel(self)
        # Closed candidates leave "not submitted yet"; drafts left on them show apart.
        self.closedTitle = QLabel(self.ui.pendingBox)
        self.closedTitle.setObjectName("closedTitle")
        self.closedTitle.setWordWrap(True)
        self.closedDrafts = QTableView(self.ui.pendingBox)
        self.closedDrafts.setObjectName("closedDrafts")
        self.closedDrafts.setAccessibleName("Closed: drafts left behind")
        self.closedDrafts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.closedDrafts.setSortingEnabled(True)
        self.ui.pendingLayout.addWidget(self.closedTitle)
        self.ui.pendingLayout.addWidget(self.closedDrafts)
        for table, model in (
            (self.ui.interviewers, self.interviewer_model),
            (self.ui.candidateResults, self.pick_model),
            (self.ui.assignments, self.assignment_model),
            (self.ui.pending, self.pending_model),
            (self.closedDrafts, self.closed_model),
        ):
            table.setModel(model)
            _setup_table(table)
        self.ui.interviewers.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ui.assignments.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ui.pending.sortByColumn(4, Qt.SortOrder.DescendingOrder)
        self.ui.splitter.setSizes([400, 640])
        self.ui.assignStage.setMinimumContentsLength(22)
        self.ui.assignInterviewer.setMinimumContentsLength(16)
        self.ui.rightSplitter.setSizes([400, 300])
        self._candidate: CandidatePick | None = None

        self.ui.addInterviewerButton.clicked.connect(self.addInterviewerRequested)
        self.ui.editInterviewerButton.clicked.connect(self._edit_interviewer)
        self.ui.interviewers.doubleClicked.connect(lambda _i: self._edit_interviewer())
        self.ui.interviewers.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.ui.findCandidate.textChanged.connect(self.candidateSearchChanged)
        self.ui.candidateResults.selectionModel().selectionChanged.connect(
            lambda *_: self._candidate_picked()
        )
        self.ui.candidateResults.activated.connect(lambda _i: self._candidate_picked())
        self.ui.assignments.selectionModel().selectionChanged.connect(
            lambda *_: self._update_buttons()
        )
        self.ui.assignButton.clicked.connect(self._assign)
        self.ui.unassignButton.clicked.connect(self._unassign)
        self.ui.pendingFilter.addItem("Everyone", EVERYONE)
        self.ui.pendingFilter.currentIndexChanged.connect(
            lambda _i: self.pendingFilterChanged.emit()
        )
        self.show_message("")
        self.show_candidate(None, [])
        self.set_closed_drafts([])

    # -- interviewers ----------------------------------------------------------------
    def set_reading(self, reading: bool) -> None:
        """Say the panel is being read (off the UI thread: a large one takes a second)."""
        self.ui.interviewersTitle.setText("Interviewers — reading…" if reading else "Interviewers")

    def set_interviewers(self, items: Sequence[InterviewerItem]) -> None:
        keep = self.selected_interviewer()
        self.interviewer_model.set_rows(items)
        self.ui.interviewers.resizeColumnsToContents()
        combo = self.ui.assignInterviewer
        chosen = combo.currentData()
        combo.clear()
        for item in sorted(items, key=lambda i: i.name.casefold()):
            combo.addItem(item.name, item.uuid)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        pending = self.ui.pendingFilter
        pending.blockSignals(True)
        whose = pending.currentData()
        while pending.count() > 1:
            pending.removeItem(1)
        for item in sorted(items, key=lambda i: i.name.casefold()):
            pending.addItem(item.name, item.uuid)
        pending.setCurrentIndex(max(0, pending.findData(whose)))
        pending.blockSignals(False)
        if keep is not None:
            index = self.interviewer_model.index_of(lambda row: row.uuid == keep)
            if index.isValid():
                self.ui.interviewers.selectRow(index.row())
        self._update_buttons()

    def selected_interviewer(self) -> str | None:
        rows = self.ui.interviewers.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.interviewer_model.data(rows[0], ROW_ROLE)
        return item.uuid if isinstance(item, InterviewerItem) else None

    def _edit_interviewer(self) -> None:
        uuid = self.selected_interviewer()
        if uuid is not None:
            self.editInterviewerRequested.emit(uuid)

    # -- one candidate's panel -------------------------------------------------------
    def set_candidate_results(self, picks: Sequence[CandidatePick]) -> None:
        self.pick_model.set_rows(picks)
        self.ui.candidateResults.resizeColumnToContents(0)

    def _candidate_picked(self) -> None:
        rows = self.ui.candidateResults.selectionModel().selectedRows()
        if not rows:
            return
        pick = self.pick_model.data(rows[0], ROW_ROLE)
        if isinstance(pick, CandidatePick) and (
            self._candidate is None or pick.uuid != self._candidate.uuid
        ):
            self.candidateChosen.emit(pick.uuid)

    def show_candidate(
        self,
        candidate: CandidatePick | None,
        rows: Sequence[AssignmentItem],
        stages: Sequence[tuple[str, str]] = (),
    ) -> None:
        """The candidate's assignments; ``stages`` are (id, title) of their rubric."""
        self._candidate = candidate
        if candidate is None:
            self.ui.candidateTitle.setText("Find a candidate to see and change their panel.")
        else:
            self.ui.candidateTitle.setText(f"{candidate.name} · {candidate.where}")
        self.assignment_model.set_rows(rows)
        self.ui.assignments.resizeColumnsToContents()
        combo = self.ui.assignStage
        chosen = combo.currentData()
        combo.clear()
        for stage_id, title in stages:
            combo.addItem(title, stage_id)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        self._update_buttons()

    @property
    def candidate_uuid(self) -> str | None:
        return self._candidate.uuid if self._candidate is not None else None

    def choose_stage(self, stage_id: str) -> None:
        position = self.ui.assignStage.findData(stage_id)
        if position >= 0:
            self.ui.assignStage.setCurrentIndex(position)

    def choose_interviewer(self, uuid: str) -> None:
        position = self.ui.assignInterviewer.findData(uuid)
        if position >= 0:
            self.ui.assignInterviewer.setCurrentIndex(position)

    def _assign(self) -> None:
        stage = self.ui.assignStage.currentData()
        who = self.ui.assignInterviewer.currentData()
        if self._candidate is None or not stage or not who:
            return
        self.assignRequested.emit(self._candidate.uuid, str(stage), str(who))

    def selected_assignment(self) -> AssignmentItem | None:
        rows = self.ui.assignments.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.assignment_model.data(rows[0], ROW_ROLE)
        return item if isinstance(item, AssignmentItem) else None

    def _unassign(self) -> None:
        item = self.selected_assignment()
        if item is not None:
            self.unassignRequested.emit(item.candidate_uuid, item.stage_id, item.interviewer_uuid)

    # -- who has not submitted -------------------------------------------------------
    def pending_filter(self) -> str:
        return str(self.ui.pendingFilter.currentData() or EVERYONE)

    def set_pending(self, rows: Sequence[AssignmentItem]) -> None:
        self.pending_model.set_rows(rows)
        self.ui.pending.resizeColumnsToContents()
        count = len(rows)
        self.ui.pendingTitle.setText(
            f"Not submitted yet ({count})" if count else "Not submitted yet: nothing outstanding"
        )

    def set_closed_drafts(self, rows: Sequence[AssignmentItem]) -> None:
        """Drafts on candidates who are closed (rejected, withdrawn, hired)."""
        self.closed_model.set_rows(rows)
        count = len(rows)
        self.closedTitle.setText(
            f"Closed: {count} draft{'s' if count != 1 else ''} left behind on rejected, "
            "withdrawn or hired candidates"
        )
        self.closedTitle.setVisible(bool(rows))
        self.closedDrafts.setVisible(bool(rows))
        if rows:
            self.closedDrafts.resizeColumnsToContents()

    # -- state -----------------------------------------------------------------------
    def _update_buttons(self) -> None:
        has_candidate = self._candidate is not None
        self.ui.assignButton.setEnabled(
            has_candidate
            and self.ui.assignStage.count() > 0
            and self.ui.assignInterviewer.count() > 0
        )
        item = self.selected_assignment()
        self.ui.unassignButton.setEnabled(item is not None and item.status != "submitted")
        self.ui.editInterviewerButton.setEnabled(self.selected_interviewer() is not None)

    def show_message(self, text: str, kind: str = "info") -> None:
        label = self.ui.banner
        label.setText(text)
        label.setVisible(bool(text))
        colour = {"error": theme.danger(), "success": theme.success()}.get(kind)
        label.setStyleSheet(f"color: {theme.css(colour)};" if colour is not None else "")

    @property
    def message(self) -> str:
        return self.ui.banner.text()
