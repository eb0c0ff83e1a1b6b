"""The evidence tallies stay in step with the scorecards: a submission, an amendment and
a recompute each leave them as a fresh fill from the stored scorecards would, and a
database from before them is filled on first use."""

from __future__ import annotations

from sqlalchemy import text
from svc_support import Panel, complete_changes

from interview_kit.domain.scorecard import CriterionRating
from interview_kit.services import pipeline, scorecards, summaries
from interview_kit.services.evidence import reliability
from interview_kit.services.evidence.tallies import refill

TABLES = ("evidence_cases", "evidence_cards")


def _rows(panel: Panel) -> dict[str, list[tuple[object, ...]]]:
    with panel.db.engine.connect() as connection:
        return {
            table: sorted(tuple(row) for row in connection.execute(text(f"SELECT * FROM {table}")))
            for table in TABLES
        }


def _fresh(panel: Panel) -> dict[str, list[tuple[object, ...]]]:
    """What a fill from scratch gives (in a transaction rolled back afterwards)."""
    with panel.db.write() as session:
        refill(panel.db, session)
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
    rows = _rows(panel)
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
    assert rows == _fresh(panel)

    first = criteria[0].id
    scorecards.amend_scorecard(
        panel.db,
        bo_card,
        scorecards.ScorecardChanges(ratings={first: CriterionRating(first, 3, "re-read")}),
        reason="notes re-read",
    )
    rows = _rows(panel)
    amended = next(case for case in rows["evidence_cases"] if case[2] == first)
    assert amended[3:] == (0, 0, 1, 1)
    assert rows == _fresh(panel)


def test_the_recompute_and_first_use_rebuild_lost_tallies(panel: Panel) -> None:
    pipeline.advance_candidate(panel.db, panel.candidate.uuid)
    _submit(panel, panel.ada, 3)
    _submit(panel, panel.bo, 1)
    kept = _rows(panel)
    assert kept["evidence_cards"]

    with panel.db.engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    summaries.refresh_all(panel.db, workers=1)
    assert _rows(panel) == kept

    with panel.db.engine.begin() as connection:
        for table in TABLES:
            connection.execute(text(f"DELETE FROM {table}"))
    report = reliability(panel.db)  # a database from before the tallies: filled once
    assert _rows(panel) == kept
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
