"""Packets from a real database: the committee sees the effective scorecards, the pinned
rubric version, the engine's result and the decision, and never a private note."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from packet_helpers import pdf_text, reader

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.reports.packet_data import PacketData
from interview_kit.services import (
    assignments,
    candidates,
    decisions,
    interviewers,
    rubrics,
    scorecards,
)
from interview_kit.services import packets as packet_service
from interview_kit.services.database import Database, open_database
from interview_kit.services.errors import NotFoundError

PRIVATE = "PRIVATE-MARKER-7f3a"
OTHER = "OTHER-CANDIDATE-MARKER-91c2"
TODAY = date(2026, 11, 20)


@dataclasses.dataclass(frozen=True)
class World:
    db: Database
    rubric: Rubric
    zoe: str
    other: str
    empty: str
    card_uuids: tuple[str, ...]


def _changes(
    rubric: Rubric, stage_id: str, rating: int, vote: Vote, marker: str
) -> ScorecardChanges:
    stage = rubric.stage(stage_id)
    return ScorecardChanges(
        ratings={
            c.id: CriterionRating(c.id, rating, f"{c.title}: evidence & <b>detail</b>")
            for c in stage.criteria
        },
        signals={rubric.signals[0].id: "talked revenue when choosing the queue"},
        red_flags={
            next(f.id for f in rubric.red_flags if f.severity == "concern"): "pushed back hard"
        },
        exercise_notes={stage.exercises[0].id: "notes as typed in the exercise"},
        level_evidence=rubric.levels[1].id,
        vote=vote,
        summary=f"Summary for {stage.title}.",
        private_notes=f"{marker} in the private notes",
    )


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    db = open_database(tmp_path / "panel.sqlite3", actor="Riley Recruiter")
    rubrics.ensure_default_rubric(db)
    rubric = rubrics.active_rubric(db).rubric
    zoe = candidates.add_candidate(
        db,
        name="Zoë Ørsted",
        email="zoe@example.org",
        source="founder",
        origin_path="pm",
        role_title="Builder",
        notes=f"{PRIVATE} in the candidate notes",
    ).uuid
    other = candidates.add_candidate(db, name="Олег Петров", email="oleg@example.org").uuid
    empty = candidates.add_candidate(db, name="Nobody Yet").uuid
    people = [
        interviewers.add_interviewer(db, name=name, email=f"{index}@example.org").uuid
        for index, name in enumerate(["Łukasz Nowak", "Ελένη Παπαδοπούλου", "Юлия Смирнова"])
    ]
    uuids = []
    for index, stage in enumerate(rubric.stages):
        for person, rating in ((people[index], 3), (people[(index + 1) % 3], 4)):
            card = scorecards.start_scorecard(db, zoe, stage.id, person)
            scorecards.save_draft(
                db, card.uuid, _changes(rubric, stage.id, rating, Vote.YES, PRIVATE)
            )
            scorecards.submit_scorecard(db, card.uuid)
            uuids.append(card.uuid)
        card = scorecards.start_scorecard(db, other, stage.id, people[index])
        scorecards.save_draft(db, card.uuid, _changes(rubric, stage.id, 2, Vote.NO, OTHER))
        scorecards.submit_scorecard(db, card.uuid)
    # A draft never shows; an assignment without a submitted card is listed as pending.
    assignments.assign(db, zoe, rubric.stages[0].id, people[2])
    draft = scorecards.start_scorecard(db, zoe, rubric.stages[0].id, people[2])
    scorecards.save_draft(
        db, draft.uuid, _changes(rubric, rubric.stages[0].id, 1, Vote.STRONG_NO, PRIVATE)
    )
    first_criterion = rubric.stages[0].criteria[0]
    scorecards.amend_scorecard(
        db,
        uuids[0],
        ScorecardChanges(
            ratings={
                first_criterion.id: CriterionRating(first_criterion.id, 4, "re-read my notes")
            },
            private_notes=f"{PRIVATE} changed in an amendment",
        ),
        reason="Typed the rating on the wrong row",
        amended_by="Łukasz Nowak",
    )
    yield World(db, rubric, zoe, other, empty, tuple(uuids))
    db.close()


def _pdf(world: World, uuid: str, **kwargs: object) -> tuple[PacketData, bytes]:
    stream = io.BytesIO()
    data = packet_service.write_packet(
        world.db, uuid, stream, invariant=True, today=TODAY, **kwargs
    )  # type: ignore[arg-type]
    return data, stream.getvalue()


def test_packet_shows_the_engine_result_and_the_panel(world: World) -> None:
    data, pdf = _pdf(world, world.zoe)
    text = pdf_text(pdf)
    assert data.decision in ("Hire", "Strong hire")
    assert data.level_id is not None
    assert f"{data.decision} · {data.level_id} {data.level_title}" in text
    for name in ("Zoë Ørsted", "Łukasz Nowak", "Ελένη Παπαδοπούλου", "Юлия Смирнова"):
        assert name in text
    assert "Source: Founder / indie hacker · Path: PM path" in text
    assert "Rubric builder v1" in text
    assert data.rubric_hash == rubrics.active_rubric(world.db).info.content_hash
    assert "evidence & <b>detail</b>" in text
    assert "notes as typed in the exercise" in text
    assert "Summary for Initial screen." in text
    assert "talked revenue when choosing the queue" in text
    assert data.trace
    assert data.trace[0] in text
    assert len(data.stages) == len(world.rubric.stages)
    assert all(len(section.interviewers) == 2 for section in data.stages)
    assert data.radar is not None
    assert data.radar.axis == "dimension"
    assert len(data.radar.labels) >= 3
    assert data.band is not None
    assert data.band.suggested_base is not None
    assert "Suggested base" in text


def test_amendment_is_applied_and_listed_with_its_reason(world: World) -> None:
    data, pdf = _pdf(world, world.zoe)
    text = pdf_text(pdf)
    assert len(data.amendments) == 1
    amendment = data.amendments[0]
    assert amendment.reason == "Typed the rating on the wrong row"
    assert amendment.interviewer == "Łukasz Nowak"
    criterion = world.rubric.stages[0].criteria[0]
    assert amendment.change.startswith(f"{criterion.title}: Strong yes (4)")
    assert "Typed the rating on the wrong row" in text
    first_stage = data.stages[0]
    assert first_stage.criteria[0].ratings[first_stage.interviewers.index("Łukasz Nowak")] == 4


def test_pending_interviewer_and_drafts(world: World) -> None:
    data, _ = _pdf(world, world.zoe)
    pending = [m for m in data.panel if m.submitted_at is None]
    assert [(m.name, m.stage, m.vote) for m in pending] == [("Юлия Смирнова", "Stage 1", "(draft)")]
    assert "Strong no" not in [v.vote for s in data.stages for v in s.verdicts]


def test_private_notes_and_other_candidates_never_appear(world: World) -> None:
    _, pdf = _pdf(world, world.zoe)
    text = pdf_text(pdf)
    assert PRIVATE not in text
    assert OTHER not in text
    assert "Олег Петров" not in text
    assert PRIVATE.encode() not in pdf
    assert b"private" not in pdf.lower()


def test_recorded_decision_is_printed(world: World) -> None:
    level = world.rubric.levels[1]
    decisions.record_decision(
        world.db,
        world.zoe,
        decision="hire",
        level=level.id,
        base=level.band.base_mid,
        justification="Strong across every stage.",
        decided_by="Committee of three",
    )
    data, pdf = _pdf(world, world.zoe)
    text = pdf_text(pdf)
    assert data.committee is not None
    assert f"Decided: Hire · {level.id} {level.title}" in text
    assert f"{level.band.currency} {level.band.base_mid:,.0f} base" in text
    assert "Strong across every stage." in text
    assert "To be completed by the hiring committee" not in text


def test_candidate_without_scorecards_gets_a_packet(world: World) -> None:
    data, pdf = _pdf(world, world.empty)
    text = pdf_text(pdf)
    assert data.decision == "Not enough evidence"
    assert data.hire is None
    assert "Nobody Yet" in text
    assert "No submitted scorecards for this stage." in text


def test_anonymised_packet_from_the_database(world: World) -> None:
    data, pdf = _pdf(world, world.zoe, anonymise=True)
    text = pdf_text(pdf)
    info = reader(pdf).metadata
    assert info is not None
    for secret in (
        "Zoë",
        "Ørsted",
        "zoe@example.org",
        "Łukasz",
        "Nowak",
        "Ελένη",
        "Юлия",
        "Founder",
    ):
        assert secret not in text
        assert secret not in str(info.title)
    assert data.candidate_name.startswith("Candidate ")
    assert data.candidate_name in text
    again = packet_service.packet_data(world.db, world.zoe, anonymise=True, today=TODAY)
    assert again.candidate_name == data.candidate_name


def test_all_candidates_in_a_batch_with_progress(world: World, tmp_path: Path) -> None:
    seen: list[int] = []
    result = packet_service.write_packets(
        world.db,
        tmp_path / "packets",
        progress=lambda done, total, path: seen.append(done),
        invariant=True,
        today=TODAY,
    )
    assert len(result.written) == 3
    assert seen == [1, 2, 3]
    names = sorted(p.name for p in result.written)
    assert names == sorted(
        ["packet-Zoë-Ørsted.pdf", "packet-Олег-Петров.pdf", "packet-Nobody-Yet.pdf"]
    )
    oleg = pdf_text((tmp_path / "packets" / "packet-Олег-Петров.pdf").read_bytes())
    assert OTHER not in oleg
    assert "Zoë" not in oleg


def test_unknown_candidate(world: World) -> None:
    with pytest.raises(NotFoundError):
        packet_service.packet_data(world.db, "00000000-0000-4000-8000-000000000000")


def test_scoring_sheet_from_the_active_rubric(world: World, tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    rubric = packet_service.write_scoring_sheet(world.db, "2", target)
    assert rubric.stages[1].title in pdf_text(target.read_bytes())
    with pytest.raises(NotFoundError, match="no stage 'nine'"):
        packet_service.write_scoring_sheet(world.db, "nine", tmp_path / "x.pdf")
