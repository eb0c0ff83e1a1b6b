"""Interview times, invitations and overdue-feedback reminders on the Interviewers page,
driven as a recruiter would."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import unquote, urlsplit

import pytest
from icalendar import Calendar
from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QPushButton, QTableView
from recruiter_support import open_db, open_dialog, start_shell
from support.user import User

from interview_kit.gui.recruiter.interview_times import InterviewTimeDialog
from interview_kit.services import assignments, calendar, candidates, interviewers


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path)
    yield database
    database.close()


def _people(qtbot, tmp_path, db):
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("people")
    return shell, shell.page("people")


def _named(page, kind, name: str):
    """The widget a person finds by its label (its accessible name)."""
    (found,) = [w for w in page.findChildren(kind) if w.accessibleName() == name]
    return found


def _pick(user: User, page, text: str) -> None:
    user.focus(page.ui.findCandidate)
    user.type(text)
    user.click_row(page.ui.candidateResults, 0)


def test_set_a_time_send_the_invitation_then_cancel_it(
    qtbot, tmp_path, db, user, monkeypatch
) -> None:
    finn = candidates.add_candidate(db, name="Finn Panel", email="finn@example.org")
    gail = interviewers.add_interviewer(db, name="Gail Staff", email="gail@example.org")
    assignments.assign(db, finn.uuid, "technical_deep_dive", gail.uuid)
    shell, page = _people(qtbot, tmp_path, db)
    set_time = _named(page, QPushButton, "Set time")
    invite = _named(page, QPushButton, "Send invitation")

    _pick(user, page, "finn")
    assert not set_time.isEnabled()  # nothing selected yet
    user.click_row(page.ui.assignments, 0)
    assert set_time.isEnabled()
    assert not invite.isEnabled()  # no time yet: nothing to invite to

    user.click(set_time)
    dialog = open_dialog(page, InterviewTimeDialog)
    assert dialog is not None
    dialog.activateWindow()  # a dialog that opens takes the keyboard, as on a desktop
    qtbot.waitUntil(dialog.isActiveWindow)
    user.click(dialog.scheduled)
    start = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)
    dialog.when.setDateTime(
        QDateTime.fromSecsSinceEpoch(int(start.timestamp()), QTimeZone.systemTimeZone())
    )
    user.focus(dialog.place)
    user.type("Room 4")
    user.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert shell.controller.context.writes.wait_idle(10)
    (stored,) = assignments.assignments_for_candidate(db, finn.uuid)
    assert (stored.starts_at, stored.place, stored.calendar_sequence) == (start, "Room 4", 1)
    assert "Gail Staff's interview" in page.message
    qtbot.waitUntil(lambda: page.assignment_model.rows()[0].starts_at == start)
    assert "Room 4" in page.assignment_model.data(page.assignment_model.index(0, 4))

    user.click_row(page.ui.assignments, 0)
    assert invite.isEnabled()
    target = tmp_path / "gail.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    user.click(invite)
    assert shell.controller.context.writes.wait_idle(10)
    (event,) = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert str(event["UID"]) == calendar.event_uid(finn.uuid, "technical_deep_dive", gail.uuid)
    assert int(event["SEQUENCE"]) == 1
    assert "attach it to an e-mail to gail@example.org" in page.message

    # Taking Gail off offers her calendar's cancellation at once.
    cancel = tmp_path / "cancel.ics"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(cancel), ""))
    user.click_row(page.ui.assignments, 0)
    user.click(page.ui.unassignButton)
    assert shell.controller.context.writes.wait_idle(10)
    (cancelled,) = Calendar.from_ical(cancel.read_bytes()).walk("VEVENT")
    assert Calendar.from_ical(cancel.read_bytes())["METHOD"] == "CANCEL"
    assert str(cancelled["UID"]) == str(event["UID"])
    assert int(cancelled["SEQUENCE"]) == 2


def test_overdue_feedback_is_listed_with_a_mail_draft(
    qtbot, tmp_path, db, user, monkeypatch
) -> None:
    finn = candidates.add_candidate(db, name="Finn Panel", email="finn@example.org")
    gail = interviewers.add_interviewer(db, name="Gail Staff", email="gail@example.org")
    assignments.assign(db, finn.uuid, "initial_screen", gail.uuid)
    assignments.schedule(
        db,
        finn.uuid,
        "initial_screen",
        gail.uuid,
        assignments.InterviewTime(datetime.now(UTC) - timedelta(days=2)),
    )
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened.append(url.toString()) or True
    )
    _shell, page = _people(qtbot, tmp_path, db)
    overdue = _named(page, QTableView, "Overdue feedback")
    model = overdue.model()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, 0)) == "Gail Staff"
    assert model.data(model.index(0, 1)) == "Finn Panel"
    remind = _named(page, QPushButton, "E-mail reminder")
    assert not remind.isEnabled()
    user.click_row(overdue, 0)
    user.click(remind)
    (url,) = opened
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "gail@example.org")
    assert "Finn%20Panel" in parts.query or "Finn Panel" in unquote(parts.query)
    assert "Opened an e-mail to Gail Staff" in page.message
