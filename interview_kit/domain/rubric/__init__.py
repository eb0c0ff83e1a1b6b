"""The rubric: everything an interview panel scores against, as validated data.

A rubric is read from TOML (see ``docs/rubric-format.md``). Structural checks (types,
required fields, unknown keys, id syntax, ranges) come from pydantic; the checks that
relate one part of the file to another (duplicates, references, ordering) run on the raw
data as well, so one pass reports every problem a recruiter has to fix, each with its
location and a message in plain words.

One job per module: ``model`` (the pydantic models), ``loading`` (file, text or data in,
a rubric or every problem out), ``messages`` (plain words for what TOML and pydantic
reject), ``cross_checks`` (one part of the file against another), ``locations`` (line
numbers in the TOML text) and ``issues`` (a problem and how a value is quoted in one).

``python -m interview_kit.domain.rubric [FILE]`` writes the JSON Schema of the format
(``resources/schemas/rubric.schema.json`` is generated this way).
"""

from __future__ import annotations

from interview_kit.domain.rubric.issues import RubricError, RubricIssue, format_path
from interview_kit.domain.rubric.loading import (
    load_rubric,
    parse_rubric,
    rubric_from_data,
    validate_rubric_data,
)
from interview_kit.domain.rubric.model import (
    CURRENCY_PATTERN,
    DEFAULT_RATING_LABELS,
    EQUITY_MAX,
    FORMAT_VERSION,
    ID_PATTERN,
    LEVEL_ID_PATTERN,
    LONG_TEXT_MAX,
    MONEY_MAX,
    RATINGS,
    RATINGS_KEYS,
    SHORT_TEXT_MAX,
    TEXT_MAX,
    Anchors,
    Band,
    Criterion,
    Currency,
    Dimension,
    Exercise,
    Id,
    Level,
    LevelId,
    LongText,
    Money,
    OptionalShortText,
    OptionalText,
    RatingScale,
    RedFlag,
    Rubric,
    Rules,
    Score,
    ShortText,
    Signal,
    Stage,
    Text,
    rubric_json_schema,
    rubric_json_schema_text,
)

__all__ = [
    "CURRENCY_PATTERN",
    "DEFAULT_RATING_LABELS",
    "EQUITY_MAX",
    "FORMAT_VERSION",
    "ID_PATTERN",
    "LEVEL_ID_PATTERN",
    "LONG_TEXT_MAX",
    "MONEY_MAX",
    "RATINGS",
    "RATINGS_KEYS",
    "SHORT_TEXT_MAX",
    "TEXT_MAX",
    "Anchors",
    "Band",
    "Criterion",
    "Currency",
    "Dimension",
    "Exercise",
    "Id",
    "Level",
    "LevelId",
    "LongText",
    "Money",
    "OptionalShortText",
    "OptionalText",
    "RatingScale",
    "RedFlag",
    "Rubric",
    "RubricError",
    "RubricIssue",
    "Rules",
    "Score",
    "ShortText",
    "Signal",
    "Stage",
    "Text",
    "format_path",
    "load_rubric",
    "parse_rubric",
    "rubric_from_data",
    "rubric_json_schema",
    "rubric_json_schema_text",
    "validate_rubric_data",
]
