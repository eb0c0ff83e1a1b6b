"""The derived tallies the evidence views aggregate: ``evidence_cases`` and
``evidence_cards`` (see :mod:`interview_kit.storage.models`).

Both come from :func:`~interview_kit.services.evidence.ratings.effective_ratings`, the
one rule for which ratings count, and are rewritten per candidate by
:func:`refill` in the same unit of work as the candidate's summary
(:func:`~interview_kit.services.summaries.refresh_many` and the recompute call it), so
they are never out of step with the scorecards. Reading these instead of every rating
is what keeps each view under a second at 10k candidates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, delete, exists, select
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.services.evidence.common import month_of
from interview_kit.services.evidence.ratings import SUBMITTED, effective_ratings
from interview_kit.storage.bulk import BulkInserter, Columns, collector_paused
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    EvidenceCardRow,
    EvidenceCaseRow,
    RatingRow,
    ScorecardRow,
)

COLUMNS: Columns = {
    "cases": (
        EvidenceCaseRow,
        ("candidate_id", "stage_id", "criterion_id", "n1", "n2", "n3", "n4"),
    ),
    "cards": (
        EvidenceCardRow,
        (
            "candidate_id",
            "stage_id",
            "interviewer_id",
            "month",
            "ratings",
            "rating_sum",
            "weighted_sum",
            "weight_sum",
            "comparisons",
            "difference_sum",
        ),
    ),
}


@dataclass
class _Card:
    """One scorecard's ratings as they are added up."""

    month: str
    count: int = 0
    total: int = 0
    weighted: float = 0.0
    weights: float = 0.0
    rated: list[tuple[str, int]] = field(default_factory=list)


Weights = Callable[[int], Mapping[str, float]]
"""Criterion weights of a rubric version, by its row id."""


def version_weights(db: Database, session: Session) -> Weights:
    """Criterion weights per rubric version (parsed through the cache on ``db``)."""
    from interview_kit.services.rubrics import load_version

    known: dict[int, dict[str, float]] = {}

    def weights(version_id: int) -> Mapping[str, float]:
        found = known.get(version_id)
        if found is None:
            with session.no_autoflush:
                rubric = load_version(db, session, version_id).rubric
            found = known[version_id] = criterion_weights(rubric)
        return found

    return weights


def criterion_weights(rubric: Rubric) -> dict[str, float]:
    """A rubric's criterion weights, by criterion id."""
    return {c.id: float(c.weight) for _s, c in rubric.criteria()}


Chooser = Callable[[Any], ColumnElement[bool]]
"""Which candidates: a clause on the candidate id column it is given
(``lambda column: column.in_(ids)``)."""


def refill(db: Database, session: Session, candidates: Chooser | None = None) -> None:
    """Rewrite the tallies of the candidates ``candidates`` chooses (``None``: every
    candidate) inside the caller's unit of work."""
    ratings = effective_ratings(
        session, None if candidates is None else candidates(ScorecardRow.candidate_id)
    )
    # On the session's connection: plain rows, without the ORM's result handling
    # (some 380k at 10k candidates).
    rows = (
        session.connection()
        .execute(
            select(
                ratings.c.candidate_id,
                ratings.c.stage_id,
                ratings.c.interviewer_id,
                month_of(session, ratings.c.submitted_at),
                ratings.c.rubric_version_id,
                ratings.c.criterion_id,
                ratings.c.rating,
            )
        )
        .all()
    )
    with collector_paused():
        counted = tally(rows, version_weights(db, session))
    connection = session.connection()
    for model in (EvidenceCaseRow, EvidenceCardRow):
        clear = delete(model)
        if candidates is not None:
            clear = clear.where(candidates(model.candidate_id))
        connection.execute(clear)
    inserter = BulkInserter(connection, COLUMNS)
    inserter.insert("cases", counted.cases)
    inserter.insert("cards", counted.cards)


Rated = tuple[int, str, int, str, int, str, int]
"""One rating that counts: candidate id, stage id, interviewer id, month of submission
(``YYYY-MM``, UTC), rubric version id, criterion id, rating."""


@dataclass
class Tallies:
    """Rows of the two tables, in the order of :data:`COLUMNS`."""

    cases: list[tuple[Any, ...]] = field(default_factory=list)
    cards: list[tuple[Any, ...]] = field(default_factory=list)


def tally(ratings: Iterable[Rated], weights: Weights) -> Tallies:
    """The tallies of the ratings that count (every one of a candidate's: each row adds
    up a candidate's ratings only). The one way both tables are computed: :func:`refill`
    feeds it the stored ratings, the demo the ratings it generates."""
    counts: dict[tuple[int, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    per_case: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])  # n, sum
    cards: dict[tuple[int, str, int], _Card] = {}
    for candidate_id, stage_id, interviewer_id, month, version_id, criterion_id, rating in ratings:
        counts[(candidate_id, stage_id, criterion_id)][rating - 1] += 1
        case = per_case[(candidate_id, criterion_id)]
        case[0] += 1
        case[1] += rating
        weight = weights(version_id).get(criterion_id, 1.0)
        card = cards.get((candidate_id, stage_id, interviewer_id))
        if card is None:
            card = cards[(candidate_id, stage_id, interviewer_id)] = _Card(str(month))
        card.count += 1
        card.total += rating
        card.weighted += weight * rating
        card.weights += weight
        card.rated.append((criterion_id, rating))
    tallies = Tallies(cases=[(*key, *counted) for key, counted in counts.items()])
    for (candidate_id, stage_id, interviewer_id), card in cards.items():
        comparisons = 0
        difference = 0.0
        for criterion_id, rating in card.rated:
            n, s = per_case[(candidate_id, criterion_id)]
            if n >= 2:
                comparisons += 1
                difference += (n * rating - s) * 1.0 / (n - 1)
        tallies.cards.append(
            (
                candidate_id,
                stage_id,
                interviewer_id,
                card.month,
                card.count,
                card.total,
                card.weighted,
                card.weights,
                comparisons,
                difference,
            )
        )
    return tallies


def ensure_filled(db: Database) -> None:
    """Fill the tallies once after the upgrade that added them (they start empty): when
    there are submitted ratings but no tallies at all. A database without scorecards,
    or one kept in step since, is left alone."""
    with db.read() as session:
        missing = session.scalar(
            select(
                exists(
                    select(RatingRow.scorecard_id)
                    .join(ScorecardRow, ScorecardRow.id == RatingRow.scorecard_id)
                    .where(ScorecardRow.status == SUBMITTED, RatingRow.rating.is_not(None))
                )
                & ~exists(select(EvidenceCardRow.candidate_id))
            )
        )
    if missing:
        with db.write() as session:
            refill(db, session)
