"""``interview-kit export``: the pipeline, scores, decisions or calibration as a spreadsheet."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.files import output_file
from interview_kit.cli.parser import Parser
from interview_kit.domain.wording import plural

KINDS = ("pipeline", "scores", "decisions", "calibration")
FORMATS = ("csv", "xlsx")


def register(parser: Parser) -> None:
    parser.description = (
        "Write a list as a spreadsheet: the pipeline as the app's table shows it, every "
        "score in long form (candidate, stage, interviewer, criterion, rating, evidence), "
        "committee decisions, or interviewer calibration. Columns: docs/exports.md."
    )
    parser.add_argument("kind", choices=KINDS, metavar="{" + ",".join(KINDS) + "}")
    parser.add_argument(
        "--format",
        choices=FORMATS,
        dest="fmt",
        help="csv or xlsx (default: from the file's suffix)",
    )
    parser.add_argument("--out", required=True, metavar="FILE", help="the file to write")
    parser.add_argument(
        "--role", metavar="ROLE", help="only this role's candidates (rubric id or role title)"
    )
    parser.add_argument(
        "--as",
        dest="viewer",
        metavar="INTERVIEWER",
        help="what this interviewer may see: the results of candidates whose panel they "
        "have not submitted to are withheld, as in the app",
    )
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        dest="anonymise",
        action="store_true",
        help="blind review: a pseudonym for each candidate, interviewers by number, no e-mail",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.cli.base import CliError
    from interview_kit.services import exports, hiring_roles, interviewers

    out = output_file(args.out, force=args.force)
    fmt = args.fmt or out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise CliError(
            f"say the format with --format csv|xlsx ({out.name} does not end in .csv or .xlsx)",
            ExitCode.USAGE,
        )
    viewer = None
    if args.viewer is not None:
        viewer = interviewers.resolve_interviewer(ctx.database, args.viewer).uuid
    role = None if args.role is None else hiring_roles.find_role(ctx.database, args.role)
    options = exports.ExportOptions(
        viewer=viewer,
        anonymise=args.anonymise,
        rubric_id=None if role is None else role.rubric_id,
    )
    result = exports.export_sheet(ctx.database, args.kind, out, fmt, options, overwrite=args.force)
    ctx.print(f"Wrote {plural(result.rows, 'row')} of {args.kind} to {result.path}")
    return ExitCode.OK
