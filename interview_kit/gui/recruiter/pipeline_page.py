"""The pipeline: every candidate with each stage's state; search, filter, sort, act.

Search and filters go to SQL through the wiring: the filters at once, the search once
typing pauses (off the UI thread); the table holds the pages read so far and asks for
the next as the user scrolls near the end (:mod:`interview_kit.gui.paged`).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QObject,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QMenu,
    QPushButton,
    QWidget,
)

from interview_kit.gui import theme
from interview_kit.gui.generated.ui_pipeline_page import Ui_PipelinePage
from interview_kit.gui.models.table import ROW_ROLE
from interview_kit.gui.paged import fill_view
from interview_kit.gui.recruiter.models import PipelineItem, PipelineModel, StageColumn

OPEN = "open"
ALL = "all"
REOPENABLE = ("rejected", "withdrawn")
"""Statuses *Reopen…* undoes."""


class PipelinePage(QWidget):
    filtersChanged = Signal()
    """The stage or status filter changed: query again."""
    searchChanged = Signal(str)
    """The search text changed: query again once typing pauses."""
    searchSubmitted = Signal()
    """Enter or Down in the search box: the answer to what was typed is wanted now."""
    roleChanged = Signal()
    """Another role chosen: its stages become the columns, its candidates the rows."""
    addRequested = Signal()
    editRequested = Signal(str)
    advanceRequested = Signal(str)
    rejectRequested = Signal(str)
    withdrawRequested = Signal(str)
    reopenRequested = Signal(str)
    eraseRequested = Signal(str)
    assignRequested = Signal(str)
    reviewRequested = Signal(str)
    packetsRequested = Signal(list)
    """Hiring packets for these candidates (uuids, in table order)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_PipelinePage()
        self.ui.setupUi(self)
        theme.make_heading(self.ui.title, 1.4)
        self.model = PipelineModel(self)
        self._sized_columns: tuple[str, ...] = ()
        table = self.ui.table
        table.setModel(self.model)
        fill_view(table, self.model)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for the actions on a selection (hiring packets); the others act on
        # one candidate and are off while more are selected.
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._show_context_menu)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        )
        table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        table.horizontalHeader().sortIndicatorChanged.connect(self._keep_indicator)
        table.selectionModel().selectionChanged.connect(self._selection_changed)
        table.doubleClicked.connect(lambda _index: self._emit_for_selection(self.editRequested))
        table.activated.connect(lambda _index: self._emit_for_selection(self.editRequested))
        self.model.modelReset.connect(self._after_reset)

        # Shown once several roles are hired for (one rubric each); built here, not in
        # the form, so a single-role panel sees the page exactly as before.
        self.role_filter_box = QComboBox(self)
        self.role_filter_box.setAccessibleName("Role")
        self.role_filter_box.setToolTip("Whose pipeline: the candidates of one role")
        self.role_filter_box.hide()
        self.ui.filterRow.insertWidget(0, self.role_filter_box)
        self.role_filter_box.currentIndexChanged.connect(lambda _i: self.roleChanged.emit())
        self.ui.statusFilter.addItem("Open candidates", OPEN)
        self.ui.statusFilter.addItem("All candidates", ALL)
        self.ui.stageFilter.addItem("All stages", "")

        # Reopen sits with the other moves; it acts on a rejected or withdrawn candidate.
        self.reopenButton = QPushButton("Reopen…", self)
        self.reopenButton.setObjectName("reopenButton")
        self.reopenButton.setAccessibleName("Reopen")
        self.reopenButton.setToolTip(
            "Undo a rejection or withdrawal: back to the stage the candidate left"
        )
        row = self.ui.actionRow
        row.insertWidget(row.indexOf(self.ui.withdrawButton) + 1, self.reopenButton)
        self.reopenButton.clicked.connect(lambda: self._emit_for_selection(self.reopenRequested))
        self.ui.search.textChanged.connect(self.searchChanged)
        self.ui.stageFilter.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self.ui.statusFilter.currentIndexChanged.connect(lambda _i: self.filtersChanged.emit())
        self.ui.addButton.clicked.connect(self.addRequested)
        self.ui.editButton.clicked.connect(lambda: self._emit_for_selection(self.editRequested))
        self.ui.advanceButton.clicked.connect(
            lambda: self._emit_for_selection(self.advanceRequested)
        )
        self.ui.rejectButton.clicked.connect(lambda: self._emit_for_selection(self.rejectRequested))
        self.ui.withdrawButton.clicked.connect(
            lambda: self._emit_for_selection(self.withdrawRequested)
        )
        self.ui.eraseButton.clicked.connect(lambda: self._emit_for_selection(self.eraseRequested))
        self.ui.assignButton.clicked.connect(lambda: self._emit_for_selection(self.assignRequested))
        self.ui.reviewButton.clicked.connect(lambda: self._emit_for_selection(self.reviewRequested))
        self.ui.packetsButton.clicked.connect(self.request_packets)
        self.ui.eraseButton.setStyleSheet(f"color: {theme.css(theme.danger())};")
        self.ui.search.installEventFilter(self)
        table.installEventFilter(self)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self._focus_search)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.addRequested.emit)
        QShortcut(QKeySequence("Ctrl+P"), self, activated=self.request_packets)
        self.show_message("")
        self._update_actions()

    # -- filters ---------------------------------------------------------------------
    def search_text(self) -> str:
        return self.ui.search.text()

    def stage_filter(self) -> str | None:
        value = self.ui.stageFilter.currentData()
        return str(value) if value else None

    def status_filter(self) -> str:
        """``"open"``, ``"all"`` or one status value."""
        return str(self.ui.statusFilter.currentData() or OPEN)

    def role_filter(self) -> str | None:
        """The chosen role's rubric id (``None``: every role)."""
        value = self.role_filter_box.currentData()
        return str(value) if value else None

    def set_roles(self, roles: Sequence[tuple[str, str]]) -> None:
        """(rubric id, title) of each role; the choice shows only with more than one."""
        combo = self.role_filter_box
        combo.blockSignals(True)
        current = combo.currentData()
        combo.clear()
        combo.addItem("All roles", "")
        for value, title in roles:
            combo.addItem(title, value)
        combo.setCurrentIndex(max(0, combo.findData(current)))
        combo.setVisible(len(roles) > 1)
        combo.blockSignals(False)

    def set_status_choices(self, statuses: Sequence[tuple[str, str]]) -> None:
        combo = self.ui.statusFilter
        combo.blockSignals(True)
        current = combo.currentData()
        while combo.count() > 2:
            combo.removeItem(2)
        for value, label in statuses:
            combo.addItem(label, value)
        position = combo.findData(current)
        combo.setCurrentIndex(max(0, position))
        combo.blockSignals(False)

    def set_stages(self, stages: Sequence[StageColumn]) -> None:
        combo = self.ui.stageFilter
        combo.blockSignals(True)
        current = combo.currentData()
        combo.clear()
        combo.addItem("All stages", "")
        for stage in stages:
            combo.addItem(stage.title, stage.stage_id)
        position = combo.findData(current)
        combo.setCurrentIndex(max(0, position))
        combo.blockSignals(False)
        self.model.set_stages(stages)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Down (or Enter) in the search box goes to the results; the table, once it has
        the focus, always has a row chosen, so the action buttons mean something."""
        if (
            watched is self.ui.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            self.searchSubmitted.emit()
            if self.model.rowCount() > 0:
                self.ui.table.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        if (
            watched is self.ui.table
            and event.type() == QEvent.Type.FocusIn
            and not self.ui.table.selectionModel().hasSelection()
            and self.model.rowCount() > 0
        ):
            self.ui.table.selectRow(0)
        return super().eventFilter(watched, event)

    def _focus_search(self) -> None:
        self.ui.search.setFocus()
        self.ui.search.selectAll()

    # -- rows ------------------------------------------------------------------------
    def set_rows(
        self,
        rows: Sequence[PipelineItem],
        total: int,
        *,
        after: object | None = None,
        more: bool | None = None,
    ) -> None:
        keep = self.selected_uuids()
        self.model.set_page(rows, total, after=after, more=more)
        shown = len(rows)
        if total == 0:
            self.ui.selectionInfo.setText("No candidate matches.")
        elif shown < total:
            self.ui.selectionInfo.setText(f"{total} candidates match; scroll for more.")
        else:
            self.ui.selectionInfo.setText(f"{total} candidate{'s' if total != 1 else ''} match.")
        # The chosen candidates stay chosen (and the line says what they are now).
        if len(keep) == 1:
            self.select_uuid(keep[0])
        elif keep:
            self.select_uuids(keep)

    def set_counts(self, text: str) -> None:
        self.ui.counts.setText(text)

    def _after_reset(self) -> None:
        header = self.ui.table.horizontalHeader()
        header.blockSignals(True)
        order = (
            Qt.SortOrder.DescendingOrder if self.model.descending else Qt.SortOrder.AscendingOrder
        )
        header.setSortIndicator(self.model.sort_column(), order)
        header.blockSignals(False)
        titles = tuple(self.model.column_title(c) for c in range(self.model.columnCount()))
        if titles != self._sized_columns:
            # Widths are set when the columns change (another rubric), not on every query.
            self._sized_columns = titles
            stages = self.model.stage_columns()
            widths = {
                "Name": 190,
                "Where": 170,
                "Score": 60,
                "Recommendation": 150,
                "Decision": 90,
                "Source": 160,
                "E-mail": 240,
                "Updated": 100,
            }
            for column, title in enumerate(titles):
                width = 120 if column in stages else widths.get(title, 120)
                self.ui.table.setColumnWidth(column, width)
        self._update_actions()

    def _keep_indicator(self, column: int, _order: Qt.SortOrder) -> None:
        if not self.model.is_sortable(column):
            self._after_reset()

    def selected_items(self) -> list[PipelineItem]:
        """Every selected candidate, in table order."""
        rows = sorted(self.ui.table.selectionModel().selectedRows(), key=lambda i: i.row())
        items = (self.model.data(index, ROW_ROLE) for index in rows)
        return [item for item in items if isinstance(item, PipelineItem)]

    def selected_uuids(self) -> list[str]:
        return [item.uuid for item in self.selected_items()]

    def selected_item(self) -> PipelineItem | None:
        """The candidate the one-candidate actions act on: the only one selected."""
        items = self.selected_items()
        return items[0] if len(items) == 1 else None

    def selected_uuid(self) -> str | None:
        item = self.selected_item()
        return item.uuid if item is not None else None

    def select_uuid(self, uuid: str) -> bool:
        index = self.model.index_of(lambda row: row.uuid == uuid)
        if not index.isValid():
            return False
        self.ui.table.selectRow(index.row())
        self.ui.table.scrollTo(index)
        return True

    def select_uuids(self, uuids: Sequence[str]) -> int:
        """Select these candidates (those on the loaded pages); how many were found."""
        wanted = set(uuids)
        selection = QItemSelection()
        found = 0
        for row, item in enumerate(self.model.rows()):
            if item.uuid in wanted:
                index = self.model.index(row, 0)
                selection.select(index, index)
                found += 1
        self.ui.table.selectionModel().select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return found

    def select_row(self, row: int) -> None:
        self.ui.table.selectRow(row)

    def _selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._update_actions()

    def _update_actions(self) -> None:
        item = self.selected_item()
        chosen = item is not None
        count = len(self.ui.table.selectionModel().selectedRows())
        self.ui.packetsButton.setEnabled(count > 0)
        for button in (
            self.ui.editButton,
            self.ui.eraseButton,
            self.ui.assignButton,
            self.ui.reviewButton,
        ):
            button.setEnabled(chosen)
        open_candidate = chosen and not item.closed  # type: ignore[union-attr]
        self.ui.rejectButton.setEnabled(open_candidate)
        self.ui.withdrawButton.setEnabled(open_candidate)
        self.reopenButton.setEnabled(
            chosen and item.status in REOPENABLE  # type: ignore[union-attr]
        )
        self.ui.advanceButton.setEnabled(open_candidate and bool(item.next_label))  # type: ignore[union-attr]
        label = item.next_label if item is not None and item.next_label else "Advance"
        self.ui.advanceButton.setText(f"{label}…")
        self.ui.advanceButton.setAccessibleName(label)
        ready = item is not None and item.ready
        # Offered, not only allowed: the panel is done and the next step is the recruiter's.
        self.ui.advanceButton.setStyleSheet(
            f"font-weight: bold; color: {theme.css(theme.success())};" if ready else ""
        )
        self.ui.advanceButton.setToolTip(
            "Every scorecard of this stage is submitted: ready to advance" if ready else ""
        )
        if item is not None:
            self.ui.selectionInfo.setText(f"{item.name}: {item.where_text}")
        elif count > 1:
            self.ui.selectionInfo.setText(
                f"{count} candidates selected: hiring packets for all of them, or choose one "
                "for the other actions."
            )

    def request_packets(self) -> None:
        uuids = self.selected_uuids()
        if uuids:
            self.packetsRequested.emit(uuids)

    def _action_buttons(self) -> list[QPushButton]:
        ui = self.ui
        return [
            ui.editButton,
            ui.advanceButton,
            ui.rejectButton,
            ui.withdrawButton,
            self.reopenButton,
            ui.assignButton,
            ui.reviewButton,
            ui.packetsButton,
            ui.eraseButton,
        ]

    def context_menu(self) -> QMenu:
        """The buttons' actions for the selection, as they stand."""
        menu = QMenu(self)
        for button in self._action_buttons():
            if button is self.ui.packetsButton or button is self.ui.eraseButton:
                menu.addSeparator()
            action = menu.addAction(button.text())
            action.setEnabled(button.isEnabled())
            action.triggered.connect(lambda _checked=False, b=button: b.click())
            if button is self.ui.packetsButton:
                action.setShortcut(QKeySequence("Ctrl+P"))
        return menu

    def _show_context_menu(self, position: QPoint) -> None:
        menu = self.context_menu()
        menu.aboutToHide.connect(menu.deleteLater)
        menu.popup(self.ui.table.viewport().mapToGlobal(position))

    def _emit_for_selection(self, signal: Signal) -> None:
        uuid = self.selected_uuid()
        if uuid is not None:
            signal.emit(uuid)  # type: ignore[attr-defined]

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
