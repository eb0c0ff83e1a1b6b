"""``interview-kit sheet``: a blank, printable scoring sheet for one stage."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.files import output_file
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    parser.add_argument("stage", metavar="STAGE", help="stage id or number, e.g. 2")
    parser.add_argument("--out", required=True, metavar="FILE")
    parser.add_argument("--rubric", metavar="ID", help="rubric id (default: the active rubric)")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=cmd_sheet)


def cmd_sheet(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import packets

    out = output_file(args.out, force=args.force)
    rubric = packets.write_scoring_sheet(ctx.database, args.stage, out, rubric_id=args.rubric)
    ctx.print(f"Wrote the blank scoring sheet for stage {args.stage} of {rubric.name} to {out}")
    return ExitCode.OK
