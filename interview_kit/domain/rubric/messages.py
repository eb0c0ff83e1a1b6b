"""Plain-English messages for what TOML's parser and pydantic reject in a rubric file."""

from __future__ import annotations

import difflib
import re
import tomllib
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from interview_kit.domain.rubric.issues import (
    RubricIssue,
    describe_value,
    format_path,
    kind_of,
    number_text,
)
from interview_kit.domain.rubric.model import (
    CURRENCY_PATTERN,
    DEFAULT_RATING_LABELS,
    FORMAT_VERSION,
    ID_PATTERN,
    LEVEL_ID_PATTERN,
    RATINGS_KEYS,
    Anchors,
    Rubric,
)
from interview_kit.domain.wording import plural

_TOML_HINTS = (
    ("Invalid value", 'text must be in quotes, e.g. title = "Senior Builder"'),
    ("Cannot overwrite a value", "the same key is set twice"),
    ("Cannot declare", "the same table is declared twice"),
    ("Unterminated string", "a quote is not closed"),
    ("Illegal character '\\n'", "a quote is not closed before the end of the line"),
    ("Unclosed array", "a [ is not closed with ]"),
    ("Expected '=' after a key", "each setting is written key = value"),
)


def toml_issue(exc: tomllib.TOMLDecodeError, text: str) -> RubricIssue:
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
        return f"must be text in quotes, not {kind_of(value)}"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"must be a whole number, not {kind_of(value)}"
    if kind == "float_type" and isinstance(value, int) and not isinstance(value, bool):
        return "is far too large a number"
    if kind in {"float_type", "float_parsing"}:
        return f"must be a number, not {kind_of(value)}"
    if kind in {"bool_type", "bool_parsing"}:
        return f"must be true or false, not {kind_of(value)}"
    if kind in {"tuple_type", "list_type"}:
        inner = _model_at([*loc, 0])
        if inner is not None:
            return f"must be a list of [[{_table_name(loc)}]] tables, not {kind_of(value)}"
        return f"must be a list in square brackets, not {kind_of(value)}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"must be a table (a [section] or {{ key = value }}), not {kind_of(value)}"
    if kind == "finite_number":
        return "must be an ordinary number (nan and inf are not allowed)"
    if kind == "greater_than":
        return f"must be greater than {number_text(ctx.get('gt'))}, but is {describe_value(value)}"
    if kind == "greater_than_equal":
        return f"must be at least {number_text(ctx.get('ge'))}, but is {describe_value(value)}"
    if kind == "less_than":
        return f"must be less than {number_text(ctx.get('lt'))}, but is {describe_value(value)}"
    if kind == "less_than_equal":
        return f"must be at most {number_text(ctx.get('le'))}, but is {describe_value(value)}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long":
        length = len(value) if isinstance(value, str) else 0
        return (
            f"is too long: {plural(length, 'character')} where at most "
            f"{ctx.get('max_length')} are allowed"
        )
    if kind == "too_short":
        wanted = int(ctx.get("min_length", 1))
        return "needs at least one entry" if wanted == 1 else f"needs at least {wanted} entries"
    if kind == "too_long":
        return f"has too many entries (at most {ctx.get('max_length')})"
    if kind == "literal_error":
        return f"must be one of {ctx.get('expected')}, not {describe_value(value)}"
    if kind == "string_pattern_mismatch":
        pattern = ctx.get("pattern", "")
        if pattern == ID_PATTERN:
            return (
                f"malformed id {describe_value(value)}: use lowercase letters, digits and "
                "underscores, starting with a letter (at most 64 characters)"
            )
        if pattern == LEVEL_ID_PATTERN:
            return (
                f"malformed level id {describe_value(value)}: use L followed by a number, e.g. L4"
            )
        if pattern == CURRENCY_PATTERN:
            return f"{describe_value(value)} is not a currency code: use three capitals, e.g. USD"
        return f"{describe_value(value)} does not have the expected form"
    message: str = error["msg"]
    return message


def pydantic_issues(exc: ValidationError) -> list[RubricIssue]:
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
