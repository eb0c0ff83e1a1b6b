"""The insights page: three charts, computed off the UI thread when the page is shown."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette, QShowEvent
from PySide6.QtWidgets import QWidget

from interview_kit.gui import theme
from interview_kit.gui.generated.ui_insights_page import Ui_InsightsPage
from interview_kit.gui.insights.charts import BarChart, BarRow


def funnel_colours() -> tuple[QColor, QColor, QColor]:
    """Passed, still in the stage, dropped there: the funnel's three segments."""
    pal = theme.palette()
    # A lighter shade of the highlight: towards the text colour on a dark base, so it
    # stands out there as well as on a light one.
    towards = QPalette.ColorRole.WindowText if theme.is_dark() else QPalette.ColorRole.Base
    in_stage = theme.blend(pal.color(QPalette.ColorRole.Highlight), pal.color(towards), 0.55)
    return theme.success(), in_stage, theme.danger()


def funnel_legend() -> str:
    passed, in_stage, dropped = funnel_colours()

    def key(colour: QColor, text: str) -> str:
        return f'<span style="color:{theme.css(colour)}">■</span> {text}'

    return (
        "Candidates who reached each stage: "
        + " &nbsp; ".join(
            [
                key(passed, "passed"),
                key(in_stage, "still in it"),
                key(dropped, "rejected or withdrew there"),
            ]
        )
        + ". Pass-through is passed ÷ (passed + dropped)."
    )


class InsightsPage(QWidget):
    refreshRequested = Signal()
    shown = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_InsightsPage()
        self.ui.setupUi(self)
        theme.make_heading(self.ui.title, 1.4)
        for label in (self.ui.funnelTitle, self.ui.daysTitle, self.ui.calibrationTitle):
            theme.make_heading(label, 1.15)
        for label in (self.ui.funnelNote, self.ui.daysNote, self.ui.calibrationNote):
            label.setStyleSheet(f"color: {theme.css(theme.muted())};")
        self.funnel_chart = BarChart("Pipeline funnel")
        self.days_chart = BarChart("Median days in stage")
        self.calibration_chart = BarChart(
            "Interviewer calibration", diverging=True, minimum_span=0.5
        )
        self.ui.funnelLayout.addWidget(self.funnel_chart)
        self.ui.daysLayout.addWidget(self.days_chart)
        self.ui.calibrationLayout.addWidget(self.calibration_chart)
        self.ui.refreshButton.clicked.connect(self.refreshRequested)
        self.ui.funnelNote.setTextFormat(Qt.TextFormat.RichText)
        self.ui.funnelNote.setText(funnel_legend())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.shown.emit()

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.ui.refreshButton.setEnabled(not busy)
        self.ui.status.setText(text)

    def show_funnel(self, rows: Sequence[BarRow], empty_text: str = "") -> None:
        self.funnel_chart.set_rows(rows, empty_text=empty_text or "No candidates yet.")

    def show_days(self, rows: Sequence[BarRow]) -> None:
        self.days_chart.set_rows(rows, empty_text="No stage has been completed yet.")

    def show_calibration(self, rows: Sequence[BarRow]) -> None:
        self.calibration_chart.set_rows(
            rows,
            empty_text="No interviewer has rated a candidate alongside another yet.",
            axis_note="← harsher | more lenient →",
        )

    def show_error(self, text: str) -> None:
        self.ui.status.setText(text)
        self.ui.status.setStyleSheet(f"color: {theme.css(theme.danger())};")
