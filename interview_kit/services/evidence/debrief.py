"""A debrief that keeps the mechanical answer honest.

When a candidate reaches the committee the engine's recommendation is frozen with its
trace (:func:`freeze_in_session`, called by the pipeline move). A committee decision
that departs from it — see :mod:`interview_kit.domain.overrides` — needs an override
reason (:func:`check_override` and :func:`store_override`, called by
:func:`interview_kit.services.decisions.record_decision`). Post-debrief re-scores are
kept in their own table: never part of a scorecard, the recommendation or agreement.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_kit.domain.overrides import Departure, Mechanical, departures, describe
from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import Scorecard
from interview_kit.services import audit
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.common import without_nul
from interview_kit.services.errors import InvalidInputError, NotFoundError
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    DebriefRescoreRow,
    DecisionOverrideRow,
    DecisionRow,
    FrozenRecommendationRow,
    HireOutcomeRow,
    InterviewerRow,
)
from interview_kit.storage.tables import NAME_LENGTH, utc_now

REASON_LIMIT = 20_000


@dataclass(frozen=True)
class FrozenRecommendation:
    candidate_uuid: str
    decision: str
    level: str | None
    candidate_score: float | None
    suggested_base: float | None
    base_rounding: float | None
    currency: str
    trace: tuple[str, ...]
    frozen_at: datetime
    frozen_by: str

    @property
    def mechanical(self) -> Mechanical:
        return Mechanical(self.decision, self.level, self.suggested_base, self.base_rounding)

    def to_json(self) -> dict[str, Any]:
        return {
            "candidate_uuid": self.candidate_uuid,
            "decision": self.decision,
            "level": self.level,
            "candidate_score": self.candidate_score,
            "suggested_base": self.suggested_base,
            "currency": self.currency,
            "trace": list(self.trace),
            "frozen_at": self.frozen_at.isoformat(),
            "frozen_by": self.frozen_by,
        }


def freeze_in_session(db: Database, session: Session, candidate_id: int, actor: str) -> bool:
    """Freeze the candidate's recommendation now, unless one is frozen already.

    Returns whether it froze one. Without a rubric there is nothing to freeze.
    """
    return freeze_many_in_session(db, session, (candidate_id,), actor) == 1


FREEZE_CHUNK = 500
"""Candidates per read in :func:`freeze_many_in_session` (well under every backend's
limit on bound parameters)."""


def freeze_many_in_session(
    db: Database, session: Session, candidate_ids: Sequence[int], actor: str
) -> int:
    """Freeze the recommendation of each of these candidates that has none yet, in the
    order given (one read of their scorecards for many: the demo freezes hundreds).

    Returns how many it froze. Without a rubric there is nothing to freeze.
    """
    from interview_kit.domain.engine import recommend
    from interview_kit.services.rubrics import first_active_version_id, load_version
    from interview_kit.services.scorecard_reads import effective_in_session

    frozen = 0
    rubrics: dict[int, Rubric] = {}
    for start in range(0, len(candidate_ids), FREEZE_CHUNK):
        chunk = candidate_ids[start : start + FREEZE_CHUNK]
        existing = set(
            session.scalars(
                select(FrozenRecommendationRow.candidate_id).where(
                    FrozenRecommendationRow.candidate_id.in_(chunk)
                )
            )
        )
        chosen = [candidate_id for candidate_id in chunk if candidate_id not in existing]
        if not chosen:
            continue
        uuids, pinned = {}, {}
        for candidate_id, uuid, version_id in session.execute(
            select(CandidateRow.id, CandidateRow.uuid, CandidateRow.rubric_version_id).where(
                CandidateRow.id.in_(chosen)
            )
        ):
            uuids[candidate_id], pinned[candidate_id] = uuid, version_id
        if any(pinned.get(candidate_id) is None for candidate_id in chosen):
            default = first_active_version_id(session)
            pinned = {c: pinned.get(c) or default for c in chosen}
        cards: dict[str, list[Scorecard]] = {}
        for card in effective_in_session(session, CandidateRow.id.in_(chosen)):
            cards.setdefault(card.candidate_uuid, []).append(card)
        for candidate_id in chosen:
            version_id = pinned.get(candidate_id)
            if version_id is None:
                continue
            rubric = rubrics.get(version_id)
            if rubric is None:
                rubric = rubrics[version_id] = load_version(db, session, version_id).rubric
            result = recommend(rubric, cards.get(uuids.get(candidate_id, ""), ()))
            band = result.band
            rounding = None
            if result.level is not None:
                rounding = float(rubric.level(result.level).band.rounding)
            session.add(
                FrozenRecommendationRow(
                    candidate_id=candidate_id,
                    rubric_version_id=version_id,
                    decision=result.decision.value,
                    level=result.level,
                    candidate_score=result.candidate_score,
                    suggested_base=None if band is None else band.suggested_base,
                    base_rounding=rounding,
                    currency="" if band is None else band.currency,
                    trace=list(result.trace),
                    result=result.to_json(),
                    frozen_by=actor[:NAME_LENGTH],
                    frozen_at=utc_now(),
                )
            )
            frozen += 1
    session.flush()
    return frozen


def freeze_recommendation(
    db: Database, candidate_uuid: str, *, actor: str | None = None
) -> FrozenRecommendation:
    """Freeze now (for candidates that reached the committee before freezing existed,
    or were loaded in bulk); an existing freeze is kept as it is."""
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        if freeze_in_session(db, session, candidate.id, actor or db.actor):
            audit.append(
                session, actor or db.actor, "recommendation.frozen", "candidate", candidate_uuid
            )
    found = frozen_recommendation(db, candidate_uuid)
    if found is None:
        raise NotFoundError("no rubric is stored, so there is no recommendation to freeze")
    return found


def frozen_recommendation(db: Database, candidate_uuid: str) -> FrozenRecommendation | None:
    with db.read() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        row = session.scalars(
            select(FrozenRecommendationRow).where(
                FrozenRecommendationRow.candidate_id == candidate.id
            )
        ).one_or_none()
        return None if row is None else _frozen(row, candidate_uuid)


def _frozen(row: FrozenRecommendationRow, candidate_uuid: str) -> FrozenRecommendation:
    return FrozenRecommendation(
        candidate_uuid=candidate_uuid,
        decision=row.decision,
        level=row.level,
        candidate_score=row.candidate_score,
        suggested_base=row.suggested_base,
        base_rounding=row.base_rounding,
        currency=row.currency,
        trace=tuple(row.trace),
        frozen_at=row.frozen_at,
        frozen_by=row.frozen_by,
    )


@dataclass(frozen=True)
class OverrideCheck:
    """What :func:`check_override` found, for :func:`store_override` after the insert."""

    frozen_id: int | None
    departures: tuple[Departure, ...]
    reason: str


def check_override(
    session: Session,
    candidate_id: int,
    *,
    hire: bool,
    level: str | None,
    base: float | None,
    reason: str,
) -> OverrideCheck:
    """Refuse a decision that departs from the frozen recommendation without a reason."""
    row = session.scalars(
        select(FrozenRecommendationRow).where(FrozenRecommendationRow.candidate_id == candidate_id)
    ).one_or_none()
    return judge_override(row, hire=hire, level=level, base=base, reason=reason)


def judge_override(
    row: FrozenRecommendationRow | None,
    *,
    hire: bool,
    level: str | None,
    base: float | None,
    reason: str,
) -> OverrideCheck:
    """:func:`check_override` against the candidate's frozen recommendation ``row``
    (``None``: none is frozen), already read: the demo checks hundreds read at once."""
    text = without_nul(reason).strip()
    if len(text) > REASON_LIMIT:
        raise InvalidInputError(f"the override reason is longer than {REASON_LIMIT} characters")
    if row is None:
        return OverrideCheck(None, (), text)
    mechanical = Mechanical(row.decision, row.level, row.suggested_base, row.base_rounding)
    found = departures(mechanical, hire=hire, level=level, base=base)
    if found and not text:
        raise InvalidInputError(
            f"this decision departs from the recommendation frozen at the committee "
            f"({describe(found, mechanical)}): write an override reason"
        )
    return OverrideCheck(row.id, found, text)


def store_override(
    session: Session, decision_id: int, check: OverrideCheck, *, flush: bool = True
) -> None:
    """Keep the reason of a decision that departs (``flush=False``: with the session's
    next flush, for many at once)."""
    if check.frozen_id is None or not check.departures:
        return
    session.add(
        DecisionOverrideRow(
            decision_id=decision_id,
            frozen_id=check.frozen_id,
            departures=",".join(d.value for d in check.departures),
            reason=check.reason,
        )
    )
    if flush:
        session.flush()


# ---------------------------------------------------------------------------------------
# The overrides report


@dataclass(frozen=True)
class OverrideEntry:
    candidate_uuid: str
    candidate_name: str
    decided_at: datetime
    decided_by: str
    decision: str
    level: str | None
    base: float | None
    mechanical_decision: str
    mechanical_level: str | None
    mechanical_base: float | None
    departures: tuple[str, ...]
    reason: str
    in_force: bool
    """The newest decision for the candidate (earlier ones are history)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "candidate_uuid": self.candidate_uuid,
            "candidate": self.candidate_name,
            "decided_at": self.decided_at.isoformat(),
            "decided_by": self.decided_by,
            "decision": self.decision,
            "level": self.level,
            "base": self.base,
            "mechanical": {
                "decision": self.mechanical_decision,
                "level": self.mechanical_level,
                "suggested_base": self.mechanical_base,
            },
            "departures": list(self.departures),
            "reason": self.reason,
            "in_force": self.in_force,
        }


@dataclass(frozen=True)
class OutcomeComparison:
    """How hires turned out, split by whether the decision in force overrode the engine."""

    group: str
    """``"followed"`` or ``"overridden"``."""
    hires: int
    with_outcome: int
    mean_performance: float | None
    still_employed: int
    employed_known: int

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "hires": self.hires,
            "with_outcome": self.with_outcome,
            "mean_performance": (
                None if self.mean_performance is None else round(self.mean_performance, 3)
            ),
            "still_employed": self.still_employed,
            "employed_known": self.employed_known,
        }


@dataclass(frozen=True)
class OverridesReport:
    overrides: tuple[OverrideEntry, ...]
    decisions_with_freeze: int
    """Decisions in force for candidates with a frozen recommendation."""
    overridden_in_force: int
    outcomes: tuple[OutcomeComparison, ...]
    """Hired candidates by decision kind, at the latest checkpoint recorded for each."""

    def to_json(self) -> dict[str, Any]:
        return {
            "overrides": [entry.to_json() for entry in self.overrides],
            "decisions_with_freeze": self.decisions_with_freeze,
            "overridden_in_force": self.overridden_in_force,
            "outcomes": [item.to_json() for item in self.outcomes],
        }


def overrides(db: Database) -> OverridesReport:
    """Every override with its reason, newest first, and — once outcomes exist — how
    hires the committee overrode turned out against those that followed the engine."""
    newest = (
        select(DecisionRow.candidate_id, DecisionRow.id, DecisionRow.decision)
        .where(DecisionRow.candidate_id.in_(select(FrozenRecommendationRow.candidate_id)))
        .order_by(DecisionRow.candidate_id, DecisionRow.decided_at.desc(), DecisionRow.id.desc())
    )
    with db.read() as session:
        in_force: dict[int, int] = {}
        hired: set[int] = set()
        for candidate_id, decision_id, decision_value in session.execute(newest):
            if candidate_id not in in_force:
                in_force[candidate_id] = decision_id
                if decision_value == "hire":
                    hired.add(decision_id)
        rows = session.execute(
            select(DecisionOverrideRow, DecisionRow, FrozenRecommendationRow, CandidateRow)
            .join(DecisionRow, DecisionRow.id == DecisionOverrideRow.decision_id)
            .join(
                FrozenRecommendationRow, FrozenRecommendationRow.id == DecisionOverrideRow.frozen_id
            )
            .join(CandidateRow, CandidateRow.id == DecisionRow.candidate_id)
            .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
        )
        entries = []
        overridden_decisions: set[int] = set()
        for override, decision, frozen, candidate in rows:
            overridden_decisions.add(decision.id)
            entries.append(
                OverrideEntry(
                    candidate_uuid=candidate.uuid,
                    candidate_name=candidate.name,
                    decided_at=decision.decided_at,
                    decided_by=decision.decided_by,
                    decision=decision.decision,
                    level=decision.level,
                    base=decision.base,
                    mechanical_decision=frozen.decision,
                    mechanical_level=frozen.level,
                    mechanical_base=frozen.suggested_base,
                    departures=tuple(override.departures.split(",")),
                    reason=override.reason,
                    in_force=in_force.get(candidate.id) == decision.id,
                )
            )
        latest_outcomes = _latest_outcomes(session, set(in_force))
    groups: dict[str, list[tuple[int | None, bool] | None]] = {"followed": [], "overridden": []}
    for candidate_id, decision_id in in_force.items():
        if decision_id not in hired:
            continue
        kind = "overridden" if decision_id in overridden_decisions else "followed"
        groups[kind].append(latest_outcomes.get(candidate_id))
    comparisons = []
    for kind, found in groups.items():
        known = [item for item in found if item is not None]
        performance = [p for p, _employed in known if p is not None]
        comparisons.append(
            OutcomeComparison(
                group=kind,
                hires=len(found),
                with_outcome=len(known),
                mean_performance=statistics.fmean(performance) if performance else None,
                still_employed=sum(1 for _p, employed in known if employed),
                employed_known=len(known),
            )
        )
    return OverridesReport(
        overrides=tuple(entries),
        decisions_with_freeze=len(in_force),
        overridden_in_force=sum(1 for d in in_force.values() if d in overridden_decisions),
        outcomes=tuple(comparisons),
    )


def _latest_outcomes(
    session: Session, candidate_ids: set[int]
) -> dict[int, tuple[int | None, bool]]:
    """(performance, still employed) at the latest checkpoint each candidate has."""
    order = {"90_days": 0, "one_year": 1}
    found: dict[int, tuple[int, int | None, bool]] = {}
    for candidate_id, checkpoint, performance, employed in session.execute(
        select(
            HireOutcomeRow.candidate_id,
            HireOutcomeRow.checkpoint,
            HireOutcomeRow.performance,
            HireOutcomeRow.still_employed,
        )
    ):
        if candidate_id not in candidate_ids:
            continue
        rank = order.get(checkpoint, -1)
        if candidate_id not in found or rank > found[candidate_id][0]:
            found[candidate_id] = (rank, performance, bool(employed))
    return {key: (value[1], value[2]) for key, value in found.items()}


# ---------------------------------------------------------------------------------------
# Post-debrief re-scores


@dataclass(frozen=True)
class Rescore:
    candidate_uuid: str
    interviewer_uuid: str
    interviewer_name: str
    stage_id: str
    criterion_id: str
    rating: int
    note: str
    recorded_at: datetime


def record_rescore(
    db: Database,
    candidate_uuid: str,
    interviewer_uuid: str,
    criterion_id: str,
    rating: int,
    *,
    note: str = "",
    actor: str | None = None,
) -> Rescore:
    """Record (or replace) an interviewer's rating after the debrief discussion.

    It is stored apart from their scorecard: the independent rating stays what it was,
    and agreement and the recommendation never see this one.
    """
    from interview_kit.services.rubrics import first_active_version_id, rubric_for_version

    if rating not in (1, 2, 3, 4):
        raise InvalidInputError("a re-score is 1, 2, 3 or 4")
    text = without_nul(note).strip()
    if len(text) > REASON_LIMIT:
        raise InvalidInputError(f"the note is longer than {REASON_LIMIT} characters")
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        interviewer = session.scalars(
            select(InterviewerRow).where(InterviewerRow.uuid == interviewer_uuid)
        ).one_or_none()
        if interviewer is None:
            raise NotFoundError(f"no interviewer with id {interviewer_uuid}")
        version_id = candidate.rubric_version_id or first_active_version_id(session)
        if version_id is None:
            raise NotFoundError("no rubric is stored")
        rubric = rubric_for_version(db, session, version_id)
        stage_id = next(
            (stage.id for stage, criterion in rubric.criteria() if criterion.id == criterion_id),
            None,
        )
        if stage_id is None:
            raise InvalidInputError(f"criterion {criterion_id!r} is not in the rubric")
        row = session.scalars(
            select(DebriefRescoreRow).where(
                DebriefRescoreRow.candidate_id == candidate.id,
                DebriefRescoreRow.interviewer_id == interviewer.id,
                DebriefRescoreRow.criterion_id == criterion_id,
            )
        ).one_or_none()
        if row is None:
            row = DebriefRescoreRow(
                candidate_id=candidate.id,
                interviewer_id=interviewer.id,
                criterion_id=criterion_id,
            )
            session.add(row)
        row.stage_id = stage_id
        row.rating = rating
        row.note = text
        row.recorded_at = utc_now()
        session.flush()
        audit.append(
            session,
            actor or db.actor,
            "rescore.recorded",
            "candidate",
            candidate_uuid,
            criterion_id,
        )
        return Rescore(
            candidate_uuid,
            interviewer.uuid,
            interviewer.name,
            stage_id,
            criterion_id,
            rating,
            text,
            row.recorded_at,
        )


def rescores_for_candidate(db: Database, candidate_uuid: str) -> list[Rescore]:
    with db.read() as session:
        candidate = load_candidate_row(session, candidate_uuid)
        rows = session.execute(
            select(DebriefRescoreRow, InterviewerRow.uuid, InterviewerRow.name)
            .join(InterviewerRow, InterviewerRow.id == DebriefRescoreRow.interviewer_id)
            .where(DebriefRescoreRow.candidate_id == candidate.id)
            .order_by(
                DebriefRescoreRow.stage_id, DebriefRescoreRow.criterion_id, InterviewerRow.name
            )
        )
        return [
            Rescore(
                candidate_uuid,
                uuid,
                name,
                row.stage_id,
                row.criterion_id,
                row.rating,
                row.note,
                row.recorded_at,
            )
            for row, uuid, name in rows
        ]
