"""A rubric's own self-identification questions in the app: the recording dialog asks
each candidate the questions of their rubric, and the rubric editor keeps the section."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
import tomli_w
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from recruiter_support import open_db

import tests.gui.test_evidence_page as evidence_pages
import tests.gui.test_rubric_editor as editor_pages
from interview_kit.gui.insights.evidence_dialogs import SelfIdentificationDialog
from interview_kit.services import candidates, rubrics
from interview_kit.services.evidence.records import self_identification_of
from tests.support.user import User

REGION = {
    "id": "region",
    "label": "Home region",
    "categories": [
        {"id": "north", "label": "North"},
        {"id": "south", "label": "South"},
        {"id": "prefer_not_to_say", "label": "Would rather not say"},
    ],
}


def _rubric_text(db, **changes) -> str:
    data = tomllib.loads(rubrics.render_rubric(rubrics.active_rubric(db).rubric))
    data.update(changes)
    return tomli_w.dumps(data)


@pytest.fixture
def db(tmp_path: Path):
    database = open_db(tmp_path)
    yield database
    database.close()


def _row_labels(dialog: SelfIdentificationDialog) -> list[str]:
    form = dialog.form
    labels = []
    for row in range(1, form.rowCount()):
        item = form.itemAt(row, form.ItemRole.LabelRole)
        widget = item.widget() if item is not None else None
        assert isinstance(widget, QLabel)
        labels.append(widget.text())
    return labels


def _choose_candidate(qtbot, user: User, dialog: SelfIdentificationDialog, name: str) -> None:
    """Choose a candidate and wait until their questions' rows are on screen."""
    user.choose(dialog.candidate, name)
    qtbot.waitUntil(lambda: all(combo.isVisible() for combo in dialog.answers.values()))


def test_the_dialog_asks_each_candidate_the_questions_of_their_rubric(qtbot, tmp_path, db) -> None:
    # A second role keeps the default questions; Builder asks its own.
    rubrics.save_rubric(db, _rubric_text(db, id="field_builder", name="Field builder"))
    rubrics.save_rubric(db, _rubric_text(db, self_identification=[REGION]))
    asked_region = candidates.add_candidate(db, name="Aino Builder", rubric_id="builder")
    asked_defaults = candidates.add_candidate(db, name="Bea Field", rubric_id="field_builder")

    _shell, page, user = evidence_pages._open_evidence(qtbot, tmp_path, db)
    user.click(page.self_id_button)
    dialog = evidence_pages._dialog(page, SelfIdentificationDialog)

    _choose_candidate(qtbot, user, dialog, "Aino Builder")
    assert _row_labels(dialog) == ["Home region"]
    region = dialog.answers["region"]
    offered = [region.itemText(i) for i in range(region.count())]
    assert offered == ["Not answered", "North", "South", "Would rather not say"]
    user.choose(region, "South")
    user.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert self_identification_of(db, asked_region.uuid) == {"region": "south"}

    user.click(page.self_id_button)
    dialog = evidence_pages._dialog(page, SelfIdentificationDialog)
    _choose_candidate(qtbot, user, dialog, "Bea Field")
    assert _row_labels(dialog) == ["Race / ethnicity", "Sex", "Protected veteran", "Disability"]
    user.choose(dialog.answers["sex"], "Female")
    _choose_candidate(qtbot, user, dialog, "Aino Builder")
    assert _row_labels(dialog) == ["Home region"]
    assert dialog.answers["region"].currentText() == "South"
    _choose_candidate(qtbot, user, dialog, "Bea Field")
    user.choose(dialog.answers["veteran"], "Not a protected veteran")
    user.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert self_identification_of(db, asked_defaults.uuid) == {"veteran": "not_veteran"}


def test_an_answer_the_rubric_no_longer_offers_stays_unless_changed(qtbot, tmp_path, db) -> None:
    west = {"id": "west", "label": "West"}
    wider = {**REGION, "categories": [*REGION["categories"], west]}
    rubrics.save_rubric(db, _rubric_text(db, self_identification=[wider]))
    person = candidates.add_candidate(db, name="Cai North")
    from interview_kit.services.evidence import record_self_identification

    record_self_identification(db, person.uuid, {"region": "north"})
    fewer = {**REGION, "categories": [*REGION["categories"][1:], west]}
    rubrics.save_rubric(db, _rubric_text(db, self_identification=[fewer]))

    _shell, page, user = evidence_pages._open_evidence(qtbot, tmp_path, db)
    user.click(page.self_id_button)
    dialog = evidence_pages._dialog(page, SelfIdentificationDialog)
    _choose_candidate(qtbot, user, dialog, "Cai North")
    assert dialog.answers["region"].currentText() == "north (no longer offered)"
    user.click(dialog.buttons.button(QDialogButtonBox.StandardButton.Save))
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert self_identification_of(db, person.uuid) == {"region": "north"}


def test_the_rubric_editor_keeps_the_section_on_save(qtbot, tmp_path, db) -> None:
    rubrics.save_rubric(db, _rubric_text(db, self_identification=[REGION]))
    user = User(qtbot)
    page = editor_pages.editor(qtbot, tmp_path, db, user)
    editor_pages.choose_node(user, page, ("criterion", 1, 0))
    form = page.forms["criterion"]
    editor_pages.type_into(user, page, form.editor("title"), "Ships a thin slice")
    editor_pages.settle(qtbot, page)
    assert page.issues == []
    editor_pages.press(user, page, page.ui.saveButton)
    editor_pages.press(user, page, page.ui.confirmSaveButton)
    assert "Saved as builder version 3" in page.banner_text
    saved = rubrics.active_rubric(db)
    assert saved.info.version == 3
    assert saved.rubric.criterion(saved.rubric.stages[1].criteria[0].id).title == (
        "Ships a thin slice"
    )
    [region] = saved.rubric.self_identification_questions()
    assert [c.label for c in region.categories] == ["North", "South", "Would rather not say"]
    assert "[[self_identification]]" in saved.text
