"""Self-identification questions from the rubric: what is recorded, what the monitor asks."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from svc_support import Panel

from interview_kit.domain.rubric import Rubric
from interview_kit.domain.self_identification import DEFAULT_QUESTIONS, PREFER_NOT_TO_SAY
from interview_kit.services import candidates, pipeline, rubrics
from interview_kit.services.database import Database
from interview_kit.services.errors import InvalidInputError
from interview_kit.services.evidence import (
    adverse_impact,
    record_self_identification,
    self_identification_questions,
)
from interview_kit.services.evidence.adverse_impact import NO_ANSWER
from interview_kit.services.evidence.records import candidate_questions, self_identification_of
from interview_kit.services.evidence.tables import adverse_impact_section


def with_questions(rubric: Rubric, *questions: dict[str, object]) -> str:
    """The rubric's TOML with its own self-identification questions."""
    data = tomllib.loads(rubrics.render_rubric(rubric))
    data["self_identification"] = list(questions)
    return tomli_w.dumps(data)


REGION = {
    "id": "region",
    "label": "Home region",
    "categories": [
        {"id": "north", "label": "North"},
        {"id": "south", "label": "South"},
        {"id": "east", "label": "East"},
    ],
}
REGION_WITHOUT_EAST = {**REGION, "categories": REGION["categories"][:2]}  # type: ignore[index]


def test_without_a_rubric_section_the_default_questions_are_asked(panel: Panel) -> None:
    assert self_identification_questions(panel.db) == DEFAULT_QUESTIONS
    assert candidate_questions(panel.db, panel.candidate.uuid) == DEFAULT_QUESTIONS


def test_a_rubrics_questions_are_the_ones_recorded(panel: Panel) -> None:
    db, uuid = panel.db, panel.candidate.uuid
    record_self_identification(db, uuid, {"sex": "female"})
    saved = rubrics.save_rubric(db, with_questions(panel.rubric, REGION))
    assert uuid in saved.moved_candidates
    [region] = candidate_questions(db, uuid)
    assert [c.id for c in region.categories] == ["north", "south", "east", PREFER_NOT_TO_SAY]

    record_self_identification(db, uuid, {"region": "south"})
    with pytest.raises(InvalidInputError) as unknown_category:
        record_self_identification(db, uuid, {"region": "west"})
    message = str(unknown_category.value)
    assert "'west' is not a category of region" in message
    assert "north, south, east, prefer_not_to_say" in message
    assert "the rubric they are interviewed against" in message
    with pytest.raises(InvalidInputError, match="'sex' is not a self-identification question"):
        record_self_identification(db, uuid, {"sex": "male"})

    # The answer given under the old rubric's question stays stored, and can be withdrawn.
    assert self_identification_of(db, uuid) == {"sex": "female", "region": "south"}
    record_self_identification(db, uuid, {"sex": None})
    assert self_identification_of(db, uuid) == {"region": "south"}


def _candidates(db: Database, rubric: Rubric, answers: dict[str, int], *, passed: bool) -> None:
    """For each category, that many candidates who passed (or were rejected at) stage 1."""
    first, second = rubric.stages[0].id, rubric.stages[1].id
    for category, count in answers.items():
        for number in range(count):
            record = candidates.add_candidate(
                db,
                name=f"{category} {'pass' if passed else 'reject'} {number}",
                status=pipeline.stage_status(rubric, second) if passed else "rejected",
                stage_id=second if passed else first,
            )
            record_self_identification(db, record.uuid, {"region": category})


def test_the_monitor_compares_the_groups_of_the_rubrics_questions(panel: Panel) -> None:
    db = panel.db
    rubrics.save_rubric(db, with_questions(panel.rubric, REGION))
    rubric = rubrics.active_rubric(db).rubric
    _candidates(db, rubric, {"north": 8, "south": 3, "east": 2}, passed=True)
    _candidates(db, rubric, {"north": 2, "south": 7, "east": 1}, passed=False)
    # A later version drops "east": those answers now count as no answer.
    rubrics.save_rubric(db, with_questions(panel.rubric, REGION_WITHOUT_EAST))

    report = adverse_impact(db, min_cell=0)
    [question] = report.questions
    assert (question.question_id, question.label) == ("region", "Home region")
    first_stage = question.steps[0]
    groups = {g.group: (g.considered, g.selected) for g in first_stage.table.groups}
    assert groups["north"] == (10, 8)
    assert groups["south"] == (10, 3)
    assert groups[NO_ANSWER] == (3, 2)
    assert "east" not in groups
    assert first_stage.table.reference == "north"
    south = next(g for g in first_stage.table.groups if g.group == "south")
    assert south.impact_ratio == pytest.approx(0.3 / 0.8)
    assert south.below_four_fifths
    # The printed table speaks the rubric's labels.
    section = adverse_impact_section(report)
    shown = {row[1] for table in section.tables for row in table.rows}
    assert {"North", "South", "No answer"} <= shown
    assert any("Home region: South" in warning for warning in section.warnings)

    with pytest.raises(InvalidInputError, match=r"'sex' .* \(it asks region\)"):
        adverse_impact(db, question_id="sex")
