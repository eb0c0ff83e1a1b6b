"""Rubric versions: every edit is a version, one is active, scorecards keep theirs."""

from __future__ import annotations

from pathlib import Path

import pytest
from svc_support import Panel, complete_changes

from interview_kit.domain.rubric import Rubric, RubricError, load_rubric
from interview_kit.services import audit, candidates, rubrics, scorecard_reads, scorecards
from interview_kit.services.database import Database
from interview_kit.services.errors import NotFoundError, StaleEditError


def _edited(rubric: Rubric, name: str) -> Rubric:
    return rubric.model_copy(update={"name": name})


def test_importing_the_default_rubric(db: Database, builder_rubric_path: Path) -> None:
    info = rubrics.ensure_default_rubric(db)
    shipped = load_rubric(builder_rubric_path)
    assert info.rubric_id == shipped.id
    assert info.version == 1
    assert info.is_active
    assert info.content_hash == shipped.content_hash()
    loaded = rubrics.active_rubric(db)
    assert loaded.text == builder_rubric_path.read_text(encoding="utf-8")
    assert loaded.rubric == shipped
    assert rubrics.ensure_default_rubric(db) == info, "a second call stores nothing"


def test_saving_identical_content_makes_no_new_version(db: Database, rubric: Rubric) -> None:
    saved = rubrics.save_rubric(db, rubric)
    assert not saved.created
    assert saved.info.version == 1
    assert [v.version for v in rubrics.list_rubric_versions(db)] == [1]


def test_an_edit_makes_a_new_active_version_and_keeps_the_old(db: Database, rubric: Rubric) -> None:
    saved = rubrics.save_rubric(db, _edited(rubric, "Builder (2027)"), expected_version=1)
    assert saved.created
    assert saved.info.version == 2
    assert saved.info.is_active
    assert rubrics.active_rubric(db, rubric.id).rubric.name == "Builder (2027)"
    old = rubrics.rubric_version(db, rubric.id, 1)
    assert old.rubric == rubric
    assert not old.info.is_active
    assert old.info.active_version == 2
    assert rubrics.rubric_by_hash(db, rubric.content_hash()).info.version == 1
    versions = rubrics.list_rubric_versions(db, rubric.id)
    assert [(v.version, v.is_active) for v in versions] == [(2, True), (1, False)]
    assert [v.version for v in rubrics.list_rubrics(db)] == [2]
    actions = [e.action for e in audit.audit_entries(db)]
    assert actions.count("rubric.version_created") == 2


def test_saving_old_content_reactivates_its_version(db: Database, rubric: Rubric) -> None:
    rubrics.save_rubric(db, _edited(rubric, "Edited"))
    back = rubrics.save_rubric(db, rubric)
    assert not back.created
    assert back.info.version == 1
    assert back.info.is_active
    rubrics.activate_rubric_version(db, rubric.id, 2, expected_version=1)
    assert rubrics.active_rubric(db).info.version == 2


def test_a_stale_edit_is_refused(db: Database, rubric: Rubric) -> None:
    rubrics.save_rubric(db, _edited(rubric, "Someone else's edit"), expected_version=1)
    with pytest.raises(StaleEditError, match="version 2 is now active"):
        rubrics.save_rubric(db, _edited(rubric, "My edit"), expected_version=1)
    assert [v.version for v in rubrics.list_rubric_versions(db)] == [2, 1]
    with pytest.raises(StaleEditError):
        rubrics.activate_rubric_version(db, rubric.id, 1, expected_version=1)


def test_invalid_text_is_refused_with_locations(db: Database, rubric: Rubric) -> None:
    with pytest.raises(RubricError) as caught:
        rubrics.save_rubric(db, 'format_version = 1\nid = "Bad Id"\n', source="edit.toml")
    assert caught.value.source == "edit.toml"
    assert any(issue.path == "id" for issue in caught.value.issues)
    assert len(rubrics.list_rubric_versions(db)) == 1


def test_unknown_versions_are_reported(db: Database, rubric: Rubric) -> None:
    with pytest.raises(NotFoundError):
        rubrics.rubric_version(db, rubric.id, 9)
    with pytest.raises(NotFoundError):
        rubrics.rubric_by_hash(db, "0" * 64)
    with pytest.raises(NotFoundError):
        rubrics.active_rubric(db, "nope")
    with pytest.raises(NotFoundError):
        rubrics.activate_rubric_version(db, rubric.id, 9)


def test_no_rubric_yet(db: Database) -> None:
    with pytest.raises(NotFoundError, match="no rubric is stored yet"):
        rubrics.active_rubric(db)


def test_rendered_rubrics_parse_back_to_the_same_content(rubric: Rubric) -> None:
    from interview_kit.domain.rubric import parse_rubric

    assert parse_rubric(rubrics.render_rubric(rubric)).content_hash() == rubric.content_hash()


def test_open_candidates_move_to_a_new_version_but_scored_ones_keep_theirs(
    panel: Panel,
) -> None:
    db, rubric = panel.db, panel.rubric
    untouched = candidates.add_candidate(db, name="Not started")
    closed = candidates.add_candidate(db, name="Closed", status="rejected")
    card = scorecards.start_scorecard(db, panel.candidate.uuid, panel.stage, panel.ada.uuid)
    scorecards.save_draft(db, card.uuid, complete_changes(rubric, panel.stage))
    scorecards.submit_scorecard(db, card.uuid)

    saved = rubrics.save_rubric(db, _edited(rubric, "Builder v2"))

    assert saved.moved_candidates == (untouched.uuid,)
    assert candidates.get_candidate(db, untouched.uuid).rubric_version == 2
    assert candidates.get_candidate(db, closed.uuid).rubric_version == 1
    assert candidates.get_candidate(db, panel.candidate.uuid).rubric_version == 1
    assert rubrics.candidates_on_older_versions(db, rubric.id) == [panel.candidate.uuid]
    detail = scorecard_reads.get_scorecard(db, card.uuid)
    assert detail.rubric_version == 1
    assert detail.scorecard.rubric_hash == rubric.content_hash()
    new_card = scorecards.start_scorecard(db, untouched.uuid, panel.stage, panel.ada.uuid)
    assert new_card.rubric_version == 2


def test_import_rubric_file_reports_a_missing_file(db: Database, tmp_path: Path) -> None:
    with pytest.raises(RubricError, match="file not found"):
        rubrics.import_rubric_file(db, tmp_path / "missing.toml")
