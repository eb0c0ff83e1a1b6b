"""GUI test set-up: the app on a temporary database, modal dialogs that never block, and
a "user" that types and presses keys the way a person at the keyboard does."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fresh_databases import fresh_demo, fresh_sqlite
from PySide6.QtWidgets import QApplication, QDialog, QInputDialog, QMessageBox

from interview_kit.app import App, create_app
from interview_kit.services import interviewers
from tests.support.user import User

# ---------------------------------------------------------------------------------------
# Modal dialogs


class ModalAnswers:
    """Stands in for the user in front of a modal dialog.

    Queue an answer before the dialog opens (``answers.then(QMessageBox.Yes)``, or
    ``answers.then(QDialog.Accepted, text="a reason")`` for an input dialog); a dialog
    nobody expected fails the test instead of blocking it.
    """

    def __init__(self) -> None:
        self._queue: list[tuple[Any, str | None]] = []
        self.shown: list[tuple[str, str]] = []

    def then(self, result: Any, *, text: str | None = None) -> None:
        self._queue.append((result, text))

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _exec(self, dialog: QDialog) -> Any:
        title = dialog.windowTitle()
        body = dialog.text() if isinstance(dialog, QMessageBox) else ""
        if isinstance(dialog, QInputDialog):
            body = dialog.labelText()
        self.shown.append((title, body))
        if not self._queue:
            raise AssertionError(f"unexpected modal dialog {title!r}: {body}")
        result, text = self._queue.pop(0)
        if text is not None and isinstance(dialog, QInputDialog):
            dialog.setTextValue(text)
        if callable(result):
            return result(dialog)
        return result


@pytest.fixture(autouse=True)
def modal_answers(monkeypatch: pytest.MonkeyPatch) -> ModalAnswers:
    answers = ModalAnswers()

    def fake_exec(dialog: QDialog) -> Any:
        return answers._exec(dialog)

    for cls in (QDialog, QMessageBox, QInputDialog):
        monkeypatch.setattr(cls, "exec", fake_exec)
    return answers


# ---------------------------------------------------------------------------------------
# Databases and the app


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    """A fresh copy of the demo database for this test."""
    return fresh_demo(tmp_path / "demo.sqlite3")


@pytest.fixture
def make_app(qtbot: Any, tmp_path: Path) -> Iterator[Callable[..., App]]:
    """Start the app as a user would (``create_app`` with command-line arguments)."""
    started: list[App] = []

    def make(
        db_path: Path | None = None, *, settings: Path | None = None, extra: tuple[str, ...] = ()
    ) -> App:
        if db_path is None:
            db_path = tmp_path / "app.sqlite3"
            if not db_path.exists():
                fresh_sqlite(db_path)
        argv = [
            "--db",
            str(db_path),
            "--settings",
            str(settings or tmp_path / "settings.ini"),
            *extra,
        ]
        app = create_app(argv)
        assert app is not None, "the app did not start"
        qtbot.addWidget(app.window)
        app.window.resize(1280, 800)
        app.window.activateWindow()
        QApplication.processEvents()
        started.append(app)
        return app

    yield make
    for app in started:
        app.window.close()
        if app.controller.context.db is not None:
            app.controller.context.db.close()


def sign_in(app: App, name: str, email: str | None = None) -> Any:
    """Make ``name`` the interviewer at the keyboard (created if need be)."""
    db = app.controller.context.db
    assert db is not None
    for person in interviewers.list_interviewers(db):
        if person.name == name:
            app.controller.set_interviewer(person)
            return person
    person = interviewers.add_interviewer(
        db, name=name, email=email or f"{name.split(maxsplit=1)[0].lower()}@example.com"
    )
    app.controller.set_interviewer(person)
    return person


# ---------------------------------------------------------------------------------------
# Keyboard


@pytest.fixture
def user(qtbot: Any) -> User:
    """The one user helper (tests/support/user.py): it acts only as a person could."""
    return User(qtbot)
