"""Krippendorff's alpha against the worked examples of Krippendorff's own papers."""

from __future__ import annotations

from fractions import Fraction
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rubric_factory import Card, make_rubric, panel

from interview_kit.domain.agreement import (
    METRICS,
    alpha_fraction,
    coincidences,
    krippendorff_alpha,
    pairable_units,
)
from interview_kit.domain.engine import recommend

# "Computing Krippendorff's Alpha-Reliability" (K. Krippendorff, 2011), section C:
# nominal data, any number of observers, missing data. Four observers, twelve units.
_ = None
OBSERVERS = {
    "A": [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    "C": [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
}
UNITS = [list(values) for values in zip(*OBSERVERS.values(), strict=True)]

# The coincidence matrix, derived by hand. A unit with m pairable values adds 1/(m-1) for
# each ordered pair of its values taken from two different observers:
#   u1 (1,1,1; m=3): o11 += 6/2 = 3        u2 (2,2,3,2): o22 += 6/3, o23 = o32 += 3/3
#   u3, u4 (3,3,3,3): o33 += 4 each        u5, u9 (2,2,2,2): o22 += 4 each
#   u6 (1,2,3,4): every off-diagonal pair of 1..4 += 1/3
#   u7 (4,4,4,4): o44 += 4                 u8 (1,1,2,1): o11 += 6/3, o12 = o21 += 3/3
#   u10 (5,5,5): o55 += 6/2 = 3            u11 (1,1; m=2): o11 += 2/1
#   u12 holds one value only and is not pairable.
T = Fraction(1, 3)
HAND_MATRIX = {
    (1, 1): Fraction(7), (1, 2): 1 + T, (1, 3): T, (1, 4): T,
    (2, 1): 1 + T, (2, 2): Fraction(10), (2, 3): 1 + T, (2, 4): T,
    (3, 1): T, (3, 2): 1 + T, (3, 3): Fraction(8), (3, 4): T,
    (4, 1): T, (4, 2): T, (4, 3): T, (4, 4): Fraction(4),
    (5, 5): Fraction(3),
}  # fmt: skip
# Marginals n_c (row sums): n1 = 9, n2 = 13, n3 = 10, n4 = 5, n5 = 3; n = 40.


def test_coincidence_matrix_matches_the_hand_derivation() -> None:
    assert coincidences(UNITS) == HAND_MATRIX
    assert len(pairable_units(UNITS)) == 11


def test_nominal_alpha_of_the_worked_example() -> None:
    """alpha = 1 - (n-1) (n - sum o_cc) / (n^2 - sum n_c^2)
    = 1 - 39 (40 - 32) / (1600 - (81 + 169 + 100 + 25 + 9))
    = 1 - 312 / 1216 = 113/152 = 0.743 (the paper's 0.743)."""
    assert alpha_fraction(UNITS, "nominal") == Fraction(113, 152)
    assert krippendorff_alpha(UNITS, "nominal") == pytest.approx(0.743, abs=5e-4)


def test_interval_alpha_of_the_worked_example() -> None:
    """d2 = (c - k)^2.
    Observed:  sum o_ck d2 = 2 (4/3*1 + 1/3*4 + 1/3*9 + 4/3*1 + 1/3*4 + 1/3*1) = 52/3.
    Expected:  sum n_c n_k d2 = 2 (117 + 360 + 405 + 432 + 130 + 260 + 351 + 50 + 120 + 15)
                            = 2 * 2240 = 4480   (pairs 12, 13, 14, 15, 23, 24, 25, 34, 35, 45).
    alpha = 1 - 39 * (52/3) / 4480 = 1 - 169/1120 = 951/1120 = 0.849 (the paper's 0.849)."""
    assert alpha_fraction(UNITS, "interval") == Fraction(951, 1120)
    assert krippendorff_alpha(UNITS, "interval") == pytest.approx(0.849, abs=5e-4)


def test_ordinal_alpha_of_the_worked_example() -> None:
    """d2_ck = (n_c + ... + n_k - (n_c + n_k)/2)^2 with n = 9, 13, 10, 5, 3:
        d2_12 = 11^2 = 121       d2_13 = 22.5^2 = 506.25   d2_14 = 30^2 = 900
        d2_15 = 34^2 = 1156      d2_23 = 11.5^2 = 132.25   d2_24 = 19^2 = 361
        d2_25 = 23^2 = 529       d2_34 = 7.5^2 = 56.25     d2_35 = 11.5^2 = 132.25
        d2_45 = 4^2 = 16
    Observed: 2 (4/3*121 + 1/3*506.25 + 1/3*900 + 4/3*132.25 + 1/3*361 + 1/3*56.25)
            = 2 * 2836.5 / 3 = 1891.
    Expected: 2 (117*121 + 90*506.25 + 45*900 + 27*1156 + 130*132.25 + 65*361 + 39*529
                 + 50*56.25 + 30*132.25 + 15*16) = 2 * 199740 = 399480.
    alpha = 1 - 39 * 1891 / 399480 = 108577/133160 = 0.815 (the paper's 0.815)."""
    assert alpha_fraction(UNITS, "ordinal") == Fraction(108577, 133160)
    assert krippendorff_alpha(UNITS, "ordinal") == pytest.approx(0.815, abs=5e-4)


def test_binary_two_observer_example() -> None:
    """Section A of the same paper: ten units, two observers, alpha = 0.095.
    o_00 = 10, o_11 = 2, o_01 = o_10 = 4; n_0 = 14, n_1 = 6, n = 20.
    alpha = 1 - 19 (20 - 12) / (400 - 196 - 36) = 1 - 152/168 = 2/21 = 0.095."""
    first = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    second = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    units = [[a, b] for a, b in zip(first, second, strict=True)]
    assert alpha_fraction(units, "nominal") == Fraction(2, 21)
    # With two values only, every metric is the same up to scale, so alpha agrees.
    assert alpha_fraction(units, "interval") == Fraction(2, 21)
    assert alpha_fraction(units, "ordinal") == Fraction(2, 21)


@pytest.mark.parametrize(
    ("units", "why"),
    [
        ([], "no units"),
        ([[3], [2, None], [None, None]], "no unit with two values"),
        ([[3, 3], [3, 3, 3], [3, None, 3]], "no variation: expected disagreement is zero"),
    ],
)
@pytest.mark.parametrize("metric", METRICS)
def test_undefined_alpha_is_none(units: list[list[int | None]], why: str, metric: str) -> None:
    assert krippendorff_alpha(units, metric) is None, why  # type: ignore[arg-type]


def test_perfect_agreement_with_variation_is_one() -> None:
    units = [[1, 1, 1], [2, 2], [4, 4, None]]
    for metric in METRICS:
        assert alpha_fraction(units, metric) == 1


def test_systematic_disagreement_is_negative() -> None:
    assert (krippendorff_alpha([[1, 4], [4, 1], [1, 4], [4, 1]], "interval") or 0) < 0


def test_unknown_metric_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="unknown metric 'ratio'"):
        krippendorff_alpha(UNITS, "ratio")  # type: ignore[arg-type]


ratings = st.lists(st.lists(st.one_of(st.none(), st.integers(1, 4)), max_size=5), max_size=8)


@settings(max_examples=150, deadline=None)
@given(ratings, st.randoms(use_true_random=False))
def test_alpha_ignores_the_order_of_units_and_of_values(
    units: list[list[int | None]], rng: Random
) -> None:
    shuffled = [list(unit) for unit in units]
    for unit in shuffled:
        rng.shuffle(unit)
    rng.shuffle(shuffled)
    for metric in METRICS:
        assert alpha_fraction(shuffled, metric) == alpha_fraction(units, metric)


@settings(max_examples=150, deadline=None)
@given(ratings)
def test_ordinal_alpha_only_sees_the_order_of_values(units: list[list[int | None]]) -> None:
    """Any increasing relabelling of the scale leaves ordinal alpha unchanged; an affine
    one leaves interval alpha unchanged."""
    stretched = {1: 10, 2: 11, 3: 40, 4: 1000}
    relabelled = [[None if v is None else stretched[v] for v in unit] for unit in units]
    assert alpha_fraction(relabelled, "ordinal") == alpha_fraction(units, "ordinal")
    affine = [[None if v is None else 5 * v + 7 for v in unit] for unit in units]
    assert alpha_fraction(affine, "interval") == alpha_fraction(units, "interval")
    value = alpha_fraction(units, "ordinal")
    assert value is None or -1 <= value <= 1


def test_engine_uses_criteria_rated_by_two_or_more_interviewers() -> None:
    rubric = make_rubric()
    cards = panel(
        rubric,
        {
            "screen": [Card([4, 3, None]), Card([2, 3, 3])],
            "deep_dive": [Card([3, 3, 3, 3])],  # one interviewer: no unit
            "product": [Card([3, 4, 1]), Card([3, 4, 2]), Card([None, 3, 2])],
        },
    )
    result = recommend(rubric, cards)
    # Units: ownership (4,2), motivation (3,3), prototype (3,3), stakeholders (4,4,3),
    # go_to_market (1,2,2); business_thinking has one rating, deep_dive one interviewer.
    expected = alpha_fraction([[4, 2], [3, 3], [3, 3], [4, 4, 3], [1, 2, 2]], "ordinal")
    assert expected is not None
    assert result.agreement.alpha == float(expected)
    assert result.agreement.alpha_units == 5
    assert [c.criterion_id for c in result.agreement.spread_criteria] == ["ownership"]
    assert result.to_json()["agreement"]["spread_criteria"] == [
        {"id": "ownership", "title": "Ownership", "low": 2, "high": 4}
    ]


def test_engine_alpha_is_null_with_one_interviewer_per_stage() -> None:
    rubric = make_rubric()
    result = recommend(rubric, panel(rubric, {"screen": [3], "deep_dive": [4], "product": [2]}))
    assert result.agreement.alpha is None
    assert result.to_json()["agreement"]["alpha"] is None
