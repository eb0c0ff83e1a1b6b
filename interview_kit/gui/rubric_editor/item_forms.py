"""The fields of each kind of rubric item, declared once.

Labels use the recruiter's words; the key in brackets is the file's, so a problem the
validator reports (``weight: must be greater than 0``) is easy to place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QWidget

from interview_kit.domain.rubric import Rules
from interview_kit.gui.rubric_editor.fields import FieldSpec, ItemForm

Options = Callable[[], Sequence[tuple[str, str]]]

_RULES = Rules()


class OptionSource(Protocol):
    def dimension_options(self) -> Sequence[tuple[str, str]]: ...
    def signal_options(self) -> Sequence[tuple[str, str]]: ...
    def look_for_options(self) -> Sequence[tuple[str, str]]: ...
    def stage_criterion_options(self) -> Sequence[tuple[str, str]]: ...
    def level_options(self) -> Sequence[tuple[str, str]]: ...
    def stage_options(self) -> Sequence[tuple[str, str]]: ...


ID_HELP = (
    "Lowercase letters, digits and underscores, starting with a letter. "
    "Renaming updates every reference."
)


def general_specs() -> list[FieldSpec]:
    return [
        FieldSpec("role_title", "Role title", "line", "The title on job posts and packets."),
        FieldSpec(
            "alternative_titles",
            "Alternative titles",
            "lines",
            "Other names for the role, one per line.",
            rows=3,
        ),
        FieldSpec("name", "Rubric name", "line"),
        FieldSpec("id", "Rubric id", "id", "Identifies the role's rubric across versions."),
        FieldSpec("version_label", "Version label", "line", "Free text, e.g. 2.0 (spring hiring)."),
        FieldSpec("summary", "Summary", "text", "What the role is and how it is paid.", rows=5),
        FieldSpec("sources", "Sources", "lines", "Documents the rubric was built from.", rows=2),
    ]


def scale_specs() -> list[FieldSpec]:
    defaults = {"1": "Strong no", "2": "No", "3": "Yes", "4": "Strong yes"}
    return [
        *(
            FieldSpec(key, f"Rating {key}", "line", default=label)
            for key, label in defaults.items()
        ),
        FieldSpec("not_applicable", "Not applicable", "line", default="N/A"),
    ]


def dimension_specs() -> list[FieldSpec]:
    return [
        FieldSpec("label", "Label", "line"),
        FieldSpec("id", "Id", "id", ID_HELP),
        FieldSpec(
            "kind",
            "Kind",
            "choice",
            choices=(
                ("maturity", "Maturity dimension"),
                ("trait", "Trait"),
                ("principle", "Principle"),
                ("skill", "Skill"),
            ),
        ),
        FieldSpec("description", "Description", "text"),
    ]


def stage_specs(source: OptionSource) -> list[FieldSpec]:
    return [
        FieldSpec("title", "Title", "line"),
        FieldSpec("id", "Id", "id", ID_HELP),
        FieldSpec(
            "number",
            "Number",
            "int",
            "Follows the order of the stages.",
            minimum=-1000,
            maximum=1000,
        ),
        FieldSpec(
            "duration_minutes",
            "Duration",
            "int",
            suffix=" min",
            minimum=-10_000,
            maximum=10_000,
            step=5,
        ),
        FieldSpec(
            "required",
            "Required",
            "bool",
            "A required stage must have a submitted scorecard before the panel can decide.",
            default=True,
            extra={"text": "Needed for a recommendation"},
        ),
        FieldSpec("purpose", "Purpose", "text", rows=3),
        FieldSpec(
            "what_good_looks_like",
            "What good looks like",
            "lines",
            "Shown in the interviewer's brief, one point per line.",
            rows=3,
        ),
        FieldSpec(
            "look_for",
            "Look for",
            "refs",
            "Signals and red flags this stage is best placed to observe.",
            options=source.look_for_options,
        ),
    ]


def exercise_specs(source: OptionSource) -> list[FieldSpec]:
    return [
        FieldSpec("title", "Title", "line"),
        FieldSpec("id", "Id", "id", ID_HELP),
        FieldSpec(
            "minutes", "Time box", "int", suffix=" min", minimum=-10_000, maximum=10_000, step=5
        ),
        FieldSpec("description", "Description", "text", rows=3),
        FieldSpec(
            "prompts",
            "Prompts",
            "lines",
            "What the interviewer asks, one prompt per line.",
            rows=4,
        ),
        FieldSpec(
            "criteria",
            "Criteria it informs",
            "refs",
            options=source.stage_criterion_options,
        ),
    ]


def criterion_specs(source: OptionSource) -> list[FieldSpec]:
    anchors = (
        ("1", "Anchor 1 · strong no"),
        ("2", "Anchor 2 · no"),
        ("3", "Anchor 3 · yes"),
        ("4", "Anchor 4 · strong yes"),
    )
    return [
        FieldSpec("title", "Title", "line"),
        FieldSpec("id", "Id", "id", ID_HELP),
        FieldSpec("description", "Description", "text", rows=2),
        FieldSpec(
            "weight",
            "Weight",
            "float",
            "Relative weight in the stage score (greater than 0, at most 100).",
            minimum=-1000,
            maximum=1000,
            step=0.25,
            default=1.0,
        ),
        *(
            FieldSpec(
                f"anchors.{key}",
                label,
                "text",
                "What this rating looks like, in behaviour an interviewer can observe.",
                rows=2,
            )
            for key, label in anchors
        ),
        FieldSpec("tags", "Tags", "refs", options=source.dimension_options),
        FieldSpec(
            "signals",
            "Related signals",
            "refs",
            options=source.signal_options,
        ),
    ]


def signal_specs(source: OptionSource) -> list[FieldSpec]:
    return [
        FieldSpec("label", "Label", "line"),
        FieldSpec("id", "Id", "id", ID_HELP),
        FieldSpec("description", "Description", "text"),
        FieldSpec("tags", "Tags", "refs", options=source.dimension_options),
    ]


def red_flag_specs(source: OptionSource) -> list[FieldSpec]:
    return [
        FieldSpec("label", "Label", "line"),
        FieldSpec("id", "Id", "id", ID_HELP),
        FieldSpec(
            "severity",
            "Severity",
            "choice",
            "A blocker raised by enough interviewers forces no hire; a concern lowers "
            "confidence and can cap the level.",
            choices=(("concern", "Concern"), ("blocker", "Blocker")),
        ),
        FieldSpec(
            "kind",
            "Kind",
            "choice",
            choices=(("key", "Key red flag"), ("anti_pattern", "Behavioural anti-pattern")),
            default="key",
        ),
        FieldSpec("description", "Description", "text"),
        FieldSpec("tags", "Tags", "refs", options=source.dimension_options),
    ]


def level_specs() -> list[FieldSpec]:
    money = {"minimum": -1e9, "maximum": 1e9, "step": 1000.0, "decimals": 0}
    return [
        FieldSpec("title", "Title", "line"),
        FieldSpec("id", "Id", "id", "L followed by a number, e.g. L5. Renaming updates the rules."),
        FieldSpec("impact", "Impact", "text", rows=2),
        FieldSpec("expectations", "Expectations", "lines", rows=3),
        FieldSpec(
            "min_score",
            "Minimum score",
            "float",
            "Lowest candidate score for this level (1-4); levels rise from the lowest.",
            minimum=-100,
            maximum=100,
            step=0.05,
        ),
        FieldSpec(
            "min_positive_signals",
            "Minimum distinct signals",
            "int",
            minimum=-1000,
            maximum=1000,
            default=0,
        ),
        FieldSpec("band.currency", "Currency", "line", "Three capital letters, e.g. EUR."),
        FieldSpec("band.base_min", "Base minimum", "float", **money),
        FieldSpec("band.base_mid", "Base midpoint", "float", **money),
        FieldSpec("band.base_max", "Base maximum", "float", **money),
        FieldSpec(
            "band.rounding",
            "Round suggestions to",
            "int",
            minimum=-1_000_000,
            maximum=1_000_000,
            step=100,
            default=1000,
        ),
        FieldSpec(
            "band.equity_min", "Equity minimum", "float", minimum=-1e9, maximum=1e9, default=0.0
        ),
        FieldSpec(
            "band.equity_max", "Equity maximum", "float", minimum=-1e9, maximum=1e9, default=0.0
        ),
        FieldSpec(
            "band.equity_unit",
            "Equity unit",
            "choice",
            choices=(("percent", "Percent"), ("shares", "Shares"), ("currency", "Currency")),
            default="percent",
        ),
        FieldSpec("band.equity_note", "Equity note", "line"),
        FieldSpec(
            "band.learning_budget",
            "Learning budget",
            "float",
            "Yearly learning and experimentation budget.",
            default=0.0,
            **money,
        ),
        FieldSpec(
            "band.is_default",
            "Figures",
            "bool",
            default=True,
            extra={"text": "Placeholder figures: set them for your market"},
        ),
        FieldSpec("band.note", "Band note", "line"),
    ]


def rules_specs(source: OptionSource) -> list[FieldSpec]:
    score = {"minimum": -100.0, "maximum": 100.0, "step": 0.05}
    count = {"minimum": -1000, "maximum": 1000}
    share = {"minimum": -100.0, "maximum": 100.0, "step": 0.05}
    return [
        FieldSpec(
            "hire_bar",
            "Hire bar",
            "float",
            "Candidate score needed for a hire.",
            default=_RULES.hire_bar,
            **score,
        ),
        FieldSpec(
            "strong_no_hire_below",
            "Strong no hire below",
            "float",
            default=_RULES.strong_no_hire_below,
            **score,
        ),
        FieldSpec(
            "strong_hire_at",
            "Strong hire at",
            "float",
            default=_RULES.strong_hire_at,
            **score,
        ),
        FieldSpec(
            "blocker_min_reporters",
            "Blocker: interviewers needed",
            "int",
            "How many interviewers must raise a blocker for it to force no hire.",
            default=_RULES.blocker_min_reporters,
            **count,
        ),
        FieldSpec(
            "blocker_level_cap",
            "Blocker: level cap",
            "choice",
            "The highest level while a blocker is raised by fewer interviewers.",
            options=source.level_options,
            default=_RULES.blocker_level_cap,
            extra={"editable": True},
        ),
        FieldSpec(
            "concern_min_reporters",
            "Concern: interviewers needed",
            "int",
            default=_RULES.concern_min_reporters,
            **count,
        ),
        FieldSpec(
            "concern_level_cap",
            "Concern: level cap",
            "choice",
            options=source.level_options,
            default=_RULES.concern_level_cap,
            extra={"editable": True},
        ),
        FieldSpec(
            "coverage_threshold",
            "Coverage needed",
            "float",
            "Share of required criteria rated at least once (0-1).",
            default=_RULES.coverage_threshold,
            **share,
        ),
        FieldSpec(
            "high_confidence_coverage",
            "Coverage for high confidence",
            "float",
            default=_RULES.high_confidence_coverage,
            **share,
        ),
        FieldSpec(
            "high_confidence_min_scorecards",
            "Scorecards for high confidence",
            "int",
            default=_RULES.high_confidence_min_scorecards,
            **count,
        ),
        FieldSpec(
            "spread_threshold",
            "Spread that flags disagreement",
            "int",
            "Highest minus lowest rating on a criterion at which the panel disagrees.",
            default=_RULES.spread_threshold,
            **count,
        ),
        FieldSpec(
            "stage_weights",
            "Stage weights",
            "weights",
            "Relative weight of each stage in the candidate score.",
            options=source.stage_options,
            minimum=-1000,
            maximum=1000,
        ),
    ]


def make_forms(source: OptionSource, parent: QWidget | None = None) -> dict[str, ItemForm]:
    """One form per kind of node."""
    return {
        "general": ItemForm("Role and summary", general_specs(), parent),
        "scale": ItemForm("Rating scale", scale_specs(), parent),
        "dimension": ItemForm("Dimension", dimension_specs(), parent),
        "stage": ItemForm("Stage", stage_specs(source), parent),
        "exercise": ItemForm("Exercise", exercise_specs(source), parent),
        "criterion": ItemForm("Criterion", criterion_specs(source), parent),
        "signal": ItemForm("Positive signal", signal_specs(source), parent),
        "red_flag": ItemForm("Red flag", red_flag_specs(source), parent),
        "level": ItemForm("Level", level_specs(), parent),
        "rules": ItemForm("Recommendation rules", rules_specs(source), parent),
    }
