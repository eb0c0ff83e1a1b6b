"""Step 2: each exercise with its prompts, a timer against its time box, and notes."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, Qt, QTimer, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from interview_kit.domain.rubric import Exercise, Stage
from interview_kit.gui import theme
from interview_kit.gui.stage_walk.widgets import NoteEdit, heading, muted_label, plain_label


def clock(seconds: int) -> str:
    minutes, rest = divmod(max(seconds, 0), 60)
    return f"{minutes:d}:{rest:02d}"


class ExerciseTimer(QWidget):
    """Elapsed time against the time box; runs while started, keeps its time when paused."""

    started = Signal()

    def __init__(self, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.limit_seconds = exercise.minutes * 60
        self._banked_ms = 0
        self._running = QElapsedTimer()
        self._ticker = QTimer(self)
        self._ticker.setInterval(500)
        self._ticker.timeout.connect(self._refresh)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.display = QLabel(self)
        self.display.setAccessibleName(f"Time spent on {exercise.title}")
        self.display.setFont(theme.heading_font(self.display, 1.1))
        self.display.setMinimumWidth(
            self.display.fontMetrics().horizontalAdvance("000:00 / 000:00") + 8
        )
        layout.addWidget(self.display)
        self.start_button = QPushButton("Start timer", self)
        self.start_button.setAccessibleName(f"Start or pause the timer for {exercise.title}")
        self.start_button.clicked.connect(self.toggle)
        layout.addWidget(self.start_button)
        self.reset_button = QPushButton("Reset", self)
        self.reset_button.setAccessibleName(f"Reset the timer for {exercise.title}")
        self.reset_button.clicked.connect(self.reset)
        layout.addWidget(self.reset_button)
        self.state = QLabel(self)
        layout.addWidget(self.state, 1)
        self._refresh()

    @property
    def running(self) -> bool:
        return self._running.isValid()

    def elapsed_seconds(self) -> int:
        extra = self._running.elapsed() if self.running else 0
        return (self._banked_ms + extra) // 1000

    def toggle(self) -> None:
        if self.running:
            self.pause()
        else:
            self.start()

    def start(self) -> None:
        if self.running:
            return
        self._running.start()
        self._ticker.start()
        self.start_button.setText("Pause timer")
        self.started.emit()
        self._refresh()

    def pause(self) -> None:
        if not self.running:
            return
        self._banked_ms += self._running.elapsed()
        self._running.invalidate()
        self._ticker.stop()
        self.start_button.setText("Resume timer")
        self._refresh()

    def reset(self) -> None:
        self._running.invalidate()
        self._ticker.stop()
        self._banked_ms = 0
        self.start_button.setText("Start timer")
        self._refresh()

    def add_seconds(self, seconds: int) -> None:
        """Move the clock on (tests and the screenshot script use it)."""
        self._banked_ms += seconds * 1000
        self._refresh()

    def _refresh(self) -> None:
        spent = self.elapsed_seconds()
        self.display.setText(f"{clock(spent)} / {clock(self.limit_seconds)}")
        over = spent - self.limit_seconds
        if over > 0:
            self.state.setText(f"Over the time box by {clock(over)}: move on")
            self.state.setStyleSheet(f"color: {theme.css(theme.danger())}; font-weight: bold")
        elif self.limit_seconds - spent <= 120 and spent > 0:
            self.state.setText(f"{clock(self.limit_seconds - spent)} left")
            self.state.setStyleSheet(f"color: {theme.css(theme.warning())}")
        else:
            self.state.setText("")
            self.state.setStyleSheet("")


class ExerciseCard(QFrame):
    notesChanged = Signal(str, str)

    def __init__(self, number: int, exercise: Exercise, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.exercise = exercise
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 12)
        layout.setSpacing(6)
        top = QHBoxLayout()
        top.addWidget(heading(f"{number}. {exercise.title}", self, 1.1), 1)
        top.addWidget(muted_label(f"{exercise.minutes} min", self))
        layout.addLayout(top)
        layout.addWidget(plain_label(exercise.description, self))
        layout.addWidget(muted_label("Prompts", self))
        prompts = plain_label("\n".join(f"•  {prompt}" for prompt in exercise.prompts), self)
        prompts.setContentsMargins(8, 0, 0, 0)
        layout.addWidget(prompts)
        self.timer = ExerciseTimer(exercise, self)
        layout.addWidget(self.timer)
        self.notes = NoteEdit(
            f"Notes on {exercise.title}",
            "Free notes: what the candidate said and did",
            self,
            lines=4,
        )
        layout.addWidget(self.notes)
        self.notes.textChanged.connect(
            lambda: self.notesChanged.emit(self.exercise.id, self.notes.toPlainText())
        )

    def set_notes(self, text: str) -> None:
        self.notes.blockSignals(True)
        self.notes.set_text_keeping_cursor(text)
        self.notes.blockSignals(False)


class ExercisesStep(QWidget):
    notesChanged = Signal(str, str)

    def __init__(self, stage: Stage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(heading("Exercises", self, 1.35))
        total = sum(exercise.minutes for exercise in stage.exercises)
        layout.addWidget(
            muted_label(
                f"{len(stage.exercises)} exercises, {total} minutes in all. Start an "
                "exercise's timer when you begin it; starting one pauses the others.",
                self,
            )
        )
        self.cards: dict[str, ExerciseCard] = {}
        for number, exercise in enumerate(stage.exercises, start=1):
            card = ExerciseCard(number, exercise, self)
            card.notesChanged.connect(self.notesChanged)
            card.timer.started.connect(lambda c=card: self._only_running(c))
            layout.addWidget(card)
            self.cards[exercise.id] = card
        layout.addStretch(1)

    def _only_running(self, running: ExerciseCard) -> None:
        for card in self.cards.values():
            if card is not running:
                card.timer.pause()

    def set_read_only(self, read_only: bool) -> None:
        for card in self.cards.values():
            card.notes.setReadOnly(read_only)

    def first_focus(self) -> QWidget | None:
        for card in self.cards.values():
            return card.timer.start_button
        return None

    def focus_item(self, item_id: str) -> None:
        card = self.cards.get(item_id)
        if card is not None:
            card.notes.setFocus(Qt.FocusReason.OtherFocusReason)
