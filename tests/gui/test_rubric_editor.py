"""The rubric editor, driven as a recruiter would: edit, meet a problem, fix, save, reload.

Every click and keystroke goes through the user helper, which refuses what a person could
not do; saves go through the write queue, so each waits for it to land."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QWidget,
)
from recruiter_support import grab_png, open_db, start_shell

from interview_kit import cli
from interview_kit.domain.rubric import load_rubric
from interview_kit.gui.operations import WriteQueue
from interview_kit.gui.rubric_editor.fields import ChoiceListModel
from interview_kit.gui.rubric_editor.issues_model import IssueTableModel
from interview_kit.gui.rubric_editor.page import RubricEditorPage
from interview_kit.gui.rubric_editor.wiring import RubricEditorWiring
from interview_kit.services import candidates, packets, panel_review, rubric_editing, rubrics
from tests.support.user import User, UserError


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


def editor(qtbot, tmp_path, db, user: User) -> RubricEditorPage:
    shell = start_shell(qtbot, tmp_path, db)
    navigation = shell.window.ui.navigation
    row = next(
        r
        for r in range(navigation.count())
        if navigation.item(r).data(Qt.ItemDataRole.UserRole) == "rubric"
    )
    user.click_row(navigation, row)
    user.assert_showing(shell.window, "rubric")
    page = shell.page("rubric")
    page.writes = shell.controller.context.writes
    return page


def choose_node(user: User, page: RubricEditorPage, node) -> None:
    """Click an item of the outline, scrolling to it first."""
    tree = page.ui.outline
    item = page._items[node]
    parent = item.parent()
    while parent is not None:
        parent.setExpanded(True)
        parent = parent.parent()
    tree.scrollToItem(item)
    point = user.reachable_point(tree.viewport(), tree.visualItemRect(item))
    user.qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert page.current_node == node


def reach(page: RubricEditorPage, widget: QWidget) -> QWidget:
    QApplication.processEvents()
    page.ui.formArea.ensureWidgetVisible(widget, 10, 30)
    QApplication.processEvents()
    return widget


def type_into(user: User, page: RubricEditorPage, widget: QWidget, text: str) -> None:
    """Click into a field, select what it holds and type over it."""
    user.focus(reach(page, widget))
    user.shortcut("Ctrl+A")
    if text:
        user.type(text)
    else:
        user.press(Qt.Key.Key_Delete)


def settle(qtbot, page: RubricEditorPage) -> None:
    """Wait for the check that runs a moment after typing stops."""
    qtbot.waitUntil(lambda: not page._validate_timer.isActive(), timeout=5_000)


def press(user: User, page: RubricEditorPage, button: QAbstractButton) -> None:
    user.click(button)
    writes = getattr(page, "writes", None)
    if writes is not None:
        writes.wait_idle(30)


def import_from(user: User, page: RubricEditorPage, path: Path) -> None:
    patch = pytest.MonkeyPatch()
    patch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    try:
        press(user, page, page.ui.importButton)
    finally:
        patch.undo()


def export_to(user: User, page: RubricEditorPage, path: Path) -> None:
    patch = pytest.MonkeyPatch()
    patch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    try:
        press(user, page, page.ui.exportButton)
    finally:
        patch.undo()


def menu_entry(user: User, button: QAbstractButton, text: str) -> None:
    """Open a button's menu and choose an entry, as a person would."""
    user.reachable_point(button)
    menu = button.menu()
    assert menu is not None, f"{button.text()} has no menu"
    action = next((a for a in menu.actions() if a.text() == text), None)
    if action is None or not action.isEnabled():
        raise UserError(f"{button.text()} offers no enabled {text!r}")
    action.trigger()


def test_edit_with_a_problem_on_the_way_then_save_and_reload(qtbot, tmp_path, db, user) -> None:
    waiting = candidates.add_candidate(db, name="Ann Open", email="ann@example.org")
    page = editor(qtbot, tmp_path, db, user)
    assert page.issues == []
    assert "builder version 1" in page.ui.dirtyLabel.text()

    # The recruiter renames a criterion and, on the way, sets its weight to 0.
    choose_node(user, page, ("criterion", 1, 0))
    form = page.forms["criterion"]
    type_into(user, page, form.editor("title"), "Ships a thin slice end to end")
    type_into(user, page, form.editor("weight"), "0")
    settle(qtbot, page)
    assert [(i.path, i.message) for i in page.issues] == [
        ("stages[1].criteria[0].weight", "must be greater than 0, but is 0")
    ]
    error = form._errors["weight"]
    assert not error.isHidden()
    assert error.text() == "must be greater than 0, but is 0"
    assert page.ui.outline.currentItem().text(1) == "⚠ 1"
    assert "1 problem to fix" in page.banner_text
    # Where, in words: the stage by number, the criterion by its title.
    assert page.issue_model.data(page.issue_model.index(0, 0)) == (
        "Stage 2 › Ships a thin slice end to end › weight"
    )

    # Saving is refused and nothing is stored.
    press(user, page, page.ui.saveButton)
    assert "Not saved" in page.banner_text
    assert page.ui.confirmFrame.isHidden()
    assert [v.version for v in rubrics.list_rubric_versions(db, "builder")] == [1]

    # Fix it; Save now says what it will do, and stores after confirmation.
    type_into(user, page, form.editor("weight"), "2")
    settle(qtbot, page)
    assert page.issues == []
    assert form._errors["weight"].isHidden()
    press(user, page, page.ui.saveButton)
    assert not page.ui.confirmFrame.isHidden()
    assert "Ann Open" in page.ui.confirmText.text()
    press(user, page, page.ui.confirmSaveButton)
    assert "Saved as builder version 2" in page.banner_text
    assert "Ann Open" in page.banner_text
    assert "problem" not in page.banner_text
    assert not page.is_dirty

    # Reload from the database in a fresh editor.
    assert rubrics.active_rubric(db).info.version == 2
    assert candidates.get_candidate(db, waiting.uuid).rubric_version == 2
    fresh = RubricEditorPage()
    qtbot.addWidget(fresh)
    RubricEditorWiring(_Bare(db), fresh)
    fresh.show()  # a section reads when shown
    criterion = fresh.data()["stages"][1]["criteria"][0]
    assert criterion["title"] == "Ships a thin slice end to end"
    assert criterion["weight"] == 2.0
    assert "builder version 2" in fresh.ui.dirtyLabel.text()


def test_the_page_shows_the_same_messages_as_rubric_validate(
    qtbot, tmp_path, db, capsys, user, monkeypatch
) -> None:
    page = editor(qtbot, tmp_path, db, user)
    choose_node(user, page, ("level", 1))
    form = page.forms["level"]
    type_into(user, page, form.editor("band.base_min"), "300000")
    choose_node(user, page, ("signal", 0))
    type_into(user, page, page.forms["signal"].editor("id"), "Bad Id")
    settle(qtbot, page)
    shown = {(i.path, i.message) for i in page.issues}
    assert len(shown) >= 2

    out = tmp_path / "draft.toml"
    export_to(user, page, out)
    assert "draft with" in page.banner_text
    assert cli.main(["rubric", "validate", str(out)]) != 0
    printed = capsys.readouterr()
    text = printed.out + printed.err
    for path, message in shown:
        assert f"{path}: {message}" in text


def test_a_rubric_edit_leaves_submitted_scorecards_and_their_recommendation(
    qtbot, tmp_path, demo_database, user
) -> None:
    db = demo_database
    page_of = candidates.list_candidates(db, candidates.CandidateQuery(limit=100)).rows
    scored = next(c for c in page_of if c.name == "Astrid Ørsted")
    fresh = next(c for c in page_of if c.status.value == "new")
    before = panel_review.panel_review(db, scored.uuid)
    assert before.scorecards, "the demo candidate has submitted scorecards"
    day = date(2026, 4, 1)
    packets.write_packet(db, scored.uuid, tmp_path / "before.pdf", invariant=True, today=day)

    page = editor(qtbot, tmp_path, db, user)
    choose_node(user, page, ("rules",))
    type_into(user, page, page.forms["rules"].editor("hire_bar"), "3.4")
    choose_node(user, page, ("criterion", 0, 0))
    type_into(user, page, page.forms["criterion"].editor("weight"), "4")
    settle(qtbot, page)
    assert page.issues == []
    press(user, page, page.ui.saveButton)
    confirm = page.ui.confirmText.text()
    assert "Astrid Ørsted" in confirm
    assert "keep the version" in confirm
    press(user, page, page.ui.confirmSaveButton)
    assert "Saved as builder version 2" in page.banner_text

    after = panel_review.panel_review(db, scored.uuid)
    assert after.rubric_info.version == 1
    assert after.scorecards == before.scorecards
    assert {c.rubric_hash for c in after.scorecards} == {before.rubric_info.content_hash}
    assert after.recommendation.to_json() == before.recommendation.to_json()
    packets.write_packet(db, scored.uuid, tmp_path / "after.pdf", invariant=True, today=day)
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "before.pdf").read_bytes()
    assert candidates.get_candidate(db, fresh.uuid).rubric_version == 2


def test_structure_add_move_rename_and_remove(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    # A new stage arrives with blank texts the validator points at.
    choose_node(user, page, ("stages",))
    press(user, page, page.group_page.add_button)
    assert page.current_node == ("stage", 3)
    assert page.data()["stages"][3]["number"] == 4
    assert any(i.path == "stages[3].title" for i in page.issues)
    stage_item = page.ui.outline.currentItem()
    assert stage_item.text(0).startswith("Stage 4")

    # Moving it up renumbers the stages.
    press(user, page, page.ui.upButton)
    assert page.current_node == ("stage", 2)
    assert [s["number"] for s in page.data()["stages"]] == [1, 2, 3, 4]
    assert page.data()["stages"][3]["id"] == "product_assessment"

    # Removing it leaves the rubric as valid as before.
    press(user, page, page.ui.removeButton)
    assert len(page.data()["stages"]) == 3
    assert page.issues == []

    # Renaming a signal follows every reference to it.
    data = page.data()
    old = data["signals"][0]["id"]
    referring = [
        c["id"] for s in data["stages"] for c in s["criteria"] if old in c.get("signals", [])
    ]
    choose_node(user, page, ("signal", 0))
    id_field = page.forms["signal"].editor("id")
    type_into(user, page, id_field, "speaks_business")
    user.tab()  # leaving the field commits the new id
    data = page.data()
    assert data["signals"][0]["id"] == "speaks_business"
    for stage in data["stages"]:
        for criterion in stage["criteria"]:
            assert old not in criterion.get("signals", [])
            if criterion["id"] in referring:
                assert "speaks_business" in criterion["signals"]
    assert page.issues == []


def test_a_new_role_is_set_up_without_touching_a_file(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    menu_entry(user, page.ui.newButton, "Copy of this rubric, for a new role")
    assert page.is_dirty
    general = page.forms["general"]
    type_into(user, page, general.editor("role_title"), "Growth Builder")
    id_field = general.editor("id")
    type_into(user, page, id_field, "growth_builder")
    user.tab()
    settle(qtbot, page)
    assert page.issues == []
    press(user, page, page.ui.saveButton)
    assert "new role" in page.ui.confirmText.text()
    press(user, page, page.ui.confirmSaveButton)
    assert "Saved as growth_builder version 1" in page.banner_text
    stored = {info.rubric_id: info for info in rubrics.list_rubrics(db)}
    assert stored["growth_builder"].role_title == "Growth Builder"
    assert stored["builder"].version == 1
    assert page.ui.rubricChoice.findData("growth_builder") >= 0


def test_import_shows_problems_and_stores_nothing_until_saved(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    text = (Path(__file__).resolve().parents[2] / "resources/rubrics/builder.toml").read_text(
        encoding="utf-8"
    )
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("weight = 1.5", "weight = -1", 1), encoding="utf-8")
    import_from(user, page, broken)
    assert page.is_dirty
    assert "Imported" in page.banner_text
    assert "Nothing is stored yet" in page.banner_text
    assert any(i.path.endswith(".weight") for i in page.issues)
    assert [v.version for v in rubrics.list_rubric_versions(db, "builder")] == [1]

    not_toml = tmp_path / "not.toml"
    not_toml.write_text('id = "x"\nname = \n', encoding="utf-8")
    import_from(user, page, not_toml)
    assert "Not imported" in page.banner_text
    assert "not.toml:2" in page.banner_text


def test_export_writes_a_file_rubric_validate_accepts(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    out = tmp_path / "exported.toml"
    export_to(user, page, out)
    assert f"Exported to {out}" in page.banner_text
    exported = load_rubric(out)
    assert exported.content_hash() == rubrics.active_rubric(db).info.content_hash
    assert tomllib.loads(out.read_text(encoding="utf-8"))["id"] == "builder"


def test_a_stale_edit_is_refused_and_loses_nothing(qtbot, tmp_path, db, user) -> None:
    first = editor(qtbot, tmp_path, db, user)
    second = RubricEditorPage()
    qtbot.addWidget(second)
    bare = _Bare(db)
    RubricEditorWiring(bare, second)
    second.writes = bare.writes
    # A second editor beside the first, as on a second machine's screen.
    second.setGeometry(first.window().frameGeometry().right() + 20, 0, 900, 700)
    second.show()
    qtbot.waitExposed(second)
    choose_node(user, second, ("general",))
    type_into(user, second, second.forms["general"].editor("role_title"), "Builder (second)")
    choose_node(user, first, ("general",))
    first.window().activateWindow()
    type_into(user, first, first.forms["general"].editor("role_title"), "Builder (first)")
    press(user, first, first.ui.saveButton)
    press(user, first, first.ui.confirmSaveButton)
    press(user, second, second.ui.saveButton)
    press(user, second, second.ui.confirmSaveButton)
    assert "changed while you were editing" in second.banner_text
    assert second.is_dirty
    assert second.data()["role_title"] == "Builder (second)"
    assert rubrics.active_rubric(db).rubric.role_title == "Builder (first)"


def test_preview_shows_the_stage_sheet_as_edited(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    choose_node(user, page, ("exercise", 1, 0))
    type_into(user, page, page.forms["exercise"].editor("title"), "Pair on a feature")
    press(user, page, page.ui.previewButton)
    assert page._previews
    dialog = page._previews[-1]
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.sheet.findChildren(type(page.ui.title))]
    assert any(t.startswith("Stage 2") for t in texts)
    assert any("Pair on a feature" in t for t in texts)
    stage = page.data()["stages"][1]
    assert any(stage["criteria"][0]["anchors"]["4"] in t for t in texts)
    image = grab_png(dialog, tmp_path / "preview.png")
    assert image.width() > 0


def test_keyboard_save_shortcut_and_issue_navigation(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    choose_node(user, page, ("criterion", 0, 1))
    type_into(user, page, page.forms["criterion"].editor("anchors.2"), "")
    page.forms["criterion"].editor("anchors.2").clear()
    settle(qtbot, page)
    assert any(i.path == "stages[0].criteria[1].anchors.2" for i in page.issues)
    choose_node(user, page, ("general",))
    user.double_click_row(page.ui.issues, 0, 1)
    assert page.current_node == ("criterion", 0, 1)
    focused = QApplication.focusWidget()
    assert focused is page.forms["criterion"].editor("anchors.2")
    user.shortcut("Ctrl+S")
    assert "Not saved" in page.banner_text


def test_one_status_line_never_keeps_a_stale_error(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    assert page.banner_text == "No problems."
    assert page.ui.issuesTitle.isHidden()
    choose_node(user, page, ("criterion", 0, 0))
    weight = page.forms["criterion"].editor("weight")
    type_into(user, page, weight, "0")
    settle(qtbot, page)
    assert page.banner_text == "1 problem to fix before saving."
    user.shortcut("Ctrl+S")
    assert page.banner_text.startswith("Not saved: fix the 1 problem")

    # Fixed: the one line says so, and the old error is gone with the problem.
    type_into(user, page, weight, "2")
    settle(qtbot, page)
    assert page.banner_text == "No problems: the rubric can be saved."
    assert page.ui.issues.isHidden()
    labels = [w for w in page.findChildren(type(page.ui.banner)) if w.isVisible()]
    assert not [w.text() for w in labels if w.text().startswith("Not saved")]


def test_problem_locations_are_in_words(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    stage_title = page.data()["stages"][0]["criteria"][0]["title"]
    choose_node(user, page, ("criterion", 0, 0))
    type_into(user, page, page.forms["criterion"].editor("id"), "Bad Id")
    settle(qtbot, page)
    where = [page.issue_model.data(page.issue_model.index(r, 0)) for r in range(2)]
    assert f"Stage 1 › {stage_title} › id" in where
    assert not any("[" in text for text in where)


def test_renaming_an_id_renames_its_references_even_when_saved_at_once(
    qtbot, tmp_path, db, user
) -> None:
    page = editor(qtbot, tmp_path, db, user)
    data = page.data()
    old = data["stages"][0]["criteria"][0]["id"]
    using = [e["id"] for e in data["stages"][0]["exercises"] if old in e.get("criteria", [])]
    assert using, "the shipped rubric's first exercise rates its first criterion"
    choose_node(user, page, ("criterion", 0, 0))
    type_into(user, page, page.forms["criterion"].editor("id"), "owns_outcomes")
    user.shortcut("Ctrl+S")  # the focus is still in the id field
    assert not page.ui.confirmFrame.isHidden(), page.banner_text
    press(user, page, page.ui.confirmSaveButton)
    stored = rubrics.active_rubric(db).rubric
    stage = stored.stages[0]
    assert stage.criteria[0].id == "owns_outcomes"
    for exercise in stage.exercises:
        if exercise.id in using:
            assert "owns_outcomes" in exercise.criteria
            assert old not in exercise.criteria


def test_a_save_in_flight_disables_save(qtbot, tmp_path, db, user) -> None:
    page = editor(qtbot, tmp_path, db, user)
    choose_node(user, page, ("general",))
    type_into(user, page, page.forms["general"].editor("role_title"), "Builder (edited)")
    user.click(page.ui.saveButton)
    user.click(page.ui.confirmSaveButton)
    assert page.saving
    assert page.banner_text == "Saving…"
    with pytest.raises(UserError):
        user.click(page.ui.saveButton)
    page.writes.wait_idle(30)
    assert not page.saving
    assert "Saved as builder version 2" in page.banner_text


def test_models_pass_the_model_tester(qtmodeltester, db) -> None:
    issues = IssueTableModel()
    issues.set_issues(rubric_editing.validate({"format_version": 1}))
    qtmodeltester.check(issues)
    choices = ChoiceListModel()
    choices.set_state([("a", "Alpha"), ("b", "Beta")], ["b", "zombie"])
    qtmodeltester.check(choices)
    assert choices.rowCount() == 3


class _Bare:
    """The little a wiring needs of the app context, for a second editor on one database."""

    def __init__(self, db) -> None:
        from PySide6.QtCore import QObject, Signal

        class _Signals(QObject):
            databaseChanged = Signal()
            dataChanged = Signal()

        self._signals = _Signals()
        self.db = db
        self.writes = WriteQueue(self._signals)
        self.databaseChanged = self._signals.databaseChanged
        self.dataChanged = self._signals.dataChanged

    def forget_cached_rubrics(self) -> None:
        return None
