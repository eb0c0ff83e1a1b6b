"""File → Database…: see the database in use, test another, switch the running app to it
and remember it; a bad choice says why and leaves the app where it was."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from postgres_support import pg_databases, pg_server, pg_url  # noqa: F401
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import make_url

from interview_kit.app import create_app
from interview_kit.gui.database_dialog import DatabaseDialog
from interview_kit.gui.settings import AppSettings, DatabaseSource, choose_database
from interview_kit.services import candidates, interviewers
from interview_kit.services.database import open_database

WAIT_MS = 30_000


@pytest.fixture
def second_file(tmp_path: Path) -> Path:
    """Another panel's database: one candidate, one interviewer."""
    path = tmp_path / "other panel" / "second.sqlite3"
    db = open_database(path, actor="tests")
    candidates.add_candidate(db, name="Bianca Second", status="screening")
    interviewers.add_interviewer(db, name="Sol Other", email="sol@example.org")
    db.close()
    return path


def open_dialog(app) -> DatabaseDialog:
    app.window.ui.actionDatabase.trigger()
    dialog = app.controller.database_switch.dialog
    assert isinstance(dialog, DatabaseDialog)
    assert dialog.isVisible()
    return dialog


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def try_connection(qtbot, dialog: DatabaseDialog) -> str:
    click(qtbot, dialog.ui.testButton)
    qtbot.waitUntil(dialog.ui.testButton.isEnabled, timeout=WAIT_MS)
    return dialog.result_text


def switch_failing(qtbot, dialog: DatabaseDialog) -> str:
    click(qtbot, dialog.switch_button)
    qtbot.waitUntil(dialog.switch_button.isEnabled, timeout=WAIT_MS)
    assert dialog.isVisible()
    return dialog.result_text


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_switch_to_another_sqlite_file(make_app, demo_db, second_file, qtbot, tmp_path) -> None:
    settings = tmp_path / "settings.ini"
    app = make_app(demo_db, settings=settings)
    first = app.controller.context.db
    dialog = open_dialog(app)
    assert dialog.ui.current.text() == str(demo_db)
    assert dialog.ui.source.text() == "The command line (--db)"
    assert "--db" in dialog.ui.overrideNote.text()

    dialog.ui.sqlitePath.setText(str(second_file))
    assert (
        try_connection(qtbot, dialog) == "An Interview Kit database with 1 candidate, ready to use."
    )
    assert app.controller.context.db is first, "testing changes nothing"

    with qtbot.waitSignal(app.controller.context.databaseChanged, timeout=WAIT_MS):
        click(qtbot, dialog.switch_button)
    qtbot.waitUntil(lambda: app.controller.database_switch.dialog is None, timeout=WAIT_MS)
    db = app.controller.context.db
    assert db is not first
    assert db.location == str(second_file)
    assert str(second_file) in app.window.database_label.text()
    assert first.engine.pool.checkedin() == 0, "the old database is closed"
    home = app.window.page("home")
    assert [row.name for row in home.candidates.rows()] == ["Bianca Second"]
    assert AppSettings(settings).database_url == str(second_file), "remembered"

    # The next look at the dialog says where the database in use came from.
    again = open_dialog(app)
    assert again.ui.current.text() == str(second_file)
    assert again.ui.source.text() == "This app's setting (File → Database…)"
    assert "--db" in again.ui.overrideNote.text(), "--db still wins at the next start"


def test_pipeline_shows_the_new_database_when_shown(make_app, demo_db, second_file, qtbot) -> None:
    app = make_app(demo_db)
    app.window.show_page("pipeline")
    pipeline = app.window.page("pipeline")
    assert pipeline.model.rowCount() > 1
    app.window.show_page("home")
    dialog = open_dialog(app)
    dialog.ui.sqlitePath.setText(str(second_file))
    click(qtbot, dialog.switch_button)
    qtbot.waitUntil(lambda: app.controller.database_switch.dialog is None, timeout=WAIT_MS)
    app.window.show_page("pipeline")
    assert [row.name for row in pipeline.model.rows()] == ["Bianca Second"]


def test_the_setting_opens_at_the_next_start_unless_something_stronger(
    qtbot, tmp_path, second_file, demo_db, monkeypatch
) -> None:
    settings_path = tmp_path / "settings.ini"
    AppSettings(settings_path).database_url = str(second_file)

    app = create_app(["--settings", str(settings_path)])
    assert app is not None
    qtbot.addWidget(app.window)
    try:
        assert app.controller.context.db.location == str(second_file)
        assert app.controller.database_switch.source is DatabaseSource.SETTING
    finally:
        app.window.close()
        app.controller.context.db.close()

    monkeypatch.setenv("INTERVIEW_KIT_DB", str(demo_db))
    app = create_app(["--settings", str(settings_path)])
    assert app is not None
    qtbot.addWidget(app.window)
    try:
        assert app.controller.context.db.location == str(demo_db)
        dialog = open_dialog(app)
        assert dialog.ui.source.text() == "The INTERVIEW_KIT_DB environment variable"
        assert "INTERVIEW_KIT_DB is set" in dialog.ui.overrideNote.text()
        dialog.reject()
    finally:
        app.window.close()
        app.controller.context.db.close()


@pytest.mark.parametrize(
    ("command_line", "environment", "setting", "expected"),
    [
        ("cli.sqlite3", "env.sqlite3", "set.sqlite3", ("cli.sqlite3", DatabaseSource.COMMAND_LINE)),
        (None, "env.sqlite3", "set.sqlite3", ("env.sqlite3", DatabaseSource.ENVIRONMENT)),
        (None, None, "set.sqlite3", ("set.sqlite3", DatabaseSource.SETTING)),
        (None, "  ", None, (None, DatabaseSource.DEFAULT)),
    ],
)
def test_which_database_wins(monkeypatch, command_line, environment, setting, expected) -> None:
    if environment is not None:
        monkeypatch.setenv("INTERVIEW_KIT_DB", environment)
    assert choose_database(command_line, setting) == expected


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql://me:secret@db.example.com/panel", "is a mysql URL"),
        ("postgresql+psycopg://me:secret@db.example.com:port/panel", "is not a database URL"),
        ("postgresql://me:secret@db.example.com/panel", "write it as postgresql+psycopg://"),
    ],
)
def test_a_bad_url_is_refused_and_the_app_stays(make_app, demo_db, qtbot, url, message) -> None:
    app = make_app(demo_db)
    first = app.controller.context.db
    dialog = open_dialog(app)
    click(qtbot, dialog.ui.postgresChoice)
    dialog.ui.postgresUrl.setText(url)
    assert not dialog.ui.sqlitePath.isEnabled()

    answer = try_connection(qtbot, dialog)
    assert message in answer
    assert "secret" not in answer
    refused = switch_failing(qtbot, dialog)
    assert message in refused
    assert refused.endswith("Still using the database you had.")
    assert app.controller.context.db is first
    assert app.settings.database_url is None


def test_an_unreachable_server_is_said_and_the_app_stays(make_app, demo_db, qtbot) -> None:
    app = make_app(demo_db)
    first = app.controller.context.db
    dialog = open_dialog(app)
    port = closed_port()
    dialog.ui.postgresUrl.setText(f"postgresql+psycopg://me:secret@127.0.0.1:{port}/panel")
    dialog.ui.postgresChoice.setChecked(True)

    assert f"cannot reach a PostgreSQL server at 127.0.0.1:{port}" in try_connection(qtbot, dialog)
    refused = switch_failing(qtbot, dialog)
    assert f"cannot reach a PostgreSQL server at 127.0.0.1:{port}" in refused
    assert "secret" not in refused
    assert app.controller.context.db is first
    assert app.settings.database_url is None
    assert app.window.page("home").candidates.total > 1, "still on the demo panel"


def test_a_file_of_another_application_is_refused(make_app, demo_db, qtbot, tmp_path) -> None:
    app = make_app(demo_db)
    other = tmp_path / "notes.txt"
    other.write_text("not a database\n")
    dialog = open_dialog(app)
    dialog.ui.sqlitePath.setText(str(other))
    assert "not an Interview Kit database" in try_connection(qtbot, dialog)
    assert "not an Interview Kit database" in switch_failing(qtbot, dialog)
    assert other.read_text() == "not a database\n"


def test_browse_for_a_new_file_then_switch(make_app, demo_db, qtbot, tmp_path, monkeypatch) -> None:
    app = make_app(demo_db)
    target = tmp_path / "fresh" / "new panel.sqlite3"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    dialog = open_dialog(app)
    dialog.ui.postgresChoice.setChecked(True)
    click(qtbot, dialog.ui.browseButton)  # disabled while PostgreSQL is chosen
    assert dialog.ui.sqlitePath.text() == str(demo_db)
    dialog.ui.sqliteChoice.setChecked(True)
    click(qtbot, dialog.ui.browseButton)
    assert dialog.ui.sqlitePath.text() == str(target)
    assert "new database file" in try_connection(qtbot, dialog)
    assert not target.exists()

    click(qtbot, dialog.switch_button)
    qtbot.waitUntil(lambda: app.controller.database_switch.dialog is None, timeout=WAIT_MS)
    assert target.exists()
    assert app.controller.context.db.location == str(target)
    assert app.window.page("home").is_welcome(), "an empty database: the welcome page"


def test_a_stage_walk_is_saved_and_closed_before_switching(
    make_app, demo_db, second_file, qtbot
) -> None:
    app = make_app(demo_db)
    controller = app.controller
    person = interviewers.list_interviewers(controller.context.db)[0]
    controller.set_interviewer(person)
    uuid = candidates.list_candidates(controller.context.db).rows[0].uuid
    controller.walks.open(uuid)
    assert controller.walks.walk is not None
    dialog = open_dialog(app)
    dialog.ui.sqlitePath.setText(str(second_file))
    click(qtbot, dialog.switch_button)
    qtbot.waitUntil(lambda: app.controller.database_switch.dialog is None, timeout=WAIT_MS)
    assert controller.walks.walk is None
    assert controller.context.interviewer is None, f"{person.name} is not in the other database"


@pytest.mark.postgres
def test_switch_to_a_postgresql_database(make_app, demo_db, qtbot, tmp_path, pg_url) -> None:  # noqa: F811
    settings = tmp_path / "settings.ini"
    app = make_app(demo_db, settings=settings)
    dialog = open_dialog(app)
    dialog.ui.postgresChoice.setChecked(True)
    dialog.ui.postgresUrl.setText(pg_url)
    assert try_connection(qtbot, dialog).startswith("Connected: the database is empty.")

    click(qtbot, dialog.switch_button)
    qtbot.waitUntil(lambda: app.controller.database_switch.dialog is None, timeout=WAIT_MS)
    db = app.controller.context.db
    try:
        assert db.url.get_backend_name() == "postgresql"
        assert ":***@" in app.window.database_label.text()
        # Remembered without its password (that goes to the keyring: none here).
        saved = make_url(pg_url)
        assert AppSettings(settings).database_url == pg_url.replace(f":{saved.password}@", "@")
        assert f":{saved.password}@" not in settings.read_text("utf-8")
        again = open_dialog(app)
        assert again.ui.postgresChoice.isChecked()
        assert ":***@" in again.ui.current.text()
        again.reject()
    finally:
        db.close()


@pytest.mark.postgres
def test_a_refused_password_is_said(make_app, demo_db, qtbot, pg_url) -> None:  # noqa: F811
    from sqlalchemy import create_engine
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    wrong = make_url(pg_url).set(password="not-the-password").render_as_string(hide_password=False)
    engine = create_engine(wrong, poolclass=NullPool)
    try:
        with engine.connect():
            pytest.skip("this server trusts every local connection: it refuses no password")
    except DBAPIError:
        pass
    finally:
        engine.dispose()
    app = make_app(demo_db)
    dialog = open_dialog(app)
    dialog.ui.postgresChoice.setChecked(True)
    dialog.ui.postgresUrl.setText(wrong)
    text = try_connection(qtbot, dialog)
    assert "refused the user name or password" in text
    assert "not-the-password" not in text
