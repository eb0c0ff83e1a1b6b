"""``interview-kit``: the services of the app, headless.

Every subcommand is one ``cmd_*`` function taking the parsed arguments and a
:class:`Context`; each command group is declared by one ``_register_*`` function listed
in :data:`REGISTRARS`. A command reports a user's mistake by raising :class:`CliError`
or a service error, which :func:`main` maps to an exit code; nothing a user can cause
ends in a traceback. Exit codes are the :class:`ExitCode` values, documented in
``docs/cli.md``.

Services are imported inside the commands, so ``--version``, ``--help`` and
``rubric validate`` start without loading the database layer.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from interview_kit import __version__, paths

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.services.database import Database

logger = logging.getLogger(__name__)


class ExitCode(IntEnum):
    """What a run of ``interview-kit`` ended with (see ``docs/cli.md``)."""

    OK = 0
    ERROR = 1
    """An unexpected failure: a bug, reported in one line (``--debug`` shows the traceback)."""
    USAGE = 2
    """Bad command line: unknown command or option, missing or malformed argument."""
    INVALID_INPUT = 3
    """Input that cannot be used: a malformed rubric or scorecard file, a bad value."""
    NOT_FOUND = 4
    """A named thing does not exist: input file, candidate, rubric version."""
    CONFLICT = 5
    """The request contradicts what is stored: ambiguous match, existing output file,
    non-empty database for ``demo``, a record changed by someone else."""
    DATABASE = 6
    """The database cannot be used: bad URL, not a database, damaged, locked, unreachable."""


class CliError(Exception):
    """A failure the user can act on: one line, or a headline and a list of details."""

    def __init__(
        self, message: str, code: ExitCode = ExitCode.ERROR, details: Sequence[str] = ()
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = tuple(details)


class _UsageError(Exception):
    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of exiting, so ``main(argv)`` always returns."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, self.format_usage())


# ---------------------------------------------------------------------------------------
# Context shared by the commands


@dataclass
class Context:
    """What every command needs: where the database is, and where to write."""

    database_url: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _database: Database | None = None

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, data: Any) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False, indent=2, default=_json_default))
        self.out.write("\n")

    def warn(self, text: str) -> None:
        self.err.write(text + "\n")

    @property
    def database(self) -> Database:
        """The opened (and migrated) database, opened on first use."""
        if self._database is None:
            from interview_kit.services.database import open_database

            self._database = open_database(self.database_url)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            database, self._database = self._database, None
            database.close()


def _json_default(value: object) -> object:
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


# ---------------------------------------------------------------------------------------
# Helpers shared by commands


def _input_file(text: str, what: str) -> Path:
    """A clear NOT_FOUND for a missing input file, before any service sees it."""
    path = Path(text).expanduser()
    if not path.exists():
        raise CliError(f"{what} {text}: no such file", ExitCode.NOT_FOUND)
    if path.is_dir():
        raise CliError(f"{what} {text}: is a folder, not a file", ExitCode.INVALID_INPUT)
    return path


def _output_file(text: str, *, force: bool) -> Path:
    path = Path(text).expanduser()
    if path.is_dir():
        raise CliError(f"cannot write {text}: is a folder", ExitCode.INVALID_INPUT)
    if not path.parent.resolve().is_dir():
        raise CliError(
            f"cannot write {text}: folder {path.parent} does not exist", ExitCode.NOT_FOUND
        )
    if path.exists() and not force:
        raise CliError(
            f"{text} already exists; choose another file or pass --force to replace it",
            ExitCode.CONFLICT,
        )
    return path


def _write_text(path: Path, text: str) -> None:
    """Write through a temporary file: ``path`` ends up complete or untouched."""
    temporary: Path | None = None
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        temporary = Path(name)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        temporary.replace(path)
    except OSError as exc:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise CliError(
            f"cannot write {path}: {exc.strerror or exc}", ExitCode.INVALID_INPUT
        ) from None


def _count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {number}")
    return number


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters take two, combining marks none."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _fit(text: str, width: int) -> str:
    """Cut ``text`` to ``width`` columns (with an ellipsis) and pad it to exactly that."""
    if _display_width(text) > width:
        cut = ""
        for char in text:
            if _display_width(cut + char) > width - 1:
                break
            cut += char
        text = cut + "…"
    return text + " " * (width - _display_width(text))


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], limits: Sequence[int]) -> str:
    widths = [
        min(limit, max([_display_width(h)] + [_display_width(row[i]) for row in rows]))
        for i, (h, limit) in enumerate(zip(headers, limits, strict=True))
    ]
    lines = ["  ".join(_fit(h, w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend(
        "  ".join(_fit(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    )
    return "\n".join(lines)


def _score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def _load_rubric_file(path: Path) -> Rubric:
    from interview_kit.domain.rubric import RubricError, load_rubric

    try:
        return load_rubric(path)
    except RubricError as exc:
        raise _rubric_cli_error(exc) from None


def _rubric_cli_error(exc: Any) -> CliError:
    count = len(exc.issues)
    return CliError(
        f"{exc.source}: {_plural(count, 'problem')} in the rubric",
        ExitCode.INVALID_INPUT,
        [issue.format(exc.source) for issue in exc.issues],
    )


# ---------------------------------------------------------------------------------------
# demo


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import demo

    result = demo.load_demo(
        ctx.database, seed=args.seed, candidates=args.candidates, force=args.force
    )
    ctx.print(f"Demo data loaded into {ctx.database.location} (seed {args.seed}):")
    ctx.print(f"  {result.summary}")
    if result.backup is not None:
        ctx.print(f"  The previous content was backed up to {result.backup}")
    ctx.print("Try: interview-kit candidate list")
    return ExitCode.OK


def _register_demo(sub: _Subparsers) -> None:
    from interview_kit.services.demo import DEFAULT_CANDIDATES, DEFAULT_SEED

    demo = sub.add_parser(
        "demo",
        help="fill the database with a realistic demo panel",
        description="Load the default Builder rubric and a demo panel: candidates in every "
        "pipeline state, four interviewers, assignments, submitted and draft scorecards, "
        "amendments and committee decisions. The same seed always gives the same data.",
    )
    demo.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default 7)")
    demo.add_argument(
        "--candidates",
        type=_count,
        default=DEFAULT_CANDIDATES,
        metavar="N",
        help=f"number of candidates (default {DEFAULT_CANDIDATES}; more are generated "
        "fully interviewed, for benchmarks)",
    )
    demo.add_argument(
        "--force",
        action="store_true",
        help="replace the candidates and interviewers already stored (a SQLite file is "
        "backed up first)",
    )
    demo.set_defaults(handler=cmd_demo)


# ---------------------------------------------------------------------------------------
# rubric


def cmd_rubric_validate(args: argparse.Namespace, ctx: Context) -> int:
    path = _input_file(args.file, "rubric")
    rubric = _load_rubric_file(path)
    criteria = sum(len(stage.criteria) for stage in rubric.stages)
    ctx.print(
        f"{args.file}: valid rubric {rubric.id!r} ({rubric.name}): "
        f"{_plural(len(rubric.stages), 'stage')}, "
        f"{criteria} {'criterion' if criteria == 1 else 'criteria'}, "
        f"{_plural(len(rubric.signals), 'signal')}, "
        f"{_plural(len(rubric.red_flags), 'red flag')}, {_plural(len(rubric.levels), 'level')}"
    )
    return ExitCode.OK


def cmd_rubric_import(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import rubrics

    path = _input_file(args.file, "rubric")
    rubric = _load_rubric_file(path)  # every problem listed before the database is touched
    active_before = {info.rubric_id: info.version for info in rubrics.list_rubrics(ctx.database)}
    saved = rubrics.import_rubric_file(ctx.database, path)
    info = saved.info
    if saved.created:
        ctx.print(
            f"Imported rubric {info.rubric_id!r} as version {info.version} "
            f"(content {info.content_hash[:12]}); it is now the active version."
        )
    elif active_before.get(rubric.id) == info.version:
        ctx.print(
            f"Rubric {info.rubric_id!r} unchanged: the file has the same content as version "
            f"{info.version} (content {info.content_hash[:12]}), the active version."
        )
    else:
        ctx.print(
            f"Rubric {info.rubric_id!r}: the file has the same content as stored version "
            f"{info.version} (content {info.content_hash[:12]}), active again; nothing new "
            "was stored."
        )
    if saved.moved_candidates:
        ctx.print(
            f"{_plural(len(saved.moved_candidates), 'open candidate')} without submitted "
            f"scorecards moved onto version {info.version}."
        )
    return ExitCode.OK


def _selected_rubric(ctx: Context, args: argparse.Namespace) -> Any:
    from interview_kit.services import rubrics

    if args.version is None:
        return rubrics.active_rubric(ctx.database, args.rubric)
    rubric_id = args.rubric
    if rubric_id is None:
        rubric_id = rubrics.active_rubric(ctx.database).info.rubric_id
    return rubrics.rubric_version(ctx.database, rubric_id, args.version)


def cmd_rubric_export(args: argparse.Namespace, ctx: Context) -> int:
    to_stdout = args.out == "-"
    out = None if to_stdout else _output_file(args.out, force=args.force)
    loaded = _selected_rubric(ctx, args)
    if out is None:
        ctx.out.write(loaded.text if loaded.text.endswith("\n") else loaded.text + "\n")
        return ExitCode.OK
    _write_text(out, loaded.text)
    info = loaded.info
    ctx.print(f"Wrote rubric {info.rubric_id!r} version {info.version} to {args.out}")
    return ExitCode.OK


def cmd_rubric_show(args: argparse.Namespace, ctx: Context) -> int:
    loaded = _selected_rubric(ctx, args)
    info, rubric = loaded.info, loaded.rubric
    if args.json:
        ctx.print_json(
            {
                "rubric_id": info.rubric_id,
                "version": info.version,
                "active": info.is_active,
                "content_hash": info.content_hash,
                "created_at": info.created_at,
                "created_by": info.created_by,
                "rubric": rubric.to_data(),
            }
        )
        return ExitCode.OK
    state = "active" if info.is_active else f"not active (version {info.active_version} is)"
    ctx.print(f"{rubric.name} — rubric {info.rubric_id!r} version {info.version}, {state}")
    ctx.print(f"Role: {rubric.role_title}")
    if rubric.alternative_titles:
        ctx.print(f"Also called: {', '.join(rubric.alternative_titles)}")
    ctx.print(f"Content hash: {info.content_hash}")
    for stage in rubric.stages:
        required = "" if stage.required else ", optional"
        ctx.print()
        ctx.print(
            f"Stage {stage.number}: {stage.title} ({stage.id}, {stage.duration_minutes} min, "
            f"weight {rubric.stage_weight(stage.id):g}{required})"
        )
        for exercise in stage.exercises:
            ctx.print(f"  exercise  {exercise.title} ({exercise.minutes} min)")
        for criterion in stage.criteria:
            ctx.print(
                f"  criterion {criterion.title} ({criterion.id}, weight {criterion.weight:g})"
            )
    ctx.print()
    ctx.print("Positive signals:")
    for signal in rubric.signals:
        ctx.print(f"  {signal.label} ({signal.id})")
    ctx.print("Red flags:")
    for flag in rubric.red_flags:
        ctx.print(f"  {flag.label} ({flag.id}, {flag.severity})")
    ctx.print("Levels:")
    for level in rubric.levels:
        band = level.band
        ctx.print(
            f"  {level.id} {level.title}: min score {level.min_score:g}, "
            f"{_plural(level.min_positive_signals, 'signal')}; base {band.base_min:,.0f}–"
            f"{band.base_max:,.0f} {band.currency} (mid {band.base_mid:,.0f})"
        )
    rules = rubric.rules
    ctx.print(
        f"Rules: hire bar {rules.hire_bar:g}, strong no hire below {rules.strong_no_hire_below:g}, "
        f"strong hire at {rules.strong_hire_at:g}, blocker reporters "
        f"{rules.blocker_min_reporters}, concern cap {rules.concern_level_cap}, coverage "
        f"threshold {rules.coverage_threshold:.0%}"
    )
    return ExitCode.OK


def _add_rubric_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rubric", metavar="ID", help="rubric id (default: the first rubric stored)"
    )
    parser.add_argument(
        "--version", type=_count, metavar="N", help="version number (default: the active one)"
    )


def _register_rubric(sub: _Subparsers) -> None:
    rubric = sub.add_parser("rubric", help="validate, import, export and show rubrics")
    actions = rubric.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help="check a rubric file and list every problem")
    validate.add_argument("file", help="rubric TOML file")
    validate.set_defaults(handler=cmd_rubric_validate)

    imports = actions.add_parser(
        "import", help="store a rubric file as a new version (nothing changes if identical)"
    )
    imports.add_argument("file", help="rubric TOML file")
    imports.set_defaults(handler=cmd_rubric_import)

    export = actions.add_parser("export", help="write a stored rubric version as TOML")
    _add_rubric_selection(export)
    export.add_argument("--out", required=True, metavar="FILE", help="file to write, - for stdout")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_rubric_export)

    show = actions.add_parser("show", help="describe a stored rubric version")
    _add_rubric_selection(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_rubric_show)


# ---------------------------------------------------------------------------------------
# candidate


def cmd_candidate_add(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates

    record = candidates.add_candidate(
        ctx.database,
        name=args.name,
        email=args.email,
        source=args.source,
        origin_path=args.origin,
        role_title=args.role or "",
        notes=args.notes or "",
    )
    if args.json:
        ctx.print_json(_candidate_json(record))
    else:
        ctx.print(f"Added candidate {record.name} ({record.uuid})")
    return ExitCode.OK


def _candidate_json(record: Any) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "name": record.name,
        "email": record.email,
        "source": record.source.value,
        "origin": record.origin_path.value,
        "role": record.role_title,
        "status": record.status.value,
        "stage": record.stage_id,
        "notes": record.notes,
        "rubric_id": record.rubric_id,
        "rubric_version": record.rubric_version,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def _summary_json(row: Any) -> dict[str, Any]:
    return {
        "uuid": row.uuid,
        "name": row.name,
        "email": row.email,
        "source": row.source.value,
        "origin": row.origin_path.value,
        "role": row.role_title,
        "status": row.status.value,
        "stage": row.stage_id,
        "score": None if row.score is None else round(row.score, 3),
        "recommendation": row.recommendation,
        "level": row.level,
        "submitted_scorecards": row.submitted_count,
        "committee_decision": row.committee_decision,
        "created_at": row.created_at,
        "updated_at": row.updated_at,
    }


def cmd_candidate_list(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates

    query = candidates.CandidateQuery(
        text=args.search or "",
        statuses=tuple(candidates.PipelineStatus(s) for s in args.status or ()),
        stage_id=args.stage,
        sort=candidates.CandidateSort(args.sort),
        descending=args.descending,
        offset=args.offset,
        limit=args.limit,
    )
    page = candidates.list_candidates(ctx.database, query)
    total = page.total if page.total is not None else len(page.rows)
    if args.json:
        ctx.print_json(
            {
                "total": total,
                "offset": page.offset,
                "candidates": [_summary_json(row) for row in page.rows],
            }
        )
        return ExitCode.OK
    if not page.rows:
        if total:
            ctx.print(
                f"No candidates on this page ({_plural(total, 'match')}, offset {args.offset})."
            )
        elif args.search or args.status or args.stage:
            ctx.print("No candidates match.")
        else:
            ctx.print(
                "No candidates yet. Add one with 'interview-kit candidate add' or load "
                "the demo with 'interview-kit demo'."
            )
        return ExitCode.OK
    rows = [
        [
            row.uuid[:8],
            row.name,
            row.status.label,
            row.stage_id or "—",
            _score_text(row.score),
            (row.recommendation or "—").replace("_", " "),
            row.level or "—",
            (row.committee_decision or "—").replace("_", " "),
        ]
        for row in page.rows
    ]
    headers = ["ID", "NAME", "STATUS", "STAGE", "SCORE", "RECOMMENDATION", "LEVEL", "DECISION"]
    ctx.print(_table(headers, rows, [8, 32, 10, 20, 5, 21, 5, 8]))
    first, last = page.offset + 1, page.offset + len(page.rows)
    ctx.print(f"{first}–{last} of {_plural(total, 'candidate')}")
    return ExitCode.OK


def cmd_candidate_show(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates

    record = candidates.resolve_candidate(ctx.database, args.candidate)
    summary = _summary_for(ctx, record)
    if args.json:
        data = _candidate_json(record)
        if summary is not None:
            data.update(
                score=None if summary.score is None else round(summary.score, 3),
                recommendation=summary.recommendation,
                level=summary.level,
                submitted_scorecards=summary.submitted_count,
                committee_decision=summary.committee_decision,
            )
        ctx.print_json(data)
        return ExitCode.OK
    rubric = f"{record.rubric_id} v{record.rubric_version}" if record.rubric_id else "—"
    fields = [
        ("Name", record.name),
        ("E-mail", record.email or "—"),
        ("Id", record.uuid),
        ("Source", record.source.label),
        ("Origin", record.origin_path.label),
        ("Role", record.role_title or "—"),
        ("Status", record.status.label),
        ("Stage", record.stage_id or "—"),
        ("Rubric", rubric),
        ("Added", record.created_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("Updated", record.updated_at.strftime("%Y-%m-%d %H:%M UTC")),
    ]
    if summary is not None:
        fields += [
            ("Score", _score_text(summary.score)),
            ("Recommendation", (summary.recommendation or "—").replace("_", " ")),
            ("Level", summary.level or "—"),
            ("Scorecards", f"{summary.submitted_count} submitted"),
            ("Committee", (summary.committee_decision or "—").replace("_", " ")),
        ]
    for label, value in fields:
        ctx.print(f"{label + ':':<16}{value}")
    if record.notes:
        ctx.print("Notes:")
        for line in record.notes.splitlines():
            ctx.print(f"  {line}")
    return ExitCode.OK


def _summary_for(ctx: Context, record: Any) -> Any:
    """The list row (cached score and decisions) of one candidate."""
    from interview_kit.services import candidates

    query = candidates.CandidateQuery(text=record.email or record.name, limit=500, with_total=False)
    for row in candidates.list_candidates(ctx.database, query).rows:
        if row.uuid == record.uuid:
            return row
    return None


def _register_candidate(sub: _Subparsers) -> None:
    from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus

    candidate = sub.add_parser("candidate", help="add, list and show candidates")
    actions = candidate.add_subparsers(dest="candidate_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a candidate")
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    add.add_argument("--source", required=True, choices=[s.value for s in CandidateSource])
    add.add_argument("--origin", required=True, choices=[o.value for o in OriginPath])
    add.add_argument("--role", help="role title (default: none)")
    add.add_argument("--notes")
    add.add_argument("--json", action="store_true", help="print the stored candidate as JSON")
    add.set_defaults(handler=cmd_candidate_add)

    listing = actions.add_parser("list", help="list candidates with their scores")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument(
        "--status",
        action="append",
        choices=[s.value for s in PipelineStatus],
        help="only this pipeline status (repeat for several)",
    )
    listing.add_argument("--stage", metavar="STAGE_ID", help="only candidates at this stage")
    listing.add_argument("--search", metavar="TEXT", help="text in the name or e-mail")
    listing.add_argument(
        "--sort",
        default="name",
        choices=[
            "name",
            "email",
            "status",
            "stage",
            "source",
            "created",
            "updated",
            "score",
            "recommendation",
        ],
    )
    listing.add_argument("--descending", action="store_true")
    listing.add_argument("--limit", type=_count, default=50, metavar="N", help="rows (default 50)")
    listing.add_argument("--offset", type=_count, default=0, metavar="N", help="rows to skip")
    listing.set_defaults(handler=cmd_candidate_list)

    show = actions.add_parser("show", help="show one candidate")
    show.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_candidate_show)


# ---------------------------------------------------------------------------------------
# scorecard


def cmd_scorecard_import(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import scorecard_files

    path = _input_file(args.file, "scorecard file")
    result = scorecard_files.import_scorecards(ctx.database, path)
    if not result.changed_anything:
        ctx.print(
            f"{args.file}: nothing new; {_plural(result.unchanged, 'scorecard')} already stored "
            "with the same content."
        )
        return ExitCode.OK
    parts = [f"{_plural(result.added, 'scorecard')} added"]
    if result.amendments_added:
        parts.append(f"{_plural(result.amendments_added, 'amendment')} added")
    if result.interviewers_added:
        parts.append(f"{_plural(result.interviewers_added, 'interviewer')} added")
    if result.unchanged:
        parts.append(f"{result.unchanged} unchanged")
    ctx.print(
        f"Imported {args.file}: {', '.join(parts)}; "
        f"{_plural(len(result.candidate_uuids), 'candidate')} updated."
    )
    return ExitCode.OK


def cmd_scorecard_export(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, scorecard_files

    to_stdout = args.out == "-"
    out = None if to_stdout else _output_file(args.out, force=args.force)
    selected = None
    if args.candidate is not None:
        selected = [candidates.resolve_candidate(ctx.database, args.candidate).uuid]
    if out is None:
        ctx.print_json(scorecard_files.scorecards_document(ctx.database, candidate_uuids=selected))
        return ExitCode.OK
    count = scorecard_files.export_scorecards(
        ctx.database, out, candidate_uuids=selected, overwrite=args.force
    )
    ctx.print(f"Wrote {_plural(count, 'submitted scorecard')} to {args.out}")
    return ExitCode.OK


def _register_scorecard(sub: _Subparsers) -> None:
    scorecard = sub.add_parser("scorecard", help="import and export scorecard JSON files")
    actions = scorecard.add_subparsers(dest="scorecard_command", metavar="ACTION", required=True)

    imports = actions.add_parser(
        "import", help="import a scorecard JSON file (all or nothing; repeating it changes nothing)"
    )
    imports.add_argument("file", help="scorecard JSON file")
    imports.set_defaults(handler=cmd_scorecard_import)

    export = actions.add_parser("export", help="write submitted scorecards to a JSON file")
    export.add_argument("--candidate", metavar="CANDIDATE", help="only this candidate's")
    export.add_argument("--out", required=True, metavar="FILE", help="file to write, - for stdout")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_scorecard_export)


# ---------------------------------------------------------------------------------------
# recommend


def cmd_recommend(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, panel_review

    record = candidates.resolve_candidate(ctx.database, args.candidate)
    review = panel_review.panel_review(ctx.database, record.uuid)
    result = review.recommendation
    if args.json:
        data = {"candidate": {"uuid": record.uuid, "name": record.name}}
        data.update(result.to_json())
        ctx.print_json(data)
        return ExitCode.OK
    for line in _recommendation_lines(record.name, review):
        ctx.print(line)
    return ExitCode.OK


def _recommendation_lines(name: str, review: Any) -> list[str]:
    from interview_kit.domain.engine import format_amount

    result = review.recommendation
    headline = f"{name}: {result.decision.label}"
    if result.level is not None:
        headline += f" at {result.level} ({result.level_title})"
    lines = [headline]
    score = "no score" if result.candidate_score is None else f"score {result.candidate_score:.2f}"
    lines.append(
        f"  {score}, coverage {result.coverage:.0%}, confidence {result.confidence.value}"
        f" (rubric {review.rubric_info.rubric_id} v{review.rubric_info.version})"
    )
    stage_parts = [
        f"{stage.title} {_score_text(stage.score)} ({_plural(stage.scorecard_count, 'scorecard')})"
        for stage in result.stages
    ]
    lines.append("  stages: " + "; ".join(stage_parts))
    band = result.band
    if band is not None:
        lines.append(
            f"  band {band.level_id}: {format_amount(band.base_min)}–{format_amount(band.base_max)}"
            f" {band.currency} (mid {format_amount(band.base_mid)}), position "
            f"{band.position:.2f}, suggested base {format_amount(band.suggested_base)} "
            f"{band.currency}; equity {band.equity_text}; learning budget "
            f"{format_amount(band.learning_budget)} {band.currency}"
        )
    agreement = result.agreement
    alpha = "undefined" if agreement.alpha is None else f"{agreement.alpha:.2f}"
    split = "split panel" if agreement.panel_split else "no split"
    spread = ", ".join(c.title for c in agreement.spread_criteria) or "none"
    lines.append(f"  agreement: {split}, alpha {alpha}; ratings 2+ apart on: {spread}")
    lines.extend(f"  confidence: {reason}" for reason in result.confidence_reasons)
    for flag in result.red_flags:
        who = ", ".join(flag.interviewer_names)
        lines.append(f"  red flag ({flag.severity}): {flag.label}, raised by {who}")
    if result.positive_signals:
        signals = ", ".join(f"{item.label} ({item.reporters})" for item in result.positive_signals)
        lines.append(f"  positive signals: {signals}")
    if review.pending:
        waiting = ", ".join(
            f"{sheet.interviewer_name} ({sheet.stage_id}, {sheet.status})"
            for sheet in review.pending
        )
        lines.append(f"  waiting for: {waiting}")
    if review.decision is not None:
        decision = review.decision
        level = f" at {decision.level}" if decision.level else ""
        lines.append(f"  committee decision: {decision.decision.replace('_', ' ')}{level}")
    lines.append("Why:")
    lines.extend(f"  {number}. {sentence}" for number, sentence in enumerate(result.trace, 1))
    return lines


def _register_recommend(sub: _Subparsers) -> None:
    recommend = sub.add_parser(
        "recommend", help="the engine's recommendation for a candidate, with its reasons"
    )
    recommend.add_argument(
        "candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name"
    )
    recommend.add_argument("--json", action="store_true", help="print JSON")
    recommend.set_defaults(handler=cmd_recommend)


# ---------------------------------------------------------------------------------------
# calibration


def cmd_calibration(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.domain.calibration import calibrate
    from interview_kit.services import scorecard_reads

    cards = [
        card for _, own in scorecard_reads.iter_effective_scorecards(ctx.database) for card in own
    ]
    results = calibrate(cards)
    if args.json:
        ctx.print_json({"interviewers": [item.to_json() for item in results]})
        return ExitCode.OK
    if not results:
        ctx.print("No submitted scorecards yet: nothing to calibrate.")
        return ExitCode.OK
    rows = [
        [
            item.interviewer_name,
            "—" if item.mean_difference is None else f"{item.mean_difference:+.2f}",
            str(item.count),
            str(item.candidates),
            "small sample" if item.small_sample else "",
        ]
        for item in results
    ]
    headers = ["INTERVIEWER", "VS PANEL", "COMPARISONS", "CANDIDATES", "NOTE"]
    ctx.print(_table(headers, rows, [32, 8, 11, 10, 12]))
    ctx.print(
        "VS PANEL: mean of (own rating - the other interviewers' mean) on the same candidate "
        "and criterion; above 0 is lenient, below 0 harsh."
    )
    return ExitCode.OK


def _register_calibration(sub: _Subparsers) -> None:
    calibration = sub.add_parser(
        "calibration", help="how each interviewer rates against the rest of their panels"
    )
    calibration.add_argument("--json", action="store_true", help="print JSON")
    calibration.set_defaults(handler=cmd_calibration)


# ---------------------------------------------------------------------------------------
# recompute


def cmd_recompute(args: argparse.Namespace, ctx: Context) -> int:
    import time

    from interview_kit.services import summaries

    started = time.perf_counter()
    count = summaries.refresh_all(ctx.database, workers=args.workers)
    seconds = time.perf_counter() - started
    if args.json:
        ctx.print_json({"candidates": count, "seconds": round(seconds, 3)})
        return ExitCode.OK
    ctx.print(f"Recomputed the summaries of {_plural(count, 'candidate')} in {seconds:.1f} s.")
    return ExitCode.OK


def _worker_count(value: str) -> int:
    number = _count(value)
    if number < 1:
        raise argparse.ArgumentTypeError("needs at least 1 process")
    return number


def _register_recompute(sub: _Subparsers) -> None:
    recompute = sub.add_parser(
        "recompute",
        help="recompute every candidate's cached score and recommendation",
        description="Recompute every candidate's cached score, recommendation, level and "
        "committee decision from the stored scorecards, in one transaction (after a bulk "
        "load, or when the lists look out of step).",
    )
    recompute.add_argument(
        "--workers",
        type=_worker_count,
        metavar="N",
        help="processes sharing the work (default: as many as pay off; 1: this one only)",
    )
    recompute.add_argument("--json", action="store_true", help="print JSON")
    recompute.set_defaults(handler=cmd_recompute)


# ---------------------------------------------------------------------------------------
# backup


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import database

    out = _output_file(args.out, force=args.force)
    written = database.backup(ctx.database, out, overwrite=args.force)
    ctx.print(f"Backed up {ctx.database.location} to {written}")
    return ExitCode.OK


def _register_backup(sub: _Subparsers) -> None:
    backup = sub.add_parser("backup", help="write a consistent copy of the database file")
    backup.add_argument("--out", required=True, metavar="FILE")
    backup.add_argument("--force", action="store_true", help="replace FILE if it exists")
    backup.set_defaults(handler=cmd_backup)


# ---------------------------------------------------------------------------------------
# pack and bundle: the offline panel's sealed files (docs/exchange.md)

PASSPHRASE_ENV = "INTERVIEW_KIT_PASSPHRASE"  # noqa: S105 - a variable name, not a secret


def _exchange_passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    """From ``--passphrase-file``, ``$INTERVIEW_KIT_PASSPHRASE``, or asked for at the
    terminal; never from the command line itself, where other users could read it."""
    if args.passphrase_file:
        path = _input_file(args.passphrase_file, "passphrase file")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(
                f"cannot read passphrase file {path}: {exc}", ExitCode.INVALID_INPUT
            ) from None
        if not lines or not lines[0]:
            raise CliError(f"passphrase file {path} is empty", ExitCode.INVALID_INPUT)
        return lines[0]
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise CliError(
            f"no passphrase: pass --passphrase-file FILE or set {PASSPHRASE_ENV}", ExitCode.USAGE
        )
    import getpass

    passphrase = getpass.getpass("Panel passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != passphrase:
        raise CliError("the two passphrases differ; nothing was written", ExitCode.USAGE)
    return passphrase


def _exchange_refusal(exc: Exception) -> CliError:
    """An import refused by the service, with every conflict or problem listed."""
    from interview_kit.services import exchange

    details: Sequence[str] = getattr(exc, "details", ())
    if isinstance(exc, exchange.ImportConflictError):
        return CliError(str(exc), ExitCode.CONFLICT, details)
    if isinstance(exc, exchange.UnknownRubricVersionError):
        return CliError(str(exc), ExitCode.NOT_FOUND, details)
    return CliError(str(exc), ExitCode.INVALID_INPUT, details)


def _exchange_export(args: argparse.Namespace, ctx: Context, *, pack: bool) -> int:
    from interview_kit.services import exchange

    out = _output_file(args.out, force=args.force)
    interviewer = exchange.resolve_interviewer(ctx.database, args.interviewer)
    passphrase = _exchange_passphrase(args, confirm=True)
    exchange.check_new_passphrase(passphrase)
    if pack:
        result = exchange.export_panel_pack(
            ctx.database,
            interviewer.uuid,
            out,
            passphrase,
            include_closed=args.include_closed,
            overwrite=args.force,
        )
        if not result.assignments:
            ctx.warn(f"note: {interviewer.name} has no assignments to open candidates yet")
    else:
        result = exchange.export_scorecard_bundle(
            ctx.database, interviewer.uuid, out, passphrase, overwrite=args.force
        )
        if not result.scorecards:
            ctx.warn(f"note: {interviewer.name} has no submitted scorecards yet")
    ctx.print(result.describe())
    return ExitCode.OK


def _exchange_import(args: argparse.Namespace, ctx: Context, *, pack: bool) -> int:
    from interview_kit.services import exchange

    path = _input_file(args.file, "pack" if pack else "bundle")
    passphrase = _exchange_passphrase(args, confirm=False)
    kind = exchange.FileKind.PANEL_PACK if pack else exchange.FileKind.SCORECARD_BUNDLE
    try:
        opened = exchange.open_exchange_file(path, passphrase, expected=kind)
        plan = exchange.preview_import(ctx.database, opened)
        if args.dry_run:
            applied = False
            exchange.refuse_unless_clean(plan)
        else:
            plan = exchange.apply_import(ctx.database, opened)
            applied = True
    except exchange.ImportRefusedError as exc:
        if args.json:
            ctx.print_json(exchange.plan_json(exc.plan, applied=False))
        raise _exchange_refusal(exc) from None
    except exchange.ExchangeError as exc:
        raise CliError(str(exc), ExitCode.INVALID_INPUT, exc.details) from None
    if args.json:
        ctx.print_json(exchange.plan_json(plan, applied=applied))
        return ExitCode.OK
    lines = exchange.describe_plan(plan, verbose=args.verbose)
    ctx.print(lines[0])
    ctx.print(("Dry run, nothing written. " if args.dry_run else "") + lines[1])
    for line in lines[2:]:
        ctx.print(line)
    return ExitCode.OK


def cmd_pack_export(args: argparse.Namespace, ctx: Context) -> int:
    return _exchange_export(args, ctx, pack=True)


def cmd_pack_import(args: argparse.Namespace, ctx: Context) -> int:
    return _exchange_import(args, ctx, pack=True)


def cmd_bundle_export(args: argparse.Namespace, ctx: Context) -> int:
    return _exchange_export(args, ctx, pack=False)


def cmd_bundle_import(args: argparse.Namespace, ctx: Context) -> int:
    return _exchange_import(args, ctx, pack=False)


def _register_exchange(sub: _Subparsers) -> None:
    def passphrase_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument(
            "--passphrase-file",
            metavar="FILE",
            help=f"read the panel passphrase from FILE's first line "
            f"(else ${PASSPHRASE_ENV}, else asked for)",
        )

    for noun, suffix, what, back in (
        ("pack", ".ikpack", "panel packs (recruiter to interviewer)", "the interviewer's"),
        ("bundle", ".ikbundle", "scorecard bundles (interviewer to recruiter)", "the recruiter's"),
    ):
        group = sub.add_parser(noun, help=f"export and import sealed {what}")
        actions = group.add_subparsers(dest=f"{noun}_command", metavar="ACTION", required=True)
        export = actions.add_parser(
            "export",
            help=(
                "seal one interviewer's assignments, candidates and rubric"
                if noun == "pack"
                else "seal an interviewer's submitted scorecards and amendments"
            ),
        )
        export.add_argument(
            "--interviewer", required=True, metavar="WHO", help="name, e-mail or id"
        )
        export.add_argument("--out", required=True, metavar=f"FILE{suffix}")
        export.add_argument("--force", action="store_true", help="replace FILE if it exists")
        if noun == "pack":
            export.add_argument(
                "--include-closed",
                action="store_true",
                help="also hired, rejected and withdrawn candidates",
            )
        passphrase_option(export)
        export.set_defaults(handler=cmd_pack_export if noun == "pack" else cmd_bundle_export)

        into = actions.add_parser(
            "import", help=f"merge a {noun} into {back} database, or preview with --dry-run"
        )
        into.add_argument("file", metavar=f"FILE{suffix}")
        into.add_argument(
            "--dry-run", action="store_true", help="show what would change and write nothing"
        )
        into.add_argument("--json", action="store_true", help="print the changes as JSON")
        into.add_argument("--verbose", action="store_true", help="list unchanged records too")
        passphrase_option(into)
        into.set_defaults(handler=cmd_pack_import if noun == "pack" else cmd_bundle_import)


# ---------------------------------------------------------------------------------------
# packet and sheet: the committee's PDF and the interviewer's paper sheet (docs/packet.md)


def cmd_packet(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, packets

    if args.all == bool(args.candidate):
        raise CliError("give one CANDIDATE or --all", ExitCode.USAGE)
    if args.all:
        out_dir = Path(args.out).expanduser()
        if out_dir.exists() and not out_dir.is_dir():
            raise CliError(
                f"cannot write packets into {args.out}: is a file", ExitCode.INVALID_INPUT
            )
        result = packets.write_packets(
            ctx.database,
            out_dir,
            anonymise=args.anonymise,
            progress=lambda done, total, path: ctx.print(f"[{done}/{total}] {path}"),
        )
        for who, problem in result.failed:
            ctx.warn(f"not written: {who}: {problem}")
        ctx.print(f"Wrote {_plural(len(result.written), 'packet')} to {out_dir}")
        return ExitCode.ERROR if result.failed else ExitCode.OK
    record = candidates.resolve_candidate(ctx.database, args.candidate)
    out = _output_file(args.out, force=args.force)
    data = packets.write_packet(ctx.database, record.uuid, out, anonymise=args.anonymise)
    level = f" at {data.level_id}" if data.level_id else ""
    ctx.print(f"Wrote the packet for {data.candidate_name} ({data.decision}{level}) to {out}")
    return ExitCode.OK


def _register_packet(sub: _Subparsers) -> None:
    packet = sub.add_parser(
        "packet", help="write a candidate's hiring packet (PDF), or every candidate's"
    )
    packet.add_argument(
        "candidate", metavar="CANDIDATE", nargs="?", help="uuid, uuid prefix, e-mail or name"
    )
    packet.add_argument("--all", action="store_true", help="every candidate, one file each")
    packet.add_argument(
        "--out", required=True, metavar="FILE|DIR", help="the PDF, or the folder with --all"
    )
    packet.add_argument(
        "--anonymise",
        "--anonymize",
        dest="anonymise",
        action="store_true",
        help="blind review: a pseudonym for the candidate, interviewers by role",
    )
    packet.add_argument("--force", action="store_true", help="replace FILE if it exists")
    packet.set_defaults(handler=cmd_packet)


def cmd_sheet(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import packets

    out = _output_file(args.out, force=args.force)
    rubric = packets.write_scoring_sheet(ctx.database, args.stage, out, rubric_id=args.rubric)
    ctx.print(f"Wrote the blank scoring sheet for stage {args.stage} of {rubric.name} to {out}")
    return ExitCode.OK


def _register_sheet(sub: _Subparsers) -> None:
    sheet = sub.add_parser("sheet", help="write a blank, printable scoring sheet for a stage")
    sheet.add_argument("stage", metavar="STAGE", help="stage id or number, e.g. 2")
    sheet.add_argument("--out", required=True, metavar="FILE")
    sheet.add_argument("--rubric", metavar="ID", help="rubric id (default: the active rubric)")
    sheet.add_argument("--force", action="store_true", help="replace FILE if it exists")
    sheet.set_defaults(handler=cmd_sheet)


# ---------------------------------------------------------------------------------------
# Registration: one function per command group, listed here.

if TYPE_CHECKING:
    _Subparsers = argparse._SubParsersAction[_Parser]
else:
    _Subparsers = argparse._SubParsersAction

Registrar = Callable[["_Subparsers"], None]

REGISTRARS: list[Registrar] = [
    _register_demo,
    _register_rubric,
    _register_candidate,
    _register_scorecard,
    _register_recommend,
    _register_calibration,
    _register_recompute,
    _register_backup,
    _register_exchange,
    _register_packet,
    _register_sheet,
]


def build_parser() -> _Parser:
    parser = _Parser(
        prog="interview-kit",
        description="Interview Kit: structured interview panels for hiring Builders. "
        "A recruiter's tool: there is no signed-in interviewer, so every score is shown.",
        epilog="Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 invalid input, "
        "4 not found, 5 conflict, 6 database error. See docs/cli.md.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=f"database file or SQLAlchemy URL (default: ${paths.DB_ENV}, "
        "else SQLite in the user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"interview-kit {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    for register in REGISTRARS:
        register(sub)
    return parser


# ---------------------------------------------------------------------------------------
# Errors of lower layers, as exit codes


def _translate(exc: BaseException) -> CliError | None:
    """A service, storage or library error as the user sees it; ``None`` for a bug."""
    from sqlalchemy import exc as sa_exc

    from interview_kit.domain.rubric import RubricError
    from interview_kit.services import errors

    if isinstance(exc, RubricError):
        return _rubric_cli_error(exc)
    kinds: tuple[tuple[type[BaseException], ExitCode], ...] = (
        (errors.NotFoundError, ExitCode.NOT_FOUND),
        (errors.ConflictError, ExitCode.CONFLICT),
        (errors.InvalidInputError, ExitCode.INVALID_INPUT),
        (errors.StorageError, ExitCode.DATABASE),
        (errors.ServiceError, ExitCode.ERROR),
    )
    for kind, code in kinds:
        if isinstance(exc, kind):
            return CliError(str(exc), code)
    if isinstance(exc, sa_exc.SQLAlchemyError):
        return CliError(_database_message(exc), ExitCode.DATABASE)
    if isinstance(exc, OSError) and exc.strerror:
        # Permissions, a full disk, a vanished folder: the machine's answer, not a bug.
        where = f"{exc.filename}: " if exc.filename else ""
        return CliError(f"{where}{exc.strerror}", ExitCode.INVALID_INPUT)
    return None


def _database_message(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    lines = str(original if original is not None else exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the database is locked by another program; try again ({text})"
    if "not a database" in lowered or "malformed" in lowered:
        return f"the database file is damaged or not an Interview Kit database ({text})"
    if "unable to open" in lowered:
        return f"cannot open the database file ({text})"
    return f"database error: {text}"


# ---------------------------------------------------------------------------------------
# Entry point


def _utf8_safe(stream: TextIO) -> None:
    """Names like Łukasz or Юлия must never crash output on a non-UTF-8 console."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding != "utf8" and reconfigure is not None:
        with suppress(ValueError, OSError, AttributeError):
            reconfigure(errors="backslashreplace")


def _report(ctx: Context, error: CliError) -> int:
    ctx.warn(f"interview-kit: error: {error.message}")
    for detail in error.details:
        ctx.warn(f"  {detail}")
    return int(error.code)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Re-raise what lower layers raise for a user's mistake as :class:`CliError`."""
    try:
        yield
    except CliError:
        raise
    except Exception as exc:
        translated = _translate(exc)
        if translated is None:
            raise
        raise translated from exc


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (the console script exits with it)."""
    _utf8_safe(sys.stdout)
    _utf8_safe(sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except _UsageError as exc:
        sys.stderr.write(exc.usage)
        sys.stderr.write(f"interview-kit: error: {exc}\n")
        return int(ExitCode.USAGE)
    except SystemExit as exc:  # --help and --version print and exit
        return exc.code if isinstance(exc.code, int) else int(ExitCode.OK)

    url = paths.database_url(args.db) if args.db else paths.default_database_url()
    ctx = Context(database_url=url)
    handler: Callable[[argparse.Namespace, Context], int] = args.handler
    try:
        with _user_errors():
            return int(handler(args, ctx))
    except CliError as error:
        return _report(ctx, error)
    except BrokenPipeError:
        # `interview-kit candidate list | head`: the reader left; not an error.
        with suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except KeyboardInterrupt:
        ctx.warn("interview-kit: interrupted")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        logger.debug("unexpected error", exc_info=True)
        return _report(
            ctx,
            CliError(
                f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                ExitCode.ERROR,
            ),
        )
    finally:
        _close_quietly(ctx)


def _close_quietly(ctx: Context) -> None:
    """Closing must never mask the command's own result."""
    try:
        ctx.close()
    except Exception:
        logger.debug("closing the database failed", exc_info=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
