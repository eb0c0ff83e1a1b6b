"""The rubric: everything an interview panel scores against, as validated data.

A rubric is read from TOML (see ``docs/rubric-format.md``). Structural checks (types,
required fields, unknown keys, id syntax, ranges) come from pydantic; the checks that
relate one part of the file to another (duplicates, references, ordering) run on the raw
data as well, so one pass reports every problem a recruiter has to fix, each with its
location.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import tomllib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

FORMAT_VERSION = 1
RATINGS: tuple[int, ...] = (1, 2, 3, 4)

ID_PATTERN = r"^[a-z][a-z0-9_]{0,63}$"
LEVEL_ID_PATTERN = r"^L[0-9]{1,2}$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
LevelId = Annotated[str, StringConstraints(pattern=LEVEL_ID_PATTERN)]
Text = Annotated[str, StringConstraints(min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200)]
Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
Score = Annotated[float, Field(ge=1.0, le=4.0)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Dimension(_Strict):
    """A tag criteria and signals carry: a maturity dimension, a trait or a principle."""

    id: Id
    label: ShortText
    kind: Literal["maturity", "trait", "principle", "skill"]
    description: str = ""


class Anchors(_Strict):
    """What each rating looks like for one criterion, in observable behaviour."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    strong_no: Text = Field(alias="1")
    no: Text = Field(alias="2")
    yes: Text = Field(alias="3")
    strong_yes: Text = Field(alias="4")

    def for_rating(self, rating: int) -> str:
        return (self.strong_no, self.no, self.yes, self.strong_yes)[rating - 1]


class Criterion(_Strict):
    id: Id
    title: ShortText
    description: Text
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    tags: tuple[Id, ...] = ()
    signals: tuple[Id, ...] = ()
    anchors: Anchors


class Exercise(_Strict):
    id: Id
    title: ShortText
    minutes: Annotated[int, Field(gt=0, le=480)]
    description: Text
    prompts: Annotated[tuple[Text, ...], Field(min_length=1)]
    criteria: tuple[Id, ...] = ()


class Stage(_Strict):
    id: Id
    number: Annotated[int, Field(ge=1, le=99)]
    title: ShortText
    purpose: Text
    duration_minutes: Annotated[int, Field(gt=0, le=600)]
    required: bool = True
    what_good_looks_like: tuple[Text, ...] = ()
    look_for: tuple[Id, ...] = ()
    exercises: Annotated[tuple[Exercise, ...], Field(min_length=1)]
    criteria: Annotated[tuple[Criterion, ...], Field(min_length=1)]


class Signal(_Strict):
    id: Id
    label: ShortText
    description: str = ""
    tags: tuple[Id, ...] = ()


class RedFlag(_Strict):
    id: Id
    label: ShortText
    description: str = ""
    severity: Literal["blocker", "concern"]
    kind: Literal["key", "anti_pattern"] = "key"
    tags: tuple[Id, ...] = ()


class Band(_Strict):
    """A level's compensation band. Figures are the recruiter's to set."""

    currency: Currency
    base_min: Annotated[float, Field(ge=0)]
    base_mid: Annotated[float, Field(ge=0)]
    base_max: Annotated[float, Field(ge=0)]
    rounding: Annotated[int, Field(gt=0)] = 1000
    equity_min: Annotated[float, Field(ge=0)] = 0.0
    equity_max: Annotated[float, Field(ge=0)] = 0.0
    equity_unit: Literal["percent", "shares", "currency"] = "percent"
    equity_note: str = ""
    learning_budget: Annotated[float, Field(ge=0)] = 0.0
    is_default: bool = True
    note: str = ""


class Level(_Strict):
    id: LevelId
    title: ShortText
    impact: Text
    expectations: tuple[Text, ...] = ()
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
    strong_no: ShortText = Field("Strong no", alias="1")
    no: ShortText = Field("No", alias="2")
    yes: ShortText = Field("Yes", alias="3")
    strong_yes: ShortText = Field("Strong yes", alias="4")
    not_applicable: ShortText = "N/A"

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def label(self, rating: int | None) -> str:
        if rating is None:
            return self.not_applicable
        return (self.strong_no, self.no, self.yes, self.strong_yes)[rating - 1]


class Rubric(_Strict):
    format_version: Literal[1]
    id: Id
    name: ShortText
    version_label: str = ""
    role_title: ShortText
    alternative_titles: tuple[ShortText, ...] = ()
    summary: str = ""
    sources: tuple[str, ...] = ()
    scale: RatingScale = RatingScale()
    dimensions: tuple[Dimension, ...] = ()
    stages: Annotated[tuple[Stage, ...], Field(min_length=1)]
    signals: tuple[Signal, ...] = ()
    red_flags: tuple[RedFlag, ...] = ()
    levels: Annotated[tuple[Level, ...], Field(min_length=1)]
    rules: Rules = Rules()

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


# ---------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class RubricIssue:
    """One problem in a rubric file, with where it is."""

    path: str
    message: str
    line: int | None = None

    def format(self, source: str) -> str:
        where = f"{source}:{self.line}" if self.line else source
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
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise RubricError([RubricIssue("", "file not found")], str(path)) from None
    except UnicodeDecodeError as exc:
        raise RubricError(
            [RubricIssue("", f"not UTF-8 text (byte {exc.start})")], str(path)
        ) from None
    except OSError as exc:
        raise RubricError([RubricIssue("", f"cannot read: {exc.strerror}")], str(path)) from None
    return parse_rubric(text, str(path))


def parse_rubric(text: str, source: str = "<rubric>") -> Rubric:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError([_toml_issue(exc)], source) from None
    locator = _LineLocator(text)
    return rubric_from_data(data, source, locator)


def rubric_from_data(
    data: Mapping[str, Any], source: str = "<rubric>", locator: _LineLocator | None = None
) -> Rubric:
    issues = validate_rubric_data(data)
    if issues:
        if locator is not None:
            issues = [RubricIssue(i.path, i.message, locator.line_for(i.path)) for i in issues]
        raise RubricError(issues, source)
    return Rubric.model_validate(data)


def validate_rubric_data(data: Mapping[str, Any]) -> list[RubricIssue]:
    """Every structural and cross-reference problem in raw rubric data, in file order."""
    issues: list[RubricIssue] = []
    try:
        Rubric.model_validate(data)
    except ValidationError as exc:
        issues.extend(_pydantic_issues(exc))
    seen = {(i.path, i.message) for i in issues}
    for issue in _cross_checks(data):
        if (issue.path, issue.message) not in seen:
            issues.append(issue)
            seen.add((issue.path, issue.message))
    return issues


def _toml_issue(exc: tomllib.TOMLDecodeError) -> RubricIssue:
    # tomllib messages end with "(at line L, column C)".
    message = str(exc)
    match = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    line = int(match.group(1)) if match else getattr(exc, "lineno", None)
    text = message[: match.start()].strip() if match else message
    return RubricIssue("", f"not valid TOML: {text}", line)


def format_path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_FRIENDLY = {
    "missing": "is required but missing",
    "extra_forbidden": "is not a known key",
}


def _pydantic_issues(exc: ValidationError) -> list[RubricIssue]:
    issues = []
    errors = exc.errors(include_url=False)
    paths = [format_path(error["loc"]) for error in errors]
    for error in errors:
        loc = [part for part in error["loc"] if not _is_union_tag(part)]
        here = format_path(loc)
        if error["type"] == "too_short" and any(
            other != here and other.startswith(here + "[") for other in paths
        ):
            continue  # a list whose items failed is not also "empty"
        message = _FRIENDLY.get(error["type"], error["msg"])
        if error["type"] == "string_pattern_mismatch":
            value = error.get("input")
            pattern = (error.get("ctx") or {}).get("pattern", "")
            if pattern == ID_PATTERN:
                message = (
                    f"malformed id {value!r}: use lowercase letters, digits and underscores, "
                    "starting with a letter"
                )
            elif pattern == LEVEL_ID_PATTERN:
                message = f"malformed level id {value!r}: use L followed by a number, e.g. L4"
            else:
                message = f"{value!r} does not match the expected form {pattern}"
        if loc and loc[-1] in {"1", "2", "3", "4"} and error["type"] == "missing":
            message = f"anchor for rating {loc[-1]} is missing"
        issues.append(RubricIssue(format_path(loc), message))
    return issues


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and part.startswith(("function-", "tagged-union"))


# ---------------------------------------------------------------------------------
# Cross checks on raw data (tolerant of anything malformed: pydantic reports that)


def _items(data: Mapping[str, Any], key: str) -> list[tuple[int, Mapping[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, Mapping)]


def _str_list(value: Any) -> list[tuple[int, str]]:
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, str)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    number = float(value)
    return number if math.isfinite(number) else None


def _duplicates(
    entries: Iterable[tuple[str, Any]], what: str
) -> Iterator[RubricIssue]:
    first_seen: dict[str, str] = {}
    for path, value in entries:
        if not isinstance(value, str):
            continue
        if value in first_seen:
            yield RubricIssue(path, f"duplicate {what} id {value!r} (first used at {first_seen[value]})")
        else:
            first_seen[value] = path


def _cross_checks(data: Mapping[str, Any]) -> Iterator[RubricIssue]:
    stages = _items(data, "stages")
    signals = _items(data, "signals")
    flags = _items(data, "red_flags")
    dimensions = _items(data, "dimensions")
    levels = _items(data, "levels")

    yield from _duplicates(((f"dimensions[{i}].id", d.get("id")) for i, d in dimensions), "dimension")
    yield from _duplicates(((f"stages[{i}].id", s.get("id")) for i, s in stages), "stage")
    yield from _duplicates(((f"stages[{i}].number", str(s.get("number"))) for i, s in stages
                            if _number(s.get("number")) is not None), "stage number")
    yield from _duplicates(
        (
            (f"stages[{i}].criteria[{j}].id", c.get("id"))
            for i, s in stages
            for j, c in _items(s, "criteria")
        ),
        "criterion",
    )
    for i, stage in stages:
        yield from _duplicates(
            ((f"stages[{i}].exercises[{j}].id", e.get("id")) for j, e in _items(stage, "exercises")),
            "exercise",
        )
    yield from _duplicates(((f"signals[{i}].id", s.get("id")) for i, s in signals), "signal")
    yield from _duplicates(((f"red_flags[{i}].id", f.get("id")) for i, f in flags), "red flag")
    yield from _duplicates(((f"levels[{i}].id", lv.get("id")) for i, lv in levels), "level")

    dimension_ids = {d.get("id") for _, d in dimensions}
    signal_ids = {s.get("id") for _, s in signals}
    flag_ids = {f.get("id") for _, f in flags}
    stage_ids = {s.get("id") for _, s in stages}
    level_ids = {lv.get("id") for _, lv in levels}

    def unknown_tags(path: str, item: Mapping[str, Any]) -> Iterator[RubricIssue]:
        for k, tag in _str_list(item.get("tags")):
            if tag not in dimension_ids:
                yield RubricIssue(f"{path}.tags[{k}]", f"unknown dimension {tag!r}")

    for i, stage in stages:
        criterion_ids = {c.get("id") for _, c in _items(stage, "criteria")}
        for k, item in _str_list(stage.get("look_for")):
            if item not in signal_ids and item not in flag_ids:
                yield RubricIssue(
                    f"stages[{i}].look_for[{k}]", f"unknown signal or red flag {item!r}"
                )
        for j, exercise in _items(stage, "exercises"):
            for k, ref in _str_list(exercise.get("criteria")):
                if ref not in criterion_ids:
                    yield RubricIssue(
                        f"stages[{i}].exercises[{j}].criteria[{k}]",
                        f"unknown criterion {ref!r} (not in this stage)",
                    )
        for j, criterion in _items(stage, "criteria"):
            path = f"stages[{i}].criteria[{j}]"
            yield from unknown_tags(path, criterion)
            for k, ref in _str_list(criterion.get("signals")):
                if ref not in signal_ids:
                    yield RubricIssue(f"{path}.signals[{k}]", f"unknown signal {ref!r}")
    for i, signal in signals:
        yield from unknown_tags(f"signals[{i}]", signal)
    for i, flag in flags:
        yield from unknown_tags(f"red_flags[{i}]", flag)

    yield from _level_checks(levels)

    rules = data.get("rules")
    if isinstance(rules, Mapping):
        weights = rules.get("stage_weights")
        if isinstance(weights, Mapping):
            for stage_id in weights:
                if stage_id not in stage_ids:
                    yield RubricIssue(
                        f"rules.stage_weights.{stage_id}", f"unknown stage {stage_id!r}"
                    )
        for key in ("blocker_level_cap", "concern_level_cap"):
            value = rules.get(key)
            if isinstance(value, str) and levels and value not in level_ids:
                yield RubricIssue(f"rules.{key}", f"unknown level {value!r}")
        low = _number(rules.get("strong_no_hire_below", 2.0))
        bar = _number(rules.get("hire_bar", 2.75))
        high = _number(rules.get("strong_hire_at", 3.5))
        if low is not None and bar is not None and low > bar:
            yield RubricIssue(
                "rules.strong_no_hire_below", f"must not exceed the hire bar ({bar:g})"
            )
        if bar is not None and high is not None and bar > high:
            yield RubricIssue("rules.strong_hire_at", f"must not be below the hire bar ({bar:g})")
        hi_cov = _number(rules.get("high_confidence_coverage", 0.9))
        cov = _number(rules.get("coverage_threshold", 0.8))
        if hi_cov is not None and cov is not None and hi_cov < cov:
            yield RubricIssue(
                "rules.high_confidence_coverage",
                f"must not be below coverage_threshold ({cov:g})",
            )


def _level_checks(levels: list[tuple[int, Mapping[str, Any]]]) -> Iterator[RubricIssue]:
    previous_score: tuple[int, float] | None = None
    previous_signals: tuple[int, float] | None = None
    for i, level in levels:
        score = _number(level.get("min_score"))
        if score is not None:
            if previous_score is not None and score <= previous_score[1]:
                yield RubricIssue(
                    f"levels[{i}].min_score",
                    f"levels must be listed lowest first with rising minimum scores: "
                    f"{score:g} is not above levels[{previous_score[0]}].min_score "
                    f"({previous_score[1]:g})",
                )
            previous_score = (i, score)
        signals = _number(level.get("min_positive_signals", 0))
        if signals is not None:
            if previous_signals is not None and signals < previous_signals[1]:
                yield RubricIssue(
                    f"levels[{i}].min_positive_signals",
                    f"must not be below levels[{previous_signals[0]}].min_positive_signals "
                    f"({previous_signals[1]:g})",
                )
            previous_signals = (i, signals)
        band = level.get("band")
        if isinstance(band, Mapping):
            low, mid, high = (_number(band.get(k)) for k in ("base_min", "base_mid", "base_max"))
            if low is not None and mid is not None and low > mid:
                yield RubricIssue(
                    f"levels[{i}].band.base_mid",
                    f"band must satisfy base_min <= base_mid <= base_max: "
                    f"base_min {low:g} is above base_mid {mid:g}",
                )
            if mid is not None and high is not None and mid > high:
                yield RubricIssue(
                    f"levels[{i}].band.base_max",
                    f"band must satisfy base_min <= base_mid <= base_max: "
                    f"base_mid {mid:g} is above base_max {high:g}",
                )
            if low is not None and high is not None and low >= high and (mid is None or low <= mid <= high):
                yield RubricIssue(
                    f"levels[{i}].band.base_max", "band base_max must be above base_min"
                )
            e_low, e_high = _number(band.get("equity_min", 0)), _number(band.get("equity_max", 0))
            if e_low is not None and e_high is not None and e_low > e_high:
                yield RubricIssue(
                    f"levels[{i}].band.equity_max",
                    f"equity_max {e_high:g} is below equity_min {e_low:g}",
                )


# ---------------------------------------------------------------------------------
# Line numbers for issues found after parsing


class _LineLocator:
    """Best-effort mapping from a path like ``stages[2].criteria[1].anchors`` to a line.

    TOML's parser reports lines only for syntax errors; for everything else we find the
    table header or key in the text ourselves. When unsure we report no line rather than a
    wrong one.
    """

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\" -]+?)\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(r"^\s*\"?([A-Za-z0-9_-]+)\"?\s*=")

    def __init__(self, text: str) -> None:
        # (line number, table path with array indexes, key) for every header and key.
        self._entries: list[tuple[int, str, str | None]] = []
        counters: dict[str, int] = {}
        current = ""
        for number, line in enumerate(text.splitlines(), start=1):
            header = self._HEADER.match(line)
            if header:
                is_array = header.group(1) == "[["
                name = header.group(2).replace('"', "").replace(" ", "")
                current = self._resolve(name, counters, is_array)
                self._entries.append((number, current, None))
                continue
            key = self._KEY.match(line)
            if key:
                self._entries.append((number, current, key.group(1)))

    @staticmethod
    def _resolve(name: str, counters: dict[str, int], is_array: bool) -> str:
        parts = name.split(".")
        resolved = ""
        for index, part in enumerate(parts):
            prefix = f"{resolved}.{part}" if resolved else part
            last = index == len(parts) - 1
            if last and is_array:
                counters[prefix] = counters.get(prefix, -1) + 1
                # A new element resets the counters of arrays nested under it.
                for key in [k for k in counters if k.startswith(prefix + "[")]:
                    del counters[key]
                resolved = f"{prefix}[{counters[prefix]}]"
            elif prefix in counters:
                resolved = f"{prefix}[{counters[prefix]}]"
            else:
                resolved = prefix
        return resolved

    def line_for(self, path: str) -> int | None:
        best: int | None = None
        best_length = -1
        for number, table, key in self._entries:
            full = f"{table}.{key}" if key and table else (key or table)
            if path == full or path.startswith(full + ".") or path.startswith(full + "["):
                if len(full) > best_length:
                    best, best_length = number, len(full)
        return best
