"""Krippendorff's alpha: how much a panel agrees beyond what chance would give.

Alpha suits interview panels better than pairwise kappas: any number of interviewers,
units (criteria) rated by different subsets of them, N/A left out, and a metric that
respects the order of the 1-4 scale. We follow Krippendorff's coincidence-matrix
formulation ("Computing Krippendorff's Alpha-Reliability", 2011):

    alpha = 1 - (n - 1) * sum(o_ck * d2_ck) / sum(n_c * n_k * d2_ck)

where ``o_ck`` counts ordered pairs of values ``c, k`` found in the same unit, each unit
weighted by ``1 / (m_u - 1)`` for its ``m_u`` pairable values, ``n_c`` are the marginal
totals and ``n`` their sum. Arithmetic is exact (fractions); the result is a float.

Alpha is ``None`` (undefined) when no unit holds two or more values, or when every
pairable value is the same, so that the expected disagreement is zero: a panel that
rated everything 3 agrees, but the data cannot show that the agreement is beyond chance.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Literal

Metric = Literal["nominal", "ordinal", "interval"]
METRICS: tuple[Metric, ...] = ("nominal", "ordinal", "interval")

Value = int | float
Unit = Sequence[Value | None]


def pairable_units(units: Iterable[Unit]) -> list[list[Value]]:
    """The units that hold two or more values, with missing values (N/A) dropped."""
    kept = []
    for unit in units:
        values = [value for value in unit if value is not None]
        if len(values) >= 2:
            kept.append(values)
    return kept


def coincidences(units: Iterable[Unit]) -> dict[tuple[Value, Value], Fraction]:
    """The coincidence matrix ``o_ck`` as a sparse mapping (absent pairs are zero)."""
    matrix: dict[tuple[Value, Value], Fraction] = defaultdict(Fraction)
    for values in pairable_units(units):
        counts = Counter(values)
        weight = Fraction(1, len(values) - 1)
        for c, count_c in counts.items():
            for k, count_k in counts.items():
                pairs = count_c * (count_k - 1) if c == k else count_c * count_k
                if pairs:
                    matrix[(c, k)] += pairs * weight
    return dict(matrix)


def squared_differences(
    marginals: Mapping[Value, Fraction], metric: Metric
) -> dict[tuple[Value, Value], Fraction]:
    """``d2_ck`` for every pair of values that occur, under the chosen metric."""
    values = sorted(marginals)
    table: dict[tuple[Value, Value], Fraction] = {}
    for i, c in enumerate(values):
        for j, k in enumerate(values):
            if metric == "nominal":
                d2 = Fraction(0 if c == k else 1)
            elif metric == "interval":
                d2 = (Fraction(c) - Fraction(k)) ** 2
            else:
                low, high = min(i, j), max(i, j)
                between = sum((marginals[values[g]] for g in range(low, high + 1)), Fraction(0))
                d2 = (between - (marginals[c] + marginals[k]) / 2) ** 2
            table[(c, k)] = d2
    return table


def alpha_fraction(units: Iterable[Unit], metric: Metric = "ordinal") -> Fraction | None:
    """Exact alpha, or ``None`` when undefined (see the module docstring)."""
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    matrix = coincidences(units)
    marginals: dict[Value, Fraction] = defaultdict(Fraction)
    for (c, _k), count in matrix.items():
        marginals[c] += count
    total = sum(marginals.values(), Fraction(0))
    if total == 0:
        return None
    d2 = squared_differences(marginals, metric)
    observed = sum((count * d2[pair] for pair, count in matrix.items()), Fraction(0))
    expected = sum(
        (marginals[c] * marginals[k] * d2[(c, k)] for c in marginals for k in marginals),
        Fraction(0),
    )
    if expected == 0:
        return None
    return 1 - (total - 1) * observed / expected


def krippendorff_alpha(units: Iterable[Unit], metric: Metric = "ordinal") -> float | None:
    """Krippendorff's alpha over ``units`` (each a sequence of values, ``None`` = missing)."""
    exact = alpha_fraction(units, metric)
    return None if exact is None else float(exact)
