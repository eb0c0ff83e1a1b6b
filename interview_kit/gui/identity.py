"""Who is scoring: pick yourself from the panel or add yourself.

The dialog only collects the answer; the controller creates the interviewer record and
stores the choice in the settings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from interview_kit.gui import theme
from interview_kit.gui.generated.ui_identity_dialog import Ui_IdentityDialog

NEW_PERSON = ""
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class InterviewerChoice:
    uuid: str
    name: str
    email: str = ""

    @property
    def label(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


@dataclass(frozen=True)
class IdentityAnswer:
    """Either an existing interviewer (``uuid``) or a new one (``name`` and ``email``)."""

    uuid: str | None
    name: str = ""
    email: str = ""


class IdentityDialog(QDialog):
    def __init__(
        self,
        interviewers: Sequence[InterviewerChoice],
        current_uuid: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IdentityDialog()
        self.ui.setupUi(self)
        self.setMinimumWidth(460)
        self.ui.problem.setStyleSheet(f"color: {theme.css(theme.danger())}")
        self.ui.problem.hide()
        self.ui.existing.addItem("Someone new: enter your name and email", NEW_PERSON)
        for person in interviewers:
            self.ui.existing.addItem(person.label, person.uuid)
        start = self.ui.existing.findData(current_uuid) if current_uuid else -1
        if start < 0 and interviewers and current_uuid is None:
            start = 0
        self.ui.existing.setCurrentIndex(max(start, 0))
        self.ui.existing.currentIndexChanged.connect(self._choice_changed)
        ok = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Continue")
        self.ui.buttons.accepted.connect(self._try_accept)
        self.ui.buttons.rejected.connect(self.reject)
        self._choice_changed()

    def _choice_changed(self) -> None:
        new = self.ui.existing.currentData() == NEW_PERSON
        self.ui.name.setEnabled(new)
        self.ui.email.setEnabled(new)
        self.ui.problem.hide()
        if new:
            self.ui.name.setFocus()

    def problem(self) -> str:
        """What stops the answer being accepted, or ``""``."""
        if self.ui.existing.currentData() != NEW_PERSON:
            return ""
        if not self.ui.name.text().strip():
            return "Enter your name: it goes on the scorecards you submit."
        email = self.ui.email.text().strip()
        if email and not _EMAIL.match(email):
            return f"{email!r} does not look like an email address (name@example.com)."
        if not email:
            return "Enter your email, so the recruiter can tell two people of the same name apart."
        return ""

    def show_problem(self, message: str) -> None:
        self.ui.problem.setText(message)
        self.ui.problem.setVisible(bool(message))

    def _try_accept(self) -> None:
        message = self.problem()
        if message:
            self.show_problem(message)
            return
        self.accept()

    def answer(self) -> IdentityAnswer:
        chosen = self.ui.existing.currentData()
        if chosen != NEW_PERSON:
            return IdentityAnswer(uuid=str(chosen))
        return IdentityAnswer(
            uuid=None, name=self.ui.name.text().strip(), email=self.ui.email.text().strip()
        )
