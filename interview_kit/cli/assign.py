"""``interview-kit assign`` and ``unassign``: who interviews a candidate at which stage."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    arguments(parser, "put an interviewer on a candidate's stage")
    parser.set_defaults(handler=cmd_assign)


def arguments(parser: Parser, description: str) -> None:
    parser.description = description
    parser.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    parser.add_argument(
        "--stage", required=True, metavar="STAGE_ID", help="a stage of their rubric"
    )
    parser.add_argument(
        "--interviewer",
        required=True,
        metavar="INTERVIEWER",
        help="uuid, uuid prefix, e-mail or name",
    )


def _resolved(args: argparse.Namespace, ctx: Context) -> tuple[str, str, str, str]:
    from interview_kit.services import candidates, interviewers

    candidate = candidates.resolve_candidate(ctx.database, args.candidate)
    interviewer = interviewers.resolve_interviewer(ctx.database, args.interviewer)
    return candidate.uuid, candidate.name, interviewer.uuid, interviewer.name


def cmd_assign(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import assignments

    candidate, candidate_name, interviewer, interviewer_name = _resolved(args, ctx)
    if assignments.assign(ctx.database, candidate, args.stage, interviewer):
        ctx.print(f"Assigned {interviewer_name} to {candidate_name}, stage {args.stage}")
    else:
        ctx.print(f"{interviewer_name} was already on {candidate_name}'s {args.stage} stage")
    return ExitCode.OK


def cmd_unassign(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.cli.base import CliError
    from interview_kit.services import assignments

    candidate, candidate_name, interviewer, interviewer_name = _resolved(args, ctx)
    if not assignments.unassign(ctx.database, candidate, args.stage, interviewer):
        raise CliError(
            f"{interviewer_name} is not assigned to {candidate_name}'s {args.stage} stage",
            ExitCode.NOT_FOUND,
        )
    ctx.print(
        f"Took {interviewer_name} off {candidate_name}, stage {args.stage} "
        "(any scorecard they wrote stays)"
    )
    return ExitCode.OK
