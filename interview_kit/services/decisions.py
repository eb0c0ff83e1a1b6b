"""Committee decisions: hire or not, level, base and equity, with a justification when
the base falls outside the level's band. The newest decision for a candidate is in force;
earlier ones stay as history."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview_kit.domain.candidate import CommitteeOutcome
from interview_kit.services import audit, summaries
from interview_kit.services.candidate_rows import load_candidate_row
from interview_kit.services.common import new_uuid, without_nul
from interview_kit.services.errors import InvalidInputError, NotFoundError, StaleEditError
from interview_kit.services.evidence import debrief
from interview_kit.services.rubrics import first_active_version_id, load_version, rubric_for_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    CandidateRow,
    DecisionRow,
    RubricVersionRow,
    ScorecardRow,
)
from interview_kit.storage.tables import NAME_LENGTH

__all__ = [
    "DecisionRecord",
    "decision_version",
    "decisions_for_candidate",
    "latest_decision",
    "record_decision",
]

JUSTIFICATION_LIMIT = 20_000


@dataclass(frozen=True)
class DecisionRecord:
    uuid: str
    candidate_uuid: str
    decision: CommitteeOutcome
    level: str | None
    currency: str
    base: float | None
    equity: float | None
    equity_unit: str
    justification: str
    decided_by: str
    decided_at: datetime
    rubric_version: int | None
    outside_band: bool
    """The base lies outside the level's band (the justification says why)."""


def _version(session: Session, candidate_id: int) -> int:
    """What a decision is based on, as a counter: decisions recorded, scorecards
    submitted and amendments made for the candidate. Each only ever grows, so any
    change since a view was read shows as a different number."""
    decided = select(func.count(DecisionRow.id)).where(DecisionRow.candidate_id == candidate_id)
    submitted = select(func.count(ScorecardRow.id)).where(
        ScorecardRow.candidate_id == candidate_id, ScorecardRow.status == "submitted"
    )
    amended = (
        select(func.count(AmendmentRow.id))
        .join(ScorecardRow, ScorecardRow.id == AmendmentRow.scorecard_id)
        .where(ScorecardRow.candidate_id == candidate_id)
    )
    return sum(int(session.scalar(query) or 0) for query in (decided, submitted, amended))


def decision_version(db: Database, candidate_uuid: str) -> int:
    """The counter to pass back as ``expected_version`` when recording a decision."""
    with db.read() as session:
        return _version(session, load_candidate_row(session, candidate_uuid).id)


def record_decision(
    db: Database,
    candidate_uuid: str,
    *,
    decision: CommitteeOutcome | str,
    level: str | None = None,
    base: float | None = None,
    equity: float | None = None,
    justification: str = "",
    override_reason: str = "",
    decided_by: str | None = None,
    expected_version: int | None = None,
    actor: str | None = None,
) -> DecisionRecord:
    """Record the committee's decision for a candidate.

    A hire needs a level of the candidate's rubric. A base outside that level's band
    needs a written ``justification``; without one nothing is stored and
    :class:`InvalidInputError` says the band. With ``expected_version`` (from
    :func:`decision_version` or the panel review the committee looked at), a decision,
    submission or amendment recorded since is refused with :class:`StaleEditError`.
    A decision that departs from the recommendation frozen when the candidate reached
    the committee needs an ``override_reason`` (see
    :mod:`interview_kit.services.evidence.debrief`).
    """
    try:
        outcome = CommitteeOutcome(decision)
    except ValueError:
        raise InvalidInputError(f"decision {decision!r} is not 'hire' or 'no_hire'") from None
    justification = without_nul(justification).strip()
    if len(justification) > JUSTIFICATION_LIMIT:
        raise InvalidInputError(
            f"the justification is longer than {JUSTIFICATION_LIMIT} characters"
        )
    for name, value in (("base", base), ("equity", equity)):
        if value is not None and (not math.isfinite(value) or value < 0):
            raise InvalidInputError(f"{name} must be a number of 0 or more")
    who = (decided_by or actor or db.actor)[:NAME_LENGTH]
    with db.write() as session:
        candidate = load_candidate_row(session, candidate_uuid, for_update=True)
        if expected_version is not None:
            current = _version(session, candidate.id)
            if current != expected_version:
                raise StaleEditError(
                    f"the panel for {candidate.name} changed after you opened it (a decision,"
                    " a scorecard or an amendment was recorded since); reload the review and"
                    " decide again"
                )
        version_id = candidate.rubric_version_id or first_active_version_id(session)
        currency, equity_unit, outside = "", "", False
        version_number: int | None = None
        if version_id is not None:
            loaded = load_version(db, session, version_id)
            version_number = loaded.info.version
            rubric = loaded.rubric
            if level is not None:
                try:
                    band = rubric.level(level).band
                except KeyError:
                    known = ", ".join(lv.id for lv in rubric.levels)
                    raise InvalidInputError(
                        f"level {level!r} is not in the rubric (levels: {known})"
                    ) from None
                currency, equity_unit = band.currency, band.equity_unit
                if base is not None and not band.base_min <= base <= band.base_max:
                    outside = True
                    if not justification:
                        raise InvalidInputError(
                            f"base {base:,.0f} {band.currency} is outside the {level} band "
                            f"({band.base_min:,.0f}-{band.base_max:,.0f} {band.currency}): "
                            "write a justification"
                        )
        elif level is not None:
            raise NotFoundError("no rubric is stored, so no level can be checked")
        if outcome is CommitteeOutcome.HIRE and level is None:
            raise InvalidInputError("a hire needs a level")
        override = debrief.check_override(
            session,
            candidate.id,
            hire=outcome is CommitteeOutcome.HIRE,
            level=level,
            base=base,
            reason=override_reason,
        )
        row = DecisionRow(
            uuid=new_uuid(),
            candidate_id=candidate.id,
            rubric_version_id=version_id,
            decision=outcome.value,
            level=level,
            currency=currency,
            base=base,
            equity=equity,
            equity_unit=equity_unit,
            justification=justification,
            decided_by=who,
        )
        session.add(row)
        session.flush()
        debrief.store_override(session, row.id, override)
        audit.append(
            session,
            actor or db.actor,
            "decision.recorded",
            "candidate",
            candidate_uuid,
            f"{outcome.value} {level or ''}".strip() + (" outside band" if outside else ""),
        )
        summaries.refresh(db, session, candidate.id)
        return _record(row, candidate_uuid, version_number, outside=outside)


def _record(
    row: DecisionRow, candidate_uuid: str, version: int | None, *, outside: bool
) -> DecisionRecord:
    return DecisionRecord(
        uuid=row.uuid,
        candidate_uuid=candidate_uuid,
        decision=CommitteeOutcome(row.decision),
        level=row.level,
        currency=row.currency,
        base=row.base,
        equity=row.equity,
        equity_unit=row.equity_unit,
        justification=row.justification,
        decided_by=row.decided_by,
        decided_at=row.decided_at,
        rubric_version=version,
        outside_band=outside,
    )


def decisions_for_candidate(db: Database, candidate_uuid: str) -> list[DecisionRecord]:
    """Every decision recorded for the candidate, newest (the one in force) first."""
    with db.read() as session:
        load_candidate_row(session, candidate_uuid)
        rows = session.execute(
            select(DecisionRow, RubricVersionRow)
            .join(CandidateRow, CandidateRow.id == DecisionRow.candidate_id)
            .outerjoin(RubricVersionRow, RubricVersionRow.id == DecisionRow.rubric_version_id)
            .where(CandidateRow.uuid == candidate_uuid)
            .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
        )
        records = []
        for row, version in rows:
            outside = False
            if version is not None and row.level is not None and row.base is not None:
                rubric = rubric_for_version(db, session, version.id)
                try:
                    band = rubric.level(row.level).band
                    outside = not band.base_min <= row.base <= band.base_max
                except KeyError:
                    outside = False
            records.append(
                _record(
                    row,
                    candidate_uuid,
                    version.version if version is not None else None,
                    outside=outside,
                )
            )
        return records


def latest_decision(db: Database, candidate_uuid: str) -> DecisionRecord | None:
    found = decisions_for_candidate(db, candidate_uuid)
    return found[0] if found else None
