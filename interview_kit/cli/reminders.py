"""``interview-kit reminders``: who is overdue with feedback, for which interview."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser
from interview_kit.cli.text import table


def register(parser: Parser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.add_argument(
        "--mailto", action="store_true", help="also print a ready e-mail draft link per interviewer"
    )
    parser.set_defaults(handler=cmd_reminders)


def cmd_reminders(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import UTC, datetime

    from interview_kit.services import reminders

    now = datetime.now(UTC)
    grouped = reminders.by_interviewer(reminders.overdue_feedback(ctx.database, now=now))
    if args.json:
        ctx.print_json(
            {
                "checked_at": now.isoformat(),
                "interviewers": [
                    {
                        "uuid": r.interviewer_uuid,
                        "name": r.interviewer_name,
                        "email": r.interviewer_email,
                        "mailto": reminders.mailto_url(r, now=now) if r.interviewer_email else None,
                        "overdue": [
                            {
                                "candidate_uuid": item.candidate_uuid,
                                "candidate": item.candidate_name,
                                "stage_id": item.stage_id,
                                "stage": item.stage_title,
                                "interview_at": item.interview_at.isoformat(),
                                "due_at": item.due_at.isoformat(),
                                "hours_overdue": item.hours_overdue(now),
                                "scorecard": item.scorecard_status or "not started",
                            }
                            for item in r.items
                        ],
                    }
                    for r in grouped
                ],
            }
        )
        return ExitCode.OK
    if not grouped:
        ctx.print("No overdue feedback.")
        return ExitCode.OK
    rows = [
        [
            r.interviewer_name,
            item.candidate_name,
            item.stage_title,
            item.due_at.strftime("%Y-%m-%d %H:%M UTC"),
            f"{item.hours_overdue(now)} h",
            item.scorecard_status or "not started",
        ]
        for r in grouped
        for item in r.items
    ]
    headers = ["INTERVIEWER", "CANDIDATE", "STAGE", "DUE", "OVERDUE", "SCORECARD"]
    ctx.print(table(headers, rows, [24, 24, 24, 20, 8, 11]))
    if args.mailto:
        for r in grouped:
            if r.interviewer_email:
                ctx.print(f"{r.interviewer_name}: {reminders.mailto_url(r, now=now)}")
            else:
                ctx.print(f"{r.interviewer_name}: no e-mail address on file")
    return ExitCode.OK
