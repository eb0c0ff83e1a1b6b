"""The stage walk: one interviewer scoring one candidate's stage, step by step.

The walk holds a :class:`~interview_kit.domain.scorecard_content.ScorecardContent`; each
edit applies a one-field change to it and asks for the new value to be saved: a change
starts a short timer, and when it fires the whole content goes out in
:attr:`StageWalk.saveRequested` (the wiring's autosave stores it off the UI thread).
Typing on does not postpone the save, so every change is stored within
:data:`AUTOSAVE_DELAY_MS` plus the time a save takes. The walk only shows how saving
goes (:meth:`StageWalk.mark_saved`, :meth:`mark_waiting`, :meth:`mark_save_failed`);
nothing here waits for the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import (
    ScorecardChanges,
    ScorecardContent,
    ScorecardProblem,
)
from interview_kit.gui import theme
from interview_kit.gui.generated.ui_stage_walk import Ui_StageWalk
from interview_kit.gui.stage_walk.brief import BriefStep
from interview_kit.gui.stage_walk.exercises import ExercisesStep
from interview_kit.gui.stage_walk.level import LevelStep
from interview_kit.gui.stage_walk.observations import RED_FLAG, SignalsStep
from interview_kit.gui.stage_walk.ratings import UNRATED, RatingsStep
from interview_kit.gui.stage_walk.review import ReviewStep
from interview_kit.gui.stage_walk.state import (
    NOT_APPLICABLE,
    HistoryEntry,
    PanelCard,
    Step,
    WalkSetup,
    saved_words,
    step_of,
)
from interview_kit.gui.stage_walk.stepper import Mark, Stepper
from interview_kit.gui.stage_walk.widgets import plain_label, scroll_page

AUTOSAVE_DELAY_MS = 400
"""From the first unsaved change to the save; well inside the one-second promise."""
WAITING_TEXT = "Not saved yet — retrying"


class StageWalk(QWidget):
    saveRequested = Signal(object)
    """The :class:`ScorecardContent` to store (as a draft)."""
    contentEdited = Signal(object)
    """The content after any edit, for the wiring to say what is missing."""
    submitRequested = Signal()
    amendRequested = Signal(str, object)
    """The reason and the corrected content."""
    closeRequested = Signal()

    def __init__(self, setup: WalkSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_StageWalk()
        self.ui.setupUi(self)
        self.setup = setup
        self.content = setup.content
        self._problems: list[ScorecardProblem] = []
        self._visited: set[Step] = set()
        self._dirty = False
        self._amending = False
        self._before_amend: ScorecardContent | None = None
        self._submitted_at = setup.submitted_at
        self._saved_at = setup.saved_at
        self._save_error = ""
        self._waiting = False
        self._busy = ""
        self._focus_before_busy: QWidget | None = None
        self._amendments = len([e for e in setup.history if e.reason])

        stage = setup.stage
        self.ui.headerRow.setStretch(1, 1)
        self.ui.footerRow.setStretch(1, 1)
        for button in (self.ui.homeButton, self.ui.backButton, self.ui.nextButton):
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.ui.nextButton.setMinimumWidth(
            self.ui.nextButton.fontMetrics().horizontalAdvance("Next: Level and recommendation ›")
            + 32
        )
        theme.make_heading(self.ui.title, 1.4)
        self.ui.title.setText(f"{setup.candidate.name} — Stage {stage.number}: {stage.title}")
        rubric_note = f" · rubric {setup.rubric_label}" if setup.rubric_label else ""
        self.ui.subtitle.setText(f"Scored by {setup.interviewer_name}{rubric_note}")
        self.ui.subtitle.setStyleSheet(f"color: {theme.css(theme.muted())}")

        # Non-modal notes under the title: a closed candidate, a database that is not
        # taking the edits. Neither stops the interviewer from typing on.
        self.closed_banner = self._banner("Candidate closed", theme.warning())
        self.write_banner = self._banner("Saving problem", theme.danger())
        self.ui.walkLayout.insertWidget(1, self.closed_banner)
        self.ui.walkLayout.insertWidget(2, self.write_banner)
        if setup.closed_note:
            self.closed_banner.setText(setup.closed_note)
            self.closed_banner.show()

        self.stepper = Stepper(self.ui.stepper)
        stepper_layout = QVBoxLayout(self.ui.stepper)
        stepper_layout.setContentsMargins(0, 0, 0, 0)
        stepper_layout.addWidget(self.stepper)
        self.stepper.stepChosen.connect(lambda step: self.go_to(Step(step)))

        rubric = setup.rubric
        self.brief = BriefStep(setup)
        self.exercises = ExercisesStep(stage)
        self.ratings = RatingsStep(stage, rubric.scale)
        self.signals = SignalsStep(rubric, setup.stage_id)
        self.level = LevelStep(rubric)
        self.review = ReviewStep(rubric, setup.stage_id)
        self._pages = {
            Step.BRIEF: self.brief,
            Step.EXERCISES: self.exercises,
            Step.RATINGS: self.ratings,
            Step.SIGNALS: self.signals,
            Step.LEVEL: self.level,
            Step.REVIEW: self.review,
        }
        # Each step's page goes into its scroll area when the step is first shown:
        # placing a page of styled widgets costs about 10 ms, six of them most of the
        # time the walk took to open.
        self._scrolls = {}
        for step in self._pages:
            scroll = scroll_page()
            scroll.setAccessibleName(step.title)
            self.ui.steps.addWidget(scroll)
            self._scrolls[step] = scroll

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(AUTOSAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)

        self._load(self.content)
        self._connect_edits()
        self.ui.backButton.clicked.connect(self.previous_step)
        self.ui.nextButton.clicked.connect(self.next_step)
        self.ui.homeButton.clicked.connect(self._close)
        self.review.submitClicked.connect(self._confirm_submit)
        self.review.amendClicked.connect(self._amend_clicked)
        self.review.problemActivated.connect(self.fix_problem)
        self._shortcuts()
        self._apply_read_only()
        self._show_saved()
        self.go_to(Step.BRIEF)

    def _banner(self, name: str, colour: QColor) -> QLabel:
        banner = plain_label("", self)
        banner.setAccessibleName(name)
        banner.setStyleSheet(
            f"color: {theme.css(colour)}; border: 1px solid {theme.css(colour)}; "
            "border-radius: 4px; padding: 4px 8px"
        )
        banner.hide()
        return banner

    # ------------------------------------------------------------------------------
    # Loading content into the widgets

    def _load(self, content: ScorecardContent) -> None:
        for criterion_id, card in self.ratings.cards.items():
            entry = content.ratings.get(criterion_id)
            if entry is None:
                card.set_state(UNRATED, "")
            else:
                value = NOT_APPLICABLE if entry.rating is None else entry.rating
                card.set_state(value, entry.evidence)
        for exercise_id, card in self.exercises.cards.items():
            card.set_notes(content.exercise_notes.get(exercise_id, ""))
        for (kind, item_id), item in self.signals.items.items():
            ticked = content.red_flags if kind == RED_FLAG else content.signals
            item.set_state(item_id in ticked, ticked.get(item_id, ""))
        self.level.set_state(
            content.level_evidence, content.vote, content.summary, content.private_notes
        )
        self.review.set_content(content)

    def _connect_edits(self) -> None:
        self.ratings.ratingChanged.connect(self._rating_changed)
        self.ratings.evidenceChanged.connect(self._evidence_changed)
        self.exercises.notesChanged.connect(self._notes_changed)
        self.signals.toggled.connect(self._observation_toggled)
        self.signals.evidenceChanged.connect(self._observation_evidence)
        self.level.levelChanged.connect(self._level_changed)
        self.level.voteChanged.connect(self._vote_changed)
        self.level.summaryChanged.connect(self._summary_changed)
        self.level.privateNotesChanged.connect(self._private_changed)

    # ------------------------------------------------------------------------------
    # Edits

    def _rating_changed(self, criterion_id: str, value: int) -> None:
        evidence = self.ratings.cards[criterion_id].evidence.toPlainText()
        rating = None if value == NOT_APPLICABLE else value
        self._edit(
            ScorecardChanges(
                ratings={criterion_id: CriterionRating(criterion_id, rating, evidence)}
            )
        )

    def _evidence_changed(self, criterion_id: str, text: str) -> None:
        entry = self.content.ratings.get(criterion_id)
        if entry is None:
            return
        self._edit(
            ScorecardChanges(
                ratings={criterion_id: CriterionRating(criterion_id, entry.rating, text)}
            )
        )

    def _notes_changed(self, exercise_id: str, text: str) -> None:
        self._edit(ScorecardChanges(exercise_notes={exercise_id: text}))

    def _observation_toggled(self, kind: str, item_id: str, ticked: bool) -> None:
        evidence = self.signals.items[(kind, item_id)].evidence.toPlainText() if ticked else None
        if kind == RED_FLAG:
            self._edit(ScorecardChanges(red_flags={item_id: evidence}))
        else:
            self._edit(ScorecardChanges(signals={item_id: evidence}))

    def _observation_evidence(self, kind: str, item_id: str, text: str) -> None:
        if kind == RED_FLAG:
            if item_id in self.content.red_flags:
                self._edit(ScorecardChanges(red_flags={item_id: text}))
        elif item_id in self.content.signals:
            self._edit(ScorecardChanges(signals={item_id: text}))

    def _level_changed(self, level: str) -> None:
        self._edit(ScorecardChanges(level_evidence=level))

    def _vote_changed(self, vote: str) -> None:
        self._edit(ScorecardChanges(vote=Vote(vote)))

    def _summary_changed(self, text: str) -> None:
        self._edit(ScorecardChanges(summary=text))

    def _private_changed(self, text: str) -> None:
        self._edit(ScorecardChanges(private_notes=text))

    def _edit(self, change: ScorecardChanges) -> None:
        self.content = self.content.apply(change)
        self._edited()

    def restore_unsaved(self) -> None:
        """The content the walk opened with is not stored yet (edits kept from before):
        show it as unsaved and save it."""
        self._edited()

    def _edited(self) -> None:
        self._dirty = True
        if not self._amending and not self._save_timer.isActive():
            self._save_timer.start(AUTOSAVE_DELAY_MS)
        self._show_saved()
        self.review.set_content(self.content)
        self.contentEdited.emit(self.content)

    # ------------------------------------------------------------------------------
    # Saving

    @property
    def is_dirty(self) -> bool:
        return self._dirty

    @property
    def is_submitted(self) -> bool:
        return self._submitted_at is not None

    @property
    def is_amending(self) -> bool:
        return self._amending

    @property
    def is_busy(self) -> bool:
        """A submit or an amendment is on its way to the database."""
        return bool(self._busy)

    def save_now(self) -> None:
        """Hand the content over to be stored now (a draft only; amendments wait)."""
        self._save_timer.stop()
        if self._dirty and not self._amending and not self.is_submitted:
            self.saveRequested.emit(self.content)

    def flush(self) -> None:
        """Hand over any unsaved change before the walk closes or the app quits."""
        self.save_now()

    def mark_saved(self, when: datetime | None, saved: ScorecardContent | None = None) -> None:
        """The database holds ``saved`` (stored at ``when``)."""
        if saved is None or saved == self.content:
            self._dirty = False
        if when is not None:
            self._saved_at = when
        self._save_error = ""
        self._set_waiting("")
        self._show_saved()

    def mark_waiting(self, explanation: str) -> None:
        """The database has not taken the edits for a while; they are kept and retried."""
        self._save_error = ""
        self._set_waiting(explanation)
        self._show_saved()

    def mark_save_failed(self, message: str) -> None:
        """A part of the content was refused (too long, say); the next edit tries again."""
        self._save_error = message
        self._set_waiting("")
        self._show_saved()

    def _set_waiting(self, explanation: str) -> None:
        self._waiting = bool(explanation)
        self.write_banner.setText(explanation)
        self.write_banner.setVisible(self._waiting)

    def saved_text(self) -> str:
        return self.ui.savedLabel.text()

    def set_busy(self, text: str) -> None:
        """While a submit or amendment is in flight the form takes no input (``text`` says
        what is happening); an empty ``text`` gives it back, focus included."""
        if text and not self._busy:
            self._focus_before_busy = QApplication.focusWidget()
        self._busy = text
        for widget in (self.ui.steps, self.stepper, self.ui.backButton, self.ui.nextButton):
            widget.setEnabled(not text)
        if not text:
            self.go_to(self.current_step(), focus=False)  # back and next as they were
            before, self._focus_before_busy = self._focus_before_busy, None
            if before is not None and self.isVisible():
                usable = shiboken6.isValid(before) and before.isVisible() and before.isEnabled()
                target = before if usable else self._pages[self.current_step()].first_focus()
                if target is not None:
                    target.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_saved()

    def _show_saved(self) -> None:
        label = self.ui.savedLabel
        if self._busy:
            label.setText(self._busy)
            label.setStyleSheet("")
        elif self._save_error:
            label.setText(f"Not saved: {self._save_error}")
            label.setStyleSheet(f"color: {theme.css(theme.danger())}; font-weight: bold")
        elif self._waiting and self._dirty:
            label.setText(WAITING_TEXT)
            label.setStyleSheet(f"color: {theme.css(theme.danger())}; font-weight: bold")
        elif self._amending:
            label.setText("Amending: not saved until you save the amendment")
            label.setStyleSheet(f"color: {theme.css(theme.warning())}")
        elif self.is_submitted:
            label.setText("Submitted")
            label.setStyleSheet(f"color: {theme.css(theme.success())}")
        elif self._dirty:
            label.setText("Saving…")
            label.setStyleSheet("")
        elif self._saved_at is not None:
            label.setText(saved_words(self._saved_at))
            label.setStyleSheet(f"color: {theme.css(theme.success())}")
        else:
            label.setText("Nothing entered yet")
            label.setStyleSheet(f"color: {theme.css(theme.muted())}")
        label.setToolTip(label.text())

    # ------------------------------------------------------------------------------
    # Navigation

    def current_step(self) -> Step:
        return Step(self.ui.steps.currentIndex())

    def go_to(self, step: Step, *, focus: bool = True) -> None:
        scroll = self._scrolls[step]
        if scroll.widget() is None:
            scroll.setWidget(self._pages[step])
        self.ui.steps.setCurrentIndex(int(step))
        self.stepper.set_current(step)
        self._visited.add(step)
        self.ui.backButton.setEnabled(step != Step.BRIEF)
        last = step == Step.REVIEW
        self.ui.nextButton.setEnabled(not last)
        self.ui.nextButton.setText("&Next ›" if last else f"&Next: {Step(step + 1).title} ›")
        self.ui.positionLabel.setText(f"Step {step + 1} of {len(Step)}")
        self._update_marks()
        if focus:
            target = self._pages[step].first_focus()
            if target is None:
                target = self.ui.nextButton
            target.setFocus(Qt.FocusReason.TabFocusReason)
            scroll.verticalScrollBar().setValue(0)

    def next_step(self) -> None:
        if self.current_step() != Step.REVIEW:
            self.go_to(Step(self.current_step() + 1))

    def previous_step(self) -> None:
        if self.current_step() != Step.BRIEF:
            self.go_to(Step(self.current_step() - 1))

    def fix_problem(self, problem: ScorecardProblem) -> None:
        step = step_of(problem)
        self.go_to(step, focus=False)
        if step == Step.RATINGS:
            self.ratings.focus_item(problem.item_id)
        elif step == Step.SIGNALS:
            kind = RED_FLAG if problem.item_id in self.content.red_flags else "signal"
            self.signals.focus_item(kind, problem.item_id)
        elif step == Step.LEVEL:
            self.level.focus_item(problem.item_id)

    def _shortcuts(self) -> None:
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        bindings = [
            (QKeySequence("Ctrl+PgDown"), self.next_step),
            (QKeySequence("Ctrl+PgUp"), self.previous_step),
            (QKeySequence("Escape"), self._close),
        ]
        for step in Step:
            bindings.append((QKeySequence(f"Alt+{step.value + 1}"), lambda s=step: self.go_to(s)))
        self._shortcut_objects = []
        for sequence, slot in bindings:
            shortcut = QShortcut(sequence, self)
            shortcut.setContext(context)
            shortcut.activated.connect(slot)
            self._shortcut_objects.append(shortcut)

    def _close(self) -> None:
        if self._amending:
            box = QMessageBox(
                QMessageBox.Icon.Question,
                "Discard the amendment?",
                "You have not saved the amendment. Leave and discard the changes?",
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                self,
            )
            if box.exec() != QMessageBox.StandardButton.Discard:
                return
            self.cancel_amend()
        self.flush()
        self.closeRequested.emit()

    # ------------------------------------------------------------------------------
    # Problems and marks

    def set_problems(self, problems: Sequence[ScorecardProblem]) -> None:
        self._problems = list(problems)
        self.review.set_problems(
            self._problems, submitted=self.is_submitted, amending=self._amending
        )
        self._update_marks()

    def problems(self) -> list[ScorecardProblem]:
        return list(self._problems)

    def _update_marks(self) -> None:
        content = self.content
        stage = self.setup.stage
        blocking = {step_of(p) for p in self._problems if p.blocking}
        show_problems = Step.REVIEW in self._visited
        marks = self.stepper

        marks.set_mark(Step.BRIEF, Mark.DONE if Step.BRIEF in self._visited else Mark.NOT_STARTED)

        noted = sum(1 for e in stage.exercises if content.exercise_notes.get(e.id, "").strip())
        total = len(stage.exercises)
        exercise_mark = (
            Mark.DONE if noted == total else Mark.IN_PROGRESS if noted else Mark.NOT_STARTED
        )
        marks.set_mark(Step.EXERCISES, exercise_mark, f"notes for {noted} of {total} exercises")

        rated = sum(1 for c in stage.criteria if c.id in content.ratings)
        criteria = len(stage.criteria)
        if Step.RATINGS in blocking:
            rating_mark = (
                Mark.PROBLEM if show_problems else (Mark.IN_PROGRESS if rated else Mark.NOT_STARTED)
            )
        else:
            rating_mark = Mark.DONE
        marks.set_mark(Step.RATINGS, rating_mark, f"{rated} of {criteria} criteria rated")

        ticked = len(content.signals) + len(content.red_flags)
        if Step.SIGNALS in blocking:
            signal_mark = Mark.PROBLEM
        elif Step.SIGNALS in self._visited or ticked:
            signal_mark = Mark.DONE
        else:
            signal_mark = Mark.NOT_STARTED
        marks.set_mark(Step.SIGNALS, signal_mark, f"{ticked} ticked")

        filled = sum(
            (
                content.level_evidence is not None,
                content.vote is not None,
                bool(content.summary.strip()),
            )
        )
        if Step.LEVEL in blocking and show_problems:
            level_mark = Mark.PROBLEM
        else:
            level_mark = (
                Mark.DONE if filled == 3 else Mark.IN_PROGRESS if filled else Mark.NOT_STARTED
            )
        marks.set_mark(Step.LEVEL, level_mark, f"{filled} of 3 answered")

        if self.is_submitted and not self._amending:
            review_mark, detail = Mark.DONE, "submitted"
        elif blocking and show_problems:
            review_mark, detail = Mark.PROBLEM, f"{len(self._problems)} to fix"
        else:
            review_mark, detail = (
                (Mark.IN_PROGRESS if self._dirty or self._saved_at else Mark.NOT_STARTED),
                "draft",
            )
        marks.set_mark(Step.REVIEW, review_mark, detail)

    # ------------------------------------------------------------------------------
    # Submit and amend

    def _confirm_submit(self) -> None:
        if any(p.blocking for p in self._problems):
            self.go_to(Step.REVIEW)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Submit this scorecard?",
            f"Submit your scorecard for {self.setup.candidate.name}, "
            f"stage {self.setup.stage.number}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setInformativeText(
            "A submitted scorecard is read-only: later corrections are amendments with a "
            "reason, and the original stays in the history. After submitting you see the "
            "rest of the panel's ratings."
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Submit")
        box.setDefaultButton(QMessageBox.StandardButton.Yes)
        if box.exec() != QMessageBox.StandardButton.Yes:
            return
        self.flush()
        self.submitRequested.emit()

    def set_submitted(
        self,
        when: datetime | None,
        history: Sequence[HistoryEntry],
        content: ScorecardContent | None = None,
    ) -> None:
        self._submitted_at = when
        self._amending = False
        self._before_amend = None
        self._dirty = False
        self._save_timer.stop()
        if content is not None:
            self.content = content
            self._load(self.content)
        self.review.set_not_amending()
        self._amendments = sum(1 for entry in history if entry.reason)
        self.review.set_submitted(when, self._amendments)
        self.review.set_history(history)
        self.review.set_content(self.content)
        self.review.set_problems([], submitted=True)
        self.set_busy("")
        self._apply_read_only()
        self._show_saved()
        self._update_marks()

    def set_panel(self, cards: Sequence[PanelCard], *, visible: bool) -> None:
        self.review.set_panel(cards, visible=visible)

    def _amend_clicked(self) -> None:
        if not self._amending:
            self.begin_amend()
            return
        reason = self.ask_reason()
        if reason is None:
            return
        if not reason.strip():
            self.review.banner.setText("An amendment needs a reason: say what you correct and why.")
            self.review.banner.setStyleSheet(f"color: {theme.css(theme.danger())}")
            return
        self.amendRequested.emit(reason.strip(), self.content)

    def begin_amend(self) -> None:
        if not self.is_submitted:
            return
        self._amending = True
        self._before_amend = self.content
        self.review.set_amending()
        self.review.set_problems(self._problems, submitted=True, amending=True)
        self._apply_read_only()
        self._show_saved()

    def cancel_amend(self) -> None:
        if self._before_amend is not None:
            self.content = self._before_amend
            self._load(self.content)
        self._amending = False
        self._before_amend = None
        self._dirty = False
        self.review.set_not_amending()
        self.review.set_submitted(self._submitted_at, self._amendments)
        self.review.set_problems([], submitted=True)
        self._apply_read_only()
        self._show_saved()

    def ask_reason(self) -> str | None:
        dialog = QInputDialog(self)
        dialog.setWindowTitle("Reason for the amendment")
        dialog.setLabelText(
            "Why does the submitted scorecard need correcting? The reason is kept with the "
            "amendment and shown in the history."
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText("Save amendment")
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return dialog.textValue()

    def _apply_read_only(self) -> None:
        read_only = self.is_submitted and not self._amending
        for card in self.ratings.cards.values():
            card.set_read_only(read_only)
        self.exercises.set_read_only(read_only)
        self.signals.set_read_only(read_only)
        self.level.set_read_only(read_only)
        # Private notes are never part of what an amendment corrects.
        self.level.private_notes.setReadOnly(self.is_submitted)
