"""The stage walk driven as an interviewer drives it: keys, clicks, and what gets stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QRadioButton

from interview_kit.domain.scorecard import Vote
from interview_kit.gui.stage_walk import Step
from interview_kit.gui.stage_walk.ratings import RatingSelector
from interview_kit.services import candidates, scorecard_reads
from tests.gui.conftest import sign_in

CTRL = Qt.KeyboardModifier.ControlModifier
STAGES = ("initial_screen", "technical_deep_dive", "product_assessment")


def candidate_uuid(app, name: str) -> str:
    return candidates.resolve_candidate(app.controller.context.db, name).uuid


def open_from_home(app, user, qtbot, name: str, stage_id: str):
    """Search for the candidate, pick the stage and press Enter, as a user would."""
    home = app.window.page("home")
    app.window.show_page("home")
    app.window.activateWindow()
    qtbot.waitUntil(app.window.isActiveWindow)
    home.ui.search.setFocus()
    home.ui.search.clear()
    user.type(name, home.ui.search)
    qtbot.waitUntil(lambda: home.candidates.rowCount() >= 1)
    home.ui.stageChoice.setCurrentIndex(home.ui.stageChoice.findData(stage_id))
    home.ui.search.setFocus()
    user.press(Qt.Key.Key_Return, widget=home.ui.search)
    walk = app.controller.walks.walk
    assert walk is not None, "the stage walk did not open"
    assert walk.setup.stage_id == stage_id
    return walk


def focused():
    return QApplication.focusWidget()


def stored(app, walk):
    detail = scorecard_reads.find_scorecard(
        app.controller.context.db,
        walk.setup.candidate.uuid,
        walk.setup.stage_id,
        app.controller.context.interviewer.uuid,
    )
    assert detail is not None, "nothing stored yet"
    return detail


def wait_saved(qtbot, walk) -> None:
    qtbot.waitUntil(
        lambda: not walk.is_dirty and walk.saved_text().startswith("Saved"), timeout=5000
    )


@pytest.mark.parametrize("stage_id", STAGES)
def test_score_a_whole_stage_with_the_keyboard(
    make_app, demo_db, qtbot, user, modal_answers, stage_id
) -> None:
    app = make_app(demo_db)
    qtbot.waitUntil(lambda: app.controller.identity_dialog is not None)
    app.controller.identity_dialog.reject()
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhan", stage_id)
    stage = walk.setup.stage
    assert walk.current_step() is Step.BRIEF
    assert stage.purpose[:40] in walk.brief.body.text()

    # Exercises: start the first timer with Space, then write notes.
    user.press(Qt.Key.Key_PageDown, CTRL)
    assert walk.current_step() is Step.EXERCISES
    first = walk.exercises.cards[stage.exercises[0].id]
    assert focused() is first.timer.start_button
    user.press(Qt.Key.Key_Space)
    assert first.timer.running
    user.tab(2)
    assert focused() is first.notes
    user.type("Built the clinic no-show prototype in 30 minutes.")

    # Ratings: the first criterion a 4 (needs evidence), the rest by keys, one N/A.
    user.press(Qt.Key.Key_PageDown, CTRL)
    assert walk.current_step() is Step.RATINGS
    criteria = stage.criteria
    assert isinstance(focused(), RatingSelector)
    user.press(Qt.Key.Key_4)
    user.tab()
    card = walk.ratings.cards[criteria[0].id]
    assert focused() is card.evidence
    assert card.evidence_missing()
    user.type("Named the riskiest assumption and tested it with a real user.")
    for index, criterion in enumerate(criteria[1:], start=1):
        user.tab()
        assert focused() is walk.ratings.cards[criterion.id].selector
        key = Qt.Key.Key_0 if index == len(criteria) - 1 else Qt.Key.Key_3
        user.press(key)
        user.tab()
        user.type(f"Evidence {index}")

    # Signals and red flags: tick the first signal with Space, write its evidence.
    user.press(Qt.Key.Key_PageDown, CTRL)
    assert walk.current_step() is Step.SIGNALS
    assert isinstance(focused(), QCheckBox)
    user.press(Qt.Key.Key_Space)
    user.tab()
    user.type("Asked which clinics lose the most revenue.")

    # Level and recommendation: arrows on the ladder, Tab to the vote, arrows again.
    user.press(Qt.Key.Key_PageDown, CTRL)
    assert walk.current_step() is Step.LEVEL
    assert isinstance(focused(), QRadioButton)
    user.press(Qt.Key.Key_Down)
    user.press(Qt.Key.Key_Down)
    assert walk.content.level_evidence == "L5"
    user.tab()
    assert focused() in walk.level.vote_buttons.values()
    user.press(Qt.Key.Key_Right)
    user.press(Qt.Key.Key_Right)
    user.press(Qt.Key.Key_Right)
    assert walk.content.vote is Vote.YES or walk.content.vote is Vote.STRONG_YES
    user.tab()
    assert focused() is walk.level.summary
    user.type("Strong owner; shipped fast; clear on trade-offs.")
    user.tab()
    assert focused() is walk.level.private_notes
    user.type("Ask about the second start-up next time.")

    # Review: nothing missing; submit and confirm.
    user.press(Qt.Key.Key_PageDown, CTRL)
    assert walk.current_step() is Step.REVIEW
    assert not [p for p in walk.problems() if p.blocking]
    assert focused() is walk.review.submit_button
    modal_answers.then(QMessageBox.StandardButton.Yes)
    user.press(Qt.Key.Key_Space)
    assert modal_answers.pending == 0
    assert walk.is_submitted

    detail = stored(app, walk)
    assert detail.is_submitted
    card_ = detail.scorecard
    assert card_.rating_for(criteria[0].id) == 4
    assert card_.rating_for(criteria[-1].id) is None  # N/A
    assert {r.criterion_id for r in card_.ratings} == {c.id for c in criteria}
    assert card_.level_evidence == "L5"
    assert card_.summary == "Strong owner; shipped fast; clear on trade-offs."
    assert detail.private_notes == "Ask about the second start-up next time."
    assert card_.exercise_notes[stage.exercises[0].id].startswith("Built the clinic")
    assert len(card_.signals) == 1

    # Read-only now: keys change nothing.
    walk.go_to(Step.RATINGS)
    user.press(Qt.Key.Key_1)
    assert walk.content.ratings[criteria[0].id].rating == 4
    assert walk.ratings.cards[criteria[0].id].evidence.isReadOnly()
