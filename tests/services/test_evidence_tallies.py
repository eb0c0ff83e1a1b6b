"""The evidence tallies stay in step with the scorecards: a submission, an amendment, a
recompute and the demo's load each leave them as a fresh fill from the stored scorecards
would, and a database from before them is filled on first use."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text
from svc_support import Panel, complete_changes

from interview_kit.domain.scorecard import CriterionRating
from interview_kit.services import demo, pipeline, scorecards, summaries
from interview_kit.services.database import Database, open_database
from interview_kit.services.evidence import reliability
from interview_kit.services.evidence.tallies import refill

TABLES = ("evidence_cases", "evidence_cards")


def _rows(db: Database) -> dict[str, list[tuple[object, ...]]]:
    with db.engine.connect() as connection:
        return {
            table: sorted(tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}")))
            for table in TABLES
        }


def _fresh(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """What a fill from scratch gives (in a transaction rolled back afterwards)."""
    with db.write() as session:
        refill(db, session)
        connection = session.connection()
        found = {
            table: sorted(tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}")))
            for table in TABLES
        }
        session.rollback()
    return found


def _submit(panel: Panel, person, rating: int) -> str:
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, person.uuid)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage, rating))
    scorecards.submit_scorecard(panel.db, card.uuid)
    return card.uuid


def test_a_submission_and_an_amendment_keep_the_tallies_in_step(panel: Panel) -> None:
    pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    _submit(panel, panel.ada, 4)
    bo_card = _submit(panel, panel.bo, 2)
    criteria = panel.rubric.stage(panel.stage).criteria
    rows = _rows(panel.db)
    cases = rows["evidence_cases"]
    assert len(cases) == len(criteria)
    assert {case[3:] for case in cases} == {(0, 1, 0, 1)}
    cards = rows["evidence_cards"]
    assert len(cards) == 2
    # Each interviewer compared on every criterion: +2 for Ada (4 against 2), -2 for Bo.
    assert sorted((card[8], card[9]) for card in cards) == [
        (len(criteria), -2.0 * len(criteria)),
        (len(criteria), 2.0 * len(criteria)),
    ]
    assert rows == _fresh(panel.db)

    first = criteria[0].id
    scorecards.amend_scorecard(
        panel.db,
        bo_card,
        scorecards.ScorecardChanges(ratings={first: CriterionRating(first, 3, "re-read")}),
        reason="notes re-read",
    )
    rows = _rows(panel.db)
    amended = next(case for case in rows["evidence_cases"] if case[2] == first)
    assert amended[3:] == (0, 0, 1, 1)
    assert rows == _fresh(panel.db)


@pytest.mark.parametrize("workers", [0, 2])
def test_the_demo_stores_the_tallies_a_fresh_fill_gives(tmp_path: Path, workers: int) -> None:
    """The demo tallies the ratings it generates (in its worker processes when it has
    them) instead of reading them back: exactly what the fill gives, amendments and all."""
    with open_database(tmp_path / "demo.sqlite3") as db:
        demo.load_demo(db, candidates=60, seed=4, workers=workers, chunk_size=20)
        with db.engine.connect() as connection:
            amended = connection.execute(text("SELECT COUNT(*) FROM scorecard_amendments"))
            assert amended.scalar_one() > 0
        stored = _rows(db)
        assert len(stored["evidence_cards"]) > 60
        assert stored == _fresh(db)


def test_the_recompute_and_first_use_rebuild_lost_tallies(panel: Panel) -> None:
    pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    _submit(panel, panel.ada, 3)
    _submit(panel, panel.bo, 1)
    kept = _rows(panel.db)
    assert kept["evidence_cards"]

    with panel.db.engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    summaries.refresh_all(panel.db, workers=1)
    assert _rows(panel.db) == kept

    with panel.db.engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    report = reliability(panel.db)  # a database from before the tallies: filled once
    assert _rows(panel.db) == kept
    assert report.stages[0].criteria[0].cases == 1


def test_the_packets_agreement_line_reads_the_panel_against_the_history(panel: Panel) -> None:
    from interview_kit.services import packets
    from interview_kit.services.evidence.reliability import history_agreement

    pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    _submit(panel, panel.ada, 4)
    _submit(panel, panel.bo, 2)
    history = history_agreement(panel.db)
    assert history.cases == len(panel.rubric.stage(panel.stage).criteria)
    data = packets.packet_data(panel.db, panel.candidate.uuid)
    assert "Across the stored history" in data.agreement.note
    assert history.sentence(data.agreement.alpha) in data.agreement.note
