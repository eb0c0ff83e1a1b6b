"""``interview-kit insights``: evidence about the hiring process itself (docs/evidence.md).

``reliability``, ``validity``, ``adverse-impact``, ``drift`` and ``overrides``, each as
tables with the count behind every figure and its caveats, or ``--json``. The
adverse-impact monitor is for recruiters and the committee only: on a shared database
anyone else's sign-in is refused.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser
from interview_kit.cli.text import table

if TYPE_CHECKING:
    from interview_kit.services.evidence.tables import Section

VIEWS = (
    ("reliability", "how far interviewers agree, and how many each stage needs"),
    ("validity", "which scores predicted how hires turned out"),
    ("adverse-impact", "selection rates by self-identified group (recruiter, committee)"),
    ("drift", "each interviewer's leniency month by month"),
    ("overrides", "every committee decision that differed from the engine's"),
)

COLUMN_LIMIT = 40


def register(parser: Parser) -> None:
    views = parser.add_subparsers(dest="insights_view", metavar="VIEW", required=True)
    for name, summary in VIEWS:
        view = views.add_parser(name, help=summary, description=summary)
        view.add_argument("--json", action="store_true", help="print JSON")
        if name == "adverse-impact":
            view.add_argument(
                "--question", metavar="ID", help="only this self-identification question"
            )
        if name == "drift":
            view.add_argument(
                "--shift",
                type=float,
                default=None,
                metavar="X",
                help="flag a month that moved this much from the earlier months (default 0.5)",
            )
            view.add_argument(
                "--min-comparisons",
                type=int,
                default=None,
                metavar="N",
                help="comparisons needed on each side of a flagged shift (default 20)",
            )
        view.set_defaults(handler=cmd_insights)


def cmd_insights(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import evidence
    from interview_kit.services.evidence import tables

    db = ctx.database
    view = args.insights_view
    report: Any
    if view == "reliability":
        report = evidence.reliability(db)
        section = tables.reliability_section(report)
    elif view == "validity":
        report = evidence.validity(db)
        section = tables.validity_section(report)
    elif view == "adverse-impact":
        report = evidence.adverse_impact(db, question_id=args.question)
        section = tables.adverse_impact_section(report)
    elif view == "drift":
        options = {}
        if args.shift is not None:
            options["shift"] = args.shift
        if args.min_comparisons is not None:
            options["min_comparisons"] = args.min_comparisons
        report = evidence.drift(db, **options)
        section = tables.drift_section(report)
    else:
        report = evidence.overrides(db)
        section = tables.overrides_section(report)
    if args.json:
        ctx.print_json(report.to_json())
        return ExitCode.OK
    print_section(ctx, section)
    return ExitCode.OK


def print_section(ctx: Context, section: Section) -> None:
    ctx.print(section.title.upper())
    ctx.print(section.intro)
    for warning in section.warnings:
        ctx.print(f"! {warning}")
    for figures in section.tables:
        ctx.print()
        ctx.print(figures.title)
        if not figures.rows:
            ctx.print(f"  {figures.empty_text}")
            continue
        marked = set(figures.flagged_rows)
        rows = [
            [("* " if index in marked else "  ") + row[0], *row[1:]]
            for index, row in enumerate(figures.rows)
        ]
        headers = ["  " + figures.headers[0], *figures.headers[1:]]
        ctx.print(table(headers, rows, [COLUMN_LIMIT] * len(headers)))
        for note in figures.notes:
            ctx.print(f"  Note: {note}")
