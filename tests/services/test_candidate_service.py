"""Candidates: round trip, stale edits, listing in SQL, resolving, erasure."""

from __future__ import annotations

import dataclasses

import pytest
from svc_support import Panel, complete_changes, dump

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import audit, candidates, decisions, scorecard_reads, scorecards
from interview_kit.services.candidates import CandidateQuery, CandidateSort
from interview_kit.services.database import Database
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    StaleEditError,
)


def test_a_candidate_round_trips(db: Database, rubric: Rubric) -> None:
    added = candidates.add_candidate(
        db,
        name="  Jordan Müller  ",
        email="jordan@example.org",
        source=CandidateSource.TECHNICAL_PM,
        origin_path=OriginPath.PM,
        role_title="Product Engineer",
        stage_id=rubric.stages[0].id,
        status=PipelineStatus.SCREENING,
        notes="Referred by Sam.\nLikes <b>bold</b> 🚀",
    )
    loaded = candidates.get_candidate(db, added.uuid)
    assert loaded == added
    assert loaded.name == "Jordan Müller"
    assert loaded.source is CandidateSource.TECHNICAL_PM
    assert loaded.origin_path is OriginPath.PM
    assert loaded.status is PipelineStatus.SCREENING
    assert loaded.notes == "Referred by Sam.\nLikes <b>bold</b> 🚀"
    assert loaded.rubric_id == rubric.id
    assert loaded.rubric_version == 1
    assert loaded.version == 1
    assert loaded.created_at.tzinfo is not None


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": "   "}, "name is required"),
        ({"name": "x" * 201}, "name is too long"),
        ({"name": "Pat", "email": "not an address"}, "does not look like an address"),
        ({"name": "Pat", "source": "astrologer"}, "source 'astrologer' is not one of"),
        ({"name": "Pat", "origin_path": "wizard"}, "origin path 'wizard'"),
        ({"name": "Pat", "status": "maybe"}, "status 'maybe'"),
        ({"name": "Pat", "uuid": "nope"}, "is not a uuid"),
        ({"name": "Pat", "rubric_id": "unknown_rubric"}, "no rubric 'unknown_rubric'"),
    ],
)
def test_bad_candidate_input_is_refused(
    db: Database, rubric: Rubric, fields: dict[str, str], message: str
) -> None:
    with pytest.raises((InvalidInputError, NotFoundError), match=message):
        candidates.add_candidate(db, **fields)  # type: ignore[arg-type]
    assert candidates.list_candidates(db).total == 0


def test_duplicate_uuid_is_a_conflict(panel: Panel) -> None:
    with pytest.raises(ConflictError):
        candidates.add_candidate(panel.db, name="Again", uuid=panel.candidate.uuid)


def test_an_edit_is_saved_and_a_stale_edit_is_refused(panel: Panel) -> None:
    opened_by_me = candidates.get_candidate(panel.db, panel.candidate.uuid)
    opened_by_you = candidates.get_candidate(panel.db, panel.candidate.uuid)

    mine = candidates.update_candidate(
        panel.db, dataclasses.replace(opened_by_me, name="Zoë A.", email="za@example.org")
    )
    assert mine.version == opened_by_me.version + 1
    assert mine.name == "Zoë A."

    with pytest.raises(StaleEditError, match="changed by someone else"):
        candidates.update_candidate(panel.db, dataclasses.replace(opened_by_you, notes="mine!"))
    assert candidates.get_candidate(panel.db, panel.candidate.uuid) == mine

    with pytest.raises(StaleEditError):
        candidates.set_status(
            panel.db, panel.candidate.uuid, "rejected", expected_version=opened_by_you.version
        )


def test_an_unchanged_save_keeps_the_version(panel: Panel) -> None:
    same = candidates.update_candidate(panel.db, panel.candidate)
    assert same.version == panel.candidate.version


def test_status_changes_are_audited_with_their_reason(panel: Panel) -> None:
    moved = candidates.set_status(
        panel.db,
        panel.candidate.uuid,
        PipelineStatus.DEEP_DIVE,
        stage_id=panel.rubric.stages[1].id,
        reason="strong screen",
    )
    assert moved.status is PipelineStatus.DEEP_DIVE
    assert moved.stage_id == panel.rubric.stages[1].id
    [entry] = audit.audit_entries(panel.db, action="candidate.status")
    assert entry.detail == "new -> deep_dive: strong screen"
    assert entry.subject_uuid == panel.candidate.uuid
    assert entry.actor == "Riley Recruiter"


def _many(db: Database) -> None:
    people = [
        ("Émile Zola", "emile@zola.fr", "screening", "founder"),
        ("Ada Byron", "ada@byron.uk", "new", "senior_engineer"),
        ("Grace Hopper", "grace@navy.mil", "hired", "senior_engineer"),
        ("Alan 100%_Turing", "alan@bletchley.uk", "rejected", "other"),
        ("Bob Example", "bob@emile.example", "screening", "technical_pm"),
    ]
    for name, email, status, source in people:
        candidates.add_candidate(db, name=name, email=email, status=status, source=source)


def _names(page: candidates.CandidatePage) -> list[str]:
    return [row.name for row in page.rows]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            CandidateQuery(),
            ["Ada Byron", "Alan 100%_Turing", "Bob Example", "Émile Zola", "Grace Hopper"],
        ),
        (CandidateQuery(descending=True, limit=2), ["Grace Hopper", "Émile Zola"]),
        (CandidateQuery(offset=3), ["Émile Zola", "Grace Hopper"]),
        (CandidateQuery(text="EMILE"), ["Bob Example", "Émile Zola"]),
        (CandidateQuery(text="émile z"), ["Émile Zola"]),
        (CandidateQuery(text="100%_"), ["Alan 100%_Turing"]),
        (CandidateQuery(text="%"), ["Alan 100%_Turing"]),
        (CandidateQuery(text="_"), ["Alan 100%_Turing"]),
        (CandidateQuery(text="navy.mil"), ["Grace Hopper"]),
        (CandidateQuery(statuses=[PipelineStatus.SCREENING]), ["Bob Example", "Émile Zola"]),
        (CandidateQuery(statuses=["hired", "rejected"]), ["Alan 100%_Turing", "Grace Hopper"]),  # type: ignore[list-item]
        (CandidateQuery(source=CandidateSource.SENIOR_ENGINEER), ["Ada Byron", "Grace Hopper"]),
        (
            CandidateQuery(sort=CandidateSort.STATUS),
            ["Ada Byron", "Bob Example", "Émile Zola", "Grace Hopper", "Alan 100%_Turing"],
        ),
        (CandidateQuery(text="nobody"), []),
    ],
)
def test_listing_filters_sorts_and_pages_in_sql(
    db: Database, query: CandidateQuery, expected: list[str]
) -> None:
    _many(db)
    page = candidates.list_candidates(db, query)
    assert _names(page) == expected
    if query.offset == 0 and query.limit >= 5:
        assert page.total == len(expected)


def test_listing_sorts_by_score_with_unscored_last(panel: Panel) -> None:
    other = candidates.add_candidate(panel.db, name="Aaron Early")
    card = scorecards.start_scorecard(panel.db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(panel.db, card.uuid, complete_changes(panel.rubric, panel.stage, 2))
    scorecards.submit_scorecard(panel.db, card.uuid)
    for descending in (False, True):
        page = candidates.list_candidates(
            panel.db, CandidateQuery(sort=CandidateSort.SCORE, descending=descending)
        )
        assert [row.uuid for row in page.rows] == [panel.candidate.uuid, other.uuid]
    assert page.rows[0].score == pytest.approx(2.0)


def test_negative_paging_is_refused(db: Database) -> None:
    with pytest.raises(InvalidInputError):
        candidates.list_candidates(db, CandidateQuery(offset=-1))


def test_pipeline_counts_include_every_status(db: Database) -> None:
    _many(db)
    counts = candidates.pipeline_counts(db)
    assert counts[PipelineStatus.SCREENING] == 2
    assert counts[PipelineStatus.OFFER] == 0
    assert sum(counts.values()) == 5


def test_resolve_by_uuid_prefix_email_and_name(db: Database) -> None:
    _many(db)
    grace = candidates.resolve_candidate(db, "grace hopper")
    assert candidates.resolve_candidate(db, grace.uuid).uuid == grace.uuid
    assert candidates.resolve_candidate(db, grace.uuid[:8]).uuid == grace.uuid
    assert candidates.resolve_candidate(db, "GRACE@navy.mil").uuid == grace.uuid
    assert candidates.resolve_candidate(db, "hopp").uuid == grace.uuid
    with pytest.raises(ConflictError, match="matches several candidates"):
        candidates.resolve_candidate(db, "emile")
    with pytest.raises(NotFoundError):
        candidates.resolve_candidate(db, "nobody at all")
    with pytest.raises(InvalidInputError):
        candidates.resolve_candidate(db, "  ")


def test_erasure_removes_personal_data_and_scorecards(panel: Panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    card = scorecards.start_scorecard(db, uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(db, card.uuid, complete_changes(panel.rubric, panel.stage))
    scorecards.submit_scorecard(db, card.uuid)
    scorecards.amend_scorecard(
        db, card.uuid, ScorecardChanges(summary="Zoë was great"), reason="typo"
    )
    decisions.record_decision(db, uuid, decision="no_hire")

    candidates.erase_candidate(db, uuid, actor="Privacy Officer")

    with pytest.raises(NotFoundError):
        candidates.get_candidate(db, uuid)
    with pytest.raises(NotFoundError):
        scorecard_reads.get_scorecard(db, card.uuid)
    everything = "\n".join(dump(db))
    for personal in ("Zoë", "zoe@example.org", "Ångström", "Solid builder", "was great"):
        assert personal not in everything
    [erased] = audit.audit_entries(db, action="candidate.erased")
    assert erased.subject_uuid == uuid
    assert erased.actor == "Privacy Officer"
    assert candidates.list_candidates(db).total == 0


def test_erasing_an_unknown_candidate_is_reported(db: Database) -> None:
    with pytest.raises(NotFoundError):
        candidates.erase_candidate(db, "00000000-0000-4000-8000-000000000000")
