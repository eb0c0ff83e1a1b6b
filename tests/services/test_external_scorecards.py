"""Greenhouse scorecards and Lever feedback imported through a mapping file.

The samples are the example files shipped in docs/examples, built from the shapes the
two systems document: what a user copies from the docs is what is tested here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select
from svc_support import dump

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import Vote
from interview_kit.services import candidates, interviewers
from interview_kit.services.database import Database
from interview_kit.services.errors import InvalidInputError, NotFoundError
from interview_kit.services.external_scorecards import (
    ExternalImportError,
    ExternalSource,
    UnknownKind,
    external_marks,
    import_external,
    load_mapping,
    scorecard_uuid,
)
from interview_kit.services.scorecard_reads import StoredScorecard, load_scorecards
from interview_kit.storage.models import CandidateRow, ExternalScorecardRow, ScorecardRow

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder


@pytest.fixture
def ada(db: Database, rubric: Rubric) -> candidates.CandidateRecord:
    interviewers.add_interviewer(db, name="Kate Austen", email="kate@example.com")
    return candidates.add_candidate(
        db, name="Ada Lovelace", email="ada.lovelace@example.com", rubric_id=rubric.id
    )


def _cards(db: Database, candidate_uuid: str) -> list[StoredScorecard]:
    with db.read() as session:
        return load_scorecards(session, CandidateRow.uuid == candidate_uuid)


def _count(db: Database, model: type) -> int:
    with db.read() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_greenhouse_dry_run_shows_everything_and_writes_nothing(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    before = dump(db)
    result = import_external(
        db,
        examples / "greenhouse-scorecards.json",
        "greenhouse",
        examples / "greenhouse-mapping.toml",
        dry_run=True,
    )
    assert result.dry_run
    assert result.added == 2
    assert [
        (c.external_id, c.stage_id, c.interviewer_name, c.ratings) for c in result.scorecards
    ] == [
        ("211231", "technical_deep_dive", "Kate Austen", 3),
        ("211232", "initial_screen", "Jack Shephard", 2),
    ]
    assert [(u.kind, u.name) for u in result.ignored] == [
        (UnknownKind.ATTRIBUTE, "Willing to travel")
    ]
    assert "[0].attributes[4]" in result.ignored[0].where
    assert dump(db) == before


def test_greenhouse_import_is_submitted_marked_and_idempotent(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    args = (
        examples / "greenhouse-scorecards.json",
        "greenhouse",
        examples / "greenhouse-mapping.toml",
    )
    result = import_external(db, *args)
    assert (result.added, result.unchanged, result.interviewers_added) == (2, 0, 1)

    cards = {c.stage_id: c for c in _cards(db, ada.uuid)}
    technical = cards["technical_deep_dive"]
    assert technical.status.value == "submitted"
    assert technical.interviewer_name == "Kate Austen"  # the mapped, stored interviewer
    ratings = technical.content.ratings
    assert ratings["end_to_end_build"].rating == 4
    assert ratings["end_to_end_build"].evidence.startswith("Walked through the billing")
    assert ratings["debugging_diagnosis"].rating == 2  # mixed = 2 in this mapping
    assert "code_review_judgement" not in ratings  # no_decision = skip
    assert technical.content.vote is Vote.YES
    assert "Key Take-Aways" in technical.content.summary
    assert "Private Notes" not in technical.content.summary  # empty answers are left out
    assert cards["initial_screen"].content.vote is Vote.STRONG_YES

    marks = external_marks(db, [technical.uuid])
    assert marks[technical.uuid].source is ExternalSource.GREENHOUSE
    assert marks[technical.uuid].external_id == "211231"
    assert technical.uuid == scorecard_uuid(ExternalSource.GREENHOUSE, "211231")

    before = dump(db, skip=("audit_log",))
    again = import_external(db, *args)
    assert (again.added, again.unchanged, again.interviewers_added) == (0, 2, 0)
    assert all(card.already_imported for card in again.scorecards)
    assert dump(db, skip=("audit_log",)) == before
    assert _count(db, ExternalScorecardRow) == 2


def test_lever_field_values_are_read_against_their_form(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    result = import_external(
        db, examples / "lever-feedback.json", "lever", examples / "lever-mapping.toml"
    )
    assert result.added == 1
    assert result.ignored == ()  # the yes-no field is ignored on purpose
    (card,) = _cards(db, ada.uuid)
    assert card.stage_id == "product_assessment"
    assert card.interviewer_name == "Rachel Green"
    ratings = card.content.ratings
    assert ratings["problem_definition_prototype"].rating == 4
    assert ratings["design_critique"].evidence == "Took the critique personally at first."
    assert ratings["stakeholder_collaboration"].rating == 3
    assert card.content.vote is Vote.YES
    assert "growth team" in card.content.summary
    assert card.submitted_at.year == 2025  # completedAt, milliseconds since 1970
    again = import_external(
        db, examples / "lever-feedback.json", "lever", examples / "lever-mapping.toml"
    )
    assert (again.added, again.unchanged) == (0, 1)


def test_lever_feedback_with_its_fields_inline_and_unknown_fields_listed(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    data = json.loads((examples / "lever-feedback.json").read_text())
    template = data["templates"][0]
    values = {v["id"]: v["value"] for v in data["data"][0].pop("fieldValues")}
    data["data"][0]["fields"] = [{**f, "value": values[f["id"]]} for f in template["fields"]]
    data["data"][0]["fields"].append({"type": "score", "text": "Coding speed", "value": 3})
    del data["templates"]
    inline = examples / "inline.json"
    inline.write_text(json.dumps(data))
    result = import_external(db, inline, "lever", examples / "lever-mapping.toml")
    assert result.added == 1
    assert [(u.kind, u.name) for u in result.ignored] == [(UnknownKind.FIELD, "Coding speed")]


def test_unknown_candidates_stages_and_rating_words_stop_everything(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    data = json.loads((examples / "greenhouse-scorecards.json").read_text())
    data[0]["candidate_id"] = 999
    data[1]["interview_step"]["name"] = "Lunch"
    data[1]["attributes"][0]["rating"] = "meh"
    broken = examples / "broken.json"
    broken.write_text(json.dumps(data))
    before = dump(db)
    with pytest.raises(ExternalImportError) as caught:
        import_external(db, broken, "greenhouse", examples / "greenhouse-mapping.toml")
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "broken.json: [0]: unknown candidate '999'" in text
    assert "[1]: unknown interview 'Lunch'" in text
    assert "nothing was imported" in caught.value.headline
    assert dump(db) == before

    data[1]["interview_step"]["name"] = "Phone Screen"
    data[0]["candidate_id"] = 2131415
    broken.write_text(json.dumps(data))
    with pytest.raises(ExternalImportError) as caught:
        import_external(db, broken, "greenhouse", examples / "greenhouse-mapping.toml")
    (problem,) = caught.value.problems
    assert problem.location.endswith("broken.json: [1].attributes[0]")
    assert "unknown rating word 'meh'" in problem.problem
    assert _count(db, ScorecardRow) == 0


def test_an_interviewer_the_mapping_names_must_be_stored(
    db: Database, rubric: Rubric, examples: Path
) -> None:
    candidates.add_candidate(
        db, name="Ada Lovelace", email="ada.lovelace@example.com", rubric_id=rubric.id
    )  # and no Kate Austen, whom [interviewers] names
    before = dump(db)
    with pytest.raises(ExternalImportError) as caught:
        import_external(
            db,
            examples / "greenhouse-scorecards.json",
            "greenhouse",
            examples / "greenhouse-mapping.toml",
        )
    (problem,) = caught.value.problems
    assert problem.location.endswith('greenhouse-mapping.toml: [interviewers] "4080"')
    assert "no interviewer matches 'kate@example.com'" in problem.problem
    assert dump(db) == before


@pytest.mark.parametrize(
    ("edit", "location", "message"),
    [
        (lambda t: t.replace('mixed = 2          # a mixed', 'mixed = 7  # a mixed'),
         '[ratings] "mixed"', "less than or equal to 4"),
        (lambda t: t.replace('source = "greenhouse"', 'source = "workday"'),
         "source", "greenhouse"),
        (lambda t: t.replace("[stages]", "[stage]"), "stage", "Extra inputs"),
        (lambda t: t.replace('yes = "yes"', 'yes = "maybe"'),
         '[recommendations] "yes"', "Input should be"),
    ],
)  # fmt: skip
def test_a_bad_mapping_names_where_the_problem_is(
    db: Database, examples: Path, edit: object, location: str, message: str
) -> None:
    mapping = examples / "greenhouse-mapping.toml"
    mapping.write_text(edit(mapping.read_text()))  # type: ignore[operator]
    with pytest.raises(ExternalImportError) as caught:
        load_mapping(mapping)
    found = [str(p) for p in caught.value.problems]
    assert any(f"greenhouse-mapping.toml: {location}" in p and message in p for p in found), found


def test_mapping_criteria_and_stages_must_be_in_the_rubric(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    mapping = examples / "greenhouse-mapping.toml"
    mapping.write_text(
        mapping.read_text()
        .replace('"Motivation" = "builder_motivation"', '"Motivation" = "end_to_end_build"')
        .replace('"Phone Screen" = "initial_screen"', '"Phone Screen" = "lunch"')
    )
    with pytest.raises(ExternalImportError) as caught:
        import_external(db, examples / "greenhouse-scorecards.json", "greenhouse", mapping)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "[stages] \"Phone Screen\": stage 'lunch' is not in rubric 'builder'" in text

    mapping.write_text(
        mapping.read_text().replace('"Phone Screen" = "lunch"', '"Phone Screen" = "initial_screen"')
    )
    with pytest.raises(ExternalImportError) as caught:
        import_external(db, examples / "greenhouse-scorecards.json", "greenhouse", mapping)
    (problem,) = caught.value.problems
    assert problem.location.endswith('[criteria] "Motivation"')
    assert "not part of stage 'initial_screen'" in problem.problem


def test_wrong_source_missing_files_and_not_json(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    with pytest.raises(InvalidInputError, match="this mapping is for Greenhouse, not Lever"):
        import_external(
            db, examples / "lever-feedback.json", "lever", examples / "greenhouse-mapping.toml"
        )
    with pytest.raises(NotFoundError, match="mapping file not found"):
        import_external(db, examples / "lever-feedback.json", "lever", examples / "nope.toml")
    junk = examples / "junk.json"
    junk.write_text("{not json")
    with pytest.raises(InvalidInputError, match="is not valid JSON"):
        import_external(db, junk, "greenhouse", examples / "greenhouse-mapping.toml")
    junk.write_text(json.dumps([{"id": 1}]))
    with pytest.raises(ExternalImportError) as caught:
        import_external(db, junk, "greenhouse", examples / "greenhouse-mapping.toml")
    assert any(
        "junk.json: [0].candidate_id: Field required" in str(p) for p in caught.value.problems
    )


def test_greenhouse_candidates_may_be_mapped_by_application(
    db: Database, ada: candidates.CandidateRecord, examples: Path
) -> None:
    mapping = examples / "greenhouse-mapping.toml"
    mapping.write_text(mapping.read_text().replace('"2131415" =', '"23558552" ='))
    result = import_external(
        db, examples / "greenhouse-scorecards.json", "greenhouse", mapping, dry_run=True
    )
    assert {card.candidate_name for card in result.scorecards} == {"Ada Lovelace"}
