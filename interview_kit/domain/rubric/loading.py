"""Reading a rubric: from a file, from TOML text or from plain data, every problem at once."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from interview_kit.domain.rubric.cross_checks import cross_checks
from interview_kit.domain.rubric.issues import RubricError, RubricIssue, kind_of
from interview_kit.domain.rubric.locations import LineLocator
from interview_kit.domain.rubric.messages import pydantic_issues, toml_issue
from interview_kit.domain.rubric.model import Rubric


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
    """The rubric a TOML text describes, or :class:`RubricError` with every problem.

    A text parsed before gives the same rubric again without parsing it (a rubric is
    immutable): every new database stores the shipped rubric, and the editor and each
    read of a stored version ask for the same few texts.
    """
    text = text.removeprefix("\ufeff")
    try:
        return _parsed(text)
    except RubricError as exc:
        raise RubricError(exc.issues, source) from None


@functools.lru_cache(maxsize=32)
def _parsed(text: str) -> Rubric:
    source = "<rubric>"  # the caller names its own in the error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError([toml_issue(exc, text)], source) from None
    except ValueError as exc:  # e.g. an integer too long for Python to convert
        raise RubricError([RubricIssue("", f"not valid TOML: {exc}")], source) from None
    except RecursionError:
        raise RubricError(
            [RubricIssue("", "not valid TOML: lists or tables are nested too deeply")], source
        ) from None
    locator = LineLocator(text)
    return rubric_from_data(data, source, locator)


def rubric_from_data(
    data: Mapping[str, Any], source: str = "<rubric>", locator: LineLocator | None = None
) -> Rubric:
    issues = validate_rubric_data(data)
    if not issues:
        try:
            return Rubric.model_validate(dict(data))
        except ValidationError as exc:  # pragma: no cover - validate_rubric_data saw it first
            issues = pydantic_issues(exc)
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
        return [
            RubricIssue("", f"a rubric must be a table of keys and values, not {kind_of(data)}")
        ]
    issues: list[RubricIssue] = []
    try:
        Rubric.model_validate(dict(data))
    except ValidationError as exc:
        issues.extend(pydantic_issues(exc))
    seen = {(i.path, i.message) for i in issues}
    for issue in cross_checks(data):
        if (issue.path, issue.message) not in seen:
            issues.append(issue)
            seen.add((issue.path, issue.message))
    return issues
