"""``interview-kit backup``: a consistent copy of the database file."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.files import output_file
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    parser.add_argument("--out", required=True, metavar="FILE")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=cmd_backup)


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import database

    out = output_file(args.out, force=args.force)
    written = database.backup(ctx.database, out, overwrite=args.force)
    ctx.print(f"Backed up {ctx.database.location} to {written}")
    return ExitCode.OK
