"""Outcomes, self-identification, the recommendation frozen at the committee, override
reasons and post-debrief re-scores, on a real database (SQLite, and PostgreSQL when
configured)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from svc_support import Panel, complete_changes

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.engine import recommend
from interview_kit.domain.scorecard import CriterionRating
from interview_kit.services import (
    audit,
    candidates,
    decisions,
    pipeline,
    scorecard_reads,
    scorecards,
)
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.evidence import (
    adverse_impact,
    drift,
    freeze_recommendation,
    frozen_recommendation,
    outcomes_for_candidate,
    overrides,
    record_outcome,
    record_rescore,
    record_self_identification,
    reliability,
    rescores_for_candidate,
    validity,
)
from interview_kit.services.evidence.records import self_identification_of
from interview_kit.storage.models import (
    CandidateRow,
    HireOutcomeRow,
    SelfIdentificationRow,
)


def _score_all_stages(panel: Panel, ratings: dict[str, int]) -> None:
    db, rubric, uuid = panel.db, panel.rubric, panel.candidate.uuid
    for stage in rubric.stages:
        pipeline.advance_candidate(db, uuid)
        for person in (panel.ada, panel.bo):
            card = scorecards.start_scorecard(db, uuid, stage.id, person.uuid)
            rating = ratings[person.name.split()[0]]
            scorecards.save_draft(db, card.uuid, complete_changes(rubric, stage.id, rating))
            scorecards.submit_scorecard(db, card.uuid)


def _to_committee(panel: Panel, ratings: dict[str, int] | None = None) -> None:
    _score_all_stages(panel, ratings or {"Ada": 4, "Bo": 4})
    record = pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    assert record.status is PipelineStatus.COMMITTEE


# -- the freeze and the override rule -------------------------------------------------


def test_reaching_the_committee_freezes_the_recommendation_with_its_trace(panel: Panel) -> None:
    _to_committee(panel)
    frozen = frozen_recommendation(panel.db, panel.candidate.uuid)
    assert frozen is not None
    live = recommend(
        panel.rubric, scorecard_reads.effective_scorecards(panel.db, panel.candidate.uuid)
    )
    assert (frozen.decision, frozen.level) == (live.decision.value, live.level)
    assert frozen.trace == live.trace
    assert frozen.suggested_base == (live.band.suggested_base if live.band else None)

    # A later amendment moves the live recommendation, never the frozen one.
    card = scorecard_reads.scorecards_for_candidate(panel.db, panel.candidate.uuid)[0]
    stage = panel.rubric.stage(card.stage_id)
    scorecards.amend_scorecard(
        panel.db,
        card.uuid,
        scorecards.ScorecardChanges(
            ratings={c.id: CriterionRating(c.id, 1, "recording found") for c in stage.criteria}
        ),
        reason="recording found",
    )
    assert frozen_recommendation(panel.db, panel.candidate.uuid) == frozen
    assert freeze_recommendation(panel.db, panel.candidate.uuid) == frozen


def test_a_decision_that_follows_the_engine_needs_no_reason(panel: Panel) -> None:
    _to_committee(panel)
    frozen = frozen_recommendation(panel.db, panel.candidate.uuid)
    assert frozen is not None
    assert frozen.decision in {"hire", "strong_hire"}
    decisions.record_decision(
        panel.db,
        panel.candidate.uuid,
        decision="hire",
        level=frozen.level,
        base=frozen.suggested_base,
    )
    report = overrides(panel.db)
    assert report.overrides == ()
    assert (report.decisions_with_freeze, report.overridden_in_force) == (1, 0)


def test_a_departing_decision_needs_an_override_reason(panel: Panel) -> None:
    _to_committee(panel)
    frozen = frozen_recommendation(panel.db, panel.candidate.uuid)
    assert frozen is not None
    with pytest.raises(InvalidInputError, match="override reason"):
        decisions.record_decision(panel.db, panel.candidate.uuid, decision="no_hire")
    assert decisions.decisions_for_candidate(panel.db, panel.candidate.uuid) == []

    decisions.record_decision(
        panel.db,
        panel.candidate.uuid,
        decision="no_hire",
        override_reason="references raised a conduct concern",
    )
    [entry] = overrides(panel.db).overrides
    assert entry.departures == ("decision",)
    assert entry.reason == "references raised a conduct concern"
    assert entry.mechanical_decision == frozen.decision
    assert entry.in_force

    # A base further than one rounding unit from the suggestion is a departure too.
    assert frozen.suggested_base is not None
    assert frozen.base_rounding is not None
    far = frozen.suggested_base + 3 * frozen.base_rounding
    with pytest.raises(InvalidInputError, match="suggested base"):
        decisions.record_decision(
            panel.db,
            panel.candidate.uuid,
            decision="hire",
            level=frozen.level,
            base=far,
            justification="inside or not, say why",
        )
    decisions.record_decision(
        panel.db,
        panel.candidate.uuid,
        decision="hire",
        level=frozen.level,
        base=far,
        justification="competing offer",
        override_reason="competing offer",
    )
    report = overrides(panel.db)
    assert [e.departures for e in report.overrides] == [("base",), ("decision",)]
    assert [e.in_force for e in report.overrides] == [True, False]
    assert report.overridden_in_force == 1


def test_no_freeze_no_rule(panel: Panel) -> None:
    """Candidates who never reached the committee through the pipeline keep the old path."""
    decisions.record_decision(panel.db, panel.candidate.uuid, decision="hire", level="L4")
    assert frozen_recommendation(panel.db, panel.candidate.uuid) is None
    assert overrides(panel.db).decisions_with_freeze == 0


# -- outcomes ---------------------------------------------------------------------------


def _hire(panel: Panel) -> str:
    _to_committee(panel)
    frozen = frozen_recommendation(panel.db, panel.candidate.uuid)
    assert frozen is not None
    decisions.record_decision(panel.db, panel.candidate.uuid, decision="hire", level=frozen.level)
    pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    assert candidates.get_candidate(panel.db, panel.candidate.uuid).status is PipelineStatus.HIRED
    return panel.candidate.uuid


def test_outcomes_are_for_hires_and_a_checkpoint_is_replaced(panel: Panel) -> None:
    with pytest.raises(InvalidInputError, match="not hired"):
        record_outcome(panel.db, panel.candidate.uuid, checkpoint="90_days", still_employed=True)
    uuid = _hire(panel)
    with pytest.raises(InvalidInputError, match="checkpoint"):
        record_outcome(panel.db, uuid, checkpoint="2_years", still_employed=True)
    with pytest.raises(InvalidInputError, match="performance"):
        record_outcome(panel.db, uuid, checkpoint="90_days", still_employed=True, performance=5)
    record_outcome(panel.db, uuid, checkpoint="90_days", still_employed=True, performance=2)
    again = record_outcome(
        panel.db,
        uuid,
        checkpoint="90_days",
        still_employed=True,
        performance=3,
        would_hire_again=True,
        level_now="L5",
        recorded_by="Manager",
    )
    year = record_outcome(panel.db, uuid, checkpoint="one_year", still_employed=False)
    assert outcomes_for_candidate(panel.db, uuid) == [again, year]
    assert again.to_json()["performance"] == 3
    report = overrides(panel.db)
    followed = {item.group: item for item in report.outcomes}["followed"]
    assert (followed.hires, followed.with_outcome, followed.still_employed) == (1, 1, 0)


# -- self-identification ------------------------------------------------------------------


def test_self_identification_is_checked_stored_apart_and_never_logged(panel: Panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    with pytest.raises(InvalidInputError, match="shoe_size"):
        record_self_identification(db, uuid, {"shoe_size": "42"})
    with pytest.raises(InvalidInputError, match="purple"):
        record_self_identification(db, uuid, {"sex": "purple"})
    record_self_identification(db, uuid, {"sex": "female", "race_ethnicity": "asian"})
    record_self_identification(db, uuid, {"race_ethnicity": None, "veteran": "not_veteran"})
    assert self_identification_of(db, uuid) == {"sex": "female", "veteran": "not_veteran"}
    lines = [entry.detail for entry in audit.audit_entries(db)]
    assert not any("female" in line or "veteran" in line for line in lines)
    # Nothing an interviewer or the packet reads carries it.
    record = candidates.get_candidate(db, uuid)
    assert "female" not in repr(record)


def test_erasing_a_candidate_erases_their_evidence(panel: Panel) -> None:
    uuid = _hire(panel)
    record_outcome(panel.db, uuid, checkpoint="90_days", still_employed=True, performance=4)
    record_self_identification(panel.db, uuid, {"sex": "male"})
    record_rescore(panel.db, uuid, panel.ada.uuid, panel.rubric.stages[0].criteria[0].id, 2)
    summary = pipeline.erasure_summary(panel.db, uuid)
    assert summary.decisions == 1
    candidates.erase_candidate(panel.db, uuid)
    with panel.db.read() as session:
        for model in (HireOutcomeRow, SelfIdentificationRow):
            assert session.scalar(select(func.count()).select_from(model)) == 0
        assert session.scalar(select(func.count()).select_from(CandidateRow)) == 0


# -- re-scores ---------------------------------------------------------------------------


def test_rescores_stay_apart_from_scorecards_and_agreement(panel: Panel) -> None:
    _to_committee(panel, {"Ada": 4, "Bo": 2})
    uuid = panel.candidate.uuid
    before_cards = scorecard_reads.effective_scorecards(panel.db, uuid)
    before = reliability(panel.db).to_json()
    criterion = panel.rubric.stages[0].criteria[0].id
    with pytest.raises(InvalidInputError):
        record_rescore(panel.db, uuid, panel.bo.uuid, criterion, 5)
    with pytest.raises(InvalidInputError, match="not in the rubric"):
        record_rescore(panel.db, uuid, panel.bo.uuid, "no_such_criterion", 3)
    record_rescore(panel.db, uuid, panel.bo.uuid, criterion, 3, note="moved after the debrief")
    record_rescore(panel.db, uuid, panel.bo.uuid, criterion, 4, note="and again")
    [rescore] = rescores_for_candidate(panel.db, uuid)
    assert (rescore.rating, rescore.note, rescore.interviewer_name) == (
        4,
        "and again",
        "Bo Diddley",
    )
    assert rescore.stage_id == panel.rubric.stages[0].id
    assert scorecard_reads.effective_scorecards(panel.db, uuid) == before_cards
    assert reliability(panel.db).to_json() == before


def test_the_packet_shows_rescores_apart_beside_the_independent_rating(panel: Panel) -> None:
    import io

    import pypdf

    from interview_kit.reports import build_packet
    from interview_kit.services import packets

    _to_committee(panel, {"Ada": 4, "Bo": 2})
    uuid = panel.candidate.uuid
    criterion = panel.rubric.stages[0].criteria[0]
    plain = packets.packet_data(panel.db, uuid)
    assert plain.rescores == ()
    record_rescore(panel.db, uuid, panel.bo.uuid, criterion.id, 3, note="moved by the debrief")
    data = packets.packet_data(panel.db, uuid)
    [shown] = data.rescores
    assert (shown.interviewer, shown.criterion, shown.independent, shown.rating) == (
        "Bo Diddley",
        criterion.title,
        2,
        3,
    )
    # Everything scored stays as it was.
    assert data.agreement == plain.agreement
    assert data.score == plain.score
    stream = io.BytesIO()
    build_packet(data, stream, invariant=True)
    text = " ".join(
        " ".join(page.extract_text().split())
        for page in pypdf.PdfReader(io.BytesIO(stream.getvalue())).pages
    )
    assert "After the debrief" in text
    assert "moved by the debrief" in text
    blind = packets.packet_data(panel.db, uuid, anonymise=True)
    assert "Bo Diddley" not in repr(blind.rescores)
    assert "Diddley" not in repr(blind.rescores)


def test_every_view_runs_on_a_small_history(panel: Panel) -> None:
    """Each view on this backend's SQL (window sums, months, literal VALUES)."""
    _to_committee(panel, {"Ada": 4, "Bo": 2})
    card = scorecard_reads.scorecards_for_candidate(panel.db, panel.candidate.uuid)[0]
    criterion = panel.rubric.stage(card.stage_id).criteria[0].id
    scorecards.amend_scorecard(
        panel.db,
        card.uuid,
        scorecards.ScorecardChanges(ratings={criterion: CriterionRating(criterion, 3, "x")}),
        reason="typo",
    )
    found = drift(panel.db, min_comparisons=1)
    months = {item.interviewer_name: item.drift.months for item in found.interviewers}
    assert set(months) == {"Ada Lovelace", "Bo Diddley"}
    total = sum(m.comparisons for m in months["Ada Lovelace"])
    assert total == sum(len(stage.criteria) for stage in panel.rubric.stages)
    rel = reliability(panel.db)
    assert [s.stage_id for s in rel.stages] == [s.id for s in panel.rubric.stages]
    assert all(c.cases == 1 for s in rel.stages for c in s.criteria)
    assert validity(panel.db).hires_with_outcomes == {"90_days": 0, "one_year": 0}
    impact = adverse_impact(panel.db, question_id="sex")
    assert impact.questions[0].answered == 0
    with pytest.raises(InvalidInputError):
        adverse_impact(panel.db, question_id="shoe_size")
