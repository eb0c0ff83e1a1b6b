"""Candidates from a CSV file, as an applicant-tracking system or a spreadsheet writes it.

The file is read twice, row by row, never held whole: :func:`plan_import` reads it to
say what would be added, updated (an e-mail already stored) or skipped (nothing would
change), with every problem at its row and column; :func:`import_candidates` reads it
again inside one write transaction and stores everything or, on any problem, nothing.
Both go through :func:`_walk`, so a preview and an import cannot disagree. What grows
with the file is one e-mail key per row (to find duplicates within it) and, for the
preview, the first :data:`PREVIEW_ROWS` rows; new candidates go to the database in
chunks through the bulk layer.

Encodings: a byte order mark decides (UTF-8, UTF-16); otherwise UTF-8 when the whole
file is valid UTF-8, else Windows-1252 (what Excel writes on Western Windows), else
Latin-1, which reads any bytes. The delimiter is whichever of comma, semicolon or tab
the header line uses most (Excel writes semicolons where the decimal mark is a comma).
See docs/csv-import.md.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, literal, or_, select
from sqlalchemy.orm import Session, selectinload

from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
from interview_kit.services import audit
from interview_kit.services.candidates import (
    candidate_keys,
    clean_email,
    clean_notes,
)
from interview_kit.services.common import clean_text, new_uuid
from interview_kit.services.errors import InvalidInputError, NotFoundError
from interview_kit.storage.bulk import BulkInserter
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    AuditRow,
    CandidateRow,
    CandidateSummaryRow,
    RubricRow,
    RubricVersionRow,
)
from interview_kit.storage.tables import NAME_LENGTH, utc_now

__all__ = [
    "FIELDS",
    "IGNORE",
    "ImportAction",
    "ImportOptions",
    "ImportPlan",
    "ImportProblem",
    "ImportRow",
    "guess_field",
    "import_candidates",
    "parse_mapping",
    "plan_import",
]

FIELDS: tuple[str, ...] = (
    "name",
    "first_name",
    "last_name",
    "email",
    "source",
    "origin",
    "role",
    "notes",
)
"""What a column can hold. ``role`` is the role title; when it names a stored rubric
(its id or its role title), the candidate is scored on that rubric."""
IGNORE = "ignore"
"""The field of a column that is read but not used."""

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "fullname", "candidate", "candidatename", "applicant", "applicantname"),
    "first_name": ("firstname", "first", "givenname", "forename", "prenom", "vorname"),
    "last_name": ("lastname", "last", "surname", "familyname", "nom", "nachname"),
    "email": (
        "email",
        "emailaddress",
        "mail",
        "candidateemail",
        "emails",
        "courriel",
        "correo",
    ),
    "source": ("source", "candidatesource", "background", "profile"),
    "origin": ("origin", "originpath", "path", "track", "maturitypath"),
    "role": ("role", "roletitle", "position", "job", "jobtitle", "jobname", "opening"),
    "notes": ("notes", "note", "comments", "comment", "remarks"),
}
_GUESSES = {alias: name for name, aliases in _ALIASES.items() for alias in aliases}

PREVIEW_ROWS = 500
"""Rows a plan keeps for showing (the counts and problems cover every row)."""
CHUNK_ROWS = 2000
"""Rows looked up and written together."""
_DELIMITERS = (",", ";", "\t")
_SNIFF_BYTES = 64 * 1024


class ImportAction(StrEnum):
    ADD = "add"
    UPDATE = "update"
    SKIP = "skip"
    """Already stored (same e-mail) and nothing in the row would change it."""


@dataclass(frozen=True)
class ImportProblem:
    row: int
    """The row as a spreadsheet numbers it: the header is row 1."""
    column: str
    """The column's heading ("" when the problem is the row's, not a cell's)."""
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}"
        if self.column:
            where += f", column {self.column!r}"
        return f"{where}: {self.message}"


@dataclass(frozen=True)
class ImportRow:
    row: int
    action: ImportAction
    name: str
    email: str
    source: CandidateSource
    origin_path: OriginPath
    role_title: str
    rubric_id: str | None
    """The rubric a new candidate is scored on (an existing one keeps theirs)."""
    notes: str
    candidate_uuid: str | None = None
    """The stored candidate an update or skip matched."""
    changes: tuple[str, ...] = ()
    """Fields an update changes."""


@dataclass(frozen=True)
class ImportOptions:
    mapping: Mapping[str, str] = field(default_factory=dict)
    """Column heading to field (or :data:`IGNORE`), over the guess from the headings."""
    encoding: str | None = None
    """``None``: found from the bytes (see the module's notes)."""
    delimiter: str | None = None
    """``None``: comma, semicolon or tab, whichever the header line uses most."""
    rubric_id: str | None = None
    """The rubric of new candidates whose row names none (default: the first stored)."""


@dataclass(frozen=True)
class ImportPlan:
    encoding: str
    delimiter: str
    columns: tuple[tuple[str, str], ...]
    """Each heading with the field it is read as (:data:`IGNORE` when unused)."""
    added: int
    updated: int
    skipped: int
    problems: tuple[ImportProblem, ...]
    preview: tuple[ImportRow, ...]
    """The first :data:`PREVIEW_ROWS` rows, in file order."""
    written: bool = False
    """Whether the candidates were stored (never with problems)."""

    @property
    def rows(self) -> int:
        return self.added + self.updated + self.skipped

    @property
    def delimiter_name(self) -> str:
        """The delimiter in words: "comma", "semicolon", "tab"."""
        return {",": "comma", ";": "semicolon", "\t": "tab"}.get(
            self.delimiter, repr(self.delimiter)
        )

    def describe(self) -> str:
        """One line: "12 to add, 3 to update, 1 unchanged" (or what was done)."""
        if self.written:
            words = (f"{self.added} added", f"{self.updated} updated", f"{self.skipped} unchanged")
        else:
            words = (
                f"{self.added} to add",
                f"{self.updated} to update",
                f"{self.skipped} unchanged",
            )
        return ", ".join(words)


def parse_mapping(items: Sequence[str]) -> dict[str, str]:
    """``COLUMN=FIELD`` items (as typed after ``--map``) as a mapping."""
    mapping: dict[str, str] = {}
    for item in items:
        column, sep, name = item.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not sep or not column.strip():
            raise InvalidInputError(f"{item!r} is not COLUMN=FIELD")
        if name not in (*FIELDS, IGNORE):
            raise InvalidInputError(
                f"{name!r} is not a field; fields are {', '.join(FIELDS)} (or {IGNORE})"
            )
        mapping[column.strip()] = name
    return mapping


def guess_field(heading: str) -> str:
    """The field a column's heading suggests (:data:`IGNORE` when none does)."""
    return _GUESSES.get(_normal(heading), IGNORE)


def _normal(heading: str) -> str:
    return re.sub(r"[\W_]+", "", heading.casefold())


def plan_import(db: Database, path: Path | str, options: ImportOptions | None = None) -> ImportPlan:
    """What importing ``path`` would do; nothing is written."""
    options = options or ImportOptions()
    with db.read() as session:
        return _walk(session, Path(path), options, write=None)


def import_candidates(
    db: Database,
    path: Path | str,
    options: ImportOptions | None = None,
    *,
    actor: str | None = None,
) -> ImportPlan:
    """Import ``path``: everything, or (with any problem) nothing.

    The returned plan says what was done (``written``) or, with ``problems``, why
    nothing was.
    """
    options = options or ImportOptions()
    who = actor or db.actor
    try:
        with db.write() as session:
            writer = _Writer(session, who)
            plan = _walk(session, Path(path), options, write=writer)
            if plan.problems:
                raise _RefusedError(plan)  # rolls back what earlier chunks wrote
            plan = replace(plan, written=True)
            audit.append(session, who, "candidates.imported", "candidate", None, plan.describe())
    except _RefusedError as refused:
        return refused.plan
    return plan


class _RefusedError(Exception):
    def __init__(self, plan: ImportPlan) -> None:
        super().__init__("the import has problems")
        self.plan = plan


# ---------------------------------------------------------------------------------------
# Reading the file


def detect_encoding(path: Path) -> str:
    """The file's encoding: by byte order mark, else UTF-8 if valid, else cp1252, else
    Latin-1 (which reads any bytes). Reads the file in blocks."""
    with path.open("rb") as stream:
        head = stream.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8", "cp1252"):
        if _decodes(path, encoding):
            return encoding
    return "latin-1"


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as stream:
            while block := stream.read(1 << 20):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _sniff_delimiter(path: Path, encoding: str) -> str:
    with path.open(encoding=encoding, newline="", errors="replace") as stream:
        sample = stream.read(_SNIFF_BYTES)
    header = _first_record_text(sample)
    counts = {delimiter: header.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_record_text(sample: str) -> str:
    """The first non-blank line, outside quotes (a quoted heading may hold a comma)."""
    for line in sample.splitlines():
        if line.strip():
            return re.sub(r'"[^"]*"', "", line)
    return ""


def _records(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """The file's records with their numbers (1 = the first record), streamed."""
    with path.open(encoding=encoding, newline="") as stream:
        yield from enumerate(csv.reader(stream, delimiter=delimiter), start=1)


# ---------------------------------------------------------------------------------------
# The one walk over the rows


@dataclass
class _Columns:
    headings: list[str]
    fields: list[str]
    index: dict[str, int]
    """Field to column position, for the fields that are read."""

    def cell(self, record: Sequence[str], name: str) -> str:
        position = self.index.get(name)
        if position is None or position >= len(record):
            return ""
        return record[position]

    def heading(self, name: str) -> str:
        position = self.index.get(name)
        return self.headings[position] if position is not None else name


def _columns(
    headings: list[str], options: ImportOptions, problems: list[ImportProblem]
) -> _Columns:
    shown = [heading.strip() or f"column {number}" for number, heading in enumerate(headings, 1)]
    fields = [guess_field(heading) for heading in shown]
    by_normal: dict[str, list[int]] = {}
    for position, heading in enumerate(shown):
        by_normal.setdefault(_normal(heading) or heading, []).append(position)
    for column, name in options.mapping.items():
        positions = [p for p, heading in enumerate(shown) if heading == column]
        positions = positions or by_normal.get(_normal(column) or column, [])
        if not positions:
            problems.append(
                ImportProblem(
                    1, column, f"--map names a column the file does not have ({_listed(shown)})"
                )
            )
            continue
        if len(positions) > 1:
            problems.append(ImportProblem(1, column, "several columns have this heading"))
            continue
        fields[positions[0]] = name
        if name != IGNORE:  # a field mapped by hand is taken from a guessed column
            for other, guessed in enumerate(fields):
                if (
                    other != positions[0]
                    and guessed == name
                    and shown[other] not in options.mapping
                ):
                    fields[other] = IGNORE
    index: dict[str, int] = {}
    for position, name in enumerate(fields):
        if name == IGNORE:
            continue
        if name in index:
            problems.append(
                ImportProblem(
                    1,
                    shown[position],
                    f"both {shown[index[name]]!r} and this column are read as {name}; "
                    f"map one of them with --map {shown[position]!r}={IGNORE}",
                )
            )
            continue
        index[name] = position
    if "name" not in index and not ({"first_name", "last_name"} & index.keys()):
        problems.append(
            ImportProblem(
                1,
                "",
                "no column holds the candidate's name (a heading such as Name, or First "
                f"name and Last name); columns are {_listed(shown)}: map one with "
                "--map COLUMN=name",
            )
        )
    if "name" in index and ({"first_name", "last_name"} & index.keys()):
        for name in ("first_name", "last_name"):
            index.pop(name, None)  # a full name wins over its parts
    return _Columns(shown, fields, index)


def _listed(headings: Sequence[str]) -> str:
    return ", ".join(repr(h) for h in headings) or "none"


@dataclass
class _Rubrics:
    """The stored rubrics a row's role may name, by folded id and role title."""

    by_word: dict[str, tuple[str, int]]
    default: tuple[str, int] | None

    def find(self, role: str) -> tuple[str, int] | None:
        return self.by_word.get(role.strip().casefold())


def _rubrics(session: Session, rubric_id: str | None) -> _Rubrics:
    rows = session.execute(
        select(RubricRow.key, RubricRow.id, RubricVersionRow.id, RubricVersionRow.role_title)
        .join(RubricVersionRow.rubric)
        .where(RubricVersionRow.version == RubricRow.active_version)
        .order_by(RubricRow.id)
    ).all()
    by_word: dict[str, tuple[str, int]] = {}
    for key, _rubric, version_id, role_title in rows:
        by_word.setdefault(key.casefold(), (key, version_id))
        if role_title:
            by_word.setdefault(role_title.casefold(), (key, version_id))
    default = (rows[0][0], rows[0][2]) if rows else None
    if rubric_id is not None:
        found = by_word.get(rubric_id.casefold())
        if found is None:
            known = ", ".join(row[0] for row in rows) or "none is stored"
            raise NotFoundError(f"no rubric {rubric_id!r} is stored (rubrics: {known})")
        default = found
    return _Rubrics(by_word, default)


_WORDS: dict[type[StrEnum], dict[str, Any]] = {}


def _word(kind: type[CandidateSource] | type[OriginPath], cell: str) -> Any:
    """A source or origin as a person types it: its value or its label, any case; a
    blank cell is unknown. ``None`` when it is neither."""
    words = _WORDS.get(kind)
    if words is None:
        words = {}
        for item in kind:
            for spelling in (item.value, item.label, item.value.replace("_", " ")):
                words[_normal(spelling)] = item
        _WORDS[kind] = words
    if not cell.strip():
        return kind.UNKNOWN
    return words.get(_normal(cell))


def _walk(
    session: Session, path: Path, options: ImportOptions, *, write: _Writer | None
) -> ImportPlan:
    if not path.exists():
        raise NotFoundError(f"no file {str(path)!r}")
    if path.is_dir():
        raise InvalidInputError(f"{str(path)!r} is a folder, not a CSV file")
    encoding = options.encoding or detect_encoding(path)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise InvalidInputError(f"{encoding!r} is not an encoding Python knows") from None
    delimiter = options.delimiter or _sniff_delimiter(path, encoding)
    if len(delimiter) != 1:
        raise InvalidInputError(f"the delimiter must be one character, not {delimiter!r}")
    rubrics = _rubrics(session, options.rubric_id)
    problems: list[ImportProblem] = []
    preview: list[ImportRow] = []
    counts = dict.fromkeys(ImportAction, 0)
    seen: dict[str, int] = {}
    columns: _Columns | None = None
    chunk: list[_Pending] = []

    def flush() -> None:
        for row in _classify(session, chunk, problems):
            counts[row.action] += 1
            if len(preview) < PREVIEW_ROWS:
                preview.append(row)
            if write is not None and not problems:
                write.add(row)
        if write is not None and not problems:
            write.flush()
        chunk.clear()

    header_row = 1
    try:
        for number, record in _records(path, encoding, delimiter):
            if not any(cell.strip() for cell in record):
                continue  # a blank line: nothing to import
            if columns is None:
                columns = _columns(record, options, problems)
                header_row = number
                if problems:
                    break  # until the columns are right, every row's cells are misread
                continue
            pending = _read_row(number - header_row + 1, record, columns, rubrics, seen, problems)
            if pending is not None:
                chunk.append(pending)
            if len(chunk) >= CHUNK_ROWS:
                flush()
    except UnicodeDecodeError as exc:
        raise InvalidInputError(
            f"{path.name} is not {encoding} text ({exc.reason} at byte {exc.start}); "
            "give its encoding with --encoding"
        ) from None
    except csv.Error as exc:
        raise InvalidInputError(f"{path.name} is not a CSV file this can read: {exc}") from None
    if columns is None:
        raise InvalidInputError(f"{path.name} is empty: it has no header row")
    flush()
    return ImportPlan(
        encoding=encoding,
        delimiter=delimiter,
        columns=tuple(zip(columns.headings, columns.fields, strict=True)),
        added=counts[ImportAction.ADD],
        updated=counts[ImportAction.UPDATE],
        skipped=counts[ImportAction.SKIP],
        problems=tuple(problems),
        preview=tuple(preview),
    )


@dataclass
class _Pending:
    """A row read and checked, not yet matched with what is stored."""

    row: int
    name: str
    email: str
    source: CandidateSource | None
    origin_path: OriginPath | None
    role_title: str | None
    rubric: tuple[str, int] | None
    notes: str | None


def _read_row(  # noqa: PLR0917 - one row and what it is checked against
    number: int,
    record: list[str],
    columns: _Columns,
    rubrics: _Rubrics,
    seen: dict[str, int],
    problems: list[ImportProblem],
) -> _Pending | None:
    before = len(problems)

    def check(name: str, rule: Callable[[], Any]) -> Any:
        try:
            return rule()
        except InvalidInputError as exc:
            problems.append(ImportProblem(number, columns.heading(name), str(exc)))
            return None

    if len(record) > len(columns.headings) and any(
        c.strip() for c in record[len(columns.headings) :]
    ):
        problems.append(
            ImportProblem(
                number,
                "",
                f"{len(record)} cells but {len(columns.headings)} headings: "
                "a delimiter inside a cell needs quotes",
            )
        )
    if "name" in columns.index:
        name_field, raw_name = "name", columns.cell(record, "name")
    else:
        name_field = "first_name" if "first_name" in columns.index else "last_name"
        raw_name = " ".join(
            part.strip()
            for part in (columns.cell(record, "first_name"), columns.cell(record, "last_name"))
            if part.strip()
        )
    name = check(name_field, lambda: clean_text(raw_name, "name", limit=NAME_LENGTH, required=True))
    email = check("email", lambda: clean_email(columns.cell(record, "email")))
    if email:
        key = email.casefold()
        first = seen.setdefault(key, number)
        if first != number:
            problems.append(
                ImportProblem(number, columns.heading("email"), f"{email} is also on row {first}")
            )
    source = origin = None
    if "source" in columns.index:
        source = _word(CandidateSource, columns.cell(record, "source"))
        if source is None:
            problems.append(_bad_word(number, columns, "source", record, CandidateSource))
    if "origin" in columns.index:
        origin = _word(OriginPath, columns.cell(record, "origin"))
        if origin is None:
            problems.append(_bad_word(number, columns, "origin", record, OriginPath))
    role = rubric = None
    if "role" in columns.index:
        role = check(
            "role",
            lambda: clean_text(columns.cell(record, "role"), "role title", limit=NAME_LENGTH),
        )
        rubric = rubrics.find(role) if role else None
    notes = None
    if "notes" in columns.index:
        notes = check("notes", lambda: clean_notes(columns.cell(record, "notes").strip()))
    if len(problems) > before:
        return None
    return _Pending(number, name, email, source, origin, role, rubric or rubrics.default, notes)


def _bad_word(
    number: int,
    columns: _Columns,
    name: str,
    record: list[str],
    kind: type[CandidateSource] | type[OriginPath],
) -> ImportProblem:
    allowed = ", ".join(item.value for item in kind)
    return ImportProblem(
        number,
        columns.heading(name),
        f"{columns.cell(record, name).strip()!r} is not a {name} ({allowed}, or blank for "
        f"unknown); map the column with --map {columns.heading(name)!r}={IGNORE} to leave it out",
    )


def _classify(
    session: Session, chunk: list[_Pending], problems: list[ImportProblem]
) -> Iterator[ImportRow]:
    """Each row as an addition, or an update or skip of the candidate with its e-mail."""
    # SQLite's lower() folds ASCII letters only, PostgreSQL's every letter: ask for both
    # foldings (and the address as written), and compare fully folded here.
    written = sorted({p.email for p in chunk if p.email})
    emails = sorted({e.casefold() for e in written} | {_ascii_lower(e) for e in written})
    stored: dict[str, list[CandidateRow]] = {}
    if emails:
        found = session.scalars(
            select(CandidateRow)
            .where(or_(func.lower(CandidateRow.email).in_(emails), CandidateRow.email.in_(written)))
            .options(
                selectinload(CandidateRow.rubric_version).selectinload(RubricVersionRow.rubric)
            )
        )
        for row in found:
            stored.setdefault(row.email.casefold(), []).append(row)
    for pending in chunk:
        matches = stored.get(pending.email.casefold(), []) if pending.email else []
        if len(matches) > 1:
            problems.append(
                ImportProblem(
                    pending.row,
                    "",
                    f"{pending.email} belongs to {len(matches)} stored candidates; "
                    "update them in the app",
                )
            )
            continue
        if not matches:
            yield ImportRow(
                row=pending.row,
                action=ImportAction.ADD,
                name=pending.name,
                email=pending.email,
                source=pending.source or CandidateSource.UNKNOWN,
                origin_path=pending.origin_path or OriginPath.UNKNOWN,
                role_title=pending.role_title or "",
                rubric_id=pending.rubric[0] if pending.rubric else None,
                notes=pending.notes or "",
            )
            continue
        yield _compared(pending, matches[0])


def _ascii_lower(text: str) -> str:
    return text.translate(_ASCII_LOWER)


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def _compared(pending: _Pending, row: CandidateRow) -> ImportRow:
    """A matched row: what a cell with a value would change (a blank cell keeps what is
    stored; a source or origin left unknown does too)."""
    wanted = {
        "name": pending.name,
        "source": pending.source.value
        if pending.source not in (None, CandidateSource.UNKNOWN)
        else None,
        "origin_path": (
            pending.origin_path.value
            if pending.origin_path not in (None, OriginPath.UNKNOWN)
            else None
        ),
        "role_title": pending.role_title or None,
        "notes": pending.notes or None,
    }
    changes = tuple(
        name for name, value in wanted.items() if value is not None and getattr(row, name) != value
    )

    def value(name: str) -> Any:
        new = wanted[name]
        return new if new is not None else getattr(row, name)

    return ImportRow(
        row=pending.row,
        action=ImportAction.UPDATE if changes else ImportAction.SKIP,
        name=value("name"),
        email=row.email,
        source=CandidateSource(value("source")),
        origin_path=OriginPath(value("origin_path")),
        role_title=value("role_title"),
        rubric_id=row.rubric_version.rubric.key if row.rubric_version is not None else None,
        notes=value("notes"),
        candidate_uuid=row.uuid,
        changes=changes,
    )


# ---------------------------------------------------------------------------------------
# Writing


_CANDIDATE_COLUMNS = (
    "uuid",
    "name",
    "name_key",
    "email",
    "search_key",
    "source",
    "origin_path",
    "role_title",
    "status",
    "stage_id",
    "rubric_version_id",
    "notes",
    "created_at",
    "updated_at",
    "row_version",
)
_AUDIT_COLUMNS = ("at", "actor", "action", "subject_type", "subject_uuid", "detail")


class _Writer:
    """New candidates in bulk (with their empty summaries and audit lines), updates
    through the session; all in the caller's one transaction."""

    def __init__(self, session: Session, actor: str) -> None:
        self.session = session
        self.actor = actor
        self.bulk = BulkInserter(
            session.connection(),
            {
                "candidates": (CandidateRow, _CANDIDATE_COLUMNS),
                "audit": (AuditRow, _AUDIT_COLUMNS),
            },
        )
        self.at = utc_now()
        self.now = self.bulk.time(self.at)
        self.versions: dict[str, int | None] = {}
        self.added: list[tuple[Any, ...]] = []
        self.updates: list[ImportRow] = []
        self.updated_uuids: list[str] = []

    def add(self, row: ImportRow) -> None:
        if row.action is ImportAction.ADD:
            name_key, search = candidate_keys(row.name)
            self.added.append(
                (
                    new_uuid(),
                    row.name,
                    name_key,
                    row.email,
                    search,
                    row.source.value,
                    row.origin_path.value,
                    row.role_title,
                    PipelineStatus.NEW.value,
                    None,
                    self._version_id(row.rubric_id),
                    row.notes,
                    self.now,
                    self.now,
                    1,
                )
            )
        elif row.action is ImportAction.UPDATE:
            self.updates.append(row)

    def _version_id(self, rubric_id: str | None) -> int | None:
        if rubric_id is None:
            return None
        if rubric_id not in self.versions:
            self.versions[rubric_id] = self.session.scalar(
                select(RubricVersionRow.id)
                .join(RubricVersionRow.rubric)
                .where(RubricRow.key == rubric_id)
                .where(RubricVersionRow.version == RubricRow.active_version)
            )
        return self.versions[rubric_id]

    def flush(self) -> None:
        if self.added:
            self.bulk.insert("candidates", self.added)
            uuids = [row[0] for row in self.added]
            # Every candidate has its (empty) summary row, as one added by hand does.
            self.session.connection().execute(
                insert(CandidateSummaryRow).from_select(
                    ["candidate_id", "submitted_count", "updated_at"],
                    select(
                        CandidateRow.id,
                        literal(0),
                        literal(self.at, CandidateSummaryRow.updated_at.type),
                    ).where(CandidateRow.uuid.in_(uuids)),
                )
            )
            self.bulk.insert(
                "audit",
                [
                    (self.now, self.actor, "candidate.added", "candidate", uuid, "imported")
                    for uuid in uuids
                ],
            )
            self.added.clear()
        if self.updates:
            wanted = {row.candidate_uuid: row for row in self.updates}
            stored = self.session.scalars(
                select(CandidateRow).where(CandidateRow.uuid.in_(wanted)).with_for_update()
            )
            for candidate in stored:
                row = wanted[candidate.uuid]
                candidate.name = row.name
                candidate.name_key, candidate.search_key = candidate_keys(row.name)
                candidate.source = row.source.value
                candidate.origin_path = row.origin_path.value
                candidate.role_title = row.role_title
                candidate.notes = row.notes
                candidate.updated_at = utc_now()
                audit.append(
                    self.session,
                    self.actor,
                    "candidate.updated",
                    "candidate",
                    candidate.uuid,
                    "imported: changed " + ", ".join(row.changes),
                )
                self.updated_uuids.append(candidate.uuid)
            self.session.flush()
            self.updates.clear()
