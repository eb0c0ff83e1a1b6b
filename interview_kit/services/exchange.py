"""Offline panels: panel packs out to interviewers, scorecard bundles back to the recruiter.

Export reads what the file needs, seals it with the panel passphrase and writes it
atomically (a crash never leaves half a file under the chosen name). Import is two
steps: :func:`open_exchange_file` decrypts and validates the file (nothing touches the
database), :func:`preview_import` says what would change, and :func:`apply_import`
re-plans inside one write transaction and applies the plan only if it is clean: a
conflict, an unknown rubric version or an unknown candidate writes nothing at all. Every
export and import is in the audit log.
"""

from __future__ import annotations

import logging
import os
import tempfile
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, and_, bindparam, func, insert, select, text, update
from sqlalchemy.orm import Session

from interview_kit import __version__
from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import ScorecardStatus
from interview_kit.exchange.errors import ExchangeFileError, FileProblem
from interview_kit.exchange.formats import (
    AmendmentRecord,
    AssignmentRecord,
    CandidateRecord,
    InterviewerRecord,
    ObservationRecord,
    PanelPack,
    Payload,
    RatingRecord,
    RubricRecord,
    ScorecardBundle,
    ScorecardRecord,
    decode,
    encode,
    kind_of,
)
from interview_kit.exchange.merge import (
    BundlePlan,
    BundleTarget,
    ChangeAction,
    PackPlan,
    PackTarget,
    Plan,
    StoredScorecard,
    plan_bundle,
    plan_pack,
)
from interview_kit.exchange.sealing import DEFAULT_KDF, FileKind, KdfParams, seal, unseal
from interview_kit.exchange.sealing import read_kind as _read_kind
from interview_kit.services import audit
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
    ServiceError,
    StaleEditError,
)
from interview_kit.services.rubrics import cache_rubric, first_active_version_id, load_version
from interview_kit.services.scorecards import (
    ScorecardChanges,
    check_changes,
    effective_in_session,
    load_scorecards,
)
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    NAME_LENGTH,
    AmendmentRow,
    AssignmentRow,
    AuditRow,
    CandidateRow,
    CandidateSummaryRow,
    DecisionRow,
    ExerciseNoteRow,
    InterviewerRow,
    ObservationRow,
    PipelineStatus,
    RatingRow,
    RubricRow,
    RubricVersionRow,
    ScorecardRow,
    search_key,
    utc_now,
)

logger = logging.getLogger(__name__)

PACK_SUFFIX = ".ikpack"
BUNDLE_SUFFIX = ".ikbundle"
SUFFIXES = {FileKind.PANEL_PACK: PACK_SUFFIX, FileKind.SCORECARD_BUNDLE: BUNDLE_SUFFIX}
MIN_PASSPHRASE_LENGTH = 8
_CHUNK = 500
_PG_IMPORT_LOCK = 0x494B_5843
"""Advisory lock key ("IKXC"): imports into one PostgreSQL database run one at a time."""


# ---------------------------------------------------------------------------------------
# Errors


class ExchangeError(InvalidInputError):
    """A file that cannot be opened; ``problem`` says which of the ways it went wrong."""

    def __init__(
        self, path: Path | None, problem: FileProblem, message: str, details: Sequence[str] = ()
    ) -> None:
        where = f"{path.name}: " if path is not None else ""
        super().__init__(where + message)
        self.path = path
        self.problem = problem
        self.details = tuple(details)


class ImportRefusedError(ServiceError):
    """The file is fine but importing it would contradict or miss what is stored; the
    plan lists why. Nothing was written."""

    def __init__(self, message: str, plan: Plan) -> None:
        super().__init__(message)
        self.plan = plan
        self.details = _plan_details(plan)


class ImportConflictError(ImportRefusedError, ConflictError):
    pass


class UnknownRubricVersionError(ImportRefusedError, NotFoundError):
    pass


class ImportProblemError(ImportRefusedError, InvalidInputError):
    pass


# ---------------------------------------------------------------------------------------
# Values


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


@dataclass(frozen=True)
class OpenedFile:
    """A decrypted, validated file, ready to preview and import (no database touched)."""

    path: Path | None
    kind: FileKind
    payload: Payload


# ---------------------------------------------------------------------------------------
# Export


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
    with db.read() as session:
        pack = _build_pack(db, session, interviewer_uuid, who, include_closed=include_closed)
    size = _write_atomically(out, seal(encode(pack), passphrase, FileKind.PANEL_PACK, kdf=kdf))
    audit.log_event(
        db,
        "exchange.pack_exported",
        "interviewer",
        interviewer_uuid,
        f"pack {pack.pack_uuid}: {len(pack.candidates)} candidates, "
        f"{len(pack.assignments)} assignments, rubric "
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
) -> ExportResult:
    """Seal an interviewer's submitted scorecards (and their amendments) into a bundle.

    Drafts and private notes never leave: only what was submitted, and amendments with
    any private-note change taken out.
    """
    out = _check_export(out_path, passphrase, overwrite=overwrite)
    who = actor or db.actor
    with db.read() as session:
        bundle = _build_bundle(session, interviewer_uuid, who, candidate_uuids)
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


def _interviewer_row(session: Session, interviewer_uuid: str) -> InterviewerRow:
    row = session.scalars(
        select(InterviewerRow).where(InterviewerRow.uuid == interviewer_uuid)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"no interviewer with id {interviewer_uuid}")
    return row


def _interviewer_record(row: InterviewerRow) -> InterviewerRecord:
    return InterviewerRecord(
        uuid=row.uuid, name=row.name, email=row.email, role_title=row.role_title
    )


def _build_pack(
    db: Database, session: Session, interviewer_uuid: str, who: str, *, include_closed: bool
) -> PanelPack:
    interviewer = _interviewer_row(session, interviewer_uuid)
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
    version_ids: dict[int, None] = {}
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
    return PanelPack(
        pack_uuid=str(uuid_module.uuid4()),
        created_at=utc_now(),
        created_by=who[:NAME_LENGTH],
        app_version=__version__,
        interviewer=_interviewer_record(interviewer),
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


def _build_bundle(
    session: Session, interviewer_uuid: str, who: str, candidate_uuids: Iterable[str] | None
) -> ScorecardBundle:
    interviewer = _interviewer_row(session, interviewer_uuid)
    where = and_(
        InterviewerRow.uuid == interviewer_uuid,
        ScorecardRow.status == ScorecardStatus.SUBMITTED.value,
    )
    if candidate_uuids is not None:
        where = and_(where, CandidateRow.uuid.in_(list(candidate_uuids)))
    cards = [_scorecard_record(loaded) for loaded in load_scorecards(session, where)]
    return ScorecardBundle(
        bundle_uuid=str(uuid_module.uuid4()),
        created_at=utc_now(),
        created_by=who[:NAME_LENGTH],
        app_version=__version__,
        interviewer=_interviewer_record(interviewer),
        scorecards=tuple(cards),
    )


def _scorecard_record(loaded: Any) -> ScorecardRecord:
    """A stored scorecard (``scorecards.load_scorecards`` row) as it travels: the original
    as submitted, and each amendment without private notes.

    Built without validation (``model_construct``): the values come from our own
    database, and whoever reads the file validates all of it anyway.
    """
    content = loaded.content
    return ScorecardRecord.model_construct(
        uuid=loaded.uuid,
        candidate_uuid=loaded.candidate_uuid,
        stage_id=loaded.stage_id,
        interviewer_uuid=loaded.interviewer_uuid,
        rubric_hash=loaded.rubric_hash,
        level_evidence=content.level_evidence,
        vote=content.vote,
        summary=content.summary,
        ratings=tuple(
            RatingRecord.model_construct(
                criterion_id=r.criterion_id, rating=r.rating, evidence=r.evidence
            )
            for r in content.ratings.values()
        ),
        signals=tuple(
            ObservationRecord.model_construct(item_id=key, evidence=value)
            for key, value in content.signals.items()
        ),
        red_flags=tuple(
            ObservationRecord.model_construct(item_id=key, evidence=value)
            for key, value in content.red_flags.items()
        ),
        exercise_notes=dict(content.exercise_notes),
        created_at=loaded.created_at,
        submitted_at=loaded.submitted_at or loaded.updated_at,
        amendments=tuple(
            AmendmentRecord.model_construct(
                uuid=a.uuid,
                sequence=a.sequence,
                amended_by=a.amended_by,
                amended_by_uuid=a.amended_by_uuid,
                reason=a.reason,
                changes=a.changes.to_json(private=False),
                created_at=a.created_at,
            )
            for a in loaded.amendments
        ),
    )


# ---------------------------------------------------------------------------------------
# Opening a file


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
    except ExchangeFileError as exc:
        raise ExchangeError(path, exc.problem, exc.message, exc.details) from None
    return OpenedFile(path=path, kind=unsealed.kind, payload=payload)


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


# ---------------------------------------------------------------------------------------
# Preview and import


def preview_import(db: Database, opened: OpenedFile) -> Plan:
    """What importing the file would change; nothing is written."""
    with db.read() as session:
        return _plan(db, session, opened.payload)


def apply_import(
    db: Database,
    opened: OpenedFile,
    *,
    expected_fingerprint: str | None = None,
    actor: str | None = None,
) -> Plan:
    """Import the file in one transaction, or raise and write nothing.

    ``expected_fingerprint`` is :meth:`Plan.fingerprint` of the preview the user agreed
    to; if the database changed since so that the plan differs, :class:`StaleEditError`.
    """
    who = actor or db.actor
    with db.write() as session:
        _serialise_imports(session)
        plan = _plan(db, session, opened.payload)
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
) -> Plan:
    """Open and import in one call (the command line); ``dry_run`` only plans."""
    opened = open_exchange_file(path, passphrase, expected=expected)
    if dry_run:
        plan = preview_import(db, opened)
        refuse_unless_clean(plan)
        return plan
    return apply_import(db, opened, actor=actor)


def refuse_unless_clean(plan: Plan) -> None:
    """Raise the :class:`ImportRefusedError` that stops this plan, if any."""
    if plan.unknown_rubrics:
        shown = ", ".join(h[:12] for h in plan.unknown_rubrics)
        raise UnknownRubricVersionError(
            f"the file's scorecards were scored against rubric version(s) this database does "
            f"not hold ({shown}); import the panel's rubric first. Nothing was imported.",
            plan,
        )
    if plan.conflicts:
        count = len(plan.conflicts)
        raise ImportConflictError(
            f"{count} conflict{'s' if count != 1 else ''} with what is stored: "
            f"{plan.conflicts[0].describe()}. Nothing was imported.",
            plan,
        )
    if plan.problems:
        count = len(plan.problems)
        raise ImportProblemError(
            f"the file cannot be imported ({count} problem{'s' if count != 1 else ''}): "
            f"{plan.problems[0]}. Nothing was imported.",
            plan,
        )


def _plan_details(plan: Plan) -> tuple[str, ...]:
    lines = [conflict.describe() for conflict in plan.conflicts]
    lines.extend(plan.problems)
    lines.extend(f"unknown rubric version {h}" for h in plan.unknown_rubrics)
    return tuple(lines)


def _serialise_imports(session: Session) -> None:
    """On PostgreSQL, one import at a time (SQLite's write lock already does this)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_IMPORT_LOCK})


def _plan(db: Database, session: Session, payload: Payload) -> Plan:
    if isinstance(payload, PanelPack):
        return plan_pack(payload, _pack_target(session, payload))
    return plan_bundle(_public(payload), _bundle_target(db, session, _public(payload)))


def _chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


# -- packs -----------------------------------------------------------------------------


def _pack_target(session: Session, pack: PanelPack) -> PackTarget:
    interviewer = session.scalars(
        select(InterviewerRow).where(InterviewerRow.uuid == pack.interviewer.uuid)
    ).one_or_none()
    uuids = [candidate.uuid for candidate in pack.candidates]
    candidates: dict[str, CandidateRecord] = {}
    for chunk in _chunks(uuids):
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
        for chunk in _chunks(uuids):
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
    return PackTarget(
        interviewer=None if interviewer is None else _interviewer_record(interviewer),
        candidates=candidates,
        rubric_hashes=frozenset(known),
        active_hashes=frozenset(active),
        assignments=frozenset(held),
    )


def _apply_pack(db: Database, session: Session, pack: PanelPack, plan: PackPlan, who: str) -> None:
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
        interviewer = _interviewer_row(session, incoming.uuid)
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
    for chunk in _chunks([a.candidate_uuid for a in plan.new_assignments]):
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
    audit.append(
        session,
        who,
        "exchange.pack_imported",
        "interviewer",
        incoming.uuid,
        f"pack {pack.pack_uuid} made by {pack.created_by or 'unknown'}: "
        f"{len(plan.new_candidates)} candidates added, {len(plan.updated_candidates)} updated, "
        f"{len(plan.new_assignments)} assignments added, "
        f"{len(plan.new_rubrics)} rubric versions added",
    )


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


# -- bundles ---------------------------------------------------------------------------


def _public(bundle: ScorecardBundle) -> ScorecardBundle:
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


def _bundle_target(db: Database, session: Session, bundle: ScorecardBundle) -> BundleTarget:
    uuids = [card.uuid for card in bundle.scorecards]
    stored: dict[str, StoredScorecard] = {}
    for chunk in _chunks(uuids):
        for loaded in load_scorecards(session, ScorecardRow.uuid.in_(chunk)):
            if loaded.status is ScorecardStatus.SUBMITTED:
                record = _scorecard_record(loaded)
                stored[loaded.uuid] = StoredScorecard(record)
            else:
                stored[loaded.uuid] = StoredScorecard(None)

    candidate_uuids = sorted({card.candidate_uuid for card in bundle.scorecards})
    candidates: dict[str, str] = {}
    slots: dict[tuple[str, str, str], str] = {}
    for chunk in _chunks(candidate_uuids):
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

    rubrics: dict[str, Rubric] = {}
    hashes = sorted({card.rubric_hash for card in bundle.scorecards})
    if hashes:
        for version_id in session.scalars(
            select(RubricVersionRow.id).where(RubricVersionRow.content_hash.in_(hashes))
        ):
            loaded_rubric = load_version(db, session, version_id)
            rubrics[loaded_rubric.info.content_hash] = loaded_rubric.rubric

    amendment_uuids = [a.uuid for card in bundle.scorecards for a in card.amendments]
    owners: dict[str, str] = {}
    for chunk in _chunks(amendment_uuids):
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
    return BundleTarget(
        scorecards=stored,
        slots=slots,
        candidates=candidates,
        rubrics=rubrics,
        interviewer=None if interviewer is None else _interviewer_record(interviewer),
        amendment_owners=owners,
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
    _check_amendments(db, session, _public(bundle), plan)
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
    interviewer_id = _interviewer_row(session, incoming.uuid).id

    if plan.submitted_drafts:
        replaced = [card.uuid for card in plan.submitted_drafts]
        for row in session.scalars(select(ScorecardRow).where(ScorecardRow.uuid.in_(replaced))):
            session.delete(row)
        session.flush()
    cards = list(plan.new_scorecards) + list(plan.submitted_drafts)
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

    now = utc_now()
    entries = [
        {
            "at": now,
            "actor": who,
            "action": "scorecard.imported",
            "subject_type": "scorecard",
            "subject_uuid": card.uuid,
            "detail": f"bundle {bundle.bundle_uuid}",
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
            "detail": f"amendment {a.sequence} from bundle {bundle.bundle_uuid}",
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
                f"{plan.count('scorecard', ChangeAction.UNCHANGED)} unchanged"
            ),
        }
    )
    session.execute(insert(AuditRow), entries)
    refresh_summaries(db, session, touched_candidates)


def refresh_summaries(db: Database, session: Session, candidate_ids: Iterable[int]) -> None:
    """:func:`summaries.refresh` for many candidates inside the caller's unit of work, with
    a few queries per batch instead of several per candidate (a bundle touches hundreds).

    Same rules: the candidate's pinned rubric version, else the one of their latest
    submitted scorecard; the newest committee decision.
    """
    from interview_kit.domain.engine import recommend

    ids = sorted(set(candidate_ids))
    parsed: dict[int, Rubric] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        in_chunk = CandidateRow.id.in_(chunk)
        # Locked, as summaries.refresh does: a scorecard submitted meanwhile on a shared
        # database waits, then counts this import's scorecards too.
        heads = session.execute(
            select(CandidateRow.id, CandidateRow.uuid, CandidateRow.rubric_version_id)
            .where(in_chunk)
            .order_by(CandidateRow.id)
            .with_for_update()
        ).all()
        by_uuid = {candidate_uuid: candidate_id for candidate_id, candidate_uuid, _ in heads}
        cards: dict[int, list[Any]] = {}
        for card in effective_in_session(session, in_chunk):
            cards.setdefault(by_uuid[card.candidate_uuid], []).append(card)
        latest_version: dict[int, int] = {}
        for candidate_id, version_id in session.execute(
            select(ScorecardRow.candidate_id, ScorecardRow.rubric_version_id)
            .where(
                ScorecardRow.candidate_id.in_(chunk),
                ScorecardRow.status == ScorecardStatus.SUBMITTED.value,
            )
            .order_by(ScorecardRow.candidate_id, ScorecardRow.submitted_at)
        ):
            latest_version[candidate_id] = version_id
        decisions: dict[int, tuple[str, str | None]] = {}
        for candidate_id, decision, level in session.execute(
            select(DecisionRow.candidate_id, DecisionRow.decision, DecisionRow.level)
            .where(DecisionRow.candidate_id.in_(chunk))
            .order_by(DecisionRow.candidate_id, DecisionRow.decided_at, DecisionRow.id)
        ):
            decisions[candidate_id] = (decision, level)
        existing = {
            row.candidate_id: row
            for row in session.scalars(
                select(CandidateSummaryRow).where(CandidateSummaryRow.candidate_id.in_(chunk))
            )
        }
        now = utc_now()
        for candidate_id, _uuid, pinned in heads:
            summary = existing.get(candidate_id)
            if summary is None:
                summary = CandidateSummaryRow(candidate_id=candidate_id, submitted_count=0)
                session.add(summary)
            held = cards.get(candidate_id, [])
            summary.submitted_count = len(held)
            summary.score = summary.recommendation = summary.level = summary.coverage = None
            rubric_version = pinned if pinned is not None else latest_version.get(candidate_id)
            if held and rubric_version is not None:
                if rubric_version not in parsed:
                    with session.no_autoflush:
                        parsed[rubric_version] = load_version(db, session, rubric_version).rubric
                result = recommend(parsed[rubric_version], held)
                summary.score = result.candidate_score
                summary.recommendation = result.decision.value
                summary.level = result.level
                summary.coverage = result.coverage
            in_force = decisions.get(candidate_id)
            summary.committee_decision = in_force[0] if in_force else None
            summary.committee_level = in_force[1] if in_force else None
            summary.updated_at = now
        session.flush()


def _insert_scorecards(
    session: Session, cards: Sequence[ScorecardRecord], interviewer_id: int
) -> set[int]:
    """Bulk insert as drafts, children, then submit: the guards refuse children of a
    submitted scorecard, so the status is set last, as when an interviewer submits."""
    candidate_ids: dict[str, int] = {}
    for chunk in _chunks(sorted({card.candidate_uuid for card in cards})):
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


def resolve_interviewer(db: Database, text_: str) -> InterviewerRecord:
    """An interviewer by uuid, uuid prefix (4+ characters), e-mail, or unique name.

    Names match without regard to case or accents (``tomas`` finds Tomás). Several
    matches raise :class:`ConflictError` naming them; none, :class:`NotFoundError`.
    """
    wanted = text_.strip()
    if not wanted:
        raise InvalidInputError("say which interviewer: a name, e-mail or id")
    key = search_key(wanted)
    with db.read() as session:
        rows = [
            (row.name_key, _interviewer_record(row))
            for row in session.scalars(select(InterviewerRow).order_by(InterviewerRow.name_key))
        ]
    tests: tuple[Callable[[str, InterviewerRecord], bool], ...] = (
        lambda _key, row: row.uuid == wanted.lower(),
        lambda _key, row: len(wanted) >= 4 and row.uuid.startswith(wanted.lower()),
        lambda _key, row: "@" in wanted and row.email.lower() == wanted.lower(),
        lambda name_key, _row: name_key == key,
        lambda name_key, _row: key in name_key,
    )
    for matches in tests:
        found = [row for name_key, row in rows if matches(name_key, row)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            names = ", ".join(f"{row.name} ({row.uuid[:8]})" for row in found[:5])
            raise ConflictError(f"{wanted!r} matches several interviewers: {names}")
    raise NotFoundError(f"no interviewer matches {wanted!r}")


def plan_json(plan: Plan, *, applied: bool) -> dict[str, Any]:
    """The plan as plain JSON data (the command line's ``--json``)."""
    return {
        "kind": plan.kind.value,
        "origin": plan.origin,
        "summary": plan.summary(),
        "applied": applied,
        "changes": [
            {"action": c.action.value, "subject": c.subject, "label": c.label, "detail": c.detail}
            for c in plan.changes
        ],
        "conflicts": [
            {"subject": c.subject, "label": c.label, "message": c.message} for c in plan.conflicts
        ],
        "problems": list(plan.problems),
        "unknown_rubrics": list(plan.unknown_rubrics),
    }


def describe_plan(plan: Plan, *, verbose: bool = False) -> list[str]:
    """Lines for a person: heading, the sentence, then each change (and each problem)."""
    lines = [plan.origin, plan.summary()]
    for change in plan.changes:
        if verbose or change.action is not ChangeAction.UNCHANGED:
            lines.append("  " + change.describe())
    lines.extend("  Conflict: " + conflict.describe() for conflict in plan.conflicts)
    lines.extend("  Problem: " + problem for problem in plan.problems)
    lines.extend(
        f"  Unknown rubric version: {content_hash[:12]}…" for content_hash in plan.unknown_rubrics
    )
    return lines


def suggested_file_name(kind: FileKind, interviewer_name: str, when: datetime | None = None) -> str:
    """E.g. ``panel-pack-mei-tanaka-2026-03-02.ikpack``."""
    stamp = (when or utc_now()).strftime("%Y-%m-%d")
    slug = (
        "-".join(
            part
            for part in "".join(
                ch if ch.isalnum() else " " for ch in search_key(interviewer_name)
            ).split()
        )
        or "interviewer"
    )
    prefix = "panel-pack" if kind is FileKind.PANEL_PACK else "scorecards"
    return f"{prefix}-{slug}-{stamp}{SUFFIXES[kind]}"


__all__ = [
    "BUNDLE_SUFFIX",
    "PACK_SUFFIX",
    "ChangeAction",
    "ExchangeError",
    "ExportResult",
    "FileKind",
    "FileProblem",
    "ImportConflictError",
    "ImportProblemError",
    "ImportRefusedError",
    "OpenedFile",
    "Plan",
    "UnknownRubricVersionError",
    "apply_import",
    "check_new_passphrase",
    "describe_plan",
    "export_panel_pack",
    "export_scorecard_bundle",
    "import_file",
    "kind_of",
    "open_exchange_bytes",
    "open_exchange_file",
    "plan_json",
    "preview_import",
    "read_file_kind",
    "refuse_unless_clean",
    "resolve_interviewer",
    "suggested_file_name",
]
