"""The engine on the default Builder rubric that ships in resources/rubrics/builder.toml."""

from __future__ import annotations

import json

import pytest
from rubric_factory import Card, panel

from interview_kit import paths
from interview_kit.domain.engine import Decision, recommend
from interview_kit.domain.rubric import Rubric, load_rubric

SCREEN, DEEP, PRODUCT = "initial_screen", "technical_deep_dive", "product_assessment"
TWO_SIGNALS = ("technical_decisions_in_business_terms", "ships_with_minimal_resources")
ALL_SIGNALS = (
    *TWO_SIGNALS,
    "learns_across_disciplines",
    "strong_opinions_loosely_held",
    "asks_about_customer_impact",
)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(paths.default_rubric_path())


def every(card: Card | int, per_stage: int = 2) -> dict[str, list[Card | int]]:
    return {stage: [card] * per_stage for stage in (SCREEN, DEEP, PRODUCT)}


def test_the_example_of_the_specification(rubric: Rubric) -> None:
    cards = panel(
        rubric,
        {
            SCREEN: [Card(3, flags=["lacks_customer_empathy"])],
            DEEP: [Card(4)],
            PRODUCT: [Card(3, flags=["lacks_customer_empathy"])],
        },
    )
    result = recommend(rubric, cards)
    assert result.decision is Decision.STRONG_NO_HIRE
    assert "Blocker 'Lack of customer empathy' raised by 2 of 3 interviewers: strong no hire." in (
        result.trace
    )
    assert result.level is None


def test_solid_panel_lands_at_the_bottom_of_the_staff_band(rubric: Rubric) -> None:
    staff = rubric.level("L5")
    result = recommend(rubric, panel(rubric, every(Card(3, signals=TWO_SIGNALS, level="L5"))))
    assert result.decision is Decision.HIRE
    assert result.level == "L5"
    assert result.level_title == staff.title
    assert result.candidate_score == 3.0
    assert result.coverage == 1.0
    assert result.confidence.value == "high"
    assert result.band is not None
    assert result.band.position == 0.0
    assert result.band.suggested_base == staff.band.base_min
    assert result.trace[-1] == "Confidence high: every condition for high confidence holds."


def test_exceptional_panel_is_a_strong_hire_at_the_top(rubric: Rubric) -> None:
    top = rubric.levels[-1]
    result = recommend(rubric, panel(rubric, every(Card(4, signals=ALL_SIGNALS, level=top.id))))
    assert result.decision is Decision.STRONG_HIRE
    assert result.level == top.id
    assert result.band is not None
    assert result.band.position == 1.0
    assert result.band.suggested_base == top.band.base_max
    assert f"Score 4.00 and 5 distinct positive signals reach {top.id}, the top level." in (
        result.trace
    )


def test_two_reports_of_a_concern_cap_the_level(rubric: Rubric) -> None:
    cap = rubric.rules.concern_level_cap
    cards = every(Card(4, signals=ALL_SIGNALS, level="L7"))
    cards[PRODUCT] = [Card(4, flags=["poor_communication"])] * 2
    result = recommend(rubric, panel(rubric, cards))
    assert result.decision is Decision.HIRE
    assert result.level == cap
    assert "Red flags cap the level at L5." in result.trace
    assert result.confidence.value == "medium"


def test_no_positive_signal_at_all_reaches_no_level(rubric: Rubric) -> None:
    """The default ladder asks for at least one positive signal even at L4."""
    lowest = rubric.levels[0]
    assert lowest.min_positive_signals >= 1
    result = recommend(rubric, panel(rubric, every(3)))
    assert result.decision is Decision.NO_HIRE
    assert "Below L4 after capping: no hire." in result.trace


def test_criterion_weights_of_the_default_rubric_count(rubric: Rubric) -> None:
    weights = [criterion.weight for criterion in rubric.stage(SCREEN).criteria]
    ratings = [4] + [3] * (len(weights) - 1)
    expected = sum(w * r for w, r in zip(weights, ratings, strict=True)) / sum(weights)
    cards = every(Card(3, signals=TWO_SIGNALS))
    cards[SCREEN] = [Card(ratings, signals=TWO_SIGNALS)] * 2
    result = recommend(rubric, panel(rubric, cards))
    assert result.stage_scores[SCREEN] == pytest.approx(expected)
    assert result.candidate_score == pytest.approx((expected + 3 + 3) / 3)


def test_missing_stage_on_the_default_rubric(rubric: Rubric) -> None:
    cards = panel(rubric, {SCREEN: [3, 3], DEEP: [3, 3]})
    result = recommend(rubric, cards)
    assert result.decision is Decision.INSUFFICIENT_EVIDENCE
    title = rubric.stage(PRODUCT).title
    assert (
        f"Required stage '{title}' has no submitted scorecard: insufficient evidence."
        in result.trace
    )


def test_json_of_a_default_rubric_recommendation(rubric: Rubric) -> None:
    result = recommend(rubric, panel(rubric, every(Card(3, signals=TWO_SIGNALS, level="L5"))))
    data = json.loads(json.dumps(result.to_json()))
    band = rubric.level("L5").band
    assert data["band"]["currency"] == band.currency
    assert data["band"]["base_mid"] == band.base_mid
    assert data["band"]["learning_budget"] == band.learning_budget
    assert data["band"]["equity"]["note"] == band.equity_note
    assert set(data["stage_scores"]) == {SCREEN, DEEP, PRODUCT}
    assert len(data["criterion_means"]) == sum(len(s.criteria) for s in rubric.stages)
