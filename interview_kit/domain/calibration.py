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
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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


@dataclass
class CalibrationTally:
    """The sums calibration is made of, per interviewer (uuid).

    Tallies of disjoint sets of candidates add up (:meth:`add`), so the sums can be
    made anywhere: :func:`tally` makes them from scorecards, a database can make most
    of them in SQL (grouping ratings per candidate, criterion and interviewer); either
    way :func:`calibration_of` turns them into the one statistic.
    """

    numerators: dict[str, dict[int, int | Fraction]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    """``n - 1`` -> the sum of ``n * own - total`` over comparisons among ``n`` interviewers
    (own - mean(others) = (n * own - total) / (n - 1); in integers whenever each
    interviewer rated once)."""
    counts: Counter[str] = field(default_factory=Counter)
    """Comparisons."""
    candidates: Counter[str] = field(default_factory=Counter)
    """Distinct candidates the comparisons come from."""
    names: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    """Submitted scorecards per name the interviewer had on them."""

    def add_comparisons(self, own: Mapping[str, int | Fraction]) -> None:
        """One (candidate, criterion): each interviewer's own rating (the mean of theirs
        when they rated it more than once). Fewer than two interviewers compare nothing."""
        size = len(own)
        if size < 2:
            return
        total = sum(own.values())
        for interviewer, value in own.items():
            self.numerators[interviewer][size - 1] += size * value - total
            self.counts[interviewer] += 1

    def add_summed(self, interviewer: str, others: int, numerator: int, count: int) -> None:
        """``count`` comparisons among ``others + 1`` interviewers, rated once each, whose
        ``n * own - total`` sum to ``numerator`` (as :meth:`add_comparisons` sums them)."""
        self.numerators[interviewer][others] += numerator
        self.counts[interviewer] += count

    def add(self, other: CalibrationTally) -> None:
        """Another tally's sums, over candidates this one does not hold."""
        for interviewer, by_size in other.numerators.items():
            for others, numerator in by_size.items():
                self.numerators[interviewer][others] += numerator
        self.counts.update(other.counts)
        self.candidates.update(other.candidates)
        for interviewer, seen in other.names.items():
            self.names[interviewer].update(seen)


def tally(scorecards: Iterable[Scorecard]) -> CalibrationTally:
    """The sums behind calibration of these scorecards (any candidates, any order)."""
    result = CalibrationTally()
    # (candidate, criterion) -> interviewer -> their ratings
    ratings: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for card in scorecards:
        if not card.is_submitted:
            continue
        result.names[card.interviewer_uuid][card.interviewer_name] += 1
        seen: set[str] = set()
        for rating in card.ratings:
            if rating.rating is None or rating.criterion_id in seen:
                continue
            seen.add(rating.criterion_id)
            key = (card.candidate_uuid, rating.criterion_id)
            ratings[key][card.interviewer_uuid].append(rating.rating)

    candidates: dict[str, set[str]] = defaultdict(set)
    for (candidate, _criterion), by_interviewer in ratings.items():
        if len(by_interviewer) < 2:
            continue
        result.add_comparisons(
            {
                interviewer: values[0] if len(values) == 1 else Fraction(sum(values), len(values))
                for interviewer, values in by_interviewer.items()
            }
        )
        for interviewer in by_interviewer:
            candidates[interviewer].add(candidate)
    result.candidates.update({interviewer: len(seen) for interviewer, seen in candidates.items()})
    return result


def calibration_of(
    sums: CalibrationTally, *, small_sample_below: int = SMALL_SAMPLE_BELOW
) -> tuple[InterviewerCalibration, ...]:
    """Calibration of every interviewer with a submitted scorecard, ordered by name."""
    totals = {
        interviewer: sum(
            (Fraction(numerator) / denominator for denominator, numerator in by_size.items()),
            Fraction(0),
        )
        for interviewer, by_size in sums.numerators.items()
    }
    results = []
    for interviewer, seen_names in sums.names.items():
        count = sums.counts[interviewer]
        # The name used most often; ties go to the alphabetically first, for determinism.
        name = min(seen_names.items(), key=lambda item: (-item[1], item[0]))[0]
        results.append(
            InterviewerCalibration(
                interviewer_uuid=interviewer,
                interviewer_name=name,
                mean_difference=float(totals[interviewer] / count) if count else None,
                count=count,
                candidates=sums.candidates[interviewer],
                small_sample=count < small_sample_below,
            )
        )
    results.sort(
        key=lambda r: (r.interviewer_name.casefold(), r.interviewer_name, r.interviewer_uuid)
    )
    return tuple(results)


def calibrate(
    scorecards: Iterable[Scorecard], *, small_sample_below: int = SMALL_SAMPLE_BELOW
) -> tuple[InterviewerCalibration, ...]:
    """Calibration of every interviewer with a submitted scorecard, ordered by name.

    ``scorecards`` may span any number of candidates (typically all of them); the order
    they come in does not matter.
    """
    return calibration_of(tally(scorecards), small_sample_below=small_sample_below)
