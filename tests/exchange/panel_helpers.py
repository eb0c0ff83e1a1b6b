"""Building a small panel through the services, as the recruiter and interviewers would."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from interview_kit.domain.scorecard import CriterionRating, Vote
from interview_kit.domain.scorecard_content import ScorecardChanges
from interview_kit.exchange.formats import ScorecardBundle
from interview_kit.exchange.sealing import KdfParams
from interview_kit.exchange.signing import sign_bundle
from interview_kit.services import assignments, candidates, interviewers, rubrics, scorecards
from interview_kit.storage import Database, open_database
from interview_kit.storage.models import Base

FAST_KDF = KdfParams(n=2**12)
"""A cheap scrypt cost so tests stay quick; the format and code path are the real ones."""
PASSPHRASE = "correct horse battery staple"

DatabaseFactory = Callable[[str], Database]
"""Opens a separate database for one person (see the ``new_db`` fixture)."""


@dataclass
class Panel:
    interviewers: dict[str, str]
    """Name -> uuid."""
    candidates: dict[str, str]
    """Name -> uuid."""


INTERVIEWER_NAMES = ("Ingrid Halvorsen", "Tomás Delgado", "Mei Tanaka")
CANDIDATE_NAMES = ("Zoë Lefèvre", "Łukasz Kowalczyk")


def open_db(path: Path | str, actor: str = "tester") -> Database:
    return open_database(path, actor=actor)


def set_up_panel(db: Database) -> Panel:
    """The Builder rubric, three interviewers, two candidates; every interviewer on
    every candidate, one stage each (stage 1, 2, 3 in turn)."""
    rubrics.ensure_default_rubric(db)
    rubric = rubrics.active_rubric(db).rubric
    people = {
        name: interviewers.add_interviewer(
            db, name=name, email=f"{name.split()[0].lower()}@example.com"
        ).uuid
        for name in INTERVIEWER_NAMES
    }
    hopefuls = {
        name: candidates.add_candidate(
            db, name=name, email=f"{name.split()[0].lower()}@mail.example", notes="private"
        ).uuid
        for name in CANDIDATE_NAMES
    }
    for stage, interviewer_uuid in zip(rubric.stages, people.values(), strict=False):
        for candidate_uuid in hopefuls.values():
            assignments.assign(db, candidate_uuid, stage.id, interviewer_uuid)
    return Panel(people, hopefuls)


def score_everything(db: Database, interviewer_uuid: str, rating: int = 3) -> list[str]:
    """Score and submit every assignment this interviewer has; returns scorecard uuids."""
    rubric = rubrics.active_rubric(db).rubric
    done = []
    for assignment in assignments.assignments_for_interviewer(db, interviewer_uuid):
        detail = scorecards.start_scorecard(
            db, assignment.candidate_uuid, assignment.stage_id, interviewer_uuid
        )
        stage = rubric.stage(assignment.stage_id)
        changes = ScorecardChanges(
            ratings={
                c.id: CriterionRating(c.id, rating, f"Evidence for {c.title}")
                for c in stage.criteria
            },
            signals={rubric.signals[0].id: "Explained a trade-off in revenue terms"},
            level_evidence="L5",
            vote=Vote.YES if rating >= 3 else Vote.NO,
            summary="Solid, ships end to end.",
            private_notes="PRIVATE: reminded me of my cousin",
            exercise_notes={stage.exercises[0].id: "Built the feature in 35 minutes"},
        )
        scorecards.save_draft(db, detail.uuid, changes)
        scorecards.submit_scorecard(db, detail.uuid)
        done.append(detail.uuid)
    return done


def signed(bundle: ScorecardBundle) -> ScorecardBundle:
    """A bundle edited by a test, signed again with this computer's key for its
    interviewer (as their own app would): what is refused is then its content, not its
    signature."""
    from interview_kit.services.exchange_keys import own_private_key

    return sign_bundle(bundle, own_private_key(bundle.interviewer.uuid))


def snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, to show that a refused import wrote nothing."""
    with db.read() as session:
        return {
            table.name: sorted((tuple(row) for row in session.execute(select(table))), key=repr)
            for table in Base.metadata.sorted_tables
        }
