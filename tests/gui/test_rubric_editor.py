"""The rubric editor, driven as a recruiter would: edit, meet a problem, fix, save, reload."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDoubleSpinBox, QLineEdit, QPlainTextEdit
from recruiter_support import click, grab_png, open_db, start_shell

from interview_kit import cli
from interview_kit.domain.rubric import load_rubric
from interview_kit.gui.rubric_editor.fields import ChoiceListModel
from interview_kit.gui.rubric_editor.issues_model import IssueTableModel
from interview_kit.gui.rubric_editor.page import RubricEditorPage
from interview_kit.gui.rubric_editor.wiring import RubricEditorWiring
from interview_kit.services import candidates, packets, panel_review, rubric_editing, rubrics


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


def editor(qtbot, tmp_path, db) -> RubricEditorPage:
    shell = start_shell(qtbot, tmp_path, db)
    page = shell.page("rubric")
    shell.window.show_page("rubric")
    return page


def type_into(qtbot, widget, text: str) -> None:
    widget.setFocus()
    if isinstance(widget, (QLineEdit | QDoubleSpinBox, QPlainTextEdit)):
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def test_edit_with_a_problem_on_the_way_then_save_and_reload(qtbot, tmp_path, db) -> None:
    waiting = candidates.add_candidate(db, name="Ann Open", email="ann@example.org")
    page = editor(qtbot, tmp_path, db)
    assert page.issues == []
    assert "builder version 1" in page.ui.dirtyLabel.text()

    # The recruiter renames a criterion and, on the way, sets its weight to 0.
    page.select_node(("criterion", 1, 0))
    form = page.forms["criterion"]
    type_into(qtbot, form.editor("title"), "Ships a thin slice end to end")
    type_into(qtbot, form.editor("weight"), "0")
    page.revalidate()
    assert [(i.path, i.message) for i in page.issues] == [
        ("stages[1].criteria[0].weight", "must be greater than 0, but is 0")
    ]
    error = form._errors["weight"]
    assert not error.isHidden()
    assert error.text() == "must be greater than 0, but is 0"
    assert page.ui.outline.currentItem().text(1) == "⚠ 1"
    assert "1 problem to fix" in page.ui.issuesTitle.text()

    # Saving is refused and nothing is stored.
    click(qtbot, page.ui.saveButton)
    assert "Not saved" in page.banner_text
    assert page.ui.confirmFrame.isHidden()
    assert [v.version for v in rubrics.list_rubric_versions(db, "builder")] == [1]

    # Fix it; Save now says what it will do, and stores after confirmation.
    type_into(qtbot, form.editor("weight"), "2")
    page.revalidate()
    assert page.issues == []
    assert form._errors["weight"].isHidden()
    click(qtbot, page.ui.saveButton)
    assert not page.ui.confirmFrame.isHidden()
    assert "Ann Open" in page.ui.confirmText.text()
    click(qtbot, page.ui.confirmSaveButton)
    assert "Saved as builder version 2" in page.banner_text
    assert "Ann Open" in page.banner_text
    assert not page.is_dirty

    # Reload from the database in a fresh editor.
    assert rubrics.active_rubric(db).info.version == 2
    assert candidates.get_candidate(db, waiting.uuid).rubric_version == 2
    fresh = RubricEditorPage()
    qtbot.addWidget(fresh)
    RubricEditorWiring(_Bare(db), fresh)
    criterion = fresh.data()["stages"][1]["criteria"][0]
    assert criterion["title"] == "Ships a thin slice end to end"
    assert criterion["weight"] == 2.0
    assert "builder version 2" in fresh.ui.dirtyLabel.text()


def test_the_page_shows_the_same_messages_as_rubric_validate(qtbot, tmp_path, db, capsys) -> None:
    page = editor(qtbot, tmp_path, db)
    page.select_node(("level", 1))
    form = page.forms["level"]
    type_into(qtbot, form.editor("band.base_min"), "300000")
    page.select_node(("signal", 0))
    type_into(qtbot, page.forms["signal"].editor("id"), "Bad Id")
    page.revalidate()
    shown = {(i.path, i.message) for i in page.issues}
    assert len(shown) >= 2

    out = tmp_path / "draft.toml"
    page.exportFileRequested.emit(str(out), page.data())
    assert "draft with" in page.banner_text
    assert cli.main(["rubric", "validate", str(out)]) != 0
    printed = capsys.readouterr()
    text = printed.out + printed.err
    for path, message in shown:
        assert f"{path}: {message}" in text


def test_a_rubric_edit_leaves_submitted_scorecards_and_their_recommendation(
    qtbot, tmp_path, demo_database
) -> None:
    db = demo_database
    page_of = candidates.list_candidates(db, candidates.CandidateQuery(limit=100)).rows
    scored = next(c for c in page_of if c.name == "Astrid Ørsted")
    fresh = next(c for c in page_of if c.status.value == "new")
    before = panel_review.panel_review(db, scored.uuid)
    assert before.scorecards, "the demo candidate has submitted scorecards"
    day = date(2026, 4, 1)
    packets.write_packet(db, scored.uuid, tmp_path / "before.pdf", invariant=True, today=day)

    page = editor(qtbot, tmp_path, db)
    page.select_node(("rules",))
    type_into(qtbot, page.forms["rules"].editor("hire_bar"), "3.4")
    page.select_node(("criterion", 0, 0))
    type_into(qtbot, page.forms["criterion"].editor("weight"), "4")
    page.revalidate()
    assert page.issues == []
    click(qtbot, page.ui.saveButton)
    confirm = page.ui.confirmText.text()
    assert "Astrid Ørsted" in confirm
    assert "keep the version" in confirm
    click(qtbot, page.ui.confirmSaveButton)
    assert "Saved as builder version 2" in page.banner_text

    after = panel_review.panel_review(db, scored.uuid)
    assert after.rubric_info.version == 1
    assert after.scorecards == before.scorecards
    assert {c.rubric_hash for c in after.scorecards} == {before.rubric_info.content_hash}
    assert after.recommendation.to_json() == before.recommendation.to_json()
    packets.write_packet(db, scored.uuid, tmp_path / "after.pdf", invariant=True, today=day)
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "before.pdf").read_bytes()
    assert candidates.get_candidate(db, fresh.uuid).rubric_version == 2


def test_structure_add_move_rename_and_remove(qtbot, tmp_path, db) -> None:
    page = editor(qtbot, tmp_path, db)
    # A new stage arrives with blank texts the validator points at.
    page.select_node(("stages",))
    page.add_item("stages")
    assert page.current_node == ("stage", 3)
    assert page.data()["stages"][3]["number"] == 4
    assert any(i.path == "stages[3].title" for i in page.issues)
    stage_item = page.ui.outline.currentItem()
    assert stage_item.text(0).startswith("Stage 4")

    # Moving it up renumbers the stages.
    click(qtbot, page.ui.upButton)
    assert page.current_node == ("stage", 2)
    assert [s["number"] for s in page.data()["stages"]] == [1, 2, 3, 4]
    assert page.data()["stages"][3]["id"] == "product_assessment"

    # Removing it leaves the rubric as valid as before.
    click(qtbot, page.ui.removeButton)
    assert len(page.data()["stages"]) == 3
    assert page.issues == []

    # Renaming a signal follows every reference to it.
    data = page.data()
    old = data["signals"][0]["id"]
    referring = [
        c["id"] for s in data["stages"] for c in s["criteria"] if old in c.get("signals", [])
    ]
    page.select_node(("signal", 0))
    id_field = page.forms["signal"].editor("id")
    type_into(qtbot, id_field, "speaks_business")
    id_field.editingFinished.emit()
    data = page.data()
    assert data["signals"][0]["id"] == "speaks_business"
    for stage in data["stages"]:
        for criterion in stage["criteria"]:
            assert old not in criterion.get("signals", [])
            if criterion["id"] in referring:
                assert "speaks_business" in criterion["signals"]
    assert page.issues == []


def test_a_new_role_is_set_up_without_touching_a_file(qtbot, tmp_path, db) -> None:
    page = editor(qtbot, tmp_path, db)
    page.start_copy()
    assert page.is_dirty
    general = page.forms["general"]
    type_into(qtbot, general.editor("role_title"), "Growth Builder")
    id_field = general.editor("id")
    type_into(qtbot, id_field, "growth_builder")
    id_field.editingFinished.emit()
    page.revalidate()
    assert page.issues == []
    click(qtbot, page.ui.saveButton)
    assert "new role" in page.ui.confirmText.text()
    click(qtbot, page.ui.confirmSaveButton)
    assert "Saved as growth_builder version 1" in page.banner_text
    stored = {info.rubric_id: info for info in rubrics.list_rubrics(db)}
    assert stored["growth_builder"].role_title == "Growth Builder"
    assert stored["builder"].version == 1
    assert page.ui.rubricChoice.findData("growth_builder") >= 0


def test_import_shows_problems_and_stores_nothing_until_saved(qtbot, tmp_path, db) -> None:
    page = editor(qtbot, tmp_path, db)
    text = (Path(__file__).resolve().parents[2] / "resources/rubrics/builder.toml").read_text(
        encoding="utf-8"
    )
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("weight = 1.5", "weight = -1", 1), encoding="utf-8")
    page.importFileRequested.emit(str(broken))
    assert page.is_dirty
    assert "Imported" in page.banner_text
    assert "Nothing is stored yet" in page.banner_text
    assert any(i.path.endswith(".weight") for i in page.issues)
    assert [v.version for v in rubrics.list_rubric_versions(db, "builder")] == [1]

    not_toml = tmp_path / "not.toml"
    not_toml.write_text('id = "x"\nname = \n', encoding="utf-8")
    page.importFileRequested.emit(str(not_toml))
    assert "Not imported" in page.banner_text
    assert "not.toml:2" in page.banner_text


def test_export_writes_a_file_rubric_validate_accepts(qtbot, tmp_path, db) -> None:
    page = editor(qtbot, tmp_path, db)
    out = tmp_path / "exported.toml"
    page.exportFileRequested.emit(str(out), page.data())
    assert f"Exported to {out}" in page.banner_text
    exported = load_rubric(out)
    assert exported.content_hash() == rubrics.active_rubric(db).info.content_hash
    assert tomllib.loads(out.read_text(encoding="utf-8"))["id"] == "builder"


def test_a_stale_edit_is_refused_and_loses_nothing(qtbot, tmp_path, db) -> None:
    first = editor(qtbot, tmp_path, db)
    second = RubricEditorPage()
    qtbot.addWidget(second)
    RubricEditorWiring(_Bare(db), second)
    second.select_node(("general",))
    type_into(qtbot, second.forms["general"].editor("role_title"), "Builder (second)")
    first.select_node(("general",))
    type_into(qtbot, first.forms["general"].editor("role_title"), "Builder (first)")
    click(qtbot, first.ui.saveButton)
    click(qtbot, first.ui.confirmSaveButton)
    click(qtbot, second.ui.saveButton)
    click(qtbot, second.ui.confirmSaveButton)
    assert "changed while you were editing" in second.banner_text
    assert second.is_dirty
    assert second.data()["role_title"] == "Builder (second)"
    assert rubrics.active_rubric(db).rubric.role_title == "Builder (first)"


def test_preview_shows_the_stage_sheet_as_edited(qtbot, tmp_path, db) -> None:
    page = editor(qtbot, tmp_path, db)
    page.select_node(("exercise", 1, 0))
    type_into(qtbot, page.forms["exercise"].editor("title"), "Pair on a feature")
    dialog = page.preview_current_stage()
    assert dialog is not None
    qtbot.addWidget(dialog)
    texts = [label.text() for label in dialog.sheet.findChildren(type(page.ui.title))]
    assert any(t.startswith("Stage 2") for t in texts)
    assert any("Pair on a feature" in t for t in texts)
    stage = page.data()["stages"][1]
    assert any(stage["criteria"][0]["anchors"]["4"] in t for t in texts)
    image = grab_png(dialog, tmp_path / "preview.png")
    assert image.width() > 0


def test_keyboard_save_shortcut_and_issue_navigation(qtbot, tmp_path, db) -> None:
    page = editor(qtbot, tmp_path, db)
    page.select_node(("criterion", 0, 1))
    type_into(qtbot, page.forms["criterion"].editor("anchors.2"), "")
    page.forms["criterion"].editor("anchors.2").clear()
    page.revalidate()
    assert any(i.path == "stages[0].criteria[1].anchors.2" for i in page.issues)
    page.select_node(("general",))
    index = page.issue_model.index(0, 1)
    page.ui.issues.activated.emit(index)
    assert page.current_node == ("criterion", 0, 1)
    focused = QApplication.focusWidget()
    assert focused is page.forms["criterion"].editor("anchors.2")
    qtbot.keyClick(focused, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert "Not saved" in page.banner_text


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
        self.databaseChanged = self._signals.databaseChanged
        self.dataChanged = self._signals.dataChanged

    def forget_cached_rubrics(self) -> None:
        return None
