"""The funnel and calibration behind the insight charts."""

from __future__ import annotations

import pytest
from svc_support import complete_changes

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.services import candidates, decisions, insights, pipeline, scorecards


def _place(db, rubric, name: str, moves: list[str]) -> str:
    """A candidate moved through ``moves`` ("advance", "reject", "withdraw")."""
    uuid = candidates.add_candidate(db, name=name).uuid
    for move in moves:
        if move == "advance":
            pipeline.advance_candidate(db, uuid)
        elif move == "reject":
            pipeline.reject_candidate(db, uuid, reason="not this time")
        else:
            pipeline.withdraw_candidate(db, uuid)
    return uuid


def test_an_empty_pipeline(db, rubric) -> None:
    funnel = insights.funnel(db)
    assert funnel.total == 0
    assert [s.reached for s in funnel.stages] == [0, 0, 0]
    assert all(s.pass_rate is None and s.median_days is None for s in funnel.stages)


def test_reached_passed_in_stage_and_dropped(db, rubric) -> None:
    # (moves, where they end up)
    plans = {
        "new": [],
        "screen": ["advance"],
        "screen_rejected": ["advance", "reject"],
        "deep": ["advance", "advance"],
        "deep_withdrew": ["advance", "advance", "withdraw"],
        "product": ["advance", "advance", "advance"],
        "committee": ["advance"] * 4,
        "offer": ["advance"] * 5,
        "hired": ["advance"] * 6,
        "never_started_withdrew": ["withdraw"],
    }
    for name, moves in plans.items():
        _place(db, rubric, name, moves)
    funnel = insights.funnel(db)
    assert funnel.total == len(plans)
    assert funnel.not_started == 2
    assert [(s.reached, s.passed, s.in_stage, s.dropped) for s in funnel.stages] == [
        (8, 6, 1, 1),
        (6, 4, 1, 1),
        (4, 3, 1, 0),
    ]
    assert funnel.stages[0].pass_rate == pytest.approx(6 / 7)
    assert funnel.stages[2].pass_rate == 1.0
    assert (funnel.committee, funnel.offers, funnel.hired) == (3, 2, 1)


def test_a_committee_decision_counts_as_reaching_the_committee(db, rubric) -> None:
    uuid = _place(db, rubric, "decided", ["advance", "advance", "advance", "reject"])
    decisions.record_decision(db, uuid, decision="no_hire")
    funnel = insights.funnel(db)
    assert funnel.committee == 1
    assert [s.dropped for s in funnel.stages] == [0, 0, 0]
    assert funnel.committee_dropped == 1  # rejected after the committee, counted there


def test_days_in_stage_and_calibration(panel) -> None:
    db, rubric, uuid = panel.db, panel.rubric, panel.candidate.uuid
    stage = panel.stage
    pipeline.advance_candidate(db, uuid)
    for person, rating in ((panel.ada, 4), (panel.bo, 2)):
        card = scorecards.start_scorecard(db, uuid, stage, person.uuid)
        scorecards.save_draft(db, card.uuid, complete_changes(rubric, stage, rating=rating))
        scorecards.submit_scorecard(db, card.uuid)
    funnel = insights.funnel(db)
    assert funnel.stages[0].median_days is None  # still in the stage: not passed yet
    pipeline.advance_candidate(db, uuid)
    funnel = insights.funnel(db)
    first = funnel.stages[0]
    assert first.timed == 1
    assert 0 <= first.median_days < 0.01  # submitted moments after being added
    results = {item.interviewer_name: item for item in insights.calibration(db)}
    criteria = len(rubric.stage(stage).criteria)
    assert results["Ada Lovelace"].mean_difference == pytest.approx(2.0)
    assert results["Bo Diddley"].mean_difference == pytest.approx(-2.0)
    assert results["Ada Lovelace"].count == criteria
    assert results["Ada Lovelace"].small_sample == (criteria < insights.SMALL_SAMPLE_BELOW)
    assert candidates.get_candidate(db, uuid).status is PipelineStatus.DEEP_DIVE
