"""Selection rates, impact ratios and Fisher's exact test, with small cells hidden."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_kit.domain.adverse_impact import GroupCount, analyse, fisher_exact_p


def test_fisher_exact_of_the_tea_tasting_table() -> None:
    """Fisher's lady tasting tea: 3 of 4 cups right each way, p = 0.4857 two-sided
    (34 / 70: the tables at least as extreme as [[3,1],[1,3]])."""
    assert round(fisher_exact_p(((3, 1), (1, 3))), 4) == 0.4857
    assert fisher_exact_p(((3, 1), (1, 3))) == pytest.approx(34 / 70)


def test_uniform_guidelines_example_is_adverse_impact() -> None:
    """80 of 120 white applicants selected (.667) and 12 of 30 black applicants (.40):
    the ratio .40 / .667 = .60 is below four fifths."""
    table = analyse([GroupCount("white", 120, 80), GroupCount("black", 30, 12)])
    white, black = table.groups
    assert table.reference == "white"
    assert round(white.rate or 0, 3) == 0.667
    assert black.rate == pytest.approx(0.40)
    assert round(black.impact_ratio or 0, 2) == 0.60
    assert black.below_four_fifths
    assert white.is_reference
    assert white.impact_ratio == 1.0
    assert white.p_value is None
    from scipy.stats import fisher_exact

    expected = fisher_exact([[12, 18], [80, 40]]).pvalue
    assert black.p_value == pytest.approx(expected)
    assert table.flagged == (black,)


def test_a_ratio_of_exactly_four_fifths_is_not_below_it() -> None:
    """60% and 48%: 48 / 60 = .80 is at, not below, four fifths."""
    table = analyse([GroupCount("a", 100, 60), GroupCount("b", 100, 48)])
    assert table.groups[1].impact_ratio == pytest.approx(0.8)
    assert not table.groups[1].below_four_fifths


def test_the_reference_is_the_highest_rate_whatever_its_size() -> None:
    table = analyse([GroupCount("big", 500, 200), GroupCount("small", 40, 30)])
    assert table.reference == "small"
    assert table.groups[0].impact_ratio == pytest.approx(0.4 / 0.75)


@pytest.mark.parametrize(
    ("considered", "selected"),
    [(4, 2), (30, 4), (30, 26), (9, 5)],  # a cell under 5: selected or not selected
)
def test_cells_under_five_are_suppressed(considered: int, selected: int) -> None:
    table = analyse([GroupCount("big", 100, 50), GroupCount("small", considered, selected)])
    small = table.groups[1]
    assert small.suppressed
    assert (small.considered, small.selected, small.rate) == (None, None, None)
    assert small.impact_ratio is None
    assert small.p_value is None
    assert not small.below_four_fifths


def test_a_small_group_is_never_the_reference() -> None:
    table = analyse([GroupCount("tiny", 6, 4), GroupCount("big", 100, 50)])
    assert table.reference == "big"
    assert table.groups[0].suppressed


def test_prefer_not_to_say_is_shown_but_not_compared() -> None:
    table = analyse(
        [
            GroupCount("a", 100, 50),
            GroupCount("prefer_not_to_say", 100, 90, compared=False),
        ]
    )
    assert table.reference == "a"
    undisclosed = table.groups[1]
    assert undisclosed.rate == pytest.approx(0.9)
    assert undisclosed.impact_ratio is None
    assert not undisclosed.below_four_fifths


def test_nothing_to_compare() -> None:
    assert analyse([]).reference is None
    assert analyse([GroupCount("a", 3, 1)]).groups[0].suppressed


@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(0, 200)).map(lambda t: (t[0] + t[1], t[0])),
        min_size=1,
        max_size=6,
    )
)
def test_impact_ratios_never_exceed_one_and_small_cells_never_show(groups) -> None:
    counts = [
        GroupCount(f"g{i}", considered, selected) for i, (considered, selected) in enumerate(groups)
    ]
    table = analyse(counts)
    for count, result in zip(counts, table.groups, strict=True):
        if count.selected < 5 or count.not_selected < 5:
            assert result.suppressed
            assert result.selected is None
        if result.impact_ratio is not None:
            assert 0 <= result.impact_ratio <= 1 + 1e-12
            assert result.below_four_fifths == (result.impact_ratio < 0.8)
        if result.p_value is not None:
            assert 0 <= result.p_value <= 1 + 1e-9
