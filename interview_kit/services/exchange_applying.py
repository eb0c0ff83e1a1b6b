"""Applying an import: re-plan inside one write transaction and apply the plan only if
it is clean; a conflict, an unknown rubric version or an unknown candidate writes nothing."""

from __future__ import annotations

import uuid as uuid_module
from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from interview_kit.domain.scorecard import ScorecardStatus
from interview_kit.domain.scorecard_content import ScorecardChanges, check_changes
from interview_kit.exchange.formats import (
    AmendmentRecord,
    CandidateRecord,
    PanelPack,
    RubricRecord,
    ScorecardBundle,
    ScorecardRecord,
)
from interview_kit.exchange.merge import BundlePlan, ChangeAction, PackPlan, Plan
from interview_kit.exchange.sealing import FileKind
from interview_kit.exchange.signing import fingerprint
from interview_kit.services import audit, summaries
from interview_kit.services.candidates import erase_candidate_in
from interview_kit.services.errors import InvalidInputError, StaleEditError
from interview_kit.services.exchange_keys import register_key
from interview_kit.services.exchange_messages import ImportProblemError, refuse_unless_clean
from interview_kit.services.exchange_planning import (
    NO_RESOLUTIONS,
    OpenedFile,
    Resolutions,
    open_exchange_file,
    plan_payload,
    preview_import,
    public_bundle,
)
from interview_kit.services.exchange_records import chunks
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import cache_rubric, first_active_version_id, load_version
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    AssignmentRow,
    AuditRow,
    CandidateRow,
    CandidateSummaryRow,
    ExchangePeerRow,
    ExchangeResolutionRow,
    ExerciseNoteRow,
    InterviewerRow,
    ObservationRow,
    RatingRow,
    RubricRow,
    RubricVersionRow,
    ScorecardRow,
)
from interview_kit.storage.tables import NAME_LENGTH, search_key, utc_now

UNASSIGNED_DRAFT = "scorecard.unassigned_draft"
"""The audit action that marks a draft whose assignment a pack took away."""

_PG_IMPORT_LOCK = 0x494B_5843
"""Advisory lock key ("IKXC"): imports into one PostgreSQL database run one at a time."""


def apply_import(
    db: Database,
    opened: OpenedFile,
    *,
    expected_fingerprint: str | None = None,
    actor: str | None = None,
    resolutions: Resolutions = NO_RESOLUTIONS,
) -> Plan:
    """Import the file in one transaction, or raise and write nothing.

    ``expected_fingerprint`` is :meth:`Plan.fingerprint` of the preview the user agreed
    to; if the database changed since so that the plan differs, :class:`StaleEditError`.
    ``resolutions`` settle conflicts; a conflict they leave open refuses the whole file.
    An import that changes nothing writes nothing, not even an audit line.
    """
    who = actor or db.actor
    with db.write() as session:
        _serialise_imports(session)
        plan = plan_payload(db, session, opened.payload, resolutions)
        refuse_unless_clean(plan)
        if expected_fingerprint is not None and plan.fingerprint() != expected_fingerprint:
            raise StaleEditError(
                "the database changed since the preview; review what the import will change "
                "and confirm again"
            )
        if isinstance(plan, PackPlan):
            assert isinstance(opened.payload, PanelPack)
            _apply_pack(db, session, opened.payload, plan, who)
        else:
            assert isinstance(plan, BundlePlan)
            assert isinstance(opened.payload, ScorecardBundle)
            _apply_bundle(db, session, opened.payload, plan, who)
        return plan


def import_file(
    db: Database,
    path: Path | str,
    passphrase: str,
    *,
    expected: FileKind | None = None,
    dry_run: bool = False,
    actor: str | None = None,
    resolutions: Resolutions = NO_RESOLUTIONS,
) -> Plan:
    """Open and import in one call (the command line); ``dry_run`` only plans."""
    opened = open_exchange_file(path, passphrase, expected=expected)
    if dry_run:
        plan = preview_import(db, opened, resolutions)
        refuse_unless_clean(plan)
        return plan
    return apply_import(db, opened, actor=actor, resolutions=resolutions)


def _serialise_imports(session: Session) -> None:
    """On PostgreSQL, one import at a time (SQLite's write lock already does this)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_IMPORT_LOCK})


def _apply_pack(db: Database, session: Session, pack: PanelPack, plan: PackPlan, who: str) -> None:
    if not plan.has_changes:
        return  # the same pack again: nothing to write, not even an audit line
    incoming = pack.interviewer
    if plan.interviewer_action is ChangeAction.CREATE:
        interviewer = InterviewerRow(
            uuid=incoming.uuid,
            name=incoming.name,
            name_key=search_key(incoming.name)[:NAME_LENGTH],
            email=incoming.email,
            role_title=incoming.role_title,
        )
        session.add(interviewer)
        session.flush()
        audit.append(session, who, "interviewer.added", "interviewer", incoming.uuid, "from pack")
    else:
        interviewer = load_interviewer_row(session, incoming.uuid)
        if plan.interviewer_action is ChangeAction.UPDATE:
            interviewer.name, interviewer.email = incoming.name, incoming.email
            interviewer.role_title = incoming.role_title
            interviewer.name_key = search_key(incoming.name)[:NAME_LENGTH]
            interviewer.updated_at = utc_now()
            audit.append(
                session, who, "interviewer.updated", "interviewer", incoming.uuid, "from pack"
            )

    for record in plan.new_rubrics:
        _add_rubric_version(db, session, record, pack.created_by or who, who)
    for record in plan.activate:
        parent, version = session.execute(
            select(RubricRow, RubricVersionRow.version)
            .join(RubricVersionRow, RubricVersionRow.rubric_id == RubricRow.id)
            .where(RubricVersionRow.content_hash == record.content_hash)
        ).one()
        if parent.active_version != version:
            parent.active_version = version
            audit.append(
                session, who, "rubric.activated", "rubric", None, f"{parent.key} v{version}"
            )
    session.flush()

    version_ids = dict(
        session.execute(
            select(RubricVersionRow.content_hash, RubricVersionRow.id).where(
                RubricVersionRow.content_hash.in_([r.content_hash for r in pack.rubrics])
            )
        ).all()
    )
    default_version = first_active_version_id(session)

    def pinned(candidate: CandidateRecord) -> int | None:
        if candidate.rubric_hash is None:
            return default_version
        return version_ids[candidate.rubric_hash]

    for candidate in plan.new_candidates:
        row = CandidateRow(
            uuid=candidate.uuid,
            email="",
            notes="",
            rubric_version_id=pinned(candidate),
        )
        _copy_candidate(row, candidate)
        session.add(row)
        session.add(CandidateSummaryRow(candidate=row, submitted_count=0))
        audit.append(session, who, "candidate.added", "candidate", candidate.uuid, "from pack")
    for candidate in plan.updated_candidates:
        row = session.scalars(
            select(CandidateRow).where(CandidateRow.uuid == candidate.uuid).with_for_update()
        ).one()
        _copy_candidate(row, candidate)
        row.rubric_version_id = pinned(candidate)
        row.updated_at = utc_now()
        audit.append(session, who, "candidate.updated", "candidate", candidate.uuid, "from pack")
    session.flush()

    ids: dict[str, int] = {}
    for chunk in chunks([a.candidate_uuid for a in plan.new_assignments]):
        ids.update(
            session.execute(
                select(CandidateRow.uuid, CandidateRow.id).where(CandidateRow.uuid.in_(chunk))
            ).all()
        )
    for assignment in plan.new_assignments:
        session.add(
            AssignmentRow(
                candidate_id=ids[assignment.candidate_uuid],
                stage_id=assignment.stage_id,
                interviewer_id=interviewer.id,
            )
        )
    session.flush()
    _remove_assignments(session, plan, interviewer.id, who)

    source = f"pack {pack.pack_uuid}"
    own = plan.scorecards
    added: list[ScorecardRecord] = []
    if own is not None and own.has_changes:
        as_bundle = public_bundle(pack.own_bundle())
        _check_amendments(db, session, as_bundle, own)
        added, touched = _store_scorecards(session, own, interviewer.id, who, source)
        for card in added:
            audit.append(session, who, "scorecard.imported", "scorecard", card.uuid, source)
        summaries.refresh_many(db, session, touched)

    for candidate_uuid in plan.erase:
        erase_candidate_in(db, session, candidate_uuid, who)

    if plan.sequence is not None:
        peer = session.get(ExchangePeerRow, incoming.uuid)
        if peer is None:
            peer = ExchangePeerRow(
                person_uuid=incoming.uuid, key_confirmed_by="", packs_made=0, last_pack_read=0
            )
            session.add(peer)
        peer.last_pack_read = max(peer.last_pack_read, plan.sequence)
    audit.append(
        session,
        who,
        "exchange.pack_imported",
        "interviewer",
        incoming.uuid,
        f"pack {pack.pack_uuid}"
        + (f" (number {plan.sequence})" if plan.sequence is not None else "")
        + f" made by {pack.created_by or 'unknown'}: "
        f"{len(plan.new_candidates)} candidates added, {len(plan.updated_candidates)} updated, "
        f"{len(plan.new_assignments)} assignments added, "
        f"{len(plan.removed_assignments)} removed, "
        f"{len(plan.new_rubrics)} rubric versions added, "
        f"{len(added)} own scorecards restored, {len(plan.erase)} candidates erased",
    )


def _remove_assignments(session: Session, plan: PackPlan, interviewer_id: int, who: str) -> None:
    """Assignments taken away on the recruiter's side disappear; a draft under one stays
    (the interviewer's own words), and the audit log marks it as no longer assigned."""
    for removed in plan.removed_assignments:
        candidate = session.scalars(
            select(CandidateRow).where(CandidateRow.uuid == removed.candidate_uuid)
        ).one()
        row = session.scalars(
            select(AssignmentRow).where(
                AssignmentRow.candidate_id == candidate.id,
                AssignmentRow.stage_id == removed.stage_id,
                AssignmentRow.interviewer_id == interviewer_id,
            )
        ).one_or_none()
        if row is None:
            continue
        session.delete(row)
        audit.append(
            session,
            who,
            "assignment.removed",
            "candidate",
            removed.candidate_uuid,
            f"{removed.stage_id}: interviewer {removed.interviewer_uuid} (from pack)",
        )
        draft = session.scalars(
            select(ScorecardRow.uuid).where(
                ScorecardRow.candidate_id == candidate.id,
                ScorecardRow.stage_id == removed.stage_id,
                ScorecardRow.interviewer_id == interviewer_id,
                ScorecardRow.status == ScorecardStatus.DRAFT.value,
            )
        ).one_or_none()
        if draft is not None:
            audit.append(
                session,
                who,
                UNASSIGNED_DRAFT,
                "scorecard",
                draft,
                f"{removed.stage_id}: assignment taken away; draft kept",
            )
    session.flush()


def _copy_candidate(row: CandidateRow, candidate: CandidateRecord) -> None:
    row.name = candidate.name
    row.source = candidate.source.value
    row.origin_path = candidate.origin_path.value
    row.role_title = candidate.role_title
    row.status = candidate.status.value
    row.stage_id = candidate.stage_id
    row.name_key = search_key(candidate.name)[:NAME_LENGTH]
    row.search_key = search_key(candidate.name)


def _add_rubric_version(
    db: Database, session: Session, record: RubricRecord, created_by: str, who: str
) -> None:
    from interview_kit.domain.rubric import parse_rubric

    rubric = parse_rubric(record.content, f"{record.rubric_id} v{record.version}")
    parent = session.scalars(
        select(RubricRow).where(RubricRow.key == record.rubric_id).with_for_update()
    ).one_or_none()
    number = record.version
    if parent is None:
        parent = RubricRow(key=record.rubric_id, name=rubric.name, active_version=number)
        session.add(parent)
        session.flush()
    else:
        taken = session.scalar(
            select(RubricVersionRow.id).where(
                RubricVersionRow.rubric_id == parent.id, RubricVersionRow.version == number
            )
        )
        if taken is not None:
            number = (
                session.scalar(
                    select(func.max(RubricVersionRow.version)).where(
                        RubricVersionRow.rubric_id == parent.id
                    )
                )
                or 0
            ) + 1
    session.add(
        RubricVersionRow(
            rubric_id=parent.id,
            version=number,
            content_hash=record.content_hash,
            content=record.content,
            name=rubric.name,
            role_title=rubric.role_title,
            created_by=created_by[:NAME_LENGTH],
        )
    )
    session.flush()
    cache_rubric(db, record.content_hash, rubric)
    audit.append(
        session,
        who,
        "rubric.version_created",
        "rubric",
        None,
        f"{record.rubric_id} v{number} {record.content_hash[:12]} from pack",
    )


def _check_amendments(
    db: Database, session: Session, bundle: ScorecardBundle, plan: BundlePlan
) -> None:
    """Amendment changes are checked against the scorecard's rubric like a local one."""
    by_uuid = {card.uuid: card for card in bundle.scorecards}
    pending = [(card.uuid, a) for card in plan.new_scorecards for a in card.amendments]
    pending.extend((card.uuid, a) for card in plan.submitted_drafts for a in card.amendments)
    pending.extend(plan.new_amendments)
    problems = []
    hashes = {by_uuid[uuid].rubric_hash for uuid, _ in pending}
    rubrics = {}
    for version_id in session.scalars(
        select(RubricVersionRow.id).where(RubricVersionRow.content_hash.in_(sorted(hashes)))
    ):
        loaded = load_version(db, session, version_id)
        rubrics[loaded.info.content_hash] = loaded.rubric
    for scorecard_uuid, amendment in pending:
        card = by_uuid[scorecard_uuid]
        try:
            changes = ScorecardChanges.from_json(amendment.changes)
            check_changes(rubrics[card.rubric_hash], card.stage_id, changes)
        except (InvalidInputError, ValueError, TypeError, AttributeError) as exc:
            problems.append(f"amendment #{amendment.sequence} of scorecard {card.uuid}: {exc}")
    if problems:
        raise ImportProblemError(
            f"the file cannot be imported: {problems[0]}. Nothing was imported.",
            BundlePlan(kind=plan.kind, origin=plan.origin, problems=tuple(problems)),
        )


def _apply_bundle(
    db: Database, session: Session, bundle: ScorecardBundle, plan: BundlePlan, who: str
) -> None:
    if plan.register_key is not None:
        register_key(session, bundle.interviewer.uuid, plan.register_key, who)
        audit.append(
            session,
            who,
            "interviewer.key_registered",
            "interviewer",
            bundle.interviewer.uuid,
            f"signing key {fingerprint(plan.register_key)} from bundle {bundle.bundle_uuid}",
        )
    if not plan.has_changes:
        return  # the same file again, or only discarded records: nothing to write
    _check_amendments(db, session, public_bundle(bundle), plan)
    incoming = bundle.interviewer
    if plan.create_interviewer:
        session.add(
            InterviewerRow(
                uuid=incoming.uuid,
                name=incoming.name,
                name_key=search_key(incoming.name)[:NAME_LENGTH],
                email=incoming.email,
                role_title=incoming.role_title,
            )
        )
        session.flush()
        audit.append(session, who, "interviewer.added", "interviewer", incoming.uuid, "from bundle")
    interviewer_id = load_interviewer_row(session, incoming.uuid).id
    source = f"bundle {bundle.bundle_uuid}"
    cards, touched_candidates = _store_scorecards(session, plan, interviewer_id, who, source)

    now = utc_now()
    entries = [
        {
            "at": now,
            "actor": who,
            "action": "scorecard.imported",
            "subject_type": "scorecard",
            "subject_uuid": card.uuid,
            "detail": source,
        }
        for card in cards
    ]
    entries.extend(
        {
            "at": now,
            "actor": who,
            "action": "scorecard.amended",
            "subject_type": "scorecard",
            "subject_uuid": uuid,
            "detail": f"amendment {a.sequence} from {source}",
        }
        for uuid, a in plan.new_amendments
    )
    entries.append(
        {
            "at": now,
            "actor": who,
            "action": "exchange.bundle_imported",
            "subject_type": "interviewer",
            "subject_uuid": incoming.uuid,
            "detail": (
                f"bundle {bundle.bundle_uuid} made by {bundle.created_by or 'unknown'}: "
                f"{len(plan.new_scorecards)} scorecards added, "
                f"{len(plan.submitted_drafts)} drafts replaced, "
                f"{len(plan.new_amendments)} amendments added, "
                f"{plan.count('scorecard', ChangeAction.UNCHANGED)} unchanged, "
                f"{len(plan.settlements)} conflicts settled, "
                f"{plan.erased_discarded} discarded for erased candidates"
            ),
        }
    )
    session.execute(insert(AuditRow), entries)
    summaries.refresh_many(db, session, touched_candidates)


def _store_scorecards(
    session: Session, plan: BundlePlan, interviewer_id: int, who: str, source: str
) -> tuple[list[ScorecardRecord], set[int]]:
    """Write a plan's scorecards, amendments and settled conflicts; returns the scorecards
    added and the candidates touched (whose summaries need a refresh)."""
    taken_over = [s for s in plan.settlements if s.replace_draft is not None]
    if plan.submitted_drafts or taken_over:
        replaced = [card.uuid for card in plan.submitted_drafts]
        replaced.extend(s.scorecard_uuid for s in taken_over)
        for row in session.scalars(select(ScorecardRow).where(ScorecardRow.uuid.in_(replaced))):
            session.delete(row)
        session.flush()
    cards = list(plan.new_scorecards) + list(plan.submitted_drafts)
    cards.extend(s.replace_draft for s in taken_over if s.replace_draft is not None)
    touched_candidates: set[int] = set()
    if cards:
        touched_candidates |= _insert_scorecards(session, cards, interviewer_id)

    if plan.new_amendments:
        owners = dict(
            session.execute(
                select(ScorecardRow.uuid, ScorecardRow.id).where(
                    ScorecardRow.uuid.in_(sorted({uuid for uuid, _ in plan.new_amendments}))
                )
            ).all()
        )
        session.execute(
            insert(AmendmentRow),
            [_amendment_values(owners[uuid], a) for uuid, a in plan.new_amendments],
        )
        touched_candidates.update(
            session.scalars(
                select(ScorecardRow.candidate_id).where(ScorecardRow.id.in_(list(owners.values())))
            )
        )
    touched_candidates |= settle_conflicts(session, plan, who, source)
    return cards, touched_candidates


def settle_conflicts(session: Session, plan: BundlePlan, who: str, source: str) -> set[int]:
    """Write what each settled conflict needs (its reconciling amendment) and remember the
    incoming records it settled; each choice is audited. Returns the candidates touched."""
    touched: set[int] = set()
    now = utc_now()
    for settlement in plan.settlements:
        row = session.scalars(
            select(ScorecardRow).where(ScorecardRow.uuid == settlement.scorecard_uuid)
        ).one_or_none()
        if settlement.reconcile is not None and row is not None:
            session.add(
                AmendmentRow(
                    uuid=str(uuid_module.uuid4()),
                    scorecard_id=row.id,
                    sequence=settlement.through_sequence,
                    amended_by=who[:NAME_LENGTH],
                    amended_by_uuid=None,
                    reason=(f"Import conflict settled: took the incoming version from {source}"),
                    changes=settlement.reconcile.to_json(private=False),
                    created_at=now,
                )
            )
        if row is not None:
            touched.add(row.candidate_id)
        for key in settlement.settled_keys:
            session.add(
                ExchangeResolutionRow(
                    scorecard_uuid=settlement.scorecard_uuid,
                    incoming_key=key,
                    resolution=settlement.resolution.value,
                    through_sequence=settlement.through_sequence,
                    resolved_by=who[:NAME_LENGTH],
                    resolved_at=now,
                )
            )
        if not settlement.settled_keys:
            session.add(
                ExchangeResolutionRow(
                    scorecard_uuid=settlement.scorecard_uuid,
                    incoming_key=f"through:{settlement.scorecard_uuid}:{uuid_module.uuid4()}",
                    resolution=settlement.resolution.value,
                    through_sequence=settlement.through_sequence,
                    resolved_by=who[:NAME_LENGTH],
                    resolved_at=now,
                )
            )
        audit.append(
            session,
            who,
            "exchange.conflict_settled",
            "scorecard",
            settlement.scorecard_uuid,
            f"{settlement.conflict.key}: {settlement.resolution.value} ({source})",
        )
    session.flush()
    return touched


def _insert_scorecards(
    session: Session, cards: Sequence[ScorecardRecord], interviewer_id: int
) -> set[int]:
    """Bulk insert as drafts, children, then submit: the guards refuse children of a
    submitted scorecard, so the status is set last, as when an interviewer submits."""
    candidate_ids: dict[str, int] = {}
    for chunk in chunks(sorted({card.candidate_uuid for card in cards})):
        candidate_ids.update(
            session.execute(
                select(CandidateRow.uuid, CandidateRow.id).where(CandidateRow.uuid.in_(chunk))
            ).all()
        )
    version_ids = dict(
        session.execute(
            select(RubricVersionRow.content_hash, RubricVersionRow.id).where(
                RubricVersionRow.content_hash.in_(sorted({c.rubric_hash for c in cards}))
            )
        ).all()
    )
    now = utc_now()
    rows = session.execute(
        insert(ScorecardRow).returning(
            ScorecardRow.id, ScorecardRow.uuid, sort_by_parameter_order=True
        ),
        [
            {
                "uuid": card.uuid,
                "candidate_id": candidate_ids[card.candidate_uuid],
                "stage_id": card.stage_id,
                "interviewer_id": interviewer_id,
                "rubric_version_id": version_ids[card.rubric_hash],
                "status": ScorecardStatus.DRAFT.value,
                "level_evidence": card.level_evidence,
                "vote": None if card.vote is None else card.vote.value,
                "summary": card.summary,
                "created_at": card.created_at,
                "updated_at": now,
                "submitted_at": None,
            }
            for card in cards
        ],
    ).all()
    ids = {uuid: row_id for row_id, uuid in rows}
    ratings: list[dict[str, Any]] = []
    observations: list[dict[str, Any]] = []
    notes: list[dict[str, Any]] = []
    for card in cards:
        scorecard_id = ids[card.uuid]
        ratings.extend(
            {
                "scorecard_id": scorecard_id,
                "criterion_id": r.criterion_id,
                "position": position,
                "rating": r.rating,
                "evidence": r.evidence,
            }
            for position, r in enumerate(card.ratings)
        )
        for kind, items in (("signal", card.signals), ("red_flag", card.red_flags)):
            observations.extend(
                {
                    "scorecard_id": scorecard_id,
                    "kind": kind,
                    "item_id": item.item_id,
                    "position": position,
                    "evidence": item.evidence,
                }
                for position, item in enumerate(items)
            )
        notes.extend(
            {"scorecard_id": scorecard_id, "exercise_id": key, "notes": value}
            for key, value in card.exercise_notes.items()
        )
    for table, values in (
        (RatingRow, ratings),
        (ObservationRow, observations),
        (ExerciseNoteRow, notes),
    ):
        if values:
            session.execute(insert(table), values)
    scorecards = cast(Table, ScorecardRow.__table__)
    session.connection().execute(
        update(scorecards)
        .where(scorecards.c.id == bindparam("row_id"))
        .values(status=ScorecardStatus.SUBMITTED.value, submitted_at=bindparam("submitted")),
        [{"row_id": ids[card.uuid], "submitted": card.submitted_at} for card in cards],
    )
    amendments = [
        _amendment_values(ids[card.uuid], amendment)
        for card in cards
        for amendment in card.amendments
    ]
    if amendments:
        session.execute(insert(AmendmentRow), amendments)
    return {candidate_ids[card.candidate_uuid] for card in cards}


def _amendment_values(scorecard_id: int, amendment: AmendmentRecord) -> dict[str, Any]:
    return {
        "uuid": amendment.uuid,
        "scorecard_id": scorecard_id,
        "sequence": amendment.sequence,
        "amended_by": amendment.amended_by[:NAME_LENGTH],
        "amended_by_uuid": amendment.amended_by_uuid,
        "reason": amendment.reason,
        "changes": amendment.changes,
        "created_at": amendment.created_at,
    }
