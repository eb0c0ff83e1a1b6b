"""``interview-kit outcome``: how a hire turned out, at 90 days and at one year."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import CliError, Context, ExitCode
from interview_kit.cli.parser import Parser

_YES_NO = {"yes": True, "no": False}


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="outcome_command", metavar="ACTION", required=True)
    record = actions.add_parser(
        "record",
        help="record (or replace) a hire's outcome at a checkpoint",
        description="Record how a hired candidate turned out. Only hires have outcomes; "
        "a second record for the same checkpoint replaces the first.",
    )
    record.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    record.add_argument("--checkpoint", required=True, choices=("90_days", "one_year"))
    record.add_argument(
        "--performance",
        type=int,
        choices=(1, 2, 3, 4),
        metavar="N",
        help="1 below, 2 meets some, 3 meets, 4 exceeds expectations",
    )
    record.add_argument("--still-employed", required=True, choices=tuple(_YES_NO))
    record.add_argument("--would-hire-again", choices=tuple(_YES_NO))
    record.add_argument("--level-now", metavar="LEVEL", help="the hire's level now (a level id)")
    record.add_argument("--json", action="store_true", help="print the stored outcome as JSON")
    record.set_defaults(handler=cmd_outcome_record)

    show = actions.add_parser("show", help="a hire's recorded outcomes")
    show.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_outcome_show)


def cmd_outcome_record(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, evidence

    record = candidates.resolve_candidate(ctx.database, args.candidate)
    if args.level_now is not None and not args.level_now.strip():
        raise CliError("--level-now must not be empty", ExitCode.USAGE)
    outcome = evidence.record_outcome(
        ctx.database,
        record.uuid,
        checkpoint=args.checkpoint,
        performance=args.performance,
        still_employed=_YES_NO[args.still_employed],
        would_hire_again=None if args.would_hire_again is None else _YES_NO[args.would_hire_again],
        level_now=args.level_now,
    )
    if args.json:
        ctx.print_json(outcome.to_json())
        return ExitCode.OK
    ctx.print(f"Recorded the {outcome.checkpoint.label.lower()} outcome for {record.name}.")
    return ExitCode.OK


def cmd_outcome_show(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.cli.text import table
    from interview_kit.services import candidates, evidence

    record = candidates.resolve_candidate(ctx.database, args.candidate)
    found = evidence.outcomes_for_candidate(ctx.database, record.uuid)
    if args.json:
        ctx.print_json({"candidate_uuid": record.uuid, "outcomes": [o.to_json() for o in found]})
        return ExitCode.OK
    if not found:
        ctx.print(f"No outcomes recorded for {record.name}.")
        return ExitCode.OK
    rows = [
        [
            o.checkpoint.label,
            "—" if o.performance is None else str(o.performance),
            "yes" if o.still_employed else "no",
            "—" if o.would_hire_again is None else ("yes" if o.would_hire_again else "no"),
            o.level_now or "—",
            o.recorded_by,
        ]
        for o in found
    ]
    headers = ["CHECKPOINT", "PERFORMANCE", "EMPLOYED", "HIRE AGAIN", "LEVEL", "RECORDED BY"]
    ctx.print(table(headers, rows, [10, 11, 8, 10, 8, 24]))
    return ExitCode.OK
