"""``interview-kit recompute``: every candidate's cached summary from the stored scorecards."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser, count
from interview_kit.domain.wording import plural


def register(parser: Parser) -> None:
    parser.description = (
        "Recompute every candidate's cached score, recommendation, level and "
        "committee decision from the stored scorecards, in one transaction (after a bulk "
        "load, or when the lists look out of step)."
    )
    parser.add_argument(
        "--workers",
        type=_worker_count,
        metavar="N",
        help="processes sharing the work (default: as many as pay off; 1: this one only)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_recompute)


def cmd_recompute(args: argparse.Namespace, ctx: Context) -> int:
    import time

    from interview_kit.services import summaries

    started = time.perf_counter()
    count = summaries.refresh_all(ctx.database, workers=args.workers)
    seconds = time.perf_counter() - started
    if args.json:
        ctx.print_json({"candidates": count, "seconds": round(seconds, 3)})
        return ExitCode.OK
    ctx.print(f"Recomputed the summaries of {plural(count, 'candidate')} in {seconds:.1f} s.")
    return ExitCode.OK


def _worker_count(value: str) -> int:
    number = count(value)
    if number < 1:
        raise argparse.ArgumentTypeError("needs at least 1 process")
    return number
