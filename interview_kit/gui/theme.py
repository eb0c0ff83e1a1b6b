"""Colours and fonts derived from the platform palette, so light and dark both read well.

Nothing here sets a style or a palette: the app follows the platform. We only pick accent
colours (danger, warning, success) that stay legible on whichever base the platform gives.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget


def palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark(pal: QPalette | None = None) -> bool:
    pal = pal or palette()
    return pal.color(QPalette.ColorRole.Window).lightness() < 128


def danger() -> QColor:
    """Text colour for blockers and problems."""
    return QColor("#ff7b72") if is_dark() else QColor("#b42318")


def warning() -> QColor:
    return QColor("#e3b341") if is_dark() else QColor("#8a5a00")


def success() -> QColor:
    return QColor("#56d364") if is_dark() else QColor("#1a7f37")


def muted() -> QColor:
    return palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def danger_background() -> QColor:
    return QColor("#4a1d1d") if is_dark() else QColor("#fdecea")


def warning_background() -> QColor:
    return QColor("#4a3a12") if is_dark() else QColor("#fff4d6")


def selected_background() -> QColor:
    """A calm fill for the chosen rating: the highlight colour, softened."""
    pal = palette()
    highlight = pal.color(QPalette.ColorRole.Highlight)
    base = pal.color(QPalette.ColorRole.Base)
    return blend(highlight, base, 0.35)


def card_background() -> QColor:
    pal = palette()
    return blend(pal.color(QPalette.ColorRole.Base), pal.color(QPalette.ColorRole.Window), 0.5)


def blend(first: QColor, second: QColor, amount: float) -> QColor:
    """``amount`` of ``first`` over ``second``."""
    rest = 1.0 - amount
    return QColor(
        round(first.red() * amount + second.red() * rest),
        round(first.green() * amount + second.green() * rest),
        round(first.blue() * amount + second.blue() * rest),
    )


def css(color: QColor) -> str:
    return color.name(QColor.NameFormat.HexRgb)


def heading_font(widget: QWidget, scale: float = 1.35, *, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * scale)
    font.setBold(bold)
    return font


def make_heading(widget: QWidget, scale: float = 1.35) -> None:
    widget.setFont(heading_font(widget, scale))
