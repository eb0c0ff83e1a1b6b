"""Export: read what a panel pack or scorecard bundle needs, seal it with the panel
passphrase and write it atomically (a crash never leaves half a file under the chosen name)."""

from __future__ import annotations

import os
import tempfile
import uuid as uuid_module
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, select
from sqlalchemy.orm import Session

from interview_kit import __version__
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.scorecard import ScorecardStatus
from interview_kit.exchange.formats import (
    AssignmentRecord,
    CandidateRecord,
    PanelPack,
    RubricRecord,
    ScorecardBundle,
    encode,
)
from interview_kit.exchange.sealing import DEFAULT_KDF, FileKind, KdfParams, seal
from interview_kit.exchange.signing import sign_bundle
from interview_kit.services import audit
from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.services.exchange_keys import own_private_key, registered_key
from interview_kit.services.exchange_planning import erased_candidates
from interview_kit.services.exchange_records import interviewer_record, scorecard_record
from interview_kit.services.interviewers import load_interviewer_row
from interview_kit.services.rubrics import first_active_version_id
from interview_kit.services.scorecard_reads import load_scorecards
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AssignmentRow,
    AuditRow,
    CandidateRow,
    ExchangePeerRow,
    InterviewerRow,
    RubricRow,
    RubricVersionRow,
    ScorecardRow,
)
from interview_kit.storage.tables import NAME_LENGTH, utc_now

MIN_PASSPHRASE_LENGTH = 8


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: FileKind
    interviewer_uuid: str
    interviewer_name: str
    candidates: int
    assignments: int
    scorecards: int
    amendments: int
    size: int

    def describe(self) -> str:
        if self.kind is FileKind.PANEL_PACK:
            what = (
                f"{self.candidates} candidate{'s' if self.candidates != 1 else ''}, "
                f"{self.assignments} assignment{'s' if self.assignments != 1 else ''}"
            )
        else:
            what = (
                f"{self.scorecards} scorecard{'s' if self.scorecards != 1 else ''}, "
                f"{self.amendments} amendment{'s' if self.amendments != 1 else ''}"
            )
        return f"Wrote {self.kind.label} for {self.interviewer_name} ({what}) to {self.path}"


def export_panel_pack(
    db: Database,
    interviewer_uuid: str,
    out_path: Path | str,
    passphrase: str,
    *,
    include_closed: bool = False,
    overwrite: bool = False,
    actor: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
) -> ExportResult:
    """Seal one interviewer's assignments, their candidates and the rubric versions they
    use into a panel pack. Closed candidates (hired, rejected, withdrawn) are left out
    unless ``include_closed``."""
    out = _check_export(out_path, passphrase, overwrite=overwrite)
    who = actor or db.actor
    with db.write() as session:
        pack = _build_pack(db, session, interviewer_uuid, who, include_closed=include_closed)
    size = _write_atomically(out, seal(encode(pack), passphrase, FileKind.PANEL_PACK, kdf=kdf))
    audit.log_event(
        db,
        "exchange.pack_exported",
        "interviewer",
        interviewer_uuid,
        f"pack {pack.pack_uuid} (number {pack.sequence}): {len(pack.candidates)} candidates, "
        f"{len(pack.assignments)} assignments, {len(pack.scorecards)} own scorecards, "
        f"{len(pack.removed_assignments)} removed assignments, "
        f"{len(pack.erased_candidates)} erasure notices, rubric "
        + ", ".join(f"{r.rubric_id} v{r.version}" for r in pack.rubrics),
        actor=who,
    )
    return ExportResult(
        path=out,
        kind=FileKind.PANEL_PACK,
        interviewer_uuid=interviewer_uuid,
        interviewer_name=pack.interviewer.name,
        candidates=len(pack.candidates),
        assignments=len(pack.assignments),
        scorecards=0,
        amendments=0,
        size=size,
    )


def export_scorecard_bundle(
    db: Database,
    interviewer_uuid: str,
    out_path: Path | str,
    passphrase: str,
    *,
    candidate_uuids: Iterable[str] | None = None,
    overwrite: bool = False,
    actor: str | None = None,
    kdf: KdfParams = DEFAULT_KDF,
    key_folder: Path | None = None,
) -> ExportResult:
    """Seal an interviewer's submitted scorecards (and their amendments) into a bundle,
    signed with this computer's key for that interviewer (made on first use, in
    ``key_folder`` or the user's data folder).

    Drafts and private notes never leave: only what was submitted, and amendments with
    any private-note change taken out.
    """
    out = _check_export(out_path, passphrase, overwrite=overwrite)
    who = actor or db.actor
    with db.read() as session:
        bundle = _build_bundle(session, interviewer_uuid, who, candidate_uuids)
    bundle = sign_bundle(bundle, own_private_key(interviewer_uuid, key_folder))
    size = _write_atomically(
        out, seal(encode(bundle), passphrase, FileKind.SCORECARD_BUNDLE, kdf=kdf)
    )
    amendments = sum(len(card.amendments) for card in bundle.scorecards)
    audit.log_event(
        db,
        "exchange.bundle_exported",
        "interviewer",
        interviewer_uuid,
        f"bundle {bundle.bundle_uuid}: {len(bundle.scorecards)} scorecards, "
        f"{amendments} amendments",
        actor=who,
    )
    return ExportResult(
        path=out,
        kind=FileKind.SCORECARD_BUNDLE,
        interviewer_uuid=interviewer_uuid,
        interviewer_name=bundle.interviewer.name,
        candidates=len({card.candidate_uuid for card in bundle.scorecards}),
        assignments=0,
        scorecards=len(bundle.scorecards),
        amendments=amendments,
        size=size,
    )


def _check_export(out_path: Path | str, passphrase: str, *, overwrite: bool) -> Path:
    check_new_passphrase(passphrase)
    out = Path(out_path).expanduser()
    if out.is_dir():
        raise InvalidInputError(f"{out} is a folder; give a file name")
    if not out.parent.is_dir():
        raise NotFoundError(f"cannot write {out}: folder {out.parent} does not exist")
    if out.exists() and not overwrite:
        raise ConflictError(f"{out} already exists; choose another name or allow overwriting")
    return out


def check_new_passphrase(passphrase: str) -> None:
    """A passphrase good enough to seal with (opening accepts any)."""
    if len(passphrase.strip()) < MIN_PASSPHRASE_LENGTH:
        raise InvalidInputError(
            f"the panel passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters"
        )


def _write_atomically(out: Path, data: bytes) -> int:
    handle, temporary = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        Path(temporary).replace(out)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise InvalidInputError(f"cannot write {out} ({exc.strerror or exc})") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(data)


def _build_pack(
    db: Database, session: Session, interviewer_uuid: str, who: str, *, include_closed: bool
) -> PanelPack:
    interviewer = load_interviewer_row(session, interviewer_uuid)
    query = (
        select(AssignmentRow.stage_id, CandidateRow)
        .join(CandidateRow, CandidateRow.id == AssignmentRow.candidate_id)
        .where(AssignmentRow.interviewer_id == interviewer.id)
        .order_by(CandidateRow.name_key, CandidateRow.id, AssignmentRow.stage_id)
    )
    if not include_closed:
        closed = [status.value for status in PipelineStatus if status.is_closed]
        query = query.where(CandidateRow.status.not_in(closed))
    rows = session.execute(query).all()
    own = load_scorecards(
        session,
        and_(
            InterviewerRow.uuid == interviewer_uuid,
            ScorecardRow.status == ScorecardStatus.SUBMITTED.value,
            CandidateRow.uuid.in_(sorted({candidate.uuid for _stage, candidate in rows})),
        ),
    )
    version_ids: dict[int, None] = {}
    own_hashes = sorted({loaded.rubric_hash for loaded in own})
    if own_hashes:
        for version_id in session.scalars(
            select(RubricVersionRow.id).where(RubricVersionRow.content_hash.in_(own_hashes))
        ):
            version_ids[version_id] = None
    default_version = first_active_version_id(session)
    if default_version is not None:
        version_ids[default_version] = None
    candidates: dict[str, CandidateRow] = {}
    for _stage, candidate in rows:
        candidates.setdefault(candidate.uuid, candidate)
        if candidate.rubric_version_id is not None:
            version_ids[candidate.rubric_version_id] = None
    if not version_ids:
        raise NotFoundError("no rubric is stored yet: import or create one first")
    versions = session.execute(
        select(RubricVersionRow, RubricRow)
        .join(RubricRow, RubricRow.id == RubricVersionRow.rubric_id)
        .where(RubricVersionRow.id.in_(list(version_ids)))
        .order_by(RubricRow.key, RubricVersionRow.version)
    )
    rubrics = []
    hashes: dict[int, str] = {}
    for version, parent in versions:
        hashes[version.id] = version.content_hash
        rubrics.append(
            RubricRecord(
                rubric_id=parent.key,
                version=version.version,
                content_hash=version.content_hash,
                content=version.content,
                active=parent.active_version == version.version,
            )
        )
    assigned = {(candidate.uuid, stage) for stage, candidate in rows}
    removed = [
        AssignmentRecord(
            candidate_uuid=candidate_uuid, stage_id=stage, interviewer_uuid=interviewer.uuid
        )
        for candidate_uuid, stage in _removed_assignments(session, interviewer.uuid)
        if (candidate_uuid, stage) not in assigned
    ]
    erased = sorted(erased_candidates(session))
    return PanelPack(
        signer_public_key=registered_key(session, interviewer.uuid),
        sequence=_next_pack_sequence(session, interviewer.uuid),
        scorecards=tuple(scorecard_record(loaded) for loaded in own),
        removed_assignments=tuple(removed),
        erased_candidates=tuple(erased),
        pack_uuid=str(uuid_module.uuid4()),
        created_at=utc_now(),
        created_by=who[:NAME_LENGTH],
        app_version=__version__,
        interviewer=interviewer_record(interviewer),
        rubrics=tuple(rubrics),
        candidates=tuple(
            CandidateRecord(
                uuid=row.uuid,
                name=row.name,
                source=row.source,
                origin_path=row.origin_path,
                role_title=row.role_title,
                status=row.status,
                stage_id=row.stage_id,
                rubric_hash=hashes.get(row.rubric_version_id or default_version or -1),
            )
            for row in candidates.values()
        ),
        assignments=tuple(
            AssignmentRecord(
                candidate_uuid=candidate.uuid, stage_id=stage, interviewer_uuid=interviewer.uuid
            )
            for stage, candidate in rows
        ),
    )


def _next_pack_sequence(session: Session, interviewer_uuid: str) -> int:
    """The next number among the packs made here for this interviewer (counted in the
    same transaction that reads the pack's content)."""
    peer = session.get(ExchangePeerRow, interviewer_uuid)
    if peer is None:
        peer = ExchangePeerRow(
            person_uuid=interviewer_uuid, key_confirmed_by="", packs_made=0, last_pack_read=0
        )
        session.add(peer)
    peer.packs_made += 1
    session.flush()
    return peer.packs_made


def _removed_assignments(session: Session, interviewer_uuid: str) -> list[tuple[str, str]]:
    """(candidate uuid, stage id) of every assignment of this interviewer ever taken away
    here, from the audit log (``assignment.removed``: "stage: interviewer uuid"); those
    given again since are left out by the caller, and erased candidates are gone."""
    found: dict[tuple[str, str], None] = {}
    suffix = f": interviewer {interviewer_uuid}"
    for candidate_uuid, detail in session.execute(
        select(AuditRow.subject_uuid, AuditRow.detail)
        .where(AuditRow.action == "assignment.removed", AuditRow.detail.like(f"%{suffix}%"))
        .order_by(AuditRow.id)
    ):
        if candidate_uuid and detail.endswith(suffix):
            found[(candidate_uuid, detail[: -len(suffix)])] = None
    live = (
        set(
            session.scalars(
                select(CandidateRow.uuid).where(CandidateRow.uuid.in_([c for c, _ in found]))
            )
        )
        if found
        else set()
    )
    return [key for key in found if key[0] in live]


def _build_bundle(
    session: Session, interviewer_uuid: str, who: str, candidate_uuids: Iterable[str] | None
) -> ScorecardBundle:
    interviewer = load_interviewer_row(session, interviewer_uuid)
    where = and_(
        InterviewerRow.uuid == interviewer_uuid,
        ScorecardRow.status == ScorecardStatus.SUBMITTED.value,
    )
    if candidate_uuids is not None:
        where = and_(where, CandidateRow.uuid.in_(list(candidate_uuids)))
    cards = [scorecard_record(loaded) for loaded in load_scorecards(session, where)]
    return ScorecardBundle(
        bundle_uuid=str(uuid_module.uuid4()),
        created_at=utc_now(),
        created_by=who[:NAME_LENGTH],
        app_version=__version__,
        interviewer=interviewer_record(interviewer),
        scorecards=tuple(cards),
    )
