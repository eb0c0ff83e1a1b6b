"""A panel completed by files alone: recruiter -> three interviewers -> recruiter.

Each person has their own database (SQLite files, or separate PostgreSQL databases);
only sealed files travel between them.
"""

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

from interview_kit.domain.engine import recommend
from interview_kit.domain.scorecard import CriterionRating
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.exchange.formats import PanelPack
from interview_kit.exchange.sealing import FileKind, unseal
from interview_kit.services import (
    assignments,
    audit,
    candidates,
    exchange,
    interviewers,
    rubrics,
    scorecard_reads,
    scorecards,
)
from interview_kit.services.errors import StaleEditError


def test_panel_completes_by_files_alone(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)

    bundles = []
    for name, interviewer_uuid in panel.interviewers.items():
        pack = tmp_path / f"{name}.ikpack"
        exported = exchange.export_panel_pack(
            recruiter, interviewer_uuid, pack, PASSPHRASE, kdf=FAST_KDF
        )
        assert exported.candidates == 2
        assert exported.assignments == 2

        laptop = new_db(name)
        plan = exchange.import_file(laptop, pack, PASSPHRASE, expected=FileKind.PANEL_PACK)
        assert plan.count("candidate", exchange.ChangeAction.CREATE) == 2
        assert [i.name for i in interviewers.list_interviewers(laptop)] == [name]
        score_everything(laptop, interviewer_uuid)

        bundle = tmp_path / f"{name}.ikbundle"
        result = exchange.export_scorecard_bundle(
            laptop, interviewer_uuid, bundle, PASSPHRASE, kdf=FAST_KDF
        )
        assert result.scorecards == 2
        bundles.append(bundle)

    for bundle in bundles:
        plan = exchange.import_file(recruiter, bundle, PASSPHRASE)
        assert plan.count("scorecard", exchange.ChangeAction.CREATE) == 2

    rubric = rubrics.active_rubric(recruiter).rubric
    for candidate_uuid in panel.candidates.values():
        cards = scorecard_reads.effective_scorecards(recruiter, candidate_uuid)
        assert {card.stage_id for card in cards} == {stage.id for stage in rubric.stages}
        assert all(card.is_submitted for card in cards)
        result = recommend(rubric, cards)
        assert result.candidate_score == 3.0
        summary = candidates.list_candidates(recruiter).rows
        assert {row.submitted_count for row in summary} == {3}

    # Sending every bundle again changes nothing.
    before = snapshot(recruiter)
    for bundle in bundles:
        plan = exchange.import_file(recruiter, bundle, PASSPHRASE)
        assert not plan.has_changes
    after = snapshot(recruiter)
    assert _without_audit(after) == _without_audit(before)
    # An import that changes nothing writes nothing, not even an audit line (issue 14).
    assert after == before
    imports = audit.audit_entries(recruiter, action="exchange.bundle_imported")
    assert len(imports) == 3


def _without_audit(rows: dict[str, list[tuple[object, ...]]]) -> dict[str, object]:
    return {name: value for name, value in rows.items() if name != "audit_log"}


def test_pack_import_is_idempotent_and_updates(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    laptop = new_db("mei")
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    exchange.import_file(laptop, pack, PASSPHRASE)
    first = snapshot(laptop)

    again = exchange.import_file(laptop, pack, PASSPHRASE)
    assert not again.has_changes
    assert again.summary() == "Nothing new: everything in the file is already here."
    assert _without_audit(snapshot(laptop)) == _without_audit(first)

    zoe = candidates.get_candidate(recruiter, panel.candidates["Zoë Lefèvre"])
    candidates.set_status(recruiter, zoe.uuid, "product", stage_id="product_assessment")
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF, overwrite=True)
    opened = exchange.open_exchange_file(pack, PASSPHRASE)
    plan = exchange.preview_import(laptop, opened)
    updates = [c for c in plan.changes if c.action is exchange.ChangeAction.UPDATE]
    assert [c.label for c in updates] == ["Zoë Lefèvre"]
    assert "status: New → Product" in updates[0].detail
    exchange.apply_import(laptop, opened, expected_fingerprint=plan.fingerprint())
    assert candidates.get_candidate(laptop, zoe.uuid).status.value == "product"


def test_pack_holds_only_what_the_interviewer_needs(
    new_db: DatabaseFactory, tmp_path: Path
) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    outsider = candidates.add_candidate(recruiter, name="Noor Haddad", email="noor@mail.example")
    ingrid = panel.interviewers["Ingrid Halvorsen"]
    assignments.assign(
        recruiter, outsider.uuid, "technical_deep_dive", panel.interviewers["Tomás Delgado"]
    )
    # Tomás has already scored: his scorecard must not reach Ingrid.
    score_everything(recruiter, panel.interviewers["Tomás Delgado"])
    pack = tmp_path / "ingrid.ikpack"
    exchange.export_panel_pack(recruiter, ingrid, pack, PASSPHRASE, kdf=FAST_KDF)

    payload = unseal(pack.read_bytes(), PASSPHRASE).payload.decode()
    assert "Noor" not in payload
    assert "@mail.example" not in payload
    assert "private" not in payload
    assert "Tomás" not in payload
    assert "Evidence for" not in payload
    opened = exchange.open_exchange_file(pack, PASSPHRASE)
    assert isinstance(opened.payload, PanelPack)
    assert {a.interviewer_uuid for a in opened.payload.assignments} == {ingrid}

    laptop = new_db("ingrid")
    exchange.apply_import(laptop, opened)
    stored = candidates.get_candidate(laptop, panel.candidates["Zoë Lefèvre"])
    assert stored.email == ""
    assert stored.notes == ""
    assert [i.uuid for i in interviewers.list_interviewers(laptop)] == [ingrid]


def test_closed_candidates_stay_out_unless_asked(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    candidates.set_status(recruiter, panel.candidates["Łukasz Kowalczyk"], "withdrawn")
    mei = panel.interviewers["Mei Tanaka"]
    first = exchange.export_panel_pack(
        recruiter, mei, tmp_path / "a.ikpack", PASSPHRASE, kdf=FAST_KDF
    )
    everyone = exchange.export_panel_pack(
        recruiter, mei, tmp_path / "b.ikpack", PASSPHRASE, kdf=FAST_KDF, include_closed=True
    )
    assert (first.candidates, everyone.candidates) == (1, 2)


def test_bundle_carries_no_private_notes_or_drafts(new_db: DatabaseFactory, tmp_path: Path) -> None:
    db = new_db("interviewer")
    panel = set_up_panel(db)
    mei = panel.interviewers["Mei Tanaka"]
    done = score_everything(db, mei)
    scorecards.amend_scorecard(
        db,
        done[0],
        ScorecardChanges(summary="Corrected", private_notes="PRIVATE again"),
        reason="typo",
    )
    draft = scorecards.start_scorecard(db, panel.candidates["Zoë Lefèvre"], "initial_screen", mei)
    scorecards.save_draft(db, draft.uuid, ScorecardChanges(summary="DRAFT ONLY"))
    bundle = tmp_path / "mei.ikbundle"
    result = exchange.export_scorecard_bundle(db, mei, bundle, PASSPHRASE, kdf=FAST_KDF)
    assert (result.scorecards, result.amendments) == (2, 1)
    payload = unseal(bundle.read_bytes(), PASSPHRASE).payload.decode()
    assert "PRIVATE" not in payload
    assert "private_notes" not in payload
    assert "DRAFT ONLY" not in payload
    assert "Corrected" in payload


def test_amendments_arrive_in_order(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    exchange.import_file(laptop, pack, PASSPHRASE)
    card = score_everything(laptop, mei)[0]
    bundle = tmp_path / "mei.ikbundle"
    exchange.export_scorecard_bundle(laptop, mei, bundle, PASSPHRASE, kdf=FAST_KDF)
    exchange.import_file(recruiter, bundle, PASSPHRASE)

    rubric = rubrics.active_rubric(laptop).rubric
    first = rubric.stage("product_assessment").criteria[0].id
    scorecards.amend_scorecard(
        laptop,
        card,
        ScorecardChanges(ratings={first: CriterionRating(first, 4, "Re-watched")}),
        reason="one",
    )
    scorecards.amend_scorecard(
        laptop,
        card,
        ScorecardChanges(ratings={first: CriterionRating(first, 2, "Second look")}),
        reason="two",
    )
    exchange.export_scorecard_bundle(laptop, mei, bundle, PASSPHRASE, kdf=FAST_KDF, overwrite=True)
    plan = exchange.import_file(recruiter, bundle, PASSPHRASE)
    added = [c for c in plan.changes if c.subject == "amendment"]
    assert [c.detail for c in added] == ["one", "two"]
    detail = scorecard_reads.get_scorecard(recruiter, card)
    assert [a.reason for a in detail.amendments] == ["one", "two"]
    assert detail.scorecard.rating_for(first) == 2
    assert detail.original.rating_for(first) == 3
    assert scorecard_reads.get_scorecard(laptop, card).scorecard == detail.scorecard


def test_every_import_and_export_is_audited(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    exchange.import_file(laptop, pack, PASSPHRASE)
    score_everything(laptop, mei)
    bundle = tmp_path / "mei.ikbundle"
    exchange.export_scorecard_bundle(laptop, mei, bundle, PASSPHRASE, kdf=FAST_KDF)
    exchange.import_file(recruiter, bundle, PASSPHRASE)

    def actions(db: object) -> list[str]:
        return [e.action for e in audit.audit_entries(db) if e.action.startswith("exchange.")]  # type: ignore[arg-type]

    assert actions(recruiter) == ["exchange.bundle_imported", "exchange.pack_exported"]
    assert actions(laptop) == ["exchange.bundle_exported", "exchange.pack_imported"]
    entry = audit.audit_entries(recruiter, action="exchange.bundle_imported")[0]
    assert entry.subject_uuid == mei
    assert "2 scorecards added" in entry.detail
    assert "Mei" not in entry.detail


def test_dry_run_and_preview_write_nothing(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(
        recruiter, panel.interviewers["Mei Tanaka"], pack, PASSPHRASE, kdf=FAST_KDF
    )
    laptop = new_db("mei")
    before = snapshot(laptop)
    plan = exchange.import_file(laptop, pack, PASSPHRASE, dry_run=True)
    assert plan.has_changes
    exchange.preview_import(laptop, exchange.open_exchange_file(pack, PASSPHRASE))
    assert snapshot(laptop) == before


def test_preview_that_went_stale_is_refused(new_db: DatabaseFactory, tmp_path: Path) -> None:
    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    mei = panel.interviewers["Mei Tanaka"]
    pack = tmp_path / "mei.ikpack"
    exchange.export_panel_pack(recruiter, mei, pack, PASSPHRASE, kdf=FAST_KDF)
    laptop = new_db("mei")
    opened = exchange.open_exchange_file(pack, PASSPHRASE)
    plan = exchange.preview_import(laptop, opened)
    exchange.apply_import(laptop, opened)  # someone else imported it meanwhile
    before = snapshot(laptop)
    with pytest.raises(StaleEditError, match="changed since the preview"):
        exchange.apply_import(laptop, opened, expected_fingerprint=plan.fingerprint())
    assert snapshot(laptop) == before


def test_batched_summaries_match_the_one_by_one_refresh(
    new_db: DatabaseFactory, tmp_path: Path
) -> None:
    """Imports refresh candidate summaries in batches; the result is what the scorecard
    service's own refresh computes."""
    from sqlalchemy import select

    from interview_kit.services import summaries
    from interview_kit.storage.models import CandidateRow, CandidateSummaryRow

    recruiter = new_db("recruiter")
    panel = set_up_panel(recruiter)
    for name, interviewer_uuid in panel.interviewers.items():
        laptop = new_db(name)
        pack = tmp_path / f"{name}.ikpack"
        exchange.export_panel_pack(recruiter, interviewer_uuid, pack, PASSPHRASE, kdf=FAST_KDF)
        exchange.import_file(laptop, pack, PASSPHRASE)
        score_everything(laptop, interviewer_uuid, rating=2 if name.startswith("T") else 4)
        bundle = tmp_path / f"{name}.ikbundle"
        exchange.export_scorecard_bundle(laptop, interviewer_uuid, bundle, PASSPHRASE, kdf=FAST_KDF)
        exchange.import_file(recruiter, bundle, PASSPHRASE)

    columns = ("score", "recommendation", "level", "coverage", "submitted_count")

    def summary_rows() -> list[tuple[object, ...]]:
        with recruiter.read() as session:
            rows = session.scalars(select(CandidateSummaryRow).order_by("candidate_id"))
            return [tuple(getattr(row, c) for c in columns) for row in rows]

    batched = summary_rows()
    assert all(row[0] is not None for row in batched)
    with recruiter.write() as session:
        for candidate_id in session.scalars(select(CandidateRow.id)):
            summaries.refresh(recruiter, session, candidate_id)
    assert summary_rows() == batched
