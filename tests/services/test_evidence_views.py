"""The evidence views on a generated history with planted effects: they find what was
planted, and their SQL aggregates agree with the domain functions run on every
scorecard."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from interview_kit.domain.agreement import krippendorff_alpha
from interview_kit.domain.calibration import calibrate
from interview_kit.domain.engine import recommend
from interview_kit.services import demo, insights, rubrics, scorecard_reads
from interview_kit.services.database import Database, open_database
from interview_kit.services.evidence import (
    adverse_impact,
    drift,
    plant_evidence,
    reliability,
    validity,
)
from interview_kit.services.evidence.adverse_impact import COMMITTEE_STEP
from interview_kit.services.evidence.drift import monthly_tallies

CANDIDATES = 400


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory):
    path: Path = tmp_path_factory.mktemp("evidence") / "history.sqlite3"
    db = open_database(path, actor="tester")
    demo.load_demo(db, candidates=CANDIDATES, seed=11)
    planted = plant_evidence(db, seed=5)
    yield db, planted
    db.close()


def _all_cards(db: Database):
    return [
        card for _uuid, cards in scorecard_reads.iter_effective_scorecards(db) for card in cards
    ]


def test_planting_is_deterministic(history, tmp_path) -> None:
    db, planted = history
    again = plant_evidence(db, seed=5)
    assert again == planted
    assert planted.outcomes > 0
    assert planted.identifications > 0


def test_validity_finds_the_planted_criterion(history) -> None:
    db, planted = history
    report = validity(db)
    performance = [
        e
        for e in report.for_checkpoint("90_days")
        if e.outcome == "performance" and e.predictor.startswith("criterion:")
    ]
    best = max(performance, key=lambda e: e.pearson.r or -1)
    assert best.predictor == f"criterion:{planted.criterion_id}"
    assert best.pearson.r is not None
    assert best.pearson.r > 0.4
    assert best.pearson.p_value is not None
    assert best.pearson.p_value < 1e-6
    assert best.spearman.r is not None
    assert best.spearman.r > 0.4
    assert best.pearson.low is not None
    assert best.pearson.low > 0
    assert best.count == report.hires_with_outcomes["90_days"]
    # Only hires have outcomes: the applicant pool is wider and the correction raises r.
    assert best.applicants > best.count
    assert best.corrected is not None
    assert best.corrected >= best.pearson.r
    others = [e.pearson.r or 0 for e in performance if e is not best]
    assert max(others) < best.pearson.r - 0.1
    assert report.to_json()["checkpoints"][0]["estimates"]


def test_adverse_impact_finds_the_planted_group_at_the_committee(history) -> None:
    db, planted = history
    report = adverse_impact(db, question_id=planted.question_id)
    [question] = report.questions
    steps = {step.step_id: step for step in question.steps}
    committee = steps[COMMITTEE_STEP].table
    group = {g.group: g for g in committee.groups}[planted.category_id]
    assert committee.reference != planted.category_id
    assert group.below_four_fifths
    assert group.impact_ratio is not None
    assert 0.4 < group.impact_ratio < 0.8
    assert group.p_value is not None
    assert group.p_value < 0.01
    # Every figure shown rests on cells of five or more.
    for step in question.steps:
        for row in step.table.groups:
            if not row.suppressed:
                assert row.selected is not None
                assert row.considered is not None
                assert row.selected >= 5
                assert row.considered - row.selected >= 5


def test_adverse_impact_counts_the_funnel_the_funnel_counts(history) -> None:
    db, _planted = history
    funnel = insights.funnel(db)
    [question] = adverse_impact(db, question_id="race_ethnicity", min_cell=0).questions
    for stage, step in zip(funnel.stages, question.steps, strict=False):
        considered = sum(g.considered or 0 for g in step.table.groups)
        selected = sum(g.selected or 0 for g in step.table.groups)
        assert selected == stage.passed
        # Rejections count as not selected; withdrawals are the candidate's choice.
        assert stage.passed <= considered <= stage.passed + stage.dropped


def test_reliability_matches_alpha_over_every_scorecard(history) -> None:
    db, _planted = history
    units: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for card in _all_cards(db):
        for rating in card.ratings:
            if rating.rating is not None:
                units[(card.stage_id, rating.criterion_id)][card.candidate_uuid].append(
                    rating.rating
                )
    report = reliability(db)
    checked = 0
    for stage in report.stages:
        for criterion in stage.criteria:
            by_candidate = units[(stage.stage_id, criterion.criterion_id)]
            expected = krippendorff_alpha(list(by_candidate.values()), "ordinal")
            assert criterion.alpha == pytest.approx(expected)
            assert criterion.cases == len(by_candidate)
            checked += 1
            if criterion.plan is not None:
                assert criterion.plan.current >= criterion.icc.single  # type: ignore[union-attr]
    assert checked == sum(len(s.criteria) for s in rubrics.active_rubric(db).rubric.stages)
    assert report.to_json()["stages"]


def test_drift_months_add_up_to_calibration(history) -> None:
    db, _planted = history
    tallies = monthly_tallies(db)
    summed: dict[str, list[float]] = defaultdict(lambda: [0, 0.0])
    for tally in tallies:
        summed[tally.interviewer_uuid][0] += tally.comparisons
        summed[tally.interviewer_uuid][1] += tally.total_difference
    for item in calibrate(_all_cards(db)):
        if item.count == 0:
            continue
        count, total = summed[item.interviewer_uuid]
        assert count == item.count
        assert total / count == pytest.approx(item.mean_difference)
    report = drift(db, shift=0.01, min_comparisons=1)
    assert report.flagged  # with so small a threshold, month-to-month noise shows
    assert not drift(db, shift=3.5).flagged


def test_stage_scores_in_sql_are_the_engines(history) -> None:
    """Validity's stage predictor is computed in SQL; it must equal the engine's."""
    from interview_kit.services.evidence.validity import _per_candidate

    db, _planted = history
    rubric = rubrics.active_rubric(db).rubric
    with db.read() as session:
        _criteria, stages, _adjusted = _per_candidate()
        from sqlalchemy import select

        from interview_kit.storage.models import CandidateRow

        rows = session.execute(
            select(CandidateRow.uuid, stages.c.key, stages.c.value)
            .join(CandidateRow, CandidateRow.id == stages.c.candidate_id)
            .order_by(CandidateRow.id)
            .limit(60)
        ).all()
    by_candidate: dict[str, dict[str, float]] = defaultdict(dict)
    for uuid, stage_id, value in rows:
        by_candidate[uuid][stage_id] = value
    for uuid, found in by_candidate.items():
        engine = recommend(rubric, scorecard_reads.effective_scorecards(db, uuid)).stage_scores
        for stage_id, value in found.items():
            assert value == pytest.approx(engine[stage_id])


def test_leniency_adjusted_stage_scores_take_out_each_calibrated_interviewers_leniency(
    history,
) -> None:
    """Beside each stage score, the same with every interviewer's calibration leniency
    (with enough comparisons) subtracted from their scorecard scores."""
    from interview_kit.domain.calibration import SMALL_SAMPLE_BELOW

    db, _planted = history
    rubric = rubrics.active_rubric(db).rubric
    cards = _all_cards(db)
    lean = {
        item.interviewer_uuid: item.mean_difference
        for item in calibrate(cards)
        if item.count >= SMALL_SAMPLE_BELOW and item.mean_difference is not None
    }
    assert lean, "the history must have calibrated interviewers"
    report = validity(db)
    ids = [p.id for p in report.predictors]
    for stage in rubric.stages:
        assert ids.index(f"stage_adjusted:{stage.id}") == ids.index(f"stage:{stage.id}") + 1
    weights = {c.id: float(c.weight) for _s, c in rubric.criteria()}
    expected: dict[tuple[str, str], list[float]] = defaultdict(list)
    for card in cards:
        rated = [r for r in card.ratings if r.rating is not None]
        if not rated:
            continue
        score = sum(weights[r.criterion_id] * r.rating for r in rated) / sum(
            weights[r.criterion_id] for r in rated
        )
        expected[(card.candidate_uuid, card.stage_id)].append(
            score - lean.get(card.interviewer_uuid, 0.0)
        )
    from sqlalchemy import select

    from interview_kit.services.evidence.validity import _per_candidate
    from interview_kit.storage.models import CandidateRow

    with db.read() as session:
        _criteria, _stages, adjusted = _per_candidate()
        rows = session.execute(
            select(CandidateRow.uuid, adjusted.c.key, adjusted.c.value).join(
                CandidateRow, CandidateRow.id == adjusted.c.candidate_id
            )
        ).all()
    assert rows
    for uuid, stage_id, value in rows:
        found = expected[(uuid, stage_id)]
        assert value == pytest.approx(sum(found) / len(found), abs=1e-9)
