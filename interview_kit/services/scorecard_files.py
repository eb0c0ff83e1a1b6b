"""Scorecard JSON files: submitted scorecards and their amendments, between databases.

The format is documented in ``docs/scorecard-format.md`` with a JSON Schema in
``resources/schemas/scorecard.schema.json``. Private notes never leave the app.

An import is all or nothing: the whole file is checked, then written in one
transaction; the first problem is named with its path inside the file (for example
``scorecards[3].ratings[2].rating: must be 1-4 or null``) and nothing is written.
Importing the same file twice changes nothing; a scorecard or amendment whose uuid is
stored with other content is a conflict, reported and not written.
"""

from __future__ import annotations

import contextlib
import json
import logging
import uuid as uuid_module
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import ColumnElement, and_, select, true
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.scorecard import BELOW_LADDER, CriterionRating, Vote
from interview_kit.domain.scorecard_content import (
    TEXT_LIMIT,
    ScorecardChanges,
    ScorecardContentError,
    check_changes,
)
from interview_kit.services import audit, summaries
from interview_kit.services.errors import (
    ConflictError,
    InvalidInputError,
    NotFoundError,
)
from interview_kit.services.scorecard_reads import StoredScorecard, load_scorecards
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AmendmentRow,
    CandidateRow,
    ExerciseNoteRow,
    InterviewerRow,
    ObservationRow,
    RatingRow,
    RubricVersionRow,
    ScorecardRow,
)
from interview_kit.storage.tables import EMAIL_LENGTH, NAME_LENGTH, search_key

logger = logging.getLogger(__name__)

FORMAT_NAME = "interview-kit-scorecards"
FORMAT_VERSION = 1
ID_LIMIT = 64
MAX_FILE_SIZE = 64 * 1024 * 1024
"""Largest scorecard file read: larger is refused before it is read into memory."""


class ScorecardFileError(InvalidInputError):
    """A scorecard file that cannot be imported; nothing was written.

    ``location`` is the path inside the file (``scorecards[3].ratings[2].rating``) or
    empty for the file as a whole.
    """

    def __init__(self, source: str, location: str, problem: str) -> None:
        self.source = source
        self.location = location
        self.problem = problem
        where = f"{source}: {location}" if location else source
        super().__init__(f"{where}: {problem}")


class ScorecardFileReferenceError(ScorecardFileError, NotFoundError):
    """The file names a candidate or rubric version this database does not have."""


class ScorecardFileConflictError(ScorecardFileError, ConflictError):
    """The file holds other content for a scorecard or amendment stored here."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    """Scorecards new to this database."""
    unchanged: int
    """Scorecards already stored with the same content."""
    amendments_added: int
    interviewers_added: int
    candidate_uuids: tuple[str, ...]
    """Candidates whose scorecards changed."""

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.amendments_added or self.interviewers_added)


# ---------------------------------------------------------------------------------------
# Export


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(UTC).isoformat()


def _scorecard_json(card: StoredScorecard, rubric_version: int) -> dict[str, Any]:
    content = card.content
    return {
        "uuid": card.uuid,
        "candidate_uuid": card.candidate_uuid,
        "stage_id": card.stage_id,
        "interviewer": {
            "uuid": card.interviewer_uuid,
            "name": card.interviewer_name,
            "email": card.interviewer_email,
        },
        "rubric": {
            "id": card.rubric_id,
            "version": rubric_version,
            "content_hash": card.rubric_hash,
        },
        "status": "submitted",
        "created_at": _iso(card.created_at),
        "submitted_at": _iso(card.submitted_at),
        "ratings": [
            {"criterion_id": r.criterion_id, "rating": r.rating, "evidence": r.evidence}
            for r in content.ratings.values()
        ],
        "signals": [{"id": k, "evidence": v} for k, v in content.signals.items()],
        "red_flags": [{"id": k, "evidence": v} for k, v in content.red_flags.items()],
        "exercise_notes": dict(content.exercise_notes),
        "level_evidence": content.level_evidence,
        "vote": None if content.vote is None else content.vote.value,
        "summary": content.summary,
        "amendments": [
            {
                "uuid": a.uuid,
                "sequence": a.sequence,
                "amended_by": a.amended_by,
                "amended_by_uuid": a.amended_by_uuid,
                "reason": a.reason,
                "created_at": _iso(a.created_at),
                "changes": a.changes.to_json(private=False),
                **({"private_only": True} if not a.changes.to_json(private=False) else {}),
            }
            for a in card.amendments
        ],
    }


def scorecards_document(
    db: Database,
    *,
    candidate_uuids: Iterable[str] | None = None,
    interviewer_uuid: str | None = None,
    scorecard_uuids: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Submitted scorecards (with amendments) as the JSON document, filtered as asked."""
    where: ColumnElement[bool] = and_(true(), ScorecardRow.status == "submitted")
    if candidate_uuids is not None:
        where = and_(where, CandidateRow.uuid.in_(list(candidate_uuids)))
    if interviewer_uuid is not None:
        where = and_(where, InterviewerRow.uuid == interviewer_uuid)
    if scorecard_uuids is not None:
        where = and_(where, ScorecardRow.uuid.in_(list(scorecard_uuids)))
    with db.read() as session:
        cards = load_scorecards(session, where)
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": _iso(datetime.now(UTC)),
        "scorecards": [_scorecard_json(card, card.rubric_version) for card in cards],
    }


def export_scorecards(
    db: Database,
    out_path: Path | str,
    *,
    candidate_uuids: Iterable[str] | None = None,
    interviewer_uuid: str | None = None,
    overwrite: bool = False,
) -> int:
    """Write submitted scorecards to a JSON file; returns how many were written."""
    out = Path(out_path)
    if out.exists() and not overwrite:
        raise ConflictError(f"{out} already exists; choose another file or allow overwriting")
    document = scorecards_document(
        db, candidate_uuids=candidate_uuids, interviewer_uuid=interviewer_uuid
    )
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    partial = out.with_name(f".{out.name}.partial")
    try:
        partial.write_text(text, encoding="utf-8")
        partial.replace(out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise InvalidInputError(f"cannot write {out}: {exc.strerror or exc}") from None
    count = len(document["scorecards"])
    audit.log_event(db, "scorecards.exported", "scorecards", None, f"{count} scorecard(s)")
    return count


# ---------------------------------------------------------------------------------------
# Reading a file: structure first, with the path of the first problem


class _ProblemError(Exception):
    def __init__(self, location: str, problem: str) -> None:
        super().__init__(f"{location}: {problem}")
        self.location = location
        self.problem = problem


def _object(
    value: Any, path: str, required: Sequence[str], optional: Sequence[str] = ()
) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _ProblemError(path, "must be an object")
    for key in value:
        if key not in required and key not in optional:
            raise _ProblemError(_join(path, key), "is not a known key")
    for key in required:
        if key not in value:
            raise _ProblemError(_join(path, key), "is required but missing")
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _text(value: Any, path: str, *, limit: int = TEXT_LIMIT, required: bool = False) -> str:
    if not isinstance(value, str):
        raise _ProblemError(path, "must be text")
    if "\x00" in value:
        raise _ProblemError(path, "contains a NUL character")
    if len(value) > limit:
        raise _ProblemError(path, f"is too long ({len(value)} characters, at most {limit})")
    if required and not value.strip():
        raise _ProblemError(path, "must not be empty")
    return value


def _optional_text(value: Any, path: str, *, limit: int = TEXT_LIMIT) -> str | None:
    return None if value is None else _text(value, path, limit=limit)


def _uuid(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise _ProblemError(path, "must be a uuid")
    try:
        parsed = uuid_module.UUID(value)
    except ValueError:
        raise _ProblemError(path, f"{value!r} is not a uuid") from None
    if str(parsed) != value:
        raise _ProblemError(path, f"{value!r} is not a lower-case hyphenated uuid")
    return value


def _timestamp(value: Any, path: str) -> datetime:
    if not isinstance(value, str):
        raise _ProblemError(path, "must be a date-time text")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise _ProblemError(path, f"{value!r} is not an ISO 8601 date-time") from None
    if parsed.tzinfo is None:
        raise _ProblemError(path, f"{value!r} has no time zone")
    return parsed.astimezone(UTC)


def _integer(value: Any, path: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _ProblemError(path, f"must be a whole number from {low} to {high}")
    return value


def _rating(value: Any, path: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value not in (1, 2, 3, 4):
        raise _ProblemError(path, "must be 1-4 or null")
    return value


def _vote(value: Any, path: str) -> Vote | None:
    if value is None:
        return None
    try:
        return Vote(value)
    except ValueError:
        allowed = ", ".join(v.value for v in Vote)
        raise _ProblemError(path, f"must be one of {allowed} or null") from None


def _list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise _ProblemError(path, "must be a list")
    return value


@dataclass
class _FileAmendment:
    path: str
    uuid: str
    sequence: int
    amended_by: str
    amended_by_uuid: str | None
    reason: str
    created_at: datetime
    changes: ScorecardChanges


@dataclass
class _FileScorecard:
    path: str
    uuid: str
    candidate_uuid: str
    stage_id: str
    interviewer_uuid: str
    interviewer_name: str
    interviewer_email: str
    rubric_id: str
    rubric_version: int
    rubric_hash: str
    created_at: datetime
    submitted_at: datetime
    ratings: list[CriterionRating]
    signals: dict[str, str]
    red_flags: dict[str, str]
    exercise_notes: dict[str, str]
    level_evidence: str | None
    vote: Vote | None
    summary: str
    amendments: list[_FileAmendment]

    def original_key(self) -> tuple[Any, ...]:
        return (
            self.candidate_uuid,
            self.stage_id,
            self.interviewer_uuid,
            self.rubric_hash,
            self.submitted_at,
            tuple(sorted((r.criterion_id, r.rating, r.evidence) for r in self.ratings)),
            tuple(sorted(self.signals.items())),
            tuple(sorted(self.red_flags.items())),
            tuple(sorted(self.exercise_notes.items())),
            self.level_evidence,
            self.vote,
            self.summary,
        )


def _stored_key(card: StoredScorecard) -> tuple[Any, ...]:
    content = card.content
    return (
        card.candidate_uuid,
        card.stage_id,
        card.interviewer_uuid,
        card.rubric_hash,
        card.submitted_at,
        tuple(sorted((r.criterion_id, r.rating, r.evidence) for r in content.ratings.values())),
        tuple(sorted(content.signals.items())),
        tuple(sorted(content.red_flags.items())),
        tuple(sorted(content.exercise_notes.items())),
        content.level_evidence,
        content.vote,
        content.summary,
    )


def _read_document(data: Any) -> list[_FileScorecard]:
    top = _object(
        data, "", ("format", "format_version", "scorecards"), ("exported_at", "exported_by")
    )
    if top["format"] != FORMAT_NAME:
        raise _ProblemError("format", f"must be {FORMAT_NAME!r} (this is not a scorecard file)")
    version = top["format_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        raise _ProblemError("format_version", "must be a whole number")
    if version != FORMAT_VERSION:
        raise _ProblemError(
            "format_version",
            f"version {version} is not supported (this app reads version {FORMAT_VERSION})",
        )
    if "exported_at" in top:
        _timestamp(top["exported_at"], "exported_at")
    if "exported_by" in top:
        _text(top["exported_by"], "exported_by", limit=NAME_LENGTH)
    cards = []
    seen: dict[str, str] = {}
    seen_amendments: dict[str, str] = {}
    for index, item in enumerate(_list(top["scorecards"], "scorecards")):
        card = _read_scorecard(item, f"scorecards[{index}]")
        if card.uuid in seen:
            raise _ProblemError(f"{card.path}.uuid", f"repeats the scorecard of {seen[card.uuid]}")
        seen[card.uuid] = card.path
        for amendment in card.amendments:
            if amendment.uuid in seen_amendments:
                raise _ProblemError(
                    f"{amendment.path}.uuid",
                    f"repeats the amendment of {seen_amendments[amendment.uuid]}",
                )
            seen_amendments[amendment.uuid] = amendment.path
        cards.append(card)
    return cards


_SCORECARD_KEYS = (
    "uuid",
    "candidate_uuid",
    "stage_id",
    "interviewer",
    "rubric",
    "status",
    "created_at",
    "submitted_at",
    "ratings",
    "signals",
    "red_flags",
    "exercise_notes",
    "level_evidence",
    "vote",
    "summary",
    "amendments",
)


def _read_scorecard(item: Any, path: str) -> _FileScorecard:
    data = _object(item, path, _SCORECARD_KEYS)
    if data["status"] != "submitted":
        raise _ProblemError(f"{path}.status", "must be 'submitted' (drafts are never exchanged)")
    person = _object(data["interviewer"], f"{path}.interviewer", ("uuid", "name"), ("email",))
    rubric = _object(data["rubric"], f"{path}.rubric", ("id", "version", "content_hash"))
    content_hash = _text(rubric["content_hash"], f"{path}.rubric.content_hash", limit=64)
    if len(content_hash) != 64 or any(ch not in "0123456789abcdef" for ch in content_hash):
        raise _ProblemError(f"{path}.rubric.content_hash", "must be 64 lower-case hex digits")
    ratings = []
    seen_criteria: set[str] = set()
    for index, entry in enumerate(_list(data["ratings"], f"{path}.ratings")):
        where = f"{path}.ratings[{index}]"
        rating = _object(entry, where, ("criterion_id", "rating"), ("evidence",))
        criterion_id = _text(
            rating["criterion_id"], f"{where}.criterion_id", limit=ID_LIMIT, required=True
        )
        if criterion_id in seen_criteria:
            raise _ProblemError(f"{where}.criterion_id", f"{criterion_id!r} is rated twice")
        seen_criteria.add(criterion_id)
        ratings.append(
            CriterionRating(
                criterion_id,
                _rating(rating["rating"], f"{where}.rating"),
                _text(rating.get("evidence", ""), f"{where}.evidence"),
            )
        )
    observed = {}
    for key in ("signals", "red_flags"):
        items: dict[str, str] = {}
        for index, entry in enumerate(_list(data[key], f"{path}.{key}")):
            where = f"{path}.{key}[{index}]"
            obs = _object(entry, where, ("id",), ("evidence",))
            item_id = _text(obs["id"], f"{where}.id", limit=ID_LIMIT, required=True)
            if item_id in items:
                raise _ProblemError(f"{where}.id", f"{item_id!r} is listed twice")
            items[item_id] = _text(obs.get("evidence", ""), f"{where}.evidence")
        observed[key] = items
    notes = data["exercise_notes"]
    if not isinstance(notes, dict):
        raise _ProblemError(f"{path}.exercise_notes", "must be an object")
    exercise_notes = {
        _text(k, f"{path}.exercise_notes", limit=ID_LIMIT): _text(v, f"{path}.exercise_notes.{k}")
        for k, v in notes.items()
    }
    amendments = []
    for index, entry in enumerate(_list(data["amendments"], f"{path}.amendments")):
        amendments.append(_read_amendment(entry, f"{path}.amendments[{index}]"))
    for index, amendment in enumerate(amendments, start=1):
        if amendment.sequence != index:
            raise _ProblemError(
                f"{amendment.path}.sequence",
                f"must be {index} (amendments are numbered 1, 2, ... in order)",
            )
    return _FileScorecard(
        path=path,
        uuid=_uuid(data["uuid"], f"{path}.uuid"),
        candidate_uuid=_uuid(data["candidate_uuid"], f"{path}.candidate_uuid"),
        stage_id=_text(data["stage_id"], f"{path}.stage_id", limit=ID_LIMIT, required=True),
        interviewer_uuid=_uuid(person["uuid"], f"{path}.interviewer.uuid"),
        interviewer_name=_text(
            person["name"], f"{path}.interviewer.name", limit=NAME_LENGTH, required=True
        ),
        interviewer_email=_text(
            person.get("email", ""), f"{path}.interviewer.email", limit=EMAIL_LENGTH
        ),
        rubric_id=_text(rubric["id"], f"{path}.rubric.id", limit=ID_LIMIT, required=True),
        rubric_version=_integer(rubric["version"], f"{path}.rubric.version", 1, 1_000_000),
        rubric_hash=content_hash,
        created_at=_timestamp(data["created_at"], f"{path}.created_at"),
        submitted_at=_timestamp(data["submitted_at"], f"{path}.submitted_at"),
        ratings=ratings,
        signals=observed["signals"],
        red_flags=observed["red_flags"],
        exercise_notes=exercise_notes,
        level_evidence=_optional_text(data["level_evidence"], f"{path}.level_evidence", limit=16),
        vote=_vote(data["vote"], f"{path}.vote"),
        summary=_text(data["summary"], f"{path}.summary"),
        amendments=amendments,
    )


_CHANGE_KEYS = (
    "ratings",
    "signals",
    "red_flags",
    "exercise_notes",
    "level_evidence",
    "vote",
    "summary",
)


def _read_amendment(entry: Any, path: str) -> _FileAmendment:
    data = _object(
        entry,
        path,
        ("uuid", "sequence", "amended_by", "reason", "created_at", "changes"),
        ("amended_by_uuid", "private_only"),
    )
    changes = _object(data["changes"], f"{path}.changes", (), _CHANGE_KEYS)
    private_only = data.get("private_only", False)
    if not isinstance(private_only, bool):
        raise _ProblemError(f"{path}.private_only", "must be true or false")
    if not changes and not private_only:
        # An amendment that changed only private notes travels as {} with
        # "private_only": true (private notes never leave the app that wrote them).
        raise _ProblemError(f"{path}.changes", "must change something")
    if changes and private_only:
        raise _ProblemError(f"{path}.private_only", "is true but the changes are not empty")
    where = f"{path}.changes"
    ratings: dict[str, CriterionRating | None] = {}
    if "ratings" in changes:
        raw = changes["ratings"]
        if not isinstance(raw, dict):
            raise _ProblemError(f"{where}.ratings", "must be an object")
        for criterion_id, value in raw.items():
            here = f"{where}.ratings.{criterion_id}"
            _text(criterion_id, here, limit=ID_LIMIT, required=True)
            if value is None:
                ratings[criterion_id] = None
                continue
            rating = _object(value, here, ("rating",), ("evidence",))
            ratings[criterion_id] = CriterionRating(
                criterion_id,
                _rating(rating["rating"], f"{here}.rating"),
                _text(rating.get("evidence", ""), f"{here}.evidence"),
            )
    observed: dict[str, dict[str, str | None]] = {}
    for key in ("signals", "red_flags"):
        raw = changes.get(key, {})
        if not isinstance(raw, dict):
            raise _ProblemError(f"{where}.{key}", "must be an object")
        observed[key] = {
            _text(k, f"{where}.{key}", limit=ID_LIMIT): _optional_text(v, f"{where}.{key}.{k}")
            for k, v in raw.items()
        }
    raw_notes = changes.get("exercise_notes", {})
    if not isinstance(raw_notes, dict):
        raise _ProblemError(f"{where}.exercise_notes", "must be an object")
    notes = {
        _text(k, f"{where}.exercise_notes", limit=ID_LIMIT): _text(v, f"{where}.exercise_notes.{k}")
        for k, v in raw_notes.items()
    }
    kwargs: dict[str, Any] = {}
    if "level_evidence" in changes:
        kwargs["level_evidence"] = _optional_text(
            changes["level_evidence"], f"{where}.level_evidence", limit=16
        )
    if "vote" in changes:
        kwargs["vote"] = _vote(changes["vote"], f"{where}.vote")
    if "summary" in changes:
        kwargs["summary"] = _text(changes["summary"], f"{where}.summary")
    amended_by_uuid = data.get("amended_by_uuid")
    return _FileAmendment(
        path=path,
        uuid=_uuid(data["uuid"], f"{path}.uuid"),
        sequence=_integer(data["sequence"], f"{path}.sequence", 1, 10_000),
        amended_by=_text(
            data["amended_by"], f"{path}.amended_by", limit=NAME_LENGTH, required=True
        ),
        amended_by_uuid=None
        if amended_by_uuid is None
        else _uuid(amended_by_uuid, f"{path}.amended_by_uuid"),
        reason=_text(data["reason"], f"{path}.reason", required=True),
        created_at=_timestamp(data["created_at"], f"{path}.created_at"),
        changes=ScorecardChanges(
            ratings=ratings,
            signals=observed["signals"],
            red_flags=observed["red_flags"],
            exercise_notes=notes,
            **kwargs,
        ),
    )


# ---------------------------------------------------------------------------------------
# Checking against the database's rubric versions


def _check_against_rubric(card: _FileScorecard, rubric: Rubric) -> None:
    try:
        stage = rubric.stage(card.stage_id)
    except KeyError:
        raise _ProblemError(
            f"{card.path}.stage_id", f"stage {card.stage_id!r} is not in rubric {rubric.id!r}"
        ) from None
    criteria = {criterion.id for criterion in stage.criteria}
    for index, rating in enumerate(card.ratings):
        if rating.criterion_id not in criteria:
            raise _ProblemError(
                f"{card.path}.ratings[{index}].criterion_id",
                f"criterion {rating.criterion_id!r} is not part of stage {stage.id!r}",
            )
    for key, known, items in (
        ("signals", {s.id for s in rubric.signals}, card.signals),
        ("red_flags", {f.id for f in rubric.red_flags}, card.red_flags),
    ):
        for index, item_id in enumerate(items):
            if item_id not in known:
                raise _ProblemError(
                    f"{card.path}.{key}[{index}].id", f"{item_id!r} is not in the rubric"
                )
    exercises = {exercise.id for exercise in stage.exercises}
    for exercise_id in card.exercise_notes:
        if exercise_id not in exercises:
            raise _ProblemError(
                f"{card.path}.exercise_notes.{exercise_id}",
                f"exercise {exercise_id!r} is not part of stage {stage.id!r}",
            )
    levels = {level.id for level in rubric.levels} | {BELOW_LADDER}
    if card.level_evidence is not None and card.level_evidence not in levels:
        raise _ProblemError(
            f"{card.path}.level_evidence",
            f"{card.level_evidence!r} is not a level of the rubric",
        )
    for amendment in card.amendments:
        try:
            check_changes(rubric, card.stage_id, amendment.changes)
        except ScorecardContentError as exc:
            raise _ProblemError(f"{amendment.path}.changes", str(exc)) from None


# ---------------------------------------------------------------------------------------
# Import


def import_scorecards(db: Database, path: Path | str, *, actor: str | None = None) -> ImportResult:
    """Import a scorecard file in one transaction (see the module docstring)."""
    source = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_SIZE:
            raise ScorecardFileError(
                source,
                "",
                f"is too large ({size // (1024 * 1024)} MB; a scorecard file holds at most "
                f"{MAX_FILE_SIZE // (1024 * 1024)} MB)",
            )
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ScorecardFileReferenceError(source, "", "file not found") from None
    except OSError as exc:
        raise ScorecardFileError(source, "", f"cannot be read ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ScorecardFileError(source, "", f"is not UTF-8 text (byte {exc.start})") from None
    try:
        data = json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise ScorecardFileError(
            source, "", f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except ValueError as exc:
        raise ScorecardFileError(source, "", f"is not valid JSON: {exc}") from None
    except RecursionError:
        raise ScorecardFileError(source, "", "is not valid JSON: nested too deeply") from None
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        raise ScorecardFileError(
            source, "", "is not valid text: it holds a lone surrogate (\\ud800-\\udfff)"
        ) from None
    except RecursionError:
        raise ScorecardFileError(source, "", "is not valid JSON: nested too deeply") from None
    return import_scorecards_document(db, data, source=source, actor=actor)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def import_scorecards_document(
    db: Database,
    data: Any,
    *,
    source: str = "<scorecards>",
    actor: str | None = None,
    before_commit: Callable[[Session, ImportResult], None] | None = None,
) -> ImportResult:
    """Import an already parsed document (e.g. the content of a sealed bundle).

    ``before_commit`` runs inside the transaction once everything is written: a caller's
    own records of the import commit with it, and an exception from it writes nothing.
    """
    try:
        cards = _read_document(data)
    except _ProblemError as problem:
        raise ScorecardFileError(source, problem.location, problem.problem) from None
    try:
        with db.write() as session:
            result = _apply(db, session, cards)
            audit.append(
                session,
                actor or db.actor,
                "scorecards.imported",
                "scorecards",
                None,
                f"{result.added} added, {result.amendments_added} amendment(s), "
                f"{result.unchanged} unchanged",
            )
            if before_commit is not None:
                before_commit(session, result)
            return result
    except _ReferenceError as problem:
        raise ScorecardFileReferenceError(source, problem.location, problem.problem) from None
    except _ConflictError as problem:
        raise ScorecardFileConflictError(source, problem.location, problem.problem) from None
    except _ProblemError as problem:
        raise ScorecardFileError(source, problem.location, problem.problem) from None


class _ReferenceError(_ProblemError):
    pass


class _ConflictError(_ProblemError):
    pass


def _apply(db: Database, session: Session, cards: list[_FileScorecard]) -> ImportResult:
    from interview_kit.services.rubrics import rubric_for_version

    if not cards:
        return ImportResult(0, 0, 0, 0, ())
    candidates = dict(
        session.execute(
            select(CandidateRow.uuid, CandidateRow.id).where(
                CandidateRow.uuid.in_({c.candidate_uuid for c in cards})
            )
        ).all()
    )
    versions = dict(
        session.execute(
            select(RubricVersionRow.content_hash, RubricVersionRow.id).where(
                RubricVersionRow.content_hash.in_({c.rubric_hash for c in cards})
            )
        ).all()
    )
    interviewers = dict(
        session.execute(
            select(InterviewerRow.uuid, InterviewerRow.id).where(
                InterviewerRow.uuid.in_({c.interviewer_uuid for c in cards})
            )
        ).all()
    )
    stored = {
        card.uuid: card
        for card in load_scorecards(session, ScorecardRow.uuid.in_([c.uuid for c in cards]))
    }
    known_amendments = dict(
        session.execute(
            select(AmendmentRow.uuid, ScorecardRow.uuid)
            .join(ScorecardRow, ScorecardRow.id == AmendmentRow.scorecard_id)
            .where(AmendmentRow.uuid.in_([a.uuid for c in cards for a in c.amendments]))
        ).all()
    )
    for card in cards:
        for amendment in card.amendments:
            owner = known_amendments.get(amendment.uuid)
            if owner is not None and owner != card.uuid:
                raise _ConflictError(
                    f"{amendment.path}.uuid",
                    f"amendment {amendment.uuid} belongs to another scorecard here ({owner})",
                )
    added = unchanged = amendments_added = interviewers_added = 0
    touched: set[int] = set()
    for card in cards:
        candidate_id = candidates.get(card.candidate_uuid)
        if candidate_id is None:
            raise _ReferenceError(
                f"{card.path}.candidate_uuid",
                f"unknown candidate {card.candidate_uuid}: add the candidate (or import the "
                "panel pack) first",
            )
        version_id = versions.get(card.rubric_hash)
        if version_id is None:
            raise _ReferenceError(
                f"{card.path}.rubric.content_hash",
                f"unknown rubric version {card.rubric_id} v{card.rubric_version} "
                f"({card.rubric_hash[:12]}…): import that rubric version first",
            )
        _check_against_rubric(card, rubric_for_version(db, session, version_id))
        existing = stored.get(card.uuid)
        if existing is not None:
            if existing.status.value != "submitted":
                raise _ConflictError(
                    f"{card.path}.uuid",
                    f"scorecard {card.uuid} is still a draft here; submit or delete it first",
                )
            if _stored_key(existing) != card.original_key():
                raise _ConflictError(
                    f"{card.path}",
                    f"scorecard {card.uuid} is stored here with different content",
                )
            unchanged += 1
            new_amendments = _new_amendments(card, existing)
            scorecard_id = existing.id
        else:
            interviewer_id = interviewers.get(card.interviewer_uuid)
            if interviewer_id is None:
                interviewer = InterviewerRow(
                    uuid=card.interviewer_uuid,
                    name=card.interviewer_name,
                    name_key=search_key(card.interviewer_name)[:NAME_LENGTH],
                    email=card.interviewer_email,
                )
                session.add(interviewer)
                session.flush()
                interviewer_id = interviewers[card.interviewer_uuid] = interviewer.id
                interviewers_added += 1
            clash = session.scalar(
                select(ScorecardRow.uuid).where(
                    ScorecardRow.candidate_id == candidate_id,
                    ScorecardRow.stage_id == card.stage_id,
                    ScorecardRow.interviewer_id == interviewer_id,
                )
            )
            if clash is not None:
                raise _ConflictError(
                    f"{card.path}.uuid",
                    f"this interviewer already has scorecard {clash} for stage "
                    f"{card.stage_id!r} of this candidate",
                )
            scorecard_id = _insert(session, card, candidate_id, interviewer_id, version_id)
            added += 1
            new_amendments = card.amendments
        for amendment in new_amendments:
            session.add(
                AmendmentRow(
                    uuid=amendment.uuid,
                    scorecard_id=scorecard_id,
                    sequence=amendment.sequence,
                    amended_by=amendment.amended_by,
                    amended_by_uuid=amendment.amended_by_uuid,
                    reason=amendment.reason,
                    changes=amendment.changes.to_json(private=False),
                    created_at=amendment.created_at,
                )
            )
            amendments_added += 1
        if existing is None or new_amendments:
            touched.add(candidate_id)
    session.flush()
    for candidate_id in sorted(touched):
        summaries.refresh(db, session, candidate_id)
    touched_uuids = tuple(sorted(u for u, i in candidates.items() if i in touched))
    return ImportResult(added, unchanged, amendments_added, interviewers_added, touched_uuids)


def _new_amendments(card: _FileScorecard, existing: StoredScorecard) -> list[_FileAmendment]:
    """The file's amendments this database lacks; conflicting ones are refused."""
    stored = {a.sequence: a for a in existing.amendments}
    fresh: list[_FileAmendment] = []
    for amendment in card.amendments:
        mine = stored.get(amendment.sequence)
        if mine is None:
            if fresh or amendment.sequence == len(stored) + 1:
                fresh.append(amendment)
                continue
            raise _ConflictError(
                f"{amendment.path}.sequence", "amendments are missing before this one"
            )
        same = (
            mine.uuid == amendment.uuid
            and mine.reason == amendment.reason
            and mine.amended_by == amendment.amended_by
            and mine.changes.to_json(private=False) == amendment.changes.to_json(private=False)
        )
        if not same:
            raise _ConflictError(
                amendment.path,
                f"amendment {amendment.sequence} of scorecard {card.uuid} is stored here "
                "with different content",
            )
    return fresh


def _insert(
    session: Session,
    card: _FileScorecard,
    candidate_id: int,
    interviewer_id: int,
    version_id: int,
) -> int:
    row = ScorecardRow(
        uuid=card.uuid,
        candidate_id=candidate_id,
        stage_id=card.stage_id,
        interviewer_id=interviewer_id,
        rubric_version_id=version_id,
        status="draft",
        level_evidence=card.level_evidence,
        vote=None if card.vote is None else card.vote.value,
        summary=card.summary,
        created_at=card.created_at,
        updated_at=card.submitted_at,
    )
    session.add(row)
    session.flush()
    session.add_all(
        RatingRow(
            scorecard_id=row.id,
            criterion_id=r.criterion_id,
            position=index,
            rating=r.rating,
            evidence=r.evidence,
        )
        for index, r in enumerate(card.ratings)
    )
    for kind, items in (("signal", card.signals), ("red_flag", card.red_flags)):
        session.add_all(
            ObservationRow(
                scorecard_id=row.id, kind=kind, item_id=item_id, position=index, evidence=text
            )
            for index, (item_id, text) in enumerate(items.items())
        )
    session.add_all(
        ExerciseNoteRow(scorecard_id=row.id, exercise_id=k, notes=v)
        for k, v in card.exercise_notes.items()
    )
    # Children first, then the status: once submitted the database refuses new children.
    session.flush()
    row.status = "submitted"
    row.submitted_at = card.submitted_at
    session.flush()
    return row.id
