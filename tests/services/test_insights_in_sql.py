"""The insight figures made in the database equal the definitions they replace.

Calibration is one statistic (:mod:`interview_kit.domain.calibration`): the service sums
most of it in SQL and hands the sums to the same function, so its result must equal
:func:`~interview_kit.domain.calibration.calibrate` over every effective scorecard, for
every viewer. The funnel (and days in stage) is compared with its former definition, a
pass over every candidate in Python, kept here as the reference. On the demo data, on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from interview_kit.domain.calibration import InterviewerCalibration, calibrate
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.scorecard import CriterionRating
from interview_kit.services import (
    candidates,
    demo,
    independence,
    insights,
    rubrics,
    scorecard_reads,
    scorecards,
)
from interview_kit.services.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    InterviewerRow,
    ScorecardRow,
)

_BEYOND = {PipelineStatus.COMMITTEE, PipelineStatus.OFFER, PipelineStatus.HIRED}
_DROPPED = {PipelineStatus.REJECTED, PipelineStatus.WITHDRAWN}


@pytest.fixture
def demo_db(db: Database) -> Database:
    demo.load_demo(db, candidates=120, seed=7)
    return db


def _calibration_as_defined(db: Database, viewer: str | None) -> tuple[InterviewerCalibration, ...]:
    skip = independence.held_back_uuids(db, viewer)
    return calibrate(
        card
        for uuid, own in scorecard_reads.iter_effective_scorecards(db)
        if uuid not in skip
        for card in own
    )


def _aware(moment: datetime | str | None) -> datetime:
    assert moment is not None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _funnel_as_defined(db: Database) -> insights.Funnel:
    """The funnel as it was computed before it moved into SQL: every candidate in turn."""
    rubric = rubrics.active_rubric(db).rubric
    stages = tuple(rubric.stages)
    position = {stage.id: index for index, stage in enumerate(stages)}
    count = len(stages)
    reached, in_stage, passed, dropped = ([0] * count for _ in range(4))
    days: list[list[float]] = [[] for _ in stages]
    total = not_started = committee = offers = hired = committee_dropped = 0
    with db.read() as session:
        ends: dict[int, dict[str, datetime]] = defaultdict(dict)
        for candidate_id, stage_id, moment in session.execute(
            select(
                ScorecardRow.candidate_id,
                ScorecardRow.stage_id,
                func.max(ScorecardRow.submitted_at),
            )
            .where(ScorecardRow.status == "submitted")
            .group_by(ScorecardRow.candidate_id, ScorecardRow.stage_id)
        ):
            ends[candidate_id][str(stage_id)] = _aware(moment)
        rows = session.execute(
            select(
                CandidateRow.id,
                CandidateRow.status,
                CandidateRow.stage_id,
                CandidateRow.created_at,
                CandidateSummaryRow.committee_decision,
            ).outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
        ).all()
    for candidate_id, status_value, at_stage, created_at, decision in rows:
        total += 1
        status = PipelineStatus(status_value)
        if status in _BEYOND or decision is not None:
            committee += 1
            offers += status in (PipelineStatus.OFFER, PipelineStatus.HIRED)
            hired += status is PipelineStatus.HIRED
            committee_dropped += status in _DROPPED
            done = count
        else:
            index = position.get(at_stage or "")
            if status is PipelineStatus.NEW or index is None:
                not_started += 1
                continue
            done = index
            reached[index] += 1
            if status in _DROPPED:
                dropped[index] += 1
            else:
                in_stage[index] += 1
        for earlier in range(done):
            reached[earlier] += 1
            passed[earlier] += 1
        start = _aware(created_at)
        own = ends.get(candidate_id, {})
        for index in range(done):
            end = own.get(stages[index].id)
            if end is None:
                break
            if end >= start:
                days[index].append((end - start).total_seconds() / 86_400)
            start = end
    return insights.Funnel(
        rubric_id=rubric.id,
        total=total,
        not_started=not_started,
        stages=tuple(
            insights.FunnelStage(
                stage_id=stage.id,
                title=stage.title,
                reached=reached[index],
                in_stage=in_stage[index],
                passed=passed[index],
                dropped=dropped[index],
                median_days=float(statistics.median(days[index])) if days[index] else None,
                timed=len(days[index]),
            )
            for index, stage in enumerate(stages)
        ),
        committee=committee,
        offers=offers,
        hired=hired,
        committee_dropped=committee_dropped,
    )


def _amend_a_rating(db: Database) -> None:
    """Amendments are applied in Python: make sure the demo has one that moves a score."""
    with db.read() as session:
        uuid = session.scalar(
            select(ScorecardRow.uuid)
            .where(ScorecardRow.status == "submitted")
            .order_by(ScorecardRow.id.desc())
            .limit(1)
        )
    assert uuid is not None
    card = scorecard_reads.get_scorecard(db, uuid).scorecard
    rated = next(r for r in card.ratings if r.rating is not None)
    assert rated.rating is not None
    changed = CriterionRating(rated.criterion_id, 5 - rated.rating, "re-read the notes")
    scorecards.amend_scorecard(
        db, uuid, scorecards.ScorecardChanges(ratings={rated.criterion_id: changed}), reason="typo"
    )


def test_calibration_in_sql_equals_the_domain_statistic(demo_db: Database) -> None:
    _amend_a_rating(demo_db)
    with demo_db.read() as session:
        viewers = [None, *session.scalars(select(InterviewerRow.uuid).order_by(InterviewerRow.id))]
    held_back_somewhere = False
    for viewer in viewers:
        expected = _calibration_as_defined(demo_db, viewer)
        assert insights.calibration(demo_db, viewer=viewer) == expected, viewer
        held_back_somewhere |= bool(independence.held_back_uuids(demo_db, viewer))
    assert held_back_somewhere, "the demo should hold some viewer back"
    assert any(row.count for row in _calibration_as_defined(demo_db, None))


def test_funnel_and_days_in_stage_in_sql_equal_the_former_pass(demo_db: Database) -> None:
    parities = set()
    for _ in range(2):
        found = insights.funnel(demo_db)
        assert found == _funnel_as_defined(demo_db)
        parities |= {stage.timed % 2 for stage in found.stages if stage.timed}
        # One candidate fewer who went through every stage flips each count's parity.
        with demo_db.read() as session:
            hired = session.scalar(
                select(CandidateRow.uuid).where(CandidateRow.status == PipelineStatus.HIRED.value)
            )
        assert hired is not None
        candidates.erase_candidate(demo_db, hired)
    # Both kinds of median were exercised: one middle duration, and the mean of two.
    assert parities == {0, 1}
