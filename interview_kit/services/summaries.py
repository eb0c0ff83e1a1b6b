"""The cached per-candidate summary behind every list: score, recommendation, decision.

Lists never run the engine; whatever changes a candidate's submitted scorecards or
decision calls :func:`refresh` in the same unit of work, so the cache can never be seen
out of step with what it summarises.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    ScorecardRow,
    utc_now,
)

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.domain.scorecard import Scorecard

logger = logging.getLogger(__name__)


def refresh(db: Database, session: Session, candidate_id: int) -> None:
    """Recompute one candidate's summary inside the caller's unit of work."""
    from interview_kit.services.rubrics import load_version
    from interview_kit.services.scorecards import effective_in_session

    summary = session.get(CandidateSummaryRow, candidate_id)
    if summary is None:
        summary = CandidateSummaryRow(candidate_id=candidate_id, submitted_count=0)
        session.add(summary)
    cards = effective_in_session(session, CandidateRow.id == candidate_id)
    summary.submitted_count = len(cards)
    summary.score = summary.recommendation = summary.level = summary.coverage = None
    version_id = session.scalar(
        select(CandidateRow.rubric_version_id).where(CandidateRow.id == candidate_id)
    )
    if version_id is None and cards:
        version_id = session.scalar(
            select(ScorecardRow.rubric_version_id)
            .where(ScorecardRow.candidate_id == candidate_id, ScorecardRow.status == "submitted")
            .order_by(ScorecardRow.submitted_at.desc())
            .limit(1)
        )
    if cards and version_id is not None:
        _fill_recommendation(summary, load_version(db, session, version_id).rubric, cards)
    decision = session.scalars(
        select(DecisionRow)
        .where(DecisionRow.candidate_id == candidate_id)
        .order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
        .limit(1)
    ).one_or_none()
    summary.committee_decision = decision.decision if decision is not None else None
    summary.committee_level = decision.level if decision is not None else None
    summary.updated_at = utc_now()
    session.flush()


def _fill_recommendation(
    summary: CandidateSummaryRow, rubric: Rubric, cards: list[Scorecard]
) -> None:
    from interview_kit.domain.engine import recommend

    result = recommend(rubric, cards)
    summary.score = result.candidate_score
    summary.recommendation = result.decision.value
    summary.level = result.level
    summary.coverage = result.coverage


def refresh_all(db: Database, *, batch_size: int = 500) -> int:
    """Recompute every candidate's summary (after a bulk import or an engine change)."""
    with db.read() as session:
        ids = list(session.scalars(select(CandidateRow.id).order_by(CandidateRow.id)))
    for start in range(0, len(ids), batch_size):
        with db.write() as session:
            for candidate_id in ids[start : start + batch_size]:
                refresh(db, session, candidate_id)
    return len(ids)
