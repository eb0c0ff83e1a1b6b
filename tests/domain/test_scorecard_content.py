"""Scorecard content: one value, changes applied and worked out in one place, the rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_kit.domain.rubric import Rubric, load_rubric
from interview_kit.domain.scorecard import CriterionRating, Scorecard, ScorecardStatus, Vote
from interview_kit.domain.scorecard_content import (
    TEXT_LIMIT,
    ScorecardChanges,
    ScorecardContent,
    ScorecardContentError,
    check_changes,
    scorecard_problems,
    submission_problems,
    with_amendments,
)
from interview_kit.domain.unset import UNSET

REPO = Path(__file__).resolve().parents[2]
RUBRIC: Rubric = load_rubric(REPO / "resources" / "rubrics" / "builder.toml")
STAGE = RUBRIC.stages[1]
CRITERIA = [c.id for c in STAGE.criteria]
SIGNALS = [s.id for s in RUBRIC.signals]
FLAGS = [f.id for f in RUBRIC.red_flags]
EXERCISES = [e.id for e in STAGE.exercises] or ["none"]

_text = st.text(max_size=8)


@st.composite
def contents(draw: st.DrawFn) -> ScorecardContent:
    ratings = {
        cid: CriterionRating(cid, draw(st.none() | st.integers(1, 4)), draw(_text))
        for cid in draw(st.lists(st.sampled_from(CRITERIA), unique=True))
    }
    return ScorecardContent(
        ratings=ratings,
        signals=draw(st.dictionaries(st.sampled_from(SIGNALS), _text)),
        red_flags=draw(st.dictionaries(st.sampled_from(FLAGS), _text)),
        exercise_notes=draw(st.dictionaries(st.sampled_from(EXERCISES), _text)),
        level_evidence=draw(st.none() | st.sampled_from(["L4", "L5", "below"])),
        vote=draw(st.none() | st.sampled_from(list(Vote))),
        summary=draw(_text),
        private_notes=draw(_text),
    )


def _exercise_notes_filled(old: ScorecardContent, new: ScorecardContent) -> ScorecardContent:
    """Exercise notes are never taken away, only emptied: compare on that footing."""
    notes = dict.fromkeys(old.exercise_notes, "")
    notes.update(new.exercise_notes)
    return ScorecardContent(
        new.ratings,
        new.signals,
        new.red_flags,
        notes,
        new.level_evidence,
        new.vote,
        new.summary,
        new.private_notes,
    )


@given(contents(), contents())
def test_applying_the_diff_gives_the_other_content(old: ScorecardContent, new: ScorecardContent):
    changes = old.diff(new)
    assert old.apply(changes) == _exercise_notes_filled(old, new)
    assert new.diff(new).is_empty


@given(contents(), contents())
def test_the_parts_of_a_change_add_up_to_the_change(old: ScorecardContent, new: ScorecardContent):
    changes = old.diff(new)
    stepwise = old
    for _part, piece in changes.parts():
        stepwise = stepwise.apply(piece)
    assert stepwise == old.apply(changes)
    assert len(changes.parts()) == len({part for part, _ in changes.parts()})


@given(contents())
def test_a_scorecard_round_trips_its_content_without_private_notes(content: ScorecardContent):
    card = content.scorecard(
        uuid="u", candidate_uuid="c", stage_id=STAGE.id, interviewer_uuid="i", interviewer_name="I"
    )
    assert ScorecardContent.of(card, content.private_notes) == content
    assert ScorecardContent.of(card).private_notes == ""


def test_content_is_immutable_and_apply_leaves_the_original() -> None:
    content = ScorecardContent(summary="before")
    changed = content.apply(ScorecardChanges(summary="after", signals={SIGNALS[0]: "seen"}))
    assert content.summary == "before"
    assert not content.signals
    assert changed.signals == {SIGNALS[0]: "seen"}
    with pytest.raises(AttributeError):
        content.summary = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        changed.signals[SIGNALS[1]] = "x"  # type: ignore[index]


def test_a_re_rating_keeps_the_criterion_in_place() -> None:
    first, second = CRITERIA[:2]
    content = ScorecardContent(
        ratings={first: CriterionRating(first, 2), second: CriterionRating(second, 3)}
    )
    changed = content.apply(ScorecardChanges(ratings={first: CriterionRating(first, 4, "why")}))
    assert list(changed.ratings) == [first, second]
    assert changed.apply(ScorecardChanges(ratings={first: None})).ratings.keys() == {second}


def test_amendments_apply_in_order_and_mark_the_card() -> None:
    cid = CRITERIA[0]
    card = Scorecard(
        uuid="u",
        candidate_uuid="c",
        stage_id=STAGE.id,
        interviewer_uuid="i",
        interviewer_name="I",
        ratings=(CriterionRating(cid, 2, "first"),),
        vote=Vote.NO,
    )
    assert with_amendments(card, ()) is card
    amended = with_amendments(
        card,
        [
            ScorecardChanges(ratings={cid: CriterionRating(cid, 3, "second")}),
            ScorecardChanges(ratings={cid: CriterionRating(cid, 4, "third")}, vote=Vote.YES),
        ],
    )
    assert amended.ratings == (CriterionRating(cid, 4, "third"),)
    assert amended.vote is Vote.YES
    assert amended.amended
    assert amended.status is ScorecardStatus.SUBMITTED


def test_check_changes_refuses_what_the_rubric_does_not_have() -> None:
    cases = [
        ScorecardChanges(ratings={"nope": None}),
        ScorecardChanges(ratings={CRITERIA[0]: CriterionRating(CRITERIA[1], 2)}),
        ScorecardChanges(signals={"nope": "x"}),
        ScorecardChanges(red_flags={"nope": "x"}),
        ScorecardChanges(exercise_notes={"nope": "x"}),
        ScorecardChanges(level_evidence="L99"),
        ScorecardChanges(summary="x" * (TEXT_LIMIT + 1)),
        ScorecardChanges(private_notes="x" * (TEXT_LIMIT + 1)),
    ]
    for changes in cases:
        with pytest.raises(ScorecardContentError):
            check_changes(RUBRIC, STAGE.id, changes)
    check_changes(RUBRIC, STAGE.id, ScorecardChanges(summary="x" * TEXT_LIMIT, vote=None))
    assert ScorecardChanges().is_empty
    assert ScorecardChanges(vote=None).to_json() == {"vote": None}
    assert ScorecardChanges(summary=UNSET).is_empty


def test_submission_problems_block_on_missing_parts_and_only_warn_on_level_and_summary():
    empty = submission_problems(RUBRIC, STAGE.id, ScorecardContent())
    blocking = [p for p in empty if p.blocking]
    soft = [p for p in empty if not p.blocking]
    assert {p.item_id for p in blocking} == {*CRITERIA, "vote"}
    assert [(p.step, p.item_id) for p in soft] == [("level", "level"), ("summary", "summary")]

    complete = ScorecardContent(
        ratings={cid: CriterionRating(cid, 2) for cid in CRITERIA},
        vote=Vote.YES,
        level_evidence="L5",
        summary="Clear thinker.",
    )
    assert submission_problems(RUBRIC, STAGE.id, complete) == []
    unexplained = complete.apply(
        ScorecardChanges(
            ratings={CRITERIA[0]: CriterionRating(CRITERIA[0], 4, " ")},
            signals={SIGNALS[0]: ""},
            summary="",
        )
    )
    found = submission_problems(RUBRIC, STAGE.id, unexplained)
    assert [(p.step, p.blocking) for p in found] == [
        ("ratings", True),
        ("signals", True),
        ("summary", False),
    ]
    card = unexplained.scorecard(
        uuid="u", candidate_uuid="c", stage_id=STAGE.id, interviewer_uuid="i", interviewer_name="I"
    )
    assert scorecard_problems(RUBRIC, card) == [p for p in found if p.blocking]
