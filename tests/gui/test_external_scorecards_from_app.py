"""File → Import scorecards from Greenhouse or Lever…, in the running app.

The samples are the example files shipped in docs/examples (the ones the docs point to),
copied so a test may break them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from interview_kit.gui.external_scorecards_dialog import ExternalScorecardsDialog
from interview_kit.services import candidates, interviewers, rubrics
from interview_kit.services.external_scorecards import ExternalSource, external_marks
from interview_kit.services.scorecard_reads import load_scorecards
from interview_kit.storage.models import CandidateRow
from tests.support.user import User

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"
MENU = ("File", "Import scorecards from Greenhouse or Lever…")


@pytest.fixture
def person(qtbot: Any) -> User:
    return User(qtbot)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder


def _app_with_ada(make_app: Callable[..., Any], *, kate: bool = True) -> tuple[Any, Any, str]:
    app = make_app()
    db = app.controller.context.db
    rubrics.ensure_default_rubric(db)
    if kate:  # the interviewer the Greenhouse mapping names
        interviewers.add_interviewer(db, name="Kate Austen", email="kate@example.com")
    ada = candidates.add_candidate(
        db, name="Ada Lovelace", email="ada.lovelace@example.com", rubric_id="builder"
    )
    return app, db, ada.uuid


def _open(app: Any, person: User, qtbot: Any) -> ExternalScorecardsDialog:
    person.menu(app.window, *MENU)
    dialog = app.controller.interop.external.dialog
    assert isinstance(dialog, ExternalScorecardsDialog)
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5_000)  # a person waits for it
    return dialog


def _fill(dialog: ExternalScorecardsDialog, person: User, export: Path, mapping: Path) -> None:
    """Type both paths, as a person pasting them would."""
    person.focus(dialog.file)
    person.type(str(export))
    person.focus(dialog.mapping)
    person.type(str(mapping))


def _preview(dialog: ExternalScorecardsDialog, person: User, qtbot: Any) -> None:
    person.click(dialog.preview)
    qtbot.waitUntil(dialog.preview.isEnabled, timeout=10_000)


def _cells(dialog: ExternalScorecardsDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def _stored(db: Any, candidate_uuid: str) -> list[Any]:
    with db.read() as session:
        return load_scorecards(session, CandidateRow.uuid == candidate_uuid)


def test_greenhouse_scorecards_previewed_imported_and_not_twice(
    make_app: Callable[..., Any], person: User, qtbot: Any, examples: Path
) -> None:
    app, db, ada = _app_with_ada(make_app)
    dialog = _open(app, person, qtbot)
    assert not dialog.import_button.isEnabled()  # nothing previewed yet
    assert "greenhouse-mapping.toml" in dialog.mapping_help.text()  # where the example is
    _fill(
        dialog,
        person,
        examples / "greenhouse-scorecards.json",
        examples / "greenhouse-mapping.toml",
    )
    _preview(dialog, person, qtbot)

    assert dialog.source.currentText() == "Greenhouse"
    assert not dialog.problems.isVisible()
    assert dialog.summary.text().startswith("2 scorecards from Greenhouse to import.")
    assert _cells(dialog) == [
        ["Greenhouse 211231", "Ada Lovelace", "technical_deep_dive", "Kate Austen", "3",
         "would be added"],
        ["Greenhouse 211232", "Ada Lovelace", "initial_screen", "Jack Shephard", "2",
         "would be added"],
    ]  # fmt: skip
    assert _stored(db, ada) == []  # a preview writes nothing

    person.click(dialog.import_button)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Imported"), timeout=10_000)
    assert dialog.summary.text() == ("Imported 2 scorecards from Greenhouse; 1 interviewer added.")
    assert dialog.isVisible()
    assert [row[-1] for row in _cells(dialog)] == ["added", "added"]
    stored = _stored(db, ada)
    assert sorted(card.stage_id for card in stored) == ["initial_screen", "technical_deep_dive"]
    marks = external_marks(db, [card.uuid for card in stored])
    assert sorted(mark.external_id for mark in marks.values()) == ["211231", "211232"]
    assert {mark.source for mark in marks.values()} == {ExternalSource.GREENHOUSE}

    # Again, in a new dialog: already imported, and nothing to import.
    person.click(dialog.buttons.button(dialog.buttons.StandardButton.Close))
    qtbot.waitUntil(lambda: app.controller.interop.external.dialog is None, timeout=5_000)
    dialog = _open(app, person, qtbot)
    _fill(
        dialog,
        person,
        examples / "greenhouse-scorecards.json",
        examples / "greenhouse-mapping.toml",
    )
    _preview(dialog, person, qtbot)
    assert dialog.summary.text() == "Nothing new: 2 scorecards already imported."
    assert [row[-1] for row in _cells(dialog)] == ["already imported", "already imported"]
    assert not dialog.import_button.isEnabled()
    assert len(_stored(db, ada)) == 2


def test_lever_is_chosen_from_the_mapping_file(
    make_app: Callable[..., Any], person: User, qtbot: Any, examples: Path
) -> None:
    app, db, ada = _app_with_ada(make_app)
    dialog = _open(app, person, qtbot)
    assert dialog.source.currentText() == "Greenhouse"
    _fill(dialog, person, examples / "lever-feedback.json", examples / "lever-mapping.toml")
    _preview(dialog, person, qtbot)
    assert dialog.source.currentText() == "Lever"
    assert dialog.source_note.text() == "as the mapping file says"
    assert "lever-mapping.toml" in dialog.mapping_help.text()
    assert _cells(dialog) == [
        ["Lever 3f6bd5d8-6d7c-4a4e-b5d3-93c4c4b1c0a1", "Ada Lovelace", "product_assessment",
         "Rachel Green", "3", "would be added"],
    ]  # fmt: skip
    person.click(dialog.import_button)
    qtbot.waitUntil(lambda: dialog.summary.text().startswith("Imported"), timeout=10_000)
    (card,) = _stored(db, ada)
    assert card.interviewer_name == "Rachel Green"
    assert card.stage_id == "product_assessment"


def test_a_bad_mapping_line_is_shown_where_it_is_and_nothing_is_stored(
    make_app: Callable[..., Any], person: User, qtbot: Any, examples: Path
) -> None:
    app, db, ada = _app_with_ada(make_app)
    mapping = examples / "greenhouse-mapping.toml"
    good = mapping.read_text(encoding="utf-8")
    mapping.write_text(good.replace("mixed = 2          #", "mixed = 7  #"), encoding="utf-8")
    dialog = _open(app, person, qtbot)
    _fill(dialog, person, examples / "greenhouse-scorecards.json", mapping)
    _preview(dialog, person, qtbot)
    assert dialog.problems.isVisible()
    listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any(
        'greenhouse-mapping.toml: [ratings] "mixed"' in line and "less than or equal to 4" in line
        for line in listed
    ), listed
    assert "the mapping file has problems" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.table.rowCount() == 0

    # Corrected on disk, previewed again: now it may be imported.
    mapping.write_text(good, encoding="utf-8")
    _preview(dialog, person, qtbot)
    assert not dialog.problems.isVisible()
    assert dialog.import_button.isEnabled()
    assert _stored(db, ada) == []


def test_an_unknown_interviewer_and_candidate_are_listed_and_block_the_import(
    make_app: Callable[..., Any], person: User, qtbot: Any, examples: Path
) -> None:
    app, db, ada = _app_with_ada(make_app, kate=False)
    export = examples / "greenhouse-scorecards.json"
    data = json.loads(export.read_text(encoding="utf-8"))
    data[1]["candidate_id"] = 999
    export.write_text(json.dumps(data), encoding="utf-8")
    dialog = _open(app, person, qtbot)
    _fill(dialog, person, export, examples / "greenhouse-mapping.toml")
    _preview(dialog, person, qtbot)
    listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert len(listed) == 2, listed
    assert listed[0].endswith(
        'greenhouse-mapping.toml: [interviewers] "4080": '
        "no interviewer matches 'kate@example.com'"
    )
    assert "greenhouse-scorecards.json: [1]: unknown candidate '999'" in listed[1]
    assert "nothing was imported; 2 problems to fix first" in dialog.summary.text()
    assert not dialog.import_button.isEnabled()
    assert _stored(db, ada) == []


def test_an_import_that_fails_keeps_the_dialog_and_what_was_typed(
    make_app: Callable[..., Any], person: User, qtbot: Any, examples: Path
) -> None:
    app, db, ada = _app_with_ada(make_app)
    export = examples / "greenhouse-scorecards.json"
    mapping = examples / "greenhouse-mapping.toml"
    dialog = _open(app, person, qtbot)
    _fill(dialog, person, export, mapping)
    _preview(dialog, person, qtbot)
    assert dialog.import_button.isEnabled()
    # The export changes on disk between the preview and the import.
    data = json.loads(export.read_text(encoding="utf-8"))
    data[0]["attributes"][0]["rating"] = "meh"
    export.write_text(json.dumps(data), encoding="utf-8")
    person.click(dialog.import_button)
    qtbot.waitUntil(dialog.problems.isVisible, timeout=10_000)
    listed = [dialog.problems.item(i).text() for i in range(dialog.problems.count())]
    assert any("unknown rating word 'meh'" in line for line in listed), listed
    assert dialog.isVisible()
    assert (dialog.file.text(), dialog.mapping.text()) == (str(export), str(mapping))
    assert not dialog.import_button.isEnabled()
    assert _stored(db, ada) == []


def test_editing_a_path_after_the_preview_asks_for_another(
    make_app: Callable[..., Any], person: User, qtbot: Any, examples: Path
) -> None:
    app, _db, _ada = _app_with_ada(make_app)
    dialog = _open(app, person, qtbot)
    _fill(
        dialog,
        person,
        examples / "greenhouse-scorecards.json",
        examples / "greenhouse-mapping.toml",
    )
    _preview(dialog, person, qtbot)
    assert dialog.import_button.isEnabled()
    person.focus(dialog.mapping)
    person.type("x")
    assert not dialog.import_button.isEnabled()
    assert dialog.summary.text() == "Changed since the preview: Preview again."
