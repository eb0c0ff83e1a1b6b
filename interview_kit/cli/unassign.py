"""``interview-kit unassign``: take an interviewer off a candidate's stage (see :mod:`.assign`)."""

from __future__ import annotations

from interview_kit.cli.assign import arguments, cmd_unassign
from interview_kit.cli.parser import Parser


def register(parser: Parser) -> None:
    arguments(parser, "take an interviewer off a candidate's stage; their scorecards stay")
    parser.set_defaults(handler=cmd_unassign)
