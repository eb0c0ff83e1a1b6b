"""The pipeline and the panel pages, driven as a recruiter would: every click, key and
choice through the user helper, which refuses what a person could not do."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox
from recruiter_support import grab_png, open_db, open_dialog, settle, start_shell

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.gui.recruiter.models import (
    AssignmentItem,
    CandidateAssignmentModel,
    CandidatePick,
    CandidatePickModel,
    InterviewerItem,
    InterviewerModel,
    PendingModel,
    PipelineItem,
    PipelineModel,
    StageColumn,
)
from interview_kit.services import assignments, audit, candidates, interviewers, scorecard_reads
from interview_kit.services.candidates import CandidateQuery
from interview_kit.services.errors import NotFoundError

SAVE = QDialogButtonBox.StandardButton.Save
OK = QDialogButtonBox.StandardButton.Ok


def gone(dialog) -> bool:
    """The dialog is no longer on screen (closed, perhaps deleted already)."""
    return not shiboken6.isValid(dialog) or not dialog.isVisible()


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path)
    yield database
    database.close()


@pytest.fixture
def demo_database(tmp_path):
    database = open_db(tmp_path, with_demo=True)
    yield database
    database.close()


def pipeline_of(qtbot, tmp_path, db):
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("pipeline")
    return shell, shell.page("pipeline")


def names(page) -> list[str]:
    return [row.name for row in page.model.rows()]


def select(user, page, name: str) -> PipelineItem:
    """Click the candidate's row, as a recruiter picks someone in the list."""
    for number, row in enumerate(page.model.rows()):
        if row.name == name:
            user.click_row(page.ui.table, number)
            assert page.selected_uuid() == row.uuid
            return row
    raise AssertionError(f"{name} is not listed: {names(page)}")


def fill(user, widget, text: str, *, replace: bool = False) -> None:
    """Click into a field and type, as a person does (Ctrl+A first to replace)."""
    window = widget.window()
    if not window.isActiveWindow():  # back from a dialog: the window manager reactivates it
        window.activateWindow()
        user.qtbot.waitUntil(window.isActiveWindow)
    user.focus(widget)
    if replace:
        user.shortcut("Ctrl+A")
    user.type(text)


def dialog_of(qtbot, page):
    dialog = open_dialog(page)
    assert dialog is not None, "no dialog opened"
    qtbot.waitExposed(dialog)
    dialog.activateWindow()  # as the window manager does with a new modal dialog
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def click_header(user, qtbot, view: QAbstractItemView, column: int) -> None:
    header = view.horizontalHeader()
    if view.model().rowCount():  # scrolled sideways to the column first, as a person does
        view.scrollTo(view.model().index(view.rowAt(0) if view.rowAt(0) >= 0 else 0, column))
    x = header.sectionViewportPosition(column)
    from PySide6.QtCore import QRect

    rect = QRect(x + 2, 0, header.sectionSize(column) - 4, header.height())
    point = user.reachable_point(header.viewport(), rect)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=point)


def by_name(db, name: str):
    rows = candidates.list_candidates(db, CandidateQuery(text=name, limit=5)).rows
    return candidates.get_candidate(db, rows[0].uuid)


def test_add_a_candidate_with_a_mistake_on_the_way(qtbot, tmp_path, db, user) -> None:
    shell, page = pipeline_of(qtbot, tmp_path, db)
    assert names(page) == []
    user.click(page.ui.addButton)
    dialog = dialog_of(qtbot, page)
    assert dialog.isVisible()
    fill(user, dialog.ui.name, "Dana Builder")
    fill(user, dialog.ui.email, "dana at example")
    user.choose(dialog.ui.source, "Founder / indie hacker")
    user.choose(dialog.ui.origin, "PM path")
    fill(user, dialog.ui.notes, "Met at a meetup.")
    user.click(dialog.ui.buttons.button(SAVE))
    settle(shell)
    # The service refuses the e-mail; the dialog stays open with everything typed.
    assert dialog.isVisible()
    assert dialog.isEnabled()
    assert "does not look like an address" in dialog.ui.problem.text()
    assert candidates.list_candidates(db).total == 0
    fill(user, dialog.ui.email, "dana@example.org", replace=True)
    user.click(dialog.ui.buttons.button(SAVE))
    settle(shell)
    assert gone(dialog)
    assert names(page) == ["Dana Builder"]
    assert "Added Dana Builder" in page.message
    stored = by_name(db, "Dana")
    assert (stored.email, stored.source.value, stored.origin_path.value) == (
        "dana@example.org",
        "founder",
        "pm",
    )
    assert stored.notes == "Met at a meetup."
    assert stored.rubric_id == "builder"
    assert page.selected_uuid() == stored.uuid


def test_edit_a_candidate(qtbot, tmp_path, db, user) -> None:
    record = candidates.add_candidate(db, name="Eli Old", email="eli@example.org")
    shell, page = pipeline_of(qtbot, tmp_path, db)
    select(user, page, "Eli Old")
    user.click(page.ui.editButton)
    dialog = dialog_of(qtbot, page)
    assert dialog.ui.name.text() == "Eli Old"
    fill(user, dialog.ui.name, "Eli New", replace=True)
    user.click(dialog.ui.buttons.button(SAVE))
    settle(shell)
    assert candidates.get_candidate(db, record.uuid).name == "Eli New"
    assert names(page) == ["Eli New"]


def test_search_filter_and_sort(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    shell, page = pipeline_of(qtbot, tmp_path, db)
    everyone_open = names(page)
    assert "Łukasz Kowalczyk" not in everyone_open  # hired: not open
    assert "Astrid Ørsted" in everyone_open

    # Accent-free typing finds accented names (once typing pauses).
    fill(user, page.ui.search, "zoe")
    settle(shell)
    assert names(page) == ["Zoë Lefèvre"]
    fill(user, page.ui.search, "", replace=True)
    user.press(Qt.Key.Key_Backspace)
    settle(shell)

    # All statuses, then only the rejected.
    status = page.ui.statusFilter
    user.choose(status, "All candidates")
    assert len(names(page)) == candidates.list_candidates(db).total
    user.choose(status, "Rejected")
    assert sorted(names(page)) == sorted(
        r.name
        for r in candidates.list_candidates(
            db, CandidateQuery(statuses=(PipelineStatus.REJECTED,), limit=100)
        ).rows
    )

    # By stage.
    user.choose(status, "All candidates")
    stage = page.ui.stageFilter
    user.choose(stage, "2. Technical deep dive")
    assert set(names(page)) == {"Jonas Müller", "Mateo Fernández"}
    user.choose(stage, "All stages")

    # Sorting by score, highest first, is done by the database.
    score_column = next(
        c for c in range(page.model.columnCount()) if page.model.column_title(c) == "Score"
    )
    for _ in range(2):
        click_header(user, qtbot, page.ui.table, score_column)
        if page.model.descending:
            break
    scores = [row.score for row in page.model.rows() if row.score is not None]
    assert scores == sorted(scores, reverse=True)
    assert page.model.sort_key == "score"
    assert page.model.descending

    # A stage column cannot be sorted: the list and the indicator stay as they were.
    before = names(page)
    click_header(user, qtbot, page.ui.table, page.model.stage_columns()[0])
    assert names(page) == before
    assert page.ui.table.horizontalHeader().sortIndicatorSection() == score_column


def test_each_stage_state_is_shown(qtbot, tmp_path, demo_database, user) -> None:
    shell, page = pipeline_of(qtbot, tmp_path, demo_database)
    jonas = select(user, page, "Jonas Müller")
    assert jonas.stage_cells["initial_screen"].startswith("✓")
    assert jonas.stage_cells["technical_deep_dive"] == "1/2 · 1 draft"
    assert jonas.stage_cells["product_assessment"] == "—"
    assert jonas.next_label == "Advance to Product / cross-functional assessment"
    assert page.ui.advanceButton.isEnabled()
    new = select(user, page, "Siobhán Ní Bhriain")
    assert new.where == "New"
    assert new.recommendation == ""
    image = grab_png(shell.window, tmp_path / "pipeline.png")
    assert image.width() == 1280


def test_advance_then_reject_with_a_reason(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(user, page, "Siobhán Ní Bhriain")
    user.click(page.ui.advanceButton)
    dialog = dialog_of(qtbot, page)
    assert "Advance to Initial screen" in dialog.ui.question.text()
    fill(user, dialog.ui.reason, "Strong portfolio")
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    record = candidates.get_candidate(db, row.uuid)
    assert (record.status, record.stage_id) == (PipelineStatus.SCREENING, "initial_screen")
    assert select(user, page, "Siobhán Ní Bhriain").where == "1. Initial screen"
    entry = audit.audit_entries(db, subject_uuid=row.uuid, action="candidate.status")[0]
    assert entry.detail == "new -> screening: Strong portfolio"

    # Rejecting needs a reason; without one nothing changes.
    user.click(page.ui.rejectButton)
    dialog = dialog_of(qtbot, page)
    user.click(dialog.ui.buttons.button(OK))
    assert dialog.isVisible()
    assert "Write the reason" in dialog.ui.problem.text()
    assert candidates.get_candidate(db, row.uuid).status is PipelineStatus.SCREENING
    fill(user, dialog.ui.reason, "Wants a people-manager role")
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    assert candidates.get_candidate(db, row.uuid).status is PipelineStatus.REJECTED
    assert "Siobhán Ní Bhriain" not in names(page)  # the open filter hides her now
    entry = audit.audit_entries(db, subject_uuid=row.uuid, action="candidate.status")[0]
    assert entry.detail.endswith(": Wants a people-manager role")


def test_withdraw_needs_no_reason_and_closes_the_candidate(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(user, page, "Siobhán Ní Bhriain")
    user.click(page.ui.withdrawButton)
    dialog = dialog_of(qtbot, page)
    assert "Mark Siobhán Ní Bhriain as withdrawn" in dialog.ui.question.text()
    user.click(dialog.ui.buttons.button(OK))
    settle(shell)
    assert candidates.get_candidate(db, row.uuid).status is PipelineStatus.WITHDRAWN
    assert "Siobhán Ní Bhriain" not in names(page)  # the open filter hides her now
    entry = audit.audit_entries(db, subject_uuid=row.uuid, action="candidate.status")[0]
    assert entry.detail.startswith("new -> withdrawn")


def test_erase_after_typed_confirmation(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(user, page, "Priya Raman")
    personal = candidates.get_candidate(db, row.uuid)
    assert scorecard_reads.scorecards_for_candidate(db, row.uuid)
    user.click(page.ui.eraseButton)
    dialog = dialog_of(qtbot, page)
    assert "6 scorecards" in dialog.ui.what.text()
    assert not dialog.ui.eraseButton.isEnabled()
    fill(user, dialog.ui.confirmation, "Priya")
    assert not dialog.ui.eraseButton.isEnabled()
    user.type(" raman")  # case does not matter; the whole name does
    assert dialog.ui.eraseButton.isEnabled()
    user.click(dialog.ui.eraseButton)
    settle(shell)
    assert gone(dialog)
    with pytest.raises(NotFoundError):
        candidates.get_candidate(db, row.uuid)
    assert "Priya Raman" not in names(page)
    entries = audit.audit_entries(db, subject_uuid=row.uuid)
    assert entries[0].action == "candidate.erased"
    assert entries[0].actor == "Riley Recruiter"
    for entry in entries:
        for text in (personal.name, personal.email, "Priya"):
            assert text not in entry.detail


def test_cancelled_erase_changes_nothing(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(user, page, "Noor Haddad")
    user.click(page.ui.eraseButton)
    dialog = dialog_of(qtbot, page)
    fill(user, dialog.ui.confirmation, "Noor Hadad")
    assert not dialog.ui.eraseButton.isEnabled()
    user.click(dialog.ui.cancelButton)
    assert candidates.get_candidate(db, row.uuid).name == "Noor Haddad"


def test_assign_interviewers_and_see_who_has_not_submitted(qtbot, tmp_path, db, user) -> None:
    record = candidates.add_candidate(db, name="Finn Panel", email="finn@example.org")
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("people")
    page = shell.page("people")

    # A new interviewer, added through the dialog.
    user.click(page.ui.addInterviewerButton)
    dialog = dialog_of(qtbot, page)
    fill(user, dialog.ui.name, "Gail Staff")
    fill(user, dialog.ui.email, "gail@example.org")
    fill(user, dialog.ui.roleTitle, "Staff Engineer")
    user.click(dialog.ui.buttons.button(SAVE))
    settle(shell)
    gail = next(p for p in interviewers.list_interviewers(db) if p.name == "Gail Staff")
    assert [i.name for i in page.interviewer_model.rows()] == ["Gail Staff"]

    # Find the candidate and put Gail on the technical stage.
    fill(user, page.ui.findCandidate, "finn")
    assert [p.name for p in page.pick_model.rows()] == ["Finn Panel"]
    user.click_row(page.ui.candidateResults, 0)
    assert page.candidate_uuid == record.uuid
    user.choose(page.ui.assignStage, "2. Technical deep dive")
    user.choose(page.ui.assignInterviewer, "Gail Staff")
    assert page.ui.assignInterviewer.currentData() == gail.uuid
    user.click(page.ui.assignButton)
    settle(shell)
    assert "Assigned Gail Staff" in page.message
    rows = page.assignment_model.rows()
    assert [(r.stage_id, r.interviewer_name, r.status) for r in rows] == [
        ("technical_deep_dive", "Gail Staff", "not started")
    ]
    stored = assignments.assignments_for_candidate(db, record.uuid)
    assert [(a.stage_id, a.interviewer_uuid) for a in stored] == [
        ("technical_deep_dive", gail.uuid)
    ]
    pending = page.pending_model.rows()
    assert [(p.candidate_name, p.interviewer_name, p.status) for p in pending] == [
        ("Finn Panel", "Gail Staff", "not started")
    ]
    gail_row = page.interviewer_model.rows()[0]
    assert (gail_row.open_assignments, gail_row.not_submitted) == (1, 1)

    # Assigning twice says so; unassigning takes her off.
    user.click(page.ui.assignButton)
    settle(shell)
    assert "already on that stage" in page.message
    user.click_row(page.ui.assignments, 0)
    user.click(page.ui.unassignButton)
    settle(shell)
    assert assignments.assignments_for_candidate(db, record.uuid) == []
    assert page.pending_model.rows() == []


def test_the_pipeline_shortcut_opens_the_candidates_panel(
    qtbot, tmp_path, demo_database, user
) -> None:
    shell, page = pipeline_of(qtbot, tmp_path, demo_database)
    row = select(user, page, "Jonas Müller")
    user.click(page.ui.assignButton)
    assert shell.window.current_page_key() == "people"
    user.assert_showing(shell.window, "people")
    people = shell.page("people")
    assert people.candidate_uuid == row.uuid
    assert {r.status for r in people.assignment_model.rows()} == {"submitted", "draft"}
    assert people.ui.assignStage.currentData() == "technical_deep_dive"
    image = grab_png(shell.window, tmp_path / "people.png")
    assert image.height() == 800


def test_models_pass_the_model_tester(qtmodeltester) -> None:
    pipeline_model = PipelineModel()
    pipeline_model.set_stages([StageColumn("a", "1. A"), StageColumn("b", "2. B")])
    pipeline_model.set_page(
        [
            PipelineItem("u1", "Ann", "a@x", "Other", "PM path", "new", "New"),
            PipelineItem(
                "u2",
                "Bo",
                "b@x",
                "Other",
                "PM path",
                "screening",
                "1. A",
                stage_cells={"a": "1 assigned"},
                score=3.2,
            ),
        ],
        5,
    )
    qtmodeltester.check(pipeline_model)
    people = InterviewerModel()
    people.set_rows([InterviewerItem("i1", "Ida", "i@x", "Engineer", 2, 1)])
    qtmodeltester.check(people)
    item = AssignmentItem("u1", "Ann", "a", "A", 1, "i1", "Ida", "draft")
    for model in (CandidateAssignmentModel(), PendingModel()):
        model.set_rows([item])
        qtmodeltester.check(model)
    picks = CandidatePickModel()
    picks.set_rows([CandidatePick("u1", "Ann", "a@x", "New")])
    qtmodeltester.check(picks)


def test_a_new_role_and_its_panel_without_touching_a_file(qtbot, tmp_path, db, user) -> None:
    """Set up a role from the Builder rubric, add a candidate for it, assign a panel."""
    shell = start_shell(qtbot, tmp_path, db)
    gail = interviewers.add_interviewer(db, name="Gail Staff", email="gail@example.org")
    shell.controller.context.dataChanged.emit()

    # The role: a copy of the Builder rubric with its own id, title and first stage.
    shell.window.show_page("rubric")
    editor = shell.page("rubric")
    editor.start_copy()
    general = editor.forms["general"]
    fill(user, general.editor("role_title"), "Growth Builder", replace=True)
    id_field = general.editor("id")
    fill(user, id_field, "growth", replace=True)
    id_field.editingFinished.emit()
    editor.select_node(("stage", 0))
    stage_form = editor.forms["stage"]
    fill(user, stage_form.editor("title"), "Growth screen", replace=True)
    stage_id = stage_form.editor("id")
    fill(user, stage_id, "growth_screen", replace=True)
    stage_id.editingFinished.emit()
    editor.revalidate()
    assert editor.issues == []
    user.click(editor.ui.saveButton)
    user.click(editor.ui.confirmSaveButton)
    settle(shell)
    qtbot.waitUntil(lambda: "Saved as growth version 1" in editor.banner_text)
    assert "Saved as growth version 1" in editor.banner_text

    # A candidate for the new role.
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    user.click(page.ui.addButton)
    dialog = dialog_of(qtbot, page)
    fill(user, dialog.ui.name, "Hana Growth")
    user.choose(dialog.ui.role, "Growth Builder (growth v1)")
    user.click(dialog.ui.buttons.button(SAVE))
    settle(shell)
    hana = by_name(db, "Hana")
    assert (hana.rubric_id, hana.role_title) == ("growth", "Growth Builder")

    # Her panel: the stages offered are the new role's.
    user.click(page.ui.assignButton)
    settle(shell)
    people = shell.page("people")
    assert people.candidate_uuid == hana.uuid
    offered = [people.ui.assignStage.itemData(i) for i in range(people.ui.assignStage.count())]
    assert offered[0] == "growth_screen"
    user.choose(people.ui.assignStage, "1. Growth screen")
    user.choose(people.ui.assignInterviewer, "Gail Staff")
    assert people.ui.assignInterviewer.currentData() == gail.uuid
    user.click(people.ui.assignButton)
    settle(shell)
    stored = assignments.assignments_for_candidate(db, hana.uuid)
    assert [(a.stage_id, a.interviewer_name) for a in stored] == [("growth_screen", "Gail Staff")]


def test_keyboard_search_select_and_open(qtbot, tmp_path, demo_database, user) -> None:
    shell, page = pipeline_of(qtbot, tmp_path, demo_database)
    user.click_row(page.ui.table, 0)
    assert page.ui.table.hasFocus()
    user.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.ui.search.hasFocus()
    user.type("noor")
    settle(shell)
    assert names(page) == ["Noor Haddad"]
    user.press(Qt.Key.Key_Down)
    assert page.ui.table.hasFocus()
    assert page.selected_item().name == "Noor Haddad"
    assert page.ui.advanceButton.text() == "Advance to offer…"
    user.press(Qt.Key.Key_Return)
    dialog = dialog_of(qtbot, page)
    assert dialog.ui.name.text() == "Noor Haddad"
    qtbot.waitUntil(dialog.isActiveWindow)
    user.press(Qt.Key.Key_Escape)
    assert gone(dialog)


def test_scrolling_fetches_the_next_page(qtbot, tmp_path, user) -> None:
    db = open_db(tmp_path, with_demo=True, candidates=75)
    try:
        shell, page = pipeline_of(qtbot, tmp_path, db)
        user.choose(page.ui.statusFilter, "All candidates")
        assert page.model.total == 75
        assert page.model.rowCount() < 75
        assert page.model.canFetchMore()
        user.click_row(page.ui.table, 0)
        for _ in range(5):  # Ctrl+End as far as it goes, as often as the list grows
            user.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            settle(shell)
        qtbot.waitUntil(lambda: page.model.rowCount() == 75)
        assert len({row.uuid for row in page.model.rows()}) == 75
        assert not page.model.canFetchMore()
    finally:
        db.close()


@pytest.mark.parametrize(
    "title", ["Name", "E-mail", "Source", "Where", "Score", "Recommendation", "Updated"]
)
def test_every_sort_order_scrolls_to_the_end_in_the_databases_order(
    qtbot, tmp_path, demo_database, user, monkeypatch, title
) -> None:
    from interview_kit.gui.recruiter import models as recruiter_models
    from interview_kit.gui.recruiter import wiring as recruiter_wiring

    monkeypatch.setattr(recruiter_wiring, "PAGE_SIZE", 4)
    db = demo_database
    shell, page = pipeline_of(qtbot, tmp_path, db)
    user.choose(page.ui.statusFilter, "All candidates")
    column = next(c for c in range(page.model.columnCount()) if page.model.column_title(c) == title)
    key = recruiter_models.SORTABLE[title]
    for descending in (False, True):
        for _ in range(3):
            if (page.model.sort_key, page.model.descending) == (key, descending):
                break
            click_header(user, qtbot, page.ui.table, column)
        assert (page.model.sort_key, page.model.descending) == (key, descending)
        assert page.model.total == 13
        user.click_row(page.ui.table, 0)
        for _ in range(6):
            user.press(Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
            settle(shell)
        expected = candidates.list_candidates(
            db, CandidateQuery(sort=key, descending=descending, limit=500)
        )
        assert [row.uuid for row in page.model.rows()] == [r.uuid for r in expected.rows]
        assert not page.model.canFetchMore()


def test_the_interviewers_section_reads_without_holding_the_window(
    qtbot, tmp_path, demo_database, user
) -> None:
    """Choosing Interviewers shows the section at once and fills its tables when the read
    lands (at 100k candidates it takes about a second): the read runs off the UI thread,
    so nothing of it can be on screen before the event loop turns again."""
    shell = start_shell(qtbot, tmp_path, demo_database)
    page = shell.page("people")
    user.menu(shell.window, "Go", "Interviewers")
    user.assert_showing(shell.window, "people")
    assert page.interviewer_model.rowCount() == 0
    assert page.ui.interviewersTitle.text() == "Interviewers — reading…"
    settle(shell)
    assert page.ui.interviewersTitle.text() == "Interviewers"
    names = {person.name for person in interviewers.list_interviewers(demo_database)}
    assert {row.name for row in page.interviewer_model.rows()} == names
    assert page.pending_model.rowCount() == len(assignments.pending_assignments(demo_database))
    # Meanwhile the window answered: the search box takes keys as soon as it shows.
    fill(user, page.ui.findCandidate, "jonas")
    qtbot.waitUntil(lambda: [p.name for p in page.pick_model.rows()] == ["Jonas Müller"])
