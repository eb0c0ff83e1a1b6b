"""Storage checks its text columns against the domain's words, and keeps no copy of them."""

from __future__ import annotations

import re
from enum import StrEnum

import pytest
from sqlalchemy import CheckConstraint, Table

from interview_kit.domain.candidate import (
    CandidateSource,
    CommitteeOutcome,
    OriginPath,
    PipelineStatus,
)
from interview_kit.domain.scorecard import Vote
from interview_kit.storage import models
from interview_kit.storage.models import CandidateRow, DecisionRow, ScorecardRow


def test_storage_defines_no_enums_of_its_own() -> None:
    own = [
        name
        for name, value in vars(models).items()
        if isinstance(value, type)
        and issubclass(value, StrEnum)
        and value.__module__ == models.__name__
    ]
    assert own == []


def _checked_values(row: type[models.Base], name: str) -> set[str]:
    table = row.__table__
    assert isinstance(table, Table)
    found = [
        constraint
        for constraint in table.constraints
        if isinstance(constraint, CheckConstraint) and str(constraint.name).endswith(name)
    ]
    assert len(found) == 1, [c.name for c in found]
    return set(re.findall(r"'([^']*)'", str(found[0].sqltext)))


@pytest.mark.parametrize(
    ("row", "name", "words"),
    [
        (CandidateRow, "source", CandidateSource),
        (CandidateRow, "origin_path", OriginPath),
        (CandidateRow, "status", PipelineStatus),
        (DecisionRow, "decision", CommitteeOutcome),
        (ScorecardRow, "vote", Vote),
    ],
)
def test_check_constraints_list_exactly_the_domain_values(
    row: type[models.Base], name: str, words: type[StrEnum]
) -> None:
    assert _checked_values(row, name) == {word.value for word in words}
