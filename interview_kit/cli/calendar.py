"""``interview-kit calendar``: interview times and iCalendar invitations (docs/calendar.md)."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import CliError, Context, ExitCode
from interview_kit.cli.files import output_file
from interview_kit.cli.parser import Parser, count
from interview_kit.domain.wording import plural


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="calendar_command", metavar="ACTION", required=True)

    export = actions.add_parser(
        "export", help="write an interviewer's or a candidate's interviews as an .ics file"
    )
    whose = export.add_mutually_exclusive_group(required=True)
    whose.add_argument("--interviewer", metavar="INTERVIEWER", help="name, e-mail or id")
    whose.add_argument("--candidate", metavar="CANDIDATE", help="name, e-mail or id")
    export.add_argument("--out", required=True, metavar="FILE.ics", help="file to write")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.add_argument(
        "--organizer", default="", metavar="EMAIL", help="the organizer's e-mail address"
    )
    export.set_defaults(handler=cmd_calendar_export)

    schedule = actions.add_parser(
        "schedule", help="set (or clear) the time, length and place of an assigned interview"
    )
    schedule.add_argument("candidate", help="candidate: name, e-mail or id")
    schedule.add_argument("stage", help="stage id")
    schedule.add_argument("interviewer", help="interviewer: name, e-mail or id")
    schedule.add_argument(
        "--at",
        metavar="DATETIME",
        help="start, ISO 8601 with its time zone (2026-12-07T14:00+01:00); omit to clear",
    )
    schedule.add_argument(
        "--minutes", type=count, metavar="N", help="length, if not the stage's own"
    )
    schedule.add_argument("--place", default="", help="room, address or video link")
    schedule.set_defaults(handler=cmd_calendar_schedule)


def cmd_calendar_export(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import calendar, candidates, interviewers

    out = output_file(args.out, force=args.force)
    if args.interviewer is not None:
        person = interviewers.resolve_interviewer(ctx.database, args.interviewer)
        events = calendar.export_calendar(
            ctx.database, out, interviewer_uuid=person.uuid, organizer_email=args.organizer
        )
    else:
        candidate = candidates.resolve_candidate(ctx.database, args.candidate)
        events = calendar.export_calendar(
            ctx.database, out, candidate_uuid=candidate.uuid, organizer_email=args.organizer
        )
    cancelled = sum(1 for event in events if event.cancelled)
    parts = [plural(len(events) - cancelled, "invitation")]
    if cancelled:
        parts.append(plural(cancelled, "cancellation"))
    ctx.print(f"Wrote {' and '.join(parts)} to {args.out}")
    return ExitCode.OK


def cmd_calendar_schedule(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import datetime

    from interview_kit.services import assignments, candidates, interviewers

    starts_at = None
    if args.at is not None:
        try:
            starts_at = datetime.fromisoformat(args.at)
        except ValueError:
            raise CliError(
                f"--at {args.at!r} is not an ISO 8601 date-time (e.g. 2026-12-07T14:00+01:00)",
                ExitCode.USAGE,
            ) from None
        if starts_at.tzinfo is None:
            raise CliError(
                f"--at {args.at!r} has no time zone: add one, e.g. {args.at}+00:00",
                ExitCode.USAGE,
            )
    candidate = candidates.resolve_candidate(ctx.database, args.candidate)
    person = interviewers.resolve_interviewer(ctx.database, args.interviewer)
    record = assignments.schedule(
        ctx.database,
        candidate.uuid,
        args.stage,
        person.uuid,
        assignments.InterviewTime(starts_at, args.minutes, args.place),
    )
    if record.starts_at is None:
        ctx.print(f"{person.name}'s {args.stage} interview with {candidate.name}: no time set.")
    else:
        length = f", {record.duration_minutes} min" if record.duration_minutes else ""
        place = f", {record.place}" if record.place else ""
        ctx.print(
            f"{person.name}'s {args.stage} interview with {candidate.name}: "
            f"{record.starts_at.isoformat()}{length}{place} (update {record.calendar_sequence})."
        )
    return ExitCode.OK
