"""The reliability planner against published figures and against SciPy."""

from __future__ import annotations

import math
from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_kit.domain.agreement import alpha_fraction, alpha_of_patterns
from interview_kit.domain.reliability import (
    TargetTally,
    icc_one_way,
    plan_panel,
    raters_needed,
    routinely_single_rated,
    spearman_brown,
)

# Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater
# reliability", Table 2: six targets rated by four judges. Their Table 4 gives
# ICC(1,1) = .17 and ICC(1,4) = .44.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]


def _tallies(rows: list[list[int]]) -> list[TargetTally]:
    return [TargetTally(len(r), float(sum(r)), float(sum(v * v for v in r))) for r in rows]


def test_icc1_of_shrout_and_fleiss() -> None:
    icc = icc_one_way(_tallies(SHROUT_FLEISS))
    assert icc is not None
    assert round(icc.single, 2) == 0.17
    assert round(icc.average, 2) == 0.44
    assert (icc.targets, icc.ratings, icc.raters) == (6, 24, 4)


def test_icc1_agrees_with_scipys_one_way_anova() -> None:
    """For a balanced design ICC(1,1) = (F - 1) / (F + k - 1), F from scipy's f_oneway."""
    from scipy.stats import f_oneway

    icc = icc_one_way(_tallies(SHROUT_FLEISS))
    assert icc is not None
    f = float(f_oneway(*SHROUT_FLEISS).statistic)
    assert icc.f_statistic == pytest.approx(f)
    assert icc.single == pytest.approx((f - 1) / (f + 4 - 1))


def test_icc1_with_unequal_panels_uses_the_effective_group_size() -> None:
    from scipy.stats import f_oneway

    groups = [[3, 4, 3], [1, 2], [4, 4, 3, 4], [2, 1, 2], [3, 2]]
    icc = icc_one_way(_tallies(groups))
    assert icc is not None
    n = [len(g) for g in groups]
    total = sum(n)
    n0 = (total - sum(x * x for x in n) / total) / (len(n) - 1)
    f = float(f_oneway(*groups).statistic)
    assert icc.raters == pytest.approx(n0)
    assert icc.single == pytest.approx((f - 1) / (f + n0 - 1))


def test_repeated_tallies_count_as_that_many_targets() -> None:
    rows = [[3, 4], [1, 2], [3, 4], [4, 4], [1, 2], [3, 4]]
    counted = [
        TargetTally(2, 7.0, 25.0, repeats=3),
        TargetTally(2, 3.0, 5.0, repeats=2),
        TargetTally(2, 8.0, 32.0),
    ]
    assert icc_one_way(counted) == icc_one_way(_tallies(rows))


def test_icc_needs_two_targets_with_two_ratings() -> None:
    assert icc_one_way(_tallies([[3, 4], [2]])) is None
    assert icc_one_way(_tallies([[3, 3], [3, 3]])) is None


# Spearman-Brown, the figures issue 16 quotes: one rating at .50 becomes .67, .80 and
# .86 with 2, 4 and 6 raters (k r / (1 + (k - 1) r)).
@pytest.mark.parametrize(("raters", "expected"), [(1, 0.50), (2, 0.67), (4, 0.80), (6, 0.86)])
def test_spearman_brown_projection(raters: int, expected: float) -> None:
    assert round(spearman_brown(0.5, raters), 2) == expected


@pytest.mark.parametrize(
    ("single", "target", "needed"),
    [
        (0.5, 0.70, 3),  # 0.7 * 0.5 / (0.5 * 0.3) = 2.33 -> 3
        (0.5, 0.80, 4),  # exactly 4
        (0.44, 0.80, 6),  # 0.8 * 0.56 / (0.44 * 0.2) = 5.09 -> 6
        (0.9, 0.80, 1),
        (0.0, 0.80, None),
        (-0.2, 0.70, None),
        (0.01, 0.80, None),  # 396 raters: not a panel anyone can staff
    ],
)
def test_raters_needed(single: float, target: float, needed: int | None) -> None:
    assert raters_needed(single, target) == needed


@given(
    st.floats(min_value=0.02, max_value=0.95),
    st.sampled_from([0.7, 0.8, 0.9]),
)
def test_raters_needed_is_the_smallest_panel_that_reaches_the_target(
    single: float, target: float
) -> None:
    needed = raters_needed(single, target)
    if needed is None:
        assert spearman_brown(single, 99) < target
        return
    assert spearman_brown(single, needed) >= target - 1e-9
    if needed > 1:
        assert spearman_brown(single, needed - 1) < target


@given(st.floats(min_value=0.0, max_value=0.99), st.integers(1, 20))
def test_spearman_brown_never_lowers_reliability(single: float, raters: int) -> None:
    assert spearman_brown(single, raters) >= single - 1e-12
    assert spearman_brown(single, raters) <= 1


def test_a_panel_plan() -> None:
    plan = plan_panel(0.5, 2.0)
    assert round(plan.current, 2) == 0.67
    assert plan.to_json()["raters_needed"] == {"0.70": 3, "0.80": 4}


def test_routinely_single_rated() -> None:
    assert routinely_single_rated(10, 5)
    assert not routinely_single_rated(10, 4)
    assert not routinely_single_rated(0, 0)


units_strategy = st.lists(
    st.lists(st.one_of(st.none(), st.integers(1, 4)), min_size=1, max_size=5),
    max_size=25,
)


@given(units_strategy, st.sampled_from(["nominal", "ordinal", "interval"]))
def test_alpha_of_patterns_equals_alpha_of_the_units(units, metric) -> None:
    """Counting units by shape (what the database hands over) gives the same alpha."""
    shapes: Counter[tuple[int, int, int, int]] = Counter()
    for unit in units:
        values = [v for v in unit if v is not None]
        shapes[tuple(values.count(v) for v in (1, 2, 3, 4))] += 1  # type: ignore[index]
    patterns = [
        (dict(zip((1, 2, 3, 4), shape, strict=True)), repeats) for shape, repeats in shapes.items()
    ]
    assert alpha_of_patterns(patterns, metric) == alpha_fraction(units, metric)


def test_alpha_of_patterns_with_repeats() -> None:
    once = alpha_fraction([[1, 2], [3, 3], [4, 4, 3]])
    assert once is not None
    repeated = alpha_of_patterns([({1: 1, 2: 1}, 3), ({3: 2}, 3), ({4: 2, 3: 1}, 3)])
    assert repeated == alpha_fraction([[1, 2], [3, 3], [4, 4, 3]] * 3)
    assert isinstance(repeated, Fraction)
    assert not math.isnan(float(repeated))
