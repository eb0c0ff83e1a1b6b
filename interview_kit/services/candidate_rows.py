"""One candidate's stored row, loaded inside a caller's unit of work.

The lowest layer of the candidate services: the candidate service, the scorecard reads
and the evidence records all load a candidate here, so none of them needs another.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, defer

from interview_kit.services.errors import NotFoundError
from interview_kit.storage.database import access_of
from interview_kit.storage.models import CandidateRow


def load_candidate_row(session: Session, uuid: str, *, for_update: bool = False) -> CandidateRow:
    """The candidate with this uuid, or :class:`NotFoundError`.

    A login that may not read e-mails gets the row without them (and without recruiter
    notes): asking for those columns would be refused outright.
    """
    query = select(CandidateRow).where(CandidateRow.uuid == uuid)
    if not access_of(session).reads_email:
        query = query.options(
            defer(CandidateRow.email, raiseload=True), defer(CandidateRow.notes, raiseload=True)
        )
    if for_update:
        query = query.with_for_update()
    row = session.scalars(query).one_or_none()
    if row is None:
        raise NotFoundError(f"no candidate with id {uuid}")
    return row
