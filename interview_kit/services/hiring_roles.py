"""Roles hired for side by side: each stored rubric is one role, named by its id or its
role title (``builder`` or "Builder"), with its own stages."""

from __future__ import annotations

from dataclasses import dataclass

from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.services.rubrics import list_rubrics
from interview_kit.storage.database import Database

__all__ = ["HiringRole", "find_role", "list_roles", "role_for_new_candidate"]


@dataclass(frozen=True)
class HiringRole:
    rubric_id: str | None
    """``None``: no rubric is stored, so the candidate is scored on none yet."""
    role_title: str
    name: str
    """The rubric's name."""


def list_roles(db: Database) -> list[HiringRole]:
    """Every role, in rubric id order (the active version's title and name)."""
    return [HiringRole(info.rubric_id, info.role_title, info.name) for info in list_rubrics(db)]


def find_role(db: Database, text: str) -> HiringRole:
    """The role whose rubric id or role title is ``text`` (ignoring case)."""
    wanted = text.strip().casefold()
    if not wanted:
        raise InvalidInputError("say which role: a rubric id or role title")
    roles = list_roles(db)
    by_id = [role for role in roles if (role.rubric_id or "").casefold() == wanted]
    by_title = [role for role in roles if role.role_title.casefold() == wanted]
    for found in (by_id, by_title):
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            ids = ", ".join(role.rubric_id or "" for role in found)
            raise ConflictError(
                f"{text!r} is the role title of several rubrics ({ids}): give the id"
            )
    raise NotFoundError(f"no role {text!r} is stored ({_known(roles)})")


def role_for_new_candidate(db: Database, text: str | None) -> HiringRole:
    """The role a new candidate is added to: the one named, else the only one stored.

    With several roles stored and none named, the choice is the person's: a candidate
    silently pinned to whichever rubric was stored first is scored on the wrong stages.
    """
    if text is not None:
        return find_role(db, text)
    roles = list_roles(db)
    if not roles:
        return HiringRole(None, "", "")
    if len(roles) == 1:
        return roles[0]
    raise InvalidInputError(
        f"several roles are hired for ({_known(roles)}): say which with --rubric"
    )


def _known(roles: list[HiringRole]) -> str:
    if not roles:
        return "no rubric is stored"
    return "roles: " + ", ".join(f"{role.rubric_id} ({role.role_title})" for role in roles)
