"""The pipeline and the panel pages, driven as a recruiter would."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox
from recruiter_support import click, grab_png, open_db, open_dialog, start_shell

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


def select(page, name: str) -> PipelineItem:
    for number, row in enumerate(page.model.rows()):
        if row.name == name:
            page.select_row(number)
            return row
    raise AssertionError(f"{name} is not listed: {names(page)}")


def by_name(db, name: str):
    rows = candidates.list_candidates(db, CandidateQuery(text=name, limit=5)).rows
    return candidates.get_candidate(db, rows[0].uuid)


def test_add_a_candidate_with_a_mistake_on_the_way(qtbot, tmp_path, db) -> None:
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    assert names(page) == []
    click(qtbot, page.ui.addButton)
    dialog = open_dialog(page)
    assert dialog is not None
    assert dialog.isVisible()
    qtbot.keyClicks(dialog.ui.name, "Dana Builder")
    qtbot.keyClicks(dialog.ui.email, "dana at example")
    dialog.ui.source.setCurrentIndex(dialog.ui.source.findData("founder"))
    dialog.ui.origin.setCurrentIndex(dialog.ui.origin.findData("pm"))
    qtbot.keyClicks(dialog.ui.notes, "Met at a meetup.")
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save))
    # The service refuses the e-mail; the dialog stays open with everything typed.
    assert dialog.isVisible()
    assert "does not look like an address" in dialog.ui.problem.text()
    assert candidates.list_candidates(db).total == 0
    dialog.ui.email.clear()
    qtbot.keyClicks(dialog.ui.email, "dana@example.org")
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert not dialog.isVisible()
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


def test_edit_a_candidate(qtbot, tmp_path, db) -> None:
    record = candidates.add_candidate(db, name="Eli Old", email="eli@example.org")
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    select(page, "Eli Old")
    click(qtbot, page.ui.editButton)
    dialog = open_dialog(page)
    assert dialog.ui.name.text() == "Eli Old"
    dialog.ui.name.selectAll()
    qtbot.keyClicks(dialog.ui.name, "Eli New")
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save))
    assert candidates.get_candidate(db, record.uuid).name == "Eli New"
    assert names(page) == ["Eli New"]


def test_search_filter_and_sort(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    everyone_open = names(page)
    assert "Łukasz Kowalczyk" not in everyone_open  # hired: not open
    assert "Astrid Ørsted" in everyone_open

    # Accent-free typing finds accented names.
    user.type("zoe", page.ui.search)
    assert names(page) == ["Zoë Lefèvre"]
    page.ui.search.clear()

    # All statuses, then only the rejected.
    status = page.ui.statusFilter
    status.setCurrentIndex(status.findData("all"))
    assert len(names(page)) == candidates.list_candidates(db).total
    status.setCurrentIndex(status.findData("rejected"))
    assert sorted(names(page)) == sorted(
        r.name
        for r in candidates.list_candidates(
            db, CandidateQuery(statuses=(PipelineStatus.REJECTED,), limit=100)
        ).rows
    )

    # By stage.
    status.setCurrentIndex(status.findData("all"))
    stage = page.ui.stageFilter
    stage.setCurrentIndex(stage.findData("technical_deep_dive"))
    assert set(names(page)) == {"Jonas Müller", "Mateo Fernández"}
    stage.setCurrentIndex(stage.findData(""))

    # Sorting by score, highest first, is done by the database.
    score_column = next(
        c for c in range(page.model.columnCount()) if page.model.column_title(c) == "Score"
    )
    page.ui.table.sortByColumn(score_column, Qt.SortOrder.DescendingOrder)
    scores = [row.score for row in page.model.rows() if row.score is not None]
    assert scores == sorted(scores, reverse=True)
    assert page.model.sort_key == "score"
    assert page.model.descending

    # A stage column cannot be sorted: the list and the indicator stay as they were.
    before = names(page)
    page.ui.table.sortByColumn(page.model.stage_columns()[0], Qt.SortOrder.AscendingOrder)
    assert names(page) == before
    assert page.ui.table.horizontalHeader().sortIndicatorSection() == score_column


def test_each_stage_state_is_shown(qtbot, tmp_path, demo_database) -> None:
    shell, page = pipeline_of(qtbot, tmp_path, demo_database)
    jonas = select(page, "Jonas Müller")
    assert jonas.stage_cells["initial_screen"].startswith("✓")
    assert jonas.stage_cells["technical_deep_dive"] == "1/2 · 1 draft"
    assert jonas.stage_cells["product_assessment"] == "—"
    assert jonas.next_label == "Advance to Product / cross-functional assessment"
    assert page.ui.advanceButton.isEnabled()
    new = select(page, "Siobhán Ní Bhriain")
    assert new.where == "New"
    assert new.recommendation == ""
    image = grab_png(shell.window, tmp_path / "pipeline.png")
    assert image.width() == 1280


def test_advance_then_reject_with_a_reason(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(page, "Siobhán Ní Bhriain")
    click(qtbot, page.ui.advanceButton)
    dialog = open_dialog(page)
    assert "Advance to Initial screen" in dialog.ui.question.text()
    user.type("Strong portfolio", dialog.ui.reason)
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok))
    record = candidates.get_candidate(db, row.uuid)
    assert (record.status, record.stage_id) == (PipelineStatus.SCREENING, "initial_screen")
    assert select(page, "Siobhán Ní Bhriain").where == "1. Initial screen"
    entry = audit.audit_entries(db, subject_uuid=row.uuid, action="candidate.status")[0]
    assert entry.detail == "new -> screening: Strong portfolio"

    # Rejecting needs a reason; without one nothing changes.
    click(qtbot, page.ui.rejectButton)
    dialog = open_dialog(page)
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert dialog.isVisible()
    assert "Write the reason" in dialog.ui.problem.text()
    assert candidates.get_candidate(db, row.uuid).status is PipelineStatus.SCREENING
    user.type("Wants a people-manager role", dialog.ui.reason)
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert candidates.get_candidate(db, row.uuid).status is PipelineStatus.REJECTED
    assert "Siobhán Ní Bhriain" not in names(page)  # the open filter hides her now
    entry = audit.audit_entries(db, subject_uuid=row.uuid, action="candidate.status")[0]
    assert entry.detail.endswith(": Wants a people-manager role")


def test_withdraw_needs_no_reason_and_closes_the_candidate(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(page, "Siobhán Ní Bhriain")
    click(qtbot, page.ui.withdrawButton)
    dialog = open_dialog(page)
    assert "Mark Siobhán Ní Bhriain as withdrawn" in dialog.ui.question.text()
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok))
    assert candidates.get_candidate(db, row.uuid).status is PipelineStatus.WITHDRAWN
    assert "Siobhán Ní Bhriain" not in names(page)  # the open filter hides her now
    entry = audit.audit_entries(db, subject_uuid=row.uuid, action="candidate.status")[0]
    assert entry.detail.startswith("new -> withdrawn")


def test_erase_after_typed_confirmation(qtbot, tmp_path, demo_database, user) -> None:
    db = demo_database
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(page, "Priya Raman")
    personal = candidates.get_candidate(db, row.uuid)
    assert scorecard_reads.scorecards_for_candidate(db, row.uuid)
    click(qtbot, page.ui.eraseButton)
    dialog = open_dialog(page)
    assert "6 scorecards" in dialog.ui.what.text()
    assert not dialog.ui.eraseButton.isEnabled()
    user.type("Priya", dialog.ui.confirmation)
    assert not dialog.ui.eraseButton.isEnabled()
    user.type(" raman", dialog.ui.confirmation)  # case does not matter; the whole name does
    assert dialog.ui.eraseButton.isEnabled()
    click(qtbot, dialog.ui.eraseButton)
    assert not dialog.isVisible()
    with pytest.raises(NotFoundError):
        candidates.get_candidate(db, row.uuid)
    assert "Priya Raman" not in names(page)
    entries = audit.audit_entries(db, subject_uuid=row.uuid)
    assert entries[0].action == "candidate.erased"
    assert entries[0].actor == "Riley Recruiter"
    for entry in entries:
        for text in (personal.name, personal.email, "Priya"):
            assert text not in entry.detail


def test_cancelled_erase_changes_nothing(qtbot, tmp_path, demo_database) -> None:
    db = demo_database
    _shell, page = pipeline_of(qtbot, tmp_path, db)
    row = select(page, "Noor Haddad")
    click(qtbot, page.ui.eraseButton)
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.ui.confirmation, "Noor Hadad")
    assert not dialog.ui.eraseButton.isEnabled()
    click(qtbot, dialog.ui.cancelButton)
    assert candidates.get_candidate(db, row.uuid).name == "Noor Haddad"


def test_assign_interviewers_and_see_who_has_not_submitted(qtbot, tmp_path, db) -> None:
    record = candidates.add_candidate(db, name="Finn Panel", email="finn@example.org")
    shell = start_shell(qtbot, tmp_path, db)
    shell.window.show_page("people")
    page = shell.page("people")

    # A new interviewer, added through the dialog.
    click(qtbot, page.ui.addInterviewerButton)
    dialog = open_dialog(page)
    qtbot.keyClicks(dialog.ui.name, "Gail Staff")
    qtbot.keyClicks(dialog.ui.email, "gail@example.org")
    qtbot.keyClicks(dialog.ui.roleTitle, "Staff Engineer")
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save))
    gail = next(p for p in interviewers.list_interviewers(db) if p.name == "Gail Staff")
    assert [i.name for i in page.interviewer_model.rows()] == ["Gail Staff"]

    # Find the candidate and put Gail on the technical stage.
    qtbot.keyClicks(page.ui.findCandidate, "finn")
    assert [p.name for p in page.pick_model.rows()] == ["Finn Panel"]
    page.ui.candidateResults.selectRow(0)
    assert page.candidate_uuid == record.uuid
    page.choose_stage("technical_deep_dive")
    page.choose_interviewer(gail.uuid)
    click(qtbot, page.ui.assignButton)
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
    click(qtbot, page.ui.assignButton)
    assert "already on that stage" in page.message
    page.ui.assignments.selectRow(0)
    click(qtbot, page.ui.unassignButton)
    assert assignments.assignments_for_candidate(db, record.uuid) == []
    assert page.pending_model.rows() == []


def test_the_pipeline_shortcut_opens_the_candidates_panel(qtbot, tmp_path, demo_database) -> None:
    shell, page = pipeline_of(qtbot, tmp_path, demo_database)
    row = select(page, "Jonas Müller")
    click(qtbot, page.ui.assignButton)
    assert shell.window.current_page_key() == "people"
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
    general.editor("role_title").selectAll()
    user.type("Growth Builder", general.editor("role_title"))
    id_field = general.editor("id")
    id_field.selectAll()
    user.type("growth", id_field)
    id_field.editingFinished.emit()
    editor.select_node(("stage", 0))
    stage_form = editor.forms["stage"]
    stage_form.editor("title").selectAll()
    user.type("Growth screen", stage_form.editor("title"))
    stage_id = stage_form.editor("id")
    stage_id.selectAll()
    user.type("growth_screen", stage_id)
    stage_id.editingFinished.emit()
    editor.revalidate()
    assert editor.issues == []
    click(qtbot, editor.ui.saveButton)
    click(qtbot, editor.ui.confirmSaveButton)
    shell.controller.context.writes.wait_idle(30)  # the save lands off the UI thread
    assert "Saved as growth version 1" in editor.banner_text

    # A candidate for the new role.
    shell.window.show_page("pipeline")
    page = shell.page("pipeline")
    click(qtbot, page.ui.addButton)
    dialog = open_dialog(page)
    user.type("Hana Growth", dialog.ui.name)
    dialog.ui.role.setCurrentIndex(dialog.ui.role.findData("growth"))
    click(qtbot, dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Save))
    hana = by_name(db, "Hana")
    assert (hana.rubric_id, hana.role_title) == ("growth", "Growth Builder")

    # Her panel: the stages offered are the new role's.
    click(qtbot, page.ui.assignButton)
    people = shell.page("people")
    assert people.candidate_uuid == hana.uuid
    offered = [people.ui.assignStage.itemData(i) for i in range(people.ui.assignStage.count())]
    assert offered[0] == "growth_screen"
    people.choose_stage("growth_screen")
    people.choose_interviewer(gail.uuid)
    click(qtbot, people.ui.assignButton)
    stored = assignments.assignments_for_candidate(db, hana.uuid)
    assert [(a.stage_id, a.interviewer_name) for a in stored] == [("growth_screen", "Gail Staff")]


def test_keyboard_search_select_and_open(qtbot, tmp_path, demo_database, user) -> None:
    _shell, page = pipeline_of(qtbot, tmp_path, demo_database)
    page.ui.table.setFocus()
    user.press(Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.ui.search.hasFocus()
    user.type("noor")
    assert names(page) == ["Noor Haddad"]
    user.press(Qt.Key.Key_Down)
    assert page.ui.table.hasFocus()
    assert page.selected_item().name == "Noor Haddad"
    assert page.ui.advanceButton.text() == "Advance to offer…"
    user.press(Qt.Key.Key_Return)
    dialog = open_dialog(page)
    assert dialog is not None
    assert dialog.ui.name.text() == "Noor Haddad"
    user.press(Qt.Key.Key_Escape, widget=dialog)
    assert not dialog.isVisible()


def test_scrolling_fetches_the_next_page(qtbot, tmp_path) -> None:
    db = open_db(tmp_path, with_demo=True, candidates=75)
    try:
        _shell, page = pipeline_of(qtbot, tmp_path, db)
        status = page.ui.statusFilter
        status.setCurrentIndex(status.findData("all"))
        assert page.model.total == 75
        assert page.model.rowCount() < 75
        assert page.model.canFetchMore()
        page.ui.table.scrollToBottom()
        qtbot.waitUntil(lambda: page.model.rowCount() == 75)
        assert len({row.uuid for row in page.model.rows()}) == 75
        assert not page.model.canFetchMore()
    finally:
        db.close()
