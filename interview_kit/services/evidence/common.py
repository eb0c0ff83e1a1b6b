"""Small pieces the evidence views share."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.orm import Session

from interview_kit.domain.rubric import Rubric
from interview_kit.services import rubrics
from interview_kit.services.errors import NotFoundError
from interview_kit.storage.database import Database


def active_rubric_or_none(db: Database, rubric_id: str | None = None) -> Rubric | None:
    try:
        return rubrics.active_rubric(db, rubric_id).rubric
    except NotFoundError:
        return None


def month_of(session: Session, column: Any) -> Any:
    """``YYYY-MM`` of a UTC timestamp column, in SQL (each backend its own function)."""
    if session.get_bind().dialect.name == "sqlite":
        return func.strftime("%Y-%m", column)
    return func.to_char(func.timezone("UTC", column), "YYYY-MM")


def month_text(value: datetime) -> str:
    """``YYYY-MM`` of a time in UTC, as :func:`month_of` gives it from a stored time."""
    utc = value.astimezone(UTC)
    return f"{utc.year:04d}-{utc.month:02d}"
