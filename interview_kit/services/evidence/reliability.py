"""The reliability planner over the stored history.

Per criterion, a *case* is a candidate rated on it; the interviewers who rated it are
its raters. Alpha (ordinal, :mod:`interview_kit.domain.agreement`) and ICC(1)
(:mod:`interview_kit.domain.reliability`) come from the cases with two or more raters;
both are computed from counts the database hands over — how many cases show each
pattern of ratings, from the per-case tallies (:mod:`.tallies`) — so nothing is read
per rating. Per stage, alpha pools the
stage's criteria and ICC(1) runs on each interviewer's scorecard score (the mean of
their ratings). The planner projects the single-rater ICC with Spearman–Brown.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from interview_kit.domain.agreement import alpha_of_patterns
from interview_kit.domain.reliability import (
    SINGLE_RATER_WARNING_SHARE,
    Icc,
    PanelPlan,
    TargetTally,
    agreement_against_history,
    icc_one_way,
    plan_panel,
    single_rater_share,
)
from interview_kit.services.evidence.common import active_rubric_or_none
from interview_kit.services.evidence.tallies import ensure_filled
from interview_kit.storage.database import Database
from interview_kit.storage.models import EvidenceCardRow, EvidenceCaseRow

Pattern = tuple[int, int, int, int]
"""How many ratings of 1, 2, 3 and 4 one case holds."""


@dataclass(frozen=True)
class CriterionReliability:
    stage_id: str
    criterion_id: str
    title: str
    cases: int
    """Candidates rated on the criterion."""
    single_rated: int
    """Of those, rated by one interviewer only."""
    mean_raters: float
    alpha: float | None
    alpha_cases: int
    """Cases with two or more raters: those behind alpha and ICC."""
    icc: Icc | None
    plan: PanelPlan | None
    routinely_single_rated: bool

    @property
    def single_share(self) -> float | None:
        return single_rater_share(self.cases, self.single_rated)

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage_id,
            "criterion": self.criterion_id,
            "title": self.title,
            "cases": self.cases,
            "single_rated": self.single_rated,
            "mean_raters": round(self.mean_raters, 2),
            "alpha": None if self.alpha is None else round(self.alpha, 3),
            "alpha_cases": self.alpha_cases,
            "icc": None if self.icc is None else self.icc.to_json(),
            "plan": None if self.plan is None else self.plan.to_json(),
            "routinely_single_rated": self.routinely_single_rated,
        }


@dataclass(frozen=True)
class StageReliability:
    stage_id: str
    title: str
    alpha: float | None
    alpha_cases: int
    icc: Icc | None
    """ICC(1) of the interviewers' scorecard scores for the stage."""
    mean_raters: float
    plan: PanelPlan | None
    criteria: tuple[CriterionReliability, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage_id,
            "title": self.title,
            "alpha": None if self.alpha is None else round(self.alpha, 3),
            "alpha_cases": self.alpha_cases,
            "icc": None if self.icc is None else self.icc.to_json(),
            "mean_raters": round(self.mean_raters, 2),
            "plan": None if self.plan is None else self.plan.to_json(),
            "criteria": [criterion.to_json() for criterion in self.criteria],
        }


@dataclass(frozen=True)
class ReliabilityReport:
    stages: tuple[StageReliability, ...]
    single_rater_warning_share: float

    @property
    def warnings(self) -> tuple[CriterionReliability, ...]:
        return tuple(c for stage in self.stages for c in stage.criteria if c.routinely_single_rated)

    def to_json(self) -> dict[str, Any]:
        return {
            "stages": [stage.to_json() for stage in self.stages],
            "single_rater_warning_share": self.single_rater_warning_share,
            "routinely_single_rated": [
                {"stage": c.stage_id, "criterion": c.criterion_id} for c in self.warnings
            ],
        }


def _tally(pattern: Pattern, repeats: int) -> TargetTally:
    count = sum(pattern)
    total = sum(value * n for value, n in zip((1, 2, 3, 4), pattern, strict=True))
    squares = sum(value * value * n for value, n in zip((1, 2, 3, 4), pattern, strict=True))
    return TargetTally(count, float(total), float(squares), repeats)


def _alpha(patterns: dict[Pattern, int]) -> float | None:
    exact = alpha_of_patterns(
        (
            (dict(zip((1, 2, 3, 4), pattern, strict=True)), repeats)
            for pattern, repeats in patterns.items()
        ),
        "ordinal",
    )
    return None if exact is None else float(exact)


def reliability(
    db: Database,
    *,
    rubric_id: str | None = None,
    single_rater_warning_share: float = SINGLE_RATER_WARNING_SHARE,
) -> ReliabilityReport:
    """Alpha, ICC(1) and the panel-size plan per stage and criterion, over every
    submitted scorecard (amendments applied, N/A left out)."""
    rubric = active_rubric_or_none(db, rubric_id)
    ensure_filled(db)
    case_rows, card_rows = EvidenceCaseRow, EvidenceCardRow
    with db.read() as session:
        shapes = (
            session.connection()
            .execute(
                select(
                    case_rows.stage_id,
                    case_rows.criterion_id,
                    case_rows.n1,
                    case_rows.n2,
                    case_rows.n3,
                    case_rows.n4,
                    func.count(),
                ).group_by(
                    case_rows.stage_id,
                    case_rows.criterion_id,
                    case_rows.n1,
                    case_rows.n2,
                    case_rows.n3,
                    case_rows.n4,
                )
            )
            .all()
        )
        score = card_rows.rating_sum * 1.0 / card_rows.ratings
        stage_rows = (
            session.connection()
            .execute(
                select(
                    card_rows.stage_id, func.count(), func.sum(score), func.sum(score * score)
                ).group_by(card_rows.candidate_id, card_rows.stage_id)
            )
            .all()
        )

    by_criterion: dict[tuple[str, str], dict[Pattern, int]] = defaultdict(dict)
    for stage_id, criterion_id, n1, n2, n3, n4, repeats in shapes:
        pattern = (int(n1), int(n2), int(n3), int(n4))
        by_criterion[(stage_id, criterion_id)][pattern] = int(repeats)
    stage_tallies: dict[str, list[TargetTally]] = defaultdict(list)
    for stage_id, count, total, squares in stage_rows:
        stage_tallies[stage_id].append(TargetTally(int(count), float(total), float(squares)))

    order: list[tuple[str, str, str, str]] = []  # stage id, stage title, criterion id, title
    if rubric is not None:
        order = [(s.id, s.title, c.id, c.title) for s, c in rubric.criteria()]
    known = {(s, c) for s, _t, c, _ct in order}
    order += [(s, s, c, c) for s, c in sorted(by_criterion) if (s, c) not in known]

    stages: dict[str, tuple[str, list[CriterionReliability]]] = {}
    for stage_id, stage_title, criterion_id, title in order:
        patterns = by_criterion.get((stage_id, criterion_id), {})
        stages.setdefault(stage_id, (stage_title, []))[1].append(
            _criterion(stage_id, criterion_id, title, patterns, single_rater_warning_share)
        )
    results = []
    for stage_id, (title, criteria) in stages.items():
        pooled: dict[Pattern, int] = defaultdict(int)
        for criterion in criteria:
            for pattern, repeats in by_criterion.get(
                (stage_id, criterion.criterion_id), {}
            ).items():
                pooled[pattern] += repeats
        tallies = stage_tallies.get(stage_id, [])
        icc = icc_one_way(tallies)
        cases = len(tallies)
        mean_raters = sum(t.count for t in tallies) / cases if cases else 0.0
        results.append(
            StageReliability(
                stage_id=stage_id,
                title=title,
                alpha=_alpha(pooled),
                alpha_cases=sum(r for p, r in pooled.items() if sum(p) >= 2),
                icc=icc,
                mean_raters=mean_raters,
                plan=None if icc is None else plan_panel(icc.single, mean_raters),
                criteria=tuple(criteria),
            )
        )
    return ReliabilityReport(tuple(results), single_rater_warning_share)


def _criterion(
    stage_id: str, criterion_id: str, title: str, patterns: dict[Pattern, int], share: float
) -> CriterionReliability:
    cases = sum(patterns.values())
    single = sum(repeats for pattern, repeats in patterns.items() if sum(pattern) == 1)
    ratings = sum(sum(pattern) * repeats for pattern, repeats in patterns.items())
    mean_raters = ratings / cases if cases else 0.0
    icc = icc_one_way(_tally(pattern, repeats) for pattern, repeats in patterns.items())
    found_share = single_rater_share(cases, single)
    return CriterionReliability(
        stage_id=stage_id,
        criterion_id=criterion_id,
        title=title,
        cases=cases,
        single_rated=single,
        mean_raters=mean_raters,
        alpha=_alpha(patterns),
        alpha_cases=sum(r for p, r in patterns.items() if sum(p) >= 2),
        icc=icc,
        plan=None if icc is None else plan_panel(icc.single, mean_raters),
        routinely_single_rated=found_share is not None and found_share >= share,
    )


@dataclass(frozen=True)
class HistoryAgreement:
    """Alpha over every case in the stored history with two or more raters."""

    alpha: float | None
    cases: int

    def sentence(self, panel_alpha: float | None) -> str:
        return agreement_against_history(panel_alpha, self.alpha, self.cases)


def history_agreement(db: Database) -> HistoryAgreement:
    """Alpha (ordinal) pooled over every stage and criterion: how far this organisation's
    interviewers agree, for one panel's agreement to be read against. A few
    milliseconds: it counts the rating patterns in the case tallies' index."""
    ensure_filled(db)
    cases = EvidenceCaseRow
    with db.read() as session:
        shapes = (
            session.connection()
            .execute(
                select(cases.n1, cases.n2, cases.n3, cases.n4, func.count()).group_by(
                    cases.n1, cases.n2, cases.n3, cases.n4
                )
            )
            .all()
        )
    patterns = {(int(a), int(b), int(c), int(d)): int(n) for a, b, c, d, n in shapes}
    return HistoryAgreement(
        alpha=_alpha(patterns),
        cases=sum(n for pattern, n in patterns.items() if sum(pattern) >= 2),
    )
