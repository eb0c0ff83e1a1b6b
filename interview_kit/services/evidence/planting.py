"""Evidence for a demo database: outcomes and self-identification with a known answer.

Given a database of generated candidates (the demo loader's), this stores outcomes for
every hire and voluntary self-identification for every candidate the committee decided
on, with two effects planted so every evidence view shows something and the tests can
find it:

* **an effect in one criterion** — hires' performance follows their mean rating on
  ``criterion_id`` (plus noise); no other criterion enters the outcome;
* **overrides** — the most recent decided candidates get the engine's recommendation
  frozen, and each decision in force that departs from it a reason;
* **a group difference at one step** — at the committee, candidates answering
  ``category_id`` to ``question_id`` are selected at about ``impact`` times the rate of
  the others. The other questions are answered independently of any selection.

Deterministic: the same database and seed give the same rows. Earlier planted (or
recorded) outcomes and answers of those candidates are replaced.
"""

from __future__ import annotations

import math
import random
import statistics
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.self_identification import PREFER_NOT_TO_SAY
from interview_kit.services import audit
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.evidence.adverse_impact import COMMITTEE_STEP
from interview_kit.services.evidence.common import active_rubric_or_none
from interview_kit.services.evidence.ratings import effective_ratings
from interview_kit.services.evidence.records import Checkpoint, self_identification_questions
from interview_kit.storage.bulk import BulkInserter, Columns, collector_paused
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    CandidateSummaryRow,
    DecisionOverrideRow,
    DecisionRow,
    FrozenRecommendationRow,
    HireOutcomeRow,
    SelfIdentificationRow,
)
from interview_kit.storage.tables import utc_now

DEFAULT_SEED = 16
PLANTED_QUESTION = "sex"
PLANTED_CATEGORY = "female"
PLANTED_IMPACT = 0.6
PLANTED_SHARE = 0.45
"""The planted group's share of candidates."""
EFFECT_WEIGHT = 0.8
NOISE = 0.6


@dataclass(frozen=True)
class PlantedEvidence:
    criterion_id: str
    """The criterion whose ratings drive hires' performance."""
    question_id: str
    category_id: str
    step_id: str
    impact: float
    outcomes: int
    identifications: int
    """Candidates given answers."""
    overrides: int = 0
    """Decisions in force that depart from the recommendation frozen for them."""


def plant_evidence(
    db: Database,
    *,
    seed: int = DEFAULT_SEED,
    criterion_id: str | None = None,
    question_id: str = PLANTED_QUESTION,
    category_id: str = PLANTED_CATEGORY,
    impact: float = PLANTED_IMPACT,
    actor: str | None = None,
) -> PlantedEvidence:
    """Plant outcomes and self-identification (see the module docstring)."""
    rubric = active_rubric_or_none(db)
    if rubric is None:
        raise InvalidInputError("no rubric is stored: load the demo first")
    criteria = [c.id for _s, c in rubric.criteria()]
    chosen = criterion_id or criteria[len(criteria) // 2]
    if chosen not in criteria:
        raise InvalidInputError(f"criterion {chosen!r} is not in the rubric")
    questions = {q.id: q for q in self_identification_questions(db)}
    if question_id not in questions:
        raise InvalidInputError(f"{question_id!r} is not a self-identification question")
    questions[question_id].category(category_id)
    if not 0 < impact <= 1:
        raise InvalidInputError("the impact ratio to plant lies in (0, 1]")
    rng = random.Random(seed)

    with collector_paused(), db.write() as session:
        decided = session.execute(
            select(
                CandidateRow.id,
                CandidateRow.status,
                CandidateSummaryRow.committee_decision,
                CandidateSummaryRow.committee_level,
            )
            .join(CandidateSummaryRow, CandidateSummaryRow.candidate_id == CandidateRow.id)
            .where(CandidateSummaryRow.committee_decision.is_not(None))
            .order_by(CandidateRow.id)
        ).all()
        ratings = effective_ratings(session)
        means = dict(
            session.execute(
                select(ratings.c.candidate_id, func.avg(ratings.c.rating * 1.0))
                .where(
                    ratings.c.criterion_id == chosen,
                    ratings.c.candidate_id.in_(
                        select(CandidateRow.id).where(
                            CandidateRow.status == PipelineStatus.HIRED.value
                        )
                    ),
                )
                .group_by(ratings.c.candidate_id)
            ).all()
        )
        # Times and ids follow from the stored history and the seed, so the same
        # database and seed give the same rows.
        newest = session.scalar(select(func.max(DecisionRow.decided_at))) or utc_now()
        decided_ids = select(CandidateSummaryRow.candidate_id).where(
            CandidateSummaryRow.committee_decision.is_not(None)
        )
        session.execute(
            delete(SelfIdentificationRow).where(SelfIdentificationRow.candidate_id.in_(decided_ids))
        )
        session.execute(
            delete(HireOutcomeRow).where(
                HireOutcomeRow.candidate_id.in_(
                    select(CandidateRow.id).where(CandidateRow.status == PipelineStatus.HIRED.value)
                )
            )
        )

        selected_share = (
            sum(1 for row in decided if row[2] == "hire") / len(decided) if decided else 0.0
        )
        inserter = BulkInserter(session.connection(), _COLUMNS)
        recorded = inserter.time(newest)
        answers = []
        for candidate_id, _status, decision, _level in decided:
            planted = _planted_answer(rng, decision == "hire", selected_share, impact, category_id)
            for asked in questions.values():
                if asked.id == question_id:
                    category = planted or _other(rng, asked.id, category_id)
                else:
                    category = _independent(rng, [c.id for c in asked.categories])
                answers.append((candidate_id, asked.id, category, recorded))
        inserter.insert("answers", answers)

        outcomes = _outcomes(rng, decided, means, [lv.id for lv in rubric.levels], newest)
        inserter.insert(
            "outcomes",
            [(*outcome[:-1], inserter.time(outcome[-1])) for outcome in outcomes],
        )
        overridden = _freeze_and_override(db, session, rng, [row[0] for row in decided], newest)
        audit.append(
            session,
            actor or db.actor,
            "evidence.planted",
            "database",
            None,
            f"seed {seed}, {len(outcomes)} outcomes, {len(decided)} self-identifications",
        )
    return PlantedEvidence(
        criterion_id=chosen,
        question_id=question_id,
        category_id=category_id,
        step_id=COMMITTEE_STEP,
        impact=impact,
        outcomes=len(outcomes),
        identifications=len(decided),
        overrides=overridden,
    )


FROZEN_AT_MOST = 300
"""Decided candidates (the most recent) given a frozen recommendation: each freeze runs
the engine, so a 10k archive gets a sample, enough for the overrides view."""

OVERRIDE_REASONS = (
    "The panel saw more depth in the debrief than the scores show.",
    "A reference check changed the picture.",
    "Team needs at this level outweighed a borderline score.",
    "Compensation matched to a competing offer.",
    "Concerns raised in the debrief were not captured in the scorecards.",
)


def _freeze_and_override(
    db: Database,
    session: Session,
    rng: random.Random,
    decided_ids: Sequence[int],
    frozen_at: datetime,
) -> int:
    """Freeze the engine's recommendation for the most recent decided candidates and give
    each decision in force that departs from it an override reason; returns how many."""
    from interview_kit.services.evidence.debrief import (
        freeze_many_in_session,
        judge_override,
        store_override,
    )

    newest: dict[int, tuple[int, str, str | None, float | None]] = {}
    for candidate_id, decision_id, decision, level, base in session.execute(
        select(
            DecisionRow.candidate_id,
            DecisionRow.id,
            DecisionRow.decision,
            DecisionRow.level,
            DecisionRow.base,
        ).order_by(DecisionRow.decided_at.desc(), DecisionRow.id.desc())
    ):
        newest.setdefault(candidate_id, (decision_id, decision, level, base))
    chosen = sorted(
        (c for c in decided_ids if c in newest), key=lambda c: newest[c][0], reverse=True
    )[:FROZEN_AT_MOST]
    if not chosen:
        return 0
    session.execute(
        delete(DecisionOverrideRow).where(
            DecisionOverrideRow.decision_id.in_([newest[c][0] for c in chosen])
        )
    )
    overridden = 0
    freeze_many_in_session(db, session, sorted(chosen), "Demo")
    frozen = {
        row.candidate_id: row
        for row in session.scalars(
            select(FrozenRecommendationRow).where(FrozenRecommendationRow.candidate_id.in_(chosen))
        )
    }
    for candidate_id in sorted(chosen):
        decision_id, decision, level, base = newest[candidate_id]
        check = judge_override(
            frozen.get(candidate_id),
            hire=decision == "hire",
            level=level,
            base=base,
            reason=rng.choice(OVERRIDE_REASONS),
        )
        store_override(session, decision_id, check, flush=False)
        overridden += 1 if check.departures else 0
    session.flush()
    session.execute(
        update(FrozenRecommendationRow)
        .where(FrozenRecommendationRow.candidate_id.in_(chosen))
        .values(frozen_at=frozen_at, frozen_by="Demo")
    )
    return overridden


def _planted_answer(
    rng: random.Random, selected: bool, share: float, impact: float, category: str
) -> str | None:
    """The planted category or ``None`` (another answer), so that the category's
    selection rate is ``impact`` times the others' (Bayes on the overall rate)."""
    if not 0 < share < 1:
        return category if rng.random() < PLANTED_SHARE else None
    others_rate = share / (PLANTED_SHARE * impact + 1 - PLANTED_SHARE)
    group_rate = impact * others_rate
    if selected:
        chance = PLANTED_SHARE * group_rate / share
    else:
        chance = PLANTED_SHARE * (1 - group_rate) / (1 - share)
    return category if rng.random() < chance else None


def _other(rng: random.Random, question_id: str, planted: str) -> str:
    """Another answer to the planted question: mostly the main other group."""
    roll = rng.random()
    if roll < 0.06:
        return PREFER_NOT_TO_SAY
    if roll < 0.08 and question_id == "sex":
        return "another"
    return "male" if question_id == "sex" and planted != "male" else "female"


def _independent(rng: random.Random, categories: list[str]) -> str:
    """An answer drawn without regard to selection: the first categories most often."""
    weights = [1 / (index + 1) for index in range(len(categories))]
    return rng.choices(categories, weights=weights)[0]


_COLUMNS: Columns = {
    "answers": (
        SelfIdentificationRow,
        ("candidate_id", "question_id", "category_id", "recorded_at"),
    ),
    "outcomes": (
        HireOutcomeRow,
        (
            "uuid",
            "candidate_id",
            "checkpoint",
            "performance",
            "still_employed",
            "would_hire_again",
            "level_now",
            "recorded_by",
            "recorded_at",
        ),
    ),
}
"""The planted rows as tuples for the bulk inserts (a 10k demo plants some 40k)."""


def _outcomes(
    rng: random.Random,
    decided: Sequence[tuple[int, str, str | None, str | None]],
    means: dict[int, float],
    levels: list[str],
    decided_at: datetime,
) -> list[tuple[Any, ...]]:
    """Rows of ``_COLUMNS["outcomes"]``, the time last and not yet encoded."""
    hires = [
        (cid, level) for cid, status, _d, level in decided if status == "hired" and cid in means
    ]
    if not hires:
        return []
    values = [means[cid] for cid, _level in hires]
    centre = statistics.fmean(values)
    spread = statistics.pstdev(values) or 1.0
    rows: list[tuple[Any, ...]] = []
    for candidate_id, level in hires:
        latent = EFFECT_WEIGHT * (means[candidate_id] - centre) / spread + rng.gauss(0, NOISE)
        for checkpoint in Checkpoint:
            later = checkpoint is Checkpoint.ONE_YEAR
            drifted = latent + (rng.gauss(0, NOISE / 2) if later else 0.0)
            performance = 1 + sum(drifted > cut for cut in (-1.0, -0.2, 0.7))
            employed = rng.random() < 1 / (1 + math.exp(-(2.0 + 1.2 * drifted)))
            promoted = later and drifted > 1.0 and level in levels[:-1]
            rows.append(
                (
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    candidate_id,
                    checkpoint.value,
                    performance if employed or not later else None,
                    employed,
                    drifted > -0.5,
                    levels[levels.index(level) + 1] if promoted and level else level,
                    "Demo",
                    decided_at + timedelta(days=365 if later else 90),
                )
            )
    return rows
