"""``interview-kit decision``: the committee's decision for a candidate, and its history."""

from __future__ import annotations

import argparse
import math
from typing import TYPE_CHECKING, Any

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser, count
from interview_kit.cli.text import table

if TYPE_CHECKING:
    from interview_kit.services.decisions import DecisionRecord


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="decision_command", metavar="ACTION", required=True)

    record = actions.add_parser(
        "record",
        help="record a hire or no-hire decision",
        description="Record the committee's decision. A hire needs a level of the "
        "candidate's rubric; a base outside that level's band needs --justification; a "
        "decision that departs from the recommendation frozen when the candidate reached "
        "the committee needs --override-reason. Without them nothing is stored.",
    )
    record.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    record.add_argument("--decision", required=True, choices=["hire", "no_hire"])
    record.add_argument("--level", help="the level id (required for a hire)")
    record.add_argument("--base", type=_amount, metavar="AMOUNT", help="base salary")
    record.add_argument("--equity", type=_amount, metavar="AMOUNT")
    record.add_argument(
        "--justification", default="", help="why the base lies outside the level's band"
    )
    record.add_argument(
        "--override-reason",
        default="",
        help="why the decision departs from the frozen recommendation",
    )
    record.add_argument("--decided-by", metavar="NAME", help="who decided (default: you)")
    record.add_argument(
        "--expected-version",
        type=count,
        metavar="N",
        help="refuse if the panel changed since this version (from 'decision list --json')",
    )
    record.add_argument("--json", action="store_true", help="print the stored decision as JSON")
    record.set_defaults(handler=cmd_decision_record)

    listing = actions.add_parser("list", help="a candidate's decisions, the one in force first")
    listing.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_decision_list)


def _amount(value: str) -> float:
    try:
        number = float(value.replace(",", "").replace("_", ""))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an amount, got {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"must be a number of 0 or more, got {value!r}")
    return number


def _json(record: DecisionRecord) -> dict[str, Any]:
    return {
        "uuid": record.uuid,
        "candidate_uuid": record.candidate_uuid,
        "decision": record.decision.value,
        "level": record.level,
        "base": record.base,
        "currency": record.currency,
        "equity": record.equity,
        "equity_unit": record.equity_unit,
        "outside_band": record.outside_band,
        "justification": record.justification,
        "decided_by": record.decided_by,
        "decided_at": record.decided_at,
        "rubric_version": record.rubric_version,
    }


def cmd_decision_record(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, decisions

    candidate = candidates.resolve_candidate(ctx.database, args.candidate)
    stored = decisions.record_decision(
        ctx.database,
        candidate.uuid,
        decision=args.decision,
        level=args.level,
        base=args.base,
        equity=args.equity,
        justification=args.justification,
        override_reason=args.override_reason,
        decided_by=args.decided_by,
        expected_version=args.expected_version,
    )
    if args.json:
        ctx.print_json(_json(stored))
        return ExitCode.OK
    what = "Hire" if stored.decision.value == "hire" else "No hire"
    level = f" at {stored.level}" if stored.level else ""
    base = (
        f", base {stored.base:,.0f} {stored.currency}".rstrip() if stored.base is not None else ""
    )
    outside = " (outside the band, justified)" if stored.outside_band else ""
    ctx.print(f"Recorded for {candidate.name}: {what}{level}{base}{outside}")
    return ExitCode.OK


def cmd_decision_list(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, decisions

    candidate = candidates.resolve_candidate(ctx.database, args.candidate)
    found = decisions.decisions_for_candidate(ctx.database, candidate.uuid)
    if args.json:
        ctx.print_json(
            {
                "candidate_uuid": candidate.uuid,
                "version": decisions.decision_version(ctx.database, candidate.uuid),
                "decisions": [_json(item) for item in found],
            }
        )
        return ExitCode.OK
    if not found:
        ctx.print(f"No decision recorded for {candidate.name} yet.")
        return ExitCode.OK
    rows = [
        [
            item.decided_at.strftime("%Y-%m-%d %H:%M"),
            item.decision.value.replace("_", " "),
            item.level or "—",
            "—" if item.base is None else f"{item.base:,.0f} {item.currency}".strip(),
            item.decided_by,
            "in force" if index == 0 else "",
        ]
        for index, item in enumerate(found)
    ]
    ctx.print(
        table(["DECIDED (UTC)", "DECISION", "LEVEL", "BASE", "BY", ""], rows, [16, 8, 5, 16, 24, 8])
    )
    return ExitCode.OK
