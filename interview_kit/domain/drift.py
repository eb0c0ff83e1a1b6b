"""Interviewer drift: how an interviewer's leniency moves from month to month.

Leniency is the calibration measure (:mod:`interview_kit.domain.calibration`): over
every (candidate, criterion) an interviewer rated together with others, their rating
minus the mean of the others' ratings. Here it is split by the month the interviewer
submitted the scorecard. A month is **flagged** when its mean differs from the
interviewer's mean over all earlier months by at least ``shift`` points of the 1-4 scale
and both sides rest on at least ``min_comparisons`` comparisons: a move that size,
on that many comparisons, is worth a calibration conversation; a smaller or thinner one
is noise as often as not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

DEFAULT_SHIFT = 0.5
DEFAULT_MIN_COMPARISONS = 20


@dataclass(frozen=True)
class MonthTally:
    """One interviewer's comparisons in one month: how many and the sum of differences."""

    interviewer_uuid: str
    month: str
    """``YYYY-MM``."""
    comparisons: int
    total_difference: float


@dataclass(frozen=True)
class DriftMonth:
    month: str
    leniency: float
    comparisons: int
    baseline: float | None
    """Mean over all earlier months; ``None`` for the first month."""
    baseline_comparisons: int
    shift: float | None
    flagged: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "leniency": round(self.leniency, 3),
            "comparisons": self.comparisons,
            "baseline": None if self.baseline is None else round(self.baseline, 3),
            "baseline_comparisons": self.baseline_comparisons,
            "shift": None if self.shift is None else round(self.shift, 3),
            "flagged": self.flagged,
        }


@dataclass(frozen=True)
class InterviewerDrift:
    interviewer_uuid: str
    months: tuple[DriftMonth, ...]

    @property
    def flagged(self) -> bool:
        return any(month.flagged for month in self.months)

    @property
    def comparisons(self) -> int:
        return sum(month.comparisons for month in self.months)


def drift(
    tallies: Iterable[MonthTally],
    *,
    shift: float = DEFAULT_SHIFT,
    min_comparisons: int = DEFAULT_MIN_COMPARISONS,
) -> dict[str, InterviewerDrift]:
    """Each interviewer's months in order, with the shift from the earlier months."""
    if shift <= 0:
        raise ValueError("the shift must be positive")
    if min_comparisons < 1:
        raise ValueError("the minimum number of comparisons must be at least 1")
    by_interviewer: dict[str, dict[str, tuple[int, float]]] = defaultdict(dict)
    for tally in tallies:
        if tally.comparisons <= 0:
            continue
        count, total = by_interviewer[tally.interviewer_uuid].get(tally.month, (0, 0.0))
        by_interviewer[tally.interviewer_uuid][tally.month] = (
            count + tally.comparisons,
            total + tally.total_difference,
        )
    results = {}
    for interviewer, months in by_interviewer.items():
        earlier_count, earlier_total = 0, 0.0
        series = []
        for month in sorted(months):
            count, total = months[month]
            leniency = total / count
            baseline = earlier_total / earlier_count if earlier_count else None
            moved = None if baseline is None else leniency - baseline
            flagged = (
                moved is not None
                and abs(moved) >= shift
                and count >= min_comparisons
                and earlier_count >= min_comparisons
            )
            series.append(
                DriftMonth(month, leniency, count, baseline, earlier_count, moved, flagged)
            )
            earlier_count += count
            earlier_total += total
        results[interviewer] = InterviewerDrift(interviewer, tuple(series))
    return results
