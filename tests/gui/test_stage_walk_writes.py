"""The walk's writes never stop the window: a database another program holds locked, a
save still on its way while the interviewer types on, an app killed before its edits
were stored, quitting with writes in flight.

The lock is held the way another program holds it: a second connection to the same
SQLite file in ``BEGIN IMMEDIATE``.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta

import pytest
from postgres_support import pg_databases, pg_server, pg_url  # noqa: F401
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from interview_kit.gui.stage_walk import Step
from interview_kit.gui.stage_walk.journal import journal_path
from interview_kit.gui.stage_walk.state import saved_words
from interview_kit.gui.stage_walk.walk import WAITING_TEXT
from interview_kit.services import candidates, scorecard_reads
from tests.gui.conftest import sign_in
from tests.gui.walk_support import go, open_from_home, started, stored, wait_saved, write


@pytest.fixture
def app(make_app, demo_db, qtbot):
    return started(make_app, demo_db, qtbot)


class Lock:
    """Another program holding the database's write lock."""

    def __init__(self, path) -> None:
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.connection.execute("BEGIN IMMEDIATE")
        self.held = True

    def release(self) -> None:
        if self.held:
            self.connection.execute("COMMIT")
            self.held = False
        self.connection.close()


class Ticks:
    """A timer of the UI thread's event loop: it fires only while the loop runs."""

    def __init__(self, interval_ms: int = 10) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start()

    def between(self, start: float, end: float) -> int:
        return sum(1 for t in self.times if start <= t <= end)

    def stop(self) -> None:
        self.timer.stop()


def notes_of(walk):
    exercise = walk.setup.stage.exercises[0]
    return exercise.id, walk.exercises.cards[exercise.id].notes


def test_saved_times_show_their_date_when_not_today() -> None:
    now = datetime(2026, 12, 3, 15, 0, tzinfo=UTC)
    earlier = now - timedelta(minutes=5)
    assert saved_words(earlier, now) == f"Saved {earlier.astimezone():%H:%M}"
    last_week = now - timedelta(days=7)
    assert saved_words(last_week, now) == f"Saved {last_week.astimezone():%Y-%m-%d %H:%M}"


def test_the_status_says_saving_then_saved_with_the_time(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    assert walk.saved_text() == "Nothing entered yet"
    go(user, walk, Step.EXERCISES)
    _exercise, notes = notes_of(walk)
    write(user, notes, "Asked sharp questions")
    assert walk.saved_text() == "Saving…"
    wait_saved(qtbot, walk)
    assert walk.saved_text() == saved_words(stored(app, walk).updated_at)
    assert app.window.saved_label.text() == walk.saved_text()


def test_a_locked_database_does_not_freeze_the_walk(app, qtbot, user) -> None:
    """Another connection holds the write lock: the saves wait, the window does not; the
    edits are kept in memory and in the journal, a banner says so, and they are stored
    once the lock is gone."""
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    exercise, notes = notes_of(walk)
    db = app.controller.context.db
    journal = journal_path(db)
    lock = Lock(db.path)
    ticks = Ticks()
    try:
        started_at = time.monotonic()
        write(user, notes, "Typed while the database is locked")
        qtbot.waitUntil(lambda: walk.saved_text() == WAITING_TEXT, timeout=10_000)
        waited_at = time.monotonic()
        # The event loop kept running while the save waited for the lock.
        assert ticks.between(started_at, waited_at) >= 20
        assert walk.write_banner.isVisible()
        assert "kept on this computer" in walk.write_banner.text()
        qtbot.waitUntil(journal.is_file, timeout=5000)
        assert "Typed while the database is locked" in journal.read_text(encoding="utf-8")
        # Input is never blocked: the interviewer types on, and it shows at once.
        user.type(" and more")
        assert notes.toPlainText() == "Typed while the database is locked and more"
        qtbot.wait(600)
        assert walk.saved_text() == WAITING_TEXT
        assert "and more" in journal.read_text(encoding="utf-8")
    finally:
        lock.release()
    wait_saved(qtbot, walk, timeout=40_000)
    ticks.stop()
    assert not walk.write_banner.isVisible()
    qtbot.waitUntil(lambda: not journal.exists(), timeout=5000)
    assert (
        stored(app, walk).scorecard.exercise_notes[exercise]
        == "Typed while the database is locked and more"
    )


def test_edits_made_while_a_save_is_in_flight_go_out_together(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    exercise, notes = notes_of(walk)
    writes = app.controller.context.writes
    landed: list[object] = []
    writes.changed.connect(landed.append)
    lock = Lock(app.controller.context.db.path)
    try:
        write(user, notes, "one")
        qtbot.waitUntil(lambda: len(writes.pending) == 1, timeout=5000)
        for word in (" two", " three", " four"):
            qtbot.wait(500)  # each pause is longer than the autosave delay
            user.type(word)
        qtbot.wait(500)
        # One save waits for the lock; the later edits wait in memory, not in the queue.
        assert len(writes.pending) == 1
    finally:
        lock.release()
    wait_saved(qtbot, walk, timeout=40_000)
    assert len(landed) == 2  # the first save, then everything typed meanwhile
    assert stored(app, walk).scorecard.exercise_notes[exercise] == "one two three four"


def test_edits_waiting_for_the_database_survive_leaving_and_reopening_the_walk(
    app, qtbot, user
) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    exercise, notes = notes_of(walk)
    lock = Lock(app.controller.context.db.path)
    try:
        write(user, notes, "Typed, then left")
        qtbot.waitUntil(lambda: walk.saved_text() == WAITING_TEXT, timeout=10_000)
        user.press(Qt.Key.Key_Escape)
        user.assert_showing(app.window, "home")
        again = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
        go(user, again, Step.EXERCISES)
        assert notes_of(again)[1].toPlainText() == "Typed, then left"
        assert again.saved_text() == WAITING_TEXT
        assert again.write_banner.isVisible()
    finally:
        lock.release()
    wait_saved(qtbot, again, timeout=40_000)
    assert stored(app, again).scorecard.exercise_notes[exercise] == "Typed, then left"


def test_edits_left_by_a_killed_app_are_stored_at_the_next_start(
    make_app, demo_db, tmp_path, qtbot, user
) -> None:
    """The app is killed while the database is locked: what was typed is only in the
    journal beside the database. The next start stores it and the walk shows it."""
    first = started(make_app, demo_db, qtbot)
    me = sign_in(first, "Ada Lovelace")
    # The database as the killed app left it: the edits never reached it.
    after_kill = tmp_path / "after-kill" / demo_db.name
    after_kill.parent.mkdir()
    source, copy = sqlite3.connect(demo_db), sqlite3.connect(after_kill)
    source.backup(copy)
    source.close()
    copy.close()
    walk = open_from_home(first, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    exercise, notes = notes_of(walk)
    lock = Lock(demo_db)
    try:
        write(user, notes, "Only in the journal 👩🏽‍💻 שלום")
        journal = journal_path(first.controller.context.db)
        qtbot.waitUntil(journal.is_file, timeout=10_000)
        qtbot.waitUntil(lambda: "שלום" in journal.read_text(encoding="utf-8"), timeout=5000)
        # Killed here: only the journal survives, beside the database it belongs to.
        shutil.copyfile(journal, after_kill.with_name(journal.name))
    finally:
        lock.release()
    wait_saved(qtbot, walk, timeout=40_000)

    second = make_app(after_kill)
    assert second.controller.context.interviewer.uuid == me.uuid
    db = second.controller.context.db
    left = journal_path(db)
    qtbot.waitUntil(lambda: not left.exists(), timeout=10_000)
    uuid = candidates.resolve_candidate(db, "Siobhán").uuid
    detail = scorecard_reads.find_scorecard(db, uuid, "initial_screen", me.uuid)
    assert detail is not None
    assert detail.scorecard.exercise_notes[exercise] == "Only in the journal 👩🏽‍💻 שלום"
    if second.controller.identity_dialog is not None:
        second.controller.identity_dialog.reject()
    again = open_from_home(second, user, qtbot, "Siobhán", "initial_screen")
    go(user, again, Step.EXERCISES)
    assert notes_of(again)[1].toPlainText() == "Only in the journal 👩🏽‍💻 שלום"
    assert again.saved_text().startswith("Saved ")


def test_quitting_waits_for_pending_writes_with_a_note(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    exercise, notes = notes_of(walk)
    db = app.controller.context.db
    lock = Lock(db.path)
    notes_seen: list[str] = []

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QProgressDialog) and widget.isVisible():
                notes_seen.append(widget.labelText())

    watcher = QTimer()
    watcher.timeout.connect(look)
    watcher.start(20)
    try:
        write(user, notes, "Typed just before quitting")
        QTimer.singleShot(1000, lock.release)  # the other program finishes meanwhile
        user.shortcut("Ctrl+Q")
    finally:
        watcher.stop()
        lock.release()
    assert not app.window.isVisible()
    assert notes_seen, "quitting showed no progress note while it waited"
    assert any("Saving the draft" in text for text in notes_seen)
    assert app.controller.context.writes.pending == []
    uuid = candidates.resolve_candidate(db, "Siobhán").uuid
    detail = scorecard_reads.find_scorecard(
        db, uuid, "initial_screen", app.controller.context.interviewer.uuid
    )
    assert detail.scorecard.exercise_notes[exercise] == "Typed just before quitting"
    qtbot.waitUntil(lambda: not journal_path(db).exists(), timeout=5000)


@pytest.mark.postgres
def test_a_locked_postgresql_table_does_not_freeze_the_walk(
    make_app,
    pg_url,  # noqa: F811 - the fixture imported above
    qtbot,
    user,
) -> None:
    """The same on a shared PostgreSQL database: another connection locks the scorecards
    table against writes; the walk keeps its edits (journal in the data folder) and the
    event loop keeps running until the lock goes."""
    import psycopg
    from sqlalchemy import make_url

    from interview_kit.services import demo
    from interview_kit.services.database import open_database

    db = open_database(pg_url)
    try:
        demo.load_demo(db)
    finally:
        db.close()
    app = started(make_app, pg_url, qtbot)
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    exercise, notes = notes_of(walk)
    journal = journal_path(app.controller.context.db)
    libpq = make_url(pg_url).set(drivername="postgresql").render_as_string(hide_password=False)
    holder = psycopg.connect(libpq)
    holder.execute("LOCK TABLE scorecards IN EXCLUSIVE MODE")
    ticks = Ticks()
    try:
        started_at = time.monotonic()
        write(user, notes, "Typed while the table is locked")
        qtbot.waitUntil(lambda: walk.saved_text() == WAITING_TEXT, timeout=10_000)
        assert ticks.between(started_at, time.monotonic()) >= 20
        assert walk.write_banner.isVisible()
        qtbot.waitUntil(journal.is_file, timeout=5000)
        assert journal.parent.name == "unsaved-edits"
        user.type(" — still typing")
        assert notes.toPlainText().endswith("still typing")
    finally:
        holder.commit()
        holder.close()
    wait_saved(qtbot, walk, timeout=40_000)
    ticks.stop()
    qtbot.waitUntil(lambda: not journal.exists(), timeout=5000)
    assert (
        stored(app, walk).scorecard.exercise_notes[exercise]
        == "Typed while the table is locked — still typing"
    )
