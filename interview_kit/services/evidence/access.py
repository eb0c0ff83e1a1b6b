"""Who may see what of the evidence: the adverse-impact monitor reads candidates'
voluntary self-identification, so only recruiters and the committee see it.

On SQLite (one person's file) and for the owner of a shared database everything is
shown; on a shared database a person's own login decides (:attr:`Database.access`).
The database's own policies refuse the underlying rows as well (storage/roles.py).
"""

from __future__ import annotations

from interview_kit.services.errors import AccessDeniedError
from interview_kit.storage.database import Database
from interview_kit.storage.roles import Access

ADVERSE_IMPACT_READERS = frozenset({Access.FULL, Access.RECRUITER, Access.COMMITTEE})


def may_see_adverse_impact(db: Database) -> bool:
    return db.access in ADVERSE_IMPACT_READERS


def require_adverse_impact(db: Database) -> None:
    """Refuse the adverse-impact monitor to anyone but recruiters and the committee."""
    if not may_see_adverse_impact(db):
        raise AccessDeniedError(
            "the adverse-impact monitor is shown to recruiters and the committee only"
        )
