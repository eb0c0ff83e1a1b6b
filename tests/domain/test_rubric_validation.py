"""Rubric validation: every mistake a recruiter can make is reported, located and explained."""

from __future__ import annotations

import copy
import datetime as dt
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_kit.domain.rubric import (
    Rubric,
    RubricError,
    RubricIssue,
    load_rubric,
    parse_rubric,
    rubric_from_data,
    rubric_json_schema,
    validate_rubric_data,
)
from interview_kit.domain.rubric.locations import LineLocator

BUILDER = Path(__file__).resolve().parents[2] / "resources" / "rubrics" / "builder.toml"
TEXT = BUILDER.read_text(encoding="utf-8")


def edit(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, f"edit target not unique in builder.toml: {old!r}"
    return text.replace(old, new)


def line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1, f"line marker not unique: {snippet!r}"
    return text[: text.index(snippet)].count("\n") + 1


def issues_of(text: str) -> tuple[RubricIssue, ...]:
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "builder.toml")
    return caught.value.issues


def builder_data() -> dict[str, Any]:
    return load_rubric(BUILDER).to_data()


def test_default_rubric_is_valid() -> None:
    assert validate_rubric_data(builder_data()) == []
    assert isinstance(parse_rubric(TEXT), Rubric)


# ---------------------------------------------------------------------------------------
# One case per kind of error, made by editing the default rubric's text.


@dataclass(frozen=True)
class Case:
    edits: tuple[tuple[str, str], ...]
    path: str
    message: str
    at: str | None  # a unique snippet of the edited text whose first line is reported
    others: bool = False  # the edit also causes other, expected, issues


TEXT_CASES: dict[str, Case] = {
    "bad TOML: unquoted text": Case(
        (('role_title = "Builder"', "role_title = Builder"),),
        "",
        "not valid TOML: Invalid value (text must be in quotes",
        "role_title = Builder",
    ),
    "bad TOML: key set twice": Case(
        (('version_label = "1.0 (default)"', 'version_label = "1.0 (default)"\nname = "Again"'),),
        "",
        "the same key is set twice",
        'name = "Again"',
    ),
    "bad TOML: unclosed string": Case(
        (('role_title = "Builder"', 'role_title = "Builder'),),
        "",
        "a quote is not closed before the end of the line",
        'role_title = "Builder',
    ),
    "unknown top-level key": Case(
        (('role_title = "Builder"', 'role_title = "Builder"\nrole_titel = "Builder"'),),
        "role_titel",
        "is not a known key (did you mean 'role_title'?)",
        "role_titel",
    ),
    "unknown nested key": Case(
        (
            (
                'weight = 1.5\ntags = ["technical_depth", "ai_usage"',
                'wieght = 1.5\ntags = ["technical_depth", "ai_usage"',
            ),
        ),
        "stages[1].criteria[0].wieght",
        "is not a known key (did you mean 'weight'?)",
        "wieght = 1.5",
    ),
    "duplicate criterion id across stages": Case(
        (
            (
                'id = "design_critique"\ntitle = "Design critique and user experience"',
                'id = "debugging_diagnosis"\ntitle = "Design critique and user experience"',
            ),
        ),
        "stages[2].criteria[1].id",
        "duplicate criterion id 'debugging_diagnosis': already used at stages[1].criteria[2].id",
        'id = "debugging_diagnosis"\ntitle = "Design critique',
        others=True,
    ),
    "duplicate stage id": Case(
        (('id = "product_assessment"\nnumber = 3', 'id = "technical_deep_dive"\nnumber = 3'),),
        "stages[2].id",
        "duplicate stage id 'technical_deep_dive': already used at stages[1].id",
        'id = "technical_deep_dive"\nnumber = 3',
        others=True,
    ),
    "duplicate exercise id in a stage": Case(
        (('id = "gtm_strategy"', 'id = "define_prototype"'),),
        "stages[2].exercises[2].id",
        "duplicate exercise id 'define_prototype': already used at stages[2].exercises[0].id",
        'id = "define_prototype"\ntitle = "Present',
    ),
    "signal and red flag share an id": Case(
        (('id = "defiant"', 'id = "ships_with_minimal_resources"'),),
        "red_flags[8].id",
        "duplicate signal or red flag id 'ships_with_minimal_resources': already used at "
        "signals[1].id",
        'id = "ships_with_minimal_resources"\nlabel = "Defiant"',
        others=True,
    ),
    "duplicate level id": Case(
        (('id = "L7"', 'id = "L6"'),),
        "levels[3].id",
        "duplicate level id 'L6': already used at levels[2].id",
        'id = "L6"\ntitle = "Principal Builder"',
        others=True,
    ),
    "malformed id": Case(
        (('id = "gtm_strategy"', 'id = "GTM strategy"'),),
        "stages[2].exercises[2].id",
        "malformed id 'GTM strategy': use lowercase letters, digits and underscores",
        'id = "GTM strategy"',
    ),
    "malformed level id": Case(
        (('id = "L6"', 'id = "level6"'),),
        "levels[2].id",
        "malformed level id 'level6': use L followed by a number, e.g. L4",
        'id = "level6"',
    ),
    "missing anchor": Case(
        (('3 = "Finds the serious problems first', 'three = "Finds the serious problems first'),),
        "stages[1].criteria[3].anchors.3",
        "the anchor for rating 3 (yes) is missing",
        '[stages.criteria.anchors]\n1 = "Misses the defect',
        others=True,
    ),
    "missing anchors table": Case(
        (
            (
                '[stages.criteria.anchors]\n1 = "Misses the defect',
                '[stages.criteria.anchorz]\n1 = "Misses the defect',
            ),
        ),
        "stages[1].criteria[3].anchors",
        "anchors are missing: give an anchor for each rating 1, 2, 3 and 4",
        '[[stages.criteria]]\nid = "code_review_judgement"',
        others=True,
    ),
    "anchor beyond the scale": Case(
        (('4 = "Also reviews for the user', '5 = "Also reviews for the user'),),
        "stages[1].criteria[3].anchors.5",
        "is not a rating: anchors are keyed 1, 2, 3 and 4",
        '5 = "Also reviews',
        others=True,
    ),
    "anchor written by name": Case(
        (('1 = "Strong no"\n2 = "No"', 'strong_no = "Strong no"\n2 = "No"'),),
        "scale.strong_no",
        "write the rating as 1, not 'strong_no'",
        'strong_no = "Strong no"',
    ),
    "weight zero": Case(
        (
            (
                'weight = 1.5\ntags = ["technical_depth", "ai_usage"',
                'weight = 0\ntags = ["technical_depth", "ai_usage"',
            ),
        ),
        "stages[1].criteria[0].weight",
        "must be greater than 0, but is 0",
        "weight = 0",
    ),
    "weight negative": Case(
        (
            (
                'weight = 1.5\ntags = ["technical_depth", "ai_usage"',
                'weight = -2.5\ntags = ["technical_depth", "ai_usage"',
            ),
        ),
        "stages[1].criteria[0].weight",
        "must be greater than 0, but is -2.5",
        "weight = -2.5",
    ),
    "level minimum scores out of order": Case(
        (("min_score = 3.3", "min_score = 2.9"),),
        "levels[2].min_score",
        "minimum scores must rise from level to level: 2.9 is not above levels[1].min_score (3)",
        "min_score = 2.9",
    ),
    "level minimum signals out of order": Case(
        (("min_positive_signals = 4", "min_positive_signals = 1"),),
        "levels[3].min_positive_signals",
        "must not be below levels[2].min_positive_signals (3), but is 1",
        'min_positive_signals = 1\n\n[levels.band]\ncurrency = "USD"\nbase_min = 275000',
    ),
    "levels listed out of order": Case(
        (('id = "L5"', 'id = "L3"'),),
        "levels[1].id",
        "levels must be listed lowest first: L3 comes after L4 (levels[0])",
        'id = "L3"',
        others=True,
    ),
    "band min above mid": Case(
        (("base_min = 200000", "base_min = 230000"),),
        "levels[1].band.base_mid",
        "a band needs base_min <= base_mid <= base_max, but base_min 230000 is above base_mid "
        "228000",
        "base_mid = 228000",
    ),
    "band mid above max": Case(
        (("base_max = 345000", "base_max = 300000"),),
        "levels[3].band.base_max",
        "but base_mid 310000 is above base_max 300000",
        "base_max = 300000",
    ),
    "bands not rising with the level": Case(
        (
            (
                "base_min = 235000\nbase_mid = 265000",
                "base_min = 200000\nbase_mid = 220000",
            ),
        ),
        "levels[2].band.base_mid",
        "bands must rise with the level: 220000 is not above levels[1].band.base_mid (228000)",
        "base_mid = 220000",
    ),
    "equity min above max": Case(
        (("equity_min = 0.5", "equity_min = 1.5"),),
        "levels[3].band.equity_max",
        "equity_max (1.2) must not be below equity_min (1.5)",
        "equity_max = 1.2",
    ),
    "currency code": Case(
        (('currency = "USD"\nbase_min = 170000', 'currency = "dollars"\nbase_min = 170000'),),
        "levels[0].band.currency",
        "'dollars' is not a currency code: use three capitals, e.g. USD",
        'currency = "dollars"',
    ),
    "unknown stage in stage weights": Case(
        (("product_assessment = 1.0", "product_assesment = 1.0"),),
        "rules.stage_weights.product_assesment",
        "unknown stage 'product_assesment' (known: initial_screen, product_assessment, "
        "technical_deep_dive)",
        "product_assesment = 1.0",
    ),
    "unknown signal on a criterion": Case(
        (
            (
                'signals = ["learns_across_disciplines"]\n\n[stages.criteria.anchors]\n1 = "Wants',
                'signals = ["learns_across_discipline"]\n\n[stages.criteria.anchors]\n1 = "Wants',
            ),
        ),
        "stages[0].criteria[1].signals[0]",
        "unknown signal 'learns_across_discipline' (known: asks_about_customer_impact,",
        'signals = ["learns_across_discipline"]',
    ),
    "unknown signal or red flag to look for": Case(
        (
            (
                '    "defiant",\n]\n\n[[stages.exercises]]\nid = "ownership_examples"',
                '    "defiantt",\n]\n\n[[stages.exercises]]\nid = "ownership_examples"',
            ),
        ),
        "stages[0].look_for[7]",
        "'defiantt' is neither a signal nor a red flag of this rubric",
        '"defiantt",',
    ),
    "unknown dimension tag": Case(
        (('tags = ["customer_obsession"]', 'tags = ["customer_obsesion"]'),),
        "red_flags[0].tags[0]",
        "unknown dimension 'customer_obsesion' (known: adaptability,",
        'tags = ["customer_obsesion"]',
    ),
    "tag listed twice": Case(
        (('tags = ["customer_obsession"]', 'tags = ["customer_obsession", "customer_obsession"]'),),
        "red_flags[0].tags[1]",
        "dimension 'customer_obsession' is listed twice",
        'tags = ["customer_obsession", "customer_obsession"]',
    ),
    "unknown level in a cap": Case(
        (('concern_level_cap = "L5"', 'concern_level_cap = "L8"'),),
        "rules.concern_level_cap",
        "unknown level 'L8' (known: L4, L5, L6, L7)",
        'concern_level_cap = "L8"',
    ),
    "unknown criterion on an exercise": Case(
        (('criteria = ["go_to_market"]', 'criteria = ["gtm"]'),),
        "stages[2].exercises[2].criteria[0]",
        "unknown criterion 'gtm': an exercise can only point at criteria of its own stage",
        'criteria = ["gtm"]',
    ),
    "text where a whole number belongs": Case(
        (("minutes = 35", 'minutes = "35"'),),
        "stages[1].exercises[1].minutes",
        "must be a whole number, not text",
        'minutes = "35"',
    ),
    "fraction where a whole number belongs": Case(
        (("duration_minutes = 60", "duration_minutes = 60.5"),),
        "stages[0].duration_minutes",
        "must be a whole number, not a number",
        "duration_minutes = 60.5",
    ),
    "text where true/false belongs": Case(
        (
            (
                'required = true\nwhat_good_looks_like = [\n    "A working thin slice',
                'required = "yes"\nwhat_good_looks_like = [\n    "A working thin slice',
            ),
        ),
        "stages[1].required",
        "must be true or false, not text",
        'required = "yes"',
    ),
    "true/false where a number belongs": Case(
        (("hire_bar = 2.75", "hire_bar = true"),),
        "rules.hire_bar",
        "must be a number, not true/false",
        "hire_bar = true",
    ),
    "table where text belongs": Case(
        (('role_title = "Builder"', 'role_title = { name = "Builder" }'),),
        "role_title",
        "must be text in quotes, not a table",
        "role_title = {",
    ),
    "text where a list belongs": Case(
        (("signals = []", 'signals = "none"'),),
        "stages[1].criteria[2].signals",
        "must be a list in square brackets, not text",
        'signals = "none"',
    ),
    "date where text belongs": Case(
        (('version_label = "1.0 (default)"', "version_label = 2026-05-01"),),
        "version_label",
        "must be text in quotes, not a date or time",
        "version_label = 2026-05-01",
    ),
    "nan": Case(
        (("min_score = 3.6", "min_score = nan"),),
        "levels[3].min_score",
        "must be an ordinary number (nan and inf are not allowed)",
        "min_score = nan",
    ),
    "inf": Case(
        (("learning_budget = 15000", "learning_budget = inf"),),
        "levels[3].band.learning_budget",
        "must be an ordinary number (nan and inf are not allowed)",
        "learning_budget = inf",
    ),
    "huge number": Case(
        (("base_min = 275000", "base_min = 1" + "0" * 400),),
        "levels[3].band.base_min",
        "is far too large a number",
        "base_min = 1000",
    ),
    "number out of range": Case(
        (("coverage_threshold = 0.8", "coverage_threshold = 1.5"),),
        "rules.coverage_threshold",
        "must be at most 1, but is 1.5",
        "coverage_threshold = 1.5",
    ),
    "empty text": Case(
        (('title = "Technical deep dive"', 'title = ""'),),
        "stages[1].title",
        "must not be empty",
        'title = ""\npurpose = "See the candidate build',
    ),
    "blank text": Case(
        (
            (
                'impact = "Leads end-to-end projects. Contributes to product strategy."',
                'impact = "   "',
            ),
        ),
        "levels[1].impact",
        "must not be blank",
        'impact = "   "',
    ),
    "blank list entry": Case(
        (('    "01 Builder",', '    " ",'),),
        "alternative_titles[5]",
        "must not be blank",
        '    " ",',
    ),
    "text too long": Case(
        (('label = "Has strong opinions, loosely held"', 'label = "' + "x" * 201 + '"'),),
        "signals[3].label",
        "is too long: 201 characters where at most 200 are allowed",
        'label = "xxx',
    ),
    "wrong choice": Case(
        (
            (
                'severity = "blocker"\nkind = "key"\ndescription = "Dismisses',
                'severity = "critical"\nkind = "key"\ndescription = "Dismisses',
            ),
        ),
        "red_flags[0].severity",
        "must be one of 'blocker' or 'concern', not 'critical'",
        'severity = "critical"',
    ),
    "other format version": Case(
        (("format_version = 1", "format_version = 2"),),
        "format_version",
        "this app reads rubric format_version = 1; this file says 2",
        "format_version = 2",
    ),
    "format version as true": Case(
        (("format_version = 1", "format_version = true"),),
        "format_version",
        "this file says true",
        "format_version = true",
    ),
    "missing format version": Case(
        (("format_version = 1\n", ""),),
        "format_version",
        "is missing: the file must start with format_version = 1",
        None,
    ),
    "missing required key": Case(
        (('role_title = "Builder"\n', ""),),
        "role_title",
        "is required but missing",
        None,
    ),
    "exercises longer than the stage": Case(
        (("duration_minutes = 60", "duration_minutes = 50"),),
        "stages[0].duration_minutes",
        "the exercises' time boxes add up to 55 minutes, more than the stage's 50",
        "duration_minutes = 50",
    ),
    "stages out of order": Case(
        (("number = 2", "number = 4"),),
        "stages[2].number",
        "stages must be listed in order: stage 3 comes after stage 4 (stages[1])",
        "number = 3",
    ),
    "duplicate stage number": Case(
        (("number = 3", "number = 2"),),
        "stages[2].number",
        "duplicate stage number '2': already used at stages[1].number",
        'number = 2\ntitle = "Product',
    ),
    "no-hire line above the hire bar": Case(
        (("strong_no_hire_below = 2.0", "strong_no_hire_below = 3.0"),),
        "rules.strong_no_hire_below",
        "must not be above the hire bar (2.75), but is 3",
        "strong_no_hire_below = 3.0",
    ),
    "strong hire below the hire bar": Case(
        (("strong_hire_at = 3.5", "strong_hire_at = 2.5"),),
        "rules.strong_hire_at",
        "must not be below the hire bar (2.75), but is 2.5",
        "strong_hire_at = 2.5",
    ),
    "high-confidence coverage below the threshold": Case(
        (("high_confidence_coverage = 0.9", "high_confidence_coverage = 0.7"),),
        "rules.high_confidence_coverage",
        "must not be below coverage_threshold (0.8), but is 0.7",
        "high_confidence_coverage = 0.7",
    ),
}


@pytest.mark.parametrize("name", list(TEXT_CASES))
def test_each_error_kind_is_reported_where_it_is(name: str) -> None:
    case = TEXT_CASES[name]
    text = TEXT
    for old, new in case.edits:
        text = edit(text, old, new)
    issues = issues_of(text)
    matching = [i for i in issues if i.path == case.path and case.message in i.message]
    assert matching, f"expected {case.path}: {case.message!r}; got {issues}"
    issue = matching[0]
    if case.at is None:
        assert issue.line is None
    else:
        assert issue.line == line_of(text, case.at), issue
    if not case.others:
        assert len(issues) == 1, issues
    for every in issues:
        assert "Traceback" not in every.message
        assert "Input should" not in every.message, every  # pydantic's words, not ours


def test_toml_errors_carry_a_column() -> None:
    issues = issues_of(edit(TEXT, 'role_title = "Builder"', "role_title = Builder"))
    assert len(issues) == 1
    assert issues[0].column == 14
    assert issues[0].format("builder.toml").startswith(f"builder.toml:{issues[0].line}:14: ")


def test_toml_error_at_end_of_document_points_at_the_last_line() -> None:
    issues = issues_of(TEXT + '\nbroken = """never closed\n')
    assert issues[0].line == len((TEXT + '\nbroken = """never closed\n').splitlines())
    assert "not valid TOML" in issues[0].message


def test_integer_too_long_for_python_is_bad_toml_not_a_crash() -> None:
    issues = issues_of(
        edit(
            TEXT,
            "rounding = 1000\nequity_min = 0.5",
            "rounding = 1" + "0" * 5000 + "\nequity_min = 0.5",
        )
    )
    assert issues[0].message.startswith("not valid TOML")


def test_deeply_nested_toml_is_reported_not_a_crash() -> None:
    issues = issues_of("x = " + "[" * 50_000)
    assert issues[0].message.startswith("not valid TOML")


# ---------------------------------------------------------------------------------------
# Errors only raw data can show (files from other tools, JSON from storage).


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return apply


def _delete(path: tuple[str | int, ...]) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        target: Any = data
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return apply


DATA_CASES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    "no stages": (_set(("stages",), []), "stages", "needs at least one entry"),
    "no levels": (_set(("levels",), []), "levels", "needs at least one entry"),
    "no prompts": (
        _set(("stages", 0, "exercises", 0, "prompts"), []),
        "stages[0].exercises[0].prompts",
        "needs at least one entry",
    ),
    "levels not a list of tables": (
        _set(("levels",), "L4"),
        "levels",
        "must be a list of [[levels]] tables, not text",
    ),
    "band not a table": (
        _set(("levels", 0, "band"), 170000),
        "levels[0].band",
        "must be a table (a [section] or { key = value }), not a whole number",
    ),
    "missing band": (
        _delete(("levels", 0, "band")),
        "levels[0].band",
        "is required but missing",
    ),
    "null value": (
        _set(("stages", 0, "title"), None),
        "stages[0].title",
        "must be text in quotes, not nothing",
    ),
    "malformed stage id as a weight key": (
        _set(("rules", "stage_weights", "Stage One"), 1.0),
        "rules.stage_weights.Stage One",
        "malformed id 'Stage One'",
    ),
    "non-finite weight": (
        _set(("stages", 0, "criteria", 0, "weight"), math.inf),
        "stages[0].criteria[0].weight",
        "must be an ordinary number (nan and inf are not allowed)",
    ),
    "text number": (
        _set(("levels", 0, "min_score"), "2.75"),
        "levels[0].min_score",
        "must be a number, not text",
    ),
}


@pytest.mark.parametrize("name", list(DATA_CASES))
def test_data_errors(name: str) -> None:
    mutate, path, message = DATA_CASES[name]
    data = builder_data()
    mutate(data)
    issues = validate_rubric_data(data)
    assert any(i.path == path and message in i.message for i in issues), issues
    with pytest.raises(RubricError) as caught:
        rubric_from_data(data, "data")
    assert caught.value.issues == tuple(issues)


def test_not_a_table_at_all() -> None:
    issues = validate_rubric_data(["not", "a", "table"])  # type: ignore[arg-type]
    assert [i.message for i in issues] == [
        "a rubric must be a table of keys and values, not a list"
    ]


def test_a_list_whose_items_fail_is_not_also_called_empty() -> None:
    data = builder_data()
    data["stages"][0]["exercises"][0]["prompts"] = [""]
    issues = validate_rubric_data(data)
    assert [(i.path, i.message) for i in issues] == [
        ("stages[0].exercises[0].prompts[0]", "must not be empty")
    ]


# ---------------------------------------------------------------------------------------
# Files


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric(tmp_path / "nope.toml")
    assert caught.value.issues == (RubricIssue("", "file not found"),)
    assert caught.value.source.endswith("nope.toml")


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(RubricError) as caught:
        load_rubric(tmp_path)
    assert caught.value.issues[0].message == "is a folder, not a rubric file"


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    target = tmp_path / "latin1.toml"
    target.write_bytes(
        TEXT.replace("Builder in-residence", "Bâtisseur").encode("latin-1", "replace")
    )
    with pytest.raises(RubricError) as caught:
        load_rubric(target)
    issue = caught.value.issues[0]
    assert "not UTF-8" in issue.message
    assert issue.line == line_of(TEXT, '"Builder in-residence"')


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    target = tmp_path / "bom.toml"
    target.write_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert load_rubric(target).content_hash() == parse_rubric(TEXT).content_hash()


def test_windows_line_endings_keep_line_numbers(tmp_path: Path) -> None:
    text = edit(TEXT, "min_score = 3.3", "min_score = 2.9")
    target = tmp_path / "crlf.toml"
    target.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    with pytest.raises(RubricError) as caught:
        load_rubric(target)
    assert caught.value.issues[0].line == line_of(text, "min_score = 2.9")


def test_empty_file_lists_what_is_required(tmp_path: Path) -> None:
    target = tmp_path / "empty.toml"
    target.write_text("", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(target)
    paths = [issue.path for issue in caught.value.issues]
    assert paths == ["format_version", "id", "name", "role_title", "stages", "levels"]


# ---------------------------------------------------------------------------------------
# Many errors at once


def test_every_error_in_a_file_is_reported_with_path_and_line() -> None:
    text = TEXT
    for old, new in (
        ('role_title = "Builder"', 'role_title = ""'),
        ('kind = "trait"\ndescription = "Constantly', 'kind = "habit"\ndescription = "Constantly'),
        (
            'weight = 1.5\ntags = ["technical_depth", "ai_usage"',
            'wieght = 1.5\ntags = ["technical_depth", "ai_usage"',
        ),
        ('3 = "Finds the serious problems first', 'three = "Finds the serious problems first'),
        ("minutes = 35", "minutes = -5"),
        ('tags = ["customer_obsession"]', 'tags = ["empathy"]'),
        ("min_score = 3.3", "min_score = 2.9"),
        ("base_max = 345000", "base_max = 300000"),
        ("product_assessment = 1.0", "product_stage = 1.0"),
    ):
        text = edit(text, old, new)
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "builder.toml")
    error = caught.value
    got = [(i.path, i.line) for i in error.issues]
    assert got == [
        ("role_title", line_of(text, 'role_title = ""')),
        ("dimensions[6].kind", line_of(text, 'kind = "habit"')),
        ("stages[1].exercises[1].minutes", line_of(text, "minutes = -5")),
        ("stages[1].criteria[0].wieght", line_of(text, "wieght = 1.5")),
        (
            "stages[1].criteria[3].anchors.3",
            line_of(text, '[stages.criteria.anchors]\n1 = "Misses'),
        ),
        ("stages[1].criteria[3].anchors.three", line_of(text, "three = ")),
        ("red_flags[0].tags[0]", line_of(text, 'tags = ["empathy"]')),
        ("levels[2].min_score", line_of(text, "min_score = 2.9")),
        ("levels[3].band.base_max", line_of(text, "base_max = 300000")),
        ("rules.stage_weights.product_stage", line_of(text, "product_stage = 1.0")),
    ]
    assert error.describe().splitlines()[0] == "builder.toml: 10 problems in the rubric"
    assert f"  builder.toml:{line_of(text, 'minutes = -5')}: stages[1].exercises[1].minutes: " in (
        error.describe()
    )
    assert str(error) == error.describe()


# ---------------------------------------------------------------------------------------
# Line locator


NESTED = """\
format_version = 1  # comment
summary = \"\"\"
[[stages]]
id = "not a key, inside a string"
\"\"\"
titles = [
    "first",
    'second',  # comment
    "third \\" quoted",
]
packed = ["a", "b",
    "c"]

[[stages]]
id = "one"
[[stages.criteria]]
id = "one_a"
[stages.criteria.anchors]
1 = "x"
[[stages.criteria]]
id = "one_b"

[[stages]]
id = "two"
[[stages.criteria]]
id = "two_a"
[[stages.criteria]]
id = "two_b"
[[stages.criteria]]
id = "two_c"
[stages.criteria.anchors]
"1" = "x"
[[stages.exercises]]
prompts = ["p"]

[[levels]]
id = "L4"
band.currency = "USD"
[levels.band]
base_min = 1

[rules.stage_weights]
two = 1.0
"""


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("format_version", 1),
        ("summary", 2),
        ("titles", 6),
        ("titles[0]", 7),
        ("titles[1]", 8),
        ("titles[2]", 9),
        ("packed[2]", 11),  # several items on a line: fall back to the key
        ("stages[0]", 14),
        ("stages[0].id", 15),
        ("stages[0].criteria[0].anchors.1", 19),
        ("stages[0].criteria[0].anchors.2", 18),
        ("stages[0].criteria[1].id", 21),
        ("stages[1].id", 24),
        ("stages[1].criteria[0].id", 26),
        ("stages[1].criteria[1].id", 28),
        ("stages[1].criteria[2]", 29),
        ("stages[1].criteria[2].anchors", 31),
        ("stages[1].criteria[2].anchors.1", 32),
        ("stages[1].criteria[2].weight", 29),
        ("stages[1].exercises[0].prompts[0]", 34),
        ("levels[0].band.currency", 38),
        ("levels[0].band.base_min", 40),
        ("rules.stage_weights.two", 43),
        ("rules.stage_weights.three", 42),
        ("role_title", None),
        ("", None),
    ],
)
def test_line_locator_on_nested_tables(path: str, expected: int | None) -> None:
    assert LineLocator(NESTED).line_for(path) == expected


def _leaf_paths(value: Any, path: str = "") -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            out += _leaf_paths(item, f"{path}.{key}" if path else key)
        return out
    if isinstance(value, list):
        out = []
        for index, item in enumerate(value):
            out += _leaf_paths(item, f"{path}[{index}]")
        return out
    return [(path, value)]


def test_line_locator_finds_every_value_of_the_default_rubric() -> None:
    import tomllib

    lines = TEXT.splitlines()
    locator = LineLocator(TEXT)
    data = tomllib.loads(TEXT)
    for path, value in _leaf_paths(data):
        number = locator.line_for(path)
        assert number is not None, path
        line = lines[number - 1]
        key = path.rsplit(".", 1)[-1].split("[")[0]
        if path.endswith("]"):
            # An array element on its own line shows its text.
            assert str(value)[:20].replace('"', '\\"') in line or f"{key} = [" in line, path
        elif path != "summary":
            assert line.lstrip().startswith(f"{key} ="), (path, line)


# ---------------------------------------------------------------------------------------
# The JSON Schema agrees with the validator on the default rubric.


def test_default_rubric_satisfies_the_json_schema() -> None:
    validator = jsonschema.Draft202012Validator(rubric_json_schema())
    validator.validate(builder_data())
    bad = builder_data()
    bad["stages"][0]["criteria"][0]["anchors"].pop("3")
    assert not validator.is_valid(bad)


# ---------------------------------------------------------------------------------------
# Properties: whatever a file holds, the answer is a rubric or a RubricError.


def _all_paths(value: Any, path: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _all_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            out += _all_paths(item, (*path, index))
    return out


BASE = builder_data()
BASE_PATHS = _all_paths(BASE)[1:]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(["", " ", "x" * 5000, "L4", "L99", "USD", "blocker", "initial_screen", "1"]),
    st.datetimes(),
    st.dates(),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(max_size=8), children, max_size=4),
    ),
    max_leaves=12,
)


@dataclass
class Mutation:
    path: tuple[str | int, ...]
    action: str
    value: Any = None
    extra_key: str = "x"
    notes: list[str] = field(default_factory=list)


def _apply(data: Any, mutation: Mutation) -> Any:
    *parents, last = mutation.path
    target = data
    for part in parents:
        target = target[part]
    if mutation.action == "replace":
        target[last] = mutation.value
    elif mutation.action == "delete":
        del target[last]
    elif mutation.action == "duplicate" and isinstance(target, list):
        target.insert(int(last), copy.deepcopy(target[int(last)]))
    elif mutation.action == "add_key" and isinstance(target[last], dict):
        target[last][mutation.extra_key] = mutation.value
    return data


mutations = st.builds(
    Mutation,
    path=st.sampled_from(BASE_PATHS),
    action=st.sampled_from(["replace", "replace", "delete", "duplicate", "add_key"]),
    value=values,
    extra_key=st.sampled_from(["x", "id", "weight", "1", "5", "band", "stages", ""]),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations, min_size=1, max_size=4))
def test_mutated_data_gives_a_rubric_or_a_rubric_error(changes: list[Mutation]) -> None:
    data = copy.deepcopy(BASE)
    for change in changes:
        try:
            data = _apply(data, change)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed what this one points at
    outcome: Rubric | RubricError
    try:
        outcome = rubric_from_data(data, "mutated")
    except RubricError as error:
        outcome = error
    if isinstance(outcome, Rubric):
        assert len(outcome.content_hash()) == 64
        return
    assert outcome.issues
    for issue in outcome.issues:
        assert isinstance(issue.path, str)
        assert issue.message
        assert issue.format("mutated").startswith("mutated")
    assert outcome.describe()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(TEXT)),
            st.integers(min_value=0, max_value=40),
            st.text(alphabet=st.sampled_from(list("[]{}\"'=#.,\n 1aL_-\\")), max_size=8),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_mutated_text_gives_a_rubric_or_a_rubric_error(
    edits: list[tuple[int, int, str]],
) -> None:
    text = TEXT
    for position, length, insert in edits:
        start = min(position, len(text))
        text = text[:start] + insert + text[start + length :]
    outcome: Rubric | RubricError
    try:
        outcome = parse_rubric(text, "mutated.toml")
    except RubricError as error:
        outcome = error
    if isinstance(outcome, RubricError):
        assert outcome.issues
        line_count = len(text.splitlines()) or 1
        for issue in outcome.issues:
            assert issue.line is None or 1 <= issue.line <= line_count


def test_datetimes_from_toml_are_rejected_plainly() -> None:
    data = builder_data()
    data["summary"] = dt.datetime(2026, 5, 1, tzinfo=dt.UTC)
    issues = validate_rubric_data(data)
    assert [(i.path, i.message) for i in issues] == [
        ("summary", "must be text in quotes, not a date or time")
    ]


def test_documented_example_is_a_valid_rubric() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "rubric-format.md").read_text(
        encoding="utf-8"
    )
    blocks = doc.split("```toml\n")[1:]
    assert len(blocks) == 1
    rubric = parse_rubric(blocks[0].split("```")[0], "docs/rubric-format.md")
    assert rubric.criterion("ownership").anchors.for_rating(4).startswith("Several")
    assert rubric.rules.hire_bar == 2.75
