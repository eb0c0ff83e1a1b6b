"""``interview-kit bundle``: sealed scorecard bundles, from an interviewer to the recruiter."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context
from interview_kit.cli.exchange import add_export_and_import, export_sealed, import_sealed
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    add_export_and_import(
        parser,
        noun="bundle",
        suffix=".ikbundle",
        export_help="seal an interviewer's submitted scorecards and amendments",
        importer="the recruiter's",
        export=cmd_bundle_export,
        into=cmd_bundle_import,
    )


def cmd_bundle_export(args: argparse.Namespace, ctx: Context) -> int:
    return export_sealed(args, ctx, pack=False)


def cmd_bundle_import(args: argparse.Namespace, ctx: Context) -> int:
    return import_sealed(args, ctx, pack=False)
