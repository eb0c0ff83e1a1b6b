"""The trace's sentences: how the engine says what it found and why it decided.

Every sentence of ``Recommendation.trace`` and ``confidence_reasons`` is worded here
(``docs/engine.md`` quotes them); the rules that choose between them are in
``evaluation``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction

from interview_kit.domain.engine.arithmetic import as_fraction, to_float
from interview_kit.domain.engine.results import (
    Agreement,
    Confidence,
    LevelFinding,
    ObservedItem,
    format_amount,
)
from interview_kit.domain.rubric import Criterion, Rubric, Rules, Stage
from interview_kit.domain.scorecard import BELOW_LADDER
from interview_kit.domain.wording import plural

# -- notes on input the rubric does not know ------------------------------------


def unknown_stages_note(stage_ids: Iterable[str]) -> str:
    return f"Ignored scorecards for stages this rubric does not have: {_quoted(sorted(stage_ids))}."


def unknown_criteria_note(criterion_ids: Iterable[str]) -> str:
    return (
        f"Ignored ratings of criteria their stage does not have: {_quoted(sorted(criterion_ids))}."
    )


def repeated_scorecards_note(uuids: Sequence[str]) -> str:
    return f"Counted once scorecards given more than once: {_quoted(uuids)}."


def unknown_observations_note(item_ids: Iterable[str], *, flags: bool) -> str:
    what = "red flags" if flags else "positive signals"
    return f"Ignored {what} this rubric does not have: {_quoted(sorted(item_ids))}."


def unknown_level_evidence_note(level_ids: Iterable[str]) -> str:
    return (
        f"Ignored level evidence naming levels this rubric does not have: "
        f"{_quoted(sorted(level_ids))}."
    )


def unknown_level_cap_note(level_id: str) -> str:
    return f"Ignored a red-flag level cap naming unknown level '{level_id}'."


# -- score, coverage and red flags ----------------------------------------------


def score_sentence(
    rubric: Rubric,
    score: Fraction | None,
    stage_scores: Mapping[str, Fraction | None],
    scored_cards: Mapping[str, int],
    *,
    several_weights: bool,
) -> str:
    """``scored_cards``: per stage, how many scorecards have a score."""
    if score is None:
        return "No criterion was rated, so there is no candidate score."
    parts = []
    for stage in rubric.stages:
        value = stage_scores[stage.id]
        if value is None:
            continue
        count = scored_cards[stage.id]
        weight = f", weight {rubric.stage_weight(stage.id):g}" if several_weights else ""
        parts.append(f"'{stage.title}' {_fmt(value)} ({plural(count, 'scorecard')}{weight})")
    return f"Candidate score {_fmt(score)}: weighted mean of the stage scores {_join(parts)}."


def evidence_sentences(
    *,
    coverage: Fraction,
    threshold: Fraction,
    required_count: int,
    unrated: Sequence[tuple[Stage, Criterion]],
    missing: Sequence[Stage],
    no_score: bool,
    insufficient: bool,
) -> list[str]:
    """Coverage, missing required stages and an empty rating, in that order.

    ``insufficient``: the evidence decides the outcome (no decisive blocker came first).
    """
    suffix = ": insufficient evidence." if insufficient else "."
    coverage_ok = coverage >= threshold
    rated = required_count - len(unrated)
    covered = (
        f"Coverage {_percent(coverage)}: {rated} of {required_count} required criteria "
        "rated at least once."
    )
    sentences = [covered]
    sentences.extend(
        f"Required stage '{stage.title}' has no submitted scorecard{suffix}" for stage in missing
    )
    if not coverage_ok:
        shown, minimum = _percent_pair(coverage, threshold)
        sentences.append(
            f"Coverage {shown} is below the {minimum} minimum (unrated: "
            f"{_unrated_list(unrated)}){suffix}"
        )
    if no_score and not missing and coverage_ok:
        sentences.append(f"No criterion was rated{suffix}")
    return sentences


def flag_sentences(
    rules: Rules,
    red_flags: Sequence[ObservedItem],
    decisive: Sequence[ObservedItem],
    interviewer_count: int,
) -> list[str]:
    sentences = []
    for flag in red_flags:
        raised = f"raised by {flag.reporters} of {interviewer_count} interviewers"
        if flag in decisive:
            sentences.append(f"Blocker '{flag.label}' {raised}: strong no hire.")
        elif flag.severity == "blocker":
            sentences.append(
                f"Blocker '{flag.label}' {raised} (strong no hire needs "
                f"{rules.blocker_min_reporters}): confidence lowered and level capped at "
                f"{rules.blocker_level_cap}."
            )
        elif flag.reporters >= rules.concern_min_reporters:
            sentences.append(
                f"Concern '{flag.label}' {raised}: confidence lowered and level capped at "
                f"{rules.concern_level_cap}."
            )
        else:
            sentences.append(f"Concern '{flag.label}' {raised}: confidence lowered.")
    return sentences


# -- decision and level ---------------------------------------------------------


def below_strong_no_hire_sentence(score: Fraction, low: Fraction) -> str:
    shown, threshold = _fmt_pair(score, low)
    return f"Candidate score {shown} is below {threshold}: strong no hire."


def below_hire_bar_sentence(score: Fraction, bar: Fraction) -> str:
    shown, threshold = _fmt_pair(score, bar)
    return f"Candidate score {shown} is below the hire bar {threshold}: no hire."


def below_ladder_sentence(rubric: Rubric) -> str:
    return f"Below {rubric.levels[0].id} after capping: no hire."


def strong_hire_sentence(score: Fraction, high: Fraction, level_id: str) -> str:
    shown, threshold = _fmt_pair(score, high)
    return (
        f"Candidate score {shown} reaches {threshold} with no red flag: strong hire at {level_id}."
    )


def flagged_hire_sentence(score: Fraction, high: Fraction, level_id: str) -> str:
    shown, threshold = _fmt_pair(score, high)
    return (
        f"Candidate score {shown} reaches {threshold}, but a red flag was raised: "
        f"hire at {level_id}."
    )


def hire_sentence(score: Fraction, bar: Fraction, level_id: str) -> str:
    shown, threshold = _fmt_pair(score, bar)
    return f"Candidate score {shown} meets the hire bar {threshold}: hire at {level_id}."


def level_sentences(rubric: Rubric, score: Fraction, finding: LevelFinding) -> list[str]:
    levels = rubric.levels

    def words(name: str) -> str:
        return f"below {levels[0].id}" if name == BELOW_LADDER else name

    sentences = []
    if finding.evidence_median is None:
        sentences.append(
            "No interviewer gave level evidence: the score and signal cap alone sets the level."
        )
    else:
        given = ", ".join(words(name) for name in finding.evidence)
        sentences.append(
            f"Level evidence from {plural(len(finding.evidence), 'scorecard')} ({given}): "
            f"lower median {words(finding.evidence_median)}."
        )
    signals = plural(finding.distinct_signals, "distinct positive signal")
    if finding.score_cap is None:
        first = levels[0]
        sentences.append(
            f"Score {_fmt(score)} and {signals} reach no level ({first.id} needs "
            f"{_fmt(as_fraction(first.min_score))} and "
            f"{plural(first.min_positive_signals, 'signal')})."
        )
    else:
        cap_index = rubric.level_index(finding.score_cap)
        if cap_index + 1 < len(levels):
            following = levels[cap_index + 1]
            sentences.append(
                f"Score {_fmt(score)} and {signals} reach {finding.score_cap} "
                f"({following.id} needs {_fmt(as_fraction(following.min_score))} and "
                f"{plural(following.min_positive_signals, 'signal')})."
            )
        else:
            sentences.append(
                f"Score {_fmt(score)} and {signals} reach {finding.score_cap}, the top level."
            )
    if finding.flag_cap is not None:
        flag_index = rubric.level_index(finding.flag_cap)
        others = []
        if finding.score_cap is not None:
            others.append(rubric.level_index(finding.score_cap))
        if finding.evidence_median is not None:
            others.append(
                -1
                if finding.evidence_median == BELOW_LADDER
                else rubric.level_index(finding.evidence_median)
            )
        if others and flag_index < min(others):
            sentences.append(f"Red flags cap the level at {finding.flag_cap}.")
    return sentences


# -- band, agreement and confidence ---------------------------------------------


def band_sentence(
    *,
    level_id: str,
    following_id: str | None,
    low: Fraction,
    high: Fraction,
    raw: Fraction,
    position: Fraction,
    score: Fraction,
    suggested: Fraction,
    currency: str,
) -> str:
    """``following_id``: the next level up, None at the top (``high`` is the ceiling)."""
    upper = (
        f"the {following_id} minimum {_fmt(high)}"
        if following_id is not None
        else f"the {_fmt(high)} ceiling"
    )
    clipped = f" (clipped from {_fmt(raw)})" if raw != position else ""
    return (
        f"Band position {_fmt(position)}{clipped}: score {_fmt(score)} between the "
        f"{level_id} minimum {_fmt(low)} and {upper}; suggested base "
        f"{format_amount(float(suggested))} {currency}."
    )


def panel_split_sentence(agreement: Agreement) -> str:
    return (
        f"Panel split: {agreement.yes_votes} yes-side and {agreement.no_votes} "
        f"no-side recommendations."
    )


def confidence_reasons(
    *,
    insufficient: bool,
    short: Sequence[tuple[Stage, int]],
    needed: int,
    coverage: Fraction,
    wanted: Fraction,
    agreement: Agreement,
    red_flags: Sequence[ObservedItem],
) -> list[str]:
    """One sentence per condition for high confidence that fails.

    ``short``: each required stage with fewer than ``needed`` scorecards, with its count.
    """
    reasons = []
    if insufficient:
        reasons.append("The evidence is insufficient for a recommendation.")
    if short:
        stages = _join([f"'{stage.title}' ({count})" for stage, count in short])
        reasons.append(f"Fewer than {needed} submitted scorecards for {stages}.")
    if coverage < wanted:
        reasons.append(
            f"Coverage {_percent(coverage)} is below the {_percent(wanted)} "
            f"that high confidence needs."
        )
    if agreement.panel_split:
        reasons.append(
            f"The panel is split: {agreement.yes_votes} yes-side and "
            f"{agreement.no_votes} no-side recommendations."
        )
    if red_flags:
        listed = _join(
            [
                f"'{flag.label}' ({flag.severity}, {plural(flag.reporters, 'interviewer')})"
                for flag in red_flags
            ]
        )
        reasons.append(f"Red flags were raised: {listed}.")
    return reasons


def high_confidence_reason(needed: int, coverage: Fraction) -> str:
    return (
        f"Every required stage has {needed} or more submitted scorecards, coverage "
        f"is {_percent(coverage)}, the panel is not split and no red flag was raised."
    )


def confidence_sentence(confidence: Confidence, failing: int, *, insufficient: bool) -> str:
    """``failing``: how many conditions for high confidence fail."""
    if confidence is Confidence.HIGH:
        return "Confidence high: every condition for high confidence holds."
    if insufficient:
        return "Confidence low: the evidence is insufficient for a recommendation."
    return (
        f"Confidence {confidence.value}: {failing} of the 4 conditions for high "
        f"confidence {'fail' if failing > 1 else 'fails'}."
    )


# -- numbers in words -----------------------------------------------------------


def _fmt(value: Fraction | float) -> str:
    return f"{to_float(value) if isinstance(value, Fraction) else value:.2f}"


def _fmt_pair(value: Fraction, threshold: Fraction) -> tuple[str, str]:
    """Both numbers with enough decimals that a reader sees them differ when they do."""
    for digits in range(2, 7):
        shown, limit = f"{float(value):.{digits}f}", f"{float(threshold):.{digits}f}"
        if (shown == limit) == (value == threshold):
            break
    return shown, limit


def _percent(value: Fraction | float) -> str:
    """Whole percents when exact (80%), else one decimal (77.8%)."""
    hundredths = Fraction(value) * 100
    if hundredths.denominator == 1:
        return f"{hundredths.numerator}%"
    return f"{float(hundredths):.1f}%"


def _percent_pair(value: Fraction, threshold: Fraction) -> tuple[str, str]:
    shown, limit = _percent(value), _percent(threshold)
    if shown == limit and value != threshold:
        shown, limit = f"{float(value) * 100:.4f}%", f"{float(threshold) * 100:.4f}%"
    return shown, limit


def _join(parts: Sequence[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _quoted(items: Sequence[str]) -> str:
    return ", ".join(f"'{item}'" for item in items)


def _unrated_list(pairs: Sequence[tuple[Stage, Criterion]], shown: int = 6) -> str:
    names = [f"'{criterion.title}'" for _, criterion in pairs]
    if len(names) > shown:
        return ", ".join(names[:shown]) + f" and {len(names) - shown} more"
    return ", ".join(names)
