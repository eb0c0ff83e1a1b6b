"""The JSON shape of a recommendation, as `interview-kit recommend --json` prints it."""

from __future__ import annotations

import json

import pytest
from rubric_factory import Card, make_rubric, panel

from interview_kit.domain.engine import format_equity, recommend

TOP_KEYS = [
    "decision",
    "level",
    "level_title",
    "candidate_score",
    "stage_scores",
    "criterion_means",
    "band",
    "confidence",
    "confidence_reasons",
    "coverage",
    "agreement",
    "red_flags",
    "positive_signals",
    "trace",
]
BAND_KEYS = [
    "currency",
    "base_min",
    "base_mid",
    "base_max",
    "position",
    "suggested_base",
    "equity",
    "learning_budget",
]


def _hire() -> dict[str, object]:
    rubric = make_rubric(criterion_weights={"ownership": 2})
    cards = panel(
        rubric,
        {
            "screen": [
                Card([4, 3, 2], signals=["business_terms"], flags=["over_engineer"], level="L5"),
                Card([3, 3, None], signals=["business_terms", "customer_impact"], vote="no"),
            ],
            "deep_dive": [Card([3, 4, 3, 3]), Card([4, 4, 3, 2])],
            "product": [Card([3, 3, 4]), Card([2, 3, 3])],
        },
    )
    return recommend(rubric, cards).to_json()


def test_exact_keys_in_order() -> None:
    data = _hire()
    assert list(data) == TOP_KEYS
    assert isinstance(data["band"], dict)
    assert list(data["band"]) == BAND_KEYS
    assert list(data["agreement"]) == ["panel_split", "alpha", "spread_criteria"]  # type: ignore[call-overload]
    assert data["red_flags"] == [
        {
            "id": "over_engineer",
            "label": "Over-engineers",
            "severity": "concern",
            "reporters": 1,
            "evidence": [
                {"interviewer": "Ana", "stage": "screen", "text": "Ana saw over_engineer"}
            ],
        }
    ]
    assert data["positive_signals"] == [
        {
            "id": "business_terms",
            "label": "Technical decisions in business terms",
            "reporters": 2,
            "evidence": [
                {"interviewer": "Ana", "stage": "screen", "text": "Ana saw business_terms"},
                {"interviewer": "Ben", "stage": "screen", "text": "Ben saw business_terms"},
            ],
        },
        {
            "id": "customer_impact",
            "label": "Asks about customer impact",
            "reporters": 1,
            "evidence": [
                {"interviewer": "Ben", "stage": "screen", "text": "Ben saw customer_impact"}
            ],
        },
    ]


def test_values_are_rounded_to_three_decimals_and_serialisable() -> None:
    data = _hire()
    text = json.dumps(data, allow_nan=False)
    assert json.loads(text) == data
    # screen: (2*4 + 3 + 2)/4 = 3.25 and (2*3 + 3)/3 = 3.0 -> 3.125; deep dive 3.25 and 3.25;
    # product 3.333.. and 2.666.. -> 3.0. Candidate (3.125 + 3.25 + 3.0) / 3 = 3.125.
    assert data["stage_scores"] == {"screen": 3.125, "deep_dive": 3.25, "product": 3.0}
    assert data["candidate_score"] == 3.125
    assert data["criterion_means"]["motivation"] == 3.0  # type: ignore[index]
    assert data["criterion_means"]["business_thinking"] == 2.0  # type: ignore[index]
    assert data["decision"] == "hire"
    assert data["level"] == "L4"
    assert data["level_title"] == "Senior Builder"
    assert data["band"] == {
        "currency": "USD",
        "base_min": 100_000,
        "base_mid": 120_000,
        "base_max": 140_000,
        "position": 0.75,
        "suggested_base": 130_000,
        "equity": {
            "min": 0.05,
            "max": 0.15,
            "unit": "percent",
            "text": "0.05–0.15%",
            "note": "",
        },
        "learning_budget": 3000,
    }
    assert data["coverage"] == 1.0
    assert data["confidence"] == "low"  # split and a red flag
    assert data["agreement"]["panel_split"] is True  # type: ignore[index]
    alpha = data["agreement"]["alpha"]  # type: ignore[index]
    assert isinstance(alpha, float)
    assert alpha == round(alpha, 3)


def test_thirds_are_rounded_in_json_but_exact_in_the_result() -> None:
    rubric = make_rubric()
    cards = panel(rubric, {"screen": [Card([4, 3, 3])] * 2, "deep_dive": [3, 3], "product": [3, 3]})
    result = recommend(rubric, cards)
    assert result.stage_scores["screen"] == pytest.approx(10 / 3, abs=1e-15)
    assert result.to_json()["stage_scores"]["screen"] == 3.333


def test_no_level_means_null_level_and_band() -> None:
    rubric = make_rubric()
    data = recommend(rubric, panel(rubric, {"screen": [2, 2]})).to_json()
    assert data["decision"] == "insufficient_evidence"
    assert data["level"] is None
    assert data["level_title"] is None
    assert data["band"] is None
    assert data["stage_scores"] == {"screen": 2.0, "deep_dive": None, "product": None}
    assert data["criterion_means"]["live_coding"] is None
    assert data["agreement"]["alpha"] is None


def test_no_scorecards_serialise() -> None:
    rubric = make_rubric()
    data = recommend(rubric, []).to_json()
    assert data["candidate_score"] is None
    assert data["coverage"] == 0.0
    json.dumps(data, allow_nan=False)


def test_detail_keeps_ratings_by_interviewer_counts_and_votes() -> None:
    rubric = make_rubric()
    cards = panel(
        rubric,
        {
            "screen": [Card([4, None, 3], level="L5", vote="strong_yes"), Card(2, vote="no")],
            "deep_dive": [3],
            "product": [3, 3],
        },
    )
    result = recommend(rubric, cards)
    screen = result.stages[0]
    assert screen.scorecard_count == 2
    assert [(c.interviewer_name, c.rated, c.not_applicable) for c in screen.scorecards] == [
        ("Ana", 2, 1),
        ("Ben", 3, 0),
    ]
    motivation = result.criteria[1]
    assert [(r.interviewer_name, r.rating) for r in motivation.ratings] == [
        ("Ana", None),
        ("Ben", 2),
    ]
    assert result.votes[:2] == (("Ana", "strong_yes"), ("Ben", "no"))
    assert result.interviewer_count == 5
    detail = result.detail_json()
    assert detail["stages"][0]["scorecards"][0] == {
        "uuid": "cand-1-screen-Ana",
        "interviewer": "Ana",
        "score": 3.5,
        "rated": 2,
        "not_applicable": 1,
        "vote": "strong_yes",
        "level_evidence": "L5",
    }
    assert detail["criteria"][0]["ratings"] == [
        {"interviewer": "Ana", "rating": 4},
        {"interviewer": "Ben", "rating": 2},
    ]
    assert detail["criteria"][0]["spread"] == 2
    assert detail["level_finding"]["evidence"] == ["L5"]
    assert detail["votes"] == {"yes_side": 4, "no_side": 1}
    json.dumps(detail, allow_nan=False)


@pytest.mark.parametrize(
    ("low", "high", "unit", "text"),
    [
        (0.05, 0.15, "percent", "0.05–0.15%"),
        (0.1, 0.1, "percent", "0.1%"),
        (1000, 5000, "shares", "1,000–5,000 shares"),
        (10000, 25000.5, "currency", "10,000–25,000.50 in equity value"),
        (0, 0, "percent", "none"),
    ],
)
def test_equity_reads_plainly(low: float, high: float, unit: str, text: str) -> None:
    assert format_equity(low, high, unit) == text


def test_scorecards_of_two_candidates_are_refused() -> None:
    rubric = make_rubric()
    cards = panel(rubric, {"screen": [3]}) + panel(rubric, {"screen": [3]}, candidate="cand-2")
    with pytest.raises(ValueError, match="one candidate; got scorecards of 2: cand-1, cand-2"):
        recommend(rubric, cards)
