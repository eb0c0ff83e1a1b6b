"""The evidence page: reliability, validity, adverse impact, drift and overrides, one tab
each, as the same tables the command line prints and the hiring-quality report lays out.

Plain data in (:class:`~interview_kit.services.evidence.tables.Section`); the page never
touches the database. Each figure sits beside its count; each table's caveats sit under
it; rows to look at (a flag, a warning) are marked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from interview_kit.gui import theme
from interview_kit.gui.models.table import Column, RowTableModel
from interview_kit.services.evidence.tables import FigureTable, Section

TABS = (
    ("reliability", "Reliability"),
    ("validity", "Validity"),
    ("adverse_impact", "Adverse impact"),
    ("drift", "Drift"),
    ("overrides", "Overrides"),
)

MAX_VISIBLE_ROWS = 18


@dataclass(frozen=True)
class FigureRow:
    values: tuple[str, ...]
    flagged: bool


def figure_model(figures: FigureTable, parent: QWidget | None = None) -> RowTableModel[FigureRow]:
    warn = theme.warning()

    def column(index: int, title: str) -> Column[FigureRow]:
        return Column(
            title,
            lambda row: ("⚑ " if row.flagged and index == 0 else "") + row.values[index],
            sort_key=lambda row: _sort_key(row.values[index]),
            foreground=lambda row: warn if row.flagged else None,
        )

    model: RowTableModel[FigureRow] = RowTableModel(
        [column(i, title) for i, title in enumerate(figures.headers)], parent
    )
    marked = set(figures.flagged_rows)
    rows = []
    label = ""
    for i, values in enumerate(figures.rows):
        # Printed tables leave a repeated first cell blank; a sortable one cannot.
        label = values[0] or label
        rows.append(FigureRow((label, *values[1:]), i in marked))
    model.set_rows(rows)
    return model


def _sort_key(text: str) -> tuple[int, float, str]:
    """Numbers in number order (a leading count or figure), then text."""
    head = text.split(" ", 1)[0].replace("−", "-").rstrip("%")
    try:
        return (0, float(head), text)
    except ValueError:
        return (1, 0.0, text.casefold())


class FigureBlock(QWidget):
    """One table with its title and notes."""

    def __init__(self, figures: FigureTable, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.figures = figures
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        self.title = QLabel(figures.title)
        theme.make_heading(self.title, 1.05)
        layout.addWidget(self.title)
        self.view: QTableView | None = None
        if not figures.rows:
            empty = QLabel(figures.empty_text)
            empty.setStyleSheet(f"color: {theme.css(theme.muted())};")
            layout.addWidget(empty)
        else:
            view = QTableView()
            view.setModel(figure_model(figures, view))
            # Sortable by a click on a header; shown first in the view's own order.
            view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
            view.setSortingEnabled(True)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.verticalHeader().setVisible(False)
            view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
            view.horizontalHeader().setStretchLastSection(True)
            view.setAccessibleName(figures.title)
            rows = min(len(figures.rows), MAX_VISIBLE_ROWS)
            height = view.verticalHeader().defaultSectionSize() * rows
            view.setMinimumHeight(height + view.horizontalHeader().sizeHint().height() + 4)
            layout.addWidget(view)
            self.view = view
        for text in figures.notes:
            note = QLabel(text)
            note.setWordWrap(True)
            note.setStyleSheet(f"color: {theme.css(theme.muted())};")
            layout.addWidget(note)


class SectionTab(QScrollArea):
    """One evidence view: what it means, its warnings, its tables."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.section: Section | None = None
        self.blocks: list[FigureBlock] = []
        self._body = QWidget()
        self._layout = QVBoxLayout(self._body)
        self.intro = QLabel("Not computed yet.")
        self.intro.setWordWrap(True)
        self._layout.addWidget(self.intro)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setTextFormat(Qt.TextFormat.PlainText)
        self.warnings.setStyleSheet(f"color: {theme.css(theme.warning())};")
        self.warnings.hide()
        self._layout.addWidget(self.warnings)
        self._layout.addStretch(1)
        self.setWidget(self._body)

    def show_section(self, section: Section) -> None:
        self.section = section
        self.intro.setText(section.intro)
        self.warnings.setText("\n".join(f"⚑ {w}" for w in section.warnings[:20]))
        self.warnings.setVisible(bool(section.warnings))
        for block in self.blocks:
            self._layout.removeWidget(block)
            block.deleteLater()
        self.blocks = []
        for figures in section.tables:
            block = FigureBlock(figures)
            self._layout.insertWidget(self._layout.count() - 1, block)
            self.blocks.append(block)


class EvidencePage(QWidget):
    refreshRequested = Signal()
    outcomeRequested = Signal()
    selfIdentificationRequested = Signal()
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel("Evidence")
        theme.make_heading(self.title, 1.4)
        top.addWidget(self.title)
        top.addStretch(1)
        self.status = QLabel()
        top.addWidget(self.status)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(160)
        self.progress.setTextVisible(False)
        self.progress.hide()
        top.addWidget(self.progress)
        self.outcome_button = QPushButton("Record outcome…")
        self.outcome_button.setToolTip("How a hire turned out at 90 days or one year")
        self.outcome_button.clicked.connect(self.outcomeRequested)
        top.addWidget(self.outcome_button)
        self.self_id_button = QPushButton("Self-identification…")
        self.self_id_button.setToolTip("A candidate's voluntary answers (recruiters only)")
        self.self_id_button.clicked.connect(self.selfIdentificationRequested)
        top.addWidget(self.self_id_button)
        self.refresh_button = QPushButton("Refresh")
        self.refresh_button.clicked.connect(self.refreshRequested)
        top.addWidget(self.refresh_button)
        layout.addLayout(top)
        lead = QLabel(
            "How far the process itself can be trusted, over the whole stored history: "
            "each figure with the count behind it and its caveats."
        )
        lead.setWordWrap(True)
        lead.setStyleSheet(f"color: {theme.css(theme.muted())};")
        layout.addWidget(lead)
        self.tabs = QTabWidget()
        self.tab_by_id: dict[str, SectionTab] = {}
        for key, title in TABS:
            tab = SectionTab()
            tab.setObjectName(f"evidence_{key}")
            self.tabs.addTab(tab, title)
            self.tab_by_id[key] = tab
        layout.addWidget(self.tabs, 1)

    def set_recording_allowed(self, allowed: bool) -> None:
        """Outcomes and self-identification are recorded by recruiters."""
        self.outcome_button.setVisible(allowed)
        self.self_id_button.setVisible(allowed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.refresh_button.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
        self.status.setStyleSheet("")
        self.status.setText(text)

    def set_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.status.setText(message)

    def show_sections(self, sections: Sequence[Section]) -> None:
        for section in sections:
            tab = self.tab_by_id.get(section.id)
            if tab is not None:
                tab.show_section(section)

    def show_error(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {theme.css(theme.danger())};")
