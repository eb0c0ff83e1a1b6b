"""Horizontal bar charts drawn with QPainter: the funnel, days in stage, calibration.

One widget serves all three: each row has a label, one or more stacked segments and a
caption. Bars start at zero, or, for calibration, grow left (harsh) or right (lenient)
from a centre line. Colours come from the platform palette and the app's accents, so
light and dark modes both read; small samples are hatched and say so in their caption.
Every row also has a tooltip, and the whole chart an accessible description, so the
numbers are never only in the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetrics,
    QHelpEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from interview_kit.gui import theme


@dataclass(frozen=True)
class Segment:
    value: float
    colour: QColor
    hatched: bool = False


@dataclass(frozen=True)
class BarRow:
    label: str
    segments: tuple[Segment, ...]
    caption: str
    tooltip: str = ""
    emphasis: bool = False


class BarChart(QWidget):
    """Rows of horizontal bars. ``diverging`` draws around a centre line at zero."""

    def __init__(
        self,
        title: str,
        *,
        diverging: bool = False,
        minimum_span: float = 1.0,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMouseTracking(True)
        self._rows: tuple[BarRow, ...] = ()
        self._diverging = diverging
        self._minimum_span = minimum_span
        self._empty_text = "Nothing to show yet."
        self._row_rects: list[QRectF] = []
        self._axis_note = ""
        self.setAccessibleDescription(self._empty_text)

    # -- data ------------------------------------------------------------------------
    def set_rows(
        self, rows: Sequence[BarRow], *, empty_text: str = "", axis_note: str = ""
    ) -> None:
        self._rows = tuple(rows)
        if empty_text:
            self._empty_text = empty_text
        self._axis_note = axis_note
        description = (
            "; ".join(f"{row.label}: {row.caption}" for row in self._rows)
            if self._rows
            else self._empty_text
        )
        self.setAccessibleDescription(description)
        self.setFixedHeight(self.sizeHint().height())
        self.updateGeometry()
        self.update()

    @property
    def rows(self) -> tuple[BarRow, ...]:
        return self._rows

    # -- geometry --------------------------------------------------------------------
    def _row_height(self) -> int:
        return self.fontMetrics().height() + 14

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._rows))
        extra = 2 * self.fontMetrics().height() + 12 if self._diverging else 8
        return QSize(640, rows * self._row_height() + extra + 8)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def _metrics_for(self, row: BarRow) -> QFontMetrics:
        """Emphasised rows are drawn bold, so they are measured bold."""
        font = self.font()
        font.setBold(row.emphasis)
        return QFontMetrics(font)

    def _label_width(self) -> float:
        widest = max(
            (self._metrics_for(row).horizontalAdvance(row.label) for row in self._rows),
            default=60,
        )
        return min(float(widest + 16), self.width() * 0.32)

    def _caption_width(self) -> float:
        widest = max(
            (self._metrics_for(row).horizontalAdvance(row.caption) for row in self._rows),
            default=40,
        )
        return min(float(widest + 16), self.width() * 0.34)

    # -- painting --------------------------------------------------------------------
    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        self._row_rects = []
        if not self._rows:
            painter.setPen(theme.muted())
            painter.drawText(
                self.rect().adjusted(8, 0, -8, 0),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                self._empty_text,
            )
            painter.end()
            return
        metrics = self.fontMetrics()
        label_w = self._label_width()
        caption_w = self._caption_width()
        left = label_w
        right = max(left + 40.0, self.width() - caption_w - 8.0)
        span_w = right - left
        row_h = self._row_height()
        bar_h = max(8.0, row_h - 12.0)
        if self._diverging:
            extent = max(
                [self._minimum_span]
                + [abs(sum(s.value for s in row.segments)) for row in self._rows]
            )
            centre = left + span_w / 2
            scale = (span_w / 2 - 4) / extent
        else:
            extent = max(
                [self._minimum_span] + [sum(s.value for s in row.segments) for row in self._rows]
            )
            centre = left
            scale = (span_w - 4) / extent
        grid = theme.blend(
            pal.color(QPalette.ColorRole.Mid), pal.color(QPalette.ColorRole.Window), 0.5
        )
        top = 4.0
        for number, row in enumerate(self._rows):
            y = top + number * row_h
            rect = QRectF(0, y, self.width(), row_h)
            self._row_rects.append(rect)
            if row.emphasis:
                painter.fillRect(rect, theme.card_background())
            font = painter.font()
            font.setBold(row.emphasis)
            painter.setFont(font)
            painter.setPen(text)
            bold = QFontMetrics(font)
            painter.drawText(
                QRectF(4, y, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                bold.elidedText(row.label, Qt.TextElideMode.ElideRight, int(label_w - 8)),
            )
            x = centre
            bar_top = y + (row_h - bar_h) / 2
            for segment in row.segments:
                width = segment.value * scale
                if width == 0:
                    continue
                start = x if width > 0 else x + width
                bar = QRectF(start, bar_top, abs(width), bar_h)
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(segment.colour)
                painter.drawRect(bar)
                if segment.hatched:
                    painter.setBrush(
                        QBrush(pal.color(QPalette.ColorRole.Base), Qt.BrushStyle.BDiagPattern)
                    )
                    painter.drawRect(bar)
                x += width
            painter.setPen(text)
            painter.drawText(
                QRectF(right + 8, y, caption_w, row_h),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                bold.elidedText(row.caption, Qt.TextElideMode.ElideRight, int(caption_w)),
            )
        font = painter.font()
        font.setBold(False)
        painter.setFont(font)
        bottom = top + len(self._rows) * row_h
        if self._diverging:
            painter.setPen(QPen(text, 1))
            painter.drawLine(QPointF(centre, top), QPointF(centre, bottom))
            painter.setPen(QPen(grid, 1, Qt.PenStyle.DashLine))
            for fraction in (-1.0, -0.5, 0.5, 1.0):
                tick = centre + fraction * extent * scale
                painter.drawLine(QPointF(tick, top), QPointF(tick, bottom))
            painter.setPen(theme.muted())
            for fraction in (-1.0, 0.0, 1.0):
                value = fraction * extent
                tick = centre + value * scale
                label = f"{value:+.2f}" if value else "0"
                width = metrics.horizontalAdvance(label) + 6
                painter.drawText(
                    QRectF(tick - width / 2, bottom + 2, width, metrics.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    label,
                )
            if self._axis_note:
                harsh, _, lenient = self._axis_note.partition("|")
                line_top = bottom + 2 + metrics.height()
                painter.drawText(
                    QRectF(centre - span_w / 2, line_top, span_w / 2 - 8, metrics.height()),
                    Qt.AlignmentFlag.AlignRight,
                    harsh.strip(),
                )
                painter.drawText(
                    QRectF(centre + 8, line_top, span_w / 2 - 8, metrics.height()),
                    Qt.AlignmentFlag.AlignLeft,
                    lenient.strip(),
                )
        painter.end()

    # -- tooltips --------------------------------------------------------------------
    def row_at(self, point: QPointF) -> int | None:
        for number, rect in enumerate(self._row_rects):
            if rect.contains(point):
                return number
        return None

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            number = self.row_at(QPointF(event.pos()))
            if number is not None and number < len(self._rows):
                row = self._rows[number]
                QToolTip.showText(
                    event.globalPos(), row.tooltip or f"{row.label}: {row.caption}", self
                )
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
