"""Scorecard JSON files: schema, round trip, idempotence, all-or-nothing, located errors."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from svc_support import NewDatabase, Panel, complete_changes, dump

from interview_kit import paths
from interview_kit.domain.scorecard import CriterionRating
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import candidates, rubrics, scorecard_files, scorecard_reads, scorecards
from interview_kit.services.database import Database
from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.services.scorecard_files import (
    ScorecardFileConflictError,
    ScorecardFileError,
    ScorecardFileReferenceError,
)

SCHEMA = json.loads(paths.resource_path("schemas", "scorecard.schema.json").read_text("utf-8"))


@pytest.fixture
def exported(panel: Panel, tmp_path: Path) -> Path:
    """Two submitted scorecards (one amended) and a draft, exported to a file."""
    db, stage = panel.db, panel.stage
    for who, rating in ((panel.ada, 3), (panel.bo, 4)):
        card = scorecards.start_scorecard(db, panel.candidate.uuid, stage, who.uuid)
        scorecards.save_draft(db, card.uuid, complete_changes(panel.rubric, stage, rating))
        scorecards.submit_scorecard(db, card.uuid)
    first = panel.rubric.stage(stage).criteria[0].id
    ada_card = scorecard_reads.find_scorecard(db, panel.candidate.uuid, stage, panel.ada.uuid)
    assert ada_card is not None
    scorecards.amend_scorecard(
        db,
        ada_card.uuid,
        ScorecardChanges(ratings={first: CriterionRating(first, 2, "on reflection")}),
        reason="misread my notes",
    )
    scorecards.start_scorecard(db, panel.candidate.uuid, stage, panel.cy.uuid)
    out = tmp_path / "scorecards.json"
    assert scorecard_files.export_scorecards(db, out) == 2
    return out


@pytest.fixture
def recruiter(panel: Panel, new_database: NewDatabase) -> Database:
    """Another database that knows the candidate and the rubric, not the interviewers."""
    db = new_database("Recruiter")
    rubrics.ensure_default_rubric(db)
    candidates.add_candidate(db, name="Zoë Ångström", uuid=panel.candidate.uuid)
    return db


def _snapshot(db: Database) -> list[str]:
    return dump(db, skip=("audit_log", "candidate_summaries"))


def _write(tmp_path: Path, data: Any, name: str = "edited.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_an_export_matches_the_published_schema_and_keeps_private_notes_in(
    exported: Path,
) -> None:
    data = json.loads(exported.read_text("utf-8"))
    jsonschema.validate(data, SCHEMA)
    assert data["format"] == "interview-kit-scorecards"
    assert data["format_version"] == 1
    assert len(data["scorecards"]) == 2
    assert "never leaves this app" not in exported.read_text("utf-8")
    assert "private_notes" not in exported.read_text("utf-8")


def test_a_file_moves_scorecards_and_amendments_to_another_database(
    panel: Panel, exported: Path, recruiter: Database
) -> None:
    result = scorecard_files.import_scorecards(recruiter, exported)
    assert (result.added, result.unchanged, result.amendments_added) == (2, 0, 1)
    assert result.interviewers_added == 2
    assert result.candidate_uuids == (panel.candidate.uuid,)
    mine = sorted(scorecard_reads.effective_scorecards(panel.db, panel.candidate.uuid), key=str)
    theirs = sorted(scorecard_reads.effective_scorecards(recruiter, panel.candidate.uuid), key=str)
    assert theirs == mine
    [row] = candidates.list_candidates(recruiter).rows
    assert row.submitted_count == 2
    assert row.score is not None


def test_importing_the_same_file_twice_changes_nothing(exported: Path, recruiter: Database) -> None:
    scorecard_files.import_scorecards(recruiter, exported)
    before = _snapshot(recruiter)
    again = scorecard_files.import_scorecards(recruiter, exported)
    assert (again.added, again.unchanged, again.amendments_added) == (0, 2, 0)
    assert not again.changed_anything
    assert _snapshot(recruiter) == before


def test_a_later_export_brings_only_the_new_amendment(
    panel: Panel, exported: Path, recruiter: Database, tmp_path: Path
) -> None:
    scorecard_files.import_scorecards(recruiter, exported)
    bo_card = scorecard_reads.find_scorecard(
        panel.db, panel.candidate.uuid, panel.stage, panel.bo.uuid
    )
    assert bo_card is not None
    scorecards.amend_scorecard(
        panel.db, bo_card.uuid, ScorecardChanges(summary="Even better."), reason="added summary"
    )
    later = tmp_path / "later.json"
    scorecard_files.export_scorecards(panel.db, later)
    result = scorecard_files.import_scorecards(recruiter, later)
    assert (result.added, result.unchanged, result.amendments_added) == (0, 2, 1)
    assert (
        scorecard_reads.get_scorecard(recruiter, bo_card.uuid).scorecard.summary == "Even better."
    )


def test_import_is_all_or_nothing(exported: Path, recruiter: Database, tmp_path: Path) -> None:
    data = json.loads(exported.read_text("utf-8"))
    data["scorecards"][1]["stage_id"] = "karaoke"
    before = _snapshot(recruiter)
    with pytest.raises(ScorecardFileError, match=r"scorecards\[1\]\.stage_id: stage 'karaoke'"):
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, data))
    assert _snapshot(recruiter) == before


def _edit(data: dict[str, Any], path: str, value: Any) -> None:
    """Set (or, with ``...``, delete) the item at a dotted path with [i] indexes."""
    parts: list[str | int] = []
    for piece in path.replace("]", "").split("."):
        name, *indexes = piece.split("[")
        if name:
            parts.append(name)
        parts.extend(int(i) for i in indexes)
    target: Any = data
    for part in parts[:-1]:
        target = target[part]
    if value is ...:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value


MALFORMED = [
    (
        "scorecards[0].ratings[2].rating",
        5,
        r"scorecards\[0\]\.ratings\[2\]\.rating: must be 1-4 or null",
    ),
    ("scorecards[0].ratings[1].rating", "3", r"ratings\[1\]\.rating: must be 1-4 or null"),
    ("scorecards[0].ratings[1].rating", True, r"ratings\[1\]\.rating: must be 1-4 or null"),
    ("scorecards[0].summary", "nul\x00", r"scorecards\[0\]\.summary: contains a NUL character"),
    ("scorecards[1].vote", "maybe", r"scorecards\[1\]\.vote: must be one of"),
    ("scorecards[0].uuid", "not-a-uuid", r"scorecards\[0\]\.uuid: 'not-a-uuid' is not a uuid"),
    ("scorecards[0].submitted_at", "yesterday", r"submitted_at: 'yesterday' is not an ISO 8601"),
    ("scorecards[0].submitted_at", "2026-01-01T10:00:00", r"submitted_at: .* has no time zone"),
    ("scorecards[0].surprise", 1, r"scorecards\[0\]\.surprise: is not a known key"),
    ("scorecards[0].summary", ..., r"scorecards\[0\]\.summary: is required but missing"),
    ("scorecards[0].status", "draft", r"status: must be 'submitted'"),
    ("scorecards[0].signals", {}, r"scorecards\[0\]\.signals: must be a list"),
    (
        "scorecards[0].ratings[0].criterion_id",
        "nope",
        r"ratings\[0\]\.criterion_id: criterion 'nope'",
    ),
    (
        "scorecards[0].red_flags",
        [{"id": "nope", "evidence": "x"}],
        r"red_flags\[0\]\.id: 'nope' is not in",
    ),
    ("scorecards[0].level_evidence", "L42", r"level_evidence: 'L42' is not a level"),
    ("scorecards[0].amendments[0].reason", "", r"amendments\[0\]\.reason: must not be empty"),
    ("scorecards[0].amendments[0].sequence", 2, r"amendments\[0\]\.sequence: must be 1"),
    ("scorecards[0].amendments[0].changes", {}, r"amendments\[0\]\.changes: must change something"),
    (
        "scorecards[0].amendments[0].changes",
        {"level_evidence": "L42"},
        r"amendments\[0\]\.changes: level evidence",
    ),
    ("scorecards[0].rubric.content_hash", "abc", r"content_hash: must be 64 lower-case hex"),
    ("scorecards[0].interviewer.name", "", r"interviewer\.name: must not be empty"),
    ("format", "something-else", r"format: must be 'interview-kit-scorecards'"),
    ("format_version", 2, r"format_version: version 2 is not supported"),
    ("scorecards", {}, r"scorecards: must be a list"),
]


@pytest.mark.parametrize(("where", "value", "message"), MALFORMED)
def test_a_malformed_file_names_its_first_problem_and_writes_nothing(
    exported: Path, recruiter: Database, tmp_path: Path, where: str, value: Any, message: str
) -> None:
    data = json.loads(exported.read_text("utf-8"))
    data["scorecards"].sort(key=lambda card: len(card["amendments"]), reverse=True)
    _edit(data, where, value)
    before = _snapshot(recruiter)
    with pytest.raises(ScorecardFileError, match=message) as caught:
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, data))
    assert str(caught.value).startswith(str(tmp_path / "edited.json"))
    assert isinstance(caught.value, InvalidInputError)
    assert _snapshot(recruiter) == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{not json", r"is not valid JSON: .* \(line 1, column 2\)"),
        (b"\xff\xfe\x00garbage", "is not UTF-8 text"),
        (b'{"format": NaN}', "is not valid JSON: NaN"),
        (b"[]", ": must be an object"),
    ],
)
def test_a_file_that_is_not_a_scorecard_document(
    recruiter: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ScorecardFileError, match=message):
        scorecard_files.import_scorecards(recruiter, path)


def test_a_missing_file(recruiter: Database, tmp_path: Path) -> None:
    with pytest.raises(ScorecardFileReferenceError, match="file not found"):
        scorecard_files.import_scorecards(recruiter, tmp_path / "nope.json")


def test_an_unknown_candidate_is_reported(
    exported: Path, recruiter: Database, tmp_path: Path
) -> None:
    data = json.loads(exported.read_text("utf-8"))
    data["scorecards"][1]["candidate_uuid"] = "33333333-3333-4333-8333-333333333333"
    with pytest.raises(ScorecardFileReferenceError, match="unknown candidate 3333") as caught:
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, data))
    assert isinstance(caught.value, NotFoundError)
    assert caught.value.location == "scorecards[1].candidate_uuid"


def test_an_unknown_rubric_version_is_reported(
    exported: Path, recruiter: Database, tmp_path: Path
) -> None:
    data = json.loads(exported.read_text("utf-8"))
    data["scorecards"][0]["rubric"]["content_hash"] = "ab" * 32
    with pytest.raises(ScorecardFileReferenceError, match=r"unknown rubric version builder v1"):
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, data))


def test_other_content_under_a_stored_uuid_is_a_conflict(
    exported: Path, recruiter: Database, tmp_path: Path
) -> None:
    scorecard_files.import_scorecards(recruiter, exported)
    before = _snapshot(recruiter)
    data = json.loads(exported.read_text("utf-8"))
    forged = copy.deepcopy(data)
    forged["scorecards"][0]["summary"] = "a different story"
    with pytest.raises(
        ScorecardFileConflictError, match="stored here with different content"
    ) as caught:
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, forged))
    assert isinstance(caught.value, ConflictError)
    amended = next(c for c in data["scorecards"] if c["amendments"])
    amended["amendments"][0]["reason"] = "rewritten history"
    with pytest.raises(ScorecardFileConflictError, match="amendment 1 of scorecard"):
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, data, "b.json"))
    assert _snapshot(recruiter) == before


def test_a_repeated_scorecard_in_one_file_is_refused(
    exported: Path, recruiter: Database, tmp_path: Path
) -> None:
    data = json.loads(exported.read_text("utf-8"))
    data["scorecards"].append(copy.deepcopy(data["scorecards"][0]))
    with pytest.raises(ScorecardFileError, match=r"scorecards\[2\]\.uuid: repeats"):
        scorecard_files.import_scorecards(recruiter, _write(tmp_path, data))


def test_export_refuses_to_overwrite(panel: Panel, exported: Path) -> None:
    with pytest.raises(ConflictError, match="already exists"):
        scorecard_files.export_scorecards(panel.db, exported)
    assert scorecard_files.export_scorecards(panel.db, exported, overwrite=True) == 2


def test_export_filters(panel: Panel, exported: Path) -> None:
    only_bo = scorecard_files.scorecards_document(panel.db, interviewer_uuid=panel.bo.uuid)
    assert [c["interviewer"]["name"] for c in only_bo["scorecards"]] == ["Bo Diddley"]
    nobody = scorecard_files.scorecards_document(panel.db, candidate_uuids=[])
    assert nobody["scorecards"] == []
    jsonschema.validate(nobody, SCHEMA)


def test_the_documented_example_is_a_valid_file() -> None:
    import re

    doc = (Path(__file__).resolve().parents[2] / "docs" / "scorecard-format.md").read_text("utf-8")
    match = re.search(r"```json\n(.*?)```", doc, re.S)
    assert match is not None
    data = json.loads(match.group(1))
    jsonschema.validate(data, SCHEMA)
    assert len(scorecard_files._read_document(data)) == 1
