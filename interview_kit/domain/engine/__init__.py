"""The recommendation engine: one rubric and a candidate's submitted scorecards in, a
decision, level, band position, confidence and a plain-language trace out.

Every threshold comes from ``rubric.rules`` and the levels; nothing here is a number of
its own. The rules, their precedence and the exact trace wording are documented in
``docs/engine.md``. In short, rules are evaluated in this order and the first that
decides wins:

1. a blocker red flag raised by ``blocker_min_reporters`` interviewers: strong no hire
   (even when the evidence is otherwise insufficient: one clear blocker is enough);
2. a required stage without a submitted scorecard, coverage below
   ``coverage_threshold``, or no rating at all: insufficient evidence;
3. candidate score below ``strong_no_hire_below``: strong no hire; below ``hire_bar``:
   no hire;
4. the level (lower median of the level evidence, capped by score and signals, then by
   red flags); below the lowest level: no hire;
5. score at ``strong_hire_at`` or above with no red flag at all: strong hire; else hire.

Arithmetic on scores is exact (fractions), so a score that is exactly on a threshold is
on it, and the result does not depend on the order of the scorecards. Results hold
floats at full precision; :meth:`Recommendation.to_json` rounds to three decimals.

``verdict`` gives the decision, level, score and coverage alone, by the same rules
(what a cached summary keeps). One job per module: ``evaluation`` runs the rules,
``results`` holds what comes out, ``wording`` words the trace and ``arithmetic`` keeps
the numbers exact.
"""

from __future__ import annotations

from interview_kit.domain.engine.arithmetic import suggested_base
from interview_kit.domain.engine.evaluation import recommend, verdict
from interview_kit.domain.engine.results import (
    JSON_DIGITS,
    SCORE_CEILING,
    Agreement,
    BandRecommendation,
    Confidence,
    CriterionResult,
    Decision,
    Evidence,
    LevelFinding,
    ObservedItem,
    RatingEntry,
    Recommendation,
    ScorecardResult,
    SpreadCriterion,
    StageResult,
    Verdict,
    format_amount,
    format_equity,
)

__all__ = [
    "JSON_DIGITS",
    "SCORE_CEILING",
    "Agreement",
    "BandRecommendation",
    "Confidence",
    "CriterionResult",
    "Decision",
    "Evidence",
    "LevelFinding",
    "ObservedItem",
    "RatingEntry",
    "Recommendation",
    "ScorecardResult",
    "SpreadCriterion",
    "StageResult",
    "Verdict",
    "format_amount",
    "format_equity",
    "recommend",
    "suggested_base",
    "verdict",
]
