"""Lists taken out to a spreadsheet: the pipeline, every score, decisions, calibration.

Each export is a :class:`Sheet`: its columns (with types, so numbers stay numbers) and
its rows, read from the database as they are written, a page at a time. The rules of
the screen apply: ``viewer``, the signed-in interviewer, gets what the independence rule
lets them see (a held-back candidate's results are withheld in the pipeline and left out
of the other sheets, see :mod:`interview_kit.services.independence`), and ``anonymise``
writes what a blind-review packet would (a pseudonym per candidate, interviewers by
number, names in free text replaced, no e-mail or source). Columns: docs/exports.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select

from interview_kit.domain.rubric import Rubric
from interview_kit.reports.spreadsheets import CellType, SheetColumn, SheetFormat, write_sheet
from interview_kit.services import audit, independence, pipeline, rubrics
from interview_kit.services.candidates import CandidateQuery, of_role
from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.services.pipeline_table import (
    StageTitles,
    decision_label,
    recommendation_label,
)
from interview_kit.storage.database import Database
from interview_kit.storage.models import (
    CandidateRow,
    DecisionOverrideRow,
    DecisionRow,
    RubricRow,
    RubricVersionRow,
)

__all__ = [
    "ExportKind",
    "ExportOptions",
    "ExportResult",
    "Sheet",
    "SheetFormat",
    "build_sheet",
    "default_file_name",
    "export_sheet",
]

PAGE_ROWS = 1000
WITHHELD = "Withheld"


class ExportKind(StrEnum):
    PIPELINE = "pipeline"
    SCORES = "scores"
    DECISIONS = "decisions"
    CALIBRATION = "calibration"


@dataclass(frozen=True)
class ExportOptions:
    viewer: str | None = None
    """The signed-in interviewer's uuid (``None``: a recruiter, who sees everything)."""
    anonymise: bool = False
    salt: str = ""
    """The blind-review salt (default: the packets' own)."""
    rubric_id: str | None = None
    """Only this role's candidates (and, for the pipeline, its stages as columns)."""
    query: CandidateQuery | None = None
    """The pipeline's filter and order, as the table shows it (default: everyone by name)."""


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[SheetColumn, ...]
    rows: Iterator[Sequence[Any]]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def export_sheet(
    db: Database,
    kind: ExportKind | str,
    path: Path | str,
    fmt: SheetFormat | str | None = None,
    options: ExportOptions | None = None,
    *,
    overwrite: bool = False,
    actor: str | None = None,
) -> ExportResult:
    """Write one export to ``path`` (format from ``fmt``, else from the file's suffix)."""
    target = Path(path)
    chosen = _format(fmt, target)
    if target.exists() and not overwrite:
        raise ConflictError(f"{target} exists; choose another file or allow overwriting")
    if not target.parent.is_dir():
        raise NotFoundError(f"no folder {str(target.parent)!r} to write {target.name} into")
    sheet = build_sheet(db, kind, options)
    count = write_sheet(target, chosen, sheet.title, sheet.columns, sheet.rows)
    # The log says what left the database, never whose data (no names in it).
    audit.log_event(
        db,
        "export.written",
        "export",
        None,
        f"{ExportKind(kind).value} as {chosen.value}: {count} rows"
        + (", anonymised" if options and options.anonymise else ""),
        actor=actor,
    )
    return ExportResult(target, count)


def _format(fmt: SheetFormat | str | None, path: Path) -> SheetFormat:
    wanted = fmt or path.suffix.lstrip(".").lower()
    try:
        return SheetFormat(wanted)
    except ValueError:
        raise InvalidInputError(
            f"{wanted!r} is not a spreadsheet format (csv or xlsx)"
            if fmt
            else f"say the format (csv or xlsx): {path.name!r} does not end in .csv or .xlsx"
        ) from None


def build_sheet(
    db: Database, kind: ExportKind | str, options: ExportOptions | None = None
) -> Sheet:
    options = options or ExportOptions()
    try:
        chosen = ExportKind(kind)
    except ValueError:
        allowed = ", ".join(item.value for item in ExportKind)
        raise InvalidInputError(f"{kind!r} is not an export ({allowed})") from None
    if options.rubric_id is not None:
        _role_rubric(db, options.rubric_id)  # an unknown role fails before any file is made
    builders: dict[ExportKind, Callable[[Database, ExportOptions], Sheet]] = {
        ExportKind.PIPELINE: _pipeline,
        ExportKind.SCORES: _scores,
        ExportKind.DECISIONS: _decisions,
        ExportKind.CALIBRATION: _calibration,
    }
    return builders[chosen](db, options)


def _role_rubric(db: Database, rubric_id: str) -> Rubric:
    try:
        return rubrics.active_rubric(db, rubric_id).rubric
    except NotFoundError:
        raise NotFoundError(f"no role {rubric_id!r} is stored") from None


# ---------------------------------------------------------------------------------------
# Names as the export shows them


class _Names:
    """Candidate and interviewer names as shown, pseudonymous when anonymising."""

    def __init__(self, options: ExportOptions) -> None:
        self.anonymise = options.anonymise
        self.salt = options.salt
        self.interviewers: dict[str, str] = {}

    def candidate(self, uuid: str, name: str) -> str:
        if not self.anonymise:
            return name
        from interview_kit.services.packets import DEFAULT_SALT, candidate_pseudonym

        return candidate_pseudonym(uuid, self.salt or DEFAULT_SALT)

    def interviewer(self, uuid: str, name: str) -> str:
        if not self.anonymise:
            return name
        if uuid not in self.interviewers:
            self.interviewers[uuid] = f"Interviewer {len(self.interviewers) + 1}"
        return self.interviewers[uuid]

    def scrubber(
        self, candidate: tuple[str, str, str], interviewers: dict[str, str]
    ) -> Callable[[str], str]:
        """Free text with the candidate's (uuid, name, e-mail) and the interviewers'
        (uuid to name) names replaced; unchanged when not anonymising."""
        if not self.anonymise:
            return _same
        from interview_kit.reports.anonymise import name_scrubber

        uuid, name, email = candidate
        roles = {n: self.interviewer(u, n) for u, n in interviewers.items()}
        return name_scrubber(name, email, self.candidate(uuid, name), roles)


def _same(text: str) -> str:
    return text


# ---------------------------------------------------------------------------------------
# The sheets


def _pipeline(db: Database, options: ExportOptions) -> Sheet:
    role = options.rubric_id or (options.query.rubric_id if options.query else None)
    titles = _stage_titles(db, role)
    stages = titles.columns()
    columns = (
        SheetColumn("Name", width=28),
        SheetColumn("Where", width=24),
        *(SheetColumn(title, width=14) for _, title in stages),
        SheetColumn("Score", CellType.NUMBER, width=8),
        SheetColumn("Recommendation", width=18),
        SheetColumn("Decision", width=14),
        SheetColumn("Source", width=20),
        SheetColumn("E-mail", width=30),
        SheetColumn("Updated (UTC)", CellType.TIME, width=17),
    )
    names = _Names(options)
    query = options.query or CandidateQuery()
    query = replace(
        query,
        rubric_id=role,
        offset=0,
        after=None,
        limit=PAGE_ROWS,
        with_total=False,
    )

    def rows() -> Iterator[Sequence[Any]]:
        after = None
        while True:
            page = pipeline.pipeline_page(db, replace(query, after=after), viewer=options.viewer)
            for row in page.rows:
                summary = row.candidate
                hidden = independence.HIDDEN_TEXT if summary.scores_hidden else ""
                recommendation = (
                    recommendation_label(summary.recommendation) if summary.submitted_count else ""
                )
                yield (
                    names.candidate(summary.uuid, summary.name),
                    titles.where(
                        summary.status, summary.stage_id, summary.committee_decision is not None
                    ),
                    *(row.progress(stage_id).text for stage_id, _ in stages),
                    summary.score,
                    hidden or recommendation,
                    hidden or decision_label(summary.committee_decision, summary.level),
                    WITHHELD if options.anonymise else summary.source.label,
                    "" if options.anonymise else summary.email,
                    summary.updated_at,
                )
            if not page.more:
                return
            after = page.after

    return Sheet("Pipeline", columns, rows())


def _stage_titles(db: Database, rubric_id: str | None) -> StageTitles:
    """The role's stages as columns (default: the first role's, as the app shows)."""
    others = [rubrics.active_rubric(db, info.rubric_id).rubric for info in rubrics.list_rubrics(db)]
    if rubric_id is not None:
        return StageTitles(_role_rubric(db, rubric_id), others)
    return StageTitles(others[0] if others else None, others)


def _scores(db: Database, options: ExportOptions) -> Sheet:
    from interview_kit.services import scorecard_reads

    columns = (
        SheetColumn("Candidate", width=28),
        SheetColumn("Stage", width=24),
        SheetColumn("Interviewer", width=24),
        SheetColumn("Criterion", width=28),
        SheetColumn("Rating", CellType.INTEGER, width=8),
        SheetColumn("Evidence", width=60),
        SheetColumn("Submitted (UTC)", CellType.TIME, width=17),
        SheetColumn("Amended", width=9),
    )
    names = _Names(options)
    people = _candidates(db, options.rubric_id)
    held_back = independence.held_back_uuids(db, options.viewer)
    by_hash: dict[str, Rubric | None] = {}

    def rubric_of(content_hash: str) -> Rubric | None:
        if content_hash not in by_hash:
            try:
                by_hash[content_hash] = rubrics.rubric_by_hash(db, content_hash).rubric
            except NotFoundError:
                by_hash[content_hash] = None
        return by_hash[content_hash]

    def rows() -> Iterator[Sequence[Any]]:
        for uuid, cards in scorecard_reads.iter_effective_scorecards(db):
            if uuid in held_back or uuid not in people:
                continue
            name, email = people[uuid]
            shown = names.candidate(uuid, name)
            scrub = names.scrubber(
                (uuid, name, email), {c.interviewer_uuid: c.interviewer_name for c in cards}
            )
            for card in cards:
                rubric = rubric_of(card.rubric_hash)
                stage, criteria = _stage_words(rubric, card.stage_id)
                interviewer = names.interviewer(card.interviewer_uuid, card.interviewer_name)
                for rating in card.ratings:
                    yield (
                        shown,
                        stage,
                        interviewer,
                        criteria.get(rating.criterion_id, rating.criterion_id),
                        rating.rating,
                        scrub(rating.evidence),
                        card.submitted_at,
                        "yes" if card.amended else "",
                    )

    return Sheet("Scores", columns, rows())


def _stage_words(rubric: Rubric | None, stage_id: str) -> tuple[str, dict[str, str]]:
    """A stage's title and its criteria's titles, by id (ids when the rubric is gone)."""
    if rubric is None:
        return stage_id, {}
    for stage in rubric.stages:
        if stage.id == stage_id:
            return stage.title, {c.id: c.title for c in stage.criteria}
    return stage_id, {}


def _candidates(db: Database, rubric_id: str | None) -> dict[str, tuple[str, str]]:
    """Candidates' names and e-mails by uuid (of one role, or of all)."""
    query = select(CandidateRow.uuid, CandidateRow.name, CandidateRow.email)
    if rubric_id is not None:
        query = query.join(
            RubricVersionRow, RubricVersionRow.id == CandidateRow.rubric_version_id
        ).where(RubricVersionRow.rubric.has(RubricRow.key == rubric_id))
    with db.read() as session:
        return {uuid: (name, email) for uuid, name, email in session.execute(query)}


def _decisions(db: Database, options: ExportOptions) -> Sheet:
    columns = (
        SheetColumn("Candidate", width=28),
        SheetColumn("Decision", width=10),
        SheetColumn("Level", width=8),
        SheetColumn("Base", CellType.NUMBER, width=12),
        SheetColumn("Currency", width=9),
        SheetColumn("Equity", CellType.NUMBER, width=10),
        SheetColumn("Equity unit", width=12),
        SheetColumn("Outside band", width=12),
        SheetColumn("Justification", width=50),
        SheetColumn("Override reason", width=50),
        SheetColumn("Decided by", width=20),
        SheetColumn("Decided (UTC)", CellType.TIME, width=17),
        SheetColumn("In force", width=9),
    )
    names = _Names(options)
    held_back = independence.held_back_uuids(db, options.viewer)
    query = (
        select(
            CandidateRow.uuid,
            CandidateRow.name,
            CandidateRow.email,
            DecisionRow,
            DecisionOverrideRow.reason,
        )
        .join(CandidateRow, CandidateRow.id == DecisionRow.candidate_id)
        .outerjoin(DecisionOverrideRow, DecisionOverrideRow.decision_id == DecisionRow.id)
        .order_by(CandidateRow.name_key, CandidateRow.id, DecisionRow.decided_at.desc())
        .order_by(DecisionRow.id.desc())
    )
    if options.rubric_id is not None:
        query = query.where(of_role(options.rubric_id))
    bands: dict[int, Rubric] = {}

    def rows() -> Iterator[Sequence[Any]]:
        with db.read() as session:
            found = session.execute(query.execution_options(yield_per=PAGE_ROWS))
            previous = None
            for uuid, name, email, row, override in found:
                if uuid in held_back:
                    continue
                scrub = names.scrubber((uuid, name, email), {})
                yield (
                    names.candidate(uuid, name),
                    "hire" if row.decision == "hire" else "no hire",
                    row.level,
                    row.base,
                    row.currency,
                    row.equity,
                    row.equity_unit,
                    "yes" if _outside_band(db, session, bands, row) else "",
                    scrub(row.justification),
                    scrub(override or ""),
                    names.interviewer(row.decided_by, row.decided_by),
                    row.decided_at,
                    "yes" if uuid != previous else "",
                )
                previous = uuid

    return Sheet("Decisions", columns, rows())


def _outside_band(db: Database, session: Any, bands: dict[int, Rubric], row: DecisionRow) -> bool:
    """The rule of :mod:`~interview_kit.services.decisions`: a base outside the level's band."""
    if row.rubric_version_id is None or row.level is None or row.base is None:
        return False
    if row.rubric_version_id not in bands:
        bands[row.rubric_version_id] = rubrics.rubric_for_version(
            db, session, row.rubric_version_id
        )
    try:
        band = bands[row.rubric_version_id].level(row.level).band
    except KeyError:
        return False
    return not band.base_min <= row.base <= band.base_max


def _calibration(db: Database, options: ExportOptions) -> Sheet:
    from interview_kit.services import insights

    columns = (
        SheetColumn("Interviewer", width=28),
        SheetColumn("Versus panel", CellType.NUMBER, width=13),
        SheetColumn("Comparisons", CellType.INTEGER, width=12),
        SheetColumn("Candidates", CellType.INTEGER, width=11),
        SheetColumn("Small sample", width=12),
        SheetColumn("In words", width=48),
    )
    names = _Names(options)

    def rows() -> Iterator[Sequence[Any]]:
        for item in insights.calibration(db, viewer=options.viewer):
            yield (
                names.interviewer(item.interviewer_uuid, item.interviewer_name),
                item.mean_difference,
                item.count,
                item.candidates,
                "yes" if item.small_sample else "",
                item.describe(),
            )

    return Sheet("Calibration", columns, rows())


def default_file_name(kind: ExportKind | str, fmt: SheetFormat | str) -> str:
    """What a save dialog proposes: ``pipeline.xlsx``."""
    return f"{ExportKind(kind).value}.{SheetFormat(fmt).value}"
