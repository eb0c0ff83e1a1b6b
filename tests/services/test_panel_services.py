"""Interviewers, assignments, committee decisions and the audit log."""

from __future__ import annotations

import dataclasses

import pytest
from svc_support import Panel, complete_changes

from interview_kit.domain.candidate import CommitteeOutcome
from interview_kit.services import (
    assignments,
    audit,
    candidates,
    decisions,
    interviewers,
    scorecards,
)
from interview_kit.services.database import Database
from interview_kit.services.errors import InvalidInputError, NotFoundError, StaleEditError

# -- interviewers -------------------------------------------------------------------------


def test_interviewers_round_trip_and_list_by_name(db: Database) -> None:
    zed = interviewers.add_interviewer(db, name="Zed", email="zed@example.org", role_title="CTO")
    amy = interviewers.add_interviewer(db, name="amy", email="Amy@Example.org")
    assert interviewers.get_interviewer(db, zed.uuid) == zed
    assert [i.name for i in interviewers.list_interviewers(db)] == ["amy", "Zed"]
    assert interviewers.find_interviewer(db, email="amy@example.ORG") == amy
    assert interviewers.find_interviewer(db, email="nobody@example.org") is None
    assert interviewers.find_interviewer(db, email="") is None


def test_interviewer_stale_edit_is_refused(db: Database) -> None:
    first = interviewers.add_interviewer(db, name="Sam")
    saved = interviewers.update_interviewer(db, dataclasses.replace(first, role_title="Staff"))
    assert saved.version == first.version + 1
    with pytest.raises(StaleEditError):
        interviewers.update_interviewer(db, dataclasses.replace(first, name="Samuel"))
    assert interviewers.get_interviewer(db, first.uuid) == saved


@pytest.mark.parametrize(
    ("fields", "message"),
    [({"name": ""}, "name is required"), ({"name": "A", "email": "a b@c"}, "look like")],
)
def test_bad_interviewer_input(db: Database, fields: dict[str, str], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        interviewers.add_interviewer(db, **fields)
    assert interviewers.list_interviewers(db) == []


def test_unknown_interviewer(db: Database) -> None:
    with pytest.raises(NotFoundError):
        interviewers.get_interviewer(db, "00000000-0000-4000-8000-000000000000")


# -- assignments --------------------------------------------------------------------------


def test_assignments_show_scorecard_progress(panel: Panel) -> None:
    db, uuid, stage = panel.db, panel.candidate.uuid, panel.stage
    assert assignments.assign(db, uuid, stage, panel.ada.uuid)
    assert not assignments.assign(db, uuid, stage, panel.ada.uuid), "assigning twice is a no-op"
    assert assignments.assign(db, uuid, stage, panel.bo.uuid)

    [mine] = assignments.assignments_for_interviewer(db, panel.ada.uuid)
    assert (mine.candidate_name, mine.stage_id, mine.scorecard_status) == (
        "Zoë Ångström",
        stage,
        None,
    )
    card = scorecards.start_scorecard(db, uuid, stage, panel.ada.uuid)
    assert assignments.assignments_for_interviewer(db, panel.ada.uuid)[0].scorecard_status == (
        "draft"
    )
    scorecards.save_draft(db, card.uuid, complete_changes(panel.rubric, stage))
    scorecards.submit_scorecard(db, card.uuid)
    [mine] = assignments.assignments_for_interviewer(db, panel.ada.uuid)
    assert mine.scorecard_status == "submitted"
    assert mine.scorecard_uuid == card.uuid

    pending = assignments.pending_assignments(db)
    assert [(p.interviewer_name, p.scorecard_status) for p in pending] == [("Bo Diddley", None)]
    assert {a.interviewer_name for a in assignments.assignments_for_candidate(db, uuid)} == {
        "Ada Lovelace",
        "Bo Diddley",
    }
    assert assignments.unassign(db, uuid, stage, panel.bo.uuid)
    assert not assignments.unassign(db, uuid, stage, panel.bo.uuid)
    assert assignments.pending_assignments(db) == []


def test_assigning_an_unknown_stage_or_person_is_refused(panel: Panel) -> None:
    with pytest.raises(InvalidInputError, match="stage 'karaoke' is not in"):
        assignments.assign(panel.db, panel.candidate.uuid, "karaoke", panel.ada.uuid)
    with pytest.raises(NotFoundError):
        assignments.assign(
            panel.db, panel.candidate.uuid, panel.stage, "00000000-0000-4000-8000-000000000000"
        )
    assert assignments.assignments_for_candidate(panel.db, panel.candidate.uuid) == []


# -- committee decisions ------------------------------------------------------------------


def test_a_decision_inside_the_band(panel: Panel) -> None:
    level = panel.rubric.levels[1]
    inside = (level.band.base_min + level.band.base_max) / 2
    record = decisions.record_decision(
        panel.db,
        panel.candidate.uuid,
        decision="hire",
        level=level.id,
        base=inside,
        equity=0.2,
        decided_by="Committee chair",
    )
    assert record.decision is CommitteeOutcome.HIRE
    assert not record.outside_band
    assert record.currency == level.band.currency
    assert decisions.latest_decision(panel.db, panel.candidate.uuid) == record
    [row] = candidates.list_candidates(panel.db).rows
    assert (row.committee_decision, row.recommendation) == ("hire", None)


def test_a_base_outside_the_band_needs_a_justification(panel: Panel) -> None:
    level = panel.rubric.levels[0]
    above = level.band.base_max + 10_000
    with pytest.raises(InvalidInputError, match=f"outside the {level.id} band"):
        decisions.record_decision(
            panel.db, panel.candidate.uuid, decision="hire", level=level.id, base=above
        )
    assert decisions.decisions_for_candidate(panel.db, panel.candidate.uuid) == []
    record = decisions.record_decision(
        panel.db,
        panel.candidate.uuid,
        decision="hire",
        level=level.id,
        base=above,
        justification="Competing offer; founder experience",
    )
    assert record.outside_band
    assert record.justification == "Competing offer; founder experience"
    [stored] = decisions.decisions_for_candidate(panel.db, panel.candidate.uuid)
    assert stored.outside_band


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"decision": "maybe"}, "not 'hire' or 'no_hire'"),
        ({"decision": "hire"}, "a hire needs a level"),
        ({"decision": "hire", "level": "L99"}, "level 'L99' is not in the rubric"),
        ({"decision": "hire", "level": "L4", "base": -1.0}, "base must be"),
        ({"decision": "no_hire", "equity": float("nan")}, "equity must be"),
    ],
)
def test_bad_decisions_are_refused(panel: Panel, fields: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        decisions.record_decision(panel.db, panel.candidate.uuid, **fields)  # type: ignore[arg-type]
    assert decisions.latest_decision(panel.db, panel.candidate.uuid) is None


def test_the_newest_decision_is_in_force(panel: Panel) -> None:
    decisions.record_decision(panel.db, panel.candidate.uuid, decision="no_hire")
    newer = decisions.record_decision(
        panel.db, panel.candidate.uuid, decision="hire", level=panel.rubric.levels[0].id
    )
    history = decisions.decisions_for_candidate(panel.db, panel.candidate.uuid)
    assert [d.decision for d in history] == [CommitteeOutcome.HIRE, CommitteeOutcome.NO_HIRE]
    assert history[0] == newer


# -- audit --------------------------------------------------------------------------------


def test_actions_are_audited_in_order_and_paged(panel: Panel) -> None:
    entries = audit.audit_entries(panel.db)
    assert [e.action for e in entries[:4]] == [
        "interviewer.added",
        "interviewer.added",
        "interviewer.added",
        "candidate.added",
    ]
    assert all(e.actor == "Riley Recruiter" for e in entries)
    older = audit.audit_entries(panel.db, before_id=entries[1].id, limit=2)
    assert [e.id for e in older] == [entries[2].id, entries[3].id]
    about = audit.audit_entries(panel.db, subject_uuid=panel.candidate.uuid)
    assert [e.action for e in about] == ["candidate.added"]
    audit.log_event(panel.db, "bundle.exported", "bundle", None, "3 scorecards", actor="Ada")
    assert audit.audit_entries(panel.db, limit=1)[0].actor == "Ada"


def test_the_audit_service_has_no_way_to_change_history() -> None:
    public = {name for name in dir(audit) if not name.startswith("_")}
    assert not {name for name in public if "delete" in name or "update" in name}
