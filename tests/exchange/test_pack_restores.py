"""Packs that restore a laptop, erasures that travel, older packs, and rubric versions
that moved: real sealed files through the whole loop, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from panel_helpers import (
    FAST_KDF,
    PASSPHRASE,
    DatabaseFactory,
    score_everything,
    set_up_panel,
    snapshot,
)

from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.services import (
    assignments,
    audit,
    candidates,
    exchange,
    rubrics,
    scorecard_reads,
    scorecards,
)
from interview_kit.services.errors import NotFoundError
from interview_kit.storage import Database


def _pack(recruiter: Database, interviewer: str, out: Path) -> Path:
    exchange.export_panel_pack(
        recruiter, interviewer, out, PASSPHRASE, kdf=FAST_KDF, overwrite=True
    )
    return out


def _bundle(laptop: Database, interviewer: str, out: Path) -> Path:
    exchange.export_scorecard_bundle(
        laptop, interviewer, out, PASSPHRASE, kdf=FAST_KDF, overwrite=True
    )
    return out


def test_a_fresh_laptop_gets_its_submitted_scorecards_back(
    new_db: DatabaseFactory, tmp_path: Path
) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    old_laptop = new_db("mei")
    exchange.import_file(old_laptop, _pack(recruiter, mei, tmp_path / "1.ikpack"), PASSPHRASE)
    cards = score_everything(old_laptop, mei)
    scorecards.amend_scorecard(
        old_laptop, cards[0], ScorecardChanges(summary="Later thought"), reason="second look"
    )
    exchange.import_file(recruiter, _bundle(old_laptop, mei, tmp_path / "b.ikbundle"), PASSPHRASE)

    fresh = new_db("mei again")
    plan = exchange.import_file(fresh, _pack(recruiter, mei, tmp_path / "2.ikpack"), PASSPHRASE)
    assert plan.count("scorecard", exchange.ChangeAction.CREATE) == 2
    for uuid in cards:
        restored = scorecard_reads.get_scorecard(fresh, uuid)
        assert restored.scorecard.is_submitted
        original = scorecard_reads.get_scorecard(recruiter, uuid)
        assert restored.scorecard.summary == original.scorecard.summary
        assert [a.reason for a in restored.amendments] == [a.reason for a in original.amendments]
    assert not assignments.pending_assignments(fresh)
    # Read-only there, as anywhere: a submitted scorecard takes amendments, not edits.
    with pytest.raises(Exception, match=r"(?i)submitted|amend"):
        scorecards.save_draft(fresh, cards[0], ScorecardChanges(summary="edit"))

    # The same pack again changes nothing, not even the audit log.
    before = snapshot(fresh)
    again = exchange.import_file(fresh, tmp_path / "2.ikpack", PASSPHRASE)
    assert not again.has_changes
    assert snapshot(fresh) == before

    # And the restored laptop's next bundle imports cleanly on the recruiter's side.
    before = snapshot(recruiter)
    assert not exchange.import_file(
        recruiter, _bundle(fresh, mei, tmp_path / "c.ikbundle"), PASSPHRASE
    ).has_changes
    assert snapshot(recruiter) == before


def test_an_assignment_taken_away_disappears_and_its_draft_is_kept(
    new_db: DatabaseFactory, tmp_path: Path
) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    laptop = new_db("mei")
    exchange.import_file(laptop, _pack(recruiter, mei, tmp_path / "1.ikpack"), PASSPHRASE)
    first, second = assignments.assignments_for_interviewer(laptop, mei)
    draft = scorecards.start_scorecard(laptop, first.candidate_uuid, first.stage_id, mei)
    scorecards.save_draft(laptop, draft.uuid, ScorecardChanges(summary="half written"))

    assert assignments.unassign(recruiter, first.candidate_uuid, first.stage_id, mei)
    assert assignments.unassign(recruiter, second.candidate_uuid, second.stage_id, mei)
    assignments.assign(recruiter, second.candidate_uuid, second.stage_id, mei)  # given back

    pack = _pack(recruiter, mei, tmp_path / "2.ikpack")
    preview = exchange.preview_import(laptop, exchange.open_exchange_file(pack, PASSPHRASE))
    removed = [c for c in preview.changes if c.action is exchange.ChangeAction.DELETE]
    assert len(removed) == 1
    assert "draft scorecard under it is kept" in removed[0].detail
    exchange.import_file(laptop, pack, PASSPHRASE)

    held = {
        (a.candidate_uuid, a.stage_id) for a in assignments.assignments_for_interviewer(laptop, mei)
    }
    assert held == {(second.candidate_uuid, second.stage_id)}
    kept = scorecard_reads.get_scorecard(laptop, draft.uuid)
    assert kept.scorecard.summary == "half written"
    marks = audit.audit_entries(laptop, action="scorecard.unassigned_draft")
    assert [m.subject_uuid for m in marks] == [draft.uuid]


def test_erasure_travels_both_ways(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    laptop = new_db("mei")
    exchange.import_file(laptop, _pack(recruiter, mei, tmp_path / "1.ikpack"), PASSPHRASE)
    score_everything(laptop, mei)
    zoe = panel.candidates["Zoë Lefèvre"]
    candidates.erase_candidate(recruiter, zoe)

    # The interviewer's bundle still names Zoë: everything else imports, hers is discarded.
    bundle = _bundle(laptop, mei, tmp_path / "b.ikbundle")
    plan = exchange.import_file(recruiter, bundle, PASSPHRASE)
    assert plan.count("scorecard", exchange.ChangeAction.CREATE) == 1
    assert "1 scorecard discarded" in plan.summary()
    with pytest.raises(NotFoundError):
        candidates.get_candidate(recruiter, zoe)
    assert exchange.plan_json(plan, applied=True)["notes"]

    # The next pack carries the erasure notice; the preview says so before anything goes.
    pack = _pack(recruiter, mei, tmp_path / "2.ikpack")
    opened = exchange.open_exchange_file(pack, PASSPHRASE)
    assert opened.payload.erased_candidates == (zoe,)  # type: ignore[union-attr]
    preview = exchange.preview_import(laptop, opened)
    assert any(
        c.action is exchange.ChangeAction.DELETE
        and c.subject == "candidate"
        and c.label == "Zoë Lefèvre"
        for c in preview.changes
    )
    assert "delete 1 candidate" in preview.summary()
    candidates.get_candidate(laptop, zoe)  # still there until the import
    exchange.import_file(laptop, pack, PASSPHRASE)
    with pytest.raises(NotFoundError):
        candidates.get_candidate(laptop, zoe)
    rows = snapshot(laptop)
    assert not any("Zoë" in repr(row) for table in rows.values() for row in table)
    # The laptop's next bundle imports cleanly.
    exchange.import_file(recruiter, _bundle(laptop, mei, tmp_path / "c.ikbundle"), PASSPHRASE)


def test_an_older_pack_changes_nothing_and_says_so(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    old = _pack(recruiter, mei, tmp_path / "old.ikpack")
    first = assignments.assignments_for_interviewer(recruiter, mei)[0]
    assignments.unassign(recruiter, first.candidate_uuid, first.stage_id, mei)
    new = _pack(recruiter, mei, tmp_path / "new.ikpack")
    laptop = new_db("mei")
    exchange.import_file(laptop, new, PASSPHRASE)
    before = snapshot(laptop)
    plan = exchange.import_file(laptop, old, PASSPHRASE)
    assert not plan.has_changes
    assert "older pack changes nothing" in plan.summary()
    assert snapshot(laptop) == before


def test_a_candidate_moved_to_a_new_rubric_version_lines_up(
    new_db: DatabaseFactory, tmp_path: Path
) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    laptop = new_db("mei")
    exchange.import_file(laptop, _pack(recruiter, mei, tmp_path / "1.ikpack"), PASSPHRASE)
    score_everything(laptop, mei)

    current = rubrics.active_rubric(recruiter).rubric
    rubrics.save_rubric(recruiter, current.model_copy(update={"name": current.name + " (2)"}))
    zoe = panel.candidates["Zoë Lefèvre"]
    assert candidates.get_candidate(recruiter, zoe).rubric_version == 2

    bundle = _bundle(laptop, mei, tmp_path / "b.ikbundle")
    preview = exchange.preview_import(recruiter, exchange.open_exchange_file(bundle, PASSPHRASE))
    details = [c.detail for c in preview.changes if c.subject == "scorecard"]
    assert any("keeps rubric builder v1" in d and "now on builder v2" in d for d in details)
    exchange.import_file(recruiter, bundle, PASSPHRASE)

    pack = _pack(recruiter, mei, tmp_path / "2.ikpack")
    opened = exchange.open_exchange_file(pack, PASSPHRASE)
    assert {r.version for r in opened.payload.rubrics} == {1, 2}  # type: ignore[union-attr]
    exchange.import_file(laptop, pack, PASSPHRASE)
    before = snapshot(recruiter)
    assert not exchange.import_file(
        recruiter, _bundle(laptop, mei, tmp_path / "c.ikbundle"), PASSPHRASE
    ).has_changes
    assert snapshot(recruiter) == before
