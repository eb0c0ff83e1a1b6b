"""Import planning: open a pack or bundle (decrypt and validate, no database touched) and
work out what importing it would change against what is stored. Nothing here writes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import ScorecardStatus
from interview_kit.exchange.errors import ExchangeFileError, FileProblem
from interview_kit.exchange.formats import (
    CandidateRecord,
    PanelPack,
    Payload,
    ScorecardBundle,
    decode,
)
from interview_kit.exchange.merge import (
    BundleTarget,
    HeldScorecard,
    PackTarget,
    Plan,
    Resolution,
    card_key,
    plan_bundle,
    plan_pack,
)
from interview_kit.exchange.sealing import FileKind, unseal
from interview_kit.exchange.sealing import read_kind as _read_kind
from interview_kit.exchange.signing import verify_bundle
from interview_kit.services.errors import InvalidInputError, NotFoundError
from interview_kit.services.exchange_keys import registered_key
from interview_kit.services.exchange_messages import ExchangeError
from interview_kit.services.exchange_records import chunks, interviewer_record, scorecard_record
from interview_kit.services.rubrics import load_version
from interview_kit.services.scorecard_reads import load_scorecards
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    AssignmentRow,
    AuditRow,
    CandidateRow,
    ExchangePeerRow,
    ExchangeResolutionRow,
    InterviewerRow,
    RubricRow,
    RubricVersionRow,
    ScorecardRow,
)


@dataclass(frozen=True)
class OpenedFile:
    """A decrypted, validated file, ready to preview and import (no database touched)."""

    path: Path | None
    kind: FileKind
    payload: Payload
    signer: str | None = None
    """The public key whose signature the file carries and matches (bundles)."""


def read_file_kind(path: Path | str) -> FileKind:
    """Which kind of file this is, without the passphrase (for drag and drop)."""
    source = Path(path)
    data = _read_bytes(source)
    try:
        return _read_kind(data)[0]
    except ExchangeFileError as exc:
        raise ExchangeError(source, exc.problem, exc.message, exc.details) from None


def open_exchange_file(
    path: Path | str, passphrase: str, *, expected: FileKind | None = None
) -> OpenedFile:
    """Decrypt and validate a pack or bundle; :class:`ExchangeError` says what is wrong."""
    source = Path(path)
    return open_exchange_bytes(_read_bytes(source), passphrase, expected=expected, path=source)


def open_exchange_bytes(
    data: bytes,
    passphrase: str,
    *,
    expected: FileKind | None = None,
    path: Path | None = None,
) -> OpenedFile:
    try:
        unsealed = unseal(data, passphrase, expected)
        payload = decode(unsealed.kind, unsealed.payload)
        signer = verify_bundle(payload) if isinstance(payload, ScorecardBundle) else None
    except ExchangeFileError as exc:
        raise ExchangeError(path, exc.problem, exc.message, exc.details) from None
    return OpenedFile(path=path, kind=unsealed.kind, payload=payload, signer=signer)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFoundError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ExchangeError(
            path, FileProblem.UNREADABLE, "is a folder, not a pack or bundle"
        ) from None
    except OSError as exc:
        raise ExchangeError(
            path, FileProblem.UNREADABLE, f"cannot be read ({exc.strerror or exc})"
        ) from None


@dataclass(frozen=True)
class Resolutions:
    """A person's choices for an import's conflicts: one for all (``--resolve``) and one
    per conflict key (``--resolutions``, as the preview lists the conflicts)."""

    everything: Resolution | None = None
    by_key: Mapping[str, Resolution] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: object) -> Resolutions:
        """``{"conflict key": "keep-stored", ...}`` or the preview's own JSON (its
        ``conflicts`` list, each with ``key`` and a chosen ``resolution``)."""
        if isinstance(data, dict) and isinstance(data.get("conflicts"), list):
            pairs = [
                (entry.get("key"), entry.get("resolution"))
                for entry in data["conflicts"]
                if isinstance(entry, dict) and entry.get("resolution") is not None
            ]
        elif isinstance(data, dict):
            pairs = list(data.items())
        else:
            raise InvalidInputError(
                "resolutions must be a JSON object of conflict key -> keep-stored, "
                "take-incoming or keep-both"
            )
        chosen: dict[str, Resolution] = {}
        for key, value in pairs:
            if not isinstance(key, str) or not key:
                raise InvalidInputError("each resolution needs the conflict's key (a text)")
            try:
                chosen[key] = Resolution(str(value))
            except ValueError:
                raise InvalidInputError(
                    f"resolution for {key} must be keep-stored, take-incoming or keep-both, "
                    f"not {value!r}"
                ) from None
        return cls(by_key=chosen)


NO_RESOLUTIONS = Resolutions()


def preview_import(
    db: Database, opened: OpenedFile, resolutions: Resolutions = NO_RESOLUTIONS
) -> Plan:
    """What importing the file would change; nothing is written."""
    with db.read() as session:
        return plan_payload(db, session, opened.payload, resolutions)


def plan_payload(
    db: Database, session: Session, payload: Payload, resolutions: Resolutions = NO_RESOLUTIONS
) -> Plan:
    if isinstance(payload, PanelPack):
        return plan_pack(
            payload,
            _pack_target(db, session, payload),
            resolutions.by_key,
            everything=resolutions.everything,
        )
    bundle = public_bundle(payload)
    target = bundle_target(db, session, bundle)
    target = replace(
        target,
        signer_key=None if bundle.signature is None else bundle.signature.public_key,
        registered_key=registered_key(session, bundle.interviewer.uuid),
    )
    return plan_bundle(
        bundle,
        target,
        resolutions.by_key,
        everything=resolutions.everything,
    )


def _pack_target(db: Database, session: Session, pack: PanelPack) -> PackTarget:
    interviewer = session.scalars(
        select(InterviewerRow).where(InterviewerRow.uuid == pack.interviewer.uuid)
    ).one_or_none()
    uuids = [candidate.uuid for candidate in pack.candidates]
    candidates: dict[str, CandidateRecord] = {}
    for chunk in chunks(uuids):
        for row, content_hash in session.execute(
            select(CandidateRow, RubricVersionRow.content_hash)
            .outerjoin(RubricVersionRow, RubricVersionRow.id == CandidateRow.rubric_version_id)
            .where(CandidateRow.uuid.in_(chunk))
        ):
            candidates[row.uuid] = CandidateRecord(
                uuid=row.uuid,
                name=row.name,
                source=row.source,
                origin_path=row.origin_path,
                role_title=row.role_title,
                status=row.status,
                stage_id=row.stage_id,
                rubric_hash=content_hash,
            )
    hashes = [rubric.content_hash for rubric in pack.rubrics]
    known = set(
        session.scalars(
            select(RubricVersionRow.content_hash).where(RubricVersionRow.content_hash.in_(hashes))
        )
    )
    active = set(
        session.scalars(
            select(RubricVersionRow.content_hash)
            .join(RubricRow, RubricRow.id == RubricVersionRow.rubric_id)
            .where(RubricVersionRow.version == RubricRow.active_version)
        )
    )
    held: set[tuple[str, str, str]] = set()
    if interviewer is not None:
        for chunk in chunks(uuids):
            held.update(
                (candidate_uuid, stage_id, interviewer.uuid)
                for candidate_uuid, stage_id in session.execute(
                    select(CandidateRow.uuid, AssignmentRow.stage_id)
                    .join(CandidateRow, CandidateRow.id == AssignmentRow.candidate_id)
                    .where(
                        AssignmentRow.interviewer_id == interviewer.id,
                        CandidateRow.uuid.in_(chunk),
                    )
                )
            )
    removed_uuids = sorted({a.candidate_uuid for a in pack.removed_assignments})
    drafts: dict[tuple[str, str], str] = {}
    if interviewer is not None:
        for chunk in chunks(removed_uuids):
            held.update(
                (candidate_uuid, stage_id, interviewer.uuid)
                for candidate_uuid, stage_id in session.execute(
                    select(CandidateRow.uuid, AssignmentRow.stage_id)
                    .join(CandidateRow, CandidateRow.id == AssignmentRow.candidate_id)
                    .where(
                        AssignmentRow.interviewer_id == interviewer.id,
                        CandidateRow.uuid.in_(chunk),
                    )
                )
            )
            for candidate_uuid, stage_id, scorecard_uuid in session.execute(
                select(CandidateRow.uuid, ScorecardRow.stage_id, ScorecardRow.uuid)
                .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
                .where(
                    ScorecardRow.interviewer_id == interviewer.id,
                    ScorecardRow.status == ScorecardStatus.DRAFT.value,
                    CandidateRow.uuid.in_(chunk),
                )
            ):
                drafts[(candidate_uuid, stage_id)] = scorecard_uuid
            for chunk_rows in session.execute(
                select(CandidateRow).where(CandidateRow.uuid.in_(chunk))
            ).scalars():
                candidates.setdefault(
                    chunk_rows.uuid,
                    CandidateRecord(
                        uuid=chunk_rows.uuid,
                        name=chunk_rows.name,
                        source=chunk_rows.source,
                        origin_path=chunk_rows.origin_path,
                        role_title=chunk_rows.role_title,
                        status=chunk_rows.status,
                        stage_id=chunk_rows.stage_id,
                    ),
                )
    erasable: dict[str, str] = {}
    for chunk in chunks(list(pack.erased_candidates)):
        erasable.update(
            session.execute(
                select(CandidateRow.uuid, CandidateRow.name).where(CandidateRow.uuid.in_(chunk))
            ).all()
        )
    peer = session.get(ExchangePeerRow, pack.interviewer.uuid)
    scorecards = None
    if pack.scorecards:
        as_bundle = pack.own_bundle()
        scorecards = bundle_target(db, session, as_bundle)
    return PackTarget(
        interviewer=None if interviewer is None else interviewer_record(interviewer),
        candidates=candidates,
        rubric_hashes=frozenset(known),
        active_hashes=frozenset(active),
        assignments=frozenset(held),
        erasable=erasable,
        drafts_under=drafts,
        last_pack_read=0 if peer is None else peer.last_pack_read,
        scorecards=scorecards,
    )


def public_bundle(bundle: ScorecardBundle) -> ScorecardBundle:
    """The bundle with any private-note change taken out of its amendments (a file from
    a careless writer must not plant them here)."""
    if not any(
        "private_notes" in amendment.changes
        for card in bundle.scorecards
        for amendment in card.amendments
    ):
        return bundle
    cards = tuple(
        card.model_copy(
            update={
                "amendments": tuple(
                    a.model_copy(update={"changes": _public_changes(a.changes)})
                    for a in card.amendments
                )
            }
        )
        for card in bundle.scorecards
    )
    return bundle.model_copy(update={"scorecards": cards})


def _public_changes(changes: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in changes.items() if key != "private_notes"}


def erased_candidates(session: Session, uuids: Sequence[str] | None = None) -> set[str]:
    """Uuids of candidates erased here (the audit log keeps that an erasure happened), of
    ``uuids`` or all of them."""
    query = select(AuditRow.subject_uuid).where(AuditRow.action == "candidate.erased")
    if uuids is None:
        return {uuid for uuid in session.scalars(query) if uuid}
    found: set[str] = set()
    for chunk in chunks(list(uuids)):
        found.update(u for u in session.scalars(query.where(AuditRow.subject_uuid.in_(chunk))) if u)
    return found


def _held(session: Session, uuids: Sequence[str], into: dict[str, HeldScorecard]) -> None:
    for chunk in chunks(list(uuids)):
        for loaded in load_scorecards(session, ScorecardRow.uuid.in_(chunk)):
            if loaded.status is ScorecardStatus.SUBMITTED:
                into[loaded.uuid] = HeldScorecard(scorecard_record(loaded), loaded.interviewer_name)
            else:
                into[loaded.uuid] = HeldScorecard(None, loaded.interviewer_name)


def bundle_target(db: Database, session: Session, bundle: ScorecardBundle) -> BundleTarget:
    """What this database holds under a bundle's keys (the pack's scorecards use it too)."""
    uuids = [card.uuid for card in bundle.scorecards]
    stored: dict[str, HeldScorecard] = {}
    _held(session, uuids, stored)

    candidate_uuids = sorted({card.candidate_uuid for card in bundle.scorecards})
    candidates: dict[str, str] = {}
    slots: dict[tuple[str, str, str], str] = {}
    for chunk in chunks(candidate_uuids):
        candidates.update(
            session.execute(
                select(CandidateRow.uuid, CandidateRow.name).where(CandidateRow.uuid.in_(chunk))
            ).all()
        )
        for candidate_uuid, stage_id, scorecard_uuid in session.execute(
            select(CandidateRow.uuid, ScorecardRow.stage_id, ScorecardRow.uuid)
            .join(CandidateRow, CandidateRow.id == ScorecardRow.candidate_id)
            .join(InterviewerRow, InterviewerRow.id == ScorecardRow.interviewer_id)
            .where(
                CandidateRow.uuid.in_(chunk),
                InterviewerRow.uuid == bundle.interviewer.uuid,
            )
        ):
            slots[(candidate_uuid, stage_id, bundle.interviewer.uuid)] = scorecard_uuid

    _held(session, sorted(set(slots.values()) - set(stored)), stored)

    candidate_rubrics: dict[str, str | None] = {}
    for chunk in chunks(candidate_uuids):
        candidate_rubrics.update(
            session.execute(
                select(CandidateRow.uuid, RubricVersionRow.content_hash)
                .outerjoin(RubricVersionRow, RubricVersionRow.id == CandidateRow.rubric_version_id)
                .where(CandidateRow.uuid.in_(chunk))
            ).all()
        )

    rubrics: dict[str, Rubric] = {}
    labels: dict[str, str] = {}
    hashes = sorted(
        {card.rubric_hash for card in bundle.scorecards}
        | {h for h in candidate_rubrics.values() if h}
    )
    if hashes:
        for version_id, content_hash, key, number in session.execute(
            select(
                RubricVersionRow.id,
                RubricVersionRow.content_hash,
                RubricRow.key,
                RubricVersionRow.version,
            )
            .join(RubricRow, RubricRow.id == RubricVersionRow.rubric_id)
            .where(RubricVersionRow.content_hash.in_(hashes))
        ):
            labels[content_hash] = f"{key} v{number}"
            loaded_rubric = load_version(db, session, version_id)
            rubrics[loaded_rubric.info.content_hash] = loaded_rubric.rubric

    amendment_uuids = [a.uuid for card in bundle.scorecards for a in card.amendments]
    owners: dict[str, str] = {}
    for chunk in chunks(amendment_uuids):
        owners.update(
            session.execute(
                select(AmendmentRow.uuid, ScorecardRow.uuid)
                .join(ScorecardRow, ScorecardRow.id == AmendmentRow.scorecard_id)
                .where(AmendmentRow.uuid.in_(chunk))
            ).all()
        )
    interviewer = session.scalars(
        select(InterviewerRow).where(InterviewerRow.uuid == bundle.interviewer.uuid)
    ).one_or_none()
    incoming_keys = [card_key(card) for card in bundle.scorecards] + amendment_uuids
    settled: set[str] = set()
    for chunk in chunks(incoming_keys):
        settled.update(
            session.scalars(
                select(ExchangeResolutionRow.incoming_key).where(
                    ExchangeResolutionRow.incoming_key.in_(chunk)
                )
            )
        )
    through: dict[str, int] = {}
    for chunk in chunks(sorted(set(uuids) | set(slots.values()))):
        through.update(
            session.execute(
                select(
                    ExchangeResolutionRow.scorecard_uuid,
                    func.max(ExchangeResolutionRow.through_sequence),
                )
                .where(ExchangeResolutionRow.scorecard_uuid.in_(chunk))
                .group_by(ExchangeResolutionRow.scorecard_uuid)
            ).all()
        )
    return BundleTarget(
        scorecards=stored,
        slots=slots,
        candidates=candidates,
        rubrics=rubrics,
        interviewer=None if interviewer is None else interviewer_record(interviewer),
        amendment_owners=owners,
        settled=frozenset(settled),
        settled_through=through,
        erased=frozenset(erased_candidates(session, candidate_uuids) - set(candidates)),
        rubric_labels=labels,
        candidate_rubrics=candidate_rubrics,
    )
