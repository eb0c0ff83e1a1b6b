"""Stored rows as the exchange files carry them, and the batch size for reading them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from interview_kit.exchange.formats import (
    AmendmentRecord,
    InterviewerRecord,
    ObservationRecord,
    RatingRecord,
    ScorecardRecord,
)
from interview_kit.storage.models import InterviewerRow

CHUNK = 500


def chunks(values: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(values), CHUNK):
        yield list(values[start : start + CHUNK])


def interviewer_record(row: InterviewerRow) -> InterviewerRecord:
    return InterviewerRecord(
        uuid=row.uuid, name=row.name, email=row.email, role_title=row.role_title
    )


def scorecard_record(loaded: Any) -> ScorecardRecord:
    """A stored scorecard (``scorecard_reads.load_scorecards`` row) as it travels: the original
    as submitted, and each amendment without private notes.

    Built without validation (``model_construct``): the values come from our own
    database, and whoever reads the file validates all of it anyway.
    """
    content = loaded.content
    return ScorecardRecord.model_construct(
        uuid=loaded.uuid,
        candidate_uuid=loaded.candidate_uuid,
        stage_id=loaded.stage_id,
        interviewer_uuid=loaded.interviewer_uuid,
        rubric_hash=loaded.rubric_hash,
        level_evidence=content.level_evidence,
        vote=content.vote,
        summary=content.summary,
        ratings=tuple(
            RatingRecord.model_construct(
                criterion_id=r.criterion_id, rating=r.rating, evidence=r.evidence
            )
            for r in content.ratings.values()
        ),
        signals=tuple(
            ObservationRecord.model_construct(item_id=key, evidence=value)
            for key, value in content.signals.items()
        ),
        red_flags=tuple(
            ObservationRecord.model_construct(item_id=key, evidence=value)
            for key, value in content.red_flags.items()
        ),
        exercise_notes=dict(content.exercise_notes),
        created_at=loaded.created_at,
        submitted_at=loaded.submitted_at or loaded.updated_at,
        amendments=tuple(
            AmendmentRecord.model_construct(
                uuid=a.uuid,
                sequence=a.sequence,
                amended_by=a.amended_by,
                amended_by_uuid=a.amended_by_uuid,
                reason=a.reason,
                changes=a.changes.to_json(private=False),
                created_at=a.created_at,
            )
            for a in loaded.amendments
        ),
    )
