"""Scorecards: drafts, submission, immutability, amendments, independence, summaries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from svc_support import Panel, complete_changes

from interview_kit.domain.scorecard import CriterionRating, ScorecardStatus, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges, scorecard_problems
from interview_kit.domain.unset import UNSET
from interview_kit.services import candidates, scorecard_reads, scorecards
from interview_kit.services.errors import (
    ConflictError,
    ImmutableError,
    InvalidInputError,
    NotFoundError,
)


def _submitted(panel: Panel, who: str, rating: int = 3, vote: Vote = Vote.YES) -> str:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, who)
    scorecards.save_draft(
        panel.db, card.uuid, complete_changes(panel.rubric, panel.stage, rating, vote)
    )
    scorecards.submit_scorecard(panel.db, card.uuid)
    return card.uuid


def test_a_draft_round_trips_everything_typed(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    assert card.scorecard.status is ScorecardStatus.DRAFT
    assert card.rubric_version == 1
    typed = "Évidence with émoji 🚀, RTL עברית, <b>markup</b>\nand a second line"
    criterion = panel.rubric.stage(panel.stage).criteria[1].id
    flag = panel.rubric.red_flags[0].id
    saved_at = scorecards.save_draft(
        panel.db,
        card.uuid,
        ScorecardChanges(
            ratings={criterion: CriterionRating(criterion, None, typed)},
            red_flags={flag: typed},
            summary=typed,
            private_notes="mine",
            level_evidence="below",
            vote=Vote.STRONG_NO,
        ),
    )
    assert isinstance(saved_at, datetime)
    assert saved_at.tzinfo is not None

    again = scorecard_reads.get_scorecard(panel.db, card.uuid)
    assert again.updated_at == saved_at
    assert again.scorecard.ratings == (CriterionRating(criterion, None, typed),)
    assert again.scorecard.red_flags[0].evidence == typed
    assert again.scorecard.summary == typed
    assert again.scorecard.level_evidence == "below"
    assert again.scorecard.vote is Vote.STRONG_NO
    assert again.private_notes == "mine"


def test_nul_characters_are_dropped_on_every_backend(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(panel.db, card.uuid, ScorecardChanges(summary="pasted\x00junk"))
    assert scorecard_reads.get_scorecard(panel.db, card.uuid).scorecard.summary == "pastedjunk"


def test_starting_twice_returns_the_same_scorecard(panel: Panel) -> None:
    first = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    second = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    assert first.uuid == second.uuid
    assert (
        scorecard_reads.find_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
        == second
    )


def test_removing_a_rating_and_unticking(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage))
    criterion = panel.rubric.stage(panel.stage).criteria[0].id
    signal = panel.rubric.signals[0].id
    scorecards.save_draft(
        panel.db, card.uuid, ScorecardChanges(ratings={criterion: None}, signals={signal: None})
    )
    stored = scorecard_reads.get_scorecard(panel.db, card.uuid).scorecard
    assert stored.rating_for(criterion) is None
    assert criterion not in {r.criterion_id for r in stored.ratings}
    assert stored.signals == ()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (ScorecardChanges(ratings={"nope": CriterionRating("nope", 3)}), "criterion 'nope'"),
        (ScorecardChanges(signals={"nope": "x"}), "positive signal 'nope'"),
        (ScorecardChanges(red_flags={"nope": "x"}), "red flag 'nope'"),
        (ScorecardChanges(exercise_notes={"nope": "x"}), "exercise 'nope'"),
        (ScorecardChanges(level_evidence="L99"), "level evidence 'L99'"),
        (ScorecardChanges(summary="x" * 100_001), "too long"),
    ],
)
def test_bad_changes_are_refused_and_nothing_is_written(
    panel: Panel, changes: ScorecardChanges, message: str
) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    with pytest.raises(InvalidInputError, match=message):
        scorecards.save_draft(panel.db, card.uuid, changes)
    assert scorecard_reads.get_scorecard(panel.db, card.uuid) == card


def test_a_criterion_of_another_stage_is_refused(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    other = panel.rubric.stages[1].criteria[0].id
    with pytest.raises(InvalidInputError, match="not part of stage"):
        scorecards.save_draft(
            panel.db, card.uuid, ScorecardChanges(ratings={other: CriterionRating(other, 2)})
        )


def test_an_unknown_stage_or_scorecard_is_reported(panel: Panel) -> None:
    with pytest.raises(InvalidInputError, match="stage 'warp_drive' is not in the rubric"):
        scorecards.start_scorecard(panel.db, panel.candidate.uuid, "warp_drive", panel.ada.uuid)
    with pytest.raises(NotFoundError):
        scorecards.save_draft(
            panel.db, "00000000-0000-4000-8000-000000000000", ScorecardChanges(summary="x")
        )


def test_submit_lists_what_is_missing(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    stage = panel.rubric.stage(panel.stage)
    first = stage.criteria[0].id
    scorecards.save_draft(
        panel.db,
        card.uuid,
        ScorecardChanges(
            ratings={first: CriterionRating(first, 4, "  ")},
            signals={panel.rubric.signals[0].id: ""},
        ),
    )
    with pytest.raises(InvalidInputError) as caught:
        scorecards.submit_scorecard(panel.db, card.uuid)
    text = str(caught.value)
    assert "a rating of 4 needs evidence" in text
    assert "not rated" in text
    assert "ticked without evidence" in text
    assert "overall recommendation is missing" in text
    problems = scorecard_problems(
        panel.rubric, scorecard_reads.get_scorecard(panel.db, card.uuid).scorecard
    )
    assert {p.step for p in problems} == {"ratings", "signals", "recommendation"}
    assert (
        scorecard_reads.get_scorecard(panel.db, card.uuid).scorecard.status is ScorecardStatus.DRAFT
    )


def test_a_submitted_scorecard_is_immutable_in_the_service(panel: Panel) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    before = scorecard_reads.get_scorecard(panel.db, uuid)
    assert before.scorecard.is_submitted
    assert before.scorecard.submitted_at is not None
    with pytest.raises(ImmutableError, match="amend"):
        scorecards.save_draft(panel.db, uuid, ScorecardChanges(summary="rewritten"))
    with pytest.raises(ImmutableError):
        scorecards.submit_scorecard(panel.db, uuid)
    with pytest.raises(ImmutableError):
        scorecards.delete_draft(panel.db, uuid)
    assert scorecard_reads.get_scorecard(panel.db, uuid) == before


def test_a_submitted_scorecard_is_immutable_in_the_database(panel: Panel) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    card = "(SELECT id FROM scorecards WHERE uuid = :uuid)"
    for statement in (
        "UPDATE scorecards SET summary = 'forged' WHERE uuid = :uuid",
        f"UPDATE scorecard_ratings SET rating = 1 WHERE scorecard_id = {card}",
        f"DELETE FROM scorecard_ratings WHERE scorecard_id = {card}",
        (
            "INSERT INTO scorecard_exercise_notes (scorecard_id, exercise_id, notes) "
            "SELECT id, 'extra', 'x' FROM scorecards WHERE uuid = :uuid"
        ),
    ):
        with pytest.raises(DBAPIError, match="immutable"), panel.db.engine.begin() as connection:
            connection.execute(text(statement), {"uuid": uuid})
    assert scorecard_reads.get_scorecard(panel.db, uuid).scorecard.summary == "Solid builder."


def test_amendments_keep_the_original_and_apply_in_order(panel: Panel) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    criterion = panel.rubric.stage(panel.stage).criteria[0].id
    scorecards.amend_scorecard(
        panel.db,
        uuid,
        ScorecardChanges(ratings={criterion: CriterionRating(criterion, 4, "re-read notes")}),
        reason="typed 3 for 4",
        amended_by="Ada Lovelace",
        amended_by_uuid=panel.ada.uuid,
    )
    detail = scorecards.amend_scorecard(
        panel.db,
        uuid,
        ScorecardChanges(
            ratings={criterion: CriterionRating(criterion, 2, "second look")}, vote=Vote.NO
        ),
        reason="second thoughts",
    )
    assert detail.original.rating_for(criterion) == 3
    assert detail.original.vote is Vote.YES
    assert detail.scorecard.rating_for(criterion) == 2
    assert detail.scorecard.vote is Vote.NO
    assert detail.scorecard.amended
    assert [a.sequence for a in detail.amendments] == [1, 2]
    assert detail.amendments[0].amended_by == "Ada Lovelace"
    assert detail.amendments[0].amended_by_uuid == panel.ada.uuid
    assert detail.amendments[1].amended_by == "Riley Recruiter"
    assert detail.amendments[1].reason == "second thoughts"
    [effective] = scorecard_reads.effective_scorecards(panel.db, panel.candidate.uuid)
    assert effective == detail.scorecard


@pytest.mark.parametrize(
    ("reason", "changes", "error"),
    [
        ("", ScorecardChanges(summary="x"), "needs a reason"),
        ("why", ScorecardChanges(), "changes nothing"),
        ("why", ScorecardChanges(level_evidence="L42"), "not a level"),
    ],
)
def test_bad_amendments_are_refused(
    panel: Panel, reason: str, changes: ScorecardChanges, error: str
) -> None:
    uuid = _submitted(panel, panel.ada.uuid)
    with pytest.raises(InvalidInputError, match=error):
        scorecards.amend_scorecard(panel.db, uuid, changes, reason=reason)
    assert scorecard_reads.get_scorecard(panel.db, uuid).amendments == ()


def test_a_draft_is_edited_not_amended(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    with pytest.raises(ConflictError, match="edit the draft"):
        scorecards.amend_scorecard(panel.db, card.uuid, ScorecardChanges(summary="x"), reason="r")


def test_independence_until_own_submission(panel: Panel) -> None:
    bo_card = _submitted(panel, panel.bo.uuid, rating=4)
    ada_draft = scorecards.start_scorecard(
        panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid
    )
    cy_draft = scorecards.start_scorecard(
        panel.db, panel.candidate.uuid, panel.stage, panel.cy.uuid
    )

    seen = scorecard_reads.visible_scorecards(
        panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid
    )
    assert [card.uuid for card in seen] == [ada_draft.uuid]
    assert not scorecard_reads.may_see_others(
        panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid
    )

    scorecards.save_draft(panel.db, ada_draft.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.submit_scorecard(panel.db, ada_draft.uuid)
    seen = scorecard_reads.visible_scorecards(
        panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid
    )
    assert {card.uuid for card in seen} == {ada_draft.uuid, bo_card}
    assert cy_draft.uuid not in {card.uuid for card in seen}, "drafts stay private"

    other_stage = panel.rubric.stages[1].id
    assert (
        scorecard_reads.visible_scorecards(
            panel.db, panel.candidate.uuid, other_stage, panel.ada.uuid
        )
        == []
    )


def test_summary_follows_submissions_and_amendments(panel: Panel) -> None:
    def row() -> candidates.CandidateSummary:
        [found] = candidates.list_candidates(panel.db).rows
        return found

    assert row().score is None
    assert row().submitted_count == 0
    uuid = _submitted(panel, panel.ada.uuid, rating=3)
    assert row().score == pytest.approx(3.0)
    assert row().submitted_count == 1
    assert row().recommendation == "insufficient_evidence"
    criterion = panel.rubric.stage(panel.stage).criteria[0]
    others = [c for c in panel.rubric.stage(panel.stage).criteria if c.id != criterion.id]
    scorecards.amend_scorecard(
        panel.db,
        uuid,
        ScorecardChanges(ratings={criterion.id: CriterionRating(criterion.id, 1, "no")}),
        reason="recount",
    )
    total = sum(c.weight for c in panel.rubric.stage(panel.stage).criteria)
    expected = (criterion.weight * 1 + sum(c.weight * 3 for c in others)) / total
    assert row().score == pytest.approx(expected)


def test_effective_scorecards_leave_out_drafts(panel: Panel) -> None:
    submitted = _submitted(panel, panel.ada.uuid)
    scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid)
    found = scorecard_reads.effective_scorecards(panel.db, panel.candidate.uuid)
    assert [card.uuid for card in found] == [submitted]
    assert found[0].interviewer_name == "Ada Lovelace"
    assert found[0].candidate_uuid == panel.candidate.uuid
    assert found[0].rubric_hash == panel.rubric.content_hash()
    infos = scorecard_reads.scorecards_for_candidate(panel.db, panel.candidate.uuid)
    assert {(i.interviewer_name, i.status) for i in infos} == {
        ("Ada Lovelace", ScorecardStatus.SUBMITTED),
        ("Bo Diddley", ScorecardStatus.DRAFT),
    }
    grouped = dict(scorecard_reads.iter_effective_scorecards(panel.db))
    assert list(grouped) == [panel.candidate.uuid]


def test_delete_draft(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.delete_draft(panel.db, card.uuid)
    with pytest.raises(NotFoundError):
        scorecard_reads.get_scorecard(panel.db, card.uuid)


_ratings = st.one_of(st.none(), st.integers(1, 4))
_text = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=30)


_raw_change = st.tuples(
    st.dictionaries(
        st.integers(0, 15), st.one_of(st.none(), st.tuples(_ratings, _text)), max_size=3
    ),
    st.dictionaries(st.integers(0, 15), st.none() | _text, max_size=2),
    st.just(UNSET) | _text,
    st.just(UNSET) | st.none() | st.sampled_from(list(Vote)),
)
"""One save: ratings and signals by position in the rubric's lists (taken modulo their
length), the summary and the vote. Drawn before the test touches the database, so what
is drawn never depends on what is stored."""


def _changes(raw: Any, criteria: list[str], signals: list[str]) -> ScorecardChanges:
    ratings_drawn, signals_drawn, summary, vote = raw
    ratings: dict[str, CriterionRating | None] = {}
    for position, value in ratings_drawn.items():
        key = criteria[position % len(criteria)]
        ratings[key] = None if value is None else CriterionRating(key, value[0], value[1])
    return ScorecardChanges(
        ratings=ratings,
        signals={
            signals[position % len(signals)]: text for position, text in signals_drawn.items()
        },
        summary=summary,
        vote=vote,
    )


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(who=st.integers(0, 2), saves=st.lists(_raw_change, max_size=5))
def test_saved_drafts_equal_the_changes_applied_in_order(
    panel: Panel, who: int, saves: list[Any]
) -> None:
    """Property: whatever sequence of saves, the stored draft is the changes folded in."""
    stage = panel.rubric.stage(panel.stage)
    criteria = [c.id for c in stage.criteria]
    signals = [s.id for s in panel.rubric.signals]
    interviewer = (panel.ada, panel.bo, panel.cy)[who]
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, interviewer.uuid)
    scorecards.delete_draft(panel.db, card.uuid)
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, interviewer.uuid)
    expected_ratings: dict[str, CriterionRating] = {}
    expected_signals: dict[str, str] = {}
    expected_summary, expected_vote = "", None
    for raw in saves:
        change = _changes(raw, criteria, signals)
        scorecards.save_draft(panel.db, card.uuid, change)
        for key, value in change.ratings.items():
            if value is None:
                expected_ratings.pop(key, None)
            else:
                expected_ratings[key] = value
        for key, evidence in change.signals.items():
            if evidence is None:
                expected_signals.pop(key, None)
            else:
                expected_signals[key] = evidence
        if change.summary is not UNSET:
            expected_summary = change.summary
        if change.vote is not UNSET:
            expected_vote = change.vote
    stored = scorecard_reads.get_scorecard(panel.db, card.uuid).scorecard
    assert {r.criterion_id: r for r in stored.ratings} == expected_ratings
    assert [r.criterion_id for r in stored.ratings] == [
        c for c in criteria if c in expected_ratings
    ]
    assert {o.item_id: o.evidence for o in stored.signals} == expected_signals
    assert stored.summary == expected_summary
    assert stored.vote == expected_vote


@given(
    changes=st.builds(
        ScorecardChanges,
        ratings=st.dictionaries(
            st.sampled_from(["a", "b"]),
            st.none() | st.builds(CriterionRating, st.sampled_from(["a"]), _ratings, _text),
        ).map(
            lambda d: {
                k: v if v is None else CriterionRating(k, v.rating, v.evidence)
                for k, v in d.items()
            }
        ),
        signals=st.dictionaries(st.sampled_from(["s", "t"]), st.none() | _text),
        level_evidence=st.just(UNSET) | st.none() | st.sampled_from(["L4", "below"]),
        vote=st.just(UNSET) | st.none() | st.sampled_from(list(Vote)),
        summary=st.just(UNSET) | _text,
    )
)
def test_changes_survive_their_json_form(changes: ScorecardChanges) -> None:
    assert ScorecardChanges.from_json(changes.to_json()) == changes


def test_text_with_a_lone_surrogate_is_refused_in_words(panel: Panel) -> None:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    criterion = panel.rubric.stage(panel.stage).criteria[0].id
    for change in (
        ScorecardChanges(summary="before \ud800 after"),
        ScorecardChanges(ratings={criterion: CriterionRating(criterion, 3, "\udfff")}),
    ):
        with pytest.raises(InvalidInputError, match="lone surrogate"):
            scorecards.save_draft(panel.db, card.uuid, change)
    stored = scorecard_reads.get_scorecard(panel.db, card.uuid).scorecard
    assert stored.summary == ""  # nothing of the refused changes was kept
    assert stored.ratings == ()
