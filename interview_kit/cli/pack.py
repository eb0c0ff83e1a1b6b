"""``interview-kit pack``: sealed panel packs, from the recruiter to an interviewer."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context
from interview_kit.cli.exchange import add_export_and_import, export_sealed, import_sealed
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    add_export_and_import(
        parser,
        noun="pack",
        suffix=".ikpack",
        export_help="seal one interviewer's assignments, candidates and rubric",
        importer="the interviewer's",
        export=cmd_pack_export,
        into=cmd_pack_import,
        export_options=_include_closed_option,
    )


def _include_closed_option(export: argparse.ArgumentParser) -> None:
    export.add_argument(
        "--include-closed",
        action="store_true",
        help="also hired, rejected and withdrawn candidates",
    )


def cmd_pack_export(args: argparse.Namespace, ctx: Context) -> int:
    return export_sealed(args, ctx, pack=True)


def cmd_pack_import(args: argparse.Namespace, ctx: Context) -> int:
    return import_sealed(args, ctx, pack=True)
