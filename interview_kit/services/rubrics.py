"""Rubric versions: every edit is a new version; scorecards keep the one they used.

Each rubric id (a role's scoring sheet, e.g. ``builder``) has numbered versions holding
the full TOML text and its content hash, and exactly one active version. Saving content
that already exists as a version re-activates that version instead of duplicating it.
Candidates pin the version they are interviewed against; saving a new version moves the
open candidates who have no submitted scorecard yet onto it, and leaves the others (and
every submitted scorecard) on theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from interview_kit import paths
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.domain.rubric import Rubric, load_rubric, parse_rubric
from interview_kit.services import audit
from interview_kit.services.errors import NotFoundError, StaleEditError
from interview_kit.storage.database import Database
from interview_kit.storage.models import CandidateRow, RubricRow, RubricVersionRow, ScorecardRow

_OPEN_STATUSES = tuple(status.value for status in PipelineStatus if not status.is_closed)


@dataclass(frozen=True)
class RubricVersionInfo:
    rubric_id: str
    version: int
    content_hash: str
    name: str
    role_title: str
    created_at: datetime
    created_by: str
    is_active: bool
    active_version: int
    """The rubric's active version when this was read: pass it back as ``expected_version``."""


@dataclass(frozen=True)
class LoadedRubric:
    """A stored version: its description, the parsed rubric and the exact text saved."""

    info: RubricVersionInfo
    rubric: Rubric
    text: str


@dataclass(frozen=True)
class SavedRubric:
    info: RubricVersionInfo
    created: bool
    """False when the content matched an existing version (which is now active)."""
    moved_candidates: tuple[str, ...]
    """Uuids of open candidates moved onto this version."""


def render_rubric(rubric: Rubric) -> str:
    """TOML text for a rubric built in code (the editor); parses back to the same hash."""
    import tomli_w

    return tomli_w.dumps(rubric.to_data())


def save_rubric(
    db: Database,
    content: str | Rubric,
    *,
    source: str = "<rubric>",
    expected_version: int | None = None,
    activate: bool = True,
    move_open_candidates: bool = True,
    actor: str | None = None,
) -> SavedRubric:
    """Validate and store rubric content as a new version (or re-use an identical one).

    ``expected_version`` is the active version the edit started from; if someone has
    activated another since, :class:`StaleEditError` is raised and nothing is saved.
    Invalid content raises :class:`~interview_kit.domain.rubric.RubricError` with every
    problem located.
    """
    if isinstance(content, Rubric):
        rubric, text = content, render_rubric(content)
    else:
        rubric, text = parse_rubric(content, source), content
    content_hash = rubric.content_hash()
    who = actor or db.actor
    with db.write() as session:
        parent = session.scalars(
            select(RubricRow).where(RubricRow.key == rubric.id).with_for_update()
        ).one_or_none()
        if parent is not None and expected_version is not None:
            _check_expected(parent, expected_version)
        existing = session.scalars(
            select(RubricVersionRow).where(RubricVersionRow.content_hash == content_hash)
        ).one_or_none()
        created = existing is None
        if parent is None:
            parent = RubricRow(key=rubric.id, name=rubric.name, active_version=1)
            session.add(parent)
            session.flush()
        if existing is None:
            number = (
                session.scalar(
                    select(func.max(RubricVersionRow.version)).where(
                        RubricVersionRow.rubric_id == parent.id
                    )
                )
                or 0
            ) + 1
            existing = RubricVersionRow(
                rubric_id=parent.id,
                version=number,
                content_hash=content_hash,
                content=text,
                name=rubric.name,
                role_title=rubric.role_title,
                created_by=who,
            )
            session.add(existing)
            session.flush()
            audit.append(
                session,
                who,
                "rubric.version_created",
                "rubric",
                None,
                f"{rubric.id} v{number} {content_hash[:12]}",
            )
        moved: tuple[str, ...] = ()
        if activate and (created or parent.active_version != existing.version):
            parent.active_version = existing.version
            parent.name = rubric.name
            session.flush()
            audit.append(
                session,
                who,
                "rubric.activated",
                "rubric",
                None,
                f"{rubric.id} v{existing.version}",
            )
            if move_open_candidates:
                moved = _move_open_candidates(session, parent, existing)
        cache_rubric(db, content_hash, rubric)
        return SavedRubric(_info(parent, existing), created, moved)


def import_rubric_file(
    db: Database,
    path: Path | str,
    *,
    expected_version: int | None = None,
    actor: str | None = None,
) -> SavedRubric:
    load_rubric(path)  # reports a missing, unreadable or invalid file with its location
    text = Path(path).read_text(encoding="utf-8")
    return save_rubric(db, text, source=str(path), expected_version=expected_version, actor=actor)


def ensure_default_rubric(db: Database) -> RubricVersionInfo:
    """The shipped Builder rubric, stored on first use; the active one if any exists."""
    with db.read() as session:
        any_rubric = session.scalar(select(RubricRow.key).order_by(RubricRow.id).limit(1))
    if any_rubric is not None:
        return active_rubric(db, any_rubric).info
    return import_rubric_file(db, paths.default_rubric_path()).info


def active_rubric(db: Database, rubric_id: str | None = None) -> LoadedRubric:
    """The active version of ``rubric_id`` (or of the first rubric stored)."""
    with db.read() as session:
        query = select(RubricRow).order_by(RubricRow.id).limit(1)
        if rubric_id is not None:
            query = select(RubricRow).where(RubricRow.key == rubric_id)
        parent = session.scalars(query).one_or_none()
        if parent is None:
            raise NotFoundError(
                f"no rubric {rubric_id!r} is stored" if rubric_id else "no rubric is stored yet"
            )
        row = session.scalars(
            select(RubricVersionRow).where(
                RubricVersionRow.rubric_id == parent.id,
                RubricVersionRow.version == parent.active_version,
            )
        ).one()
        return _loaded(db, parent, row)


def rubric_version(db: Database, rubric_id: str, version: int) -> LoadedRubric:
    with db.read() as session:
        found = session.execute(
            select(RubricRow, RubricVersionRow)
            .join(RubricVersionRow.rubric)
            .where(RubricRow.key == rubric_id, RubricVersionRow.version == version)
        ).one_or_none()
        if found is None:
            raise NotFoundError(f"rubric {rubric_id!r} has no version {version}")
        return _loaded(db, found[0], found[1])


def rubric_by_hash(db: Database, content_hash: str) -> LoadedRubric:
    with db.read() as session:
        return load_version_by_hash(db, session, content_hash)


def load_version_by_hash(db: Database, session: Session, content_hash: str) -> LoadedRubric:
    row = session.scalars(
        select(RubricVersionRow).where(RubricVersionRow.content_hash == content_hash)
    ).one_or_none()
    if row is None:
        raise NotFoundError(f"no stored rubric version has content hash {content_hash[:12]}…")
    return _loaded(db, row.rubric, row)


def load_version(db: Database, session: Session, version_id: int) -> LoadedRubric:
    """A version by its row id, inside the caller's unit of work (for other services)."""
    row = session.get_one(RubricVersionRow, version_id)
    return _loaded(db, row.rubric, row)


def first_active_version_id(session: Session) -> int | None:
    """The active version of the first rubric stored (the default for new records)."""
    return session.scalar(
        select(RubricVersionRow.id)
        .join(RubricVersionRow.rubric)
        .where(RubricVersionRow.version == RubricRow.active_version)
        .order_by(RubricRow.id)
        .limit(1)
    )


def rubric_for_version(db: Database, session: Session, version_id: int) -> Rubric:
    """The parsed rubric of a version row id, cached: a version's content never changes."""
    key = f"rubric-version:{version_id}"
    cached = db.cache.get(key)
    if isinstance(cached, Rubric):
        return cached
    row = session.get_one(RubricVersionRow, version_id)
    rubric = _parsed(db, row)
    db.cache[key] = rubric
    return rubric


def list_rubric_versions(db: Database, rubric_id: str | None = None) -> list[RubricVersionInfo]:
    """Every version, newest first (of one rubric, or of all)."""
    query = (
        select(RubricRow, RubricVersionRow)
        .join(RubricVersionRow.rubric)
        .order_by(RubricRow.key, RubricVersionRow.version.desc())
    )
    if rubric_id is not None:
        query = query.where(RubricRow.key == rubric_id)
    with db.read() as session:
        return [_info(parent, row) for parent, row in session.execute(query)]


def list_rubrics(db: Database) -> list[RubricVersionInfo]:
    """The active version of each rubric."""
    query = (
        select(RubricRow, RubricVersionRow)
        .join(RubricVersionRow.rubric)
        .where(RubricVersionRow.version == RubricRow.active_version)
        .order_by(RubricRow.key)
    )
    with db.read() as session:
        return [_info(parent, row) for parent, row in session.execute(query)]


def activate_rubric_version(
    db: Database,
    rubric_id: str,
    version: int,
    *,
    expected_version: int | None = None,
    move_open_candidates: bool = True,
    actor: str | None = None,
) -> SavedRubric:
    """Make an earlier (or later) version the active one again."""
    with db.write() as session:
        found = session.execute(
            select(RubricRow, RubricVersionRow)
            .join(RubricVersionRow.rubric)
            .where(RubricRow.key == rubric_id, RubricVersionRow.version == version)
            .with_for_update()
        ).one_or_none()
        if found is None:
            raise NotFoundError(f"rubric {rubric_id!r} has no version {version}")
        parent, row = found
        if expected_version is not None:
            _check_expected(parent, expected_version)
        moved: tuple[str, ...] = ()
        if parent.active_version != version:
            parent.active_version = version
            session.flush()
            audit.append(
                session,
                actor or db.actor,
                "rubric.activated",
                "rubric",
                None,
                f"{rubric_id} v{version}",
            )
            if move_open_candidates:
                moved = _move_open_candidates(session, parent, row)
        return SavedRubric(_info(parent, row), False, moved)


def candidates_on_older_versions(db: Database, rubric_id: str) -> list[str]:
    """Uuids of open candidates whose pinned version is not the active one."""
    with db.read() as session:
        parent = session.scalars(select(RubricRow).where(RubricRow.key == rubric_id)).one()
        return list(
            session.scalars(
                select(CandidateRow.uuid)
                .join(CandidateRow.rubric_version)
                .where(
                    RubricVersionRow.rubric_id == parent.id,
                    RubricVersionRow.version != parent.active_version,
                    CandidateRow.status.in_(_OPEN_STATUSES),
                )
                .order_by(CandidateRow.name_key)
            )
        )


def cache_rubric(db: Database, content_hash: str, rubric: Rubric) -> None:
    db.cache[f"rubric:{content_hash}"] = rubric


def _parsed(db: Database, row: RubricVersionRow) -> Rubric:
    key = f"rubric:{row.content_hash}"
    cached = db.cache.get(key)
    if isinstance(cached, Rubric):
        return cached
    rubric = parse_rubric(row.content, f"rubric {row.content_hash[:12]}")
    db.cache[key] = rubric
    return rubric


def _loaded(db: Database, parent: RubricRow, row: RubricVersionRow) -> LoadedRubric:
    return LoadedRubric(_info(parent, row), _parsed(db, row), row.content)


def _info(parent: RubricRow, row: RubricVersionRow) -> RubricVersionInfo:
    return RubricVersionInfo(
        rubric_id=parent.key,
        version=row.version,
        content_hash=row.content_hash,
        name=row.name,
        role_title=row.role_title,
        created_at=row.created_at,
        created_by=row.created_by,
        is_active=parent.active_version == row.version,
        active_version=parent.active_version,
    )


def _check_expected(parent: RubricRow, expected_version: int) -> None:
    if parent.active_version != expected_version:
        raise StaleEditError(
            f"rubric {parent.key!r} changed while you were editing it: version "
            f"{parent.active_version} is now active, you started from version "
            f"{expected_version}. Reload it and make your changes again."
        )


def _move_open_candidates(
    session: Session, parent: RubricRow, target: RubricVersionRow
) -> tuple[str, ...]:
    # One uncorrelated pass over submitted scorecards: a correlated EXISTS lets SQLite
    # (without planner statistics) rescan them for every open candidate.
    submitted = select(ScorecardRow.candidate_id).where(ScorecardRow.status == "submitted")
    same_rubric = select(RubricVersionRow.id).where(RubricVersionRow.rubric_id == parent.id)
    rows = session.scalars(
        select(CandidateRow)
        .where(
            CandidateRow.rubric_version_id.in_(same_rubric),
            CandidateRow.rubric_version_id != target.id,
            CandidateRow.status.in_(_OPEN_STATUSES),
            CandidateRow.id.not_in(submitted),
        )
        .with_for_update()
    ).all()
    for row in rows:
        row.rubric_version_id = target.id
    session.flush()
    return tuple(row.uuid for row in rows)
