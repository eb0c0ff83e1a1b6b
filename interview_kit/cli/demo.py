"""``interview-kit demo``: a realistic demo panel in the database."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser, count


def register(parser: Parser) -> None:
    from interview_kit.services.demo import DEFAULT_CANDIDATES, DEFAULT_SEED

    parser.description = (
        "Load the default Builder rubric and a demo panel: candidates in every "
        "pipeline state, four interviewers, assignments, submitted and draft scorecards, "
        "amendments and committee decisions, with outcomes of hires and voluntary "
        "self-identification for the evidence views. The same seed always gives the same data."
    )
    parser.add_argument(
        "--seed", type=int, default=DEFAULT_SEED, help=f"random seed (default {DEFAULT_SEED})"
    )
    parser.add_argument(
        "--candidates",
        type=count,
        default=DEFAULT_CANDIDATES,
        metavar="N",
        help=f"number of candidates (default {DEFAULT_CANDIDATES}; more are generated "
        "fully interviewed, for benchmarks)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace the candidates and interviewers already stored (a SQLite file is "
        "backed up first)",
    )
    parser.set_defaults(handler=cmd_demo)


def cmd_demo(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import demo

    result = demo.load_demo(
        ctx.database, seed=args.seed, candidates=args.candidates, force=args.force
    )
    from interview_kit.services.evidence import plant_evidence

    planted = plant_evidence(ctx.database, seed=args.seed)
    ctx.print(f"Demo data loaded into {ctx.database.location} (seed {args.seed}):")
    ctx.print(f"  {result.summary}")
    ctx.print(
        f"  {planted.outcomes} hire outcomes and {planted.identifications} voluntary "
        "self-identifications, for the Insights evidence views"
    )
    if result.backup is not None:
        ctx.print(f"  The previous content was backed up to {result.backup}")
    ctx.print("Try: interview-kit candidate list")
    return ExitCode.OK
