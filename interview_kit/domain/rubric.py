"""The rubric: everything an interview panel scores against, as validated data.

A rubric is read from TOML (see ``docs/rubric-format.md``). Structural checks (types,
required fields, unknown keys, id syntax, ranges) come from pydantic; the checks that
relate one part of the file to another (duplicates, references, ordering) run on the raw
data as well, so one pass reports every problem a recruiter has to fix, each with its
location and a message in plain words.

``python -m interview_kit.domain.rubric [FILE]`` writes the JSON Schema of the format
(``resources/schemas/rubric.schema.json`` is generated this way).
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import math
import re
import sys
import tomllib
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

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


class Rules(_Strict):
    """The numbers the recommendation engine works with (see ``domain/engine.py``)."""

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

    @field_validator("format_version", mode="before")
    @classmethod
    def _exact_version(cls, value: object) -> object:
        # Literal[1] alone would take true or 1.0 for 1.
        if type(value) is not int or value != FORMAT_VERSION:
            raise PydanticCustomError(
                "format_version",
                "this app reads rubric format_version = {expected}; this file says {found}",
                {"expected": FORMAT_VERSION, "found": _describe(value)},
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

    # -- identity -----------------------------------------------------------------
    def canonical_json(self) -> str:
        return json.dumps(
            self.model_dump(mode="json", by_alias=True),
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )

    def content_hash(self) -> str:
        """Identifies the rubric's meaning: the same content always hashes the same."""
        return hashlib.sha256(self.canonical_json().encode("utf-8")).hexdigest()

    def to_data(self) -> dict[str, Any]:
        """Plain data, shaped as the TOML file is (ratings keyed "1".."4")."""
        data: dict[str, Any] = self.model_dump(mode="json", by_alias=True)
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


# ---------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class RubricIssue:
    """One problem in a rubric file, with where it is."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None

    def format(self, source: str) -> str:
        where = source
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        if self.path:
            return f"{where}: {self.path}: {self.message}"
        return f"{where}: {self.message}"


class RubricError(ValueError):
    """A rubric that cannot be used; carries every issue found."""

    def __init__(self, issues: Sequence[RubricIssue], source: str = "<rubric>") -> None:
        self.issues = tuple(issues)
        self.source = source
        super().__init__(self.describe())

    def describe(self) -> str:
        count = len(self.issues)
        head = f"{self.source}: {count} problem{'s' if count != 1 else ''} in the rubric"
        return "\n".join([head, *(f"  {issue.format(self.source)}" for issue in self.issues)])


# ---------------------------------------------------------------------------------
# Loading


def load_rubric(path: Path | str) -> Rubric:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise RubricError([RubricIssue("", "file not found")], str(path)) from None
    except IsADirectoryError:
        raise RubricError([RubricIssue("", "is a folder, not a rubric file")], str(path)) from None
    except OSError as exc:
        reason = exc.strerror or exc.__class__.__name__
        raise RubricError([RubricIssue("", f"cannot read the file: {reason}")], str(path)) from None
    try:
        # utf-8-sig: editors on Windows like to start the file with a byte-order mark.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise RubricError(
            [
                RubricIssue(
                    "",
                    f"the file is not UTF-8 text (byte {exc.start}); "
                    "save it as UTF-8 in your editor",
                    line,
                )
            ],
            str(path),
        ) from None
    return parse_rubric(text, str(path))


def parse_rubric(text: str, source: str = "<rubric>") -> Rubric:
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError([_toml_issue(exc, text)], source) from None
    except ValueError as exc:  # e.g. an integer too long for Python to convert
        raise RubricError([RubricIssue("", f"not valid TOML: {exc}")], source) from None
    except RecursionError:
        raise RubricError(
            [RubricIssue("", "not valid TOML: lists or tables are nested too deeply")], source
        ) from None
    locator = _LineLocator(text)
    return rubric_from_data(data, source, locator)


def rubric_from_data(
    data: Mapping[str, Any], source: str = "<rubric>", locator: _LineLocator | None = None
) -> Rubric:
    issues = validate_rubric_data(data)
    if not issues:
        try:
            return Rubric.model_validate(dict(data))
        except ValidationError as exc:  # pragma: no cover - validate_rubric_data saw it first
            issues = _pydantic_issues(exc)
    if locator is not None:
        located = [
            RubricIssue(issue.path, issue.message, locator.line_for(issue.path)) for issue in issues
        ]
        # Top to bottom, so the list reads along the file; whole-file issues first.
        issues = sorted(located, key=lambda issue: issue.line or 0)
    raise RubricError(issues, source)


def validate_rubric_data(data: Mapping[str, Any]) -> list[RubricIssue]:
    """Every structural and cross-reference problem in raw rubric data."""
    if not isinstance(data, Mapping):
        return [RubricIssue("", f"a rubric must be a table of keys and values, not {_kind(data)}")]
    issues: list[RubricIssue] = []
    try:
        Rubric.model_validate(dict(data))
    except ValidationError as exc:
        issues.extend(_pydantic_issues(exc))
    seen = {(i.path, i.message) for i in issues}
    for issue in _cross_checks(data):
        if (issue.path, issue.message) not in seen:
            issues.append(issue)
            seen.add((issue.path, issue.message))
    return issues


_TOML_HINTS = (
    ("Invalid value", 'text must be in quotes, e.g. title = "Senior Builder"'),
    ("Cannot overwrite a value", "the same key is set twice"),
    ("Cannot declare", "the same table is declared twice"),
    ("Unterminated string", "a quote is not closed"),
    ("Illegal character '\\n'", "a quote is not closed before the end of the line"),
    ("Unclosed array", "a [ is not closed with ]"),
    ("Expected '=' after a key", "each setting is written key = value"),
)


def _toml_issue(exc: tomllib.TOMLDecodeError, text: str) -> RubricIssue:
    # tomllib messages end with "(at line L, column C)" or "(at end of document)".
    message = str(exc)
    line: int | None = None
    column: int | None = None
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
    end = re.search(r"\s*\(at end of document\)$", message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[: match.start()]
    elif end:
        line = max(1, len(text.splitlines()))
        message = message[: end.start()]
    hint = next((hint for prefix, hint in _TOML_HINTS if message.startswith(prefix)), None)
    if hint:
        message = f"{message} ({hint})"
    return RubricIssue("", f"not valid TOML: {message}", line, column)


def format_path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


# ---------------------------------------------------------------------------------
# Plain-English messages for pydantic's errors


def _kind(value: object) -> str:
    """What a value is, in the words of a TOML file."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list | tuple):
        return "a list"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return "a date or time"
    if value is None:
        return "nothing"
    return type(value).__name__


def _describe(value: object) -> str:
    """A short, safe rendering of a value found in the file."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if value.bit_length() > 64:
            return "a very large number"
        return str(value)
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    return _kind(value)


def _number_text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in {tuple, list}:
        args = typing.get_args(annotation)
        if args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            return args[0]
    return None


def _field_for_key(model: type[BaseModel], key: str) -> Any | None:
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    return None


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    """The model class that validates the table at ``loc`` (None for lists and leaves)."""
    model: type[BaseModel] | None = Rubric
    expect_index = False
    for part in loc:
        if model is None:
            return None
        if isinstance(part, int):
            if not expect_index:
                return None
            expect_index = False
            continue
        info = _field_for_key(model, part)
        if info is None:
            return None
        annotation = info.annotation
        expect_index = typing.get_origin(annotation) in {tuple, list}
        model = _inner_model(annotation)
    return None if expect_index else model


def _known_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def _table_name(loc: Sequence[str | int]) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return ".".join(names)


def _message(error: Mapping[str, Any], loc: Sequence[str | int]) -> str:
    kind = error["type"]
    value = error.get("input")
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    last = loc[-1] if loc else ""
    parent = loc[:-1]

    if kind == "missing":
        if last in RATINGS_KEYS and parent and parent[-1] == "anchors":
            label = DEFAULT_RATING_LABELS[str(last)].lower()
            return f"the anchor for rating {last} ({label}) is missing"
        if last == "anchors":
            return "anchors are missing: give an anchor for each rating 1, 2, 3 and 4"
        if last == "format_version":
            return f"is missing: the file must start with format_version = {FORMAT_VERSION}"
        return "is required but missing"
    if kind == "extra_forbidden":
        model = _model_at(parent)
        if model is Anchors or (parent and parent[-1] == "anchors"):
            return "is not a rating: anchors are keyed 1, 2, 3 and 4"
        suggestion = ""
        if model is not None and isinstance(last, str):
            close = difflib.get_close_matches(last, _known_keys(model), n=1, cutoff=0.6)
            if close:
                suggestion = f" (did you mean {close[0]!r}?)"
        return f"is not a known key{suggestion}"
    if kind == "string_type":
        return f"must be text in quotes, not {_kind(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"must be a whole number, not {_kind(value)}"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return "is far too large a number"
    if kind in {"float_type", "float_parsing"}:
        return f"must be a number, not {_kind(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false, not {_kind(value)}"
    if kind in {"tuple_type", "list_type"}:
        inner = _model_at([*loc, 0])
        if inner is not None:
            return f"must be a list of [[{_table_name(loc)}]] tables, not {_kind(value)}"
        return f"must be a list in square brackets, not {_kind(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"must be a table (a [section] or {{ key = value }}), not {_kind(value)}"
    if kind == "finite_number":
        return "must be an ordinary number (nan and inf are not allowed)"
    if kind == "greater_than":
        return f"must be greater than {_number_text(ctx.get('gt'))}, but is {_describe(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {_number_text(ctx.get('ge'))}, but is {_describe(value)}"
    if kind == "less_than":
        return f"must be less than {_number_text(ctx.get('lt'))}, but is {_describe(value)}"
    if kind == "less_than_equal":
        return f"must be at most {_number_text(ctx.get('le'))}, but is {_describe(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else 0
        return (
            f"is too long: {_plural(length, 'character')} where at most "
            f"{ctx.get('max_length')} are allowed"
        )
    if kind == "too_short":
        wanted = int(ctx.get("min_length", 1))
        return "needs at least one entry" if wanted == 1 else f"needs at least {wanted} entries"
    if kind == "too_long":
        return f"has too many entries (at most {ctx.get('max_length')})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, not {_describe(value)}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == ID_PATTERN:
            return (
                f"malformed id {_describe(value)}: use lowercase letters, digits and "
                "underscores, starting with a letter (at most 64 characters)"
            )
        if pattern == LEVEL_ID_PATTERN:
            return f"malformed level id {_describe(value)}: use L followed by a number, e.g. L4"
        if pattern == CURRENCY_PATTERN:
            return f"{_describe(value)} is not a currency code: use three capitals, e.g. USD"
        return f"{_describe(value)} does not have the expected form"
    message: str = error["msg"]
    return message


def _pydantic_issues(exc: ValidationError) -> list[RubricIssue]:
    issues = []
    errors = exc.errors(include_url=False)
    cleaned = [[part for part in e["loc"] if not _is_internal(part)] for e in errors]
    paths = [format_path(loc) for loc in cleaned]
    for error, loc, here in zip(errors, cleaned, paths, strict=True):
        if error["type"] == "too_short" and any(
            other != here and other.startswith((here + "[", here + ".")) for other in paths
        ):
            continue  # a list whose items failed is not also "empty"
        issues.append(RubricIssue(here, _message(error, loc)))
    return issues


def _is_internal(part: str | int) -> bool:
    return isinstance(part, str) and (
        part.startswith(("function-", "tagged-union")) or part == "[key]"
    )


# ---------------------------------------------------------------------------------
# Cross checks on raw data (tolerant of anything malformed: pydantic reports that)


def _items(data: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list | tuple):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


def _str_list(value: Any) -> list[tuple[int, str]]:
    if not isinstance(value, list | tuple):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]


def _number(
    value: Any, low: float = -math.inf, high: float = math.inf, *, whole: bool = False
) -> float | None:
    """The value as a float when it is a usable number in [low, high], else None.

    Values the model rejects are left out of cross checks, so one bad number gives one
    message rather than a cascade.
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if whole and not isinstance(value, int):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    if not math.isfinite(number) or not low <= number <= high:
        return None
    return number


def _ids(items: Iterable[tuple[int, Mapping[str, Any]]]) -> set[str]:
    return {item["id"] for _, item in items if isinstance(item.get("id"), str)}


def _duplicates(entries: Iterable[tuple[str, Any]], what: str) -> Iterator[RubricIssue]:
    first_seen: dict[str, str] = {}
    for path, value in entries:
        if not isinstance(value, str):
            continue
        if value in first_seen:
            yield RubricIssue(
                path,
                f"duplicate {what} {_describe(value)}: already used at {first_seen[value]}",
            )
        else:
            first_seen[value] = path


def _repeats(path: str, value: Any, what: str) -> Iterator[RubricIssue]:
    seen: set[str] = set()
    for index, item in _str_list(value):
        if item in seen:
            yield RubricIssue(f"{path}[{index}]", f"{what} {_describe(item)} is listed twice")
        seen.add(item)


def _one_of(ids: Iterable[str]) -> str:
    listed = sorted(ids)
    if not listed:
        return "none are defined"
    if len(listed) > 8:
        return "known: " + ", ".join(listed[:8]) + ", ..."
    return "known: " + ", ".join(listed)


def _cross_checks(data: Mapping[str, Any]) -> Iterator[RubricIssue]:
    stages = _items(data, "stages")
    signals = _items(data, "signals")
    flags = _items(data, "red_flags")
    dimensions = _items(data, "dimensions")
    levels = _items(data, "levels")

    yield from _duplicates(
        ((f"dimensions[{i}].id", d.get("id")) for i, d in dimensions), "dimension id"
    )
    yield from _duplicates(((f"stages[{i}].id", s.get("id")) for i, s in stages), "stage id")
    yield from _duplicates(
        (
            (f"stages[{i}].number", _number_text(s.get("number")))
            for i, s in stages
            if _number(s.get("number"), 1, 99, whole=True) is not None
        ),
        "stage number",
    )
    yield from _duplicates(
        (
            (f"stages[{i}].criteria[{j}].id", c.get("id"))
            for i, s in stages
            for j, c in _items(s, "criteria")
        ),
        "criterion id",
    )
    for i, stage in stages:
        yield from _duplicates(
            (
                (f"stages[{i}].exercises[{j}].id", e.get("id"))
                for j, e in _items(stage, "exercises")
            ),
            "exercise id",
        )
    yield from _duplicates(
        (
            *((f"signals[{i}].id", s.get("id")) for i, s in signals),
            *((f"red_flags[{i}].id", f.get("id")) for i, f in flags),
        ),
        "signal or red flag id",
    )
    yield from _duplicates(((f"levels[{i}].id", lv.get("id")) for i, lv in levels), "level id")

    dimension_ids = _ids(dimensions)
    signal_ids = _ids(signals)
    flag_ids = _ids(flags)
    stage_ids = _ids(stages)
    level_ids = [lv["id"] for _, lv in levels if isinstance(lv.get("id"), str)]

    def unknown_tags(path: str, item: Mapping[str, Any]) -> Iterator[RubricIssue]:
        yield from _repeats(f"{path}.tags", item.get("tags"), "dimension")
        for k, tag in _str_list(item.get("tags")):
            if tag not in dimension_ids:
                yield RubricIssue(
                    f"{path}.tags[{k}]",
                    f"unknown dimension {_describe(tag)} ({_one_of(dimension_ids)})",
                )

    yield from _stage_order(stages)
    for i, stage in stages:
        criterion_ids = _ids(_items(stage, "criteria"))
        yield from _repeats(f"stages[{i}].look_for", stage.get("look_for"), "entry")
        for k, item in _str_list(stage.get("look_for")):
            if item not in signal_ids and item not in flag_ids:
                yield RubricIssue(
                    f"stages[{i}].look_for[{k}]",
                    f"{_describe(item)} is neither a signal nor a red flag of this rubric",
                )
        for j, exercise in _items(stage, "exercises"):
            path = f"stages[{i}].exercises[{j}].criteria"
            yield from _repeats(path, exercise.get("criteria"), "criterion")
            for k, ref in _str_list(exercise.get("criteria")):
                if ref not in criterion_ids:
                    yield RubricIssue(
                        f"{path}[{k}]",
                        f"unknown criterion {_describe(ref)}: an exercise can only point at "
                        f"criteria of its own stage ({_one_of(criterion_ids)})",
                    )
        yield from _stage_time(i, stage)
        for j, criterion in _items(stage, "criteria"):
            path = f"stages[{i}].criteria[{j}]"
            yield from unknown_tags(path, criterion)
            yield from _repeats(f"{path}.signals", criterion.get("signals"), "signal")
            for k, ref in _str_list(criterion.get("signals")):
                if ref not in signal_ids:
                    yield RubricIssue(
                        f"{path}.signals[{k}]",
                        f"unknown signal {_describe(ref)} ({_one_of(signal_ids)})",
                    )
            yield from _named_rating_keys(f"{path}.anchors", criterion.get("anchors"))
    for i, signal in signals:
        yield from unknown_tags(f"signals[{i}]", signal)
    for i, flag in flags:
        yield from unknown_tags(f"red_flags[{i}]", flag)
    yield from _named_rating_keys("scale", data.get("scale"))

    yield from _level_checks(levels)

    rules = data.get("rules")
    if isinstance(rules, Mapping):
        yield from _rules_checks(rules, stage_ids, level_ids)


def _named_rating_keys(path: str, table: Any) -> Iterator[RubricIssue]:
    # The model also accepts field names (strong_no...) so code can build it; files use
    # the ratings themselves, one spelling only.
    if not isinstance(table, Mapping):
        return
    for key, rating in (("strong_no", 1), ("no", 2), ("yes", 3), ("strong_yes", 4)):
        if key in table:
            yield RubricIssue(f"{path}.{key}", f"write the rating as {rating}, not {key!r}")


def _stage_order(stages: list[tuple[int, Mapping[str, Any]]]) -> Iterator[RubricIssue]:
    previous: tuple[int, float] | None = None
    for i, stage in stages:
        number = stage.get("number")
        value = _number(number, 1, 99, whole=True)
        if value is None:
            continue
        if previous is not None and value < previous[1]:
            yield RubricIssue(
                f"stages[{i}].number",
                f"stages must be listed in order: stage {_number_text(number)} comes after "
                f"stage {previous[1]:g} (stages[{previous[0]}])",
            )
        previous = (i, value)


def _stage_time(i: int, stage: Mapping[str, Any]) -> Iterator[RubricIssue]:
    limit = _number(stage.get("duration_minutes"), 1, 600, whole=True)
    minutes = [_number(e.get("minutes"), 1, 480, whole=True) for _, e in _items(stage, "exercises")]
    if limit is None or None in minutes:
        return
    total = sum(m for m in minutes if m is not None)
    if total > limit:
        yield RubricIssue(
            f"stages[{i}].duration_minutes",
            f"the exercises' time boxes add up to {total:g} minutes, more than the stage's "
            f"{limit:g}",
        )


def _rules_checks(
    rules: Mapping[str, Any], stage_ids: set[str], level_ids: list[str]
) -> Iterator[RubricIssue]:
    weights = rules.get("stage_weights")
    if isinstance(weights, Mapping):
        for stage_id in weights:
            if stage_id not in stage_ids:
                yield RubricIssue(
                    f"rules.stage_weights.{stage_id}",
                    f"unknown stage {_describe(stage_id)} ({_one_of(stage_ids)})",
                )
    for key in ("blocker_level_cap", "concern_level_cap"):
        value = rules.get(key)
        if isinstance(value, str) and level_ids and value not in level_ids:
            yield RubricIssue(
                f"rules.{key}", f"unknown level {_describe(value)} ({_one_of(level_ids)})"
            )
    low = _number(rules.get("strong_no_hire_below", 2.0), 1, 4)
    bar = _number(rules.get("hire_bar", 2.75), 1, 4)
    high = _number(rules.get("strong_hire_at", 3.5), 1, 4)
    if low is not None and bar is not None and low > bar:
        yield RubricIssue(
            "rules.strong_no_hire_below",
            f"must not be above the hire bar ({bar:g}), but is {low:g}",
        )
    if bar is not None and high is not None and bar > high:
        yield RubricIssue(
            "rules.strong_hire_at", f"must not be below the hire bar ({bar:g}), but is {high:g}"
        )
    hi_cov = _number(rules.get("high_confidence_coverage", 0.9), 0, 1)
    cov = _number(rules.get("coverage_threshold", 0.8), 0, 1)
    if hi_cov is not None and cov is not None and hi_cov < cov:
        yield RubricIssue(
            "rules.high_confidence_coverage",
            f"must not be below coverage_threshold ({cov:g}), but is {hi_cov:g}",
        )


def _level_number(level_id: Any) -> int | None:
    if isinstance(level_id, str) and re.fullmatch(LEVEL_ID_PATTERN, level_id):
        return int(level_id[1:])
    return None


def _level_checks(levels: list[tuple[int, Mapping[str, Any]]]) -> Iterator[RubricIssue]:
    previous_id: tuple[int, int] | None = None
    previous_score: tuple[int, float] | None = None
    previous_signals: tuple[int, float] | None = None
    previous_mid: tuple[int, float, Any] | None = None
    for i, level in levels:
        number = _level_number(level.get("id"))
        if number is not None:
            if previous_id is not None and number <= previous_id[1]:
                yield RubricIssue(
                    f"levels[{i}].id",
                    f"levels must be listed lowest first: L{number} comes after "
                    f"L{previous_id[1]} (levels[{previous_id[0]}])",
                )
            previous_id = (i, number)
        score = _number(level.get("min_score"), 1, 4)
        if score is not None:
            if previous_score is not None and score <= previous_score[1]:
                yield RubricIssue(
                    f"levels[{i}].min_score",
                    f"minimum scores must rise from level to level: {score:g} is not above "
                    f"levels[{previous_score[0]}].min_score ({previous_score[1]:g})",
                )
            previous_score = (i, score)
        raw_signals = level.get("min_positive_signals", 0)
        signals = _number(raw_signals, 0, 100, whole=True)
        if signals is not None:
            if previous_signals is not None and signals < previous_signals[1]:
                yield RubricIssue(
                    f"levels[{i}].min_positive_signals",
                    f"must not be below levels[{previous_signals[0]}].min_positive_signals "
                    f"({previous_signals[1]:g}), but is {signals:g}",
                )
            previous_signals = (i, signals)
        band = level.get("band")
        if isinstance(band, Mapping):
            yield from _band_checks(f"levels[{i}].band", band)
            mid = _number(band.get("base_mid"), 0, MONEY_MAX)
            currency = band.get("currency")
            if mid is not None:
                if (
                    previous_mid is not None
                    and currency == previous_mid[2]
                    and mid <= previous_mid[1]
                ):
                    yield RubricIssue(
                        f"levels[{i}].band.base_mid",
                        f"bands must rise with the level: {mid:g} is not above "
                        f"levels[{previous_mid[0]}].band.base_mid ({previous_mid[1]:g})",
                    )
                previous_mid = (i, mid, currency)


def _band_checks(path: str, band: Mapping[str, Any]) -> Iterator[RubricIssue]:
    low, mid, high = (
        _number(band.get(k), 0, MONEY_MAX) for k in ("base_min", "base_mid", "base_max")
    )
    rule = "a band needs base_min <= base_mid <= base_max"
    if low is not None and mid is not None and low > mid:
        yield RubricIssue(
            f"{path}.base_mid", f"{rule}, but base_min {low:g} is above base_mid {mid:g}"
        )
    if mid is not None and high is not None and mid > high:
        yield RubricIssue(
            f"{path}.base_max", f"{rule}, but base_mid {mid:g} is above base_max {high:g}"
        )
    if mid is None and low is not None and high is not None and low > high:
        yield RubricIssue(
            f"{path}.base_max", f"{rule}, but base_min {low:g} is above base_max {high:g}"
        )
    e_low = _number(band.get("equity_min", 0), 0, EQUITY_MAX)
    e_high = _number(band.get("equity_max", 0), 0, EQUITY_MAX)
    if e_low is not None and e_high is not None and e_low > e_high:
        yield RubricIssue(
            f"{path}.equity_max",
            f"equity_max ({e_high:g}) must not be below equity_min ({e_low:g})",
        )


# ---------------------------------------------------------------------------------
# Line numbers for issues found after parsing


_BARE_OR_QUOTED = r"(?:[A-Za-z0-9_-]+|\"(?:[^\"\\]|\\.)*\"|'[^']*')"
_DOTTED = rf"{_BARE_OR_QUOTED}(?:\s*\.\s*{_BARE_OR_QUOTED})*"
_ONE_STRING = re.compile(r"""^\s*(?:"(?:[^"\\]|\\.)*"|'[^']*')\s*,?\s*(?:#.*)?$""")


def _key_parts(dotted: str) -> list[str]:
    parts = re.findall(_BARE_OR_QUOTED, dotted)
    return [part[1:-1] if part[:1] in {'"', "'"} else part for part in parts]


@dataclass
class _OpenArray:
    table: str
    key: str
    depth: int
    next_index: int = 0
    reliable: bool = True


class _LineLocator:
    """Best-effort mapping from a path like ``stages[2].criteria[1].anchors`` to a line.

    TOML's parser reports lines only for syntax errors; for everything else we find the
    table header, key or array element in the text ourselves. When unsure we fall back to
    the enclosing key or table rather than guess a wrong line.
    """

    _HEADER = re.compile(rf"^\s*(\[\[?)\s*({_DOTTED})\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(rf"^\s*({_DOTTED})\s*=\s*(.*)$")

    def __init__(self, text: str) -> None:
        # (line number, full path with array indexes) for every header, key and element.
        self._entries: list[tuple[int, str]] = []
        counters: dict[str, int] = {}
        current = ""
        open_string: str | None = None
        array: _OpenArray | None = None
        for number, line in enumerate(text.splitlines(), start=1):
            if open_string is not None:
                open_string = _scan(line, 0, open_string)[1]
                continue
            if array is not None:
                array, open_string = self._array_line(number, line, array)
                continue
            header = self._HEADER.match(line)
            if header:
                is_array = header.group(1) == "[["
                current = self._resolve(_key_parts(header.group(2)), counters, is_array)
                self._entries.append((number, current))
                continue
            key = self._KEY.match(line)
            if not key:
                continue
            name = ".".join(_key_parts(key.group(1)))
            self._entries.append((number, f"{current}.{name}" if current else name))
            depth, open_string = _scan(key.group(2), 0, None)
            if depth > 0 and open_string is None:
                array = _OpenArray(current, name, depth)

    def _array_line(
        self, number: int, line: str, array: _OpenArray
    ) -> tuple[_OpenArray | None, str | None]:
        stripped = line.strip()
        if array.depth == 1 and array.reliable and _ONE_STRING.match(line):
            path = f"{array.key}[{array.next_index}]"
            self._entries.append((number, f"{array.table}.{path}" if array.table else path))
            array.next_index += 1
            return array, None
        depth, open_string = _scan(line, array.depth, None)
        if stripped and not stripped.startswith("#") and not stripped.startswith("]"):
            array.reliable = False  # several elements on a line, or nested: stop counting
        array.depth = depth
        if open_string is not None:
            array.reliable = False
        return (array if depth > 0 else None), open_string

    @staticmethod
    def _resolve(parts: list[str], counters: dict[str, int], is_array: bool) -> str:
        resolved = ""
        for index, part in enumerate(parts):
            prefix = f"{resolved}.{part}" if resolved else part
            if index == len(parts) - 1 and is_array:
                counters[prefix] = counters.get(prefix, -1) + 1
                resolved = f"{prefix}[{counters[prefix]}]"
            elif prefix in counters:
                resolved = f"{prefix}[{counters[prefix]}]"
            else:
                resolved = prefix
        return resolved

    def line_for(self, path: str) -> int | None:
        best: int | None = None
        best_length = -1
        for number, full in self._entries:
            matches = path == full or path.startswith((full + ".", full + "["))
            if matches and len(full) > best_length:
                best, best_length = number, len(full)
        return best


def _scan(text: str, depth: int, open_string: str | None) -> tuple[int, str | None]:
    """Bracket depth after ``text`` and the delimiter of a multi-line string left open."""
    index = 0
    length = len(text)
    while index < length:
        if open_string is not None:
            end = text.find(open_string, index)
            if open_string == '"""':
                while end > 0 and _escaped(text, end):
                    end = text.find(open_string, end + 1)
            if end < 0:
                return depth, open_string
            index = end + 3
            while index < length and text[index] == open_string[0]:
                index += 1  # up to two quotes may end the string's content
            open_string = None
            continue
        char = text[index]
        if text.startswith(('"""', "'''"), index):
            open_string = text[index : index + 3]
            index += 3
        elif char == '"':
            index += 1
            while index < length and text[index] != '"':
                index += 2 if text[index] == "\\" else 1
            index += 1
        elif char == "'":
            end = text.find("'", index + 1)
            index = length if end < 0 else end + 1
        elif char == "#":
            break
        else:
            if char in "[{":
                depth += 1
            elif char in "]}":
                depth -= 1
            index += 1
    return depth, open_string


def _escaped(text: str, position: int) -> bool:
    backslashes = 0
    while position - backslashes - 1 >= 0 and text[position - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _main(argv: Sequence[str]) -> int:
    schema = rubric_json_schema_text()
    if not argv:
        sys.stdout.write(schema)
        return 0
    Path(argv[0]).write_text(schema, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
