"""Which scores predicted how hires turned out.

Predictors, per hired candidate with an outcome: each criterion's mean rating, each
stage's score (the engine's: the mean over the stage's scorecards of each scorecard's
weighted mean of its rated criteria), and the candidate score the engine cached.
Each scorecard is weighted by the rubric version it was made against, as the engine
does. Outcomes, per checkpoint: performance (1-4), still employed (1/0), would hire again
(1/0) and the level now (its place on the rubric's ladder).

The applicant pool's spread of each predictor — over every candidate scored on it, not
only hires — feeds the range-restriction correction. Everything is aggregated in SQL:
the hires' predictor values (one row per hire and predictor) and the pool's count, sum
and sum of squares per predictor.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Float, Numeric, Subquery, cast, func, select, true

from interview_kit.domain.calibration import SMALL_SAMPLE_BELOW
from interview_kit.domain.rubric import Rubric
from interview_kit.domain.validity import MIN_CASES, ValidityEstimate, estimate, sd_from_sums
from interview_kit.services.evidence.common import active_rubric_or_none
from interview_kit.services.evidence.records import Checkpoint
from interview_kit.services.evidence.tallies import ensure_filled
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateSummaryRow,
    EvidenceCardRow,
    EvidenceCaseRow,
    HireOutcomeRow,
)

OUTCOMES = ("performance", "still_employed", "would_hire_again", "level_now")
CANDIDATE_SCORE = "candidate_score"
ADJUSTED = "stage_adjusted"
"""Predictor kind: a stage score with each calibrated interviewer's leniency taken out."""
SCORE_DIGITS = 12
"""A stage score is the mean of its scorecards' scores; its last bits depend on the order
they are added in. Rounded well below any shown digit, equal scores are equal (ties
for Spearman's ranks) whatever that order."""


@dataclass(frozen=True)
class Predictor:
    id: str
    """``criterion:<id>``, ``stage:<id>``, ``stage_adjusted:<id>`` or ``candidate_score``."""
    kind: str
    """``criterion``, ``stage``, ``stage_adjusted`` or ``candidate``."""
    title: str


@dataclass(frozen=True)
class ValidityReport:
    checkpoints: tuple[str, ...]
    hires_with_outcomes: dict[str, int]
    """Per checkpoint: hires with an outcome recorded."""
    predictors: tuple[Predictor, ...]
    estimates: tuple[tuple[str, ValidityEstimate], ...]
    """(checkpoint, estimate) for each checkpoint, predictor and outcome."""
    min_cases: int

    def for_checkpoint(self, checkpoint: str) -> tuple[ValidityEstimate, ...]:
        return tuple(found for point, found in self.estimates if point == checkpoint)

    def to_json(self) -> dict[str, Any]:
        titles = {p.id: p.title for p in self.predictors}
        return {
            "min_cases": self.min_cases,
            "checkpoints": [
                {
                    "checkpoint": point,
                    "hires_with_outcomes": self.hires_with_outcomes.get(point, 0),
                    "estimates": [
                        {"title": titles.get(found.predictor, found.predictor), **found.to_json()}
                        for found in self.for_checkpoint(point)
                    ],
                }
                for point in self.checkpoints
            ],
        }


def _per_candidate(among: Any = None) -> tuple[Subquery, Subquery, Subquery]:
    """(candidate, criterion, mean rating), (candidate, stage, stage score) and the stage
    score with each interviewer's leniency taken out, from the tallies (:mod:`.tallies`):
    a criterion's ratings counted per case, a scorecard's weighted sum and weights.
    ``among``: only these candidates (a selectable of ids)."""
    cases, cards = EvidenceCaseRow, EvidenceCardRow
    chosen_cases = true() if among is None else cases.candidate_id.in_(among)
    chosen_cards = true() if among is None else cards.candidate_id.in_(among)
    criteria = (
        select(
            cases.candidate_id,
            cases.criterion_id.label("key"),
            (
                func.sum(cases.n1 + 2 * cases.n2 + 3 * cases.n3 + 4 * cases.n4)
                * 1.0
                / func.sum(cases.n1 + cases.n2 + cases.n3 + cases.n4)
            ).label("value"),
        )
        .where(chosen_cases)
        .group_by(cases.candidate_id, cases.criterion_id)
        .subquery("criterion_means")
    )
    stages = (
        select(
            cards.candidate_id,
            cards.stage_id.label("key"),
            _rounded(func.avg(cards.weighted_sum / cards.weight_sum)).label("value"),
        )
        .where(chosen_cards)
        .group_by(cards.candidate_id, cards.stage_id)
        .subquery("stage_scores")
    )
    lean = _leniency()
    # A scorecard's weighted mean less a constant is its weighted mean of ratings less it.
    shift = func.coalesce(lean.c.leniency, 0.0)
    adjusted = (
        select(
            cards.candidate_id,
            cards.stage_id.label("key"),
            _rounded(func.avg(cards.weighted_sum / cards.weight_sum - shift)).label("value"),
        )
        .outerjoin(lean, lean.c.interviewer_id == cards.interviewer_id)
        .where(chosen_cards)
        .group_by(cards.candidate_id, cards.stage_id)
        .subquery("adjusted_stage_scores")
    )
    return criteria, stages, adjusted


def _rounded(value: Any) -> Any:
    return cast(func.round(cast(value, Numeric), SCORE_DIGITS), Float)


def _leniency() -> Subquery:
    """Each interviewer's leniency (calibration's mean difference from the rest of their
    panels), for interviewers with enough comparisons to trust it; others are left
    as they rated."""
    cards = EvidenceCardRow
    comparisons = func.sum(cards.comparisons)
    return (
        select(
            cards.interviewer_id,
            (func.sum(cards.difference_sum) / comparisons).label("leniency"),
        )
        .group_by(cards.interviewer_id)
        .having(comparisons >= SMALL_SAMPLE_BELOW)
        .subquery("leniency")
    )


def validity(
    db: Database, *, rubric_id: str | None = None, min_cases: int = MIN_CASES
) -> ValidityReport:
    """Pearson and Spearman correlations of every predictor with every outcome, per
    checkpoint, with counts, 95% intervals, caveats and the corrected estimate."""
    rubric = active_rubric_or_none(db, rubric_id)
    ladder = {level.id: index for index, level in enumerate(rubric.levels)} if rubric else {}
    ensure_filled(db)
    with db.read() as session:
        outcome_rows = (
            session.connection()
            .execute(
                select(
                    HireOutcomeRow.candidate_id,
                    HireOutcomeRow.checkpoint,
                    HireOutcomeRow.performance,
                    HireOutcomeRow.still_employed,
                    HireOutcomeRow.would_hire_again,
                    HireOutcomeRow.level_now,
                )
            )
            .all()
        )
        with_outcome = select(HireOutcomeRow.candidate_id).distinct()
        values: dict[str, dict[int, float]] = defaultdict(dict)
        pool: dict[str, tuple[int, float, float]] = {}
        hired = _per_candidate(with_outcome)
        for kind, table, of_hires in zip(
            ("criterion", "stage", ADJUSTED), _per_candidate(), hired, strict=True
        ):
            for candidate_id, key, value in session.connection().execute(
                select(of_hires.c.candidate_id, of_hires.c.key, of_hires.c.value)
            ):
                if value is not None:
                    values[f"{kind}:{key}"][candidate_id] = float(value)
            for key, count, total, squares in session.connection().execute(
                select(
                    table.c.key,
                    func.count(table.c.value),
                    func.sum(table.c.value),
                    func.sum(table.c.value * table.c.value),
                ).group_by(table.c.key)
            ):
                pool[f"{kind}:{key}"] = (int(count), float(total or 0), float(squares or 0))
        score = CandidateSummaryRow.score
        for candidate_id, value in session.connection().execute(
            select(CandidateSummaryRow.candidate_id, score).where(
                CandidateSummaryRow.candidate_id.in_(with_outcome), score.is_not(None)
            )
        ):
            if value is not None:
                values[CANDIDATE_SCORE][candidate_id] = float(value)
        count, total, squares = (
            session.connection()
            .execute(select(func.count(score), func.sum(score), func.sum(score * score)))
            .one()
        )
        pool[CANDIDATE_SCORE] = (int(count), float(total or 0), float(squares or 0))

    predictors = _predictors(rubric, values)
    outcomes: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for candidate_id, point, performance, employed, again, level_now in outcome_rows:
        measured = {
            "performance": performance,
            "still_employed": None if employed is None else int(bool(employed)),
            "would_hire_again": None if again is None else int(bool(again)),
            "level_now": ladder.get(level_now or ""),
        }
        for name, value in measured.items():
            if value is not None:
                outcomes[point][name][candidate_id] = float(value)
    checkpoints = tuple(c.value for c in Checkpoint)
    estimates = []
    # Who has a value, per predictor and per outcome, worked out once (not per pair).
    with_value: dict[str, set[int]] = {key: set(found) for key, found in values.items()}
    has_outcome: dict[tuple[str, str], set[int]] = {
        (point, name): set(outcomes[point][name]) for point in checkpoints for name in OUTCOMES
    }
    for point in checkpoints:
        for predictor in predictors:
            xs = values.get(predictor.id, {})
            has_x = with_value.get(predictor.id, set())
            count, total, squares = pool.get(predictor.id, (0, 0.0, 0.0))
            for name in OUTCOMES:
                ys = outcomes[point][name]
                shared = sorted(has_x & has_outcome[(point, name)])
                estimates.append(
                    (
                        point,
                        estimate(
                            predictor.id,
                            name,
                            [xs[c] for c in shared],
                            [ys[c] for c in shared],
                            applicant_sd=sd_from_sums(count, total, squares),
                            applicants=count,
                            min_cases=min_cases,
                        ),
                    )
                )
    hires = {
        point: len({c for by_name in outcomes[point].values() for c in by_name})
        for point in checkpoints
    }
    return ValidityReport(checkpoints, hires, predictors, tuple(estimates), min_cases)


def _adjusted_differs(values: dict[str, dict[int, float]]) -> bool:
    """Whether taking leniency out changed any stage score (calibration had enough
    comparisons for some interviewer); otherwise the adjusted rows would repeat the raw."""
    for key, adjusted in values.items():
        if key.startswith(f"{ADJUSTED}:"):
            raw = values.get("stage:" + key.split(":", 1)[1], {})
            if any(raw.get(candidate) != value for candidate, value in adjusted.items()):
                return True
    return False


def _predictors(
    rubric: Rubric | None, values: dict[str, dict[int, float]]
) -> tuple[Predictor, ...]:
    found: list[Predictor] = []
    if rubric is not None:
        adjusted_any = _adjusted_differs(values)
        for stage in rubric.stages:
            found.append(Predictor(f"stage:{stage.id}", "stage", stage.title))
            if adjusted_any:
                found.append(
                    Predictor(
                        f"{ADJUSTED}:{stage.id}", ADJUSTED, f"{stage.title} (leniency-adjusted)"
                    )
                )
            found.extend(
                Predictor(f"criterion:{c.id}", "criterion", c.title) for c in stage.criteria
            )
    known = {p.id for p in found}
    extra: Sequence[str] = sorted(
        k
        for k in values
        if k not in known and k != CANDIDATE_SCORE and not k.startswith(f"{ADJUSTED}:")
    )
    found.extend(Predictor(key, key.split(":", 1)[0], key.split(":", 1)[1]) for key in extra)
    found.append(Predictor(CANDIDATE_SCORE, "candidate", "Candidate score"))
    return tuple(found)
