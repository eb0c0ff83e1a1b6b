"""How the pipeline flows and how the panel rates: the numbers behind the insight charts.

The funnel follows the stages of the active rubric. A candidate has *reached* every stage
up to the one they are in (or last reached), has *passed* each stage before it, and has
passed them all once at the committee (or with a committee decision). Rejected and
withdrawn candidates *dropped* at the stage they were in; open candidates are still *in*
it. The pass-through rate of a stage is passed / (passed + dropped): candidates still in
the stage are not counted as failing it.

Days in a stage run from the moment the candidate entered it (the last submission of the
stage before, or being added for the first stage) to the last scorecard submitted for
it, for candidates who passed it.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview_kit.domain.calibration import SMALL_SAMPLE_BELOW, InterviewerCalibration, calibrate
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.rubric import Rubric
from interview_kit.services import independence, rubrics, scorecard_reads
from interview_kit.services.errors import NotFoundError
from interview_kit.storage.database import Database
from interview_kit.storage.models import CandidateRow, CandidateSummaryRow, ScorecardRow

__all__ = [
    "SMALL_SAMPLE_BELOW",
    "Funnel",
    "FunnelStage",
    "calibration",
    "funnel",
]

_IN_STAGE = {PipelineStatus.SCREENING, PipelineStatus.DEEP_DIVE, PipelineStatus.PRODUCT}
_BEYOND = {PipelineStatus.COMMITTEE, PipelineStatus.OFFER, PipelineStatus.HIRED}
_DROPPED = {PipelineStatus.REJECTED, PipelineStatus.WITHDRAWN}
_SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class FunnelStage:
    stage_id: str
    title: str
    reached: int
    in_stage: int
    passed: int
    dropped: int
    median_days: float | None
    timed: int
    """Candidates behind the median (those who passed the stage with dates known)."""

    @property
    def pass_rate(self) -> float | None:
        decided = self.passed + self.dropped
        return self.passed / decided if decided else None


@dataclass(frozen=True)
class Funnel:
    rubric_id: str | None
    total: int
    not_started: int
    """New candidates, and withdrawals before the first stage."""
    stages: tuple[FunnelStage, ...]
    committee: int
    """Reached the committee (or have a committee decision)."""
    offers: int
    hired: int


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def funnel(db: Database, rubric_id: str | None = None) -> Funnel:
    """The pipeline funnel over the stages of the active rubric."""
    try:
        rubric: Rubric | None = rubrics.active_rubric(db, rubric_id).rubric
    except NotFoundError:
        rubric = None
    stages = tuple(rubric.stages) if rubric is not None else ()
    position = {stage.id: index for index, stage in enumerate(stages)}
    count = len(stages)
    reached = [0] * count
    in_stage = [0] * count
    passed = [0] * count
    dropped = [0] * count
    days: list[list[float]] = [[] for _ in stages]
    total = not_started = committee = offers = hired = 0
    people = select(
        CandidateRow.id,
        CandidateRow.status,
        CandidateRow.stage_id,
        CandidateRow.created_at,
        CandidateSummaryRow.committee_decision,
    ).outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
    with db.read() as session:
        ends = _stage_ends(session)
        rows = session.execute(people).all()
    for candidate_id, status_value, stage_id, created_at, decision in rows:
        total += 1
        status = PipelineStatus(status_value)
        if status in _BEYOND or decision is not None:
            committee += 1
            offers += status in (PipelineStatus.OFFER, PipelineStatus.HIRED)
            hired += status is PipelineStatus.HIRED
            done = count
        else:
            index = position.get(stage_id or "")
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
                days[index].append((end - start).total_seconds() / _SECONDS_PER_DAY)
            start = end
    return Funnel(
        rubric_id=rubric.id if rubric is not None else None,
        total=total,
        not_started=not_started,
        stages=tuple(
            FunnelStage(
                stage_id=stage.id,
                title=stage.title,
                reached=reached[index],
                in_stage=in_stage[index],
                passed=passed[index],
                dropped=dropped[index],
                median_days=_median(days[index]),
                timed=len(days[index]),
            )
            for index, stage in enumerate(stages)
        ),
        committee=committee,
        offers=offers,
        hired=hired,
    )


def _stage_ends(session: Session) -> dict[int, dict[str, datetime]]:
    """The last submission per (candidate, stage)."""
    ends: dict[int, dict[str, datetime]] = defaultdict(dict)
    rows = session.execute(
        select(
            ScorecardRow.candidate_id, ScorecardRow.stage_id, func.max(ScorecardRow.submitted_at)
        )
        .where(ScorecardRow.status == "submitted")
        .group_by(ScorecardRow.candidate_id, ScorecardRow.stage_id)
    )
    for candidate_id, stage_id, moment in rows:
        if moment is not None:
            ends[candidate_id][stage_id] = _aware(moment)
    return ends


def _aware(moment: datetime) -> datetime:
    """Aggregates bypass the column type: SQLite hands ``MAX()`` back as naive UTC text."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def calibration(db: Database, *, viewer: str | None = None) -> tuple[InterviewerCalibration, ...]:
    """Every interviewer's leniency (positive) or harshness (negative) against the rest
    of their panels, with the count behind it; small samples are marked, not hidden.

    Candidates ``viewer`` is held back from (on their panel, own scorecard not submitted:
    see :mod:`interview_kit.services.independence`) are left out, so the chart shows
    nothing of those panels' scores.
    """
    skip = independence.held_back_uuids(db, viewer)
    cards = [
        card
        for uuid, own in scorecard_reads.iter_effective_scorecards(db)
        if uuid not in skip
        for card in own
    ]
    return calibrate(cards)
