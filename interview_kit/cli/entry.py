"""The entry point: build the parser, run one command, map what it raises to an exit code.

Loaded by every run, so at module level it imports nothing beyond :mod:`.base`; the
parser comes in when there are arguments to parse, and the chosen command brings the rest.
``interview-kit --version`` alone is answered before any of that: at about 1.5x a bare
``python -c pass``, where argparse, its message catalogue and the parser's construction
would double it (``benchmarks/bench_cli.py``).
"""

from __future__ import annotations

import os
import sys

from interview_kit import __version__
from interview_kit.cli.base import CliError, Context, ExitCode

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing at start-up
if TYPE_CHECKING:
    import argparse
    import logging
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from interview_kit.cli.parser import Parser

VERSION = f"interview-kit {__version__}"
"""What ``--version`` prints, however it is asked for."""

COMMANDS: tuple[tuple[str, str], ...] = (
    ("demo", "fill the database with a realistic demo panel"),
    ("rubric", "validate, import, export and show rubrics"),
    ("candidate", "add, import, list, show and erase candidates"),
    ("interviewer", "add, list and edit interviewers"),
    ("assign", "put an interviewer on a candidate's stage"),
    ("unassign", "take an interviewer off a candidate's stage"),
    ("decision", "record the committee's decision for a candidate"),
    ("export", "write the pipeline, scores, decisions or calibration as CSV or XLSX"),
    ("scorecard", "import and export scorecard JSON files"),
    ("recommend", "the engine's recommendation for a candidate, with its reasons"),
    ("calibration", "how each interviewer rates against the rest of their panels"),
    ("insights", "reliability, validity, adverse impact, drift and overrides"),
    ("outcome", "record how a hire turned out (90 days, one year)"),
    ("report", "write the committee's hiring-quality report (PDF)"),
    ("recompute", "recompute every candidate's cached score and recommendation"),
    ("backup", "write a consistent copy of the database file"),
    ("pack", "export and import sealed panel packs (recruiter to interviewer)"),
    ("bundle", "export and import sealed scorecard bundles (interviewer to recruiter)"),
    ("packet", "write a candidate's hiring packet (PDF), or every candidate's"),
    ("sheet", "write a blank, printable scoring sheet for a stage"),
    ("admin", "who may sign in to a shared PostgreSQL database, and as what role"),
    ("calendar", "interview times and calendar invitations (.ics)"),
    ("reminders", "who is overdue with feedback, with ready e-mail drafts"),
)
"""Every command group, in ``--help`` order: its name, which is also the name of its module
in this package, and its line in ``--help``. The module's ``register(parser)`` adds the
rest when the command is chosen."""


def build_parser() -> Parser:
    from interview_kit import paths
    from interview_kit.cli.parser import Commands, Parser

    parser = Parser(
        prog="interview-kit",
        description="Interview Kit: structured interview panels for hiring Builders. "
        "A recruiter's tool: there is no signed-in interviewer, so every score is shown.",
        epilog="Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 invalid input, "
        "4 not found, 5 conflict, 6 database error. See docs/cli.md.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=f"database file or SQLAlchemy URL (default: ${paths.DB_ENV}, "
        "else SQLite in the user data folder)",
    )
    parser.add_argument("--version", action="version", version=VERSION)
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    commands = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=Parser, action=Commands
    )
    for name, summary in COMMANDS:
        commands.add_parser(name, help=summary).command_module = f"interview_kit.cli.{name}"
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (the console script exits with it)."""
    _utf8_safe(sys.stdout)
    _utf8_safe(sys.stderr)
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        if arguments == ["--version"]:
            sys.stdout.write(VERSION + "\n")  # the parser would say the same, slower
            code = int(ExitCode.OK)
        else:
            code = _parse_and_run(arguments)
        sys.stdout.flush()  # here, where a reader that left can still be answered
    except BrokenPipeError:
        # `interview-kit candidate list | head -1`: the reader has what it wanted.
        _discard_stdout()
        return int(ExitCode.OK)
    return code


def _parse_and_run(arguments: list[str]) -> int:
    from interview_kit.cli.parser import UsageError

    parser = build_parser()
    try:
        _require_text(arguments, parser)
        args = parser.parse_args(arguments)
    except UsageError as exc:
        sys.stderr.write(exc.usage)
        sys.stderr.write(f"interview-kit: error: {exc}\n")
        return int(ExitCode.USAGE)
    except SystemExit as exc:  # --help and --version print and exit
        return exc.code if isinstance(exc.code, int) else int(ExitCode.OK)
    return _run(args)


def _require_text(arguments: Sequence[str], parser: Parser) -> None:
    """Refuse an argument that is not text before anything stores or prints it.

    Bytes that are not UTF-8 on the command line reach Python as lone surrogates; they
    cannot be stored, compared with names, or printed.
    """
    from interview_kit.cli.parser import UsageError

    for argument in arguments:
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            try:
                shown = repr(argument.encode("utf-8", "surrogateescape"))[1:]
            except UnicodeEncodeError:
                shown = ascii(argument)
            raise UsageError(
                f"argument {shown} is not valid text (not UTF-8); give names and values in UTF-8",
                parser.format_usage(),
            ) from None


def _run(args: argparse.Namespace) -> int:
    from interview_kit import paths
    from interview_kit.cli.errors import user_errors

    url = paths.database_url(args.db) if args.db else paths.default_database_url()
    ctx = Context(database_url=url)
    handler: Callable[[argparse.Namespace, Context], int] = args.handler
    try:
        with user_errors():
            return int(handler(args, ctx))
    except CliError as error:
        return _report(ctx, error)
    except BrokenPipeError:
        raise  # main's to answer
    except KeyboardInterrupt:
        ctx.warn("interview-kit: interrupted")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        _logger().debug("unexpected error", exc_info=True)
        return _report(
            ctx,
            CliError(
                f"unexpected {type(exc).__name__}: {exc} (run with --debug for the traceback)",
                ExitCode.ERROR,
            ),
        )
    finally:
        _close_quietly(ctx)


def _report(ctx: Context, error: CliError) -> int:
    ctx.warn(f"interview-kit: error: {error.message}")
    for detail in error.details:
        ctx.warn(f"  {detail}")
    return int(error.code)


def _close_quietly(ctx: Context) -> None:
    """Closing must never mask the command's own result."""
    try:
        ctx.close()
    except Exception:
        logger = _logger()  # not a module-level logger: logging is not loaded at start-up
        logger.debug("closing the database failed", exc_info=True)


def _utf8_safe(stream: TextIO) -> None:
    """Names like Łukasz or Юлия must never crash output on a non-UTF-8 console."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding != "utf8" and reconfigure is not None:
        try:  # noqa: SIM105 - contextlib is not loaded at start-up, and need not be
            reconfigure(errors="backslashreplace")
        except (ValueError, OSError, AttributeError):
            pass


def _discard_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush has nowhere to fail."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _logger() -> logging.Logger:
    """Only the rare paths log; importing :mod:`logging` costs every run otherwise."""
    import logging

    return logging.getLogger(__name__)
