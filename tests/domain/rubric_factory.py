"""Small rubrics and scorecards built in code, so engine tests state every number they use.

The default rubric has three required stages (screen: 3 criteria, deep_dive: 4,
product: 3; ten in all, so coverage moves in steps of 10%), four levels and a handful of
signals and red flags:

| level | min_score | min signals | band (USD)        |
|-------|-----------|-------------|-------------------|
| L4    | 2.75      | 0           | 100,000 – 140,000 |
| L5    | 3.25      | 1           | 130,000 – 180,000 |
| L6    | 3.5       | 2           | 160,000 – 220,000 |
| L7    | 3.75      | 3           | 200,000 – 280,000 |
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from interview_kit.domain.rubric import Rubric, rubric_from_data
from interview_kit.domain.scorecard import (
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)

STAGES: dict[str, tuple[str, tuple[str, ...]]] = {
    "screen": ("Initial screen", ("ownership", "motivation", "business_thinking")),
    "deep_dive": ("Technical deep dive", ("live_coding", "system_design", "debugging", "review")),
    "product": ("Product and cross-functional", ("prototype", "stakeholders", "go_to_market")),
}

SIGNALS: dict[str, str] = {
    "business_terms": "Technical decisions in business terms",
    "minimal_resources": "Ships with minimal resources",
    "cross_discipline": "Learns across disciplines",
    "strong_opinions": "Strong opinions, loosely held",
    "customer_impact": "Asks about customer impact",
}

RED_FLAGS: dict[str, tuple[str, str]] = {
    "no_empathy": ("Lack of customer empathy", "blocker"),
    "no_tradeoffs": ("Cannot prioritise or make trade-offs", "blocker"),
    "poor_communication": ("Poor communication", "concern"),
    "over_engineer": ("Over-engineers", "concern"),
}

LEVELS: tuple[tuple[str, str, float, int, tuple[float, float, float]], ...] = (
    ("L4", "Senior Builder", 2.75, 0, (100_000, 120_000, 140_000)),
    ("L5", "Staff Builder", 3.25, 1, (130_000, 155_000, 180_000)),
    ("L6", "Senior Staff Builder", 3.5, 2, (160_000, 190_000, 220_000)),
    ("L7", "Principal Builder", 3.75, 3, (200_000, 240_000, 280_000)),
)

ANCHORS = {"1": "Strong no.", "2": "No.", "3": "Yes.", "4": "Strong yes."}


def rubric_data(
    *,
    stages: Mapping[str, Sequence[str]] | None = None,
    optional: Sequence[str] = (),
    criterion_weights: Mapping[str, float] | None = None,
    levels: Sequence[Mapping[str, Any]] | None = None,
    level_overrides: Mapping[str, Mapping[str, Any]] | None = None,
    band_overrides: Mapping[str, Mapping[str, Any]] | None = None,
    rules: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Raw rubric data (the TOML shape); tests may edit it before validating."""
    weights = dict(criterion_weights or {})
    stage_list = []
    chosen = stages if stages is not None else {k: v[1] for k, v in STAGES.items()}
    for number, (stage_id, criteria) in enumerate(chosen.items(), start=1):
        title = STAGES[stage_id][0] if stage_id in STAGES else stage_id.replace("_", " ").title()
        stage_list.append(
            {
                "id": stage_id,
                "number": number,
                "title": title,
                "purpose": f"Purpose of {title}.",
                "duration_minutes": 45,
                "required": stage_id not in optional,
                "exercises": [
                    {
                        "id": f"{stage_id}_exercise",
                        "title": "Exercise",
                        "minutes": 30,
                        "description": "Do the thing.",
                        "prompts": ["Tell me about it."],
                    }
                ],
                "criteria": [
                    {
                        "id": criterion,
                        "title": criterion.replace("_", " ").capitalize(),
                        "description": f"How well the candidate does {criterion}.",
                        "weight": weights.get(criterion, 1.0),
                        "anchors": dict(ANCHORS),
                    }
                    for criterion in criteria
                ],
            }
        )
    if levels is None:
        levels = [
            {
                "id": level_id,
                "title": title,
                "impact": f"Impact of a {title}.",
                "min_score": min_score,
                "min_positive_signals": min_signals,
                "band": {
                    "currency": "USD",
                    "base_min": low,
                    "base_mid": mid,
                    "base_max": high,
                    "rounding": 1000,
                    "equity_min": 0.05,
                    "equity_max": 0.15,
                    "equity_unit": "percent",
                    "learning_budget": 3000,
                },
            }
            for level_id, title, min_score, min_signals, (low, mid, high) in LEVELS
        ]
    level_list = [dict(level) for level in levels]
    for level in level_list:
        level.update((level_overrides or {}).get(level["id"], {}))
        overrides = (band_overrides or {}).get(level["id"])
        if overrides:
            level["band"] = {**level["band"], **overrides}
    return {
        "format_version": 1,
        "id": "test_builder",
        "name": "Test Builder rubric",
        "role_title": "Builder",
        "stages": stage_list,
        "signals": [{"id": key, "label": label} for key, label in SIGNALS.items()],
        "red_flags": [
            {"id": key, "label": label, "severity": severity}
            for key, (label, severity) in RED_FLAGS.items()
        ],
        "levels": level_list,
        "rules": dict(rules or {}),
    }


def make_rubric(**options: Any) -> Rubric:
    """A validated rubric; see :func:`rubric_data` for the options."""
    return rubric_from_data(rubric_data(**options), "<test rubric>")


@dataclass(frozen=True)
class Card:
    """What one interviewer records on one stage, in shorthand.

    ``ratings`` is one rating for every criterion of the stage, or a list in criterion
    order (``None`` is N/A).
    """

    ratings: int | Sequence[int | None] | None = 3
    signals: Sequence[str] = ()
    flags: Sequence[str] = ()
    level: str | None = None
    vote: str | None = "yes"
    interviewer: str | None = None
    submitted: bool = True
    extra_ratings: Mapping[str, int | None] = field(default_factory=dict)


INTERVIEWERS = ("Ana", "Ben", "Chloe", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun")


def scorecard(
    rubric: Rubric,
    stage_id: str,
    spec: Card | int | None,
    *,
    interviewer: str,
    candidate: str = "cand-1",
    uuid: str | None = None,
) -> Scorecard:
    spec = spec if isinstance(spec, Card) else Card(ratings=spec)
    criteria = [criterion.id for criterion in rubric.stage(stage_id).criteria]
    if spec.ratings is None or isinstance(spec.ratings, int):
        values: list[int | None] = [spec.ratings] * len(criteria)
    else:
        values = list(spec.ratings)
        assert len(values) == len(criteria), (stage_id, values)
    ratings = [CriterionRating(c, v, f"evidence for {c}") for c, v in zip(criteria, values)]
    ratings += [CriterionRating(c, v) for c, v in spec.extra_ratings.items()]
    name = spec.interviewer or interviewer
    return Scorecard(
        uuid=uuid or f"{candidate}-{stage_id}-{name}",
        candidate_uuid=candidate,
        stage_id=stage_id,
        interviewer_uuid=f"iv-{name.lower()}",
        interviewer_name=name,
        status=ScorecardStatus.SUBMITTED if spec.submitted else ScorecardStatus.DRAFT,
        ratings=tuple(ratings),
        signals=tuple(Observation(s, f"{name} saw {s}") for s in spec.signals),
        red_flags=tuple(Observation(f, f"{name} saw {f}") for f in spec.flags),
        level_evidence=spec.level,
        vote=None if spec.vote is None else Vote(spec.vote),
    )


def panel(
    rubric: Rubric,
    cards: Mapping[str, Sequence[Card | int | None]],
    *,
    candidate: str = "cand-1",
) -> tuple[Scorecard, ...]:
    """Scorecards for a panel: each stage's cards get their own interviewers (Ana, Ben, …)
    unless a card names one."""
    names = itertools.cycle(INTERVIEWERS)
    result = []
    for stage_id, specs in cards.items():
        for spec in specs:
            result.append(
                scorecard(rubric, stage_id, spec, interviewer=next(names), candidate=candidate)
            )
    return tuple(result)


def full_panel(
    rubric: Rubric, card: Card | int | None = 3, per_stage: int = 2
) -> tuple[Scorecard, ...]:
    """The same card for every interviewer on every stage of ``rubric``."""
    return panel(rubric, {stage.id: [card] * per_stage for stage in rubric.stages})
