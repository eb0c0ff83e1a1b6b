"""Step 6: what is missing (each a link back to its step), what was entered, submit;
once submitted: read-only, amend, history and the panel comparison."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import BELOW_LADDER
from interview_kit.domain.scorecard_content import ScorecardContent, ScorecardProblem
from interview_kit.gui import theme
from interview_kit.gui.models.compare import PanelComparisonModel
from interview_kit.gui.stage_walk.state import (
    HistoryEntry,
    PanelCard,
    Step,
    step_of,
)
from interview_kit.gui.stage_walk.widgets import heading, muted_label, plain_label


def local_time(value: datetime | None) -> str:
    return value.astimezone().strftime("%Y-%m-%d %H:%M") if value else ""


class ReviewStep(QWidget):
    problemActivated = Signal(object)
    """A :class:`~interview_kit.domain.scorecard_content.ScorecardProblem` the user wants to fix."""
    submitClicked = Signal()
    amendClicked = Signal()

    def __init__(self, rubric: Rubric, stage_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rubric = rubric
        self._stage = rubric.stage(stage_id)
        self._stage_id = stage_id
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("Review and submit", self, 1.35))

        self.banner = plain_label("", self)
        self.banner.setAccessibleName("Scorecard status")
        self.banner.setFont(theme.heading_font(self.banner, 1.05))
        layout.addWidget(self.banner)

        self.problem_box = QFrame(self)
        self.problem_layout = QVBoxLayout(self.problem_box)
        self.problem_layout.setContentsMargins(0, 0, 0, 0)
        self.problem_layout.setSpacing(2)
        layout.addWidget(self.problem_box)
        self.problem_buttons: list[QPushButton] = []
        self._shown_for: tuple[object, ...] = ()
        """What the problem list and the action were last built for."""

        layout.addWidget(heading("What you entered", self, 1.15))
        self.entered = plain_label("", self)
        self.entered.setAccessibleName("What you entered")
        layout.addWidget(self.entered)

        actions = QHBoxLayout()
        self.submit_button = QPushButton("&Submit scorecard…", self)
        self.submit_button.setAccessibleName("Submit scorecard")
        self.submit_button.setMinimumHeight(self.submit_button.sizeHint().height() + 12)
        self.submit_button.clicked.connect(self.submitClicked)
        actions.addWidget(self.submit_button)
        self.amend_button = QPushButton("&Amend with a reason…", self)
        self.amend_button.setAccessibleName("Amend the submitted scorecard")
        self.amend_button.clicked.connect(self.amendClicked)
        actions.addWidget(self.amend_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.history_title = heading("History", self, 1.15)
        layout.addWidget(self.history_title)
        self.history = plain_label("", self)
        self.history.setAccessibleName("Scorecard history")
        layout.addWidget(self.history)

        self.compare_title = heading("Panel comparison", self, 1.15)
        layout.addWidget(self.compare_title)
        self.compare_hint = muted_label("", self)
        layout.addWidget(self.compare_hint)
        self.comparison = PanelComparisonModel(self)
        self.compare_view = QTableView(self)
        self.compare_view.setAccessibleName("Panel comparison")
        self.compare_view.setModel(self.comparison)
        self.compare_view.verticalHeader().hide()
        self.compare_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.compare_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.compare_view.setTabKeyNavigation(False)
        self.compare_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.compare_view.horizontalHeader().setStretchLastSection(False)
        self.compare_view.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.compare_view.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Maximum)
        layout.addWidget(self.compare_view)
        layout.addStretch(1)
        self.set_panel([], visible=False)
        self.set_history([])

    # -- content ----------------------------------------------------------------------
    def set_problems(
        self, problems: Sequence[ScorecardProblem], *, submitted: bool, amending: bool = False
    ) -> None:
        """What is missing, and the one action that fits: submit a draft, amend a
        submitted scorecard, or save the amendment being made (never "submit" again)."""
        shown_for = (tuple(problems), submitted, amending, self.banner.text())
        if shown_for == self._shown_for:
            return  # typing in a note rarely changes what is missing: keep the buttons
        for button in self.problem_buttons:
            self.problem_layout.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.problem_buttons = []
        blocking = [p for p in problems if p.blocking]
        if amending:
            shown = blocking  # a corrected scorecard must still be complete
        elif submitted:
            shown = []
        else:
            shown = list(problems)
        for problem in shown:
            prefix = "Missing" if problem.blocking else "Recommended"
            step = step_of(problem)
            button = QPushButton(f"{prefix} — {step.title}: {problem.message}  ›", self.problem_box)
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            colour = theme.danger() if problem.blocking else theme.warning()
            button.setStyleSheet(
                f"QPushButton {{ text-align: left; color: {theme.css(colour)}; "
                "text-decoration: underline; padding: 2px 4px; }"
            )
            button.setAccessibleName(f"{prefix}: {problem.message}. Go to {step.title}")
            button.clicked.connect(lambda _checked=False, p=problem: self.problemActivated.emit(p))
            self.problem_layout.addWidget(button)
            self.problem_buttons.append(button)
        if amending:
            if blocking:
                count = len(blocking)
                noun = "thing is" if count == 1 else "things are"
                self.banner.setText(f"{count} {noun} missing before you can save the amendment:")
                self.banner.setStyleSheet(f"color: {theme.css(theme.danger())}")
            else:
                self.set_amending()
            self.submit_button.setVisible(False)
            self.amend_button.setVisible(True)
            self.amend_button.setEnabled(not blocking)
            self._shown_for = (tuple(problems), submitted, amending, self.banner.text())
            return
        if not submitted:
            if blocking:
                count = len(blocking)
                noun = "thing is" if count == 1 else "things are"
                self.banner.setText(f"{count} {noun} missing before you can submit:")
                self.banner.setStyleSheet(f"color: {theme.css(theme.danger())}")
            else:
                self.banner.setText("Ready to submit. Submitting makes the scorecard read-only.")
                self.banner.setStyleSheet(f"color: {theme.css(theme.success())}")
        self.submit_button.setVisible(not submitted)
        self.submit_button.setEnabled(not blocking)
        self.amend_button.setVisible(submitted)
        self.amend_button.setEnabled(True)
        self._shown_for = (tuple(problems), submitted, amending, self.banner.text())

    def set_submitted(self, when: datetime | None, amendments: int) -> None:
        text = f"Submitted {local_time(when)}. This scorecard is read-only"
        if amendments:
            text += f"; amended {amendments} time{'s' if amendments != 1 else ''}"
        self.banner.setText(text + ".")
        self.banner.setStyleSheet(f"color: {theme.css(theme.success())}")

    def set_amending(self) -> None:
        self.banner.setText(
            "Amending: change what needs correcting in any step, then come back here and "
            "save the amendment with a reason. The original stays in the history."
        )
        self.banner.setStyleSheet(f"color: {theme.css(theme.warning())}")
        self.amend_button.setText("&Save amendment…")
        self.amend_button.setAccessibleName("Save the amendment")
        self.amend_button.setVisible(True)
        self.submit_button.setVisible(False)

    def set_not_amending(self) -> None:
        self.amend_button.setText("&Amend with a reason…")
        self.amend_button.setAccessibleName("Amend the submitted scorecard")

    def set_content(self, content: ScorecardContent) -> None:
        scale = self._rubric.scale
        lines = []
        for criterion in self._stage.criteria:
            entry = content.ratings.get(criterion.id)
            value = "not rated" if entry is None else scale.label(entry.rating)
            if entry is not None and entry.rating is not None:
                value = f"{entry.rating} ({value})"
            lines.append(f"{criterion.title}: {value}")
        labels = {s.id: s.label for s in self._rubric.signals}
        flags = {f.id: f.label for f in self._rubric.red_flags}
        if content.signals:
            lines.append("Signals: " + ", ".join(labels.get(k, k) for k in content.signals))
        if content.red_flags:
            lines.append("Red flags: " + ", ".join(flags.get(k, k) for k in content.red_flags))
        level = content.level_evidence
        if level is not None:
            lines.append(
                "Level evidence: "
                + (f"below {self._rubric.levels[0].id}" if level == BELOW_LADDER else level)
            )
        if content.vote is not None:
            lines.append(f"Recommendation: {content.vote.label}")
        self.entered.setText("\n".join(lines))

    def set_history(self, entries: Sequence[HistoryEntry]) -> None:
        self.history_title.setVisible(bool(entries))
        self.history.setVisible(bool(entries))
        blocks = []
        for entry in entries:
            head = f"{local_time(entry.when)} — {entry.title} by {entry.who}"
            body = [f"    Reason: {entry.reason}"] if entry.reason else []
            body += [f"    {detail}" for detail in entry.details]
            blocks.append("\n".join([head, *body]))
        self.history.setText("\n".join(blocks))

    def set_panel(self, cards: Sequence[PanelCard], *, visible: bool) -> None:
        self.compare_title.setVisible(visible)
        self.compare_hint.setVisible(visible)
        self.compare_view.setVisible(visible)
        if not visible:
            return
        self.comparison.set_panel(self._rubric, self._stage_id, cards)
        others = sum(1 for card in cards if not card.is_mine)
        if others == 0:
            self.compare_hint.setText(
                "Nobody else on the panel has submitted this stage yet; their ratings "
                "appear here once they do."
            )
        else:
            flagged = self.comparison.flagged_rows()
            hint = f"Your ratings next to {others} other submitted scorecard"
            hint += "s" if others != 1 else ""
            if flagged:
                hint += ". Highlighted rows: the panel disagrees by "
                hint += f"{self._rubric.rules.spread_threshold} or more points"
            self.compare_hint.setText(hint + ".")
        rows = self.comparison.rowCount()
        height = self.compare_view.horizontalHeader().height() + 4
        height += sum(self.compare_view.rowHeight(r) for r in range(rows))
        self.compare_view.setMinimumHeight(min(height, 480))
        self.compare_view.setMaximumHeight(height + 2)

    def first_focus(self) -> QWidget | None:
        if self.problem_buttons:
            return self.problem_buttons[0]
        if self.submit_button.isVisible():
            return self.submit_button
        return self.amend_button

    @property
    def step(self) -> Step:
        return Step.REVIEW
