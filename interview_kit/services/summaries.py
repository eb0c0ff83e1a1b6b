"""The cached per-candidate summary behind every list: score, recommendation, decision.

Lists never run the engine; whatever changes a candidate's submitted scorecards or
decision calls :func:`refresh` in the same unit of work, so the cache can never be seen
out of step with what it summarises.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from sqlalchemy import delete, insert, select
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
    from interview_kit.services.rubrics import rubric_for_version
    from interview_kit.services.scorecards import effective_in_session

    # On PostgreSQL two submissions for one candidate commit side by side; locking the
    # candidate makes the second wait for the first and then count both (SQLite's write
    # lock already does this; there the clause is left out).
    session.execute(
        select(CandidateRow.id).where(CandidateRow.id == candidate_id).with_for_update()
    )
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
        _fill_recommendation(summary, rubric_for_version(db, session, version_id), cards)
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


def refresh_all(db: Database, *, batch_size: int = 1000) -> int:
    """Recompute every candidate's summary in batches (after a bulk load or an engine
    change): a few queries and one bulk insert per batch. Returns the candidates done."""
    from interview_kit.services.rubrics import rubric_for_version
    from interview_kit.services.scorecards import effective_in_session

    with db.read() as session:
        ids = list(session.scalars(select(CandidateRow.id).order_by(CandidateRow.id)))
    for start in range(0, len(ids), batch_size):
        low, high = ids[start], ids[min(start + batch_size, len(ids)) - 1]
        in_batch = CandidateRow.id.between(low, high)
        with db.write() as session:
            pinned = dict(
                session.execute(
                    select(CandidateRow.id, CandidateRow.rubric_version_id).where(in_batch)
                ).all()
            )
            uuids = dict(
                session.execute(select(CandidateRow.uuid, CandidateRow.id).where(in_batch)).all()
            )
            cards: dict[int, list[Scorecard]] = {}
            for card in effective_in_session(session, in_batch):
                cards.setdefault(uuids[card.candidate_uuid], []).append(card)
            latest: dict[int, tuple[str, str | None]] = {}
            for candidate_id, decision, level in session.execute(
                select(DecisionRow.candidate_id, DecisionRow.decision, DecisionRow.level)
                .where(DecisionRow.candidate_id.between(low, high))
                .order_by(DecisionRow.candidate_id, DecisionRow.decided_at, DecisionRow.id)
            ):
                latest[candidate_id] = (decision, level)
            rows = []
            now = utc_now()
            for candidate_id, version_id in pinned.items():
                summary = CandidateSummaryRow(
                    candidate_id=candidate_id,
                    submitted_count=len(cards.get(candidate_id, ())),
                    committee_decision=latest.get(candidate_id, (None, None))[0],
                    committee_level=latest.get(candidate_id, (None, None))[1],
                    updated_at=now,
                )
                if candidate_id in cards and version_id is not None:
                    rubric = rubric_for_version(db, session, version_id)
                    _fill_recommendation(summary, rubric, cards[candidate_id])
                rows.append(
                    {
                        column: getattr(summary, column)
                        for column in (
                            "candidate_id",
                            "score",
                            "recommendation",
                            "level",
                            "coverage",
                            "submitted_count",
                            "committee_decision",
                            "committee_level",
                            "updated_at",
                        )
                    }
                )
            session.execute(
                delete(CandidateSummaryRow).where(
                    CandidateSummaryRow.candidate_id.between(low, high)
                )
            )
            if rows:
                session.execute(insert(CandidateSummaryRow), rows)
    return len(ids)
