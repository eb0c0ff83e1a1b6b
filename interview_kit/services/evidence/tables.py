"""The evidence views as display-ready tables: what the command line prints, the app's
Insights tabs list and the hiring-quality report lays out — one wording for all three.

Every figure stands beside the count behind it, and every table carries its caveats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from interview_kit.domain.self_identification import Question
from interview_kit.domain.validity import FEWEST_FOR_A_CORRELATION
from interview_kit.domain.wording import plural
from interview_kit.reports.quality_data import FigureTable, QualityReportData, Section
from interview_kit.services.evidence.access import may_see_adverse_impact
from interview_kit.services.evidence.adverse_impact import NO_ANSWER, AdverseImpactReport
from interview_kit.services.evidence.debrief import OverridesReport
from interview_kit.services.evidence.drift import DriftReport
from interview_kit.services.evidence.records import Checkpoint
from interview_kit.services.evidence.reliability import ReliabilityReport
from interview_kit.services.evidence.validity import OUTCOMES, ValidityReport
from interview_kit.storage.database import Database
from interview_kit.storage.tables import utc_now

DASH = "—"

OUTCOME_LABELS = {
    "performance": "Performance (1-4)",
    "still_employed": "Still employed",
    "would_hire_again": "Would hire again",
    "level_now": "Level now",
}


def number(value: float | None, digits: int = 2, *, signed: bool = False) -> str:
    if value is None:
        return DASH
    text = f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"
    return text.replace("-", "−")


def percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:.0f}%"


def p_text(value: float | None) -> str:
    if value is None:
        return DASH
    return "< .001" if value < 0.001 else f"{value:.3f}".lstrip("0")


# ---------------------------------------------------------------------------------------
# Reliability


def reliability_section(report: ReliabilityReport) -> Section:
    tables = []
    for stage in report.stages:
        rows: list[tuple[str, ...]] = []
        flagged: list[int] = []
        for c in stage.criteria:
            if c.routinely_single_rated:
                flagged.append(len(rows))
            needed = dict(c.plan.needed) if c.plan is not None else {}
            rows.append(
                (
                    c.title,
                    str(c.cases),
                    number(c.mean_raters, 1),
                    f"{number(c.alpha)} ({c.alpha_cases})",
                    number(c.icc.single if c.icc else None),
                    number(c.plan.current if c.plan else None),
                    _needed(needed.get(0.7), c.plan is not None),
                    _needed(needed.get(0.8), c.plan is not None),
                    "rated by one interviewer " + percent(c.single_share) + " of the time"
                    if c.routinely_single_rated
                    else "",
                )
            )
        needed_stage = dict(stage.plan.needed) if stage.plan is not None else {}
        rows.append(
            (
                "Stage score",
                str(stage.icc.targets if stage.icc else 0),
                number(stage.mean_raters, 1),
                f"{number(stage.alpha)} ({stage.alpha_cases})",
                number(stage.icc.single if stage.icc else None),
                number(stage.plan.current if stage.plan else None),
                _needed(needed_stage.get(0.7), stage.plan is not None),
                _needed(needed_stage.get(0.8), stage.plan is not None),
                "the mean of each interviewer's ratings",
            )
        )
        tables.append(
            FigureTable(
                title=stage.title,
                headers=(
                    "Criterion",
                    "Cases",
                    "Raters",
                    "Alpha (cases)",
                    "ICC one",
                    "Now",
                    "For .70",
                    "For .80",
                    "Note",
                ),
                rows=tuple(rows),
                flagged_rows=tuple(flagged),
            )
        )
    warnings = tuple(
        f"{c.title} ({c.stage_id}) is rated by one interviewer in "
        f"{percent(c.single_share)} of its {c.cases} cases: its reliability rests on "
        "the few cases with a second rater"
        for c in report.warnings
    )
    return Section(
        id="reliability",
        title="Reliability planner",
        intro=(
            "How far interviewers agree, over every submitted scorecard. Cases: candidates "
            "rated on the criterion; alpha is Krippendorff's (ordinal) over the cases with "
            "two or more raters; ICC one is the reliability of a single interviewer's "
            "rating (ICC(1), one-way), Now its Spearman–Brown value at the current number "
            "of raters, and For .70 / For .80 the interviewers a stage needs to reach them."
        ),
        tables=tuple(tables),
        warnings=warnings,
    )


def _needed(count: int | None, planned: bool) -> str:
    if not planned:
        return DASH
    return "not reachable" if count is None else str(count)


# ---------------------------------------------------------------------------------------
# Validity


def validity_section(report: ValidityReport) -> Section:
    titles = {p.id: p.title for p in report.predictors}
    tables = []
    for point in report.checkpoints:
        rows: list[tuple[str, ...]] = []
        flagged: list[int] = []
        notes: set[str] = set()
        shown_predictor = ""
        for found in report.for_checkpoint(point):
            if found.count == 0:
                continue
            caveats = "; ".join(c.value.replace("_", " ") for c in found.caveats)
            notes.update(c.text for c in found.caveats)
            pearson = found.pearson
            interval = (
                f"[{number(pearson.low)}, {number(pearson.high)}]"
                if pearson.low is not None
                else DASH
            )
            if found.count < report.min_cases:
                flagged.append(len(rows))
            title = titles.get(found.predictor, found.predictor)
            rows.append(
                (
                    "" if rows and shown_predictor == title else title,
                    OUTCOME_LABELS.get(found.outcome, found.outcome),
                    str(found.count),
                    number(pearson.r),
                    interval,
                    number(found.spearman.r),
                    number(found.corrected),
                    p_text(pearson.p_value),
                    caveats,
                )
            )
            shown_predictor = title
        hires = report.hires_with_outcomes.get(point, 0)
        empty_text = "No outcomes recorded at this checkpoint yet."
        if 0 < hires < FEWEST_FOR_A_CORRELATION:
            # Rows of dashes say nothing: say why there is nothing yet.
            rows, flagged, notes = [], [], set()
            empty_text = (
                f"Only {plural(hires, 'hire')} with an outcome here: a correlation needs "
                f"at least {FEWEST_FOR_A_CORRELATION}, and under {report.min_cases} it is "
                "too uncertain to act on."
            )
        tables.append(
            FigureTable(
                title=f"{Checkpoint(point).label}: {plural(hires, 'hire')} with an outcome",
                headers=(
                    "Predictor",
                    "Outcome",
                    "n",
                    "r",
                    "95% interval",
                    "rho",
                    "Corrected r",
                    "p",
                    "Caveats",
                ),
                rows=tuple(rows),
                notes=tuple(sorted(notes)),
                flagged_rows=tuple(flagged),
                empty_text=empty_text,
            )
        )
    return Section(
        id="validity",
        title="Outcomes and validity",
        intro=(
            "Which scores predicted how hires turned out. r is Pearson's correlation among "
            "hires with its 95% interval, rho Spearman's, Corrected r Pearson's corrected "
            "for range restriction (Thorndike case II, from the spread of the whole "
            "applicant pool). A stage's leniency-adjusted score takes each interviewer's "
            "calibration leniency out of their scorecards, for interviewers with enough "
            f"comparisons. Under {report.min_cases} cases an estimate is too uncertain "
            "to act on (those rows are highlighted); p is Pearson's, two-sided."
        ),
        tables=tuple(tables),
    )


# ---------------------------------------------------------------------------------------
# Adverse impact


def adverse_impact_section(
    report: AdverseImpactReport, questions: Sequence[Question] | None = None
) -> Section:
    asked = {q.id: q for q in questions or ()}
    tables = []
    warnings = []
    for question in report.questions:
        labels = _category_labels(question.asked or asked.get(question.question_id))
        rows: list[tuple[str, ...]] = []
        flagged: list[int] = []
        # Every step in full; of the per-interviewer tables, only the groups flagged.
        flagged_tables = [step for step in question.by_interviewer if step.table.flagged]
        for step in (*question.steps, *flagged_tables):
            where = (
                step.title
                if step.interviewer_name is None
                else (f"{step.title}, {step.interviewer_name}")
            )
            per_interviewer = step.interviewer_name is not None
            for group in step.table.groups:
                if per_interviewer and not (group.below_four_fifths or group.is_reference):
                    continue
                if group.below_four_fifths:
                    flagged.append(len(rows))
                    warnings.append(
                        f"{question.label}: {labels(group.group)} at {where} is selected at "
                        f"{number(group.impact_ratio)} of the rate of "
                        f"{labels(step.table.reference or '')} (Fisher p "
                        f"{p_text(group.p_value)})"
                    )
                rows.append(
                    (
                        where,
                        labels(group.group),
                        "suppressed" if group.suppressed else str(group.considered),
                        "suppressed" if group.suppressed else str(group.selected),
                        percent(group.rate),
                        "reference"
                        if group.is_reference
                        else (number(group.impact_ratio) if group.compared else "not compared"),
                        p_text(group.p_value),
                        "below 4/5" if group.below_four_fifths else "",
                    )
                )
        empty_text = "No self-identification recorded."
        every_group = [g for step in question.steps for g in step.table.groups]
        if every_group and all(g.suppressed for g in every_group):
            # A table of "suppressed" says nothing more than this sentence.
            rows, flagged = [], []
            empty_text = (
                f"Every group at every step has a cell under {report.min_cell}: all figures "
                "are suppressed, so no one can be singled out. They show once more "
                "candidates have answered."
            )
        tables.append(
            FigureTable(
                title=f"{question.label} ({plural(question.answered, 'candidate')} answered)",
                headers=(
                    "Step",
                    "Group",
                    "Considered",
                    "Selected",
                    "Rate",
                    "Impact ratio",
                    "Fisher p",
                    "Flag",
                ),
                rows=tuple(rows),
                notes=(
                    (
                        f"Figures with a cell under {report.min_cell} (selected or not selected) "
                        "are suppressed, so no one can be singled out."
                    ),
                    (
                        "The impact ratio is the group's selection rate over the highest "
                        "group's; under 0.80 the four-fifths rule flags it (29 CFR 1607.4(D)). "
                        "The ratio is no significance test: read it with Fisher's p and the "
                        "counts."
                    ),
                    (
                        f"Per interviewer: {len(question.by_interviewer)} tables of "
                        f"interviewers with {report.min_interviewer_count} or more decided "
                        f"candidates at a stage; the {len(flagged_tables)} with a flag are "
                        "listed (the flagged group and the reference group)."
                    ),
                ),
                flagged_rows=tuple(flagged),
                empty_text=empty_text,
            )
        )
    return Section(
        id="adverse_impact",
        title="Adverse-impact monitor",
        intro=(
            "Selection rates by voluntary self-identification at each step: a candidate "
            "passed a stage by going beyond it and was not selected when rejected there; "
            "at the committee the decision in force counts. Answers are seen only here, "
            "in aggregate, by recruiters and the committee."
        ),
        tables=tuple(tables),
        warnings=tuple(warnings),
    )


def _category_labels(question: Question | None) -> Callable[[str], str]:
    known = {c.id: c.label for c in question.categories} if question is not None else {}
    known[NO_ANSWER] = "No answer"

    def label(category_id: str) -> str:
        return known.get(category_id, category_id)

    return label


def not_shown_section() -> Section:
    return Section(
        id="adverse_impact",
        title="Adverse-impact monitor",
        intro="Shown to recruiters and the committee only.",
        tables=(),
    )


# ---------------------------------------------------------------------------------------
# Drift


def drift_section(report: DriftReport) -> Section:
    rows: list[tuple[str, ...]] = []
    flagged: list[int] = []
    for item in report.interviewers:
        months = item.drift.months
        last = months[-1] if months else None
        moved = [m for m in months if m.flagged]
        if moved:
            flagged.append(len(rows))
        rows.append(
            (
                item.interviewer_name,
                str(item.drift.comparisons),
                str(len(months)),
                DASH if last is None else f"{last.month}: {number(last.leniency, signed=True)}",
                DASH if last is None else str(last.comparisons),
                ", ".join(f"{m.month} ({number(m.shift, signed=True)})" for m in moved),
            )
        )
    return Section(
        id="drift",
        title="Interviewer drift",
        intro=(
            "Each interviewer's leniency per month: their rating minus the other "
            "interviewers' mean on the same candidate and criterion (above 0 lenient, "
            f"below 0 harsh). A month is flagged when it moved {report.shift:.2f} or more "
            f"from the earlier months, with {report.min_comparisons} or more comparisons "
            "on each side."
        ),
        tables=(
            FigureTable(
                title="Leniency over time",
                headers=(
                    "Interviewer",
                    "Comparisons",
                    "Months",
                    "Latest month",
                    "Its comparisons",
                    "Flagged shifts",
                ),
                rows=tuple(rows),
                flagged_rows=tuple(flagged),
                notes=("Months with fewer comparisons are shown but never flagged.",),
                empty_text="No candidate has two interviewers on one criterion yet.",
            ),
        ),
        warnings=tuple(
            f"{item.interviewer_name} shifted in "
            + ", ".join(m.month for m in item.drift.months if m.flagged)
            for item in report.flagged
        ),
    )


# ---------------------------------------------------------------------------------------
# Overrides


def overrides_section(report: OverridesReport) -> Section:
    rows = tuple(
        (
            entry.decided_at.strftime("%Y-%m-%d"),
            entry.candidate_name,
            _decision(entry.decision, entry.level, entry.base),
            _decision(entry.mechanical_decision, entry.mechanical_level, entry.mechanical_base),
            ", ".join(entry.departures),
            entry.reason,
            "" if entry.in_force else "superseded",
        )
        for entry in report.overrides
    )
    outcomes = tuple(
        (
            item.group,
            str(item.hires),
            str(item.with_outcome),
            number(item.mean_performance),
            f"{item.still_employed} of {item.employed_known}" if item.employed_known else DASH,
        )
        for item in report.outcomes
    )
    return Section(
        id="overrides",
        title="Overrides of the mechanical answer",
        intro=(
            f"{report.overridden_in_force} of {report.decisions_with_freeze} decisions in "
            "force differ from the recommendation frozen when the candidate reached the "
            "committee (decision, level, or base beyond the band's rounding); each needs "
            "a reason."
        ),
        tables=(
            FigureTable(
                title="Every override",
                headers=("Date", "Candidate", "Decided", "Engine", "Differs in", "Reason", ""),
                rows=rows,
                empty_text="No decision has overridden the engine.",
            ),
            FigureTable(
                title="How the hires turned out",
                headers=("Decision", "Hires", "With outcome", "Mean performance", "Employed"),
                rows=outcomes,
                notes=(
                    (
                        "At each hire's latest recorded checkpoint. Few overridden hires make "
                        "any difference here anecdotal."
                    ),
                ),
                empty_text="No outcomes recorded yet.",
            ),
        ),
    )


def _decision(decision: str, level: str | None, base: float | None) -> str:
    parts = [decision.replace("_", " ")]
    if level:
        parts.append(level)
    if base is not None:
        parts.append(f"{base:,.0f}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------
# The report


def quality_report(db: Database, *, now: datetime | None = None) -> QualityReportData:
    """All five views for the committee's hiring-quality report; the adverse-impact
    monitor only for a sign-in that may see it."""
    from interview_kit.services import evidence

    sections = [
        reliability_section(evidence.reliability(db)),
        validity_section(evidence.validity(db)),
        adverse_impact_section(evidence.adverse_impact(db))
        if may_see_adverse_impact(db)
        else not_shown_section(),
        drift_section(evidence.drift(db)),
        overrides_section(evidence.overrides(db)),
    ]
    return QualityReportData(
        title="Hiring quality",
        database=db.location,
        generated_at=now or utc_now(),
        sections=tuple(sections),
        note=(
            "Structured interviews predict job performance at about .42, unstructured "
            "ones at .19 (Sackett et al. 2022); combining scores by formula beats holistic "
            "judgement (Kuncel et al. 2013). These figures say how far this process lives "
            "up to that."
        ),
    )


__all__ = [
    "OUTCOMES",
    "FigureTable",
    "QualityReportData",
    "Section",
    "adverse_impact_section",
    "drift_section",
    "overrides_section",
    "quality_report",
    "reliability_section",
    "validity_section",
]
