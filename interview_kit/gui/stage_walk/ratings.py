"""Step 3: rate each criterion against its four behavioural anchors.

A :class:`RatingSelector` shows the anchors side by side and is one stop in the tab
order: keys 1-4 rate, 0 is N/A, Left/Right move, a click picks an anchor.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from interview_kit.domain.rubric import Criterion, RatingScale, Stage
from interview_kit.gui import theme
from interview_kit.gui.stage_walk.state import NOT_APPLICABLE
from interview_kit.gui.stage_walk.widgets import (
    NoteEdit,
    ensure_visible,
    heading,
    muted_label,
    plain_label,
)

UNRATED = -1
"""The selector's value before anything is chosen."""


class _Cell(QFrame):
    """One choice: a header ("3 · Yes") over its anchor text."""

    def __init__(self, value: int, title: str, body: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.value = value
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAutoFillBackground(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.setSpacing(4)
        self.title = QLabel(title, self)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.title.setFont(theme.heading_font(self.title, 1.0))
        layout.addWidget(self.title)
        self.body = plain_label(body, self)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body, 1)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.set_selected(False)

    def set_selected(self, selected: bool) -> None:
        pal = QPalette(self.palette())
        base = theme.palette()
        fill = theme.selected_background() if selected else base.color(QPalette.ColorRole.Base)
        pal.setColor(QPalette.ColorRole.Window, fill)
        self.setPalette(pal)
        font = self.title.font()
        font.setUnderline(selected)
        self.title.setFont(font)


class RatingSelector(QWidget):
    """Pick 1-4 or N/A for one criterion, by mouse or keyboard."""

    valueChanged = Signal(int)
    """The new value: 1-4, :data:`NOT_APPLICABLE` (0)."""

    def __init__(
        self, criterion: Criterion, scale: RatingScale, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self._value = UNRATED
        self._read_only = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"Rating for {criterion.title}")
        self.setAccessibleDescription("Press 1 to 4 to rate, 0 for not applicable")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(3, 3, 3, 3)
        layout.setSpacing(3)
        self._cells: list[_Cell] = []
        anchors = criterion.anchors
        for value in (1, 2, 3, 4):
            cell = _Cell(value, f"{value} · {scale.label(value)}", anchors.for_rating(value), self)
            cell.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            layout.addWidget(cell, 4)
            self._cells.append(cell)
        na = _Cell(
            NOT_APPLICABLE, f"0 · {scale.not_applicable}", "Not observed in this interview", self
        )
        na.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout.addWidget(na, 1)
        self._cells.append(na)
        for cell in self._cells:
            cell.installEventFilter(self)
            cell.title.installEventFilter(self)
            cell.body.installEventFilter(self)

    # -- value ------------------------------------------------------------------------
    def value(self) -> int:
        return self._value

    def set_value(self, value: int, *, notify: bool = False) -> None:
        if value == self._value:
            return
        self._value = value
        for cell in self._cells:
            cell.set_selected(cell.value == value)
        self.setAccessibleDescription(self._describe())
        self.update()
        if notify:
            self.valueChanged.emit(value)

    def _describe(self) -> str:
        if self._value == UNRATED:
            return "Not rated. Press 1 to 4 to rate, 0 for not applicable"
        cell = next(c for c in self._cells if c.value == self._value)
        return f"Rated {cell.title.text()}. Press 1 to 4 to change, 0 for not applicable"

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        cursor = Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.PointingHandCursor
        for cell in self._cells:
            cell.setCursor(cursor)

    # -- input ------------------------------------------------------------------------
    def _choose(self, value: int) -> None:
        if self._read_only:
            return
        self.set_value(value, notify=True)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        text = event.text()
        if text in {"0", "1", "2", "3", "4"} and not event.modifiers() & (
            Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
        ):
            self._choose(int(text))
            return
        order = [1, 2, 3, 4, NOT_APPLICABLE]
        if event.key() in (Qt.Key.Key_Right, Qt.Key.Key_Left):
            step = 1 if event.key() == Qt.Key.Key_Right else -1
            current = order.index(self._value) if self._value in order else -1
            if current < 0:
                target = 0 if step > 0 else len(order) - 1
            else:
                target = min(max(current + step, 0), len(order) - 1)
            self._choose(order[target])
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: object, event: QEvent) -> bool:
        if event.type() == QEvent.Type.MouseButtonPress:
            assert isinstance(event, QMouseEvent)
            if event.button() == Qt.MouseButton.LeftButton:
                widget = watched
                while isinstance(widget, QWidget) and not isinstance(widget, _Cell):
                    widget = widget.parentWidget()
                if isinstance(widget, _Cell):
                    self.setFocus(Qt.FocusReason.MouseFocusReason)
                    self._choose(widget.value)
                    return True
        return super().eventFilter(watched, event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        ensure_visible(self)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        painter = QPainter(self)
        pal = self.palette()
        for cell in self._cells:
            selected = cell.value == self._value
            colour = (
                pal.color(QPalette.ColorRole.Highlight)
                if selected
                else pal.color(QPalette.ColorRole.Mid)
            )
            painter.setPen(QPen(colour, 2 if selected else 1))
            painter.drawRect(cell.geometry().adjusted(-1, -1, 0, 0))
        if self.hasFocus():
            pen = QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(QRect(1, 1, self.width() - 2, self.height() - 2))
        painter.end()


class CriterionCard(QFrame):
    """A criterion: title, weight, description, the anchors, and the evidence note."""

    ratingChanged = Signal(str, int)
    evidenceChanged = Signal(str, str)

    def __init__(
        self, criterion: Criterion, scale: RatingScale, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.criterion = criterion
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        title_row = QHBoxLayout()
        self.title = heading(criterion.title, self, 1.1)
        title_row.addWidget(self.title, 1)
        self.weight = muted_label(f"weight {criterion.weight:g}", self)
        self.weight.setWordWrap(False)
        title_row.addWidget(self.weight)
        layout.addLayout(title_row)
        layout.addWidget(plain_label(criterion.description, self))
        self.selector = RatingSelector(criterion, scale, self)
        layout.addWidget(self.selector)
        self.evidence_label = plain_label("", self)
        layout.addWidget(self.evidence_label)
        self.evidence = NoteEdit(
            f"Evidence for {criterion.title}",
            "What the candidate said or did that supports the rating",
            self,
        )
        layout.addWidget(self.evidence)
        self.selector.valueChanged.connect(self._rated)
        self.evidence.textChanged.connect(self._evidence_edited)
        self._update_evidence_state()

    def _rated(self, value: int) -> None:
        self._update_evidence_state()
        self.ratingChanged.emit(self.criterion.id, value)

    def _evidence_edited(self) -> None:
        self._update_evidence_state()
        if self.selector.value() != UNRATED:
            self.evidenceChanged.emit(self.criterion.id, self.evidence.toPlainText())

    def set_state(self, value: int, evidence: str) -> None:
        self.selector.set_value(value)
        self.evidence.blockSignals(True)
        self.evidence.set_text_keeping_cursor(evidence)
        self.evidence.blockSignals(False)
        self._update_evidence_state()

    def set_read_only(self, read_only: bool) -> None:
        self.selector.set_read_only(read_only)
        self.evidence.setReadOnly(read_only)
        self._update_evidence_state()

    def evidence_missing(self) -> bool:
        return self.selector.value() in (1, 4) and not self.evidence.toPlainText().strip()

    def _update_evidence_state(self) -> None:
        value = self.selector.value()
        rated = value != UNRATED
        # Evidence is stored with its rating, so it can be written once a rating is chosen.
        self.evidence.setEnabled(rated or self.evidence.isReadOnly())
        if not rated:
            text = "Evidence: choose a rating first (required for a rating of 1 or 4)"
            colour = theme.muted()
        elif self.evidence_missing():
            text = f"Evidence is required for a rating of {value}: say what you saw or heard"
            colour = theme.danger()
        elif value in (1, 4):
            text = "Evidence (required for a rating of 1 or 4)"
            colour = theme.palette().color(QPalette.ColorRole.WindowText)
        else:
            text = "Evidence (recommended)"
            colour = theme.palette().color(QPalette.ColorRole.WindowText)
        self.evidence_label.setText(text)
        self.evidence_label.setStyleSheet(f"color: {theme.css(colour)}")


class RatingsStep(QWidget):
    ratingChanged = Signal(str, int)
    evidenceChanged = Signal(str, str)

    def __init__(self, stage: Stage, scale: RatingScale, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(heading("Ratings", self, 1.35))
        layout.addWidget(
            muted_label(
                "Rate each criterion against its behavioural anchors: click an anchor, or "
                "press 1–4 (0 for N/A) while its row has focus. Tab moves to the evidence, "
                "then to the next criterion.",
                self,
            )
        )
        self.cards: dict[str, CriterionCard] = {}
        for criterion in stage.criteria:
            card = CriterionCard(criterion, scale, self)
            card.ratingChanged.connect(self.ratingChanged)
            card.evidenceChanged.connect(self.evidenceChanged)
            layout.addWidget(card)
            self.cards[criterion.id] = card
        layout.addStretch(1)

    def focus_item(self, item_id: str) -> None:
        card = self.cards.get(item_id)
        if card is None:
            return
        target = card.evidence if card.evidence_missing() else card.selector
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        ensure_visible(card)

    def first_focus(self) -> QWidget | None:
        for card in self.cards.values():
            return card.selector
        return None
