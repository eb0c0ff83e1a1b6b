"""The recruiter's dialogs: candidate, interviewer, advance/reject with a reason, erase.

Each dialog collects values and emits ``submitted``; it closes only when the wiring
says the service stored them (:meth:`finish`), and otherwise shows the service's
message and keeps everything typed (:meth:`show_problem`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel, QWidget

from interview_kit.gui import theme
from interview_kit.gui.generated.ui_candidate_dialog import Ui_CandidateDialog
from interview_kit.gui.generated.ui_erase_dialog import Ui_EraseDialog
from interview_kit.gui.generated.ui_interviewer_dialog import Ui_InterviewerDialog
from interview_kit.gui.generated.ui_move_dialog import Ui_MoveDialog


class _Submitting(QDialog):
    submitted = Signal(object)

    def show_problem(self, message: str) -> None:
        label = self.ui.problem  # type: ignore[attr-defined]
        label.setText(message)
        label.setVisible(bool(message))

    def finish(self) -> None:
        self.accept()

    def set_busy(self, busy: bool) -> None:
        """While the service stores what was submitted, nothing here can be changed or
        submitted twice; afterwards the dialog closes, or shows why not."""
        if busy:
            focus = QApplication.focusWidget()
            self._focus_before = focus if focus is not None and self.isAncestorOf(focus) else None
        self.setEnabled(not busy)
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        if not busy:
            # Back where the person was typing (disabling took the focus away).
            target = getattr(self, "_focus_before", None)
            (target or self).setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def busy(self) -> bool:
        return not self.isEnabled()


def _style_problem(dialog: QDialog) -> None:
    label = dialog.ui.problem  # type: ignore[attr-defined]
    label.setStyleSheet(f"color: {theme.css(theme.danger())};")
    label.hide()


# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CandidateValues:
    name: str
    email: str
    source: str
    origin_path: str
    rubric_id: str | None
    notes: str


class CandidateDialog(_Submitting):
    """Add or edit a candidate. ``choices`` hold (value, label) pairs for each combo."""

    def __init__(
        self,
        *,
        sources: Sequence[tuple[str, str]],
        origins: Sequence[tuple[str, str]],
        roles: Sequence[tuple[str, str]],
        values: CandidateValues | None = None,
        editing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CandidateDialog()
        self.ui.setupUi(self)
        _style_problem(self)
        self.setWindowTitle("Edit candidate" if editing else "Add a candidate")
        for value, label in sources:
            self.ui.source.addItem(label, value)
        for value, label in origins:
            self.ui.origin.addItem(label, value)
        for value, label in roles:
            self.ui.role.addItem(label, value)
        if editing:
            # The role decides the rubric version; it changes with the rubric, not here.
            self.ui.role.setEnabled(False)
            self.ui.role.setToolTip("The candidate keeps the rubric they are interviewed on.")
        if values is not None:
            self.ui.name.setText(values.name)
            self.ui.email.setText(values.email)
            self._select(self.ui.source, values.source)
            self._select(self.ui.origin, values.origin_path)
            self._select(self.ui.role, values.rubric_id)
            self.ui.notes.setPlainText(values.notes)
        self.ui.buttons.accepted.connect(self._submit)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.name.setFocus()

    @staticmethod
    def _select(combo: object, value: object) -> None:
        position = combo.findData(value)  # type: ignore[attr-defined]
        if position >= 0:
            combo.setCurrentIndex(position)  # type: ignore[attr-defined]

    def values(self) -> CandidateValues:
        return CandidateValues(
            name=self.ui.name.text(),
            email=self.ui.email.text(),
            source=str(self.ui.source.currentData()),
            origin_path=str(self.ui.origin.currentData()),
            rubric_id=self.ui.role.currentData(),
            notes=self.ui.notes.toPlainText(),
        )

    def _submit(self) -> None:
        if not self.ui.name.text().strip():
            self.show_problem("The name is required.")
            self.ui.name.setFocus()
            return
        self.show_problem("")
        self.submitted.emit(self.values())


# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InterviewerValues:
    name: str
    email: str
    role_title: str


class InterviewerDialog(_Submitting):
    def __init__(
        self,
        values: InterviewerValues | None = None,
        *,
        editing: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_InterviewerDialog()
        self.ui.setupUi(self)
        _style_problem(self)
        self.setWindowTitle("Edit interviewer" if editing else "Add an interviewer")
        if values is not None:
            self.ui.name.setText(values.name)
            self.ui.email.setText(values.email)
            self.ui.roleTitle.setText(values.role_title)
        self.ui.buttons.accepted.connect(self._submit)
        self.ui.buttons.rejected.connect(self.reject)

    def values(self) -> InterviewerValues:
        return InterviewerValues(
            self.ui.name.text(), self.ui.email.text(), self.ui.roleTitle.text()
        )

    def _submit(self) -> None:
        if not self.ui.name.text().strip():
            self.show_problem("The name is required.")
            return
        self.show_problem("")
        self.submitted.emit(self.values())


# ---------------------------------------------------------------------------------------


class MoveDialog(_Submitting):
    """Advance, reject, withdraw or reopen, with a reason (required to reject or reopen)."""

    def __init__(
        self,
        *,
        title: str,
        question: str,
        action: str,
        reason_required: bool,
        warning: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_MoveDialog()
        self.ui.setupUi(self)
        _style_problem(self)
        self.setWindowTitle(title)
        self.ui.question.setText(question)
        # Something the person should know before going ahead (their own draft).
        self.warning = QLabel(warning, self)
        self.warning.setObjectName("warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(f"color: {theme.css(theme.warning())};")
        self.warning.setVisible(bool(warning))
        self.ui.layout.insertWidget(self.ui.layout.indexOf(self.ui.question) + 1, self.warning)
        self.reason_required = reason_required
        self.ui.reasonLabel.setText(
            "&Reason (required)" if reason_required else "&Reason (optional)"
        )
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(action)
        ok.setAccessibleName(action)
        self.ui.buttons.accepted.connect(self._submit)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.reason.setFocus()

    def reason(self) -> str:
        return self.ui.reason.toPlainText()

    def _submit(self) -> None:
        if self.reason_required and not self.reason().strip():
            self.show_problem("Write the reason: it is kept with the candidate's history.")
            self.ui.reason.setFocus()
            return
        self.show_problem("")
        self.submitted.emit(self.reason())


# ---------------------------------------------------------------------------------------


def fold_name(text: str) -> str:
    """Case-, accent- and spacing-insensitive form of a name, for typed confirmation."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(plain.split())


class EraseDialog(_Submitting):
    """Erase after typing the candidate's name; the button stays off until it matches."""

    def __init__(self, *, name: str, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EraseDialog()
        self.ui.setupUi(self)
        _style_problem(self)
        self._name = name
        self.ui.heading.setText(f"Erase {name}?")
        theme.make_heading(self.ui.heading, 1.25)
        self.ui.what.setText(what)
        danger = theme.css(theme.danger())
        self.ui.eraseButton.setStyleSheet(f"color: {danger};")
        self.ui.confirmation.setPlaceholderText(name)
        self.ui.confirmation.textChanged.connect(self._update)
        self.ui.eraseButton.clicked.connect(self._submit)
        self.ui.cancelButton.clicked.connect(self.reject)
        self.ui.confirmation.setFocus()

    def matches(self) -> bool:
        typed = fold_name(self.ui.confirmation.text())
        return bool(typed) and typed == fold_name(self._name)

    def _update(self) -> None:
        self.ui.eraseButton.setEnabled(self.matches())

    def _submit(self) -> None:
        if not self.matches():
            self.show_problem("Type the candidate's name exactly to confirm.")
            return
        self.submitted.emit(self._name)
