"""How reliable a panel's ratings are, and how many interviewers a stage needs.

Three pieces, each small enough to check by hand:

* **ICC(1)** — Shrout & Fleiss (1979) case 1, the one-way random-effects intraclass
  correlation. Interview panels are not crossed (every candidate meets a different
  subset of the interviewers), so the two-way forms ICC(2) and ICC(3), which separate a
  rater effect, do not apply; case 1 treats interviewers as interchangeable. From a
  one-way analysis of variance over targets (candidates) with ``n_i`` ratings each::

      ICC(1,1) = (MSB - MSW) / (MSB + (n0 - 1) MSW)
      ICC(1,k) = (MSB - MSW) / MSB                  (the mean of n0 ratings)

  where, for unequal group sizes, ``n0 = (N - sum n_i^2 / N) / (g - 1)`` (the usual
  effective group size). Only targets with two or more ratings enter.

* **Spearman–Brown** — the reliability of the mean of ``k`` parallel ratings from the
  reliability ``r`` of one: ``k r / (1 + (k - 1) r)``; solved for ``k``, the raters
  needed to reach a target ``t``: ``t (1 - r) / (r (1 - t))``, rounded up.

* **Single-rater share** — how often a criterion was rated by one interviewer only: its
  reliability cannot be estimated from those cases, and a stage that relies on one
  judgement is as reliable as that one judgement.

Pure arithmetic on counts and sums, so the services can aggregate in SQL.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

TARGETS = (0.70, 0.80)
"""Reliability levels the planner reports the panel size for."""

SINGLE_RATER_WARNING_SHARE = 0.5
"""A criterion rated by one interviewer in at least this share of its cases is flagged."""

MAX_RATERS = 99
"""Beyond this the planner says "not reachable" rather than a number nobody can staff."""


@dataclass(frozen=True)
class TargetTally:
    """One target's (a candidate's) ratings of one thing: how many, their sum and the sum
    of their squares. Enough for a one-way analysis of variance."""

    count: int
    total: float
    total_squares: float
    repeats: int = 1
    """How many targets share exactly these figures (the database counts them once)."""


@dataclass(frozen=True)
class Icc:
    single: float
    """ICC(1,1): the reliability of one interviewer's rating."""
    average: float
    """ICC(1,k): the reliability of the mean of ``raters`` ratings."""
    raters: float
    """The effective number of ratings per target (``n0``)."""
    targets: int
    ratings: int
    f_statistic: float

    def to_json(self) -> dict[str, Any]:
        return {
            "single": round(self.single, 3),
            "average": round(self.average, 3),
            "raters": round(self.raters, 2),
            "targets": self.targets,
            "ratings": self.ratings,
        }


def icc_one_way(tallies: Iterable[TargetTally]) -> Icc | None:
    """ICC(1,1) and ICC(1,k) over targets with two or more ratings.

    ``None`` when fewer than two such targets exist or nothing varies within targets
    and between them alike (the ratio is then 0/0).
    """
    kept = [tally for tally in tallies if tally.count >= 2 and tally.repeats > 0]
    groups = sum(t.repeats for t in kept)
    if groups < 2:
        return None
    ratings = sum(t.count * t.repeats for t in kept)
    grand = math.fsum(t.total * t.repeats for t in kept)
    explained = math.fsum(t.total * t.total / t.count * t.repeats for t in kept)
    between = max(explained - grand * grand / ratings, 0.0)
    within = max(math.fsum(t.total_squares * t.repeats for t in kept) - explained, 0.0)
    msb = between / (groups - 1)
    msw = within / (ratings - groups)
    n0 = (ratings - sum(t.count * t.count * t.repeats for t in kept) / ratings) / (groups - 1)
    denominator = msb + (n0 - 1) * msw
    if denominator <= 0 or msb <= 0:
        return None
    return Icc(
        single=(msb - msw) / denominator,
        average=(msb - msw) / msb,
        raters=n0,
        targets=groups,
        ratings=ratings,
        f_statistic=msb / msw if msw > 0 else math.inf,
    )


def spearman_brown(reliability: float, raters: float) -> float:
    """The reliability of the mean of ``raters`` ratings, each of ``reliability``."""
    if raters <= 0:
        raise ValueError("the number of raters must be positive")
    return raters * reliability / (1 + (raters - 1) * reliability)


def raters_needed(reliability: float, target: float) -> int | None:
    """The fewest interviewers whose mean reaches ``target``; ``None`` when no panel
    of up to :data:`MAX_RATERS` does (a reliability of zero or below never improves)."""
    if not 0 < target < 1:
        raise ValueError("the target must lie between 0 and 1")
    if reliability >= target:
        return 1
    if reliability <= 0:
        return None
    exact = target * (1 - reliability) / (reliability * (1 - target))
    # Guard against 3.0000000000000004 becoming 4.
    needed = math.ceil(exact - 1e-9)
    return needed if needed <= MAX_RATERS else None


@dataclass(frozen=True)
class PanelPlan:
    """What a single rating's reliability means for a panel."""

    single: float
    current_raters: float
    """The mean number of interviewers who rated a case."""
    current: float
    """Spearman–Brown at ``current_raters``."""
    needed: tuple[tuple[float, int | None], ...]
    """(target, raters needed) for each of :data:`TARGETS`."""

    def to_json(self) -> dict[str, Any]:
        return {
            "single": round(self.single, 3),
            "current_raters": round(self.current_raters, 2),
            "current": round(self.current, 3),
            "raters_needed": {f"{target:.2f}": count for target, count in self.needed},
        }


def plan_panel(
    single: float, current_raters: float, targets: tuple[float, ...] = TARGETS
) -> PanelPlan:
    return PanelPlan(
        single=single,
        current_raters=current_raters,
        current=spearman_brown(single, current_raters) if current_raters > 0 else single,
        needed=tuple((target, raters_needed(single, target)) for target in targets),
    )


def single_rater_share(cases: int, single_rated: int) -> float | None:
    """The share of cases rated by one interviewer only (``None`` without cases)."""
    return single_rated / cases if cases else None


def routinely_single_rated(
    cases: int, single_rated: int, share: float = SINGLE_RATER_WARNING_SHARE
) -> bool:
    found = single_rater_share(cases, single_rated)
    return found is not None and found >= share


AGREEMENT_MARGIN = 0.10
"""How far a panel's alpha must lie from the history's to read as more or less agreement
than usual (alpha's sampling error on one panel of a few criteria is about this size)."""

ALPHA_FOR_CONCLUSIONS = 0.80
ALPHA_AT_LEAST = 0.667
"""Krippendorff's (2004) guidelines: conclusions on alpha >= .80, tentative ones down to
.667."""


def agreement_against_history(
    panel_alpha: float | None, history_alpha: float | None, history_cases: int
) -> str:
    """One sentence saying what a panel's agreement means against the stored history."""
    if history_alpha is None or history_cases < 2:
        return ""
    history = (
        f"Across the stored history, interviewers agree at alpha {history_alpha:.2f} "
        f"({history_cases:,} candidate-criteria rated by two or more)"
    )
    if history_alpha < ALPHA_AT_LEAST:
        history += ", below the .667 at which conclusions can be drawn even tentatively"
    elif history_alpha < ALPHA_FOR_CONCLUSIONS:
        history += ", enough for tentative conclusions only"
    if panel_alpha is None:
        return history + "."
    difference = panel_alpha - history_alpha
    if difference >= AGREEMENT_MARGIN:
        verdict = "this panel agrees more than usual"
    elif difference <= -AGREEMENT_MARGIN:
        verdict = "this panel agrees less than usual: read its spread criteria closely"
    else:
        verdict = "this panel agrees about as usual"
    return f"{history}; {verdict} ({panel_alpha:.2f})."
