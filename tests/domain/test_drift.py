"""Monthly leniency and the drift flag."""

from __future__ import annotations

import pytest

from interview_kit.domain.drift import MonthTally, drift


def _tally(month: str, count: int, mean: float, who: str = "ada") -> MonthTally:
    return MonthTally(who, month, count, mean * count)


def test_a_shift_beyond_the_size_with_enough_comparisons_is_flagged() -> None:
    found = drift(
        [
            _tally("2026-01", 30, 0.0),
            _tally("2026-02", 30, 0.1),
            _tally("2026-03", 30, 0.8),
        ],
        shift=0.5,
        min_comparisons=20,
    )["ada"]
    january, february, march = found.months
    assert january.baseline is None
    assert not january.flagged
    assert february.shift == pytest.approx(0.1)
    assert not february.flagged
    assert march.baseline == pytest.approx(0.05)
    assert march.baseline_comparisons == 60
    assert march.shift == pytest.approx(0.75)
    assert march.flagged
    assert found.flagged
    assert found.comparisons == 90


def test_a_thin_month_is_not_flagged() -> None:
    found = drift([_tally("2026-01", 30, 0.0), _tally("2026-02", 5, 1.5)], min_comparisons=20)
    assert not found["ada"].flagged
    found = drift([_tally("2026-01", 5, 0.0), _tally("2026-02", 30, 1.5)], min_comparisons=20)
    assert not found["ada"].flagged


def test_harsher_counts_as_drift_too_and_months_sort() -> None:
    found = drift(
        [_tally("2026-02", 25, -0.6), _tally("2026-01", 25, 0.0)], shift=0.5, min_comparisons=20
    )
    assert [m.month for m in found["ada"].months] == ["2026-01", "2026-02"]
    assert found["ada"].months[1].flagged


def test_tallies_of_one_month_add_up_and_interviewers_stay_apart() -> None:
    found = drift(
        [_tally("2026-01", 10, 1.0), _tally("2026-01", 10, 0.0), _tally("2026-01", 4, 2, "bo")]
    )
    assert found["ada"].months[0].leniency == pytest.approx(0.5)
    assert found["ada"].months[0].comparisons == 20
    assert found["bo"].months[0].leniency == pytest.approx(2.0)


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="shift"):
        drift([], shift=0)
    with pytest.raises(ValueError, match="comparisons"):
        drift([], min_comparisons=0)
