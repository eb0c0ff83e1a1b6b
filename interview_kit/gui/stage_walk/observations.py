"""Step 4: the rubric's positive signals and red flags, each ticked with evidence.

The stage's own "look for" items come first; blockers are marked so they cannot be
missed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from interview_kit.domain.rubric import RedFlag, Rubric
from interview_kit.domain.rubric import Signal as RubricSignal
from interview_kit.gui import theme
from interview_kit.gui.stage_walk.widgets import (
    NoteEdit,
    ensure_visible,
    heading,
    muted_label,
    plain_label,
)

SIGNAL = "signal"
RED_FLAG = "red_flag"


class ObservationTick(QFrame):
    """A checkbox with the item's description and, once ticked, its evidence."""

    toggled = Signal(str, str, bool)
    """Kind, item id, ticked."""
    evidenceChanged = Signal(str, str, str)

    def __init__(
        self, kind: str, item: RubricSignal | RedFlag, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.item_id = item.id
        blocker = isinstance(item, RedFlag) and item.severity == "blocker"
        self.is_blocker = blocker
        self.setFrameShape(QFrame.Shape.StyledPanel)
        if blocker:
            self.setObjectName("blocker")
            self.setStyleSheet(
                f"QFrame#blocker {{ border: 2px solid {theme.css(theme.danger())}; "
                "border-radius: 4px; }"
            )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(4)
        top = QHBoxLayout()
        self.check = QCheckBox(item.label, self)
        what = "Red flag" if kind == RED_FLAG else "Positive signal"
        self.check.setAccessibleName(f"{what}: {item.label}")
        top.addWidget(self.check, 1)
        if isinstance(item, RedFlag):
            badge = QLabel("BLOCKER" if blocker else "concern", self)
            badge.setAccessibleName("Severity: blocker" if blocker else "Severity: concern")
            colour = theme.danger() if blocker else theme.warning()
            badge.setStyleSheet(
                f"color: {theme.css(colour)}; font-weight: bold; padding: 1px 6px; "
                f"border: 1px solid {theme.css(colour)}; border-radius: 3px"
            )
            top.addWidget(badge)
        layout.addLayout(top)
        if item.description:
            description = muted_label(item.description, self)
            description.setContentsMargins(24, 0, 0, 0)
            layout.addWidget(description)
        self.evidence_label = plain_label("", self)
        self.evidence_label.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.evidence_label)
        self.evidence = NoteEdit(
            f"Evidence for {item.label}", "What you saw or heard: required when ticked", self
        )
        self.evidence.setContentsMargins(24, 0, 0, 0)
        layout.addWidget(self.evidence)
        self.check.toggled.connect(self._toggled)
        self.evidence.textChanged.connect(self._edited)
        self._sync()

    def _toggled(self, ticked: bool) -> None:
        self._sync()
        self.toggled.emit(self.kind, self.item_id, ticked)
        if ticked:
            ensure_visible(self.evidence)

    def _edited(self) -> None:
        self._sync()
        if self.check.isChecked():
            self.evidenceChanged.emit(self.kind, self.item_id, self.evidence.toPlainText())

    def set_state(self, ticked: bool, evidence: str) -> None:
        self.check.blockSignals(True)
        self.check.setChecked(ticked)
        self.check.blockSignals(False)
        self.evidence.blockSignals(True)
        if ticked or evidence:
            self.evidence.set_text_keeping_cursor(evidence)
        self.evidence.blockSignals(False)
        self._sync()

    def set_read_only(self, read_only: bool) -> None:
        self.check.setEnabled(not read_only)
        self.evidence.setReadOnly(read_only)

    def evidence_missing(self) -> bool:
        return self.check.isChecked() and not self.evidence.toPlainText().strip()

    def _sync(self) -> None:
        ticked = self.check.isChecked()
        self.evidence.setVisible(ticked)
        self.evidence_label.setVisible(ticked)
        if self.evidence_missing():
            self.evidence_label.setText("Evidence is required for a ticked item")
            self.evidence_label.setStyleSheet(f"color: {theme.css(theme.danger())}")
        else:
            self.evidence_label.setText("Evidence")
            self.evidence_label.setStyleSheet("")


class SignalsStep(QWidget):
    toggled = Signal(str, str, bool)
    evidenceChanged = Signal(str, str, str)

    def __init__(self, rubric: Rubric, stage_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        stage = rubric.stage(stage_id)
        look_for = list(stage.look_for)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(8)
        layout.addWidget(heading("Signals and red flags", self, 1.35))
        layout.addWidget(
            muted_label(
                "Tick what you observed (Space ticks the focused item) and write the "
                "evidence for each. Items to look for in this stage come first. Red flags "
                "marked BLOCKER can decide a no hire on their own.",
                self,
            )
        )
        self.items: dict[tuple[str, str], ObservationTick] = {}

        def ordered(items: tuple[RubricSignal, ...] | tuple[RedFlag, ...]) -> list:
            first = [i for i in items if i.id in look_for]
            first.sort(key=lambda i: look_for.index(i.id))
            return first + [i for i in items if i.id not in look_for]

        for kind, title, items in (
            (SIGNAL, "Positive signals", rubric.signals),
            (RED_FLAG, "Red flags", rubric.red_flags),
        ):
            layout.addSpacing(6)
            layout.addWidget(heading(title, self, 1.15))
            others_started = False
            for item in ordered(items):
                if item.id not in look_for and not others_started and look_for:
                    others_started = True
                    layout.addWidget(muted_label("Also possible in this stage:", self))
                widget = ObservationTick(kind, item, self)
                widget.toggled.connect(self.toggled)
                widget.evidenceChanged.connect(self.evidenceChanged)
                layout.addWidget(widget)
                self.items[(kind, item.id)] = widget
        layout.addStretch(1)

    def set_read_only(self, read_only: bool) -> None:
        for item in self.items.values():
            item.set_read_only(read_only)

    def first_focus(self) -> QWidget | None:
        for item in self.items.values():
            return item.check
        return None

    def focus_item(self, kind: str, item_id: str) -> None:
        item = self.items.get((kind, item_id))
        if item is None:
            return
        target = item.evidence if item.check.isChecked() else item.check
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        ensure_visible(item)
