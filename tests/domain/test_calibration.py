"""Interviewer calibration: signed difference from the rest of the panel, with its count."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_kit.domain.calibration import InterviewerCalibration, calibrate
from interview_kit.domain.scorecard import CriterionRating, Scorecard, ScorecardStatus

_counter = iter(range(10**9))


def card(
    interviewer: str,
    ratings: Mapping[str, int | None],
    *,
    candidate: str = "cand-1",
    stage: str = "screen",
    submitted: bool = True,
    name: str | None = None,
) -> Scorecard:
    return Scorecard(
        uuid=f"card-{next(_counter)}",
        candidate_uuid=candidate,
        stage_id=stage,
        interviewer_uuid=f"iv-{interviewer}",
        interviewer_name=name or interviewer,
        status=ScorecardStatus.SUBMITTED if submitted else ScorecardStatus.DRAFT,
        ratings=tuple(CriterionRating(c, v) for c, v in ratings.items()),
    )


def by_name(results: tuple[InterviewerCalibration, ...]) -> dict[str, InterviewerCalibration]:
    return {r.interviewer_name: r for r in results}


def test_two_interviewers_mirror_each_other() -> None:
    results = by_name(calibrate([card("Ana", {"c1": 4, "c2": 3}), card("Ben", {"c1": 2, "c2": 3})]))
    assert results["Ana"].mean_difference == 1.0
    assert results["Ben"].mean_difference == -1.0
    assert results["Ana"].count == results["Ben"].count == 2
    assert results["Ana"].candidates == 1
    assert results["Ana"].small_sample


def test_difference_is_from_the_mean_of_the_others() -> None:
    results = by_name(
        calibrate([card("Ana", {"c1": 4}), card("Ben", {"c1": 3}), card("Chloe", {"c1": 2})])
    )
    assert results["Ana"].mean_difference == 1.5  # 4 - (3 + 2) / 2
    assert results["Ben"].mean_difference == 0.0  # 3 - (4 + 2) / 2
    assert results["Chloe"].mean_difference == -1.5  # 2 - (4 + 3) / 2


def test_na_drafts_and_other_candidates_give_no_comparison() -> None:
    results = by_name(
        calibrate(
            [
                card("Ana", {"c1": None, "c2": 4}),
                card("Ben", {"c1": 3}),
                card("Chloe", {"c2": 1}, submitted=False),
                card("Dev", {"c2": 2}, candidate="cand-2"),
            ]
        )
    )
    assert set(results) == {"Ana", "Ben", "Dev"}  # a draft-only interviewer is unknown
    for name in ("Ana", "Ben", "Dev"):
        assert results[name].count == 0
        assert results[name].mean_difference is None
        assert results[name].small_sample
    assert results["Ana"].describe() == "no ratings shared with other interviewers yet"


def test_an_interviewer_with_two_ratings_of_one_criterion_counts_with_their_mean() -> None:
    results = by_name(
        calibrate([card("Ana", {"c1": 4}), card("Ana", {"c1": 2}), card("Ben", {"c1": 3})])
    )
    assert results["Ana"].mean_difference == 0.0
    assert results["Ana"].count == 1
    assert results["Ben"].mean_difference == 0.0


def test_counts_accumulate_over_candidates_and_small_samples_are_marked() -> None:
    cards = []
    for number in range(10):
        candidate = f"cand-{number}"
        cards += [
            card("Ana", {"c1": 4}, candidate=candidate),
            card("Ben", {"c1": 3}, candidate=candidate),
        ]
    cards.append(card("Chloe", {"c1": 1}, candidate="cand-0"))
    results = by_name(calibrate(cards))
    assert results["Ana"].count == 10
    assert not results["Ana"].small_sample
    assert results["Ana"].candidates == 10
    # cand-0: Ana 4 - (3 + 1)/2 = 2; the nine others: 4 - 3 = 1 -> (2 + 9) / 10
    assert results["Ana"].mean_difference == pytest.approx(1.1)
    assert results["Chloe"].count == 1
    assert results["Chloe"].small_sample
    assert results["Chloe"].describe() == "2.50 below the panel (1 comparison, small sample)"
    assert results["Ana"].describe() == "1.10 above the panel (10 comparisons)"
    assert by_name(calibrate(cards, small_sample_below=11))["Ana"].small_sample


def test_order_and_names_are_deterministic() -> None:
    cards = [
        card("zed", {"c1": 3}, name="Zed"),
        card("ana", {"c1": 3}, name="ana"),
        card("ana", {"c2": 3}, name="Ana Lima"),
        card("ana", {"c3": 3}, name="Ana Lima"),
        card("bob", {"c1": 3}, name="Bob"),
    ]
    names = [r.interviewer_name for r in calibrate(cards)]
    assert names == ["Ana Lima", "Bob", "Zed"]
    assert calibrate(cards) == calibrate(list(reversed(cards)))


def test_json_shape() -> None:
    result = calibrate([card("Ana", {"c1": 4}), card("Ben", {"c1": 1}), card("Cy", {"c1": 1})])
    assert result[0].to_json() == {
        "interviewer_uuid": "iv-Ana",
        "interviewer": "Ana",
        "mean_difference": 3.0,
        "count": 1,
        "candidates": 1,
        "small_sample": True,
    }


panels = st.lists(
    st.tuples(
        st.sampled_from(["Ana", "Ben", "Chloe", "Dev"]),
        st.sampled_from(["cand-1", "cand-2", "cand-3"]),
        st.dictionaries(
            st.sampled_from(["c1", "c2", "c3"]), st.one_of(st.none(), st.integers(1, 4))
        ),
    ),
    max_size=25,
)


@settings(max_examples=150, deadline=None)
@given(panels, st.randoms(use_true_random=False))
def test_differences_balance_out_and_order_never_matters(
    entries: list[tuple[str, str, dict[str, int | None]]], rng: Random
) -> None:
    """Within each comparison the signed differences of all interviewers sum to zero, so
    the count-weighted means over all interviewers do too."""
    cards = [card(name, ratings, candidate=candidate) for name, candidate, ratings in entries]
    results = calibrate(cards)
    total = sum(
        (Fraction(r.mean_difference) * r.count for r in results if r.mean_difference is not None),
        Fraction(0),
    )
    assert abs(total) < 1e-9
    shuffled = list(cards)
    rng.shuffle(shuffled)
    assert calibrate(shuffled) == results
    for r in results:
        assert (r.mean_difference is None) == (r.count == 0)
        if r.mean_difference is not None:
            assert -3 <= r.mean_difference <= 3
