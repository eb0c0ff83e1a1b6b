"""Correlations with their interval and the range-restriction correction."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_kit.domain.validity import (
    Caveat,
    Method,
    correlate,
    estimate,
    fisher_interval,
    sample_sd,
    sd_from_sums,
    thorndike_case_ii,
)


def test_thorndike_case_ii_worked_example() -> None:
    """r = .25 among hires, applicants' SD 1.5 times the hires':
    r_c = r u / sqrt(1 + r^2 (u^2 - 1)) = .375 / sqrt(1 + .0625 * 1.25)
        = .375 / sqrt(1.078125) = .3612 (about .36)."""
    corrected = thorndike_case_ii(0.25, 1.5)
    assert corrected == pytest.approx(0.375 / math.sqrt(1.078125), abs=1e-12)
    assert round(corrected, 2) == 0.36
    assert round(corrected, 4) == 0.3612


def test_thorndike_leaves_unrestricted_r_alone() -> None:
    assert thorndike_case_ii(0.3, 1.0) == pytest.approx(0.3)
    assert thorndike_case_ii(0.0, 2.0) == 0.0


@given(st.floats(-0.99, 0.99), st.floats(1.0, 5.0))
def test_correction_moves_away_from_zero_and_stays_a_correlation(r: float, u: float) -> None:
    corrected = thorndike_case_ii(r, u)
    assert abs(corrected) >= abs(r) - 1e-12
    assert -1 <= corrected <= 1
    assert math.copysign(1, corrected) == math.copysign(1, r) or r == 0


def _pairs(seed: int, count: int, slope: float) -> tuple[list[float], list[float]]:
    rng = random.Random(seed)
    x = [rng.gauss(0, 1) for _ in range(count)]
    y = [slope * a + rng.gauss(0, 1) for a in x]
    return x, y


def test_pearson_interval_matches_scipy() -> None:
    from scipy.stats import pearsonr

    x, y = _pairs(1, 50, 0.5)
    found = correlate(x, y, Method.PEARSON)
    reference = pearsonr(x, y)
    interval = reference.confidence_interval(0.95)
    assert found.r == pytest.approx(reference.statistic)
    assert found.p_value == pytest.approx(reference.pvalue)
    assert (found.low, found.high) == pytest.approx((interval.low, interval.high))
    assert found.count == 50


def test_spearman_matches_scipy_and_widens_the_interval() -> None:
    from scipy.stats import spearmanr

    x, y = _pairs(2, 40, 0.8)
    found = correlate(x, y, Method.SPEARMAN)
    reference = spearmanr(x, y)
    assert found.r == pytest.approx(reference.statistic)
    assert found.p_value == pytest.approx(reference.pvalue)
    pearson_like = fisher_interval(found.r or 0, 40, Method.PEARSON)
    assert pearson_like is not None
    assert found.low is not None
    assert found.high is not None
    assert found.high - found.low > pearson_like[1] - pearson_like[0]


def test_fisher_interval_by_hand() -> None:
    """r = .30, n = 28: z = atanh(.30) = .3095, se = 1/sqrt(25) = .2, z -/+ 1.96 se =
    (-.0825, .7015), and back through tanh: (-.082, .605)."""
    low, high = fisher_interval(0.30, 28) or (0, 0)
    assert (round(low, 3), round(high, 3)) == (-0.082, 0.605)


def test_no_correlation_without_variation() -> None:
    found = correlate([1, 2, 3, 4], [3, 3, 3, 3], Method.PEARSON)
    assert found.r is None
    assert found.low is None
    result = estimate("c", "performance", [1, 2, 3], [2, 2, 2], applicant_sd=1, applicants=9)
    assert Caveat.CONSTANT in result.caveats
    assert result.corrected is None


def test_estimate_warns_of_few_cases_and_range_restriction() -> None:
    x, y = _pairs(3, 20, 0.6)
    hire_sd = sample_sd(x)
    assert hire_sd is not None
    result = estimate("c", "performance", x, y, applicant_sd=hire_sd * 1.5, applicants=200)
    assert Caveat.TOO_FEW in result.caveats
    assert Caveat.RANGE_RESTRICTED in result.caveats
    assert result.pearson.r is not None
    assert result.corrected == pytest.approx(thorndike_case_ii(result.pearson.r, 1.5))
    data = result.to_json()
    assert data["n"] == 20
    assert "too_few_cases" in data["caveats"]


def test_enough_cases_and_no_restriction_carry_no_caveat() -> None:
    x, y = _pairs(4, 60, 0.6)
    result = estimate("c", "performance", x, y, applicant_sd=sample_sd(x), applicants=60)
    assert result.caveats == ()


@given(st.lists(st.floats(-100, 100), min_size=2, max_size=40))
def test_sd_from_sums_matches_the_direct_formula(values: list[float]) -> None:
    from_sums = sd_from_sums(len(values), sum(values), sum(v * v for v in values))
    direct = sample_sd(values)
    assert from_sums == pytest.approx(direct, abs=1e-6)


def test_sd_from_sums_of_equal_values_is_zero() -> None:
    value = 92.12670000000001
    assert sd_from_sums(3, value * 3, value * value * 3) == 0.0
