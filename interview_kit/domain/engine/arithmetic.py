"""Exact arithmetic on scores: fractions, so a score exactly on a threshold is on it."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from fractions import Fraction
from functools import lru_cache

from interview_kit.domain.rubric import Band


@lru_cache(maxsize=4096)
def as_fraction(value: float) -> Fraction:
    """The number as the recruiter wrote it: 2.7 is 27/10, not the nearest binary float."""
    if not math.isfinite(value):
        raise ValueError(f"not a finite number: {value!r}")
    return Fraction(repr(float(value)))


@lru_cache(maxsize=256)
def integer_weights(weights: tuple[float, ...]) -> tuple[int, ...]:
    """The weights scaled by one common factor to whole numbers (1.5, 1 -> 3, 2), so a
    scorecard's weighted mean is one exact fraction of two integers."""
    exact = [as_fraction(weight) for weight in weights]
    scale = math.lcm(*(value.denominator for value in exact)) if exact else 1
    return tuple(int(value * scale) for value in exact)


def weighted_mean(pairs: Sequence[tuple[Fraction, Fraction]]) -> Fraction | None:
    total = sum((weight for weight, _ in pairs), Fraction(0))
    if not pairs or total == 0:
        return None
    return sum((weight * value for weight, value in pairs), Fraction(0)) / total


def exact_mean(values: Iterable[Fraction | None]) -> Fraction | None:
    present = [value for value in values if value is not None]
    if not present:
        return None
    # Over a common denominator in plain integers, reduced once at the end: the same
    # exact value as adding the fractions one by one, without a gcd per addition.
    numerator, denominator = 0, 1
    for value in present:
        numerator = numerator * value.denominator + value.numerator * denominator
        denominator *= value.denominator
    return Fraction(numerator, denominator * len(present))


def to_float(value: Fraction) -> float:
    """``float(value)`` without the generic ``numbers`` detour: integer true division is
    correctly rounded, exactly what ``float()`` of a fraction computes."""
    return value.numerator / value.denominator


def suggested_base(band: Band, position: Fraction) -> Fraction:
    """base_min + position x (base_max - base_min), to the nearest rounding unit (halves
    up), kept inside the band: a rounded figure outside it moves to the nearest unit
    inside, or stays unrounded when no unit fits."""
    low, high = as_fraction(band.base_min), as_fraction(band.base_max)
    exact = low + position * (high - low)
    unit = Fraction(band.rounding)
    rounded = math.floor(exact / unit + Fraction(1, 2)) * unit
    if rounded > high:
        rounded = math.floor(high / unit) * unit
    if rounded < low:
        rounded = math.ceil(low / unit) * unit
    if not low <= rounded <= high:
        return exact
    return rounded
