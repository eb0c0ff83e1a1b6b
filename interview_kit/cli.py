"""``interview-kit``: the services of the app, headless.

Every subcommand is one ``cmd_*`` function taking the parsed arguments and a
:class:`Context`; each is registered by one ``_register_*`` function listed in
:data:`REGISTRARS`. A command reports a user's mistake by raising :class:`CliError`
(or a service error that :func:`main` maps to an exit code); nothing a user can cause
ends in a traceback. Exit codes are the :class:`ExitCode` values, documented in
``docs/cli.md``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from interview_kit import __version__, paths

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric

logger = logging.getLogger(__name__)


class ExitCode(IntEnum):
    """What a run of ``interview-kit`` ended with (see ``docs/cli.md``)."""

    OK = 0
    ERROR = 1
    """An unexpected failure: a bug, reported in one line (``--debug`` shows the traceback)."""
    USAGE = 2
    """Bad command line: unknown command or option, missing or malformed argument."""
    INVALID_INPUT = 3
    """A file given to the command is malformed: rubric, scorecard JSON, backup target."""
    NOT_FOUND = 4
    """A named thing does not exist: file, candidate, rubric version."""
    CONFLICT = 5
    """The request contradicts what is stored: ambiguous match, duplicate, non-empty database."""
    DATABASE = 6
    """The database cannot be used: bad URL, unreadable or corrupt file, locked, server down."""


class CliError(Exception):
    """A failure the user can act on: one line, or a headline and a list of details."""

    def __init__(self, message: str, code: ExitCode = ExitCode.ERROR, details: Sequence[str] = ()):
        super().__init__(message)
        self.message = message
        self.code = code
        self.details = tuple(details)


class _UsageError(Exception):
    def __init__(self, message: str, usage: str) -> None:
        super().__init__(message)
        self.usage = usage


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises instead of exiting, so ``main(argv)`` always returns."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(message, self.format_usage())

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise SystemExit(status)


# ---------------------------------------------------------------------------------------
# Context shared by the commands


@dataclass
class Context:
    """What every command needs: where the database is, and where to write."""

    database_url: str
    out: TextIO = field(default_factory=lambda: sys.stdout)
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _database: Any = None

    def print(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def print_json(self, data: Any) -> None:
        self.out.write(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n")

    def warn(self, text: str) -> None:
        self.err.write(text + "\n")

    @property
    def database(self) -> Any:
        """The opened (and migrated) database, on first use only: ``--version`` and
        ``rubric validate`` never touch it."""
        if self._database is None:
            from interview_kit.storage import open_database

            self._database = open_database(self.database_url)
        return self._database

    def close(self) -> None:
        if self._database is not None:
            self._database.close()
            self._database = None


# ---------------------------------------------------------------------------------------
# Helpers


def _read_file_check(path: Path, what: str) -> None:
    """A clear NOT_FOUND for a missing input file, before any service sees it."""
    if not path.exists():
        raise CliError(f"{what} {path}: no such file", ExitCode.NOT_FOUND)
    if path.is_dir():
        raise CliError(f"{what} {path}: is a folder, not a file", ExitCode.INVALID_INPUT)


def _check_output(path: Path) -> None:
    parent = path.expanduser().resolve().parent
    if not parent.is_dir():
        raise CliError(f"cannot write {path}: folder {parent} does not exist", ExitCode.NOT_FOUND)
    if path.is_dir():
        raise CliError(f"cannot write {path}: is a folder", ExitCode.INVALID_INPUT)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must not be negative, got {value}")
    return value


def _load_rubric_or_fail(path: Path) -> Rubric:
    from interview_kit.domain.rubric import RubricError, load_rubric

    _read_file_check(path, "rubric")
    try:
        return load_rubric(path)
    except RubricError as exc:
        count = len(exc.issues)
        raise CliError(
            f"{path}: {count} problem{'s' if count != 1 else ''} in the rubric",
            ExitCode.INVALID_INPUT,
            [issue.format(str(path)) for issue in exc.issues],
        ) from None


# ---------------------------------------------------------------------------------------
# rubric


def cmd_rubric_validate(args: argparse.Namespace, ctx: Context) -> int:
    path = Path(args.file)
    rubric = _load_rubric_or_fail(path)
    criteria = sum(len(stage.criteria) for stage in rubric.stages)
    ctx.print(
        f"{path}: valid rubric {rubric.name!r} ({len(rubric.stages)} stages, {criteria} criteria, "
        f"{len(rubric.signals)} signals, {len(rubric.red_flags)} red flags, "
        f"{len(rubric.levels)} levels)"
    )
    return ExitCode.OK


def _register_rubric(sub: _Subparsers) -> None:
    rubric = sub.add_parser("rubric", help="validate, import, export and show rubrics")
    rsub = rubric.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)

    validate = rsub.add_parser("validate", help="check a rubric file and list every problem")
    validate.add_argument("file", help="rubric TOML file")
    validate.set_defaults(handler=cmd_rubric_validate)


# ---------------------------------------------------------------------------------------
# Registration: one function per command, listed here.

if TYPE_CHECKING:
    _Subparsers = argparse._SubParsersAction[_Parser]
else:
    _Subparsers = argparse._SubParsersAction

Registrar = Callable[["_Subparsers"], None]

REGISTRARS: list[Registrar] = [
    _register_rubric,
]


def build_parser() -> _Parser:
    parser = _Parser(
        prog="interview-kit",
        description="Interview Kit: structured interview panels for hiring Builders.",
        epilog="Exit codes: 0 ok, 1 unexpected error, 2 usage, 3 invalid input file, "
        "4 not found, 5 conflict, 6 database error. See docs/cli.md.",
    )
    parser.add_argument(
        "--db",
        metavar="PATH|URL",
        help=f"database file or SQLAlchemy URL (default: ${paths.DB_ENV}, "
        "else SQLite in the user data folder)",
    )
    parser.add_argument("--version", action="version", version=f"interview-kit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of unexpected errors")
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )
    for register in REGISTRARS:
        register(sub)
    return parser


# ---------------------------------------------------------------------------------------
# Entry point


def _utf8_safe(stream: TextIO) -> None:
    """Names like Łukasz or Юлия must never crash output on a non-UTF-8 console."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
    reconfigure = getattr(stream, "reconfigure", None)
    if encoding != "utf8" and reconfigure is not None:
        with suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")


def _report(ctx: Context, error: CliError) -> int:
    ctx.warn(f"interview-kit: error: {error.message}")
    for detail in error.details:
        ctx.warn(f"  {detail}")
    return int(error.code)


@contextmanager
def _translated_errors() -> Iterator[None]:
    """Turn the errors of lower layers into :class:`CliError` with the right exit code."""
    try:
        yield
    except CliError:
        raise
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except Exception as exc:
        translated = _translate(exc)
        if translated is None:
            raise
        raise translated from exc


def _translate(exc: Exception) -> CliError | None:
    """Map a service, storage or library error to a user-facing one, or ``None`` (a bug)."""
    translators = _error_translators()
    for kind, make in translators:
        if isinstance(exc, kind):
            return make(exc)
    return None


def _error_translators() -> list[tuple[type[Exception], Callable[[Any], CliError]]]:
    found: list[tuple[type[Exception], Callable[[Any], CliError]]] = []
    from interview_kit.domain.rubric import RubricError

    def rubric_error(exc: RubricError) -> CliError:
        return CliError(
            f"{exc.source}: {len(exc.issues)} problem(s) in the rubric",
            ExitCode.INVALID_INPUT,
            [issue.format(exc.source) for issue in exc.issues],
        )

    found.append((RubricError, rubric_error))
    try:
        from sqlalchemy import exc as sa_exc
    except ImportError:  # pragma: no cover - a hard dependency
        return found

    def database_error(exc: Exception) -> CliError:
        return CliError(_database_message(exc), ExitCode.DATABASE)

    found.append((sa_exc.ArgumentError, database_error))
    found.append((sa_exc.NoSuchModuleError, database_error))
    found.append((sa_exc.OperationalError, database_error))
    found.append((sa_exc.DatabaseError, database_error))
    found.append((sa_exc.InterfaceError, database_error))
    return found


def _database_message(exc: Exception) -> str:
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc).strip().splitlines()[0]
    lowered = text.lower()
    if "locked" in lowered or "busy" in lowered:
        return f"the database is locked by another program; try again ({text})"
    if "not a database" in lowered or "malformed" in lowered:
        return f"the database file is damaged or not an Interview Kit database ({text})"
    if "unable to open" in lowered:
        return f"cannot open the database file ({text})"
    return f"database error: {text}"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit code (the console script exits with it)."""
    _utf8_safe(sys.stdout)
    _utf8_safe(sys.stderr)
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except _UsageError as exc:
        sys.stderr.write(exc.usage)
        sys.stderr.write(f"interview-kit: error: {exc}\n")
        return int(ExitCode.USAGE)
    except SystemExit as exc:  # --help, --version
        return int(exc.code or 0) if isinstance(exc.code, int) else 0

    url = paths.database_url(args.db) if args.db else paths.default_database_url()
    ctx = Context(database_url=url)
    handler: Callable[[argparse.Namespace, Context], int] = args.handler
    try:
        with _translated_errors():
            return int(handler(args, ctx))
    except CliError as error:
        return _report(ctx, error)
    except BrokenPipeError:
        # `interview-kit candidate list | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return int(ExitCode.OK)
    except KeyboardInterrupt:
        ctx.warn("interview-kit: interrupted")
        return 130
    except Exception as exc:
        if args.debug:
            raise
        return _report(
            ctx,
            CliError(
                f"unexpected {type(exc).__name__}: {exc} (run with --debug for details)",
                ExitCode.ERROR,
            ),
        )
    finally:
        _close_quietly(ctx)


def _close_quietly(ctx: Context) -> None:
    """Closing must never mask the command's own result."""
    try:
        ctx.close()
    except Exception:
        logger.debug("closing the database failed", exc_info=True)


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
