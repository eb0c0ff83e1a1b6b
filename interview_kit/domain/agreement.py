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

import math
from collections import defaultdict
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
    matrix, scale = _scaled_coincidences(pairable_units(units))
    return {pair: Fraction(count, scale) for pair, count in matrix.items()}


def _scaled_coincidences(
    units: Sequence[Sequence[Value]],
) -> tuple[dict[tuple[Value, Value], int], int]:
    """``o_ck`` multiplied by ``scale`` (the lcm of every ``m_u - 1``) so it is integral:
    exact arithmetic on plain integers, which is what keeps alpha cheap to compute."""
    scale = math.lcm(*(len(values) - 1 for values in units)) if units else 1
    matrix: dict[tuple[Value, Value], int] = defaultdict(int)
    for values in units:
        counts: dict[Value, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        weight = scale // (len(values) - 1)
        for c, count_c in counts.items():
            for k, count_k in counts.items():
                pairs = count_c * (count_k - 1) if c == k else count_c * count_k
                if pairs:
                    matrix[(c, k)] += pairs * weight
    return dict(matrix), scale


def alpha_fraction(units: Iterable[Unit], metric: Metric = "ordinal") -> Fraction | None:
    """Exact alpha, or ``None`` when undefined (see the module docstring)."""
    counted = []
    for values in pairable_units(units):
        counts: dict[Value, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        counted.append((counts, 1))
    return alpha_of_patterns(counted, metric)


def alpha_of_patterns(
    patterns: Iterable[tuple[Mapping[Value, int], int]], metric: Metric = "ordinal"
) -> Fraction | None:
    """Exact alpha over units given as (value counts of a unit, how many units look so).

    Alpha depends on a unit only through how often each value occurs in it, so a long
    history can be counted in the database (units of a 1-4 scale take few shapes) and
    handed over as patterns: the same result as the units themselves, one by one.
    Patterns with fewer than two values are not pairable and are left out.

    Works on the scaled matrix ``O = L o`` with margins ``N_c = L n_c``. Every metric's
    ``d2`` is homogeneous in the margins (degree 0 for nominal and interval, 2 for
    ordinal), so the scale cancels into ``alpha = 1 - (N - L) sum(O d2) / sum(N_c N_k d2)``
    with ``d2`` evaluated on the scaled margins (ordinal: times 4, to stay integral).
    """
    if metric not in METRICS:
        raise ValueError(f"unknown metric {metric!r}; use one of {', '.join(METRICS)}")
    kept = []
    for counts, repeats in patterns:
        size = sum(counts.values())
        if size >= 2 and repeats > 0:
            kept.append((counts, repeats, size))
    if not kept:
        return None
    scale = math.lcm(*(size - 1 for _counts, _repeats, size in kept))
    # Straight from each unit's value counts, without building O: a value counted n_uc
    # times in a unit adds n_uc (m_u - 1) scale / (m_u - 1) = n_uc scale to its margin,
    # and only pairs of different values add to the observed disagreement (every
    # metric's d2 of a value with itself is 0). The same integers as summing O.
    tallies: list[tuple[Mapping[Value, int], int]] = []
    margins: dict[Value, int] = defaultdict(int)
    total = 0
    for counts, repeats, size in kept:
        for value, count in counts.items():
            if count:
                margins[value] += count * scale * repeats
        total += scale * size * repeats
        if sum(1 for count in counts.values() if count) > 1:
            tallies.append((counts, repeats * (scale // (size - 1))))
    d2 = _scaled_squared_differences(margins, metric)
    observed: int | Fraction = 0
    for counts, weight in tallies:
        for c, count_c in counts.items():
            for k, count_k in counts.items():
                if c != k and count_c and count_k:
                    observed += count_c * count_k * weight * d2[(c, k)]
    expected = sum(margins[c] * margins[k] * d2[(c, k)] for c in margins for k in margins)
    if expected == 0:
        return None
    return 1 - Fraction((total - scale) * observed) / expected


def _scaled_squared_differences(
    margins: Mapping[Value, int], metric: Metric
) -> dict[tuple[Value, Value], int | Fraction]:
    values = sorted(margins)
    table: dict[tuple[Value, Value], int | Fraction] = {}
    running = [0]
    for value in values:
        running.append(running[-1] + margins[value])
    for i, c in enumerate(values):
        for j, k in enumerate(values):
            if metric == "nominal":
                table[(c, k)] = 0 if c == k else 1
            elif metric == "interval":
                difference = _exact_value(c) - _exact_value(k)
                table[(c, k)] = difference * difference
            else:
                low, high = min(i, j), max(i, j)
                between = running[high + 1] - running[low]
                table[(c, k)] = (2 * between - margins[c] - margins[k]) ** 2
    return table


def _exact_value(value: Value) -> int | Fraction:
    return value if isinstance(value, int) else Fraction(value)


def krippendorff_alpha(units: Iterable[Unit], metric: Metric = "ordinal") -> float | None:
    """Krippendorff's alpha over ``units`` (each a sequence of values, ``None`` = missing)."""
    exact = alpha_fraction(units, metric)
    return None if exact is None else float(exact)
