"""The stage walk driven as an interviewer drives it: keys, clicks, and what gets stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QMessageBox, QRadioButton

from interview_kit.domain.scorecard import Vote
from interview_kit.gui.stage_walk import Step
from interview_kit.gui.stage_walk.ratings import RatingSelector
from tests.gui.conftest import sign_in
from tests.gui.walk_support import CTRL, go, open_from_home, stored, wait_saved
from tests.support.user import User, UserError

STAGES = ("initial_screen", "technical_deep_dive", "product_assessment")


def focused():
    return QApplication.focusWidget()


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
    qtbot.waitUntil(lambda: walk.is_submitted, timeout=10_000)

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
    go(user, walk, Step.RATINGS)
    user.press(Qt.Key.Key_1)
    assert walk.content.ratings[criteria[0].id].rating == 4
    assert walk.ratings.cards[criteria[0].id].evidence.isReadOnly()


# ---------------------------------------------------------------------------------------
# Leaving the walk: back where it was opened, focus in the list


@pytest.fixture
def app(make_app, demo_db, qtbot):
    from tests.gui.walk_support import started

    return started(make_app, demo_db, qtbot)


def open_my_interview(app, user) -> tuple[object, object]:
    """Home → My interviews → Enter on the first row."""
    home = app.window.page("home")
    view = home.ui.myInterviews
    assert home.interviews.rowCount() > 0
    user.click_row(view, 0)
    user.press(Qt.Key.Key_Return)
    walk = app.controller.walks.walk
    assert walk is not None, "Enter on my interview did not open it"
    return walk, view


@pytest.mark.parametrize("leave", ["escape", "home button", "space on home button"])
def test_leaving_a_walk_opened_from_my_interviews_returns_there(app, user, qtbot, leave) -> None:
    sign_in(app, "Dev Raghunathan")
    walk, view = open_my_interview(app, user)
    assert User.showing(app.window) is walk
    if leave == "escape":
        user.press(Qt.Key.Key_Escape)
    elif leave == "home button":
        user.click(walk.ui.homeButton)
    else:
        walk.ui.homeButton.setFocus(Qt.FocusReason.TabFocusReason)
        user.press(Qt.Key.Key_Space)
    assert app.controller.walks.walk is None
    user.assert_showing(app.window, "home")
    assert focused() is view
    # What is typed now goes to the list on screen, not to a hidden page.
    user.press(Qt.Key.Key_Down)
    assert focused() is view


def test_leaving_a_walk_opened_from_the_candidate_list_returns_to_that_list(
    app, user, qtbot
) -> None:
    sign_in(app, "Ada Lovelace")
    home = app.window.page("home")
    user.click_row(home.ui.candidates, 0)
    user.press(Qt.Key.Key_Return)
    assert app.controller.walks.walk is not None
    user.press(Qt.Key.Key_Escape)
    user.assert_showing(app.window, "home")
    assert focused() is home.ui.candidates


def test_a_walk_for_a_closed_candidate_says_so(app, user, qtbot) -> None:
    from interview_kit.services import candidates

    sign_in(app, "Ada Lovelace")
    db = app.controller.context.db
    record = candidates.resolve_candidate(db, "Siobhán")
    candidates.set_status(db, record.uuid, "rejected", actor="tests")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    assert walk.closed_banner.isVisible()
    assert "was rejected" in walk.closed_banner.text()
    assert "closed" in walk.closed_banner.text()

    # An open candidate's walk has no such banner.
    user.press(Qt.Key.Key_Escape)
    other = open_from_home(app, user, qtbot, "Zoë", "initial_screen")
    assert not other.closed_banner.isVisible()


def test_the_form_takes_no_input_while_its_submit_is_in_flight(
    app, user, qtbot, modal_answers
) -> None:
    import sqlite3

    from tests.gui.walk_support import complete

    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    complete(user, walk)
    wait_saved(qtbot, walk)
    go(user, walk, Step.REVIEW)
    holder = sqlite3.connect(app.controller.context.db.path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        modal_answers.then(QMessageBox.StandardButton.Yes)
        user.click(walk.review.submit_button)
        assert walk.saved_text() == "Submitting…"
        assert not walk.is_submitted
        with pytest.raises(UserError, match="disabled"):
            user.click(walk.review.submit_button)
        with pytest.raises(UserError, match="disabled"):
            user.click(walk.stepper.buttons[Step.RATINGS])
    finally:
        holder.execute("COMMIT")
        holder.close()
    qtbot.waitUntil(lambda: walk.is_submitted, timeout=10_000)
    assert walk.saved_text() == "Submitted"
    assert walk.ui.steps.isEnabled()
    # The focus comes back to what the form now offers, not to a hidden button.
    assert focused() is walk.review.amend_button
    assert stored(app, walk).is_submitted
