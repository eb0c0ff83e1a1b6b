"""The walk's rules: validation, amendments, autosave, hostile text, independent scoring."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from interview_kit.domain.scorecard_content import TEXT_LIMIT
from interview_kit.gui.stage_walk import AUTOSAVE_DELAY_MS, Step
from interview_kit.services import candidates, packets, panel_review, scorecard_reads
from tests.gui.conftest import sign_in
from tests.gui.walk_support import (
    click,
    complete,
    go,
    open_from_home,
    paste,
    rate,
    reach,
    started,
    stored,
    submit,
    wait_saved,
    write,
)


@pytest.fixture
def app(make_app, demo_db, qtbot):
    return started(make_app, demo_db, qtbot)


def visible_text(root) -> str:
    """Everything the window shows or offers to assistive technology, as one string."""
    parts: list[str] = []
    for label in root.findChildren(QLabel):
        parts += [label.text(), label.toolTip(), label.accessibleName()]
    for button in root.findChildren(QAbstractButton):
        parts += [button.text(), button.toolTip(), button.accessibleDescription()]
    for edit in root.findChildren(QPlainTextEdit):
        parts.append(edit.toPlainText())
    for line in root.findChildren(QLineEdit):
        parts.append(line.text())
    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        try:
            columns = model.columnCount(QModelIndex())
        except TypeError:  # a list widget's private model
            columns = 1
        for column in range(columns):
            parts.append(str(model.headerData(column, Qt.Orientation.Horizontal)))
        for row in range(model.rowCount(QModelIndex())):
            for column in range(columns):
                index = model.index(row, column)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if value:
                        parts.append(str(value))
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------
# Validation


def test_review_lists_what_is_missing_and_each_item_leads_back(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    first = walk.setup.stage.criteria[0]
    rate(user, walk, first.id, 1)
    card = walk.ratings.cards[first.id]
    assert card.evidence_missing()
    assert "required" in card.evidence_label.text()

    go(user, walk, Step.SIGNALS)
    flag = walk.signals.items[("red_flag", "lacks_customer_empathy")]
    assert flag.is_blocker
    reach(flag.check)
    user.focus(flag.check)
    user.press(Qt.Key.Key_Space)
    assert flag.evidence_missing()

    go(user, walk, Step.REVIEW)
    messages = [b.text() for b in walk.review.problem_buttons]
    assert any("a rating of 1 needs evidence" in m for m in messages)
    assert any("not rated" in m for m in messages)
    assert any("ticked without evidence" in m for m in messages)
    assert any("overall recommendation is missing" in m for m in messages)
    assert not walk.review.submit_button.isEnabled()
    assert "missing before you can submit" in walk.review.banner.text()
    assert walk.stepper.buttons[Step.RATINGS].mark.value == "needs attention"

    evidence_link = next(
        b for b in walk.review.problem_buttons if "a rating of 1 needs evidence" in b.text()
    )
    qtbot.waitUntil(lambda: evidence_link.height() > 0)
    click(user, evidence_link)
    assert walk.current_step() is Step.RATINGS
    assert QApplication.focusWidget() is card.evidence

    go(user, walk, Step.REVIEW)
    flag_link = next(b for b in walk.review.problem_buttons if "ticked without" in b.text())
    qtbot.waitUntil(lambda: flag_link.height() > 0)
    click(user, flag_link)
    assert walk.current_step() is Step.SIGNALS
    assert QApplication.focusWidget() is flag.evidence


def test_cancelling_the_confirmation_submits_nothing(app, qtbot, user, modal_answers) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    complete(user, walk)
    go(user, walk, Step.REVIEW)
    modal_answers.then(QMessageBox.StandardButton.Cancel)
    click(user, walk.review.submit_button)
    assert not walk.is_submitted
    wait_saved(qtbot, walk)
    assert not stored(app, walk).is_submitted


# ---------------------------------------------------------------------------------------
# Amendments


def test_amend_a_submitted_scorecard_with_a_reason(app, qtbot, user, modal_answers) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "technical_deep_dive")
    complete(user, walk, rating=3)
    submit(user, walk, modal_answers, qtbot)
    first = walk.setup.stage.criteria[0]

    go(user, walk, Step.REVIEW)
    assert walk.review.amend_button.isVisible()
    click(user, walk.review.amend_button)
    assert walk.is_amending
    go(user, walk, Step.RATINGS)
    rate(user, walk, first.id, 4)
    go(user, walk, Step.REVIEW)
    # After an edit, step 6 still offers to save the amendment, never to submit again.
    assert not walk.review.submit_button.isVisible()
    assert walk.review.amend_button.text().replace("&", "") == "Save amendment…"
    assert "Ready to submit" not in walk.review.banner.text()
    assert "Amending" in walk.review.banner.text()
    assert walk.stepper.buttons[Step.REVIEW].isEnabled()

    # An empty reason is refused in place; then a real one saves the amendment.
    modal_answers.then(QDialog.DialogCode.Accepted, text="   ")
    click(user, walk.review.amend_button)
    assert "needs a reason" in walk.review.banner.text()
    assert walk.is_amending
    modal_answers.then(QDialog.DialogCode.Accepted, text="I misread my notes on the demo")
    click(user, walk.review.amend_button)
    qtbot.waitUntil(lambda: not walk.is_busy, timeout=10_000)
    assert not walk.is_amending

    detail = stored(app, walk)
    assert detail.original.rating_for(first.id) == 3
    assert detail.scorecard.rating_for(first.id) == 4
    assert [a.reason for a in detail.amendments] == ["I misread my notes on the demo"]
    history = walk.review.history.text()
    assert "Submitted" in history
    assert "Amendment 1" in history
    assert "I misread my notes on the demo" in history
    assert f"{first.title}: 3 (Yes) → 4 (Strong yes)" in history
    assert "amended 1 time" in walk.review.banner.text()

    # Reopened later, the walk shows the corrected card and both entries of its history.
    click(user, walk.ui.homeButton)
    again = open_from_home(app, user, qtbot, "Siobhán", "technical_deep_dive")
    assert again.is_submitted
    assert again.content.ratings[first.id].rating == 4
    assert "Amendment 1" in again.review.history.text()

    # The panel review and the packet show the original and the amendment.
    db = app.controller.context.db
    review = panel_review.panel_review(db, again.setup.candidate.uuid)
    assert detail.uuid in review.amended
    packet = packets.packet_data(db, again.setup.candidate.uuid)
    mine = [a for a in packet.amendments if a.reason == "I misread my notes on the demo"]
    assert len(mine) == 1
    assert first.title in mine[0].change
    assert "Ada Lovelace" in mine[0].change


def test_an_edit_while_amending_can_be_saved_from_the_review_step(
    app, qtbot, user, modal_answers
) -> None:
    """Only the summary changed: the amendment is still finished from step 6."""
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    complete(user, walk)
    submit(user, walk, modal_answers, qtbot)
    click(user, walk.review.amend_button)
    go(user, walk, Step.LEVEL)
    write(user, walk.level.summary, " Stronger than I first wrote.")
    go(user, walk, Step.REVIEW)
    modal_answers.then(QDialog.DialogCode.Accepted, text="Summary undersold the exercise")
    click(user, walk.review.amend_button)
    qtbot.waitUntil(lambda: not walk.is_amending and not walk.is_busy, timeout=10_000)
    assert [title for title, _body in modal_answers.shown] == [
        "Submit this scorecard?",
        "Reason for the amendment",
    ]
    assert stored(app, walk).scorecard.summary == "Solid. Stronger than I first wrote."
    assert stored(app, walk).original.summary == "Solid."


def test_an_amendment_that_changes_nothing_is_refused(app, qtbot, user, modal_answers) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    complete(user, walk)
    submit(user, walk, modal_answers, qtbot)
    click(user, walk.review.amend_button)
    modal_answers.then(QDialog.DialogCode.Accepted, text="no reason really")
    modal_answers.then(QMessageBox.StandardButton.Ok)
    click(user, walk.review.amend_button)
    assert modal_answers.shown[-1][0] == "Nothing to amend"
    assert not stored(app, walk).amendments


# ---------------------------------------------------------------------------------------
# Autosave


def test_every_change_is_saved_within_a_second_with_a_visible_time(app, qtbot, user) -> None:
    assert AUTOSAVE_DELAY_MS < 1000
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    assert walk.saved_text() == "Nothing entered yet"
    first = walk.setup.stage.criteria[0]
    rate(user, walk, first.id, 2)
    assert walk.saved_text() == "Saving…"
    qtbot.waitUntil(lambda: walk.saved_text().startswith("Saved "), timeout=3000)
    assert app.window.saved_label.text().startswith("Saved ")
    assert stored(app, walk).scorecard.rating_for(first.id) == 2


def test_leaving_the_walk_stores_what_was_just_typed(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.LEVEL)
    write(user, walk.level.summary, "typed just before leaving")
    user.press(Qt.Key.Key_Escape)
    assert app.controller.walks.walk is None
    assert app.window.current_page_key() == "home"
    user.assert_showing(app.window, "home")
    assert app.controller.context.writes.wait_idle(10)
    detail = scorecard_reads.find_scorecard(
        app.controller.context.db,
        candidates.resolve_candidate(app.controller.context.db, "Siobhán").uuid,
        "initial_screen",
        app.controller.context.interviewer.uuid,
    )
    assert detail.scorecard.summary == "typed just before leaving"


HOSTILE = (
    "<b>bold?</b> <script>alert('x')</script> &amp; "
    "emoji 👩🏽‍💻🚀 · עברית מימין לשמאל · العربية · 日本語 · Zoë\u200b"
)


def test_hostile_text_is_stored_and_shown_as_typed(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "product_assessment")
    exercise = walk.setup.stage.exercises[0]
    go(user, walk, Step.EXERCISES)
    notes = walk.exercises.cards[exercise.id].notes
    write(user, notes, HOSTILE)
    # A long paste (the limit is far beyond any real note) goes in whole.
    pasted = ("A long pasted transcript line with <tags> & ampersands. " * 400)[:20_000]
    go(user, walk, Step.LEVEL)
    paste(user, walk.level.summary, pasted)
    write(user, walk.level.private_notes, "مرحبا <i>not italic</i>")
    wait_saved(qtbot, walk)

    detail = stored(app, walk)
    assert detail.scorecard.exercise_notes[exercise.id] == HOSTILE
    assert detail.scorecard.summary == pasted
    assert detail.private_notes == "مرحبا <i>not italic</i>"

    click(user, walk.ui.homeButton)
    again = open_from_home(app, user, qtbot, "Siobhán", "product_assessment")
    assert again.exercises.cards[exercise.id].notes.toPlainText() == HOSTILE
    assert again.level.summary.toPlainText() == pasted


def test_markup_in_a_candidate_name_is_shown_as_text(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    record = candidates.add_candidate(
        app.controller.context.db,
        name="<b>Bobby</b> 🚀 تجربة",
        email="bobby@example.com",
        notes="<img src=x onerror=alert(1)> line one\nline two",
    )
    app.controller.context.dataChanged.emit()  # added elsewhere; Home lists it again
    walk = open_from_home(app, user, qtbot, "Bobby", "initial_screen")
    assert walk.setup.candidate.uuid == record.uuid
    assert walk.ui.title.textFormat() == Qt.TextFormat.PlainText
    assert walk.ui.title.text().startswith("<b>Bobby</b> 🚀 تجربة")
    assert "&lt;b&gt;Bobby&lt;/b&gt;" in walk.brief.body.text()
    assert "<img" not in walk.brief.body.text()


def test_a_note_over_the_limit_is_refused_and_everything_else_still_saved(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    first = walk.setup.stage.criteria[0]
    rate(user, walk, first.id, 3)
    go(user, walk, Step.LEVEL)
    paste(user, walk.level.summary, "x" * (TEXT_LIMIT + 1))
    qtbot.waitUntil(lambda: walk.saved_text().startswith("Not saved:"), timeout=10_000)
    assert walk.saved_text().startswith("Not saved:")
    assert "too long" in walk.saved_text()
    detail = stored(app, walk)
    assert detail.scorecard.rating_for(first.id) == 3
    assert detail.scorecard.summary == ""
    # Shortened, it saves.
    paste(user, walk.level.summary, "x" * 10, replace=True)
    wait_saved(qtbot, walk)
    assert walk.saved_text().startswith("Saved ")
    assert stored(app, walk).scorecard.summary == "x" * 10


# ---------------------------------------------------------------------------------------
# Independent scoring


def _others(app, name: str, stage_id: str, me: str):
    uuid = candidates.resolve_candidate(app.controller.context.db, name).uuid
    cards = [
        c
        for c in scorecard_reads.effective_scorecards(app.controller.context.db, uuid)
        if c.stage_id == stage_id and c.interviewer_uuid != me
    ]
    assert cards, "the demo should have other scorecards here"
    return cards


def _secrets(cards) -> list[str]:
    """What only a panel member who has submitted may read: who scored, and what they wrote."""
    found = []
    for card in cards:
        found.append(card.interviewer_name)
        found += [r.evidence for r in card.ratings if len(r.evidence) > 12]
        if card.summary:
            found.append(card.summary)
    return found


def test_nothing_of_the_others_is_visible_before_submitting(
    app, qtbot, user, modal_answers
) -> None:
    me = sign_in(app, "Ada Lovelace")
    others = _others(app, "Zoë Lefèvre", "initial_screen", me.uuid)
    walk = open_from_home(app, user, qtbot, "Zoë Lefèvre", "initial_screen")
    for step in Step:
        go(user, walk, step)
        text = visible_text(walk) + visible_text(app.window.page("home"))
        for secret in _secrets(others):
            assert secret not in text, f"{secret!r} visible before submitting ({step.title})"
    assert not walk.review.compare_view.isVisibleTo(walk)
    headers = visible_text(app.window.page("home"))
    assert "Score" not in headers
    assert "Recommendation" not in headers

    complete(user, walk)
    submit(user, walk, modal_answers, qtbot)
    go(user, walk, Step.REVIEW)
    assert walk.review.compare_view.isVisible()
    model = walk.review.comparison
    columns = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert columns[:2] == ["Criterion", "You"]
    assert columns[-1] == "Spread"
    assert {card.interviewer_name for card in others} <= set(columns)
    assert model.rowCount() == len(walk.setup.stage.criteria) + 2


def _draft_beside_submitted(db) -> tuple[str, str, str]:
    """A demo (candidate, stage, interviewer) with the interviewer's draft next to
    someone else's submitted scorecard."""
    page = candidates.list_candidates(db, candidates.CandidateQuery(limit=100))
    for row in page.rows:
        infos = scorecard_reads.scorecards_for_candidate(db, row.uuid)
        for draft in (i for i in infos if i.status.value == "draft"):
            if any(
                i.stage_id == draft.stage_id
                and i.interviewer_uuid != draft.interviewer_uuid
                and i.status.value == "submitted"
                for i in infos
            ):
                return row.name, draft.stage_id, draft.interviewer_name
    raise AssertionError("the demo has no draft beside a submitted scorecard")


def test_a_draft_of_my_own_does_not_unlock_the_others(make_app, demo_db, qtbot, user) -> None:
    app = started(make_app, demo_db, qtbot)
    name, stage_id, interviewer = _draft_beside_submitted(app.controller.context.db)
    me = sign_in(app, interviewer)
    others = _others(app, name, stage_id, me.uuid)
    walk = open_from_home(app, user, qtbot, name, stage_id)
    assert not walk.is_submitted
    assert walk.content.ratings or walk.content.summary, "the demo draft is loaded"
    for step in Step:
        go(user, walk, step)
        text = visible_text(walk) + visible_text(app.window.page("home"))
        for secret in _secrets(others):
            assert secret not in text


def test_spreads_are_highlighted_in_the_comparison(app, qtbot, user, modal_answers) -> None:
    me = sign_in(app, "Ada Lovelace")
    others = _others(app, "Zoë Lefèvre", "technical_deep_dive", me.uuid)
    walk = open_from_home(app, user, qtbot, "Zoë Lefèvre", "technical_deep_dive")
    # Rate every criterion 1 (with evidence): far from a panel that made an offer.
    complete(user, walk, rating=1)
    submit(user, walk, modal_answers, qtbot)
    model = walk.review.comparison
    flagged = model.flagged_rows()
    threshold = walk.setup.rubric.rules.spread_threshold
    expected = [
        c.title
        for c in walk.setup.stage.criteria
        if any((card.rating_for(c.id) or 0) - 1 >= threshold for card in others)
    ]
    assert expected, "the demo panel rated this stage well"
    assert set(expected) <= set(flagged)
    row = next(r for r in range(model.rowCount()) if model.data(model.index(r, 0)) == expected[0])
    assert model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_exercise_timers_run_against_the_time_box(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    go(user, walk, Step.EXERCISES)
    first, second = list(walk.exercises.cards.values())[:2]
    limit = first.exercise.minutes * 60
    assert first.timer.display.text() == f"0:00 / {first.exercise.minutes}:00"
    click(user, first.timer.start_button)
    assert first.timer.running
    click(user, second.timer.start_button)
    assert second.timer.running
    assert not first.timer.running, "starting one exercise pauses the others"
    first.timer.add_seconds(limit - 60)
    assert "left" in first.timer.state.text()
    first.timer.add_seconds(125)
    assert "Over the time box by 1:05" in first.timer.state.text()
    click(user, first.timer.reset_button)
    assert first.timer.elapsed_seconds() == 0
    assert first.timer.state.text() == ""


def test_step_marks_follow_the_work(app, qtbot, user) -> None:
    sign_in(app, "Ada Lovelace")
    walk = open_from_home(app, user, qtbot, "Siobhán", "initial_screen")
    marks = walk.stepper.buttons
    assert marks[Step.BRIEF].mark.value == "done"
    assert marks[Step.RATINGS].mark.value == "not started"
    first = walk.setup.stage.criteria[0]
    rate(user, walk, first.id, 3)
    assert marks[Step.RATINGS].mark.value == "in progress"
    assert "1 of" in marks[Step.RATINGS].accessibleDescription()
    complete(user, walk)
    assert marks[Step.RATINGS].mark.value == "done"
    assert marks[Step.LEVEL].mark.value == "done"
