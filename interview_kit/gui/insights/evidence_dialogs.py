"""Recording what the evidence views read: a hire's outcome, and a candidate's voluntary
self-identification (the recruiter's alone). Built in code: their rows follow the
rubric's levels and the self-identification questions.

Each dialog emits ``submitted`` with plain values; the wiring stores them through the
write queue and closes the dialog when the service has stored them, or shows why not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from interview_kit.domain.self_identification import Question
from interview_kit.gui import theme

NOT_KNOWN = "Not known"
NOT_ANSWERED = "Not answered"


@dataclass(frozen=True)
class OutcomeValues:
    candidate_uuid: str
    checkpoint: str
    performance: int | None
    still_employed: bool
    would_hire_again: bool | None
    level_now: str | None


class _Submitting(QDialog):
    submitted = Signal(object)

    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout()
        layout = QVBoxLayout(self)
        self.lead = QLabel()
        self.lead.setWordWrap(True)
        self.lead.setStyleSheet(f"color: {theme.css(theme.muted())};")
        layout.addWidget(self.lead)
        layout.addLayout(self.form)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(f"color: {theme.css(theme.danger())};")
        self.problem.hide()
        layout.addWidget(self.problem)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _submit(self) -> None:
        raise NotImplementedError

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
        self.problem.setVisible(bool(message))

    def finish(self) -> None:
        self.accept()


class OutcomeDialog(_Submitting):
    """How a hire turned out at 90 days or one year. ``hires``: (uuid, name) pairs."""

    def __init__(
        self,
        hires: Sequence[tuple[str, str]],
        levels: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Record a hire's outcome", parent)
        self.lead.setText(
            "How a hired candidate turned out. The validity view correlates these with "
            "the interview scores; a second record for a checkpoint replaces the first."
        )
        self.candidate = QComboBox()
        for uuid, name in hires:
            self.candidate.addItem(name, uuid)
        self.candidate.setAccessibleName("Hire")
        self.checkpoint = QComboBox()
        self.checkpoint.addItem("90 days", "90_days")
        self.checkpoint.addItem("One year", "one_year")
        self.checkpoint.setAccessibleName("Checkpoint")
        self.performance = QComboBox()
        self.performance.addItem(NOT_KNOWN, None)
        for value, label in (
            (1, "1 · below expectations"),
            (2, "2 · meets some"),
            (3, "3 · meets expectations"),
            (4, "4 · exceeds expectations"),
        ):
            self.performance.addItem(label, value)
        self.performance.setAccessibleName("Performance")
        self.still_employed = QCheckBox("Still employed")
        self.still_employed.setChecked(True)
        self.hire_again = QComboBox()
        self.hire_again.addItem(NOT_KNOWN, None)
        self.hire_again.addItem("Yes", True)
        self.hire_again.addItem("No", False)
        self.hire_again.setAccessibleName("Would hire again")
        self.level_now = QComboBox()
        self.level_now.addItem(NOT_KNOWN, None)
        for level in levels:
            self.level_now.addItem(level, level)
        self.level_now.setAccessibleName("Level now")
        self.form.addRow("Hire", self.candidate)
        self.form.addRow("Checkpoint", self.checkpoint)
        self.form.addRow("Performance", self.performance)
        self.form.addRow("", self.still_employed)
        self.form.addRow("Would hire again", self.hire_again)
        self.form.addRow("Level now", self.level_now)
        if not hires:
            self.show_problem("Nobody is hired yet: outcomes are recorded for hires only.")
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)

    def values(self) -> OutcomeValues:
        return OutcomeValues(
            candidate_uuid=str(self.candidate.currentData()),
            checkpoint=str(self.checkpoint.currentData()),
            performance=self.performance.currentData(),
            still_employed=self.still_employed.isChecked(),
            would_hire_again=self.hire_again.currentData(),
            level_now=self.level_now.currentData(),
        )

    def _submit(self) -> None:
        self.show_problem("")
        self.submitted.emit(self.values())


class SelfIdentificationDialog(_Submitting):
    """A candidate's voluntary answers, one row per question their rubric asks.

    Choosing a candidate emits ``candidateChosen``; the wiring answers with
    :meth:`show_answers`, giving the questions of that candidate's rubric when they
    differ. Saving sends only the answers changed here, so an answer the rubric no
    longer offers stays stored until someone picks another.
    """

    candidateChosen = Signal(str)

    def __init__(
        self,
        people: Sequence[tuple[str, str]],
        questions: Sequence[Question],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Voluntary self-identification", parent)
        self.lead.setText(
            "Answers the candidate chose to give. They are kept apart from everything "
            "interviewers and the packet see, never exported, and shown only in "
            "aggregate, in the adverse-impact monitor. The questions are those of the "
            "candidate's rubric."
        )
        self.candidate = QComboBox()
        for uuid, name in people:
            self.candidate.addItem(name, uuid)
        self.candidate.setAccessibleName("Candidate")
        self.form.addRow("Candidate", self.candidate)
        self.questions: list[Question] = []
        self.answers: dict[str, QComboBox] = {}
        self._shown: dict[str, str | None] = {}
        self._set_questions(questions)
        self.candidate.currentIndexChanged.connect(self._chosen)

    def _set_questions(self, questions: Sequence[Question]) -> None:
        while self.form.rowCount() > 1:
            self.form.removeRow(1)
        self.questions = list(questions)
        self.answers = {}
        for question in self.questions:
            combo = QComboBox()
            combo.addItem(NOT_ANSWERED, None)
            for category in question.categories:
                combo.addItem(category.label, category.id)
            combo.setAccessibleName(question.label)
            self.form.addRow(question.label, combo)
            self.answers[question.id] = combo
        self._shown = dict.fromkeys(self.answers)

    def _chosen(self) -> None:
        self.candidateChosen.emit(str(self.candidate.currentData()))

    def show_answers(
        self, answers: Mapping[str, str], questions: Sequence[Question] | None = None
    ) -> None:
        if questions is not None and list(questions) != self.questions:
            self._set_questions(questions)
        for question_id, combo in self.answers.items():
            stored = answers.get(question_id)
            index = combo.findData(stored)
            if stored is not None and index < 0:
                combo.addItem(f"{stored} (no longer offered)", stored)
                index = combo.count() - 1
            combo.setCurrentIndex(max(index, 0))
        self._shown = {question_id: answers.get(question_id) for question_id in self.answers}

    def values(self) -> tuple[str, dict[str, str | None]]:
        """The candidate and the answers changed since :meth:`show_answers`."""
        return (
            str(self.candidate.currentData()),
            {
                question_id: combo.currentData()
                for question_id, combo in self.answers.items()
                if combo.currentData() != self._shown.get(question_id)
            },
        )

    def _submit(self) -> None:
        self.show_problem("")
        self.submitted.emit(self.values())
