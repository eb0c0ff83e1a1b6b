"""Where a problem in a rubric is, in words (one rule for every screen that shows one)."""

from __future__ import annotations

import pytest

from interview_kit.domain.rubric.locations import describe_location

DATA = {
    "stages": [
        {
            "title": "Screen",
            "criteria": [{"id": "ownership", "title": "End-to-end ownership"}, {"id": "x"}],
            "exercises": [{"title": ""}],
        }
    ],
    "signals": [{"id": "speaks_business", "label": "Speaks business"}],
    "red_flags": [{"id": "blames"}],
    "levels": [{"id": "L4"}],
}


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("", "Rubric"),
        ("id", "id"),
        ("stages[0].criteria[0].id", "Stage 1 › End-to-end ownership › id"),
        ("stages[0].criteria[1].anchors.2", "Stage 1 › x › anchors › 2"),
        ("stages[0].criteria[5].weight", "Stage 1 › Criterion 6 › weight"),
        ("stages[0].exercises[0].title", "Stage 1 › Exercise 1 › title"),
        ("signals[0].tags[1]", "Signals › Speaks business › tags › item 2"),
        ("red_flags[0].severity", "Red flags › blames › severity"),
        ("levels[0].band.base_min", "Levels › L4 › band › base_min"),
        ("rules.spread_threshold", "rules › spread_threshold"),
        ("stages[3]", "Stage 4"),
    ],
)
def test_paths_read_as_words(path: str, words: str) -> None:
    assert describe_location(path, DATA) == words


def test_without_the_data_items_go_by_kind_and_number() -> None:
    assert describe_location("stages[0].criteria[0].id") == "Stage 1 › Criterion 1 › id"
