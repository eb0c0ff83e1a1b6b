"""Small shared pieces of the service layer."""

from __future__ import annotations

import uuid as uuid_module
from enum import StrEnum
from typing import TypeVar

from interview_kit.domain.unset import UNSET, Unset, UnsetType
from interview_kit.services.errors import InvalidInputError

__all__ = [
    "UNSET",
    "Unset",
    "UnsetType",
    "checked_uuid",
    "clean_text",
    "enum_value",
    "like_pattern",
    "new_uuid",
    "without_nul",
]


def new_uuid() -> str:
    return str(uuid_module.uuid4())


def checked_uuid(value: str, what: str) -> str:
    try:
        return str(uuid_module.UUID(value))
    except (ValueError, AttributeError, TypeError):
        raise InvalidInputError(f"{what} {value!r} is not a uuid") from None


_E = TypeVar("_E", bound=StrEnum)


def enum_value(kind: type[_E], value: _E | str, what: str) -> _E:
    """``value`` as one of ``kind``'s members, or a message naming the allowed ones."""
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(item.value for item in kind)
        raise InvalidInputError(f"{what} {value!r} is not one of: {allowed}") from None


def clean_text(value: str, what: str, *, limit: int, required: bool = False) -> str:
    """Trimmed single-line text within ``limit`` characters."""
    text = without_nul(value).strip()
    if required and not text:
        raise InvalidInputError(f"{what} is required")
    if len(text) > limit:
        raise InvalidInputError(f"{what} is too long ({len(text)} characters, at most {limit})")
    return text


def without_nul(text: str) -> str:
    """Text as typed minus NUL characters, which PostgreSQL cannot store in text (and
    which no one types: they arrive only in pasted binary junk)."""
    return text.replace("\x00", "") if "\x00" in text else text


def like_pattern(text: str) -> str:
    r"""A LIKE pattern matching ``text`` anywhere, with ``%``, ``_`` and ``\`` escaped."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
