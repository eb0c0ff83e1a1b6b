"""File → Database…: which database the app works on, and switching to another.

The dialog only collects a path or URL and shows answers;
:mod:`interview_kit.gui.database_switch` tests and opens it off the UI thread
(:mod:`interview_kit.services.connection`) and switches the running app over once the
new database is open, so a bad choice leaves the app where it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QPushButton, QWidget

from interview_kit import paths
from interview_kit.gui import theme
from interview_kit.gui.generated.ui_database_dialog import Ui_DatabaseDialog
from interview_kit.gui.settings import DatabaseSource
from interview_kit.services import people
from interview_kit.services.errors import ServiceError


def override_note(startup: DatabaseSource) -> str:
    """What wins over the choice made here at the next start, if anything does."""
    if os.environ.get(paths.DB_ENV, "").strip() and startup is not DatabaseSource.COMMAND_LINE:
        return (
            f"{paths.DB_ENV} is set: at the next start it wins over the choice made here, "
            "which applies now and whenever the app starts without it."
        )
    if startup is DatabaseSource.COMMAND_LINE:
        return (
            "This start was given --db: the next start given --db again uses that instead; "
            "the choice made here applies now and whenever the app starts without --db."
        )
    return ""


class DatabaseDialog(QDialog):
    testRequested = Signal(str)
    """The path or URL to try, changing nothing."""
    switchRequested = Signal(str)
    """The path or URL to switch the app to."""

    def __init__(
        self,
        *,
        location: str,
        source: DatabaseSource,
        startup: DatabaseSource,
        is_sqlite: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DatabaseDialog()
        self.ui.setupUi(self)
        self.ui.current.setText(location)
        self.ui.source.setText(source.label[:1].upper() + source.label[1:])
        note = override_note(startup)
        self.ui.overrideNote.setText(note)
        self.ui.overrideNote.setVisible(bool(note))
        self.ui.overrideNote.setStyleSheet(f"color: {theme.css(theme.warning())};")
        self.ui.urlHint.setStyleSheet(f"color: {theme.css(theme.muted())};")
        if is_sqlite:
            self.ui.sqlitePath.setText(location)
        else:
            self.ui.postgresChoice.setChecked(True)
            self.ui.postgresUrl.setPlaceholderText(location)
        self.switch_button.setText("&Switch to this database")
        self.ui.buttons.accepted.connect(self._switch)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.testButton.clicked.connect(self._test)
        self.ui.browseButton.clicked.connect(self._browse)
        self.connection_file_button = QPushButton("Use a connection file…", self.ui.choiceBox)
        self.connection_file_button.setToolTip(
            "The file a recruiter handed you with your sign-in to a shared database"
        )
        hint = self.ui.choiceLayout.indexOf(self.ui.urlHint)
        self.ui.choiceLayout.insertWidget(hint + 1, self.connection_file_button)
        self.connection_file_button.clicked.connect(self._choose_connection_file)
        self.ui.sqliteChoice.toggled.connect(self._update_fields)
        self.ui.sqlitePath.textEdited.connect(lambda _text: self.ui.sqliteChoice.setChecked(True))
        self.ui.postgresUrl.textEdited.connect(
            lambda _text: self.ui.postgresChoice.setChecked(True)
        )
        self._update_fields()
        self.show_result("", ok=True)

    @property
    def switch_button(self) -> QPushButton:
        return self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)

    # -- what the user chose ---------------------------------------------------------
    def target(self) -> str:
        if self.ui.sqliteChoice.isChecked():
            return self.ui.sqlitePath.text().strip()
        return self.ui.postgresUrl.text().strip()

    def _update_fields(self) -> None:
        sqlite = self.ui.sqliteChoice.isChecked()
        self.ui.sqlitePath.setEnabled(sqlite)
        self.ui.browseButton.setEnabled(sqlite)
        self.ui.postgresUrl.setEnabled(not sqlite)
        self.ui.urlHint.setEnabled(not sqlite)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            "Database file: an existing one, or a new name",
            self.ui.sqlitePath.text(),
            "Interview Kit databases (*.sqlite3 *.sqlite *.db);;All files (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen:
            self.ui.sqliteChoice.setChecked(True)
            self.ui.sqlitePath.setText(chosen)

    def _choose_connection_file(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(
            self, "Connection file", "", "Connection files (*.ikconnection *.json);;All files (*)"
        )
        if chosen:
            self.use_connection_file(Path(chosen))

    def use_connection_file(self, path: Path) -> None:
        """Fill in the URL (password included) from a connection file."""
        try:
            url = people.read_connection_file(path)
        except ServiceError as exc:
            self.show_result(str(exc), ok=False)
            return
        self.ui.postgresChoice.setChecked(True)
        self.ui.postgresUrl.setText(url)
        self.show_result(f"Sign-in read from {path.name}: test it or switch.", ok=True)

    def _test(self) -> None:
        self.testRequested.emit(self.target())

    def _switch(self) -> None:
        self.switchRequested.emit(self.target())

    # -- answers ---------------------------------------------------------------------
    def set_busy(self, busy: bool, text: str = "") -> None:
        for widget in (self.ui.testButton, self.ui.choiceBox, self.switch_button):
            widget.setEnabled(not busy)
        if text:
            self.show_result(text, ok=True)

    def show_result(self, text: str, *, ok: bool) -> None:
        label = self.ui.result
        label.setText(text)
        label.setStyleSheet("" if ok else f"color: {theme.css(theme.danger())};")

    @property
    def result_text(self) -> str:
        return self.ui.result.text()

    def finish(self) -> None:
        self.accept()


__all__ = ["DatabaseDialog", "override_note"]
