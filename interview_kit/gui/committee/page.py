"""The committee's panel review: everything behind the recommendation, and the decision.

The page shows plain values the wiring prepares (:class:`ReviewView`); the decision form
checks what it can at once (a hire needs a level; a base outside the level's band needs
a written justification; a decision departing from the recommendation frozen at the
committee needs an override reason) and emits :attr:`CommitteePage.decisionRequested`.
The service checks the same again before anything is stored.

The form starts from the committee's own choice: the decision recorded last, or nothing
chosen. The engine's suggestion stands beside it in words, with a button to take it; it
is never pre-filled, so a decision is always one the committee made.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from interview_kit.domain.overrides import Mechanical, departures, describe
from interview_kit.gui import theme
from interview_kit.gui.committee.band_chart import BandChart, BandView, money
from interview_kit.gui.committee.models import (
    DecisionHistoryModel,
    DecisionItem,
    ObservationItem,
    ObservationModel,
    RatingsGridModel,
    StageGrid,
    TraceItem,
    TraceModel,
)
from interview_kit.gui.generated.ui_committee_page import Ui_CommitteePage
from interview_kit.gui.models.table import ROW_ROLE
from interview_kit.gui.paged import PagedRowModel, fill_view
from interview_kit.gui.recruiter.models import PICK_COLUMNS, CandidatePick

AT_COMMITTEE = "committee"
OPEN = "open"
ALL = "all"


@dataclass(frozen=True)
class LevelChoice:
    level_id: str
    label: str
    band: BandView
    equity_unit: str


@dataclass(frozen=True)
class RecordedDecision:
    """The decision in force, as the form shows it once recorded."""

    outcome: str
    """``"hire"`` or ``"no_hire"``."""
    level: str | None
    base: float | None
    equity: float | None
    justification: str
    summary: str
    """One line in words: what, by whom, when."""


@dataclass(frozen=True)
class ReviewView:
    uuid: str
    name: str
    subheading: str
    recommendation: str
    recommendation_kind: str
    """``"hire"``, ``"no_hire"`` or ``"neutral"``: picks the colour."""
    level: str
    score: str
    confidence: str
    agreement: str
    details: str
    band: BandView | None
    levels: tuple[LevelChoice, ...]
    recommended_level: str | None
    pending: str
    grids: tuple[StageGrid, ...]
    observations: tuple[ObservationItem, ...]
    trace: tuple[str, ...]
    history: tuple[DecisionItem, ...]
    suggested_outcome: str | None = None
    """The engine's side, ``"hire"`` / ``"no_hire"`` or ``None``: shown, never preselected."""
    suggestion: str = ""
    """The engine's suggestion in words, shown beside the committee's choice."""
    recorded: RecordedDecision | None = None
    """The decision in force, which the form starts from."""
    frozen: Mechanical | None = None
    """The recommendation frozen when the candidate reached the committee."""
    packet_name: str = "packet.pdf"
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DecisionValues:
    candidate_uuid: str
    outcome: str
    level: str | None
    base: float | None
    equity: float | None
    justification: str
    decided_by: str
    override_reason: str = ""


def fit_height(table: QTableView, *, minimum_rows: int = 1) -> None:
    """Size a table to its rows so the page scrolls, not every table."""
    table.resizeRowsToContents()
    rows = table.model().rowCount() if table.model() is not None else 0
    height = table.horizontalHeader().height() + 2 * table.frameWidth() + 2
    for row in range(rows):
        height += table.rowHeight(row)
    if rows < minimum_rows:
        height += table.verticalHeader().defaultSectionSize() * (minimum_rows - rows)
    scroll = table.horizontalScrollBar()
    if scroll.isVisible():
        height += scroll.height()
    table.setFixedHeight(height)


def _setup(table: QTableView) -> None:
    table.verticalHeader().hide()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)


class CommitteePage(QWidget):
    searchChanged = Signal()
    """The search text changed: the list is read again once typing pauses."""
    searchSubmitted = Signal()
    """Enter in the search box: the answer to what was typed is wanted now."""
    filterChanged = Signal()
    """Another "Show" choice: the list is read again at once."""
    candidateChosen = Signal(str)
    decisionRequested = Signal(object)
    packetRequested = Signal(str, bool)
    """(path, anonymised)"""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_CommitteePage()
        self.ui.setupUi(self)
        theme.make_heading(self.ui.candidatesTitle, 1.4)
        theme.make_heading(self.ui.heading, 1.5)
        for label in (
            self.ui.bandTitle,
            self.ui.ratingsTitle,
            self.ui.observationsTitle,
            self.ui.traceTitle,
            self.ui.historyTitle,
        ):
            theme.make_heading(label, 1.1)
        for label in (
            self.ui.recommendationTitle,
            self.ui.levelTitle,
            self.ui.scoreTitle,
            self.ui.confidenceTitle,
            self.ui.agreementTitle,
        ):
            label.setStyleSheet(f"color: {theme.css(theme.muted())};")
        for label in (
            self.ui.recommendation,
            self.ui.level,
            self.ui.score,
            self.ui.confidence,
            self.ui.agreement,
        ):
            theme.make_heading(label, 1.2)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui.splitter.setSizes([220, 840])
        self.ui.equity.setSpecialValueText("not set")
        self.ui.splitter.setStretchFactor(1, 1)

        # Every candidate the filter and search find, a page at a time as the list scrolls.
        self.pick_model: PagedRowModel[CandidatePick] = PagedRowModel(PICK_COLUMNS, self)
        self.ui.candidates.setModel(self.pick_model)
        _setup(self.ui.candidates)
        fill_view(self.ui.candidates, self.pick_model)
        self.ui.show.addItem("At committee", AT_COMMITTEE)
        self.ui.show.addItem("Open candidates", OPEN)
        self.ui.show.addItem("All candidates", ALL)
        self.ui.find.textChanged.connect(lambda _t: self.searchChanged.emit())
        self.ui.find.returnPressed.connect(self._search_submitted)
        self.ui.show.currentIndexChanged.connect(lambda _i: self.filterChanged.emit())
        self.ui.candidates.selectionModel().selectionChanged.connect(lambda *_: self._picked())
        self.ui.candidates.activated.connect(lambda _i: self._picked())

        self.band_chart = BandChart()
        self.ui.bandLayout.addWidget(self.band_chart)
        self.observation_model = ObservationModel(self)
        self.trace_model = TraceModel(self)
        self.history_model = DecisionHistoryModel(self)
        for table, model in (
            (self.ui.observations, self.observation_model),
            (self.ui.trace, self.trace_model),
            (self.ui.history, self.history_model),
        ):
            table.setModel(model)
            _setup(table)
        self.ui.observations.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Interactive
        )
        self.ui.trace.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )

        self.suggestion = QLabel()
        self.suggestion.setAccessibleName("The engine's suggestion")
        self.suggestion.setWordWrap(True)
        self.suggestion.setStyleSheet(f"color: {theme.css(theme.muted())};")
        self.use_suggestion = QPushButton("&Use the suggestion")
        self.use_suggestion.setAccessibleName("Fill the form with the engine's suggestion")
        self.use_suggestion.setAutoDefault(False)
        self.use_suggestion.clicked.connect(self.take_suggestion)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.use_suggestion, 0, Qt.AlignmentFlag.AlignTop)
        outcome_row = self.ui.decisionForm.getLayoutPosition(self.ui.outcomeRow)[0]
        self.ui.decisionForm.insertRow(outcome_row + 1, "", suggestion_row)
        self.recorded = QLabel()
        self.recorded.setAccessibleName("The decision recorded")
        self.recorded.setWordWrap(True)
        self.recorded.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.ui.decisionForm.insertRow(0, self.recorded)
        self.override_note = QLabel()
        self.override_note.setWordWrap(True)
        self.override_note.setAccessibleName("How the decision departs from the recommendation")
        self.override_label = QLabel("&Override reason (required)")
        self.override_reason = QPlainTextEdit()
        self.override_reason.setAccessibleName(
            "Override reason: why the committee departs from the frozen recommendation"
        )
        self.override_reason.setTabChangesFocus(True)
        self.override_reason.setMaximumHeight(90)
        self.override_label.setBuddy(self.override_reason)
        row = self.ui.decisionForm.getWidgetPosition(self.ui.decidedBy)[0]
        self.ui.decisionForm.insertRow(row, self.override_note)
        self.ui.decisionForm.insertRow(row + 1, self.override_label, self.override_reason)
        self.ui.base.setSpecialValueText("not set")
        self.ui.recordButton.setDefault(True)

        self.ui.hireRadio.toggled.connect(lambda _on: self._outcome_changed())
        self.ui.noHireRadio.toggled.connect(lambda _on: self._outcome_changed())
        self.ui.levelChoice.currentIndexChanged.connect(lambda _i: self._level_changed())
        self.ui.base.valueChanged.connect(lambda _v: self._base_changed())
        self.ui.recordButton.clicked.connect(self._record)
        self.ui.packetButton.clicked.connect(self._choose_packet_path)
        self.ui.problem.setStyleSheet(f"color: {theme.css(theme.danger())};")
        self._view: ReviewView | None = None
        self._grid_tables: list[QTableView] = []
        self._base_touched = False
        self._filling = False
        self.show_nothing("Choose a candidate to review their panel.")

    # -- candidates ------------------------------------------------------------------
    def search_text(self) -> str:
        return self.ui.find.text()

    def show_filter(self) -> str:
        return str(self.ui.show.currentData() or AT_COMMITTEE)

    def set_show_filter(self, value: str) -> None:
        position = self.ui.show.findData(value)
        if position >= 0:
            self.ui.show.setCurrentIndex(position)

    def set_candidates(
        self,
        picks: Sequence[CandidatePick],
        total: int | None = None,
        *,
        after: object | None = None,
        more: bool = False,
    ) -> None:
        """The first page of the list (more follow as it scrolls when ``more``)."""
        current = self._view.uuid if self._view is not None else None
        self.ui.candidates.selectionModel().blockSignals(True)
        self.pick_model.set_page(
            picks, len(picks) if total is None else total, after=after, more=more
        )
        if current is not None:
            index = self.pick_model.index_of(lambda row: row.uuid == current)
            if index.isValid():
                self.ui.candidates.selectRow(index.row())
        self.ui.candidates.selectionModel().blockSignals(False)
        self.ui.candidates.resizeColumnToContents(0)

    def _search_submitted(self) -> None:
        """Enter in the search box: the answer now, and the first candidate found opened,
        with the keyboard in the list (Up and Down move on from there)."""
        self.searchSubmitted.emit()
        if self.pick_model.rowCount():
            self.ui.candidates.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.ui.candidates.selectRow(0)

    def _picked(self) -> None:
        rows = self.ui.candidates.selectionModel().selectedRows()
        if not rows:
            return
        pick = self.pick_model.data(rows[0], ROW_ROLE)
        if isinstance(pick, CandidatePick) and (self._view is None or pick.uuid != self._view.uuid):
            self.candidateChosen.emit(pick.uuid)

    # -- the review ------------------------------------------------------------------
    @property
    def view(self) -> ReviewView | None:
        return self._view

    def show_nothing(self, text: str) -> None:
        self._view = None
        self.ui.heading.setText(text)
        for widget in (
            self.ui.subheading,
            self.ui.summaryFrame,
            self.ui.bandTitle,
            self.band_chart,
            self.ui.pending,
            self.ui.ratingsTitle,
            self.ui.stageTabs,
            self.ui.observationsTitle,
            self.ui.observations,
            self.ui.traceTitle,
            self.ui.trace,
            self.ui.decisionBox,
            self.ui.historyTitle,
            self.ui.history,
            self.ui.packetButton,
            self.ui.anonymise,
            self.ui.packetStatus,
        ):
            widget.hide()
        self.show_message("")

    def show_review(self, view: ReviewView, *, keep_form: bool = False) -> None:
        same = self._view is not None and self._view.uuid == view.uuid
        self._view = view
        for widget in (
            self.ui.subheading,
            self.ui.summaryFrame,
            self.ui.bandTitle,
            self.band_chart,
            self.ui.ratingsTitle,
            self.ui.stageTabs,
            self.ui.observationsTitle,
            self.ui.observations,
            self.ui.traceTitle,
            self.ui.trace,
            self.ui.decisionBox,
            self.ui.historyTitle,
            self.ui.history,
            self.ui.packetButton,
            self.ui.anonymise,
            self.ui.packetStatus,
        ):
            widget.show()
        self.ui.heading.setText(view.name)
        self.ui.subheading.setText(view.subheading)
        self.ui.recommendation.setText(view.recommendation)
        colour = {"hire": theme.success(), "no_hire": theme.danger()}.get(view.recommendation_kind)
        self.ui.recommendation.setStyleSheet(
            f"color: {theme.css(colour)};" if colour is not None else ""
        )
        self.ui.level.setText(view.level)
        self.ui.score.setText(view.score)
        self.ui.confidence.setText(view.confidence)
        self.ui.agreement.setText(view.agreement)
        self.ui.details.setText(view.details)
        self.ui.pending.setText(view.pending)
        self.ui.pending.setVisible(bool(view.pending))
        self.ui.bandTitle.setText(
            f"Compensation band · {view.band.level}" if view.band else "Compensation band"
        )
        self._fill_grids(view.grids)
        self.observation_model.set_rows(view.observations)
        self._size_observation_columns()
        self.trace_model.set_rows([TraceItem(n, text) for n, text in enumerate(view.trace, 1)])
        fit_height(self.ui.trace)
        self.history_model.set_rows(view.history)
        self.ui.history.resizeColumnsToContents()
        fit_height(self.ui.history)
        self.ui.historyTitle.setText(
            f"Decisions recorded ({len(view.history)})"
            if view.history
            else "No decision recorded yet"
        )
        if not (keep_form and same):
            self._fill_form(view)
        if not same:
            self.ui.packetStatus.setText("")
            self.ui.reviewArea.verticalScrollBar().setValue(0)

    def _size_observation_columns(self) -> None:
        """Item, severity and reporters take what they need up to a share of the width;
        the evidence keeps at least a third, so rows never grow a word per line."""
        table = self.ui.observations
        width = max(table.viewport().width(), 480)
        shares = (0.28, 0.1, 0.2)
        for column, share in enumerate(shares):
            table.resizeColumnToContents(column)
            table.setColumnWidth(column, min(table.columnWidth(column), int(width * share)))
        fit_height(table)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._view is not None:
            self._size_observation_columns()

    def _fill_grids(self, grids: Sequence[StageGrid]) -> None:
        tabs = self.ui.stageTabs
        current = tabs.currentIndex()
        while tabs.count():
            page = tabs.widget(0)
            tabs.removeTab(0)
            page.deleteLater()
        self._grid_tables = []
        for grid in grids:
            table = QTableView()
            table.setModel(RatingsGridModel(grid, table))
            table.setAccessibleName(f"Ratings for {grid.title}")
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setWordWrap(False)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
            table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            fit_height(table)
            flagged = grid.flagged_count
            cards = len(grid.interviewers)
            title = grid.title if cards else f"{grid.title} (no scorecard)"
            if flagged:
                title += f" · {flagged} disagreement{'s' if flagged != 1 else ''}"
            tabs.addTab(table, title)
            self._grid_tables.append(table)
        if 0 <= current < tabs.count():
            tabs.setCurrentIndex(current)
        height = max((t.height() for t in self._grid_tables), default=60)
        tabs.setFixedHeight(height + tabs.tabBar().sizeHint().height() + 8)

    @property
    def grid_tables(self) -> list[QTableView]:
        return list(self._grid_tables)

    # -- the decision form -----------------------------------------------------------
    def _fill_form(self, view: ReviewView) -> None:
        """Start from the committee's own choice: the decision in force, or nothing."""
        recorded = view.recorded
        self._filling = True
        try:
            combo = self.ui.levelChoice
            combo.clear()
            for choice in view.levels:
                combo.addItem(choice.label, choice.level_id)
            level = recorded.level if recorded is not None else None
            combo.setCurrentIndex(combo.findData(level) if level else -1)
            for radio in (self.ui.hireRadio, self.ui.noHireRadio):
                radio.setAutoExclusive(False)
                radio.setChecked(False)
                radio.setAutoExclusive(True)
            if recorded is not None:
                radio = self.ui.hireRadio if recorded.outcome == "hire" else self.ui.noHireRadio
                radio.setChecked(True)
            self.ui.justification.setPlainText(recorded.justification if recorded else "")
            self.override_reason.clear()
            self.ui.base.setValue(recorded.base or 0 if recorded is not None else 0)
            self.ui.equity.setValue(recorded.equity or 0 if recorded is not None else 0)
            self._base_touched = recorded is not None and recorded.base is not None
            self._set_units()
        finally:
            self._filling = False
        self.suggestion.setText(view.suggestion)
        self.suggestion.setVisible(bool(view.suggestion))
        self.use_suggestion.setVisible(view.suggested_outcome is not None)
        self.recorded.setText(recorded.summary if recorded is not None else "")
        self.recorded.setVisible(recorded is not None)
        self.recorded.setStyleSheet(f"color: {theme.css(theme.success())};")
        self.show_problem("")
        self._outcome_changed()

    def take_suggestion(self) -> None:
        """Fill the form with the engine's suggestion (the committee still records it)."""
        view = self._view
        if view is None or view.suggested_outcome is None:
            return
        radio = self.ui.hireRadio if view.suggested_outcome == "hire" else self.ui.noHireRadio
        radio.setChecked(True)
        if view.suggested_outcome == "hire" and view.recommended_level:
            position = self.ui.levelChoice.findData(view.recommended_level)
            if position >= 0:
                self.ui.levelChoice.setCurrentIndex(position)
            choice = self._level()
            if choice is not None:
                band = choice.band
                value = band.suggested if band.suggested is not None else band.base_mid
                self._filling = True
                try:
                    self.ui.base.setValue(value)
                finally:
                    self._filling = False
                self._base_touched = False
        self._update_band()

    def _level(self) -> LevelChoice | None:
        if self._view is None:
            return None
        wanted = self.ui.levelChoice.currentData()
        for choice in self._view.levels:
            if choice.level_id == wanted:
                return choice
        return None

    def _set_units(self) -> None:
        choice = self._level()
        if choice is None:
            return
        band = choice.band
        unit = {"percent": " %", "shares": " shares", "currency": f" {band.currency}"}.get(
            choice.equity_unit, ""
        )
        self.ui.equity.setSuffix(unit)
        self.ui.base.setSuffix(f" {band.currency}")

    def _outcome_changed(self) -> None:
        hire = self.ui.hireRadio.isChecked()
        for widget in (self.ui.levelChoice, self.ui.base, self.ui.equity):
            widget.setEnabled(hire)
        self._update_band()

    def _level_changed(self) -> None:
        if self._filling:
            return
        self._set_units()
        self._update_band()

    def _base_changed(self) -> None:
        if not self._filling:
            self._base_touched = True
        self._update_band()

    def _base(self) -> float | None:
        """The base typed, or ``None`` while it is "not set"."""
        value = self.ui.base.value()
        return value if value > 0 else None

    def base_outside_band(self) -> bool:
        choice = self._level()
        base = self._base()
        if choice is None or base is None or not self.ui.hireRadio.isChecked():
            return False
        return not choice.band.base_min <= base <= choice.band.base_max

    def departure(self) -> str:
        """How the choice departs from the frozen recommendation, in words ('' if not)."""
        view = self._view
        chosen = self.ui.hireRadio.isChecked() or self.ui.noHireRadio.isChecked()
        if view is None or view.frozen is None or not chosen:
            return ""
        hire = self.ui.hireRadio.isChecked()
        choice = self._level()
        found = departures(
            view.frozen,
            hire=hire,
            level=choice.level_id if hire and choice is not None else None,
            base=self._base() if hire else None,
        )
        return describe(found, view.frozen) if found else ""

    def _update_override(self) -> None:
        departs = self.departure()
        if departs:
            self.override_note.setText(
                f"This departs from the recommendation frozen at the committee ({departs}): "
                "write why. The reason is stored with the decision."
            )
            self.override_note.setStyleSheet(f"color: {theme.css(theme.warning())};")
        for widget in (self.override_note, self.override_label, self.override_reason):
            widget.setVisible(bool(departs))

    def _update_band(self) -> None:
        self._update_override()
        self._check_band()
        self.ui.bandCheck.setVisible(bool(self.ui.bandCheck.text()))

    def _check_band(self) -> None:
        choice = self._level()
        hire = self.ui.hireRadio.isChecked()
        if choice is None:
            self.band_chart.set_band(self._view.band if self._view else None)
            self.band_chart.set_proposed(None)
            self.ui.bandCheck.setText("Choose a level to see its band." if hire else "")
            self.ui.bandCheck.setStyleSheet("")
            return
        self.band_chart.set_band(choice.band)
        base = self._base()
        self.band_chart.set_proposed(base if hire else None)
        band = choice.band
        span = f"{money(band.base_min)}–{money(band.base_max)} {band.currency}"
        if not hire:
            self.ui.bandCheck.setText("")
            self.ui.justificationLabel.setText("&Justification")
            return
        if base is None:
            self.ui.bandCheck.setText(f"No base set yet; the {choice.level_id} band is {span}.")
            self.ui.bandCheck.setStyleSheet("")
            self.ui.justificationLabel.setText("&Justification")
        elif self.base_outside_band():
            side = "below" if base < band.base_min else "above"
            self.ui.bandCheck.setText(
                f"{money(base)} {band.currency} is {side} the {choice.level_id} band ({span}): "
                "write why. The justification is stored and printed in the packet."
            )
            self.ui.bandCheck.setStyleSheet(f"color: {theme.css(theme.warning())};")
            self.ui.justificationLabel.setText("&Justification (required)")
        else:
            self.ui.bandCheck.setText(
                f"{money(base)} {band.currency} is inside the {choice.level_id} band ({span})."
            )
            self.ui.bandCheck.setStyleSheet(f"color: {theme.css(theme.success())};")
            self.ui.justificationLabel.setText("&Justification")

    def decision_values(self) -> DecisionValues | None:
        if self._view is None:
            return None
        hire = self.ui.hireRadio.isChecked()
        choice = self._level()
        return DecisionValues(
            candidate_uuid=self._view.uuid,
            outcome="hire" if hire else "no_hire",
            level=choice.level_id if hire and choice is not None else None,
            base=self._base() if hire else None,
            equity=self.ui.equity.value() if hire and self.ui.equity.value() > 0 else None,
            justification=self.ui.justification.toPlainText(),
            decided_by=self.ui.decidedBy.text().strip(),
            override_reason=(
                self.override_reason.toPlainText() if self.override_reason.isVisible() else ""
            ),
        )

    def _record(self) -> None:
        if self._view is None:
            return
        if not (self.ui.hireRadio.isChecked() or self.ui.noHireRadio.isChecked()):
            self.show_problem("Choose hire or no hire.")
            self.ui.hireRadio.setFocus()
            return
        if self.ui.hireRadio.isChecked() and self._level() is None:
            self.show_problem("A hire needs a level.")
            self.ui.levelChoice.setFocus()
            return
        if self.base_outside_band() and not self.ui.justification.toPlainText().strip():
            self.show_problem(
                "The base is outside the band: write a justification before recording."
            )
            self.ui.justification.setFocus()
            return
        if self.departure() and not self.override_reason.toPlainText().strip():
            self.show_problem(
                "This decision departs from the frozen recommendation: write an override "
                "reason before recording."
            )
            self.override_reason.setFocus()
            return
        self.show_problem("")
        values = self.decision_values()
        if values is not None:
            self.decisionRequested.emit(values)

    def show_problem(self, text: str) -> None:
        self.ui.problem.setText(text)
        self.ui.problem.setVisible(bool(text))

    def set_recording(self, busy: bool) -> None:
        """While a decision is on its way to the database the form cannot be sent again."""
        self.ui.decisionBox.setEnabled(not busy)
        self.ui.recordButton.setText("Recording…" if busy else "&Record decision")

    @property
    def recording(self) -> bool:
        return not self.ui.decisionBox.isEnabled()

    def decision_recorded(self, message: str) -> None:
        self.show_problem("")
        self.show_message(message, "success")

    # -- packet ----------------------------------------------------------------------
    def _choose_packet_path(self) -> None:
        if self._view is None:
            return
        path, _filter = QFileDialog.getSaveFileName(
            self, "Save the hiring packet", self._view.packet_name, "PDF files (*.pdf)"
        )
        if path:
            if not Path(path).suffix:
                path += ".pdf"
            self.packetRequested.emit(path, self.ui.anonymise.isChecked())

    def set_packet_busy(self, busy: bool, text: str = "") -> None:
        self.ui.packetButton.setEnabled(not busy)
        self.ui.packetStatus.setText(text)

    # -- messages --------------------------------------------------------------------
    def show_message(self, text: str, kind: str = "info") -> None:
        label = self.ui.banner
        label.setText(text)
        label.setVisible(bool(text))
        colour = {"error": theme.danger(), "success": theme.success()}.get(kind)
        label.setStyleSheet(f"color: {theme.css(colour)};" if colour is not None else "")

    @property
    def message(self) -> str:
        return self.ui.banner.text()
