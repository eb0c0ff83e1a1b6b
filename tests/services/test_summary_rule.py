"""The summary rule, written once (``summaries.summarize``): which rubric version scores a
candidate, which decision is in force, and ties between equal times broken by the later
row everywhere (the per-candidate refresh, the recompute, imports and the demo)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from interview_kit.domain.rubric import Rubric, load_rubric
from interview_kit.domain.scorecard import Scorecard
from interview_kit.services import summaries
from interview_kit.services.summaries import Decided, Summary

_AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _card(name: str, rubric_hash: str, submitted_at: datetime | None) -> Scorecard:
    return Scorecard(
        uuid=name,
        candidate_uuid="candidate",
        stage_id="stage",
        interviewer_uuid=name,
        interviewer_name=name,
        rubric_hash=rubric_hash,
        submitted_at=submitted_at,
    )


@pytest.mark.parametrize(
    ("times", "latest"),
    [
        ((0, 1, 2), 2),
        ((2, 1, 0), 0),
        ((1, 1, 0), 1),  # a tie: the later row
        ((1, 1, 1), 2),
        ((0, 3, 3), 2),
    ],
)
def test_the_latest_submitted_is_the_newest_then_the_later_row(
    times: tuple[int, ...], latest: int
) -> None:
    cards = [_card(f"c{i}", f"hash{i}", _AT + timedelta(minutes=m)) for i, m in enumerate(times)]
    assert summaries.latest_submitted(cards) is cards[latest]


def test_the_newest_decision_is_in_force_ties_to_the_later_row() -> None:
    older = Decided(_AT, 9, "no_hire", None)
    tie_first = Decided(_AT + timedelta(days=1), 3, "no_hire", None)
    tie_last = Decided(_AT + timedelta(days=1), 4, "hire", "L5")
    assert summaries.newest_decision([]) is None
    assert summaries.newest_decision([older]) == older
    assert summaries.newest_decision([tie_last, older, tie_first]) == tie_last
    assert summaries.newest_decision([tie_first, tie_last, older]) == tie_last


def test_a_candidate_without_scorecards_has_only_the_count_and_the_decision() -> None:
    def never(_hash: str) -> Rubric:
        raise AssertionError("no rubric is needed without scorecards")

    decided = [Decided(_AT, 1, "hire", "L4")]
    assert summaries.summarize([], decided, pinned_hash="p", rubric_by_hash=never) == Summary(
        0, None, None, None, None, "hire", "L4"
    )


@pytest.mark.parametrize(("pinned", "scored_by"), [("pinned", "pinned"), (None, "late")])
def test_the_pinned_version_else_the_latest_submitted_ones(
    builder_rubric_path: Path, pinned: str | None, scored_by: str
) -> None:
    builder_rubric = load_rubric(builder_rubric_path)
    asked: list[str] = []

    def rubric_by_hash(content_hash: str) -> Rubric:
        asked.append(content_hash)
        return builder_rubric

    cards = [_card("a", "late", _AT + timedelta(hours=1)), _card("b", "early", _AT)]
    summary = summaries.summarize(cards, [], pinned_hash=pinned, rubric_by_hash=rubric_by_hash)
    assert asked == [scored_by]
    assert summary.submitted_count == 2
    assert summary.committee_decision is None


def test_the_summary_holds_the_full_recommendations_verdict_for_every_demo_candidate() -> None:
    """The summary runs the engine's verdict alone (no trace, no band, no agreement); over
    a demo panel in every state it stores what the full recommendation says."""
    from interview_kit import paths
    from interview_kit.domain.engine import recommend
    from interview_kit.services import demo

    rubric = load_rubric(paths.default_rubric_path())
    plan = demo.build_plan(rubric, seed=11, candidates=400)
    cards = demo.effective_scorecards(plan)
    stored = demo.compute_summaries(plan, cards)
    decisions = set()
    for candidate in plan.candidates:
        summary = stored[candidate.uuid]
        sheets = cards.get(candidate.uuid, [])
        assert summary.submitted_count == len(sheets)
        if not sheets:
            assert summary.score is None
            continue
        full = recommend(rubric, sheets)
        assert (summary.recommendation, summary.level, summary.score, summary.coverage) == (
            full.decision.value,
            full.level,
            full.candidate_score,
            full.coverage,
        )
        decisions.add(summary.recommendation)
    assert len(decisions) >= 4  # the panel reaches most outcomes, not one
