"""People → People and sign-ins…: a recruiter (or the database owner) lists who may sign
in to the shared database, adds a person with a role, moves them to another role, or
removes their sign-in (what they wrote stays).

A new person's generated password is shown once, in the dialog, with a button that saves
it as a connection file to hand over (``docs/security.md``). The dialog emits intent
signals; :class:`PeopleWiring` runs them through the app's write queue and shows what the
database answered, a refusal in words.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from interview_kit.gui import theme
from interview_kit.gui.models.table import Column, RowTableModel
from interview_kit.gui.operations import Changes
from interview_kit.services import people
from interview_kit.services.errors import ServiceError
from interview_kit.services.people import Group, NewPerson, Person

if TYPE_CHECKING:
    from interview_kit.gui.context import AppContext

ROLE_LABELS = {
    Group.RECRUITER: "Recruiter",
    Group.COMMITTEE: "Hiring committee",
    Group.INTERVIEWER: "Interviewer",
}


def _role_text(person: Person) -> str:
    return ROLE_LABELS[person.role] if person.role is not None else "Removed"


PEOPLE_COLUMNS: list[Column[Person]] = [
    Column("Name", lambda p: p.name),
    Column("Role", _role_text),
    Column("Signs in", lambda p: "yes" if p.can_sign_in else "no (removed)"),
    Column("Login", lambda p: p.login),
]


class PeopleDialog(QDialog):
    addRequested = Signal(str, str, str)
    """Name, e-mail, role."""
    roleRequested = Signal(str, str)
    """Login, role."""
    removeRequested = Signal(str)
    """Login."""
    connectionFileRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("People and sign-ins")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)

        self.model: RowTableModel[Person] = RowTableModel(PEOPLE_COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("People")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

        change = QHBoxLayout()
        self.role_of_selected = _role_combo()
        self.role_of_selected.setAccessibleName("Role of the selected person")
        self.set_role_button = QPushButton("Set role")
        self.remove_button = QPushButton("Remove sign-in…")
        change.addWidget(QLabel("Selected person:"))
        change.addWidget(self.role_of_selected)
        change.addWidget(self.set_role_button)
        change.addStretch(1)
        change.addWidget(self.remove_button)
        layout.addLayout(change)

        adding = QGroupBox("Add a person")
        form = QFormLayout(adding)
        self.name = QLineEdit()
        self.name.setAccessibleName("Name")
        self.email = QLineEdit()
        self.email.setAccessibleName("E-mail")
        self.email.setPlaceholderText("ties an interviewer's earlier scorecards to them")
        self.role = _role_combo()
        self.role.setAccessibleName("Role")
        self.add_button = QPushButton("Add person")
        form.addRow("Name", self.name)
        form.addRow("E-mail", self.email)
        form.addRow("Role", self.role)
        form.addRow("", self.add_button)
        layout.addWidget(adding)

        self.handover = QGroupBox("Hand over privately (shown once)")
        handover = QFormLayout(self.handover)
        self.new_login = QLineEdit()
        self.new_login.setReadOnly(True)
        self.new_login.setAccessibleName("New login")
        self.new_password = QLineEdit()
        self.new_password.setReadOnly(True)
        self.new_password.setAccessibleName("New password")
        self.save_connection = QPushButton("Save connection file…")
        handover.addRow("Login", self.new_login)
        handover.addRow("Password", self.new_password)
        handover.addRow("", self.save_connection)
        self.handover.hide()
        layout.addWidget(self.handover)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.add_button.clicked.connect(self._add)
        self.set_role_button.clicked.connect(self._set_role)
        self.remove_button.clicked.connect(self._remove)
        self.save_connection.clicked.connect(self.connectionFileRequested)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self._selection_changed()

    # -- what the wiring gives it -----------------------------------------------------
    def set_people(self, rows: list[Person]) -> None:
        selected = self.selected()
        self.model.set_rows(rows)
        if selected is not None:
            index = self.model.index_of(lambda p: p.login == selected.login)
            if index.isValid():
                self.table.selectRow(index.row())
        self._selection_changed()

    def show_message(self, text: str, *, problem: bool = False) -> None:
        colour = theme.css(theme.danger()) if problem else "palette(text)"
        self.message.setStyleSheet(f"color: {colour}")
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def show_new_person(self, new: NewPerson) -> None:
        self.new_login.setText(new.person.login)
        self.new_password.setText(new.password)
        self.handover.show()
        self.name.clear()
        self.email.clear()

    def selected(self) -> Person | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    # -- intents ---------------------------------------------------------------------
    def _add(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_message("Enter the person's name.", problem=True)
            return
        self.addRequested.emit(name, self.email.text().strip(), str(self.role.currentData()))

    def _set_role(self) -> None:
        person = self.selected()
        if person is not None:
            self.roleRequested.emit(person.login, str(self.role_of_selected.currentData()))

    def _remove(self) -> None:
        person = self.selected()
        if person is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Remove sign-in?",
            f"{person.name} will no longer be able to sign in. Everything they wrote stays.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.button(QMessageBox.StandardButton.Yes).setText("Remove")
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.removeRequested.emit(person.login)

    def _selection_changed(self) -> None:
        person = self.selected()
        active = person is not None and person.can_sign_in
        self.set_role_button.setEnabled(active)
        self.role_of_selected.setEnabled(active)
        self.remove_button.setEnabled(active)
        if person is not None and person.role is not None:
            self.role_of_selected.setCurrentIndex(self.role_of_selected.findData(person.role.value))


def _role_combo() -> QComboBox:
    combo = QComboBox()
    for group, label in ROLE_LABELS.items():
        combo.addItem(label, group.value)
    combo.setCurrentIndex(combo.findData(Group.INTERVIEWER.value))
    return combo


class PeopleWiring:
    """Connects the dialog to :mod:`interview_kit.services.people` through the write queue."""

    def __init__(self, context: AppContext, dialog: PeopleDialog) -> None:
        self.context = context
        self.dialog = dialog
        self.last_added: NewPerson | None = None
        dialog.addRequested.connect(self.add)
        dialog.roleRequested.connect(self.set_role)
        dialog.removeRequested.connect(self.remove)
        dialog.connectionFileRequested.connect(self.save_connection_file)

    def reload(self) -> None:
        db = self.context.db
        assert db is not None
        try:
            self.dialog.set_people(people.people(db))
        except ServiceError as exc:
            self.dialog.show_message(str(exc), problem=True)

    def _failed(self, error: BaseException) -> None:
        self.dialog.show_message(str(error), problem=True)

    def add(self, name: str, email: str, role: str) -> None:
        db = self.context.db
        assert db is not None

        def added(new: NewPerson) -> None:
            self.last_added = new
            self.dialog.show_new_person(new)
            self.dialog.show_message(
                f"Added {new.person.name} as {new.person.role.value if new.person.role else ''}: "
                "hand the password (or a connection file) over privately; it is not shown again."
            )
            self.reload()

        self.context.writes.run(
            f"Adding {name}",
            lambda: people.add_person(db, name, email=email, role=role),
            changes=Changes(interviewers=True),
            on_success=added,
            on_failure=self._failed,
        )

    def set_role(self, login: str, role: str) -> None:
        db = self.context.db
        assert db is not None

        def moved(person: Person) -> None:
            self.dialog.show_message(f"{person.name} is now {_role_text(person).lower()}.")
            self.reload()

        self.context.writes.run(
            "Changing a role",
            lambda: people.set_role(db, login, role),
            on_success=moved,
            on_failure=self._failed,
        )

    def remove(self, login: str) -> None:
        db = self.context.db
        assert db is not None

        def removed(person: Person) -> None:
            self.dialog.show_message(f"{person.name} can no longer sign in; what they wrote stays.")
            self.reload()

        self.context.writes.run(
            "Removing a sign-in",
            lambda: people.remove_person(db, login),
            on_success=removed,
            on_failure=self._failed,
        )

    def save_connection_file(self) -> None:
        new = self.last_added
        if new is None:
            return
        target, _filter = QFileDialog.getSaveFileName(
            self.dialog,
            "Save the connection file",
            str(Path.home() / f"{new.person.login}.ikconnection"),
        )
        if target:
            self.write_connection_file(Path(target))

    def write_connection_file(self, path: Path) -> None:
        assert self.last_added is not None
        try:
            written = people.write_connection_file(self.last_added, path, overwrite=True)
        except (ServiceError, OSError) as exc:
            self.dialog.show_message(str(exc), problem=True)
            return
        self.dialog.show_message(f"Saved {written}: hand it over privately, then delete it.")


def open_people_dialog(context: AppContext) -> PeopleWiring:
    """Open the dialog (window-modal, not blocking) with the people listed."""
    dialog = PeopleDialog(context.window)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    wiring = PeopleWiring(context, dialog)
    wiring.reload()
    dialog.open()
    return wiring


__all__ = ["PeopleDialog", "PeopleWiring", "open_people_dialog"]
