"""Every rule of the recommendation engine, and how the rules interact, as a table.

Each scenario runs on the rubric of ``rubric_factory`` (ten criteria over three required
stages; L4 2.75 / L5 3.25 / L6 3.5 / L7 3.75 with 0 / 1 / 2 / 3 signals; blockers
``no_empathy`` and ``no_tradeoffs``, concerns ``poor_communication`` and
``over_engineer``) and pins the decision, the level, the band position, the confidence
and the trace sentences (in order; other sentences may sit between them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pytest
from rubric_factory import Card, make_rubric, panel

from interview_kit.domain.engine import Decision, recommend

S2 = ("business_terms", "minimal_resources")
S3 = ("business_terms", "minimal_resources", "cross_discipline")
NO_LEVEL_EVIDENCE = (
    "No interviewer gave level evidence: the score and signal cap alone sets the level."
)
CONFIDENCE_HIGH = "Confidence high: every condition for high confidence holds."
CONFIDENCE_INSUFFICIENT = "Confidence low: the evidence is insufficient for a recommendation."
TOP = Card(4, signals=S3, level="L7")
EMPATHY = "Blocker 'Lack of customer empathy'"


def confidence(value: str, failing: int) -> str:
    verb = "fails" if failing == 1 else "fail"
    return f"Confidence {value}: {failing} of the 4 conditions for high confidence {verb}."


def every(card: Card | int | None, per_stage: int = 2) -> dict[str, list[Card | int | None]]:
    return {stage: [card] * per_stage for stage in ("screen", "deep_dive", "product")}


def with_first(
    cards: dict[str, list[Card | int | None]], stage: str, *replacements: Card
) -> dict[str, list[Card | int | None]]:
    """``cards`` with the first cards of ``stage`` replaced."""
    changed = {key: list(value) for key, value in cards.items()}
    changed[stage][: len(replacements)] = replacements
    return changed


# Scores of exactly 2.75: a stage's cards score 3.0 and 2.5 (N/A left out of the mean).
AT_BAR = {
    "screen": [Card([3, 3, 3]), Card([3, 2, None])],
    "deep_dive": [Card([3, 3, 3, 3]), Card([3, 2, None, None])],
    "product": [Card([3, 3, 3]), Card([3, 2, None])],
}


@dataclass(frozen=True)
class Scenario:
    name: str
    cards: Mapping[str, Sequence[Card | int | None]]
    decision: Decision
    level: str | None
    position: float | None
    confidence: str
    trace: tuple[str, ...]
    rubric: Mapping[str, Any] = field(default_factory=dict)
    suggested_base: float | None = None
    absent: tuple[str, ...] = ()
    """Fragments no trace sentence may contain."""


SCENARIOS = [
    # -- the plain paths --------------------------------------------------------------
    Scenario(
        "clean hire at L4, score and signal cap alone",
        every(3),
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        (
            (
                "Candidate score 3.00: weighted mean of the stage scores 'Initial screen' 3.00 "
                "(2 scorecards), 'Technical deep dive' 3.00 (2 scorecards) and 'Product and "
                "cross-functional' 3.00 (2 scorecards)."
            ),
            "Coverage 100%: 10 of 10 required criteria rated at least once.",
            NO_LEVEL_EVIDENCE,
            "Score 3.00 and 0 distinct positive signals reach L4 (L5 needs 3.25 and 1 signal).",
            "Candidate score 3.00 meets the hire bar 2.75: hire at L4.",
            (
                "Band position 0.50: score 3.00 between the L4 minimum 2.75 and the L5 minimum "
                "3.25; suggested base 120,000 USD."
            ),
            CONFIDENCE_HIGH,
        ),
        suggested_base=120_000,
    ),
    Scenario(
        "strong hire at the top level, band at the 4.0 ceiling",
        every(TOP),
        Decision.STRONG_HIRE,
        "L7",
        1.0,
        "high",
        (
            "Level evidence from 6 scorecards (L7, L7, L7, L7, L7, L7): lower median L7.",
            "Score 4.00 and 3 distinct positive signals reach L7, the top level.",
            "Candidate score 4.00 reaches 3.50 with no red flag: strong hire at L7.",
            (
                "Band position 1.00: score 4.00 between the L7 minimum 3.75 and the 4.00 ceiling; "
                "suggested base 280,000 USD."
            ),
            CONFIDENCE_HIGH,
        ),
        suggested_base=280_000,
    ),
    # -- red flags --------------------------------------------------------------------
    Scenario(
        "one concern by one interviewer: no strong hire, confidence medium",
        with_first(
            every(TOP), "screen", Card(4, signals=S3, level="L7", flags=["poor_communication"])
        ),
        Decision.HIRE,
        "L7",
        1.0,
        "medium",
        (
            "Concern 'Poor communication' raised by 1 of 6 interviewers: confidence lowered.",
            "Candidate score 4.00 reaches 3.50, but a red flag was raised: hire at L7.",
            confidence("medium", 1),
        ),
        absent=("Red flags cap",),
    ),
    Scenario(
        "blocker by two interviewers: strong no hire despite a perfect score",
        with_first(
            every(TOP), "screen", Card(4, flags=["no_empathy"]), Card(4, flags=["no_empathy"])
        ),
        Decision.STRONG_NO_HIRE,
        None,
        None,
        "medium",
        (
            f"{EMPATHY} raised by 2 of 6 interviewers: strong no hire.",
            confidence("medium", 1),
        ),
        absent=("hire at", "Band position", "Level evidence"),
    ),
    Scenario(
        "blocker by one interviewer caps the level at L4",
        with_first(every(TOP), "deep_dive", Card(4, signals=S3, level="L7", flags=["no_empathy"])),
        Decision.HIRE,
        "L4",
        1.0,
        "medium",
        (
            (
                f"{EMPATHY} raised by 1 of 6 interviewers (strong no hire needs 2): confidence "
                "lowered and level capped at L4."
            ),
            "Score 4.00 and 3 distinct positive signals reach L7, the top level.",
            "Red flags cap the level at L4.",
            "Candidate score 4.00 reaches 3.50, but a red flag was raised: hire at L4.",
            (
                "Band position 1.00 (clipped from 2.50): score 4.00 between the L4 minimum 2.75 "
                "and the L5 minimum 3.25; suggested base 140,000 USD."
            ),
        ),
        suggested_base=140_000,
    ),
    Scenario(
        "one interviewer raising a blocker on two stages counts once",
        {
            "screen": [Card(4, signals=S3, flags=["no_empathy"]), 4],
            "deep_dive": [4, 4],
            "product": [Card(4, interviewer="Ana", flags=["no_empathy"]), 4],
        },
        Decision.HIRE,
        "L4",
        1.0,
        "medium",
        (
            (
                f"{EMPATHY} raised by 1 of 5 interviewers (strong no hire needs 2): confidence "
                "lowered and level capped at L4."
            ),
        ),
        absent=("strong no hire.",),
    ),
    Scenario(
        "two different blockers by one interviewer each: reporters count per flag",
        with_first(
            every(TOP),
            "product",
            Card(4, signals=S3, flags=["no_empathy"]),
            Card(4, signals=S3, flags=["no_tradeoffs"]),
        ),
        Decision.HIRE,
        "L4",
        1.0,
        "medium",
        (
            (
                f"{EMPATHY} raised by 1 of 6 interviewers (strong no hire needs 2): confidence "
                "lowered and level capped at L4."
            ),
            (
                "Blocker 'Cannot prioritise or make trade-offs' raised by 1 of 6 interviewers "
                "(strong no hire needs 2): confidence lowered and level capped at L4."
            ),
            "Red flags cap the level at L4.",
        ),
    ),
    Scenario(
        "a decisive blocker wins over insufficient evidence",
        {
            "screen": [Card(3, flags=["no_empathy"]), 3],
            "deep_dive": [Card(3, flags=["no_empathy"]), 3],
        },
        Decision.STRONG_NO_HIRE,
        None,
        None,
        "low",
        (
            "Coverage 70%: 7 of 10 required criteria rated at least once.",
            "Required stage 'Product and cross-functional' has no submitted scorecard.",
            (
                "Coverage 70% is below the 80% minimum (unrated: 'Prototype', 'Stakeholders', "
                "'Go to market')."
            ),
            f"{EMPATHY} raised by 2 of 4 interviewers: strong no hire.",
            confidence("low", 3),
        ),
        absent=("insufficient evidence",),
    ),
    Scenario(
        "a single blocker does not decide when evidence is insufficient",
        {"screen": [Card(3, flags=["no_empathy"]), 3], "deep_dive": [3, 3]},
        Decision.INSUFFICIENT_EVIDENCE,
        None,
        None,
        "low",
        (
            (
                "Required stage 'Product and cross-functional' has no submitted scorecard: "
                "insufficient evidence."
            ),
            (
                f"{EMPATHY} raised by 1 of 4 interviewers (strong no hire needs 2): confidence "
                "lowered and level capped at L4."
            ),
            CONFIDENCE_INSUFFICIENT,
        ),
    ),
    Scenario(
        "a low score decides before a single blocker's level cap",
        with_first(every(Card(2, vote="no")), "screen", Card(2, vote="no", flags=["no_empathy"])),
        Decision.NO_HIRE,
        None,
        None,
        "medium",
        (
            (
                f"{EMPATHY} raised by 1 of 6 interviewers (strong no hire needs 2): confidence "
                "lowered and level capped at L4."
            ),
            "Candidate score 2.00 is below the hire bar 2.75: no hire.",
        ),
        absent=("Red flags cap",),
    ),
    Scenario(
        "concern by two interviewers caps the level at L5",
        with_first(
            every(TOP),
            "product",
            Card(4, signals=S3, level="L7", flags=["poor_communication"]),
            Card(4, signals=S3, level="L7", flags=["poor_communication"]),
        ),
        Decision.HIRE,
        "L5",
        1.0,
        "medium",
        (
            (
                "Concern 'Poor communication' raised by 2 of 6 interviewers: confidence lowered "
                "and level capped at L5."
            ),
            "Red flags cap the level at L5.",
            "Candidate score 4.00 reaches 3.50, but a red flag was raised: hire at L5.",
            (
                "Band position 1.00 (clipped from 3.00): score 4.00 between the L5 minimum 3.25 "
                "and the L6 minimum 3.50; suggested base 180,000 USD."
            ),
            confidence("medium", 1),
        ),
        suggested_base=180_000,
    ),
    Scenario(
        "a concern cap above the level reached changes nothing",
        with_first(
            every(3),
            "screen",
            Card(3, flags=["poor_communication"]),
            Card(3, flags=["poor_communication"]),
        ),
        Decision.HIRE,
        "L4",
        0.5,
        "medium",
        (
            (
                "Concern 'Poor communication' raised by 2 of 6 interviewers: confidence lowered "
                "and level capped at L5."
            ),
            "Candidate score 3.00 meets the hire bar 2.75: hire at L4.",
        ),
        absent=("Red flags cap",),
    ),
    Scenario(
        "blocker and concern caps together: the lower wins",
        with_first(
            every(TOP),
            "screen",
            Card(4, signals=S3, level="L7", flags=["poor_communication", "no_tradeoffs"]),
            Card(4, signals=S3, level="L7", flags=["poor_communication"]),
        ),
        Decision.HIRE,
        "L4",
        1.0,
        "medium",
        (
            "Red flags cap the level at L4.",
            "Candidate score 4.00 reaches 3.50, but a red flag was raised: hire at L4.",
        ),
    ),
    Scenario(
        "blocker_min_reporters = 1 makes one report decisive",
        with_first(every(TOP), "screen", Card(4, flags=["no_empathy"])),
        Decision.STRONG_NO_HIRE,
        None,
        None,
        "medium",
        (f"{EMPATHY} raised by 1 of 6 interviewers: strong no hire.",),
        rubric={"rules": {"blocker_min_reporters": 1}},
    ),
    Scenario(
        "concern_min_reporters = 3: two reports only lower confidence",
        with_first(
            every(TOP),
            "screen",
            Card(4, signals=S3, level="L7", flags=["poor_communication"]),
            Card(4, signals=S3, level="L7", flags=["poor_communication"]),
        ),
        Decision.HIRE,
        "L7",
        1.0,
        "medium",
        ("Concern 'Poor communication' raised by 2 of 6 interviewers: confidence lowered.",),
        rubric={"rules": {"concern_min_reporters": 3}},
        absent=("Red flags cap",),
    ),
    Scenario(
        "configured caps: blocker to L5, concern to L6",
        with_first(
            every(TOP),
            "screen",
            Card(4, signals=S3, level="L7", flags=["no_empathy", "over_engineer"]),
            Card(4, signals=S3, level="L7", flags=["over_engineer"]),
        ),
        Decision.HIRE,
        "L5",
        1.0,
        "medium",
        (
            (
                f"{EMPATHY} raised by 1 of 6 interviewers (strong no hire needs 2): confidence "
                "lowered and level capped at L5."
            ),
            (
                "Concern 'Over-engineers' raised by 2 of 6 interviewers: confidence lowered and "
                "level capped at L6."
            ),
            "Red flags cap the level at L5.",
        ),
        rubric={"rules": {"blocker_level_cap": "L5", "concern_level_cap": "L6"}},
    ),
    # -- evidence and coverage --------------------------------------------------------
    Scenario(
        "a required stage without scorecards: insufficient evidence",
        {"screen": [3, 3], "deep_dive": [3, 3]},
        Decision.INSUFFICIENT_EVIDENCE,
        None,
        None,
        "low",
        (
            "Coverage 70%: 7 of 10 required criteria rated at least once.",
            (
                "Required stage 'Product and cross-functional' has no submitted scorecard: "
                "insufficient evidence."
            ),
            (
                "Coverage 70% is below the 80% minimum (unrated: 'Prototype', 'Stakeholders', "
                "'Go to market'): insufficient evidence."
            ),
            CONFIDENCE_INSUFFICIENT,
        ),
        absent=("hire at", "hire bar"),
    ),
    Scenario(
        "an optional stage may be missing",
        {"screen": [3, 3], "deep_dive": [3, 3]},
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        (
            (
                "Candidate score 3.00: weighted mean of the stage scores 'Initial screen' 3.00 "
                "(2 scorecards) and 'Technical deep dive' 3.00 (2 scorecards)."
            ),
            "Coverage 100%: 7 of 7 required criteria rated at least once.",
            CONFIDENCE_HIGH,
        ),
        rubric={"optional": ["product"]},
    ),
    Scenario(
        "a draft is not a submitted scorecard",
        {"screen": [3, 3], "deep_dive": [3, 3], "product": [Card(3, submitted=False)]},
        Decision.INSUFFICIENT_EVIDENCE,
        None,
        None,
        "low",
        (
            (
                "Required stage 'Product and cross-functional' has no submitted scorecard: "
                "insufficient evidence."
            ),
        ),
    ),
    Scenario(
        "no scorecards at all",
        {},
        Decision.INSUFFICIENT_EVIDENCE,
        None,
        None,
        "low",
        (
            "No criterion was rated, so there is no candidate score.",
            "Coverage 0%: 0 of 10 required criteria rated at least once.",
            "Required stage 'Initial screen' has no submitted scorecard: insufficient evidence.",
            (
                "Required stage 'Technical deep dive' has no submitted scorecard: insufficient "
                "evidence."
            ),
            (
                "Required stage 'Product and cross-functional' has no submitted scorecard: "
                "insufficient evidence."
            ),
            CONFIDENCE_INSUFFICIENT,
        ),
    ),
    Scenario(
        "every rating N/A",
        every(None),
        Decision.INSUFFICIENT_EVIDENCE,
        None,
        None,
        "low",
        (
            "No criterion was rated, so there is no candidate score.",
            (
                "Coverage 0% is below the 80% minimum (unrated: 'Ownership', 'Motivation', "
                "'Business thinking', 'Live coding', 'System design', 'Debugging' and 4 more): "
                "insufficient evidence."
            ),
        ),
    ),
    Scenario(
        "coverage exactly at the 80% threshold is enough, but not for high confidence",
        {
            "screen": [Card([3, 3, None])] * 2,
            "deep_dive": [Card([3, 3, 3, None])] * 2,
            "product": [3, 3],
        },
        Decision.HIRE,
        "L4",
        0.5,
        "medium",
        (
            "Coverage 80%: 8 of 10 required criteria rated at least once.",
            "Candidate score 3.00 meets the hire bar 2.75: hire at L4.",
            confidence("medium", 1),
        ),
        absent=("insufficient",),
    ),
    Scenario(
        "coverage below the threshold: insufficient evidence",
        {
            "screen": [Card([3, None, None])] * 2,
            "deep_dive": [Card([3, 3, 3, None])] * 2,
            "product": [3, 3],
        },
        Decision.INSUFFICIENT_EVIDENCE,
        None,
        None,
        "low",
        (
            (
                "Coverage 70% is below the 80% minimum (unrated: 'Motivation', "
                "'Business thinking', 'Review'): insufficient evidence."
            ),
            CONFIDENCE_INSUFFICIENT,
        ),
    ),
    Scenario(
        "coverage of 90% still allows high confidence",
        {"screen": [Card([3, 3, None])] * 2, "deep_dive": [3, 3], "product": [3, 3]},
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        ("Coverage 90%: 9 of 10 required criteria rated at least once.", CONFIDENCE_HIGH),
    ),
    Scenario(
        "a criterion one interviewer left N/A is still covered",
        {"screen": [Card([3, 3, None]), 3], "deep_dive": [3, 3], "product": [3, 3]},
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        ("Coverage 100%: 10 of 10 required criteria rated at least once.",),
    ),
    Scenario(
        "N/A is left out of the means",
        {"screen": [Card([4, None, None]), 2], "deep_dive": [3, 3], "product": [3, 3]},
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        (
            (
                "Candidate score 3.00: weighted mean of the stage scores 'Initial screen' 3.00 "
                "(2 scorecards), 'Technical deep dive' 3.00 (2 scorecards) and 'Product and "
                "cross-functional' 3.00 (2 scorecards)."
            ),
        ),
    ),
    Scenario(
        "an all-N/A scorecard is left out of its stage score",
        {
            "screen": [None, Card(4, signals=["customer_impact"])],
            "deep_dive": [3, 3],
            "product": [3, 3],
        },
        Decision.HIRE,
        "L5",
        1 / 3,
        "high",
        (
            (
                "Candidate score 3.33: weighted mean of the stage scores 'Initial screen' 4.00 "
                "(1 scorecard), 'Technical deep dive' 3.00 (2 scorecards) and 'Product and "
                "cross-functional' 3.00 (2 scorecards)."
            ),
            "Score 3.33 and 1 distinct positive signal reach L5 (L6 needs 3.50 and 2 signals).",
            (
                "Band position 0.33: score 3.33 between the L5 minimum 3.25 and the L6 minimum "
                "3.50; suggested base 147,000 USD."
            ),
        ),
        suggested_base=147_000,
    ),
    # -- score thresholds -------------------------------------------------------------
    Scenario(
        "score below 2.0: strong no hire",
        every(Card(1, vote="strong_no")),
        Decision.STRONG_NO_HIRE,
        None,
        None,
        "high",
        ("Candidate score 1.00 is below 2.00: strong no hire.", CONFIDENCE_HIGH),
        absent=("Level evidence", "Band position"),
    ),
    Scenario(
        "score exactly 2.0 is no hire, not strong no hire",
        every(Card(2, vote="no")),
        Decision.NO_HIRE,
        None,
        None,
        "high",
        ("Candidate score 2.00 is below the hire bar 2.75: no hire.",),
    ),
    Scenario(
        "score exactly at the hire bar is a hire at the bottom of the band",
        AT_BAR,
        Decision.HIRE,
        "L4",
        0.0,
        "high",
        (
            "Candidate score 2.75 meets the hire bar 2.75: hire at L4.",
            (
                "Band position 0.00: score 2.75 between the L4 minimum 2.75 and the L5 minimum "
                "3.25; suggested base 100,000 USD."
            ),
        ),
        suggested_base=100_000,
    ),
    Scenario(
        "score just below the hire bar",
        {**AT_BAR, "deep_dive": [Card([3, 3, 3, 3]), Card([2, 2, 2, 3])]},
        Decision.NO_HIRE,
        None,
        None,
        "high",
        ("Candidate score 2.71 is below the hire bar 2.75: no hire.",),
    ),
    Scenario(
        "score exactly at the strong-hire mark",
        {stage: [Card(4, signals=S2), Card(3)] for stage in ("screen", "deep_dive", "product")},
        Decision.STRONG_HIRE,
        "L6",
        0.0,
        "high",
        (
            "Score 3.50 and 2 distinct positive signals reach L6 (L7 needs 3.75 and 3 signals).",
            "Candidate score 3.50 reaches 3.50 with no red flag: strong hire at L6.",
            (
                "Band position 0.00: score 3.50 between the L6 minimum 3.50 and the L7 minimum "
                "3.75; suggested base 160,000 USD."
            ),
        ),
        suggested_base=160_000,
    ),
    Scenario(
        "configured thresholds move the decision",
        every(3),
        Decision.STRONG_HIRE,
        "L4",
        0.5,
        "high",
        ("Candidate score 3.00 reaches 3.00 with no red flag: strong hire at L4.",),
        rubric={"rules": {"hire_bar": 2.5, "strong_hire_at": 3.0}},
    ),
    # -- level ------------------------------------------------------------------------
    Scenario(
        "too few distinct signals hold the level below the evidence",
        every(Card(4, signals=S2, level="L7")),
        Decision.STRONG_HIRE,
        "L6",
        1.0,
        "high",
        (
            "Level evidence from 6 scorecards (L7, L7, L7, L7, L7, L7): lower median L7.",
            "Score 4.00 and 2 distinct positive signals reach L6 (L7 needs 3.75 and 3 signals).",
            (
                "Band position 1.00 (clipped from 2.00): score 4.00 between the L6 minimum 3.50 "
                "and the L7 minimum 3.75; suggested base 220,000 USD."
            ),
        ),
    ),
    Scenario(
        "lower median of an even number of level opinions",
        {
            "screen": [Card(4, signals=S3, level="L6"), Card(4, level="L4")],
            "deep_dive": [Card(4, level="L7"), Card(4, level="L5")],
            "product": [Card(4, level="L5"), Card(4, level="L6")],
        },
        Decision.STRONG_HIRE,
        "L5",
        1.0,
        "high",
        (
            "Level evidence from 6 scorecards (L4, L5, L5, L6, L6, L7): lower median L5.",
            "Candidate score 4.00 reaches 3.50 with no red flag: strong hire at L5.",
        ),
        suggested_base=180_000,
    ),
    Scenario(
        "median of an odd number of level opinions; a card without evidence is left out",
        {
            "screen": [Card(4, signals=S3, level="L7"), Card(4, level="L5")],
            "deep_dive": [Card(4, level="L6"), Card(4)],
            "product": [Card(4, level="L7"), Card(4, level="L6")],
        },
        Decision.STRONG_HIRE,
        "L6",
        1.0,
        "high",
        (
            "Level evidence from 5 scorecards (L5, L6, L6, L7, L7): lower median L6.",
            "Candidate score 4.00 reaches 3.50 with no red flag: strong hire at L6.",
        ),
    ),
    Scenario(
        "below-the-ladder evidence as the median: no hire",
        {
            "screen": [Card(4, signals=S3, level="below"), Card(4, level="L5")],
            "deep_dive": [Card(4, level="below"), Card(4, level="L6")],
            "product": [Card(4, level="below"), Card(4, level="L5")],
        },
        Decision.NO_HIRE,
        None,
        None,
        "high",
        (
            (
                "Level evidence from 6 scorecards (below L4, below L4, below L4, L5, L5, L6): "
                "lower median below L4."
            ),
            "Below L4 after capping: no hire.",
        ),
        absent=("hire at", "Band position"),
    ),
    Scenario(
        "below-the-ladder evidence in the minority is outvoted",
        {
            "screen": [Card(4, signals=S3, level="below"), Card(4, level="L5")],
            "deep_dive": [Card(4, level="L5"), 4],
            "product": [4, 4],
        },
        Decision.STRONG_HIRE,
        "L5",
        1.0,
        "high",
        ("Level evidence from 3 scorecards (below L4, L5, L5): lower median L5.",),
    ),
    Scenario(
        "a score over the hire bar that reaches no level: no hire",
        AT_BAR,
        Decision.NO_HIRE,
        None,
        None,
        "high",
        (
            NO_LEVEL_EVIDENCE,
            (
                "Score 2.75 and 0 distinct positive signals reach no level (L4 needs 3.00 and "
                "0 signals)."
            ),
            "Below L4 after capping: no hire.",
        ),
        rubric={"level_overrides": {"L4": {"min_score": 3.0}}},
    ),
    Scenario(
        "a signal minimum on the lowest level: no signals, no level",
        every(3),
        Decision.NO_HIRE,
        None,
        None,
        "high",
        (
            (
                "Score 3.00 and 0 distinct positive signals reach no level (L4 needs 2.75 and "
                "1 signal)."
            ),
            "Below L4 after capping: no hire.",
        ),
        rubric={"level_overrides": {"L4": {"min_positive_signals": 1}}},
    ),
    # -- weights and band ---------------------------------------------------------------
    Scenario(
        "stage weights",
        {
            "screen": [3, 3],
            "deep_dive": [Card(4, signals=["customer_impact"]), 4],
            "product": [2, 2],
        },
        Decision.HIRE,
        "L5",
        0.0,
        "high",
        (
            (
                "Candidate score 3.25: weighted mean of the stage scores 'Initial screen' 3.00 "
                "(2 scorecards, weight 1), 'Technical deep dive' 4.00 (2 scorecards, weight 2) and "
                "'Product and cross-functional' 2.00 (2 scorecards, weight 1)."
            ),
            "Candidate score 3.25 meets the hire bar 2.75: hire at L5.",
        ),
        rubric={"rules": {"stage_weights": {"deep_dive": 2}}},
        suggested_base=130_000,
    ),
    Scenario(
        "criterion weights, and the suggested base rounded to the band's unit",
        {"screen": [Card([4, 2, 2])] * 2, "deep_dive": [3, 3], "product": [3, 3]},
        Decision.HIRE,
        "L4",
        ((3.2 + 3 + 3) / 3 - 2.75) / 0.5,
        "high",
        (
            (
                "Candidate score 3.07: weighted mean of the stage scores 'Initial screen' 3.20 "
                "(2 scorecards), 'Technical deep dive' 3.00 (2 scorecards) and 'Product and "
                "cross-functional' 3.00 (2 scorecards)."
            ),
            (
                "Band position 0.63: score 3.07 between the L4 minimum 2.75 and the L5 minimum "
                "3.25; suggested base 125,000 USD."
            ),
        ),
        rubric={"criterion_weights": {"ownership": 3}},
        suggested_base=125_000,
    ),
    Scenario(
        "a suggested base exactly half a unit rounds up",
        every(3),
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        (
            (
                "Band position 0.50: score 3.00 between the L4 minimum 2.75 and the L5 minimum "
                "3.25; suggested base 120,000 USD."
            ),
        ),
        rubric={
            "band_overrides": {
                "L4": {
                    "base_min": 100_000,
                    "base_mid": 115_000,
                    "base_max": 130_000,
                    "rounding": 10_000,
                }
            }
        },
        suggested_base=120_000,
    ),
    Scenario(
        "a rounded base that would leave the band stays inside it",
        every(4),
        Decision.STRONG_HIRE,
        "L4",
        1.0,
        "high",
        (
            "Score 4.00 and 0 distinct positive signals reach L4 (L5 needs 3.25 and 1 signal).",
            (
                "Band position 1.00 (clipped from 2.50): score 4.00 between the L4 minimum 2.75 "
                "and the L5 minimum 3.25; suggested base 139,000 USD."
            ),
        ),
        rubric={
            "band_overrides": {
                "L4": {"base_min": 101_500, "base_mid": 120_000, "base_max": 139_500}
            }
        },
        suggested_base=139_000,
    ),
    # -- agreement and confidence ---------------------------------------------------------
    Scenario(
        "panel split lowers confidence to medium",
        with_first(every(3), "product", Card(3, vote="no")),
        Decision.HIRE,
        "L4",
        0.5,
        "medium",
        ("Panel split: 5 yes-side and 1 no-side recommendations.", confidence("medium", 1)),
    ),
    Scenario(
        "split and a red flag: confidence low",
        with_first(every(3), "product", Card(3, vote="strong_no", flags=["over_engineer"])),
        Decision.HIRE,
        "L4",
        0.5,
        "low",
        ("Panel split: 5 yes-side and 1 no-side recommendations.", confidence("low", 2)),
    ),
    Scenario(
        "votes on one side only are no split",
        with_first(every(Card(3, vote="strong_yes")), "screen", Card(3, vote=None)),
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        (CONFIDENCE_HIGH,),
        absent=("Panel split",),
    ),
    Scenario(
        "one scorecard per stage: confidence medium",
        every(3, per_stage=1),
        Decision.HIRE,
        "L4",
        0.5,
        "medium",
        (confidence("medium", 1),),
    ),
    Scenario(
        "one scorecard per stage and coverage 80%: confidence low",
        {"screen": [Card([3, 3, None])], "deep_dive": [Card([3, 3, 3, None])], "product": [3]},
        Decision.HIRE,
        "L4",
        0.5,
        "low",
        (confidence("low", 2),),
    ),
    Scenario(
        "high confidence needs the configured number of scorecards",
        every(3, per_stage=2),
        Decision.HIRE,
        "L4",
        0.5,
        "medium",
        (confidence("medium", 1),),
        rubric={"rules": {"high_confidence_min_scorecards": 3}},
    ),
    # -- input the rubric does not know -------------------------------------------------
    Scenario(
        "ratings, flags, signals and stages the rubric does not know are ignored and said",
        {
            "screen": [
                Card(
                    3,
                    extra_ratings={"ghost": 1, "live_coding": 1},
                    flags=["ghost_flag"],
                    signals=["ghost_signal"],
                    level="L9",
                ),
                3,
            ],
            "deep_dive": [3, 3],
            "product": [3, 3],
        },
        Decision.HIRE,
        "L4",
        0.5,
        "high",
        (
            "Ignored ratings of criteria their stage does not have: 'ghost', 'live_coding'.",
            "Ignored red flags this rubric does not have: 'ghost_flag'.",
            "Ignored positive signals this rubric does not have: 'ghost_signal'.",
            "Ignored level evidence naming levels this rubric does not have: 'L9'.",
            NO_LEVEL_EVIDENCE,
            CONFIDENCE_HIGH,
        ),
    ),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.name for s in SCENARIOS])
def test_scenario(scenario: Scenario) -> None:
    rubric = make_rubric(**scenario.rubric)
    result = recommend(rubric, panel(rubric, scenario.cards))

    assert result.decision is scenario.decision, result.trace
    assert result.level == scenario.level, result.trace
    if scenario.position is None:
        assert result.band is None
    else:
        assert result.band is not None
        assert result.band.position == pytest.approx(scenario.position, abs=1e-9)
    if scenario.suggested_base is not None:
        assert result.band is not None
        assert result.band.suggested_base == scenario.suggested_base
    assert result.confidence.value == scenario.confidence, result.confidence_reasons
    assert_in_order(result.trace, scenario.trace)
    for fragment in scenario.absent:
        assert not [s for s in result.trace if fragment in s], (fragment, result.trace)


def assert_in_order(trace: Sequence[str], expected: Sequence[str]) -> None:
    """Each expected sentence is in the trace, in the given order."""
    position = 0
    for sentence in expected:
        assert sentence in trace[position:], f"missing {sentence!r} in\n" + "\n".join(trace)
        position = trace.index(sentence, position) + 1


def test_there_are_enough_scenarios() -> None:
    assert len(SCENARIOS) >= 30
    assert len({s.name for s in SCENARIOS}) == len(SCENARIOS)


def test_unknown_stage_is_ignored_and_said() -> None:
    rubric = make_rubric()
    cards = panel(rubric, every(3))
    stray = cards[0].__class__(
        uuid="stray",
        candidate_uuid="cand-1",
        stage_id="retired_stage",
        interviewer_uuid="iv-zed",
        interviewer_name="Zed",
    )
    result = recommend(rubric, (*cards, stray))
    assert (
        result.trace[0]
        == "Ignored scorecards for stages this rubric does not have: 'retired_stage'."
    )
    assert result.decision is Decision.HIRE
    assert result.interviewer_count == 6


def test_every_scenario_trace_ends_with_confidence() -> None:
    for scenario in SCENARIOS:
        rubric = make_rubric(**scenario.rubric)
        result = recommend(rubric, panel(rubric, scenario.cards))
        assert result.trace[-1].startswith("Confidence "), scenario.name


def test_reasons_name_each_failing_condition() -> None:
    rubric = make_rubric()
    cards = panel(
        rubric,
        {
            "screen": [Card([3, 3, None], vote="no", flags=["over_engineer"])],
            "deep_dive": [Card([3, 3, 3, None])],
            "product": [3, 3],
        },
    )
    result = recommend(rubric, cards)
    assert result.confidence_reasons == (
        "Fewer than 2 submitted scorecards for 'Initial screen' (1) and 'Technical deep dive' (1).",
        "Coverage 80% is below the 90% that high confidence needs.",
        "The panel is split: 3 yes-side and 1 no-side recommendations.",
        "Red flags were raised: 'Over-engineers' (concern, 1 interviewer).",
    )
    assert result.confidence.value == "low"


def test_a_scorecard_given_twice_counts_once() -> None:
    rubric = make_rubric()
    cards = panel(rubric, every(3))
    flagged = panel(rubric, {"screen": [Card(3, flags=["no_empathy"])]})[0]
    result = recommend(rubric, (*cards[1:], flagged, flagged))
    assert result.trace[0] == "Counted once scorecards given more than once: 'cand-1-screen-Ana'."
    assert result.red_flags[0].reporters == 1
    assert result.decision is Decision.HIRE
    assert result.stages[0].scorecard_count == 2
