"""``interview-kit scorecard``: scorecard JSON files in and out (docs/scorecard-format.md)."""

from __future__ import annotations

import argparse

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.files import input_file, output_file
from interview_kit.cli.parser import Parser
from interview_kit.domain.wording import plural


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="scorecard_command", metavar="ACTION", required=True)

    imports = actions.add_parser(
        "import", help="import a scorecard JSON file (all or nothing; repeating it changes nothing)"
    )
    imports.add_argument("file", help="scorecard JSON file")
    imports.set_defaults(handler=cmd_scorecard_import)

    external = actions.add_parser(
        "import-external",
        help="import Greenhouse scorecards or Lever feedback through a mapping file "
        "(docs/external-scorecards.md)",
    )
    external.add_argument("file", help="the other system's export (JSON)")
    external.add_argument(
        "--from", dest="source", required=True, choices=("greenhouse", "lever"),
        help="which system the file came from",
    )  # fmt: skip
    external.add_argument(
        "--mapping", required=True, metavar="MAP.toml",
        help="which attribute is which criterion, rating words, candidates and stages",
    )  # fmt: skip
    external.add_argument(
        "--dry-run", action="store_true", help="check everything and show what would be imported"
    )
    external.set_defaults(handler=cmd_scorecard_import_external)

    export = actions.add_parser("export", help="write submitted scorecards to a JSON file")
    export.add_argument("--candidate", metavar="CANDIDATE", help="only this candidate's")
    export.add_argument("--out", required=True, metavar="FILE", help="file to write, - for stdout")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_scorecard_export)


def cmd_scorecard_import(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import scorecard_files

    path = input_file(args.file, "scorecard file")
    result = scorecard_files.import_scorecards(ctx.database, path)
    if not result.changed_anything:
        ctx.print(
            f"{args.file}: nothing new; {plural(result.unchanged, 'scorecard')} already stored "
            "with the same content."
        )
        return ExitCode.OK
    parts = [f"{plural(result.added, 'scorecard')} added"]
    if result.amendments_added:
        parts.append(f"{plural(result.amendments_added, 'amendment')} added")
    if result.interviewers_added:
        parts.append(f"{plural(result.interviewers_added, 'interviewer')} added")
    if result.unchanged:
        parts.append(f"{result.unchanged} unchanged")
    ctx.print(
        f"Imported {args.file}: {', '.join(parts)}; "
        f"{plural(len(result.candidate_uuids), 'candidate')} updated."
    )
    return ExitCode.OK


def cmd_scorecard_import_external(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.cli.base import CliError
    from interview_kit.services import external_scorecards

    input_file(args.file, "export file")
    input_file(args.mapping, "mapping file")
    try:
        result = external_scorecards.import_external(
            ctx.database, args.file, args.source, args.mapping, dry_run=args.dry_run
        )
    except external_scorecards.ExternalImportError as exc:
        raise CliError(
            exc.headline, ExitCode.INVALID_INPUT, [str(p) for p in exc.problems]
        ) from exc
    label = result.source.label
    for card in result.scorecards:
        state = (
            "already imported"
            if card.already_imported
            else ("would be added" if result.dry_run else "added")
        )
        ctx.print(
            f"{label} {card.external_id}: {card.candidate_name}, {card.stage_id}, "
            f"by {card.interviewer_name}, {plural(card.ratings, 'rating')}: {state}"
        )
    for unknown in result.ignored:
        ctx.warn(
            f"ignored {unknown.kind.value} {unknown.name!r} (not in the mapping): {unknown.where}"
        )
    verb = "Would import" if result.dry_run else "Imported"
    parts = [f"{plural(result.added, 'scorecard')} new", f"{result.unchanged} already imported"]
    if result.interviewers_added:
        parts.append(f"{plural(result.interviewers_added, 'interviewer')} new")
    if result.ignored:
        parts.append(f"{len(result.ignored)} ignored name(s)")
    tail = " Nothing was written (dry run)." if result.dry_run else ""
    ctx.print(f"{verb} {args.file}: {', '.join(parts)}.{tail}")
    return ExitCode.OK


def cmd_scorecard_export(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, scorecard_files

    to_stdout = args.out == "-"
    out = None if to_stdout else output_file(args.out, force=args.force)
    selected = None
    if args.candidate is not None:
        selected = [candidates.resolve_candidate(ctx.database, args.candidate).uuid]
    if out is None:
        ctx.print_json(scorecard_files.scorecards_document(ctx.database, candidate_uuids=selected))
        return ExitCode.OK
    count = scorecard_files.export_scorecards(
        ctx.database, out, candidate_uuids=selected, overwrite=args.force
    )
    ctx.print(f"Wrote {plural(count, 'submitted scorecard')} to {args.out}")
    return ExitCode.OK
