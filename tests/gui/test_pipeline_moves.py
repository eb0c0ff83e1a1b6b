"""Moves that close and reopen candidates, and what the other lists make of them, acted
through the user helper: reopen, the warning before rejecting with one's own draft, the
Closed group of drafts left behind, ready to advance, and writes that never hold the window."""

from __future__ import annotations

import sqlite3

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from recruiter_support import open_db, open_dialog, settle, start_shell

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.rubric import Rubric
from interview_kit.services import (
    assignments,
    audit,
    candidates,
    interviewers,
    pipeline,
    rubrics,
    scorecards,
)
from tests.services.svc_support import complete_changes

OK = QDialogButtonBox.StandardButton.Ok


def gone(dialog) -> bool:
    """The dialog is no longer on screen (closed, perhaps deleted already)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path)
    yield database
    database.close()


def rubric_of(db) -> Rubric:
    return rubrics.active_rubric(db).rubric


def dialog_of(qtbot, page):
    dialog = open_dialog(page)
    assert dialog is not None, "no dialog opened"
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def type_into(user, widget, text: str) -> None:
    window = widget.window()
    if not window.isActiveWindow():
        window.activateWindow()
        user.qtbot.waitUntil(window.isActiveWindow)
    user.focus(widget)
    user.type(text)


def row_of(page, name: str) -> int:
    for number, row in enumerate(page.model.rows()):
        if row.name == name:
            return number
    raise AssertionError(f"{name} is not listed")


def select(user, page, name: str):
    user.click_row(page.ui.table, row_of(page, name))
    item = page.selected_item()
    assert item is not None
    assert item.name == name
    return item


def submit(db, rubric: Rubric, uuid: str, stage: str, person) -> None:
    card = scorecards.start_scorecard(db, uuid, stage, person.uuid)
    scorecards.save_draft(db, card.uuid, complete_changes(rubric, stage))
    scorecards.submit_scorecard(db, card.uuid)


def test_reject_then_reopen_back_to_the_stage_it_left(qtbot, tmp_path, db, user) -> None:
    rubric = rubric_of(db)
    record = candidates.add_candidate(db, name="Ruth Reopen", email="ruth@example.org")
    pipeline.advance_candidate(db, record.uuid)
    pipeline.advance_candidate(db, record.uuid)  # the technical deep dive
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    select(user, page, "Ruth Reopen")
    assert not page.reopenButton.isEnabled(), "an open candidate has nothing to reopen"
    user.click(page.ui.rejectButton)
    dialog = dialog_of(qtbot, page)
    assert not dialog.warning.isVisible(), "nobody signed in: no draft to warn about"
    type_into(user, dialog.ui.reason, "Wrong Ruth")
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    assert candidates.get_candidate(db, record.uuid).status is PipelineStatus.REJECTED

    # Rejected candidates are under "Rejected" (or "All"); Reopen… needs a reason.
    user.choose(page.ui.statusFilter, "Rejected")
    item = select(user, page, "Ruth Reopen")
    assert item.where == f"Rejected (at 2. {rubric.stages[1].title})"
    assert not page.ui.rejectButton.isEnabled()
    user.click(page.reopenButton)
    dialog = dialog_of(qtbot, page)
    assert dialog.windowTitle() == "Reopen candidate"
    user.click(dialog.ui.buttons.button(OK))
    assert "Write the reason" in dialog.ui.problem.text()
    type_into(user, dialog.ui.reason, "Rejected the wrong Ruth")
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    assert gone(dialog)
    stored = candidates.get_candidate(db, record.uuid)
    assert (stored.status, stored.stage_id) == (PipelineStatus.DEEP_DIVE, rubric.stages[1].id)
    assert f"Ruth Reopen is now: 2. {rubric.stages[1].title}." in page.message
    entry = audit.audit_entries(db, subject_uuid=record.uuid, action="candidate.status")[0]
    assert entry.detail == "rejected -> deep_dive: Rejected the wrong Ruth"
    assert "Ruth Reopen" not in [row.name for row in page.model.rows()]  # not rejected now
    user.choose(page.ui.statusFilter, "Open candidates")
    assert select(user, page, "Ruth Reopen").where == f"2. {rubric.stages[1].title}"


def test_rejecting_warns_about_my_own_draft_and_closed_drafts_stay_in_sight(
    qtbot, tmp_path, db, user
) -> None:
    rubric = rubric_of(db)
    stage = rubric.stages[0].id
    ada = interviewers.add_interviewer(db, name="Ada Lovelace", email="ada@example.org")
    record = candidates.add_candidate(db, name="Dora Draft", email="dora@example.org")
    other = candidates.add_candidate(db, name="Olga Open", email="olga@example.org")
    for uuid in (record.uuid, other.uuid):
        pipeline.advance_candidate(db, uuid)
        assignments.assign(db, uuid, stage, ada.uuid)
    scorecards.start_scorecard(db, record.uuid, stage, ada.uuid)
    shell = start_shell(qtbot, tmp_path, db)
    shell.controller.set_interviewer(ada)
    home = shell.page("home")
    people = shell.page("people")
    assert {row.candidate_name for row in home.interviews.rows()} == {"Dora Draft", "Olga Open"}
    assert not home.closedInterviews.isVisible()

    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    select(user, page, "Dora Draft")
    user.click(page.ui.rejectButton)
    dialog = dialog_of(qtbot, page)
    assert dialog.warning.isVisible()
    assert dialog.warning.text().startswith(
        f"Your own scorecard for this candidate (1. {rubric.stages[0].title}) is still a draft."
    )
    type_into(user, dialog.ui.reason, "Not a fit")
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    assert candidates.get_candidate(db, record.uuid).status is PipelineStatus.REJECTED

    # My interviews: Dora left the to-do list; her draft waits under Closed.
    shell.window.show_page("home")
    user.assert_showing(shell.window, "home")
    assert [row.candidate_name for row in home.interviews.rows()] == ["Olga Open"]
    assert home.closedInterviews.isVisible()
    assert [row.candidate_name for row in home.closed_interviews.rows()] == ["Dora Draft"]
    assert home.closedTitle.text().startswith("Closed: 1 draft left behind.")

    # The Interviewers page agrees: not owed any more, a draft left behind.
    shell.window.show_page("people")
    settle(shell)
    assert [row.candidate_name for row in people.pending_model.rows()] == ["Olga Open"]
    assert people.closedDrafts.isVisible()
    assert [
        (r.candidate_name, r.interviewer_name, r.status) for r in people.closed_model.rows()
    ] == [("Dora Draft", "Ada Lovelace", "draft")]

    # The draft can still be opened from the Closed group.
    shell.window.show_page("home")
    user.double_click_row(home.closedInterviews, 0)
    walk = shell.controller.walks.walk
    assert walk is not None
    assert (walk.setup.candidate.uuid, walk.setup.stage_id) == (record.uuid, stage)


def test_a_fully_scored_stage_is_ready_to_advance(qtbot, tmp_path, db, user) -> None:
    rubric = rubric_of(db)
    stage = rubric.stages[0].id
    ada = interviewers.add_interviewer(db, name="Ada Lovelace", email="ada@example.org")
    bo = interviewers.add_interviewer(db, name="Bo Diddley", email="bo@example.org")
    record = candidates.add_candidate(db, name="Rita Ready", email="rita@example.org")
    pipeline.advance_candidate(db, record.uuid)
    for person in (ada, bo):
        assignments.assign(db, record.uuid, stage, person.uuid)
    submit(db, rubric, record.uuid, stage, ada)
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    item = select(user, page, "Rita Ready")
    assert not item.ready, "one of two scorecards is in"
    where = page.model.index(row_of(page, "Rita Ready"), 1)
    assert page.model.data(where) == f"1. {rubric.stages[0].title}"

    submit(db, rubric, record.uuid, stage, bo)
    shell.controller.context.dataChanged.emit()
    item = select(user, page, "Rita Ready")
    assert item.ready
    where = page.model.index(row_of(page, "Rita Ready"), 1)
    assert page.model.data(where) == f"1. {rubric.stages[0].title} · ready to advance"
    assert "ready to advance" in page.ui.selectionInfo.text()
    button = page.ui.advanceButton
    assert button.isEnabled()
    assert button.text() == f"Advance to {rubric.stages[1].title}…"
    assert "ready to advance" in button.toolTip()
    user.click(button)
    dialog = dialog_of(qtbot, page)
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    stored = candidates.get_candidate(db, record.uuid)
    assert (stored.status, stored.stage_id) == (PipelineStatus.DEEP_DIVE, rubric.stages[1].id)
    assert not select(user, page, "Rita Ready").ready, "nobody is assigned to the next stage"


def test_a_move_waits_for_a_locked_database_without_holding_the_window(
    qtbot, tmp_path, db, user
) -> None:
    record = candidates.add_candidate(db, name="Lena Locked", email="lena@example.org")
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    select(user, page, "Lena Locked")
    user.click(page.ui.withdrawButton)
    dialog = dialog_of(qtbot, page)
    other = sqlite3.connect(tmp_path / "panel.sqlite3", isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
        user.click(dialog.ui.buttons.button(OK))
        # The click came back at once: the write waits on its own thread, the dialog is
        # disabled meanwhile, and the window goes on answering.
        writes = shell.controller.context.writes
        assert writes.pending == ["Marking the candidate as withdrawn"]
        assert dialog.isVisible()
        assert not dialog.isEnabled()
        ticks: list[int] = []
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: ticks.append(1))
        qtbot.waitUntil(lambda: ticks == [1], timeout=2000)
        assert candidates.get_candidate(db, record.uuid).status is PipelineStatus.NEW
    finally:
        other.execute("ROLLBACK")
        other.close()
    settle(shell)
    assert gone(dialog)
    assert candidates.get_candidate(db, record.uuid).status is PipelineStatus.WITHDRAWN


def test_a_refused_move_is_said_in_words_and_keeps_the_dialog(qtbot, tmp_path, db, user) -> None:
    record = candidates.add_candidate(db, name="Sam Stale", email="sam@example.org")
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    select(user, page, "Sam Stale")
    user.click(page.ui.rejectButton)
    dialog = dialog_of(qtbot, page)
    # Someone else moves Sam meanwhile.
    pipeline.advance_candidate(db, record.uuid)
    type_into(user, dialog.ui.reason, "Too late")
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    assert dialog.isVisible()
    assert dialog.isEnabled()
    assert "changed by someone else" in dialog.ui.problem.text()
    assert dialog.ui.reason.toPlainText() == "Too late"
    assert candidates.get_candidate(db, record.uuid).status is PipelineStatus.SCREENING
    user.press(Qt.Key.Key_Escape)
    assert gone(dialog)
