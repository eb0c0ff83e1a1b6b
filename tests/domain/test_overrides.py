"""When a committee decision departs from the frozen recommendation; the default
self-identification questions."""

from __future__ import annotations

import pytest

from interview_kit.domain.overrides import Departure, Mechanical, departures, describe
from interview_kit.domain.self_identification import (
    DEFAULT_QUESTIONS,
    PREFER_NOT_TO_SAY,
    question,
    questions_from_data,
)

HIRE_L5 = Mechanical("hire", "L5", 150_000, 1_000)


@pytest.mark.parametrize(
    ("mechanical", "hire", "level", "base", "expected"),
    [
        (HIRE_L5, True, "L5", 150_000, ()),
        (HIRE_L5, True, "L5", 151_000, ()),  # one rounding unit: noise
        (HIRE_L5, True, "L5", 151_001, (Departure.BASE,)),
        (HIRE_L5, True, "L5", 148_500, (Departure.BASE,)),
        (HIRE_L5, True, "L5", None, ()),
        (HIRE_L5, True, "L6", 190_000, (Departure.LEVEL,)),
        (HIRE_L5, False, None, None, (Departure.DECISION,)),
        (Mechanical("strong_hire", "L6", None, None), True, "L6", 1.0, ()),
        (Mechanical("no_hire", None, None, None), True, "L4", 100_000, (Departure.DECISION,)),
        (Mechanical("strong_no_hire", None, None, None), False, None, None, ()),
        (Mechanical("insufficient_evidence", None, None, None), False, None, None, ()),
        (
            Mechanical("insufficient_evidence", None, None, None),
            True,
            "L4",
            None,
            (Departure.DECISION,),
        ),
    ],
)
def test_departures(mechanical, hire, level, base, expected) -> None:
    assert departures(mechanical, hire=hire, level=level, base=base) == expected


def test_describe_says_what_the_engine_said() -> None:
    text = describe((Departure.DECISION,), Mechanical("no_hire", None, None, None))
    assert text == "the engine recommended no hire"
    assert "150,000" in describe((Departure.BASE,), HIRE_L5)


def test_default_questions_follow_eeo_categories_with_prefer_not_to_say() -> None:
    race = question(DEFAULT_QUESTIONS, "race_ethnicity")
    assert [c.id for c in race.categories][:3] == ["hispanic_latino", "white", "black"]
    for item in DEFAULT_QUESTIONS:
        assert item.categories[-1].id == PREFER_NOT_TO_SAY
        assert not item.categories[-1].compared
    with pytest.raises(KeyError):
        question(DEFAULT_QUESTIONS, "shoe_size")


def test_questions_from_data() -> None:
    assert questions_from_data(None) == DEFAULT_QUESTIONS
    [custom] = questions_from_data(
        [{"id": "region", "label": "Region", "categories": [{"id": "north", "label": "North"}]}]
    )
    assert [c.id for c in custom.categories] == ["north", PREFER_NOT_TO_SAY]
    with pytest.raises(ValueError, match="no categories"):
        questions_from_data([{"id": "x", "label": "X", "categories": []}])
