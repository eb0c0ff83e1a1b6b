"""What a problem in a rubric file is, and how a value found in the file is quoted in one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass


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


def format_path(loc: Iterable[str | int]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def kind_of(value: object) -> str:
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


def describe_value(value: object) -> str:
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
    return kind_of(value)


def number_text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
