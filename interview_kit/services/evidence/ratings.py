"""The effective ratings as one SQL selectable, for the evidence views to aggregate.

Submitted scorecards only, N/A left out, amendments applied: the rows of scorecards
nobody amended come straight from ``scorecard_ratings``; the few amended scorecards are
read through :func:`~interview_kit.services.scorecards.load_scorecards` (which applies
their amendments, the one place that rule lives) and joined in as literal ``VALUES``.
:func:`counted_ratings` is the same rule over one scorecard in memory (the demo tallies
the scorecards it generates with it).
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import (
    ColumnElement,
    Integer,
    String,
    Subquery,
    column,
    select,
    true,
    union_all,
    values,
)
from sqlalchemy.orm import Session

from interview_kit.domain.scorecard import Scorecard, ScorecardStatus
from interview_kit.services.scorecard_reads import load_scorecards
from interview_kit.storage.models import AmendmentRow, RatingRow, ScorecardRow

SUBMITTED = ScorecardStatus.SUBMITTED.value


def counted_ratings(card: Scorecard) -> Iterator[tuple[str, int]]:
    """The (criterion id, rating) pairs that count of one scorecard as it reads with its
    amendments made: a submitted one's ratings, N/A left out; a draft's none."""
    if not card.is_submitted:
        return
    for rating in card.ratings:
        if rating.rating is not None:
            yield rating.criterion_id, rating.rating


def effective_ratings(session: Session, candidates: ColumnElement[bool] | None = None) -> Subquery:
    """Columns: scorecard_id, candidate_id, stage_id, interviewer_id, submitted_at,
    rubric_version_id, criterion_id, rating (1-4, never NULL). ``candidates``, a clause
    on ``ScorecardRow.candidate_id``, keeps only those candidates' ratings."""
    head = (
        ScorecardRow.id.label("scorecard_id"),
        ScorecardRow.candidate_id,
        ScorecardRow.stage_id,
        ScorecardRow.interviewer_id,
        ScorecardRow.submitted_at,
        ScorecardRow.rubric_version_id,
    )
    chosen = true() if candidates is None else candidates
    amended = select(AmendmentRow.scorecard_id)
    stored = (
        select(*head, RatingRow.criterion_id, RatingRow.rating)
        .join(RatingRow, RatingRow.scorecard_id == ScorecardRow.id)
        .where(ScorecardRow.status == SUBMITTED, RatingRow.rating.is_not(None), chosen)
    )
    has_amendments = session.scalar(select(AmendmentRow.id).limit(1)) is not None
    if not has_amendments:
        return stored.subquery("ratings")
    rows = [
        (card.id, criterion_id, rating)
        for card in load_scorecards(
            session, ScorecardRow.id.in_(amended) & (ScorecardRow.status == SUBMITTED) & chosen
        )
        for criterion_id, rating in counted_ratings(card.effective())
    ]
    stored = stored.where(ScorecardRow.id.not_in(amended))
    if not rows:
        return stored.subquery("ratings")
    fixed = values(
        column("scorecard_id", Integer),
        column("criterion_id", String),
        column("rating", Integer),
        name="amended_ratings",
        literal_binds=True,
    ).data(rows)
    table = fixed.cte("amended_ratings")
    corrected = select(*head, table.c.criterion_id, table.c.rating).join(
        ScorecardRow, ScorecardRow.id == table.c.scorecard_id
    )
    return union_all(stored, corrected).subquery("ratings")
