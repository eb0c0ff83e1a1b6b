"""Interviewer calibration: who rates above or below the rest of their panels.

For each interviewer, every (candidate, criterion) they rated together with at least one
other interviewer gives one comparison: their rating minus the mean of the other
interviewers' ratings of the same candidate and criterion. The mean of those signed
differences says how lenient (positive) or harsh (negative) they are; the count says
how much to trust it. Few comparisons are flagged ``small_sample`` rather than hidden,
so a recruiter sees the number and judges it.

Each interviewer weighs once per comparison: someone who rated the same criterion twice
for one candidate (two scorecards of one stage) counts with the mean of their ratings.
N/A ratings and drafts are left out. Arithmetic is exact; results are floats.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from interview_kit.domain.scorecard import Scorecard

SMALL_SAMPLE_BELOW = 10
"""Fewer comparisons than this are marked as a small sample."""


@dataclass(frozen=True)
class InterviewerCalibration:
    interviewer_uuid: str
    interviewer_name: str
    mean_difference: float | None
    """Mean of (own rating - mean of the others' ratings); ``None`` without comparisons."""
    count: int
    """Comparisons behind the mean: (candidate, criterion) pairs shared with others."""
    candidates: int
    """Distinct candidates those comparisons come from."""
    small_sample: bool

    def describe(self) -> str:
        """One line for a table or the CLI, e.g. "0.42 above the panel (25 comparisons)"."""
        if self.mean_difference is None:
            return "no ratings shared with other interviewers yet"
        difference = self.mean_difference
        if abs(difference) < 0.005:
            where = "in line with the panel"
        else:
            side = "above" if difference > 0 else "below"
            where = f"{abs(difference):.2f} {side} the panel"
        noun = "comparison" if self.count == 1 else "comparisons"
        small = ", small sample" if self.small_sample else ""
        return f"{where} ({self.count} {noun}{small})"

    def to_json(self) -> dict[str, Any]:
        return {
            "interviewer_uuid": self.interviewer_uuid,
            "interviewer": self.interviewer_name,
            "mean_difference": (
                None if self.mean_difference is None else round(self.mean_difference, 3)
            ),
            "count": self.count,
            "candidates": self.candidates,
            "small_sample": self.small_sample,
        }


def calibrate(
    scorecards: Iterable[Scorecard], *, small_sample_below: int = SMALL_SAMPLE_BELOW
) -> tuple[InterviewerCalibration, ...]:
    """Calibration of every interviewer with a submitted scorecard, ordered by name.

    ``scorecards`` may span any number of candidates (typically all of them); the order
    they come in does not matter.
    """
    # (candidate, criterion) -> interviewer -> their ratings
    ratings: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    names: dict[str, Counter[str]] = defaultdict(Counter)
    for card in scorecards:
        if not card.is_submitted:
            continue
        names[card.interviewer_uuid][card.interviewer_name] += 1
        seen: set[str] = set()
        for rating in card.ratings:
            if rating.rating is None or rating.criterion_id in seen:
                continue
            seen.add(rating.criterion_id)
            key = (card.candidate_uuid, rating.criterion_id)
            ratings[key][card.interviewer_uuid].append(rating.rating)

    # own - mean(others) = (n * own - total) / (n - 1) for n interviewers: numerators are
    # summed per denominator, in integers whenever each interviewer rated once.
    numerators: dict[str, dict[int, int | Fraction]] = defaultdict(lambda: defaultdict(int))
    counts: Counter[str] = Counter()
    candidates: dict[str, set[str]] = defaultdict(set)
    for (candidate, _criterion), by_interviewer in ratings.items():
        size = len(by_interviewer)
        if size < 2:
            continue
        own: dict[str, int | Fraction] = {
            interviewer: values[0] if len(values) == 1 else Fraction(sum(values), len(values))
            for interviewer, values in by_interviewer.items()
        }
        total = sum(own.values())
        for interviewer, value in own.items():
            numerators[interviewer][size - 1] += size * value - total
            counts[interviewer] += 1
            candidates[interviewer].add(candidate)
    totals = {
        interviewer: sum(
            (Fraction(numerator) / denominator for denominator, numerator in by_size.items()),
            Fraction(0),
        )
        for interviewer, by_size in numerators.items()
    }

    results = []
    for interviewer, seen_names in names.items():
        count = counts[interviewer]
        # The name used most often; ties go to the alphabetically first, for determinism.
        name = min(seen_names.items(), key=lambda item: (-item[1], item[0]))[0]
        results.append(
            InterviewerCalibration(
                interviewer_uuid=interviewer,
                interviewer_name=name,
                mean_difference=float(totals[interviewer] / count) if count else None,
                count=count,
                candidates=len(candidates[interviewer]),
                small_sample=count < small_sample_below,
            )
        )
    results.sort(
        key=lambda r: (r.interviewer_name.casefold(), r.interviewer_name, r.interviewer_uuid)
    )
    return tuple(results)
