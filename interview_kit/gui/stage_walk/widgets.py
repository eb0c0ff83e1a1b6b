"""Small widgets the steps share: plain-text labels, note editors, section headings."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QWidget,
)

from interview_kit.gui import theme


def plain_label(text: str = "", parent: QWidget | None = None, *, wrap: bool = True) -> QLabel:
    """A label that shows text exactly as typed: markup in user text is never rendered."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setText(text)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def rich_label(html: str = "", parent: QWidget | None = None) -> QLabel:
    """A label for text we compose ourselves; every user-provided piece is escaped."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setText(html)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(text: str, parent: QWidget | None = None, scale: float = 1.2) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    theme.make_heading(label, scale)
    return label


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = plain_label(text, parent)
    label.setStyleSheet(f"color: {theme.css(theme.muted())}")
    return label


class NoteEdit(QPlainTextEdit):
    """A plain-text note: Tab moves on (keyboard-only completion), text is kept as typed."""

    focusLeft = Signal()

    def __init__(
        self,
        accessible_name: str,
        placeholder: str = "",
        parent: QWidget | None = None,
        *,
        lines: int = 3,
    ) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self.setAccessibleName(accessible_name)
        self.setPlaceholderText(placeholder)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        spacing = self.fontMetrics().lineSpacing()
        self._min_height = spacing * lines + 14
        self._max_height = spacing * max(lines * 4, 16) + 14
        self.setFixedHeight(self._min_height)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)

    def _fit(self) -> None:
        """Grow with the text up to a limit, then scroll: short notes stay short."""
        lines = self.document().documentLayout().documentSize().height()
        wanted = int(lines * self.fontMetrics().lineSpacing()) + 14
        height = min(max(wanted, self._min_height), self._max_height)
        if height != self.height():
            self.setFixedHeight(height)

    def set_text_keeping_cursor(self, text: str) -> None:
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.focusLeft.emit()


def scroll_page(content: QWidget | None = None) -> QScrollArea:
    """A page that scrolls up and down; ``content`` may be put in later
    (``setWidget``): putting a page of styled widgets into it costs milliseconds."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if content is not None:
        area.setWidget(content)
    return area


def ensure_visible(widget: QWidget) -> None:
    """Scroll the enclosing scroll area so ``widget`` is in view."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if isinstance(parent, QScrollArea):
        parent.ensureWidgetVisible(widget, 24, 24)
