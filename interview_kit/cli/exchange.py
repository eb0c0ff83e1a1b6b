"""What ``pack`` and ``bundle`` share: the offline panel's sealed files (docs/exchange.md).

Both export one interviewer's part of the database into a file sealed with the panel
passphrase, and import such a file, or preview it with ``--dry-run``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from interview_kit.cli.base import CliError, Context, ExitCode
from interview_kit.cli.files import input_file, output_file
from interview_kit.cli.parser import Parser

PASSPHRASE_ENV = "INTERVIEW_KIT_PASSPHRASE"  # noqa: S105 - a variable name, not a secret

Handler = Callable[[argparse.Namespace, Context], int]


def add_export_and_import(
    parser: Parser,
    *,
    noun: str,
    suffix: str,
    export_help: str,
    importer: str,
    export: Handler,
    into: Handler,
    export_options: Callable[[argparse.ArgumentParser], None] | None = None,
) -> None:
    """The ``export`` and ``import`` actions of ``pack`` or ``bundle``."""
    actions = parser.add_subparsers(dest=f"{noun}_command", metavar="ACTION", required=True)
    exporting = actions.add_parser("export", help=export_help)
    exporting.add_argument("--interviewer", required=True, metavar="WHO", help="name, e-mail or id")
    exporting.add_argument("--out", required=True, metavar=f"FILE{suffix}")
    exporting.add_argument("--force", action="store_true", help="replace FILE if it exists")
    if export_options is not None:
        export_options(exporting)
    _add_passphrase_option(exporting)
    exporting.set_defaults(handler=export)

    importing = actions.add_parser(
        "import", help=f"merge a {noun} into {importer} database, or preview with --dry-run"
    )
    importing.add_argument("file", metavar=f"FILE{suffix}")
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would change and write nothing"
    )
    importing.add_argument("--json", action="store_true", help="print the changes as JSON")
    importing.add_argument("--verbose", action="store_true", help="list unchanged records too")
    settling = importing.add_mutually_exclusive_group()
    settling.add_argument(
        "--resolve",
        choices=("keep-stored", "take-incoming", "keep-both"),
        help="settle every conflict the same way (else a conflict refuses the whole file)",
    )
    settling.add_argument(
        "--resolutions",
        metavar="FILE.json",
        help="settle conflicts one by one: the --json preview with a resolution per "
        "conflict, or an object of conflict key -> choice",
    )
    _add_passphrase_option(importing)
    importing.set_defaults(handler=into)


def _add_passphrase_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--passphrase-file",
        metavar="FILE",
        help=f"read the panel passphrase from FILE's first line "
        f"(else ${PASSPHRASE_ENV}, else asked for)",
    )


def _passphrase(args: argparse.Namespace, *, confirm: bool) -> str:
    """From ``--passphrase-file``, ``$INTERVIEW_KIT_PASSPHRASE``, or asked for at the
    terminal; never from the command line itself, where other users could read it."""
    if args.passphrase_file:
        path = input_file(args.passphrase_file, "passphrase file")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CliError(
                f"cannot read passphrase file {path}: {exc}", ExitCode.INVALID_INPUT
            ) from None
        if not lines or not lines[0]:
            raise CliError(f"passphrase file {path} is empty", ExitCode.INVALID_INPUT)
        return lines[0]
    from_env = os.environ.get(PASSPHRASE_ENV)
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise CliError(
            f"no passphrase: pass --passphrase-file FILE or set {PASSPHRASE_ENV}", ExitCode.USAGE
        )
    import getpass

    passphrase = getpass.getpass("Panel passphrase: ")
    if confirm and getpass.getpass("Repeat the passphrase: ") != passphrase:
        raise CliError("the two passphrases differ; nothing was written", ExitCode.USAGE)
    return passphrase


def _refusal(exc: Exception) -> CliError:
    """An import refused by the service, with every conflict or problem listed."""
    from interview_kit.services import exchange

    details: Sequence[str] = getattr(exc, "details", ())
    if isinstance(exc, exchange.ImportConflictError):
        return CliError(str(exc), ExitCode.CONFLICT, details)
    if isinstance(exc, exchange.UnknownRubricVersionError):
        return CliError(str(exc), ExitCode.NOT_FOUND, details)
    return CliError(str(exc), ExitCode.INVALID_INPUT, details)


MAX_RESOLUTIONS_FILE = 4 * 1024 * 1024


def _resolutions(args: argparse.Namespace) -> Any:
    """The choices for conflicts: ``--resolve`` for all, ``--resolutions FILE.json`` one
    by one; a malformed file is refused like any other (exit code 3)."""
    from interview_kit.services import exchange

    if args.resolve:
        return exchange.Resolutions(everything=exchange.Resolution(args.resolve))
    if not args.resolutions:
        return exchange.Resolutions()
    path = input_file(args.resolutions, "resolutions file")
    try:
        if path.stat().st_size > MAX_RESOLUTIONS_FILE:
            raise CliError(
                f"resolutions file {path} is too large (at most 4 MB)", ExitCode.INVALID_INPUT
            )
        data = json.loads(path.read_bytes().decode("utf-8"))
        json.dumps(data, ensure_ascii=False).encode("utf-8")  # refuses lone surrogates
    except (OSError, UnicodeError, ValueError, RecursionError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        raise CliError(
            f"resolutions file {path} is not valid JSON text: {reason}", ExitCode.INVALID_INPUT
        ) from None
    return exchange.Resolutions.from_json(data)  # InvalidInputError: exit code 3


def export_sealed(args: argparse.Namespace, ctx: Context, *, pack: bool) -> int:
    from interview_kit.services import exchange

    out = output_file(args.out, force=args.force)
    interviewer = exchange.resolve_interviewer(ctx.database, args.interviewer)
    passphrase = _passphrase(args, confirm=True)
    exchange.check_new_passphrase(passphrase)
    if pack:
        result = exchange.export_panel_pack(
            ctx.database,
            interviewer.uuid,
            out,
            passphrase,
            include_closed=args.include_closed,
            overwrite=args.force,
        )
        if not result.assignments:
            ctx.warn(f"note: {interviewer.name} has no assignments to open candidates yet")
    else:
        result = exchange.export_scorecard_bundle(
            ctx.database, interviewer.uuid, out, passphrase, overwrite=args.force
        )
        if not result.scorecards:
            ctx.warn(f"note: {interviewer.name} has no submitted scorecards yet")
    ctx.print(result.describe())
    return ExitCode.OK


def import_sealed(args: argparse.Namespace, ctx: Context, *, pack: bool) -> int:
    from interview_kit.services import exchange

    path = input_file(args.file, "pack" if pack else "bundle")
    resolutions = _resolutions(args)
    passphrase = _passphrase(args, confirm=False)
    kind = exchange.FileKind.PANEL_PACK if pack else exchange.FileKind.SCORECARD_BUNDLE
    try:
        opened = exchange.open_exchange_file(path, passphrase, expected=kind)
        plan = exchange.preview_import(ctx.database, opened, resolutions)
        if args.dry_run:
            applied = False
            exchange.refuse_unless_clean(plan)
        else:
            plan = exchange.apply_import(ctx.database, opened, resolutions=resolutions)
            applied = True
    except exchange.ImportRefusedError as exc:
        if args.json:
            ctx.print_json(exchange.plan_json(exc.plan, applied=False))
        raise _refusal(exc) from None
    except exchange.ExchangeError as exc:
        raise CliError(str(exc), ExitCode.INVALID_INPUT, exc.details) from None
    if args.json:
        ctx.print_json(exchange.plan_json(plan, applied=applied))
        return ExitCode.OK
    lines = exchange.describe_plan(plan, verbose=args.verbose)
    ctx.print(lines[0])
    ctx.print(("Dry run, nothing written. " if args.dry_run else "") + lines[1])
    for line in lines[2:]:
        ctx.print(line)
    return ExitCode.OK
