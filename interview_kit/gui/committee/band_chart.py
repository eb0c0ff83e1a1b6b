"""The level's band drawn as a bar: minimum, midpoint, maximum, the engine's suggested base
and the base the committee proposes (in the warning colour when it falls outside)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from interview_kit.gui import theme


def money(value: float) -> str:
    return f"{value:,.0f}"


@dataclass(frozen=True)
class BandView:
    level: str
    currency: str
    base_min: float
    base_mid: float
    base_max: float
    suggested: float | None = None
    position: float | None = None
    """Where the score sits in the band, 0 to 1 (for the caption)."""

    def describe(self) -> str:
        text = (
            f"{self.level} band {money(self.base_min)} to {money(self.base_max)} {self.currency}"
            f", midpoint {money(self.base_mid)}"
        )
        if self.suggested is not None:
            text += f"; suggested base {money(self.suggested)}"
        return text


class BandChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._band: BandView | None = None
        self._proposed: float | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAccessibleName("Compensation band")
        self.setMinimumHeight(self.sizeHint().height())

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(560, line * 5 + 24)

    def set_band(self, band: BandView | None) -> None:
        self._band = band
        self._update_description()
        self.update()

    def set_proposed(self, base: float | None) -> None:
        self._proposed = base
        self._update_description()
        self.update()

    @property
    def band(self) -> BandView | None:
        return self._band

    def _update_description(self) -> None:
        if self._band is None:
            self.setAccessibleDescription("No band: no level is recommended")
            return
        text = self._band.describe()
        if self._proposed is not None:
            text += f"; proposed base {money(self._proposed)}"
            if not self._inside(self._proposed):
                text += ", outside the band"
        self.setAccessibleDescription(text)

    def _inside(self, value: float) -> bool:
        band = self._band
        return band is not None and band.base_min <= value <= band.base_max

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text_colour = pal.color(QPalette.ColorRole.WindowText)
        metrics = self.fontMetrics()
        line = metrics.height()
        band = self._band
        if band is None:
            painter.setPen(theme.muted())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "No band: the panel recommends no level yet.",
            )
            painter.end()
            return
        low, high = band.base_min, band.base_max
        values = [low, high]
        if self._proposed is not None:
            values.append(self._proposed)
        if band.suggested is not None:
            values.append(band.suggested)
        lo_scale, hi_scale = min(values), max(values)
        span = hi_scale - lo_scale or max(1.0, abs(hi_scale))
        margin = span * 0.06
        lo_scale -= margin
        hi_scale += margin
        left = 12.0
        right = self.width() - 12.0
        width = max(1.0, right - left)

        def x_of(value: float) -> float:
            return left + (value - lo_scale) / (hi_scale - lo_scale) * width

        track_top = line + 10.0
        track = QRectF(x_of(low), track_top, max(2.0, x_of(high) - x_of(low)), line * 0.9)
        scale_line = QRectF(left, track_top + track.height() / 2 - 1, width, 2)
        painter.fillRect(scale_line, pal.color(QPalette.ColorRole.Mid))
        fill = theme.blend(
            pal.color(QPalette.ColorRole.Highlight), pal.color(QPalette.ColorRole.Base), 0.45
        )
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 1))
        painter.setBrush(fill)
        painter.drawRoundedRect(track, 4, 4)
        # Midpoint tick.
        mid_x = x_of(band.base_mid)
        painter.setPen(QPen(text_colour, 2))
        painter.drawLine(QPointF(mid_x, track.top() - 3), QPointF(mid_x, track.bottom() + 3))
        # Labels under the bar.
        painter.setPen(text_colour)
        below = track.bottom() + 4
        self._label(painter, x_of(low), below, f"min {money(low)}", Qt.AlignmentFlag.AlignLeft)
        self._label(
            painter, mid_x, below, f"mid {money(band.base_mid)}", Qt.AlignmentFlag.AlignHCenter
        )
        self._label(
            painter,
            x_of(high),
            below,
            f"max {money(high)} {band.currency}",
            Qt.AlignmentFlag.AlignRight,
        )
        # The suggestion above the bar, the proposal below the labels.
        if band.suggested is not None:
            sx = x_of(band.suggested)
            marker = QPainterPath()
            marker.moveTo(sx - 6, track.top() - 9)
            marker.lineTo(sx + 6, track.top() - 9)
            marker.lineTo(sx, track.top() - 1)
            marker.closeSubpath()
            painter.fillPath(marker, text_colour)
            self._label(
                painter,
                sx,
                track.top() - 10 - line,
                f"suggested {money(band.suggested)}",
                Qt.AlignmentFlag.AlignHCenter,
            )
        if self._proposed is not None:
            px = x_of(self._proposed)
            colour = theme.success() if self._inside(self._proposed) else theme.danger()
            painter.setPen(QPen(colour, 3))
            painter.drawLine(QPointF(px, track.top() - 2), QPointF(px, track.bottom() + 2))
            painter.setPen(colour)
            where = "" if self._inside(self._proposed) else " (outside the band)"
            self._label(
                painter,
                px,
                below + line + 2,
                f"proposed {money(self._proposed)}{where}",
                Qt.AlignmentFlag.AlignHCenter,
            )
        painter.end()

    def _label(
        self, painter: QPainter, x: float, top: float, text: str, align: Qt.AlignmentFlag
    ) -> None:
        metrics = self.fontMetrics()
        width = metrics.horizontalAdvance(text) + 4
        if align == Qt.AlignmentFlag.AlignHCenter:
            left = x - width / 2
        elif align == Qt.AlignmentFlag.AlignRight:
            left = x - width
        else:
            left = x
        left = max(0.0, min(left, self.width() - width))
        painter.drawText(
            QRectF(left, top, width, metrics.height()),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
            text,
        )
