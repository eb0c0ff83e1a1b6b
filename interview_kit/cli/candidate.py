"""``interview-kit candidate``: add, import, list, show and erase candidates; move them
along the pipeline."""

from __future__ import annotations

import argparse
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from interview_kit.cli.base import CliError, Context, ExitCode
from interview_kit.cli.parser import Parser, count
from interview_kit.cli.text import score_text, table
from interview_kit.domain.wording import plural

if TYPE_CHECKING:
    from interview_kit.services.candidate_list import CandidateSummary
    from interview_kit.services.candidates import CandidateRecord


def register(parser: Parser) -> None:
    from interview_kit.domain.candidate import CandidateSource, OriginPath, PipelineStatus
    from interview_kit.services.candidate_list import CandidateSort

    actions = parser.add_subparsers(dest="candidate_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a candidate")
    add.add_argument("--name", required=True)
    add.add_argument("--email", required=True)
    add.add_argument("--source", default="unknown", choices=[s.value for s in CandidateSource])
    add.add_argument("--origin", default="unknown", choices=[o.value for o in OriginPath])
    add.add_argument("--role", help="role title (default: the rubric's role title)")
    add.add_argument(
        "--rubric",
        metavar="ROLE",
        help="the rubric (role) the candidate is scored on: its id or role title "
        "(default: the only rubric stored; required when there are several)",
    )
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
    listing.add_argument(
        "--role", metavar="ROLE", help="only candidates scored on this rubric (id or role title)"
    )
    listing.add_argument("--search", metavar="TEXT", help="text in the name or e-mail")
    listing.add_argument(
        "--sort",
        default="name",
        choices=[s.value for s in CandidateSort],
    )
    listing.add_argument("--descending", action="store_true")
    listing.add_argument("--limit", type=count, default=50, metavar="N", help="rows (default 50)")
    where = listing.add_mutually_exclusive_group()
    where.add_argument("--offset", type=count, default=0, metavar="N", help="rows to skip")
    where.add_argument(
        "--page", type=page_number, metavar="N", help="page N (1 is the first) of --limit rows"
    )
    where.add_argument(
        "--after", metavar="TOKEN", help="the page after TOKEN (printed under each page)"
    )
    listing.set_defaults(handler=cmd_candidate_list)

    show = actions.add_parser("show", help="show one candidate")
    show.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_candidate_show)

    moves = {
        "advance": "move a candidate to their next step",
        "reject": "reject a candidate (a reason is required)",
        "withdraw": "mark a candidate as withdrawn",
        "reopen": "undo a rejection or withdrawal (a reason is required)",
    }
    for name, text in moves.items():
        move = actions.add_parser(name, help=text)
        move.add_argument(
            "candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name"
        )
        move.add_argument(
            "--reason",
            default="",
            metavar="TEXT",
            help="why; kept in the candidate's history"
            + (" (required)" if name in ("reject", "reopen") else ""),
        )
        if name == "advance":
            move.add_argument(
                "--stage",
                metavar="STAGE_ID",
                help="only if the next step is this stage (guards against moving twice)",
            )
        if name == "reopen":
            move.add_argument(
                "--stage",
                metavar="STAGE_ID",
                help="reopen at this stage of the candidate's rubric (default: the one it left)",
            )
        move.add_argument("--json", action="store_true", help="print the moved candidate as JSON")
        move.set_defaults(handler=cmd_candidate_move, move=name)

    _register_import(actions)
    _register_erase(actions)


def page_number(value: str) -> int:
    """An argument type: a page number, 1 or more."""
    number = count(value)
    if number < 1:
        raise argparse.ArgumentTypeError("pages are numbered from 1")
    return number


def cmd_candidate_add(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, hiring_roles

    role = hiring_roles.role_for_new_candidate(ctx.database, args.rubric)
    record = candidates.add_candidate(
        ctx.database,
        name=args.name,
        email=args.email,
        source=args.source,
        origin_path=args.origin,
        role_title=args.role if args.role is not None else role.role_title,
        notes=args.notes or "",
        rubric_id=role.rubric_id,
    )
    if args.json:
        ctx.print_json(_candidate_json(record))
    else:
        ctx.print(f"Added candidate {record.name} ({record.uuid})")
    return ExitCode.OK


def _candidate_json(record: CandidateRecord) -> dict[str, Any]:
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


def _summary_json(row: CandidateSummary) -> dict[str, Any]:
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
    from interview_kit.domain.candidate import PipelineStatus
    from interview_kit.services import candidate_list as candidates

    sort = candidates.CandidateSort(args.sort)
    query = candidates.CandidateQuery(
        text=args.search or "",
        statuses=tuple(PipelineStatus(s) for s in args.status or ()),
        stage_id=args.stage,
        rubric_id=_role_id(ctx, args.role),
        sort=sort,
        descending=args.descending,
        offset=args.offset,
        limit=args.limit,
    )
    skipped = args.offset
    if args.after is not None:
        query = replace(query, after=candidates.cursor_from_token(args.after, sort))
        skipped = -1  # not known without counting: the page says where it is by its rows
    elif args.page is not None and args.page > 1:
        # Seek page by page (each a step in the sort index), never an OFFSET scan.
        skipped, step = 0, replace(query, with_total=False)
        for _ in range(args.page - 1):
            seen = candidates.list_candidates(ctx.database, step)
            skipped += len(seen.rows)
            if not seen.more or seen.after is None:
                query = replace(query, limit=0)  # the list ends before page N
                break
            step = replace(step, after=seen.after)
        else:
            query = replace(query, after=step.after)
    page = candidates.list_candidates(ctx.database, query)
    total = page.total if page.total is not None else len(page.rows)
    following = candidates.cursor_token(page.after) if page.more and page.after else None
    if args.json:
        ctx.print_json(
            {
                "total": total,
                "offset": page.offset if skipped < 0 else skipped,
                "next": following,
                "candidates": [_summary_json(row) for row in page.rows],
            }
        )
        return ExitCode.OK
    if not page.rows:
        if total:
            where = f"page {args.page}" if args.page else f"offset {args.offset}"
            if args.after is not None:
                where = "after the given position"
            ctx.print(f"No candidates on this page ({plural(total, 'candidate')} match, {where}).")
        elif args.search or args.status or args.stage or args.role:
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
            score_text(row.score),
            (row.recommendation or "—").replace("_", " "),
            row.level or "—",
            (row.committee_decision or "—").replace("_", " "),
        ]
        for row in page.rows
    ]
    headers = ["ID", "NAME", "STATUS", "STAGE", "SCORE", "RECOMMENDATION", "LEVEL", "DECISION"]
    ctx.print(table(headers, rows, [8, 32, 10, 20, 5, 21, 5, 8]))
    if skipped >= 0:
        first, last = skipped + 1, skipped + len(page.rows)
        ctx.print(f"{first}–{last} of {plural(total, 'candidate')}")
    else:
        ctx.print(f"{plural(len(page.rows), 'candidate')} of {total}")
    if following is not None:
        ctx.print(f"Next page: --after {following}")
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
            ("Score", score_text(summary.score)),
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


def _summary_for(ctx: Context, record: CandidateRecord) -> CandidateSummary | None:
    """The list row (cached score and decisions) of one candidate."""
    from interview_kit.services import candidates

    query = candidates.CandidateQuery(text=record.email or record.name, limit=500, with_total=False)
    for row in candidates.list_candidates(ctx.database, query).rows:
        if row.uuid == record.uuid:
            return row
    return None


def cmd_candidate_move(args: argparse.Namespace, ctx: Context) -> int:
    """advance, reject, withdraw or reopen: one pipeline move, audited with its reason."""
    from interview_kit.services import candidates, pipeline

    db = ctx.database
    record = candidates.resolve_candidate(db, args.candidate)
    stage = getattr(args, "stage", None)
    if args.move == "advance":
        if stage is not None:
            step = pipeline.next_step(pipeline.candidate_rubric(db, record.uuid), record)
            if step is None or step.stage_id != stage or step.status.is_closed:
                where = (
                    "none: they are closed"
                    if step is None
                    else f"{step.label} (stage {step.stage_id or '—'}, status {step.status})"
                )
                raise CliError(
                    f"{record.name}'s next step is {where}, not stage {stage!r}; nothing moved",
                    ExitCode.CONFLICT,
                )
        moved = pipeline.advance_candidate(
            db, record.uuid, reason=args.reason, expected_version=record.version
        )
    elif args.move == "reject":
        moved = pipeline.reject_candidate(
            db, record.uuid, reason=args.reason, expected_version=record.version
        )
    elif args.move == "withdraw":
        moved = pipeline.withdraw_candidate(
            db, record.uuid, reason=args.reason, expected_version=record.version
        )
    else:
        moved = pipeline.reopen_candidate(
            db, record.uuid, reason=args.reason, stage_id=stage, expected_version=record.version
        )
    if args.json:
        ctx.print_json(_candidate_json(moved))
        return ExitCode.OK
    where = moved.status.label
    if moved.stage_id and not moved.status.is_closed:
        where += f" (stage {moved.stage_id})"
    ctx.print(f"{moved.name}: {record.status.label} -> {where}")
    return ExitCode.OK


def _role_id(ctx: Context, role: str | None) -> str | None:
    if role is None:
        return None  # no rubric (nor pydantic) to load for a list of every role
    from interview_kit.services import hiring_roles

    return hiring_roles.find_role(ctx.database, role).rubric_id


# ---------------------------------------------------------------------------------------
# candidate import


def _register_import(actions: Any) -> None:
    importing = actions.add_parser(
        "import",
        help="add and update candidates from a CSV file (all or nothing)",
        description="Add candidates from a CSV file, and update those whose e-mail is "
        "stored. Columns are recognised by their headings (name, or first and last name; "
        "e-mail; source; origin; role; notes); --map says what a heading means. Any "
        "problem is listed with its row and column, and then nothing is stored. "
        "See docs/csv-import.md.",
    )
    importing.add_argument("file", metavar="FILE.csv")
    importing.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="read COLUMN as FIELD (name, first_name, last_name, email, source, origin, "
        "role, notes, or ignore); repeat for several",
    )
    importing.add_argument("--encoding", help="the file's encoding (default: found from its bytes)")
    importing.add_argument(
        "--delimiter", help="the cell separator (default: comma, semicolon or tab, found)"
    )
    importing.add_argument(
        "--rubric",
        metavar="ROLE",
        help="the rubric (role) of new candidates whose row names none",
    )
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would be done; store nothing"
    )
    importing.add_argument("--json", action="store_true", help="print the outcome as JSON")
    importing.set_defaults(handler=cmd_candidate_import)


def cmd_candidate_import(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.cli.base import CliError
    from interview_kit.cli.files import input_file
    from interview_kit.services import candidate_import

    path = input_file(args.file, "CSV file")
    options = candidate_import.ImportOptions(
        mapping=candidate_import.parse_mapping(args.map),
        encoding=args.encoding,
        delimiter="\t" if args.delimiter in ("\\t", "tab") else args.delimiter,
        rubric_id=args.rubric,
    )
    if args.dry_run:
        plan = candidate_import.plan_import(ctx.database, path, options)
    else:
        plan = candidate_import.import_candidates(ctx.database, path, options)
    if args.json:
        ctx.print_json(_plan_json(plan))
    else:
        _print_plan(ctx, plan, dry_run=args.dry_run)
    if plan.problems:
        raise CliError(
            f"{plural(len(plan.problems), 'problem')} in {args.file}; nothing was imported",
            ExitCode.INVALID_INPUT,
            [str(problem) for problem in plan.problems],
        )
    return ExitCode.OK


def _print_plan(ctx: Context, plan: Any, *, dry_run: bool) -> None:
    ctx.print(f"Read as {plan.encoding}, {plan.delimiter_name}-separated.")
    ctx.print("Columns: " + ", ".join(f"{heading} → {name}" for heading, name in plan.columns))
    if plan.problems:
        return
    if dry_run:
        rows = [
            [str(row.row), row.action.value, row.name, row.email or "—", ", ".join(row.changes)]
            for row in plan.preview
        ]
        if rows:
            ctx.print(
                table(["ROW", "ACTION", "NAME", "E-MAIL", "CHANGES"], rows, [6, 6, 32, 32, 40])
            )
        if plan.rows > len(plan.preview):
            ctx.print(f"(first {len(plan.preview)} of {plan.rows} rows)")
        ctx.print(f"Dry run: {plan.describe()}. Nothing was stored.")
    else:
        ctx.print(f"Imported: {plan.describe()}.")


def _plan_json(plan: Any) -> dict[str, Any]:
    return {
        "written": plan.written,
        "encoding": plan.encoding,
        "delimiter": plan.delimiter,
        "columns": [{"heading": h, "field": f} for h, f in plan.columns],
        "added": plan.added,
        "updated": plan.updated,
        "skipped": plan.skipped,
        "problems": [
            {"row": p.row, "column": p.column, "message": p.message} for p in plan.problems
        ],
        "preview": [
            {
                "row": row.row,
                "action": row.action.value,
                "name": row.name,
                "email": row.email,
                "source": row.source.value,
                "origin": row.origin_path.value,
                "role": row.role_title,
                "rubric_id": row.rubric_id,
                "candidate_uuid": row.candidate_uuid,
                "changes": list(row.changes),
            }
            for row in plan.preview
        ],
    }


# ---------------------------------------------------------------------------------------
# candidate erase


def _register_erase(actions: Any) -> None:
    erase = actions.add_parser(
        "erase",
        help="erase a candidate's personal data and scorecards (a privacy request)",
        description="Remove a candidate's name, e-mail, notes, scorecards, assignments and "
        "decisions. The audit log keeps only that an erasure happened. This cannot be "
        "undone, so --confirm must repeat the candidate's stored name exactly.",
    )
    erase.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    erase.add_argument(
        "--confirm", required=True, metavar="NAME", help="the candidate's full name, as stored"
    )
    erase.set_defaults(handler=cmd_candidate_erase)


def cmd_candidate_erase(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.cli.base import CliError
    from interview_kit.services import candidates, pipeline

    record = candidates.resolve_candidate(ctx.database, args.candidate)
    if args.confirm.strip() != record.name:
        raise CliError(
            f"--confirm {args.confirm!r} is not the candidate's name; to erase this "
            f"candidate, repeat it exactly: --confirm {record.name!r}",
            ExitCode.CONFLICT,
        )
    summary = pipeline.erasure_summary(ctx.database, record.uuid)
    candidates.erase_candidate(ctx.database, record.uuid)
    ctx.print(
        f"Erased {record.name} ({record.uuid}): "
        f"{plural(summary.scorecards, 'scorecard')}, {plural(summary.assignments, 'assignment')}, "
        f"{plural(summary.decisions, 'committee decision')}."
    )
    return ExitCode.OK
