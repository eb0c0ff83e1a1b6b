"""``interview-kit interviewer``: add, list and edit the people who score."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser
from interview_kit.cli.text import table

if TYPE_CHECKING:
    from interview_kit.services.interviewers import InterviewerRecord


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="interviewer_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add an interviewer")
    add.add_argument("--name", required=True)
    add.add_argument("--email", default="")
    add.add_argument("--role", default="", help="their role title (Staff engineer, ...)")
    add.add_argument("--json", action="store_true", help="print the stored interviewer as JSON")
    add.set_defaults(handler=cmd_interviewer_add)

    listing = actions.add_parser("list", help="list interviewers with their open work")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_interviewer_list)

    edit = actions.add_parser("edit", help="change an interviewer's name, e-mail or role")
    edit.add_argument(
        "interviewer", metavar="INTERVIEWER", help="uuid, uuid prefix, e-mail or name"
    )
    edit.add_argument("--name")
    edit.add_argument("--email")
    edit.add_argument("--role")
    edit.add_argument("--json", action="store_true", help="print the stored interviewer as JSON")
    edit.set_defaults(handler=cmd_interviewer_edit)


def _json(record: InterviewerRecord) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "name": record.name,
        "email": record.email,
        "role": record.role_title,
        "login": record.login,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }


def cmd_interviewer_add(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import interviewers

    record = interviewers.add_interviewer(
        ctx.database, name=args.name, email=args.email, role_title=args.role
    )
    if args.json:
        ctx.print_json(_json(record))
    else:
        ctx.print(f"Added interviewer {record.name} ({record.uuid})")
    return ExitCode.OK


def cmd_interviewer_list(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import interviewers, pipeline

    found = interviewers.list_interviewers(ctx.database)
    work = pipeline.interviewer_workload(ctx.database)
    if args.json:
        ctx.print_json(
            {
                "interviewers": [
                    {
                        **_json(record),
                        "open_assignments": work[record.uuid].open_assignments
                        if record.uuid in work
                        else 0,
                        "not_submitted": work[record.uuid].not_submitted
                        if record.uuid in work
                        else 0,
                    }
                    for record in found
                ]
            }
        )
        return ExitCode.OK
    if not found:
        ctx.print("No interviewers yet. Add one with 'interview-kit interviewer add --name NAME'.")
        return ExitCode.OK
    rows = []
    for record in found:
        load = work.get(record.uuid)
        rows.append(
            [
                record.uuid[:8],
                record.name,
                record.role_title or "—",
                record.email or "—",
                str(load.open_assignments if load else 0),
                str(load.not_submitted if load else 0),
            ]
        )
    headers = ["ID", "NAME", "ROLE", "E-MAIL", "OPEN", "WAITING"]
    ctx.print(table(headers, rows, [8, 28, 20, 32, 4, 7]))
    return ExitCode.OK


def cmd_interviewer_edit(args: argparse.Namespace, ctx: Context) -> int:
    from dataclasses import replace

    from interview_kit.cli.base import CliError
    from interview_kit.services import interviewers

    if args.name is None and args.email is None and args.role is None:
        raise CliError("say what to change: --name, --email or --role", ExitCode.USAGE)
    record = interviewers.resolve_interviewer(ctx.database, args.interviewer)
    changed = replace(
        record,
        name=record.name if args.name is None else args.name,
        email=record.email if args.email is None else args.email,
        role_title=record.role_title if args.role is None else args.role,
    )
    stored = interviewers.update_interviewer(ctx.database, changed)
    if args.json:
        ctx.print_json(_json(stored))
    else:
        ctx.print(f"Saved interviewer {stored.name} ({stored.uuid})")
    return ExitCode.OK
