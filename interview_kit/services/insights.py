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
from datetime import timedelta
from fractions import Fraction
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    String,
    and_,
    case,
    cast,
    distinct,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from interview_kit.domain.calibration import (
    SMALL_SAMPLE_BELOW,
    CalibrationTally,
    InterviewerCalibration,
    calibration_of,
    tally,
)
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.rubric import Rubric
from interview_kit.services import independence, rubrics, scorecard_reads
from interview_kit.services.errors import NotFoundError
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    CandidateRow,
    CandidateSummaryRow,
    InterviewerRow,
    RatingRow,
    ScorecardRow,
)

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
    committee_dropped: int = 0
    """Of those who reached the committee, rejected or withdrew after it (the Pipeline
    shows them closed "after the committee")."""


def funnel(db: Database, rubric_id: str | None = None) -> Funnel:
    """The pipeline funnel over the stages of the active rubric.

    Counted in the database: one grouped row per (status, stage, decided or not) and the
    one or two middle durations of each stage, so it costs the same memory at 100k
    candidates as at 100.
    """
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
    total = not_started = committee = offers = hired = committee_dropped = 0
    decided = case((CandidateSummaryRow.committee_decision.is_(None), 0), else_=1)
    groups = (
        select(CandidateRow.status, CandidateRow.stage_id, decided, func.count())
        .outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
        .group_by(CandidateRow.status, CandidateRow.stage_id, decided)
    )
    with db.read() as session:
        rows = session.execute(groups).all()
        middles = _middle_durations(session, [stage.id for stage in stages])
    for status_value, stage_id, has_decision, number in rows:
        people = int(number)
        total += people
        status = PipelineStatus(status_value)
        if status in _BEYOND or has_decision:
            committee += people
            offers += people if status in (PipelineStatus.OFFER, PipelineStatus.HIRED) else 0
            hired += people if status is PipelineStatus.HIRED else 0
            committee_dropped += people if status in _DROPPED else 0
            done = count
        else:
            index = position.get(stage_id or "")
            if status is PipelineStatus.NEW or index is None:
                not_started += people
                continue
            done = index
            reached[index] += people
            if status in _DROPPED:
                dropped[index] += people
            else:
                in_stage[index] += people
        for earlier in range(done):
            reached[earlier] += people
            passed[earlier] += people
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
                median_days=middles.get(index, (None, 0))[0],
                timed=middles.get(index, (None, 0))[1],
            )
            for index, stage in enumerate(stages)
        ),
        committee=committee,
        offers=offers,
        hired=hired,
        committee_dropped=committee_dropped,
    )


def _middle_durations(session: Session, stage_ids: Sequence[str]) -> dict[int, tuple[float, int]]:
    """Per stage index: the median days in the stage and how many candidates it is of.

    A candidate is timed in stage *i* when they went past it (a later stage, the
    committee or a decision) and every stage up to *i* has a submission: from entering
    (being added, or the last submission of the stage before) to the stage's last
    submission, when that is not earlier. Durations are exact microseconds, sorted in
    SQL; only the middle one or two come back.
    """
    if not stage_ids:
        return {}
    dialect = session.get_bind().dialect.name
    # One row per candidate with each stage's last submission: one pass over the
    # scorecards in candidate order, no join per stage.
    ends = (
        select(
            ScorecardRow.candidate_id.label("candidate_id"),
            *(
                func.max(
                    case((ScorecardRow.stage_id == stage_id, ScorecardRow.submitted_at))
                ).label(f"end_{index}")
                for index, stage_id in enumerate(stage_ids)
            ),
        )
        .where(ScorecardRow.status == "submitted")
        .group_by(ScorecardRow.candidate_id)
        .cte("stage_ends")
    )
    beyond = or_(
        CandidateRow.status.in_([status.value for status in _BEYOND]),
        CandidateSummaryRow.committee_decision.is_not(None),
    )
    branches = []
    for index in range(len(stage_ids)):
        end = ends.c[f"end_{index}"]
        start = CandidateRow.created_at if index == 0 else ends.c[f"end_{index - 1}"]
        span = _microseconds(dialect, start, end)
        went_past = or_(
            beyond,
            and_(
                CandidateRow.status != PipelineStatus.NEW.value,
                CandidateRow.stage_id.in_(stage_ids[index + 1 :]),
            ),
        )
        every_end = [ends.c[f"end_{number}"].is_not(None) for number in range(index + 1)]
        branches.append(
            select(literal(index).label("stage"), span.label("span"))
            .select_from(CandidateRow)
            .join(ends, ends.c.candidate_id == CandidateRow.id)
            .outerjoin(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
            .where(went_past, *every_end, span >= 0)
        )
    timed = union_all(*branches).subquery("timed")
    ranked = select(
        timed.c.stage,
        timed.c.span,
        func.row_number().over(partition_by=timed.c.stage, order_by=timed.c.span).label("rank"),
        func.count().over(partition_by=timed.c.stage).label("size"),
    ).subquery("ranked")
    middle = select(ranked.c.stage, ranked.c.span, ranked.c.size).where(
        or_(ranked.c.rank == (ranked.c.size + 1) // 2, ranked.c.rank == ranked.c.size // 2 + 1)
    )
    found: dict[int, tuple[list[float], int]] = defaultdict(lambda: ([], 0))
    for stage, span, size in session.execute(middle.order_by(ranked.c.stage, ranked.c.span)):
        days = timedelta(microseconds=int(span)).total_seconds() / _SECONDS_PER_DAY
        found[int(stage)] = (found[int(stage)][0] + [days], int(size))
    return {stage: (float(statistics.median(days)), size) for stage, (days, size) in found.items()}


def _microseconds(dialect: str, start: Any, end: Any) -> ColumnElement[int]:
    """Whole microseconds from ``start`` to ``end`` (UTC timestamps), computed exactly."""
    if dialect == "postgresql":
        return cast(func.extract("epoch", end - start) * 1_000_000, BigInteger)
    # SQLite keeps 'YYYY-MM-DD HH:MM:SS.ffffff' text: whole seconds, then the fraction.
    seconds = cast(func.strftime("%s", end), Integer) - cast(func.strftime("%s", start), Integer)
    fraction = cast(func.substr(end, 21, 6), Integer) - cast(func.substr(start, 21, 6), Integer)
    return seconds * 1_000_000 + fraction


def calibration(db: Database, *, viewer: str | None = None) -> tuple[InterviewerCalibration, ...]:
    """Every interviewer's leniency (positive) or harshness (negative) against the rest
    of their panels, with the count behind it; small samples are marked, not hidden.

    Candidates ``viewer`` is held back from (on their panel, own scorecard not submitted:
    see :mod:`interview_kit.services.independence`) are left out, so the chart shows
    nothing of those panels' scores.

    The statistic is :func:`~interview_kit.domain.calibration.calibration_of` over
    sums the database makes (ratings grouped per candidate, criterion and interviewer);
    the few candidates with amended scorecards are read as effective scorecards one by
    one and summed by :func:`~interview_kit.domain.calibration.tally`, as amendments
    are applied in Python.
    """
    amended = (
        select(ScorecardRow.candidate_id)
        .join(AmendmentRow, AmendmentRow.scorecard_id == ScorecardRow.id)
        .distinct()
    )
    held_back = independence.held_back_id_query(viewer) if viewer is not None else None
    left_out = [ScorecardRow.candidate_id.not_in(amended)]
    if held_back is not None:
        left_out.append(ScorecardRow.candidate_id.not_in(held_back))
    with db.read() as session:
        sums = _calibration_sums(session, left_out)
        wanted = (
            amended
            if held_back is None
            else amended.where(ScorecardRow.candidate_id.not_in(held_back))
        )
        connection = session.connection()
        lookups = scorecard_reads.ScorecardLookups(connection)
        for candidate_id in sorted(session.scalars(wanted)):
            # The candidate index's own range read: a handful of rows, whatever the size.
            found = scorecard_reads.load_effective_range(
                connection, candidate_id, candidate_id, lookups
            )
            sums.add(tally(card for cards in found.values() for card in cards))
    return calibration_of(sums)


def _calibration_sums(
    session: Session, left_out: Sequence[ColumnElement[bool]]
) -> CalibrationTally:
    """The calibration sums of every candidate but those ``left_out``, in one statement."""
    per = (
        select(
            ScorecardRow.candidate_id.label("candidate"),
            RatingRow.criterion_id.label("criterion"),
            ScorecardRow.interviewer_id.label("interviewer"),
            func.sum(RatingRow.rating).label("total"),
            func.count(RatingRow.rating).label("ratings"),
        )
        .select_from(RatingRow)
        .join(ScorecardRow, ScorecardRow.id == RatingRow.scorecard_id)
        .where(ScorecardRow.status == "submitted", RatingRow.rating.is_not(None), *left_out)
        .group_by(ScorecardRow.candidate_id, RatingRow.criterion_id, ScorecardRow.interviewer_id)
        .cte("per_interviewer")
    )
    shared = (per.c.candidate, per.c.criterion)
    groups = select(
        per.c.candidate,
        per.c.criterion,
        per.c.interviewer,
        per.c.total,
        per.c.ratings,
        func.count().over(partition_by=shared).label("size"),
        func.sum(per.c.total).over(partition_by=shared).label("group_total"),
        func.max(per.c.ratings).over(partition_by=shared).label("most"),
    ).cte("comparisons")
    g = groups.c
    compared = g.size >= 2
    none = cast(null(), Integer)
    none_text = cast(null(), String)
    summed = (
        select(
            literal(0).label("kind"),
            g.interviewer,
            (g.size - 1).label("others"),
            func.sum(g.size * g.total - g.group_total).label("numerator"),
            func.count().label("number"),
            none.label("candidate"),
            none_text.label("criterion"),
            none.label("total"),
            none.label("ratings"),
        )
        .where(compared, g.most == 1)
        .group_by(g.interviewer, g.size)
    )
    fractional = select(
        literal(1), g.interviewer, none, none, none, g.candidate, g.criterion, g.total, g.ratings
    ).where(compared, g.most > 1)
    people = (
        select(
            literal(2),
            g.interviewer,
            none,
            none,
            func.count(distinct(g.candidate)),
            none,
            none_text,
            none,
            none,
        )
        .where(compared)
        .group_by(g.interviewer)
    )
    cards = (
        select(
            literal(3),
            ScorecardRow.interviewer_id,
            none,
            none,
            func.count(),
            none,
            none_text,
            none,
            none,
        )
        .where(ScorecardRow.status == "submitted", *left_out)
        .group_by(ScorecardRow.interviewer_id)
    )
    who = {
        row_id: (uuid, name)
        for row_id, uuid, name in session.execute(
            select(InterviewerRow.id, InterviewerRow.uuid, InterviewerRow.name)
        )
    }
    sums = CalibrationTally()
    own: dict[tuple[int, str], dict[str, int | Fraction]] = defaultdict(dict)
    for (
        kind,
        interviewer,
        others,
        numerator,
        number,
        candidate,
        criterion,
        total,
        ratings,
    ) in session.execute(union_all(summed, fractional, people, cards)):
        uuid, name = who[interviewer]
        if kind == 0:
            sums.add_summed(uuid, int(others), int(numerator), int(number))
        elif kind == 1:
            own[(candidate, criterion)][uuid] = (
                int(total) if int(ratings) == 1 else Fraction(int(total), int(ratings))
            )
        elif kind == 2:
            sums.candidates[uuid] += int(number)
        else:
            sums.names[uuid][name] += int(number)
    for group in own.values():
        sums.add_comparisons(group)
    return sums
