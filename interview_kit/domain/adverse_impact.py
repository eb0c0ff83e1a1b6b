"""Whether a step of the process selects one group at a lower rate than another.

For each group: its selection rate (selected / considered) and the **impact ratio**, its
rate over the rate of the group selected most often. The Uniform Guidelines on Employee
Selection Procedures (29 CFR 1607.4(D)) treat a ratio below four fifths (0.8) as
evidence of adverse impact — a rule of thumb, not a significance test, so each group is
also compared with the highest group by **Fisher's exact test** on the 2x2 table::

                 selected   not selected
    the group       a            b
    highest         c            d

(two-sided, from SciPy). Small numbers mislead both ways and can identify people, so a
group with any cell under :data:`MIN_CELL` (5) — its own selected or not-selected count —
has its figures suppressed, and a comparison is made only against a reference group whose
own cells are all at least that. Categories such as "prefer not to say" are shown but
never taken as the reference or compared.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

FOUR_FIFTHS = 0.8
MIN_CELL = 5


@dataclass(frozen=True)
class GroupCount:
    group: str
    considered: int
    selected: int
    compared: bool = True
    """``False`` for "prefer not to say" and the like: shown, never compared."""

    def __post_init__(self) -> None:
        if not 0 <= self.selected <= self.considered:
            raise ValueError(f"{self.group}: selected must lie between 0 and considered")

    @property
    def not_selected(self) -> int:
        return self.considered - self.selected

    @property
    def rate(self) -> float | None:
        return self.selected / self.considered if self.considered else None

    def small_cells(self, min_cell: int = MIN_CELL) -> bool:
        return self.selected < min_cell or self.not_selected < min_cell


@dataclass(frozen=True)
class GroupImpact:
    group: str
    considered: int | None
    """``None`` when suppressed (any cell under the minimum)."""
    selected: int | None
    rate: float | None
    impact_ratio: float | None
    """Rate over the reference group's rate; ``None`` when suppressed or not compared."""
    p_value: float | None
    """Fisher's exact test against the reference group (two-sided)."""
    below_four_fifths: bool
    suppressed: bool
    is_reference: bool
    compared: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "considered": self.considered,
            "selected": self.selected,
            "rate": _round(self.rate),
            "impact_ratio": _round(self.impact_ratio),
            "p": _round(self.p_value, 4),
            "below_four_fifths": self.below_four_fifths,
            "suppressed": self.suppressed,
            "reference": self.is_reference,
        }


@dataclass(frozen=True)
class ImpactTable:
    reference: str | None
    """The compared group with the highest rate among those large enough to show."""
    groups: tuple[GroupImpact, ...]

    @property
    def flagged(self) -> tuple[GroupImpact, ...]:
        return tuple(group for group in self.groups if group.below_four_fifths)

    def to_json(self) -> dict[str, Any]:
        return {
            "reference": self.reference,
            "groups": [group.to_json() for group in self.groups],
        }


def fisher_exact_p(table: tuple[tuple[int, int], tuple[int, int]]) -> float:
    """Two-sided p of Fisher's exact test on a 2x2 table (SciPy)."""
    from scipy.stats import fisher_exact

    return float(fisher_exact([list(table[0]), list(table[1])], alternative="two-sided").pvalue)


def impact_ratio(rate: float, reference_rate: float) -> float | None:
    return rate / reference_rate if reference_rate > 0 else None


def analyse(counts: Iterable[GroupCount], *, min_cell: int = MIN_CELL) -> ImpactTable:
    """Selection rates, impact ratios and Fisher tests for each group against the group
    selected most often; groups in the order given."""
    groups = list(counts)
    shown = [g for g in groups if g.compared and not g.small_cells(min_cell)]
    reference = max(shown, key=lambda g: (g.rate or 0.0, g.considered), default=None)
    results = []
    for group in groups:
        suppressed = group.small_cells(min_cell)
        ratio = p = None
        is_reference = reference is not None and group is reference
        if not suppressed and group.compared and reference is not None:
            assert reference.rate is not None
            assert group.rate is not None
            ratio = impact_ratio(group.rate, reference.rate)
            if not is_reference:
                p = fisher_exact_p(
                    (
                        (group.selected, group.not_selected),
                        (reference.selected, reference.not_selected),
                    )
                )
        results.append(
            GroupImpact(
                group=group.group,
                considered=None if suppressed else group.considered,
                selected=None if suppressed else group.selected,
                rate=None if suppressed else group.rate,
                impact_ratio=ratio,
                p_value=p,
                below_four_fifths=ratio is not None and ratio < FOUR_FIFTHS,
                suppressed=suppressed,
                is_reference=is_reference,
                compared=group.compared,
            )
        )
    return ImpactTable(
        reference=None if reference is None else reference.group, groups=tuple(results)
    )


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
