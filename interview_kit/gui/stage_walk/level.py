"""Step 5: level evidence on the ladder, the overall recommendation, the summary for the
committee, and private notes that never leave this app."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import BELOW_LADDER, Vote
from interview_kit.gui import theme
from interview_kit.gui.stage_walk.widgets import NoteEdit, heading, muted_label, plain_label

VOTES = (Vote.STRONG_NO, Vote.NO, Vote.YES, Vote.STRONG_YES)


class LevelStep(QWidget):
    levelChanged = Signal(str)
    """A level id or :data:`BELOW_LADDER`."""
    voteChanged = Signal(str)
    summaryChanged = Signal(str)
    privateNotesChanged = Signal(str)

    def __init__(self, rubric: Rubric, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("Level and recommendation", self, 1.35))

        layout.addWidget(heading("Level evidence", self, 1.15))
        layout.addWidget(
            muted_label(
                "Which level did this interview show evidence for? Arrow keys move along "
                "the ladder.",
                self,
            )
        )
        self.level_group = QButtonGroup(self)
        self.level_buttons: dict[str, QRadioButton] = {}
        lowest = rubric.levels[0]
        rungs: list[tuple[str, str, str]] = [
            (
                BELOW_LADDER,
                f"Below {lowest.id}",
                f"Below the bar for {lowest.title}: not enough evidence for the lowest level.",
            )
        ]
        rungs += [(level.id, f"{level.id} {level.title}", level.impact) for level in rubric.levels]
        for level_id, title, description in rungs:
            row = QFrame(self)
            row_layout = QVBoxLayout(row)
            row_layout.setContentsMargins(0, 2, 0, 2)
            row_layout.setSpacing(0)
            button = QRadioButton(title, row)
            button.setAccessibleName(f"Level evidence: {title}")
            button.setAccessibleDescription(description)
            self.level_group.addButton(button)
            row_layout.addWidget(button)
            text = muted_label(description, row)
            text.setContentsMargins(26, 0, 0, 0)
            row_layout.addWidget(text)
            layout.addWidget(row)
            self.level_buttons[level_id] = button
            button.toggled.connect(lambda on, lid=level_id: on and self.levelChanged.emit(lid))

        layout.addSpacing(8)
        layout.addWidget(heading("Overall recommendation", self, 1.15))
        vote_row = QHBoxLayout()
        self.vote_group = QButtonGroup(self)
        self.vote_buttons: dict[Vote, QRadioButton] = {}
        for vote in VOTES:
            button = QRadioButton(vote.label, self)
            button.setAccessibleName(f"Recommendation: {vote.label}")
            self.vote_group.addButton(button)
            vote_row.addWidget(button)
            self.vote_buttons[vote] = button
            button.toggled.connect(lambda on, v=vote: on and self.voteChanged.emit(v.value))
        vote_row.addStretch(1)
        layout.addLayout(vote_row)

        layout.addSpacing(8)
        layout.addWidget(heading("Summary for the committee", self, 1.15))
        self.summary = NoteEdit(
            "Summary for the committee",
            "The two or three things the committee should know, with the evidence",
            self,
            lines=5,
        )
        layout.addWidget(self.summary)
        self.summary.textChanged.connect(
            lambda: self.summaryChanged.emit(self.summary.toPlainText())
        )

        layout.addSpacing(8)
        private = QFrame(self)
        private.setObjectName("privateNotes")
        private.setStyleSheet(
            f"QFrame#privateNotes {{ border: 2px dashed {theme.css(theme.warning())}; "
            f"border-radius: 6px; background: {theme.css(theme.warning_background())}; }}"
        )
        private_layout = QVBoxLayout(private)
        private_layout.setContentsMargins(12, 10, 12, 12)
        self.private_title = heading("\N{LOCK} Private notes — never leave this app", private, 1.1)
        private_layout.addWidget(self.private_title)
        private_layout.addWidget(
            plain_label(
                "Only you see these, on this computer: they are not in scorecard bundles, "
                "exports or the hiring packet.",
                private,
            )
        )
        self.private_notes = NoteEdit(
            "Private notes, never leave this app", "Reminders for yourself", private, lines=3
        )
        private_layout.addWidget(self.private_notes)
        layout.addWidget(private)
        self.private_notes.textChanged.connect(
            lambda: self.privateNotesChanged.emit(self.private_notes.toPlainText())
        )
        layout.addStretch(1)
        for button in (*self.level_buttons.values(), *self.vote_buttons.values()):
            button.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Arrow keys walk the ladder and the votes, choosing as they go (each rung sits in
        its own row, so Qt's own radio-button arrows would not find the next one)."""
        if event.type() == QEvent.Type.KeyPress and isinstance(watched, QRadioButton):
            assert isinstance(event, QKeyEvent)
            step = {
                Qt.Key.Key_Down: 1,
                Qt.Key.Key_Right: 1,
                Qt.Key.Key_Up: -1,
                Qt.Key.Key_Left: -1,
            }.get(Qt.Key(event.key()))
            if step is not None and watched.isEnabled():
                group = list(self.level_buttons.values())
                if watched not in group:
                    group = list(self.vote_buttons.values())
                index = group.index(watched)
                target = group[min(max(index + step, 0), len(group) - 1)]
                target.setFocus(Qt.FocusReason.TabFocusReason)
                target.setChecked(True)
                return True
        return super().eventFilter(watched, event)

    def set_state(
        self, level: str | None, vote: Vote | None, summary: str, private_notes: str
    ) -> None:
        for widget in (
            *self.level_buttons.values(),
            *self.vote_buttons.values(),
            self.summary,
            self.private_notes,
        ):
            widget.blockSignals(True)
        for group, chosen in (
            (self.level_group, self.level_buttons.get(level or "")),
            (self.vote_group, self.vote_buttons.get(vote) if vote else None),
        ):
            if chosen is not None:
                chosen.setChecked(True)
            else:
                group.setExclusive(False)
                for button in group.buttons():
                    button.setChecked(False)
                group.setExclusive(True)
        self.summary.set_text_keeping_cursor(summary)
        self.private_notes.set_text_keeping_cursor(private_notes)
        for widget in (
            *self.level_buttons.values(),
            *self.vote_buttons.values(),
            self.summary,
            self.private_notes,
        ):
            widget.blockSignals(False)

    def set_read_only(self, read_only: bool) -> None:
        for button in (*self.level_buttons.values(), *self.vote_buttons.values()):
            button.setEnabled(not read_only)
        self.summary.setReadOnly(read_only)
        self.private_notes.setReadOnly(read_only)

    def first_focus(self) -> QWidget | None:
        checked = self.level_group.checkedButton()
        return checked or next(iter(self.level_buttons.values()))

    def focus_item(self, item_id: str) -> None:
        if item_id == "vote":
            button = self.vote_group.checkedButton() or self.vote_buttons[Vote.YES]
            button.setFocus(Qt.FocusReason.OtherFocusReason)
        elif item_id == "summary":
            self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            target = self.first_focus()
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
