"""Which scores predicted how hires turned out: correlations with their caveats.

For each predictor (a criterion, a stage score, the candidate score) and each outcome
(performance, still employed, would hire again, level now) we report Pearson's r and
Spearman's rho with their count, a two-sided p and a 95% interval through Fisher's z:

    z = atanh(r),  se = 1 / sqrt(n - 3)            (Pearson)
                   se = sqrt(1.06 / (n - 3))        (Spearman; Fieller, Hartley & Pearson 1957)
    interval = tanh(z -/+ 1.96 se)

Two warnings travel with every figure:

* **too few cases** under :data:`MIN_CASES` (30): the interval is wide and one or two
  hires move the estimate a lot;
* **range restriction**: only hires have outcomes, and hires are the candidates who
  scored well, so the predictor's spread among them is narrower than among applicants
  and r understates the predictor's validity. Thorndike's case II (Thorndike 1949;
  Sackett & Yang 2000, case 2) corrects it with ``u = S / s``, the applicant pool's
  standard deviation over the hires'::

      r_c = r u / sqrt(1 + r^2 (u^2 - 1))

  The correction assumes selection on the predictor itself (direct restriction) and a
  linear, homoscedastic relation; interviews select on a composite, so the corrected
  figure is an estimate, shown beside the observed one, never instead of it.

Statistics come from SciPy, imported inside the functions that need it so the app pays
for it only when these views are opened.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

FEWEST_FOR_A_CORRELATION = 3
"""Pairs below which no correlation is computed at all."""
MIN_CASES = 30
"""Fewer cases than this get the "too few cases" warning."""

CONFIDENCE = 0.95
SPEARMAN_VARIANCE = 1.06
"""Fieller, Hartley & Pearson (1957): var(atanh rho_s) ~ 1.06 / (n - 3)."""

RESTRICTION_WARNING_RATIO = 1.1
"""Applicant spread over hire spread at or above this gets the range-restriction note."""


class Method(StrEnum):
    PEARSON = "pearson"
    SPEARMAN = "spearman"


class Caveat(StrEnum):
    TOO_FEW = "too_few_cases"
    RANGE_RESTRICTED = "range_restricted"
    CONSTANT = "no_variation"

    @property
    def text(self) -> str:
        return _CAVEAT_TEXT[self]


_CAVEAT_TEXT = {
    Caveat.TOO_FEW: f"fewer than {MIN_CASES} cases: the interval is wide",
    Caveat.RANGE_RESTRICTED: (
        "only hires have outcomes, so the spread of scores is narrower than among "
        "applicants and r understates validity (corrected estimate shown)"
    ),
    Caveat.CONSTANT: "one side never varies: no correlation can be computed",
}


@dataclass(frozen=True)
class Correlation:
    method: Method
    r: float | None
    count: int
    p_value: float | None
    low: float | None
    high: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method.value,
            "r": _round(self.r),
            "n": self.count,
            "p": _round(self.p_value, 4),
            "ci95": [_round(self.low), _round(self.high)],
        }


@functools.cache
def _normal_quantile(probability: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(probability))


def fisher_interval(
    r: float, count: int, method: Method = Method.PEARSON, confidence: float = CONFIDENCE
) -> tuple[float, float] | None:
    """The interval for ``r`` through Fisher's z; ``None`` with three cases or fewer."""
    if count <= 3:
        return None
    variance = SPEARMAN_VARIANCE if method is Method.SPEARMAN else 1.0
    z = math.atanh(max(min(r, 1 - 1e-15), -1 + 1e-15))
    half = _normal_quantile(0.5 + confidence / 2) * math.sqrt(variance / (count - 3))
    return math.tanh(z - half), math.tanh(z + half)


def correlate(x: Sequence[float], y: Sequence[float], method: Method) -> Correlation:
    """Pearson's r or Spearman's rho of paired values, with p and the 95% interval.

    The same figures as SciPy's ``pearsonr`` and ``spearmanr`` (rho is Pearson's r of
    the mid-ranks; p from Student's t with n - 2 degrees of freedom, as both compute it),
    which the tests check; computed here with NumPy so a view of a few hundred
    correlations takes milliseconds rather than a second.
    """
    if len(x) != len(y):
        raise ValueError("x and y must pair up")
    count = len(x)
    if count < FEWEST_FOR_A_CORRELATION or len(set(x)) < 2 or len(set(y)) < 2:
        return Correlation(method, None, count, None, None, None)
    import numpy as np
    from scipy.special import stdtr
    from scipy.stats import rankdata

    xs = np.asarray(x, dtype=float)
    ys = np.asarray(y, dtype=float)
    if method is Method.SPEARMAN:
        xs, ys = rankdata(xs), rankdata(ys)
    xs = xs - xs.mean()
    ys = ys - ys.mean()
    r = float(np.dot(xs, ys) / math.sqrt(float(np.dot(xs, xs)) * float(np.dot(ys, ys))))
    r = max(min(r, 1.0), -1.0)
    if abs(r) >= 1.0:
        p = 0.0
    else:
        t = abs(r) * math.sqrt((count - 2) / (1 - r * r))
        p = float(2 * stdtr(count - 2, -t))
    interval = fisher_interval(r, count, method)
    low, high = interval if interval is not None else (None, None)
    return Correlation(method, r, count, p, low, high)


def thorndike_case_ii(r: float, spread_ratio: float) -> float:
    """r corrected for direct range restriction; ``spread_ratio`` = S_applicants / s_hires."""
    if spread_ratio <= 0:
        raise ValueError("the spread ratio must be positive")
    return r * spread_ratio / math.sqrt(1 + r * r * (spread_ratio * spread_ratio - 1))


@dataclass(frozen=True)
class ValidityEstimate:
    """A predictor against an outcome among hires, with both correlations and caveats."""

    predictor: str
    outcome: str
    pearson: Correlation
    spearman: Correlation
    hire_sd: float | None
    applicant_sd: float | None
    applicants: int
    corrected: float | None
    """Pearson's r corrected for range restriction (Thorndike case II)."""
    corrected_low: float | None
    corrected_high: float | None
    caveats: tuple[Caveat, ...]

    @property
    def count(self) -> int:
        return self.pearson.count

    def to_json(self) -> dict[str, Any]:
        return {
            "predictor": self.predictor,
            "outcome": self.outcome,
            "n": self.count,
            "pearson": self.pearson.to_json(),
            "spearman": self.spearman.to_json(),
            "hire_sd": _round(self.hire_sd),
            "applicant_sd": _round(self.applicant_sd),
            "applicants": self.applicants,
            "corrected_r": _round(self.corrected),
            "corrected_ci95": [_round(self.corrected_low), _round(self.corrected_high)],
            "caveats": [caveat.value for caveat in self.caveats],
            "caveat_text": [caveat.text for caveat in self.caveats],
        }


def sample_sd(values: Sequence[float]) -> float | None:
    """The sample standard deviation (n - 1), ``None`` below two values."""
    if len(values) < 2:
        return None
    mean = math.fsum(values) / len(values)
    return math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (len(values) - 1))


_SUMS_ROUNDING = 1e-12
"""Relative rounding error of a variance computed from a sum and a sum of squares."""


def sd_from_sums(count: int, total: float, total_squares: float) -> float | None:
    """The sample standard deviation from a count, sum and sum of squares (SQL sums)."""
    if count < 2:
        return None
    variance = (total_squares - total * total / count) / (count - 1)
    # The two sums cancel: what is left below their rounding error is noise, not spread
    # (three equal ratings must give 0, not the square root of the rounding).
    if variance <= _SUMS_ROUNDING * (total_squares / count):
        return 0.0
    return math.sqrt(variance)


def estimate(
    predictor: str,
    outcome: str,
    x: Sequence[float],
    y: Sequence[float],
    *,
    applicant_sd: float | None,
    applicants: int,
    min_cases: int = MIN_CASES,
) -> ValidityEstimate:
    """Both correlations of hires' scores ``x`` with their outcomes ``y``, the range
    restriction correction from the applicant pool's spread, and the caveats."""
    pearson = correlate(x, y, Method.PEARSON)
    spearman = correlate(x, y, Method.SPEARMAN)
    hire_sd = sample_sd(x)
    caveats: list[Caveat] = []
    if pearson.count < min_cases:
        caveats.append(Caveat.TOO_FEW)
    if pearson.r is None:
        caveats.append(Caveat.CONSTANT)
    corrected = corrected_low = corrected_high = None
    if hire_sd and applicant_sd and pearson.r is not None:
        ratio = applicant_sd / hire_sd
        if ratio >= RESTRICTION_WARNING_RATIO:
            caveats.append(Caveat.RANGE_RESTRICTED)
        corrected = thorndike_case_ii(pearson.r, ratio)
        if pearson.low is not None and pearson.high is not None:
            corrected_low = thorndike_case_ii(pearson.low, ratio)
            corrected_high = thorndike_case_ii(pearson.high, ratio)
    return ValidityEstimate(
        predictor=predictor,
        outcome=outcome,
        pearson=pearson,
        spearman=spearman,
        hire_sd=hire_sd,
        applicant_sd=applicant_sd,
        applicants=applicants,
        corrected=corrected,
        corrected_low=corrected_low,
        corrected_high=corrected_high,
        caveats=tuple(caveats),
    )


def _round(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)
