"""Home: my interviews, and every candidate with a search box; or, on an empty database,
a welcome with one big button that loads the demo panel.

The page shows what its wiring (:mod:`interview_kit.gui.home_wiring`) gives it and asks
for things through signals.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from interview_kit.gui import theme
from interview_kit.gui.generated.ui_home_page import Ui_HomePage
from interview_kit.gui.models.home import (
    CandidateItem,
    CandidateListModel,
    InterviewItem,
    MyInterviewsModel,
)
from interview_kit.gui.paged import fill_view

CANDIDATE_COLUMN_CAPS = {0: 26, 1: 28, 2: 18, 3: 15, 4: 26, 5: 12, 6: 16}
"""Widest each candidate column grows, in average characters."""

CURRENT_STAGE = ""
"""The stage choice meaning "the candidate's current stage" (or the one I interview)."""


class HomePage(QWidget):
    openStageRequested = Signal(str, str)
    """Candidate uuid and stage id (``""``: the candidate's current stage)."""
    loadDemoRequested = Signal()
    searchChanged = Signal(str)
    searchSubmitted = Signal()
    """Enter or Down in the search box: the result of what was typed is wanted now."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_HomePage()
        self.ui.setupUi(self)
        theme.make_heading(self.ui.welcomeTitle, 1.8)
        self.ui.welcomeLayout.setSpacing(18)
        reading_width = self.fontMetrics().averageCharWidth() * 72
        for label in (self.ui.welcomeText, self.ui.welcomeStatus):
            # Centred at a reading width; a row with stretches keeps the wrapped height.
            position = self.ui.welcomeLayout.indexOf(label)
            self.ui.welcomeLayout.removeWidget(label)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(label, 0)
            row.addStretch(1)
            label.setFixedWidth(reading_width)
            self.ui.welcomeLayout.insertLayout(position, row)
        theme.make_heading(self.ui.mineTitle, 1.25)
        theme.make_heading(self.ui.allTitle, 1.25)
        big = theme.heading_font(self.ui.loadDemoButton, 1.2)
        self.ui.loadDemoButton.setFont(big)

        self.interviews = MyInterviewsModel(self)
        self.closed_interviews = MyInterviewsModel(self)
        self.candidates = CandidateListModel(self)
        # Closed candidates leave the to-do list; drafts written for them stay in sight.
        self.closedTitle = QLabel(self.ui.mineBox)
        self.closedTitle.setObjectName("closedTitle")
        self.closedTitle.setWordWrap(True)
        self.closedInterviews = QTableView(self.ui.mineBox)
        self.closedInterviews.setObjectName("closedInterviews")
        self.closedInterviews.setAccessibleName("Closed: drafts left behind")
        self.closedInterviews.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.closedInterviews.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.closedInterviews.setSortingEnabled(True)
        self.closedInterviews.setMaximumHeight(self.fontMetrics().height() * 8)
        self.ui.mineLayout.addWidget(self.closedTitle)
        self.ui.mineLayout.addWidget(self.closedInterviews)
        for view, model in (
            (self.ui.myInterviews, self.interviews),
            (self.closedInterviews, self.closed_interviews),
            (self.ui.candidates, self.candidates),
        ):
            _prepare_table(view)
            view.setModel(model)
        self.ui.myInterviews.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.ui.candidates.horizontalHeader().setStretchLastSection(True)
        fill_view(self.ui.candidates, self.candidates)
        count_width = self.ui.candidateCount.fontMetrics().horizontalAdvance(
            "100,000 candidates found"
        )
        self.ui.candidateCount.setMinimumWidth(count_width + 8)
        self.ui.myInterviews.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.ui.candidates.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.ui.splitter.setStretchFactor(0, 2)
        self.ui.splitter.setStretchFactor(1, 3)

        self.ui.stageChoice.addItem("Current stage", CURRENT_STAGE)
        self.ui.stageChoice.setMaximumWidth(self.fontMetrics().averageCharWidth() * 34)
        self.ui.loadDemoButton.clicked.connect(self._load_demo)
        self.ui.search.textChanged.connect(self._search)
        self.ui.search.installEventFilter(self)
        self.ui.myInterviews.activated.connect(self._open_interview)
        self.closedInterviews.activated.connect(self._open_closed_interview)
        self.closedInterviews.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.Stretch
        )
        self.set_closed_interviews([])
        self.ui.candidates.activated.connect(self._open_candidate)
        self.ui.openButton.clicked.connect(self._open_selected_candidate)
        self.show_welcome(False)

    # -- shown by the wiring --------------------------------------------------------
    def show_welcome(self, empty: bool) -> None:
        page = self.ui.welcomePage if empty else self.ui.contentPage
        self.ui.states.setCurrentWidget(page)
        self.ui.loadDemoButton.setEnabled(True)
        self.ui.welcomeStatus.clear()

    def is_welcome(self) -> bool:
        return self.ui.states.currentWidget() is self.ui.welcomePage

    def set_demo_loading(self, message: str) -> None:
        self.ui.loadDemoButton.setEnabled(False)
        self.ui.welcomeStatus.setText(message)

    def set_stages(self, stages: Sequence[tuple[str, str]]) -> None:
        """(stage id, title) pairs for the stage choice."""
        current = self.ui.stageChoice.currentData()
        self.ui.stageChoice.clear()
        self.ui.stageChoice.addItem("Current stage", CURRENT_STAGE)
        for stage_id, title in stages:
            self.ui.stageChoice.addItem(title, stage_id)
        index = self.ui.stageChoice.findData(current)
        self.ui.stageChoice.setCurrentIndex(max(index, 0))

    def set_interviews(self, rows: Sequence[InterviewItem], interviewer_name: str) -> None:
        self.interviews.set_rows(rows)
        title = "My interviews" if not interviewer_name else f"My interviews — {interviewer_name}"
        self.ui.mineTitle.setText(title)
        if not rows:
            self.ui.mineHint.setText(
                "No interviews are assigned to you yet. Pick a candidate below to score a "
                "stage anyway, or ask the recruiter to assign you."
            )
        else:
            self.ui.mineHint.setText(
                "The stages you interview. Double-click a row or press Enter to open its "
                "stage walk."
            )
        self.ui.myInterviews.resizeColumnsToContents()

    def set_closed_interviews(self, rows: Sequence[InterviewItem]) -> None:
        """Drafts of mine for candidates who are closed (rejected, withdrawn, hired)."""
        self.closed_interviews.set_rows(rows)
        count = len(rows)
        self.closedTitle.setText(
            f"Closed: {count} draft{'s' if count != 1 else ''} left behind. These candidates "
            "are rejected, withdrawn or hired; open one to finish or discard it."
        )
        self.closedTitle.setVisible(bool(rows))
        self.closedInterviews.setVisible(bool(rows))
        if rows:
            self.closedInterviews.resizeColumnsToContents()

    def set_candidates(
        self,
        rows: Sequence[CandidateItem],
        total: int,
        *,
        after: object | None = None,
        more: bool | None = None,
    ) -> None:
        self.candidates.set_page(rows, total, after=after, more=more)
        self._update_count()
        if not self._sized:
            self._size_candidate_columns()

    _sized = False

    # -- user actions -----------------------------------------------------------------
    def _load_demo(self) -> None:
        self.loadDemoRequested.emit()

    def _search(self, text: str) -> None:
        self.searchChanged.emit(text)

    def _update_count(self) -> None:
        total = self.candidates.total
        searching = bool(self.ui.search.text().strip())
        noun = "candidate" if total == 1 else "candidates"
        self.ui.candidateCount.setText(f"{total:,} {noun}{' found' if searching else ''}")

    def _size_candidate_columns(self) -> None:
        """Size columns from the header and the first rows only (at 100k rows a full
        resizeColumnsToContents would measure every row), capped so the table fits the
        window; long cells elide and show whole in their tooltip."""
        header = self.ui.candidates.horizontalHeader()
        metrics = self.ui.candidates.fontMetrics()
        sample = self.candidates.rows()[:50]
        for column in range(self.candidates.columnCount()):
            title = str(self.candidates.headerData(column, Qt.Orientation.Horizontal))
            widest = metrics.horizontalAdvance(title) + 32
            for number in range(len(sample)):
                text = str(self.candidates.data(self.candidates.index(number, column)))
                widest = max(widest, metrics.horizontalAdvance(text) + 16)
            cap = CANDIDATE_COLUMN_CAPS.get(column, 14) * metrics.averageCharWidth()
            header.resizeSection(column, min(widest, cap))
        self._sized = bool(sample)

    def _open_interview(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.interviews.row_at(index.row())
        self.openStageRequested.emit(row.candidate_uuid, row.stage_id)

    def _open_closed_interview(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.closed_interviews.row_at(index.row())
        self.openStageRequested.emit(row.candidate_uuid, row.stage_id)

    def _open_candidate(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = self.candidates.row_at(index.row())
        self.openStageRequested.emit(row.uuid, str(self.ui.stageChoice.currentData() or ""))

    def _open_selected_candidate(self) -> None:
        index = self.ui.candidates.currentIndex()
        if not index.isValid() and self.candidates.rowCount():
            index = self.candidates.index(0, 0)
        self._open_candidate(index)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.ui.search and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_PageDown):
                self.searchSubmitted.emit()
                self._focus_first_candidate()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.searchSubmitted.emit()
                self._open_selected_candidate()
                return True
        return super().eventFilter(watched, event)

    def _focus_first_candidate(self) -> None:
        if self.candidates.rowCount() == 0:
            return
        self.ui.candidates.setFocus()
        if not self.ui.candidates.currentIndex().isValid():
            self.ui.candidates.setCurrentIndex(self.candidates.index(0, 0))


def _prepare_table(view: QTableView) -> None:
    view.verticalHeader().hide()
    # Uniform row heights: the view never measures rows, so 100k rows cost nothing.
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.horizontalHeader().setHighlightSections(False)
    view.horizontalHeader().setStretchLastSection(False)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setTabKeyNavigation(False)
    view.setShowGrid(False)
