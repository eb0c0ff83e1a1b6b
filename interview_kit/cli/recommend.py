"""``interview-kit recommend``: the engine's recommendation for a candidate, with its reasons."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from interview_kit.cli.base import Context, ExitCode
from interview_kit.cli.parser import Parser
from interview_kit.cli.text import score_text
from interview_kit.domain.wording import plural

if TYPE_CHECKING:
    from interview_kit.services.panel_review import PanelReview


def register(parser: Parser) -> None:
    parser.add_argument("candidate", metavar="CANDIDATE", help="uuid, uuid prefix, e-mail or name")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_recommend)


def cmd_recommend(args: argparse.Namespace, ctx: Context) -> int:
    from interview_kit.services import candidates, panel_review

    record = candidates.resolve_candidate(ctx.database, args.candidate)
    review = panel_review.panel_review(ctx.database, record.uuid)
    result = review.recommendation
    if args.json:
        data = {"candidate": {"uuid": record.uuid, "name": record.name}}
        data.update(result.to_json())
        ctx.print_json(data)
        return ExitCode.OK
    for line in _recommendation_lines(record.name, review):
        ctx.print(line)
    return ExitCode.OK


def _recommendation_lines(name: str, review: PanelReview) -> list[str]:
    from interview_kit.domain.engine import format_amount

    result = review.recommendation
    headline = f"{name}: {result.decision.label}"
    if result.level is not None:
        headline += f" at {result.level} ({result.level_title})"
    lines = [headline]
    score = "no score" if result.candidate_score is None else f"score {result.candidate_score:.2f}"
    lines.append(
        f"  {score}, coverage {result.coverage:.0%}, confidence {result.confidence.value}"
        f" (rubric {review.rubric_info.rubric_id} v{review.rubric_info.version})"
    )
    stage_parts = [
        f"{stage.title} {score_text(stage.score)} ({plural(stage.scorecard_count, 'scorecard')})"
        for stage in result.stages
    ]
    lines.append("  stages: " + "; ".join(stage_parts))
    band = result.band
    if band is not None:
        lines.append(
            f"  band {band.level_id}: {format_amount(band.base_min)}–{format_amount(band.base_max)}"
            f" {band.currency} (mid {format_amount(band.base_mid)}), position "
            f"{band.position:.2f}, suggested base {format_amount(band.suggested_base)} "
            f"{band.currency}; equity {band.equity_text}; learning budget "
            f"{format_amount(band.learning_budget)} {band.currency}"
        )
    agreement = result.agreement
    alpha = "undefined" if agreement.alpha is None else f"{agreement.alpha:.2f}"
    split = "split panel" if agreement.panel_split else "no split"
    spread = ", ".join(c.title for c in agreement.spread_criteria) or "none"
    lines.append(f"  agreement: {split}, alpha {alpha}; ratings 2+ apart on: {spread}")
    lines.extend(f"  confidence: {reason}" for reason in result.confidence_reasons)
    for flag in result.red_flags:
        who = ", ".join(flag.interviewer_names)
        lines.append(f"  red flag ({flag.severity}): {flag.label}, raised by {who}")
    if result.positive_signals:
        signals = ", ".join(f"{item.label} ({item.reporters})" for item in result.positive_signals)
        lines.append(f"  positive signals: {signals}")
    if review.pending:
        waiting = ", ".join(
            f"{sheet.interviewer_name} ({sheet.stage_id}, {sheet.status})"
            for sheet in review.pending
        )
        lines.append(f"  waiting for: {waiting}")
    if review.decision is not None:
        decision = review.decision
        level = f" at {decision.level}" if decision.level else ""
        lines.append(f"  committee decision: {decision.decision.replace('_', ' ')}{level}")
    lines.append("Why:")
    lines.extend(f"  {number}. {sentence}" for number, sentence in enumerate(result.trace, 1))
    return lines
