"""A real database file per test, with the Builder rubric, a candidate and a panel."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from interview_kit.domain.rubric import Rubric
from interview_kit.services import candidates, interviewers, rubrics
from interview_kit.services.candidates import CandidateRecord
from interview_kit.services.database import Database, open_database
from interview_kit.services.interviewers import InterviewerRecord


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "panel.sqlite3", actor="Riley Recruiter")
    yield database
    database.close()


@pytest.fixture
def rubric(db: Database) -> Rubric:
    rubrics.ensure_default_rubric(db)
    return rubrics.active_rubric(db).rubric


@dataclass(frozen=True)
class Panel:
    db: Database
    rubric: Rubric
    candidate: CandidateRecord
    ada: InterviewerRecord
    bo: InterviewerRecord
    cy: InterviewerRecord

    @property
    def stage(self) -> str:
        return self.rubric.stages[0].id


@pytest.fixture
def panel(db: Database, rubric: Rubric) -> Panel:
    candidate = candidates.add_candidate(
        db,
        name="Zoë Ångström",
        email="zoe@example.org",
        source="founder",
        origin_path="pm",
        role_title="Builder",
    )
    return Panel(
        db,
        rubric,
        candidate,
        interviewers.add_interviewer(db, name="Ada Lovelace", email="ada@example.org"),
        interviewers.add_interviewer(db, name="Bo Diddley", email="bo@example.org"),
        interviewers.add_interviewer(db, name="Cy Twombly", email="cy@example.org"),
    )
