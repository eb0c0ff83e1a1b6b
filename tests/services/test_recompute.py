"""Recomputing every summary: the bulk loader reads exactly the scorecards the per
candidate path reads, and ``refresh_all`` writes exactly what ``refresh`` would, in one
process or shared with another."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from svc_support import Panel, complete_changes

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import CriterionRating, Scorecard, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import (
    candidates,
    decisions,
    scorecard_reads,
    scorecards,
    summaries,
    workers,
)
from interview_kit.services.database import Database, open_database
from interview_kit.services.interviewers import InterviewerRecord
from interview_kit.storage.models import CandidateRow, CandidateSummaryRow


@dataclass(frozen=True)
class _People:
    """The candidates of :func:`_varied_panel`, by what makes each one different."""

    full: str
    amended: str
    with_draft: str
    without_scorecards: str
    unpinned: str


def _new_candidate(db: Database, name: str) -> str:
    return candidates.add_candidate(
        db, name=name, email="", source="founder", origin_path="pm", role_title="Builder"
    ).uuid


def _submit(
    db: Database,
    rubric: Rubric,
    candidate: str,
    stage: str,
    who: InterviewerRecord,
    changes: ScorecardChanges,
) -> str:
    card = scorecards.start_scorecard(db, candidate, stage, who.uuid)
    scorecards.save_draft(db, card.uuid, changes)
    scorecards.submit_scorecard(db, card.uuid)
    return card.uuid


def _varied(
    rubric: Rubric, stage: str, rating: int, *, not_applicable: int = 0
) -> ScorecardChanges:
    """A complete scorecard with the first ``not_applicable`` criteria N/A, a signal and a
    red flag ticked, notes on an exercise."""
    criteria = rubric.stage(stage).criteria
    base = complete_changes(rubric, stage, rating, Vote.YES if rating >= 3 else Vote.NO)
    return ScorecardChanges(
        ratings={
            c.id: CriterionRating(c.id, None if index < not_applicable else rating, f"saw {c.id}")
            for index, c in enumerate(criteria)
        },
        signals={rubric.signals[-1].id: "shipped it alone", rubric.signals[0].id: "priced it"},
        red_flags={rubric.red_flags[0].id: "dodged a question"} if rating <= 2 else {},
        exercise_notes=base.exercise_notes,
        level_evidence=base.level_evidence,
        vote=base.vote,
        summary=f"rated {rating}",
        private_notes="kept to myself",
    )


def _varied_panel(panel: Panel) -> _People:
    """Five candidates covering what the loaders must agree on: N/A, signals and flags,
    exercise notes, amendments that re-rate, remove and re-add ratings and untick items,
    drafts, a candidate without scorecards and one with no pinned rubric version."""
    db, rubric = panel.db, panel.rubric
    people = _People(
        full=panel.candidate.uuid,
        amended=_new_candidate(db, "Amy Amended"),
        with_draft=_new_candidate(db, "Dee Draft"),
        without_scorecards=_new_candidate(db, "Nell None"),
        unpinned=_new_candidate(db, "Pat Unpinned"),
    )
    panelists = (panel.ada, panel.bo, panel.cy)
    for number, stage in enumerate(rubric.stages):
        for offset, who in enumerate(panelists):
            rating = 1 + (number + offset) % 4
            _submit(db, rubric, people.full, stage.id, who, _varied(rubric, stage.id, rating))
            _submit(
                db,
                rubric,
                people.amended,
                stage.id,
                who,
                _varied(rubric, stage.id, 3, not_applicable=offset),
            )
    first = rubric.stages[0]
    criteria = [c.id for c in first.criteria]
    amended = scorecard_reads.find_scorecard(db, people.amended, first.id, panel.ada.uuid)
    assert amended is not None
    scorecards.amend_scorecard(
        db,
        amended.uuid,
        ScorecardChanges(
            ratings={criteria[0]: None, criteria[1]: CriterionRating(criteria[1], None, "n/a")},
            signals={rubric.signals[0].id: None},
            red_flags={rubric.red_flags[-1].id: "late twice"},
            level_evidence="below",
            vote=Vote.STRONG_NO,
        ),
        reason="wrong notes",
    )
    scorecards.amend_scorecard(
        db,
        amended.uuid,
        ScorecardChanges(
            ratings={criteria[0]: CriterionRating(criteria[0], 4, "found the recording")},
            exercise_notes={first.exercises[0].id: "rewritten"},
            summary="second look",
        ),
        reason="recording found",
    )
    _submit(db, rubric, people.with_draft, first.id, panel.bo, _varied(rubric, first.id, 2))
    draft = scorecards.start_scorecard(db, people.with_draft, first.id, panel.cy.uuid)
    scorecards.save_draft(db, draft.uuid, complete_changes(rubric, first.id, 4))
    for who in panelists:
        _submit(db, rubric, people.unpinned, first.id, who, _varied(rubric, first.id, 3))
    with db.write() as session:
        session.execute(
            update(CandidateRow)
            .where(CandidateRow.uuid == people.unpinned)
            .values(rubric_version_id=None)
        )
    decisions.record_decision(db, people.full, decision="no_hire", justification="bar not met")
    decisions.record_decision(db, people.full, decision="hire", level=rubric.levels[0].id)
    return people


def _bulk(db: Database, batch_size: int) -> dict[str, list[Scorecard]]:
    found: dict[str, list[Scorecard]] = {}
    with db.read() as session:
        connection = session.connection()
        lookups = scorecard_reads.ScorecardLookups(connection)
        for low, high in scorecard_reads.candidate_spans(connection, batch_size):
            for cards in scorecard_reads.load_effective_range(
                connection, low, high, lookups
            ).values():
                found[cards[0].candidate_uuid] = cards
    return found


def _one_by_one(db: Database) -> dict[str, list[Scorecard]]:
    found = {}
    for uuid in candidates.candidate_uuids(db):
        cards = scorecard_reads.effective_scorecards(db, uuid)
        if cards:
            found[uuid] = cards
    return found


@pytest.mark.parametrize("batch_size", [1, 2, 1000])
def test_the_bulk_loader_reads_what_the_candidate_path_reads(panel: Panel, batch_size: int) -> None:
    people = _varied_panel(panel)
    expected = _one_by_one(panel.db)
    assert _bulk(panel.db, batch_size) == expected
    assert (
        dict(scorecard_reads.iter_effective_scorecards(panel.db, batch_size=batch_size)) == expected
    )
    # The scenario holds what it should: the loaders agree on something that matters.
    assert people.without_scorecards not in expected
    assert len(expected[people.with_draft]) == 1
    amended = [card for card in expected[people.amended] if card.amended]
    assert len(amended) == 1
    first = panel.rubric.stages[0].criteria
    assert amended[0].ratings[-1] == CriterionRating(first[0].id, 4, "found the recording")
    assert amended[0].rating_for(first[1].id) is None
    assert amended[0].vote is Vote.STRONG_NO
    assert any(r.rating is None for card in expected[people.amended] for r in card.ratings)


def _summaries(db: Database) -> dict[int, tuple[object, ...]]:
    with db.read() as session:
        return {
            row.candidate_id: (
                row.score,
                row.recommendation,
                row.level,
                row.coverage,
                row.submitted_count,
                row.committee_decision,
                row.committee_level,
            )
            for row in session.scalars(select(CandidateSummaryRow))
        }


def _refresh_one_by_one(db: Database) -> dict[int, tuple[object, ...]]:
    with db.write() as session:
        ids = list(session.scalars(select(CandidateRow.id)))
        for candidate_id in ids:
            summaries.refresh(db, session, candidate_id)
    return _summaries(db)


def _forget_summaries(db: Database) -> None:
    with db.write() as session:
        session.execute(CandidateSummaryRow.__table__.delete())


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize("batch_size", [1, 3, 1000])
def test_refresh_all_writes_what_refresh_writes(
    panel: Panel, workers: int, batch_size: int
) -> None:
    people = _varied_panel(panel)
    expected = _refresh_one_by_one(panel.db)
    _forget_summaries(panel.db)
    assert summaries.refresh_all(panel.db, batch_size=batch_size, workers=workers) == 5
    assert _summaries(panel.db) == expected
    by_uuid = {
        uuid: expected[candidate_id] for uuid, candidate_id in _candidate_ids(panel.db).items()
    }
    assert by_uuid[people.without_scorecards][:5] == (None, None, None, None, 0)
    assert by_uuid[people.unpinned][1] is not None  # scored against the scorecards' rubric
    assert by_uuid[people.full][5:] == ("hire", panel.rubric.levels[0].id)
    assert by_uuid[people.with_draft][4] == 1


def _candidate_ids(db: Database) -> dict[str, int]:
    with db.read() as session:
        return {
            uuid: id_ for id_, uuid in session.execute(select(CandidateRow.id, CandidateRow.uuid))
        }


def test_refresh_all_replaces_stale_summaries(panel: Panel) -> None:
    _varied_panel(panel)
    expected = _refresh_one_by_one(panel.db)
    with panel.db.write() as session:
        session.execute(
            update(CandidateSummaryRow).values(score=1.0, recommendation="strong_hire", level="L7")
        )
    summaries.refresh_all(panel.db, workers=2)
    assert _summaries(panel.db) == expected


def test_refresh_all_on_an_empty_database(db: Database) -> None:
    assert summaries.refresh_all(db) == 0
    assert _summaries(db) == {}


def test_bad_batch_size_is_refused(db: Database) -> None:
    with pytest.raises(ValueError, match="at least one candidate"):
        summaries.refresh_all(db, batch_size=0)


@pytest.mark.parametrize("free", [1, 2, 8])
def test_workers_are_used_only_where_they_pay_off(
    db: Database, monkeypatch: pytest.MonkeyPatch, free: int
) -> None:
    monkeypatch.setattr(workers, "free_cores", lambda: free)
    assert summaries.parallel_workers(db, 10) == 1
    shared = min(summaries.MAX_WORKERS, free)
    expected = shared if summaries.can_share(db) else 1
    assert summaries.parallel_workers(db, 1_000_000) == expected
    # One more process per PARALLEL_FROM / 2 candidates, never more than pay off.
    assert summaries.parallel_workers(db, summaries.PARALLEL_FROM) == min(expected, 2)
    with open_database("sqlite://") as in_memory:
        assert not summaries.can_share(in_memory)
        assert summaries.parallel_workers(in_memory, 1_000_000) == 1


@pytest.mark.parametrize(("load", "free"), [(0.0, None), (0.6, -1), (64.0, 1)])
def test_free_cores_leave_out_the_busy_ones(
    monkeypatch: pytest.MonkeyPatch, load: float, free: int | None
) -> None:
    cores = workers.available_cores()
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    expected = cores if free is None else max(1, cores + free) if free < 0 else free
    assert workers.free_cores() == expected


def test_no_helpers_are_forked_beside_other_threads(db: Database) -> None:
    """Forking a process that runs other threads can leave the child stuck on a lock."""
    started, release = threading.Event(), threading.Event()

    def wait() -> None:
        started.set()
        release.wait(10)

    other = threading.Thread(target=wait)
    other.start()
    try:
        started.wait(10)
        assert not summaries.can_share(db)
        assert summaries.parallel_workers(db, 1_000_000) == 1
    finally:
        release.set()
        other.join()


_ratings = st.one_of(st.none(), st.integers(1, 4))


@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_amended_scorecards_load_alike_whatever_the_amendments(
    panel: Panel, data: st.DataObject
) -> None:
    """Property: any sequence of amendments reads back the same through both loaders."""
    rubric, stage = panel.rubric, panel.rubric.stages[1]
    criteria = [c.id for c in stage.criteria]
    flags = [f.id for f in rubric.red_flags]
    who = data.draw(st.sampled_from([panel.ada, panel.bo, panel.cy]))
    existing = scorecard_reads.find_scorecard(panel.db, panel.candidate.uuid, stage.id, who.uuid)
    if existing is None:
        uuid = _submit(
            panel.db, rubric, panel.candidate.uuid, stage.id, who, _varied(rubric, stage.id, 3)
        )
    else:
        uuid = existing.uuid
    for _ in range(data.draw(st.integers(1, 3))):
        ratings = data.draw(
            st.dictionaries(st.sampled_from(criteria), st.just("off") | _ratings, max_size=3)
        )
        changes = ScorecardChanges(
            ratings={
                key: None if value == "off" else CriterionRating(key, value, "checked")
                for key, value in ratings.items()
            },
            red_flags=data.draw(
                st.dictionaries(st.sampled_from(flags), st.none() | st.just("seen"), max_size=2)
            ),
            vote=data.draw(st.sampled_from(list(Vote))),
        )
        scorecards.amend_scorecard(panel.db, uuid, changes, reason="property")
    assert _bulk(panel.db, 1000) == _one_by_one(panel.db)


_HELPER_DIES = """
import os, signal, sys
from functools import partial
from interview_kit.services import scorecard_reads, summaries, workers
from interview_kit.services.database import open_database

assert workers.can_fork(), "a fresh process may fork"
with open_database(sys.argv[1]) as db:
    with db.read() as session:
        connection = session.connection()
        spans = scorecard_reads.candidate_spans(connection, 2)
        rubrics = summaries._Rubrics(summaries._referenced_rubrics(db, session))
        lookups = scorecard_reads.ScorecardLookups(connection)
        expected = {
            span: summaries._summaries_of(connection, rubrics, lookups, span) for span in spans
        }
    serve = partial(summaries._serve_ranges, db.url, rubrics)
    with workers.Workers(serve, 2) as helpers:
        victim = helpers._processes[0]
        os.kill(victim.pid, signal.SIGKILL)
        victim.join()
        with db.write() as session:
            connection = session.connection()
            here = partial(
                summaries._summaries_of,
                connection,
                rubrics,
                scorecard_reads.ScorecardLookups(connection),
            )
            first = dict(summaries._round(helpers, spans, here))
            assert helpers.live() == [1], helpers.live()  # the dead one is dropped
            second = dict(summaries._round(helpers, spans, here))
    assert first == second == expected, (len(spans), first == second, first == expected)
"""


def test_a_helper_that_dies_leaves_its_ranges_to_this_process(panel: Panel) -> None:
    """A helper killed outright (the worst failure): the round still completes, with the
    same summaries, computed here. Run from a fresh process: one running the test
    runner's threads may not fork."""
    _varied_panel(panel)
    result = subprocess.run(
        [sys.executable, "-c", _HELPER_DIES, panel.db.url.render_as_string(hide_password=False)],
        capture_output=True, text=True, timeout=120, check=False,
        env=dict(os.environ, PYTHONPATH=str(Path(__file__).resolve().parents[2])),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def test_refresh_many_writes_what_refresh_writes(panel: Panel) -> None:
    """Many candidates in one call (an import) and one at a time (a submission): the
    same rule, the same rows, and a session that held a summary reads the new one."""
    _varied_panel(panel)
    expected = _refresh_one_by_one(panel.db)
    _forget_summaries(panel.db)
    with panel.db.write() as session:
        ids = list(session.scalars(select(CandidateRow.id)))
        summaries.refresh_many(panel.db, session, [*ids, ids[0]])
    assert _summaries(panel.db) == expected
    with panel.db.write() as session:
        held = session.get(CandidateSummaryRow, ids[0])
        assert held is not None
        held.score = 0.5  # flushed first, then replaced by the recomputed row
        summaries.refresh_many(panel.db, session, ids[:1])
        assert held.score == expected[ids[0]][0]
    assert _summaries(panel.db) == expected
