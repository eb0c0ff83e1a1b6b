"""The rubric as validated data: pydantic models, their limits and their look-ups."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)
from pydantic_core import PydanticCustomError

from interview_kit.domain.rubric.issues import describe_value
from interview_kit.domain.self_identification import (
    PREFER_NOT_TO_SAY,
    Question,
    questions_from_data,
)

FORMAT_VERSION = 1
RATINGS: tuple[int, ...] = (1, 2, 3, 4)

ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
LEVEL_ID_PATTERN = r"^L[0-9]{1,2}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"

SHORT_TEXT_MAX = 200
TEXT_MAX = 4000
LONG_TEXT_MAX = 20000
MONEY_MAX = 1_000_000_000
EQUITY_MAX = 1_000_000_000_000

DEFAULT_RATING_LABELS: Mapping[str, str] = {
    "1": "Strong no",
    "2": "No",
    "3": "Yes",
    "4": "Strong yes",
}


RATINGS_KEYS = frozenset(str(rating) for rating in RATINGS)


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "must not be blank")
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
LevelId = Annotated[str, StringConstraints(pattern=LEVEL_ID_PATTERN)]
Text = Annotated[
    str, StringConstraints(min_length=1, max_length=TEXT_MAX), AfterValidator(_not_blank)
]
ShortText = Annotated[
    str, StringConstraints(min_length=1, max_length=SHORT_TEXT_MAX), AfterValidator(_not_blank)
]
OptionalText = Annotated[str, StringConstraints(max_length=TEXT_MAX)]
OptionalShortText = Annotated[str, StringConstraints(max_length=SHORT_TEXT_MAX)]
LongText = Annotated[str, StringConstraints(max_length=LONG_TEXT_MAX)]
Currency = Annotated[str, StringConstraints(pattern=CURRENCY_PATTERN)]
Score = Annotated[float, Field(ge=1.0, le=4.0)]
Money = Annotated[float, Field(ge=0, le=MONEY_MAX)]


class _Strict(BaseModel):
    # Strict scalars: a quoted "2" is not the number 2, and true is not 1. Lists arrive as
    # TOML arrays, so every tuple field relaxes strictness for the container only.
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True, allow_inf_nan=False)


class Dimension(_Strict):
    """A tag criteria and signals carry: a maturity dimension, a trait or a principle."""

    id: Id
    label: ShortText
    kind: Literal["maturity", "trait", "principle", "skill"]
    description: OptionalText = ""


class Anchors(_Strict):
    """What each rating looks like for one criterion, in observable behaviour."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, allow_inf_nan=False, populate_by_name=True
    )

    strong_no: Text = Field(alias="1")
    no: Text = Field(alias="2")
    yes: Text = Field(alias="3")
    strong_yes: Text = Field(alias="4")

    def for_rating(self, rating: int) -> str:
        return (self.strong_no, self.no, self.yes, self.strong_yes)[rating - 1]


class Criterion(_Strict):
    """One thing an interviewer rates 1-4 in a stage, with anchors for every rating."""

    id: Id
    title: ShortText
    description: Text
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    tags: Annotated[tuple[Id, ...], Field(strict=False)] = ()
    signals: Annotated[tuple[Id, ...], Field(strict=False)] = ()
    anchors: Anchors


class Exercise(_Strict):
    """A time-boxed part of a stage, with the prompts the interviewer uses."""

    id: Id
    title: ShortText
    minutes: Annotated[int, Field(gt=0, le=480)]
    description: Text
    prompts: Annotated[tuple[Text, ...], Field(min_length=1, strict=False)]
    criteria: Annotated[tuple[Id, ...], Field(strict=False)] = ()


class Stage(_Strict):
    """One interview of the loop: its purpose, exercises and the criteria it scores."""

    id: Id
    number: Annotated[int, Field(ge=1, le=99)]
    title: ShortText
    purpose: Text
    duration_minutes: Annotated[int, Field(gt=0, le=600)]
    required: bool = True
    what_good_looks_like: Annotated[tuple[Text, ...], Field(strict=False)] = ()
    look_for: Annotated[tuple[Id, ...], Field(strict=False)] = ()
    exercises: Annotated[tuple[Exercise, ...], Field(min_length=1, strict=False)]
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1, strict=False)]


class Signal(_Strict):
    """A strong positive signal interviewers tick, with evidence."""

    id: Id
    label: ShortText
    description: OptionalText = ""
    tags: Annotated[tuple[Id, ...], Field(strict=False)] = ()


class RedFlag(_Strict):
    """A red flag; a blocker can force no hire, a concern lowers confidence and caps."""

    id: Id
    label: ShortText
    description: OptionalText = ""
    severity: Literal["blocker", "concern"]
    kind: Literal["key", "anti_pattern"] = "key"
    tags: Annotated[tuple[Id, ...], Field(strict=False)] = ()


class Band(_Strict):
    """A level's compensation band. Figures are the recruiter's to set."""

    currency: Currency
    base_min: Money
    base_mid: Money
    base_max: Money
    rounding: Annotated[int, Field(gt=0, le=1_000_000)] = 1000
    equity_min: Annotated[float, Field(ge=0, le=EQUITY_MAX)] = 0.0
    equity_max: Annotated[float, Field(ge=0, le=EQUITY_MAX)] = 0.0
    equity_unit: Literal["percent", "shares", "currency"] = "percent"
    equity_note: OptionalText = ""
    learning_budget: Money = 0.0
    is_default: bool = True
    note: OptionalText = ""


class Level(_Strict):
    """A rung of the ladder, lowest first, with the bar to reach it and its band."""

    id: LevelId
    title: ShortText
    impact: Text
    expectations: Annotated[tuple[Text, ...], Field(strict=False)] = ()
    min_score: Score
    min_positive_signals: Annotated[int, Field(ge=0, le=100)] = 0
    band: Band


DEFAULT_FEEDBACK_DUE_HOURS = 24
"""Feedback is due this many hours after the interview, unless the rubric says otherwise."""


class Rules(_Strict):
    """The numbers the recommendation engine works with (see ``domain/engine/``)."""

    hire_bar: Score = 2.75
    strong_no_hire_below: Score = 2.0
    strong_hire_at: Score = 3.5
    blocker_min_reporters: Annotated[int, Field(ge=1, le=50)] = 2
    blocker_level_cap: LevelId = "L4"
    concern_min_reporters: Annotated[int, Field(ge=1, le=50)] = 2
    concern_level_cap: LevelId = "L5"
    coverage_threshold: Annotated[float, Field(ge=0, le=1)] = 0.8
    high_confidence_coverage: Annotated[float, Field(ge=0, le=1)] = 0.9
    high_confidence_min_scorecards: Annotated[int, Field(ge=1, le=50)] = 2
    spread_threshold: Annotated[int, Field(ge=1, le=3)] = 2
    stage_weights: dict[Id, Annotated[float, Field(gt=0, le=100)]] = Field(default_factory=dict)
    feedback_due_hours: Annotated[int, Field(ge=1, le=24 * 30)] | None = None
    """Hours after an interview its scorecard is due; unset means
    :data:`DEFAULT_FEEDBACK_DUE_HOURS` (and leaves the rubric's content hash as it was)."""

    def feedback_due(self) -> int:
        if self.feedback_due_hours is None:
            return DEFAULT_FEEDBACK_DUE_HOURS
        return self.feedback_due_hours


class RatingScale(_Strict):
    """The words shown for ratings 1-4 and for not applicable."""

    strong_no: ShortText = Field(DEFAULT_RATING_LABELS["1"], alias="1")
    no: ShortText = Field(DEFAULT_RATING_LABELS["2"], alias="2")
    yes: ShortText = Field(DEFAULT_RATING_LABELS["3"], alias="3")
    strong_yes: ShortText = Field(DEFAULT_RATING_LABELS["4"], alias="4")
    not_applicable: ShortText = "N/A"

    model_config = ConfigDict(
        extra="forbid", frozen=True, strict=True, allow_inf_nan=False, populate_by_name=True
    )

    def label(self, rating: int | None) -> str:
        if rating is None:
            return self.not_applicable
        return (self.strong_no, self.no, self.yes, self.strong_yes)[rating - 1]


class SelfIdentificationCategory(_Strict):
    """One answer a candidate may choose to a self-identification question."""

    id: Id
    label: ShortText


class SelfIdentificationQuestion(_Strict):
    """A voluntary self-identification question the adverse-impact monitor compares
    groups by. "Prefer not to say" (id ``prefer_not_to_say``) is added when not listed;
    listing it gives it another label."""

    id: Id
    label: ShortText
    categories: Annotated[tuple[SelfIdentificationCategory, ...], Field(min_length=1, strict=False)]

    @field_validator("categories")
    @classmethod
    def _groups_to_compare(
        cls, value: tuple[SelfIdentificationCategory, ...]
    ) -> tuple[SelfIdentificationCategory, ...]:
        groups = [category for category in value if category.id != PREFER_NOT_TO_SAY]
        if len(groups) < 2:
            raise PydanticCustomError(
                "self_identification_groups",
                "needs at least two categories besides {declined}, so that groups can be "
                "compared; it has {count}",
                {"declined": PREFER_NOT_TO_SAY, "count": len(groups)},
            )
        return value


class Rubric(_Strict):
    """One version of an interview rubric: role, stages, signals, levels, bands and rules."""

    format_version: Literal[1]
    id: Id
    name: ShortText
    version_label: OptionalShortText = ""
    role_title: ShortText
    alternative_titles: Annotated[tuple[ShortText, ...], Field(strict=False)] = ()
    summary: LongText = ""
    sources: Annotated[tuple[OptionalText, ...], Field(strict=False)] = ()
    scale: RatingScale = RatingScale()
    dimensions: Annotated[tuple[Dimension, ...], Field(strict=False)] = ()
    stages: Annotated[tuple[Stage, ...], Field(min_length=1, strict=False)]
    signals: Annotated[tuple[Signal, ...], Field(strict=False)] = ()
    red_flags: Annotated[tuple[RedFlag, ...], Field(strict=False)] = ()
    levels: Annotated[tuple[Level, ...], Field(min_length=1, strict=False)]
    rules: Rules = Rules()
    self_identification: Annotated[tuple[SelfIdentificationQuestion, ...], Field(strict=False)] = ()
    """The rubric's own self-identification questions; none means the default EEO ones."""

    @field_validator("format_version", mode="before")
    @classmethod
    def _exact_version(cls, value: object) -> object:
        # Literal[1] alone would take true or 1.0 for 1.
        if type(value) is not int or value != FORMAT_VERSION:
            raise PydanticCustomError(
                "format_version",
                "this app reads rubric format_version = {expected}; this file says {found}",
                {"expected": FORMAT_VERSION, "found": describe_value(value)},
            )
        return value

    # -- look-ups -----------------------------------------------------------------
    def stage(self, stage_id: str) -> Stage:
        for stage in self.stages:
            if stage.id == stage_id:
                return stage
        raise KeyError(stage_id)

    def criteria(self) -> Iterator[tuple[Stage, Criterion]]:
        for stage in self.stages:
            for criterion in stage.criteria:
                yield stage, criterion

    def criterion(self, criterion_id: str) -> Criterion:
        for _, criterion in self.criteria():
            if criterion.id == criterion_id:
                return criterion
        raise KeyError(criterion_id)

    def signal(self, signal_id: str) -> Signal:
        for signal in self.signals:
            if signal.id == signal_id:
                return signal
        raise KeyError(signal_id)

    def red_flag(self, flag_id: str) -> RedFlag:
        for flag in self.red_flags:
            if flag.id == flag_id:
                return flag
        raise KeyError(flag_id)

    def level(self, level_id: str) -> Level:
        for level in self.levels:
            if level.id == level_id:
                return level
        raise KeyError(level_id)

    def level_index(self, level_id: str) -> int:
        """Position on the ladder, lowest first."""
        for index, level in enumerate(self.levels):
            if level.id == level_id:
                return index
        raise KeyError(level_id)

    def dimension(self, dimension_id: str) -> Dimension:
        for dimension in self.dimensions:
            if dimension.id == dimension_id:
                return dimension
        raise KeyError(dimension_id)

    def stage_weight(self, stage_id: str) -> float:
        return self.rules.stage_weights.get(stage_id, 1.0)

    def required_stages(self) -> tuple[Stage, ...]:
        return tuple(stage for stage in self.stages if stage.required)

    def self_identification_questions(self) -> tuple[Question, ...]:
        """The questions candidates are offered: the rubric's own, else the defaults."""
        return questions_from_data([question.model_dump() for question in self.self_identification])

    # -- identity -----------------------------------------------------------------
    def canonical_json(self) -> str:
        return json.dumps(
            self.to_data(),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def content_hash(self) -> str:
        """Identifies the rubric's meaning: the same content always hashes the same."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def to_data(self) -> dict[str, Any]:
        """Plain data, shaped as the TOML file is (ratings keyed "1".."4").

        Optional rules and sections added after the first release are left out while
        unset, so a rubric that does not use them keeps the content hash it always had.
        """
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True)
        rules = data["rules"]
        if rules.get("feedback_due_hours") is None:
            rules.pop("feedback_due_hours", None)
        if not data["self_identification"]:
            del data["self_identification"]
        return data


def rubric_json_schema() -> dict[str, Any]:
    """The JSON Schema of the rubric format, as committed under ``resources/schemas``."""
    schema = Rubric.model_json_schema(by_alias=True)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": (
            "Generated from interview_kit.domain.rubric; regenerate with "
            "`python -m interview_kit.domain.rubric resources/schemas/rubric.schema.json`. "
            "Cross-references (ids, ordering, bands) are checked by the app, not this schema."
        ),
        **schema,
    }


def rubric_json_schema_text() -> str:
    return json.dumps(rubric_json_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
