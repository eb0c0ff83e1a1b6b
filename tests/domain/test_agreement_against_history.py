"""What a panel's agreement means against the stored history, in one sentence."""

from __future__ import annotations

import pytest

from interview_kit.domain.reliability import agreement_against_history


@pytest.mark.parametrize(
    ("panel", "history", "expected"),
    [
        (0.62, 0.44, "this panel agrees more than usual (0.62)"),
        (0.30, 0.44, "this panel agrees less than usual"),
        (0.50, 0.44, "this panel agrees about as usual (0.50)"),
        (None, 0.44, "two or more)"),
    ],
)
def test_the_verdict_follows_the_difference(panel, history, expected) -> None:
    found = agreement_against_history(panel, history, 1200)
    assert expected in found
    assert "alpha 0.44 (1,200 candidate-criteria" in found
    assert "below the .667" in found


def test_the_history_is_rated_against_krippendorffs_guidelines() -> None:
    assert "tentative conclusions only" in agreement_against_history(0.7, 0.72, 50)
    assert "tentative" not in agreement_against_history(0.9, 0.85, 50)


def test_no_history_no_sentence() -> None:
    assert agreement_against_history(0.5, None, 0) == ""
    assert agreement_against_history(0.5, 0.5, 1) == ""
