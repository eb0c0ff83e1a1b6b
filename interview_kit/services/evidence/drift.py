"""Interviewer drift over the stored history: monthly leniency with counts.

The comparison is calibration's (:mod:`interview_kit.domain.calibration`): for every
(candidate, criterion) rated by ``n >= 2`` interviewers, an interviewer's rating ``r``
against the mean of the others, ``r - (S - r) / (n - 1) = (n r - S) / (n - 1)`` with
``S`` the sum of all ``n`` ratings. Each scorecard's comparisons and their sum are kept
in its tally (:mod:`.tallies`), summed here per interviewer and month of submission; a
test checks that the months add up to :func:`~interview_kit.domain.calibration.calibrate`
over the same scorecards.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from interview_kit.domain.drift import (
    DEFAULT_MIN_COMPARISONS,
    DEFAULT_SHIFT,
    InterviewerDrift,
    MonthTally,
)
from interview_kit.domain.drift import drift as drift_of
from interview_kit.services.evidence.tallies import ensure_filled
from interview_kit.storage.database import Database
from interview_kit.storage.models import EvidenceCardRow, InterviewerRow


@dataclass(frozen=True)
class InterviewerSeries:
    interviewer_uuid: str
    interviewer_name: str
    drift: InterviewerDrift

    def to_json(self) -> dict[str, Any]:
        return {
            "interviewer_uuid": self.interviewer_uuid,
            "interviewer": self.interviewer_name,
            "comparisons": self.drift.comparisons,
            "flagged": self.drift.flagged,
            "months": [month.to_json() for month in self.drift.months],
        }


@dataclass(frozen=True)
class DriftReport:
    shift: float
    min_comparisons: int
    interviewers: tuple[InterviewerSeries, ...]

    @property
    def flagged(self) -> tuple[InterviewerSeries, ...]:
        return tuple(item for item in self.interviewers if item.drift.flagged)

    def to_json(self) -> dict[str, Any]:
        return {
            "shift": self.shift,
            "min_comparisons": self.min_comparisons,
            "interviewers": [item.to_json() for item in self.interviewers],
        }


def monthly_tallies(db: Database) -> list[MonthTally]:
    """Comparisons and their summed differences per interviewer and month."""
    ensure_filled(db)
    cards = EvidenceCardRow
    with db.read() as session:
        rows = (
            session.connection()
            .execute(
                select(
                    InterviewerRow.uuid,
                    cards.month,
                    func.sum(cards.comparisons),
                    func.sum(cards.difference_sum),
                )
                .join(InterviewerRow, InterviewerRow.id == cards.interviewer_id)
                .where(cards.comparisons > 0)
                .group_by(InterviewerRow.uuid, cards.month)
            )
            .all()
        )
    return [
        MonthTally(uuid, str(month), int(count), float(total)) for uuid, month, count, total in rows
    ]


def drift(
    db: Database,
    *,
    shift: float = DEFAULT_SHIFT,
    min_comparisons: int = DEFAULT_MIN_COMPARISONS,
) -> DriftReport:
    """Each interviewer's monthly leniency; months that moved by ``shift`` or more from
    the earlier months, on ``min_comparisons`` or more each side, are flagged."""
    found = drift_of(monthly_tallies(db), shift=shift, min_comparisons=min_comparisons)
    with db.read() as session:
        names = dict(
            session.connection().execute(select(InterviewerRow.uuid, InterviewerRow.name)).all()
        )
    series = [InterviewerSeries(uuid, names.get(uuid, uuid), item) for uuid, item in found.items()]
    series.sort(key=lambda s: (s.interviewer_name.casefold(), s.interviewer_uuid))
    return DriftReport(shift, min_comparisons, tuple(series))
