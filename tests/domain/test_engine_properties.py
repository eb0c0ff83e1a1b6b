"""Properties of the recommendation that must hold for every panel, not just the table.

Decisions are ordered by how favourable they are (``Decision.rank``): strong no hire <
no hire < insufficient evidence < hire < strong hire. Confidence: low < medium < high.
"""

from __future__ import annotations

import dataclasses
import json
from random import Random
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rubric_factory import INTERVIEWERS, LEVELS, RED_FLAGS, SIGNALS, STAGES, make_rubric

from interview_kit.domain.engine import Decision, Recommendation, recommend, verdict
from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import (
    BELOW_LADDER,
    CriterionRating,
    Observation,
    Scorecard,
    ScorecardStatus,
    Vote,
)

CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
LEVEL_IDS = [level[0] for level in LEVELS]
BLOCKERS = [key for key, (_, severity) in RED_FLAGS.items() if severity == "blocker"]

PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def rubrics(draw: st.DrawFn) -> Rubric:
    low = draw(st.sampled_from([1.5, 2.0, 2.25]))
    bar = draw(st.sampled_from([2.5, 2.75, 3.0]))
    high = draw(st.sampled_from([3.25, 3.5, 3.75]))
    rules: dict[str, Any] = {
        "strong_no_hire_below": low,
        "hire_bar": bar,
        "strong_hire_at": high,
        "blocker_min_reporters": draw(st.integers(1, 3)),
        "concern_min_reporters": draw(st.integers(1, 3)),
        "blocker_level_cap": draw(st.sampled_from(LEVEL_IDS)),
        "concern_level_cap": draw(st.sampled_from(LEVEL_IDS)),
        "coverage_threshold": draw(st.sampled_from([0.5, 0.8])),
        "high_confidence_min_scorecards": draw(st.integers(1, 3)),
        "stage_weights": draw(
            st.dictionaries(st.sampled_from(list(STAGES)), st.sampled_from([0.5, 1.0, 2.0, 3.0]))
        ),
    }
    weights = draw(
        st.dictionaries(
            st.sampled_from([c for _, criteria in STAGES.values() for c in criteria]),
            st.sampled_from([0.5, 1.0, 2.0]),
        )
    )
    optional = draw(st.lists(st.sampled_from(list(STAGES)), unique=True, max_size=1))
    return make_rubric(rules=rules, criterion_weights=weights, optional=optional)


@st.composite
def scorecards(draw: st.DrawFn, rubric: Rubric) -> list[Scorecard]:
    cards = []
    for stage in rubric.stages:
        for slot in range(draw(st.integers(0, 3))):
            name = draw(st.sampled_from(INTERVIEWERS[:5]))
            ratings = tuple(
                CriterionRating(criterion.id, draw(st.sampled_from([None, 1, 2, 3, 4])))
                for criterion in stage.criteria
            )
            cards.append(
                Scorecard(
                    uuid=f"{stage.id}-{slot}-{name}",
                    candidate_uuid="cand",
                    stage_id=stage.id,
                    interviewer_uuid=f"iv-{name}",
                    interviewer_name=name,
                    status=draw(
                        st.sampled_from([ScorecardStatus.SUBMITTED] * 5 + [ScorecardStatus.DRAFT])
                    ),
                    ratings=ratings,
                    signals=tuple(
                        Observation(s)
                        for s in draw(st.lists(st.sampled_from(list(SIGNALS)), max_size=3))
                    ),
                    red_flags=tuple(
                        Observation(f)
                        for f in draw(st.lists(st.sampled_from(list(RED_FLAGS)), max_size=1))
                    ),
                    level_evidence=draw(st.sampled_from([None, BELOW_LADDER, *LEVEL_IDS])),
                    vote=draw(st.sampled_from([None, *Vote])),
                )
            )
    return cards


@st.composite
def panels(draw: st.DrawFn) -> tuple[Rubric, list[Scorecard]]:
    rubric = draw(rubrics())
    return rubric, draw(scorecards(rubric))


def check_invariants(result: Recommendation) -> None:
    assert 0.0 <= result.coverage <= 1.0
    if result.candidate_score is not None:
        assert 1.0 <= result.candidate_score <= 4.0
    hire_side = result.decision in (Decision.HIRE, Decision.STRONG_HIRE)
    assert (result.level is not None) == hire_side
    assert (result.band is not None) == hire_side
    if result.band is not None:
        assert 0.0 <= result.band.position <= 1.0
        assert result.band.base_min <= result.band.suggested_base <= result.band.base_max
    assert result.confidence_reasons
    assert result.trace[-1].startswith(f"Confidence {result.confidence.value}")
    if result.agreement.alpha is not None:
        assert -1.0 <= result.agreement.alpha <= 1.0
    json.dumps(result.to_json(), allow_nan=False)
    json.dumps(result.detail_json(), allow_nan=False)


def with_rating(
    cards: list[Scorecard], card: int, criterion: int, value: int | None
) -> list[Scorecard]:
    changed = list(cards)
    ratings = list(changed[card].ratings)
    ratings[criterion] = dataclasses.replace(ratings[criterion], rating=value)
    changed[card] = dataclasses.replace(changed[card], ratings=tuple(ratings))
    return changed


@PROPERTY_SETTINGS
@given(panels())
def test_invariants_and_determinism(panel: tuple[Rubric, list[Scorecard]]) -> None:
    rubric, cards = panel
    first = recommend(rubric, cards)
    check_invariants(first)
    again = recommend(rubric, list(cards))
    assert again == first
    assert again.to_json() == first.to_json()


@PROPERTY_SETTINGS
@given(panels(), st.randoms(use_true_random=False))
def test_the_verdict_alone_is_the_recommendations_verdict(
    panel: tuple[Rubric, list[Scorecard]], shuffler: Random
) -> None:
    """A summary stores the verdict without the rest; it must be the very same one."""
    rubric, cards = panel
    full = recommend(rubric, cards)
    shuffled = list(cards)
    shuffler.shuffle(shuffled)
    alone = verdict(rubric, shuffled)
    assert (alone.decision, alone.level, alone.candidate_score, alone.coverage) == (
        full.decision,
        full.level,
        full.candidate_score,
        full.coverage,
    )


@PROPERTY_SETTINGS
@given(panels(), st.data())
def test_raising_a_rating_never_lowers_the_score_or_the_decision(
    panel: tuple[Rubric, list[Scorecard]], data: st.DataObject
) -> None:
    rubric, cards = panel
    rated = [
        (i, j)
        for i, card in enumerate(cards)
        for j, rating in enumerate(card.ratings)
        if rating.rating is not None and rating.rating < 4
    ]
    if not rated:
        return
    i, j = data.draw(st.sampled_from(rated))
    old = cards[i].ratings[j].rating
    assert old is not None
    new = data.draw(st.integers(old + 1, 4))
    before = recommend(rubric, cards)
    after = recommend(rubric, with_rating(cards, i, j, new))
    if before.candidate_score is not None:
        assert after.candidate_score is not None
        assert after.candidate_score >= before.candidate_score
    assert after.decision.rank >= before.decision.rank


@PROPERTY_SETTINGS
@given(panels(), st.data())
def test_adding_a_blocker_never_improves_the_outcome(
    panel: tuple[Rubric, list[Scorecard]], data: st.DataObject
) -> None:
    rubric, cards = panel
    if not cards:
        return
    i = data.draw(st.integers(0, len(cards) - 1))
    blocker = data.draw(st.sampled_from(BLOCKERS))
    changed = list(cards)
    changed[i] = dataclasses.replace(
        cards[i], red_flags=(*cards[i].red_flags, Observation(blocker, "added"))
    )
    before = recommend(rubric, cards)
    after = recommend(rubric, changed)
    assert after.decision.rank <= before.decision.rank
    assert CONFIDENCE_RANK[after.confidence.value] <= CONFIDENCE_RANK[before.confidence.value]
    if before.level is not None and after.level is not None:
        assert rubric.level_index(after.level) <= rubric.level_index(before.level)


@PROPERTY_SETTINGS
@given(panels(), st.randoms(use_true_random=False))
def test_order_of_scorecards_and_their_contents_never_matters(
    panel: tuple[Rubric, list[Scorecard]], rng: Random
) -> None:
    rubric, cards = panel
    shuffled = []
    for card in cards:
        ratings, signals, flags = list(card.ratings), list(card.signals), list(card.red_flags)
        rng.shuffle(ratings)
        rng.shuffle(signals)
        rng.shuffle(flags)
        shuffled.append(
            dataclasses.replace(
                card, ratings=tuple(ratings), signals=tuple(signals), red_flags=tuple(flags)
            )
        )
    rng.shuffle(shuffled)
    assert recommend(rubric, shuffled) == recommend(rubric, cards)


@PROPERTY_SETTINGS
@given(panels(), st.permutations(INTERVIEWERS[:5]))
def test_who_the_interviewers_are_never_changes_the_outcome(
    panel: tuple[Rubric, list[Scorecard]], names: list[str]
) -> None:
    rubric, cards = panel
    mapping = dict(zip(INTERVIEWERS[:5], names, strict=True))
    renamed = [
        dataclasses.replace(
            card,
            interviewer_name=mapping[card.interviewer_name],
            interviewer_uuid=f"iv-{mapping[card.interviewer_name]}",
        )
        for card in cards
    ]
    before, after = recommend(rubric, cards), recommend(rubric, renamed)
    assert after.decision == before.decision
    assert after.level == before.level
    assert after.candidate_score == before.candidate_score
    assert after.band == before.band
    assert after.confidence == before.confidence
    assert after.coverage == before.coverage
    assert after.agreement.alpha == before.agreement.alpha


@PROPERTY_SETTINGS
@given(panels(), st.data())
def test_every_na_pattern_is_handled(
    panel: tuple[Rubric, list[Scorecard]], data: st.DataObject
) -> None:
    rubric, cards = panel
    positions = [(i, j) for i, card in enumerate(cards) for j in range(len(card.ratings))]
    if not positions:
        return
    blanked = data.draw(st.lists(st.sampled_from(positions), unique=True))
    changed = cards
    for i, j in blanked:
        changed = with_rating(changed, i, j, None)
    before = recommend(rubric, cards)
    after = recommend(rubric, changed)
    check_invariants(after)
    assert after.coverage <= before.coverage
    if len(blanked) == len(positions):
        assert after.candidate_score is None
        assert after.decision in (Decision.INSUFFICIENT_EVIDENCE, Decision.STRONG_NO_HIRE)
