"""``interview-kit report``: reports about the whole process (docs/evidence.md)."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.files import output_file
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    kinds = parser.add_subparsers(dest="report_kind", metavar="REPORT", required=True)
    quality = kinds.add_parser(
        "quality",
        help="the committee's hiring-quality report (PDF)",
        description="Reliability, validity, adverse impact, drift and overrides on paper, "
        "each figure with its count and its caveat. Adverse impact is included for "
        "recruiters and the committee only.",
    )
    quality.add_argument("--out", required=True, metavar="FILE", help="the PDF to write")
    quality.add_argument("--force", action="store_true", help="replace FILE if it exists")
    quality.set_defaults(handler=cmd_report_quality)


def cmd_report_quality(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services.evidence.quality import write_quality_report

    out = output_file(args.out, force=args.force)
    data = write_quality_report(ctx.database, out)
    ctx.print(f"Wrote the hiring-quality report ({len(data.sections)} sections) to {out}")
    return ExitCode.OK
