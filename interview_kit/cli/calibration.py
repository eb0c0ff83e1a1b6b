"""``interview-kit calibration``: how each interviewer rates against the rest of their panels."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser
from interview_kit.cli.text import table


def register(parser: Parser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_calibration)


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
    ctx.print(table(headers, rows, [32, 8, 11, 10, 12]))
    ctx.print(
        "VS PANEL: mean of (own rating - the other interviewers' mean) on the same candidate "
        "and criterion; above 0 is lenient, below 0 harsh."
    )
    return ExitCode.OK
