"""The six steps, always visible, each with a progress mark."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QSizePolicy, QWidget

from interview_kit.gui import theme
from interview_kit.gui.stage_walk.state import Step


class Mark(StrEnum):
    NOT_STARTED = "not started"
    IN_PROGRESS = "in progress"
    DONE = "done"
    PROBLEM = "needs attention"


class StepButton(QAbstractButton):
    """A numbered circle (a tick when done, "!" when something needs fixing) and a title."""

    def __init__(self, step: Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.step = step
        self.mark = Mark.NOT_STARTED
        self.detail = ""
        self.setCheckable(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setText(f"{step.value + 1}. {step.title}")
        self.setToolTip(f"{step.title} (Alt+{step.value + 1})")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._update_accessible()

    def set_mark(self, mark: Mark, detail: str = "") -> None:
        if (mark, detail) == (self.mark, self.detail):
            return
        self.mark = mark
        self.detail = detail
        self._update_accessible()
        self.update()

    def _update_accessible(self) -> None:
        self.setAccessibleName(f"Step {self.step.value + 1}: {self.step.title}")
        detail = f": {self.detail}" if self.detail else ""
        self.setAccessibleDescription(f"{self.mark.value}{detail}")
        self.setToolTip(f"{self.step.title}: {self.mark.value}{detail} (Alt+{self.step.value + 1})")

    def _circle(self) -> float:
        return self.fontMetrics().height() * 1.6

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        circle = self._circle()
        bold = QFont(self.font())
        bold.setBold(True)
        width = QFontMetrics(bold).horizontalAdvance(self.text())
        return QSize(
            int(circle + 10 + min(width, 190) + 8), int(max(circle, metrics.height() * 2.3) + 12)
        )

    def minimumSizeHint(self) -> QSize:
        """Room for the longest word in bold: the title wraps between words, never
        inside one, so no step's name is ever cut."""
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        longest = max(metrics.horizontalAdvance(word) for word in self.text().split())
        return QSize(int(self._circle() + 10 + longest + 8), self.sizeHint().height())

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        circle = self._circle()
        top = (self.height() - 4 - circle) / 2
        box = QRectF(2, top, circle, circle)
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        if self.mark is Mark.DONE:
            fill, edge, glyph, glyph_colour = theme.success(), theme.success(), "✓", QColor("white")
        elif self.mark is Mark.PROBLEM:
            fill, edge, glyph, glyph_colour = theme.danger(), theme.danger(), "!", QColor("white")
        elif self.mark is Mark.IN_PROGRESS:
            fill = theme.blend(
                pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Window), 0.25
            )
            edge = pal.color(QPalette.ColorRole.Highlight)
            glyph, glyph_colour = str(self.step.value + 1), text_colour
        else:
            fill = pal.color(QPalette.ColorRole.Window)
            edge = pal.color(QPalette.ColorRole.Mid)
            glyph, glyph_colour = str(self.step.value + 1), text_colour
        painter.setPen(QPen(edge, 2))
        painter.setBrush(fill)
        painter.drawEllipse(box.adjusted(1, 1, -1, -1))
        font = QFont(self.font())
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(glyph_colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, glyph)

        text_box = QRectF(circle + 10, 0, self.width() - circle - 12, self.height() - 4)
        font.setBold(self.isChecked())
        painter.setFont(font)
        painter.setPen(
            text_colour
            if self.isChecked()
            else theme.blend(text_colour, pal.color(QPalette.ColorRole.Window), 0.8)
        )
        painter.drawText(
            text_box,
            int(
                Qt.AlignmentFlag.AlignVCenter
                | Qt.AlignmentFlag.AlignLeft
                | Qt.TextFlag.TextWordWrap
            ),
            self.text(),
        )
        if self.isChecked():
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(pal.color(QPalette.ColorRole.Highlight))
            painter.drawRect(QRectF(0, self.height() - 3, self.width(), 3))
        painter.end()


class Stepper(QWidget):
    stepChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.buttons: dict[Step, StepButton] = {}
        for step in Step:
            button = StepButton(step, self)
            button.clicked.connect(lambda _checked=False, s=step: self.stepChosen.emit(int(s)))
            layout.addWidget(button)
            self.buttons[step] = button

    def set_current(self, step: Step) -> None:
        for each, button in self.buttons.items():
            button.setChecked(each == step)

    def set_mark(self, step: Step, mark: Mark, detail: str = "") -> None:
        self.buttons[step].set_mark(mark, detail)
