"""``interview-kit rubric``: validate a rubric file; import, export and show stored versions.

``rubric validate`` needs no database: it loads the rubric model only.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.files import input_file, output_file, write_text
from interview_kit.cli.parser import Parser, count
from interview_kit.domain.wording import plural

if TYPE_CHECKING:
    from interview_kit.domain.rubric import Rubric
    from interview_kit.services.rubrics import LoadedRubric


def register(parser: Parser) -> None:
    actions = parser.add_subparsers(dest="rubric_command", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help="check a rubric file and list every problem")
    validate.add_argument("file", help="rubric TOML file")
    validate.set_defaults(handler=cmd_rubric_validate)

    imports = actions.add_parser(
        "import", help="store a rubric file as a new version (nothing changes if identical)"
    )
    imports.add_argument("file", help="rubric TOML file")
    imports.set_defaults(handler=cmd_rubric_import)

    export = actions.add_parser("export", help="write a stored rubric version as TOML")
    _add_rubric_selection(export)
    export.add_argument("--out", required=True, metavar="FILE", help="file to write, - for stdout")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=cmd_rubric_export)

    show = actions.add_parser("show", help="describe a stored rubric version")
    _add_rubric_selection(show)
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_rubric_show)


def _add_rubric_selection(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rubric", metavar="ID", help="rubric id (default: the first rubric stored)"
    )
    parser.add_argument(
        "--version", type=count, metavar="N", help="version number (default: the active one)"
    )


def cmd_rubric_validate(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.domain.rubric import load_rubric

    rubric = load_rubric(input_file(args.file, "rubric"))
    criteria = sum(len(stage.criteria) for stage in rubric.stages)
    ctx.print(
        f"{args.file}: valid rubric {rubric.id!r} ({rubric.name}): "
        f"{plural(len(rubric.stages), 'stage')}, "
        f"{criteria} {'criterion' if criteria == 1 else 'criteria'}, "
        f"{plural(len(rubric.signals), 'signal')}, "
        f"{plural(len(rubric.red_flags), 'red flag')}, {plural(len(rubric.levels), 'level')}"
        + _self_identification_count(rubric)
    )
    return ExitCode.OK


def _self_identification_count(rubric: Rubric) -> str:
    if not rubric.self_identification:
        return ""
    return f", {plural(len(rubric.self_identification), 'self-identification question')}"


def cmd_rubric_import(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.domain.rubric import load_rubric
    from interview_kit.services import rubrics

    path = input_file(args.file, "rubric")
    rubric = load_rubric(path)  # every problem listed before the database is touched
    active_before = {info.rubric_id: info.version for info in rubrics.list_rubrics(ctx.database)}
    saved = rubrics.import_rubric_file(ctx.database, path)
    info = saved.info
    if saved.created:
        ctx.print(
            f"Imported rubric {info.rubric_id!r} as version {info.version} "
            f"(content {info.content_hash[:12]}); it is now the active version."
        )
    elif active_before.get(rubric.id) == info.version:
        ctx.print(
            f"Rubric {info.rubric_id!r} unchanged: the file has the same content as version "
            f"{info.version} (content {info.content_hash[:12]}), the active version."
        )
    else:
        ctx.print(
            f"Rubric {info.rubric_id!r}: the file has the same content as stored version "
            f"{info.version} (content {info.content_hash[:12]}), active again; nothing new "
            "was stored."
        )
    if saved.moved_candidates:
        ctx.print(
            f"{plural(len(saved.moved_candidates), 'open candidate')} without submitted "
            f"scorecards moved onto version {info.version}."
        )
    return ExitCode.OK


def _selected_rubric(ctx: Context, args: argparse.Namespace) -> LoadedRubric:
    from interview_kit.services import rubrics

    if args.version is None:
        return rubrics.active_rubric(ctx.database, args.rubric)
    rubric_id = args.rubric
    if rubric_id is None:
        rubric_id = rubrics.active_rubric(ctx.database).info.rubric_id
    return rubrics.rubric_version(ctx.database, rubric_id, args.version)


def cmd_rubric_export(args: argparse.Namespace, ctx: Context) -> int:
    to_stdout = args.out == "-"
    out = None if to_stdout else output_file(args.out, force=args.force)
    loaded = _selected_rubric(ctx, args)
    if out is None:
        ctx.out.write(loaded.text if loaded.text.endswith("\n") else loaded.text + "\n")
        return ExitCode.OK
    write_text(out, loaded.text)
    info = loaded.info
    ctx.print(f"Wrote rubric {info.rubric_id!r} version {info.version} to {args.out}")
    return ExitCode.OK


def cmd_rubric_show(args: argparse.Namespace, ctx: Context) -> int:
    loaded = _selected_rubric(ctx, args)
    info, rubric = loaded.info, loaded.rubric
    if args.json:
        ctx.print_json(
            {
                "rubric_id": info.rubric_id,
                "version": info.version,
                "active": info.is_active,
                "content_hash": info.content_hash,
                "created_at": info.created_at,
                "created_by": info.created_by,
                "rubric": rubric.to_data(),
            }
        )
        return ExitCode.OK
    state = "active" if info.is_active else f"not active (version {info.active_version} is)"
    ctx.print(f"{rubric.name} — rubric {info.rubric_id!r} version {info.version}, {state}")
    ctx.print(f"Role: {rubric.role_title}")
    if rubric.alternative_titles:
        ctx.print(f"Also called: {', '.join(rubric.alternative_titles)}")
    ctx.print(f"Content hash: {info.content_hash}")
    for stage in rubric.stages:
        required = "" if stage.required else ", optional"
        ctx.print()
        ctx.print(
            f"Stage {stage.number}: {stage.title} ({stage.id}, {stage.duration_minutes} min, "
            f"weight {rubric.stage_weight(stage.id):g}{required})"
        )
        for exercise in stage.exercises:
            ctx.print(f"  exercise  {exercise.title} ({exercise.minutes} min)")
        for criterion in stage.criteria:
            ctx.print(
                f"  criterion {criterion.title} ({criterion.id}, weight {criterion.weight:g})"
            )
    ctx.print()
    ctx.print("Positive signals:")
    for signal in rubric.signals:
        ctx.print(f"  {signal.label} ({signal.id})")
    ctx.print("Red flags:")
    for flag in rubric.red_flags:
        ctx.print(f"  {flag.label} ({flag.id}, {flag.severity})")
    ctx.print("Levels:")
    for level in rubric.levels:
        band = level.band
        ctx.print(
            f"  {level.id} {level.title}: min score {level.min_score:g}, "
            f"{plural(level.min_positive_signals, 'signal')}; base {band.base_min:,.0f}–"
            f"{band.base_max:,.0f} {band.currency} (mid {band.base_mid:,.0f})"
        )
    rules = rubric.rules
    ctx.print(
        f"Rules: hire bar {rules.hire_bar:g}, strong no hire below {rules.strong_no_hire_below:g}, "
        f"strong hire at {rules.strong_hire_at:g}, blocker reporters "
        f"{rules.blocker_min_reporters}, concern cap {rules.concern_level_cap}, coverage "
        f"threshold {rules.coverage_threshold:.0%}"
    )
    source = "this rubric's own" if rubric.self_identification else "the default EEO questions"
    ctx.print(f"Self-identification ({source}):")
    for question in rubric.self_identification_questions():
        answers = ", ".join(category.label for category in question.categories)
        ctx.print(f"  {question.label} ({question.id}): {answers}")
    return ExitCode.OK
