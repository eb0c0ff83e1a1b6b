"""Checks that relate one part of a rubric file to another: duplicates, references, order.

They run on the raw data and tolerate anything malformed (pydantic reports that), so one
pass finds every problem.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from interview_kit.domain.rubric.issues import RubricIssue, describe_value, number_text
from interview_kit.domain.rubric.model import EQUITY_MAX, LEVEL_ID_PATTERN, MONEY_MAX


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
                f"duplicate {what} {describe_value(value)}: already used at {first_seen[value]}",
            )
        else:
            first_seen[value] = path


def _repeats(path: str, value: Any, what: str) -> Iterator[RubricIssue]:
    seen: set[str] = set()
    for index, item in _str_list(value):
        if item in seen:
            yield RubricIssue(f"{path}[{index}]", f"{what} {describe_value(item)} is listed twice")
        seen.add(item)


def _one_of(ids: Iterable[str]) -> str:
    listed = sorted(ids)
    if not listed:
        return "none are defined"
    if len(listed) > 8:
        return "known: " + ", ".join(listed[:8]) + ", ..."
    return "known: " + ", ".join(listed)


def cross_checks(data: Mapping[str, Any]) -> Iterator[RubricIssue]:
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
            (f"stages[{i}].number", number_text(s.get("number")))
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
    questions = _items(data, "self_identification")
    yield from _duplicates(
        ((f"self_identification[{i}].id", q.get("id")) for i, q in questions),
        "self-identification question id",
    )
    for i, asked in questions:
        yield from _duplicates(
            (
                (f"self_identification[{i}].categories[{j}].id", c.get("id"))
                for j, c in _items(asked, "categories")
            ),
            "category id",
        )

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
                    f"unknown dimension {describe_value(tag)} ({_one_of(dimension_ids)})",
                )

    yield from _stage_order(stages)
    for i, stage in stages:
        criterion_ids = _ids(_items(stage, "criteria"))
        yield from _repeats(f"stages[{i}].look_for", stage.get("look_for"), "entry")
        for k, item in _str_list(stage.get("look_for")):
            if item not in signal_ids and item not in flag_ids:
                yield RubricIssue(
                    f"stages[{i}].look_for[{k}]",
                    f"{describe_value(item)} is neither a signal nor a red flag of this rubric",
                )
        for j, exercise in _items(stage, "exercises"):
            path = f"stages[{i}].exercises[{j}].criteria"
            yield from _repeats(path, exercise.get("criteria"), "criterion")
            for k, ref in _str_list(exercise.get("criteria")):
                if ref not in criterion_ids:
                    yield RubricIssue(
                        f"{path}[{k}]",
                        f"unknown criterion {describe_value(ref)}: an exercise can only point at "
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
                        f"unknown signal {describe_value(ref)} ({_one_of(signal_ids)})",
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
                f"stages must be listed in order: stage {number_text(number)} comes after "
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
                    f"unknown stage {describe_value(stage_id)} ({_one_of(stage_ids)})",
                )
    for key in ("blocker_level_cap", "concern_level_cap"):
        value = rules.get(key)
        if isinstance(value, str) and level_ids and value not in level_ids:
            yield RubricIssue(
                f"rules.{key}", f"unknown level {describe_value(value)} ({_one_of(level_ids)})"
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
