"""``interview-kit packet``: the committee's hiring packet, a PDF (docs/packet.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from interview_kit.cli.base import CliError, Context, ExitCode
from interview_kit.cli.files import output_file
from interview_kit.cli.parser import Parser
from interview_kit.domain.wording import plural


def register(parser: Parser) -> None:
    parser.add_argument(
        "candidate", metavar="CANDIDATE", nargs="?", help="uuid, uuid prefix, e-mail or name"
    )
    parser.add_argument("--all", action="store_true", help="every candidate, one file each")
    parser.add_argument(
        "--out", required=True, metavar="FILE|DIR", help="the PDF, or the folder with --all"
    )
    parser.add_argument(
        "--anonymise",
        "--anonymize",
        dest="anonymise",
        action="store_true",
        help="blind review: a pseudonym for the candidate, interviewers by role",
    )
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.set_defaults(handler=cmd_packet)


def cmd_packet(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, packets

    if args.all == bool(args.candidate):
        raise CliError("give one CANDIDATE or --all", ExitCode.USAGE)
    if args.all:
        out_dir = Path(args.out).expanduser()
        if out_dir.exists() and not out_dir.is_dir():
            raise CliError(
                f"cannot write packets into {args.out}: is a file", ExitCode.INVALID_INPUT
            )
        result = packets.write_packets(
            ctx.database,
            out_dir,
            anonymise=args.anonymise,
            progress=lambda done, total, path: ctx.print(f"[{done}/{total}] {path}"),
        )
        for who, problem in result.failed:
            ctx.warn(f"not written: {who}: {problem}")
        ctx.print(f"Wrote {plural(len(result.written), 'packet')} to {out_dir}")
        return ExitCode.ERROR if result.failed else ExitCode.OK
    record = candidates.resolve_candidate(ctx.database, args.candidate)
    out = output_file(args.out, force=args.force)
    data = packets.write_packet(ctx.database, record.uuid, out, anonymise=args.anonymise)
    level = f" at {data.level_id}" if data.level_id else ""
    ctx.print(f"Wrote the packet for {data.candidate_name} ({data.decision}{level}) to {out}")
    return ExitCode.OK
