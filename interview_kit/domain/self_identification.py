"""Voluntary self-identification: the questions and answers a candidate may give.

The defaults follow the common US EEO categories (the EEO-1 race and ethnicity
categories, sex, protected veteran and disability status), each with "Prefer not to
say". A rubric replaces them with its own ``[[self_identification]]`` questions
(``Rubric.self_identification_questions``); a rubric without that section asks these.

Answers are for monitoring adverse impact only; they are kept apart from everything an
interviewer or the hiring packet sees.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PREFER_NOT_TO_SAY = "prefer_not_to_say"


@dataclass(frozen=True)
class Category:
    id: str
    label: str

    @property
    def compared(self) -> bool:
        """ "Prefer not to say" is counted and shown, never compared with other groups."""
        return self.id != PREFER_NOT_TO_SAY


@dataclass(frozen=True)
class Question:
    id: str
    label: str
    categories: tuple[Category, ...]

    def category(self, category_id: str) -> Category:
        for category in self.categories:
            if category.id == category_id:
                return category
        known = ", ".join(c.id for c in self.categories)
        raise KeyError(f"{category_id!r} is not a category of {self.id} ({known})")


PREFER_NOT_TO_SAY_LABEL = "Prefer not to say"


def _question(
    id_: str,
    label: str,
    categories: Sequence[tuple[str, str]],
    prefer_not_to_say: str = PREFER_NOT_TO_SAY_LABEL,
) -> Question:
    return Question(
        id_,
        label,
        (
            *tuple(Category(cid, clabel) for cid, clabel in categories),
            Category(PREFER_NOT_TO_SAY, prefer_not_to_say),
        ),
    )


DEFAULT_QUESTIONS: tuple[Question, ...] = (
    _question(
        "race_ethnicity",
        "Race / ethnicity",
        (
            ("hispanic_latino", "Hispanic or Latino"),
            ("white", "White"),
            ("black", "Black or African American"),
            ("asian", "Asian"),
            ("native_hawaiian_pacific", "Native Hawaiian or Other Pacific Islander"),
            ("american_indian_alaska", "American Indian or Alaska Native"),
            ("two_or_more", "Two or more races"),
        ),
    ),
    _question(
        "sex",
        "Sex",
        (("female", "Female"), ("male", "Male"), ("another", "Another description")),
    ),
    _question(
        "veteran",
        "Protected veteran",
        (("veteran", "Protected veteran"), ("not_veteran", "Not a protected veteran")),
    ),
    _question(
        "disability",
        "Disability",
        (("disability", "Has a disability"), ("no_disability", "No disability")),
    ),
)


def questions_from_data(data: Sequence[Mapping[str, Any]] | None) -> tuple[Question, ...]:
    """Questions from plain data (``[{id, label, categories: [{id, label}]}]``, as a rubric
    section holds them), or the defaults when there is none. Every question ends with
    "Prefer not to say": under the label the data gives it, else the default one."""
    if not data:
        return DEFAULT_QUESTIONS
    found = []
    for item in data:
        pairs = [(str(c["id"]), str(c["label"])) for c in item.get("categories", ())]
        declined = dict(pairs).get(PREFER_NOT_TO_SAY, PREFER_NOT_TO_SAY_LABEL)
        pairs = [pair for pair in pairs if pair[0] != PREFER_NOT_TO_SAY]
        if not pairs:
            raise ValueError(f"question {item.get('id')!r} has no categories")
        found.append(_question(str(item["id"]), str(item["label"]), pairs, declined))
    ids = [q.id for q in found]
    if len(set(ids)) != len(ids):
        raise ValueError("question ids must be unique")
    return tuple(found)


def question(questions: Sequence[Question], question_id: str) -> Question:
    for item in questions:
        if item.id == question_id:
            return item
    known = ", ".join(q.id for q in questions)
    raise KeyError(f"{question_id!r} is not a self-identification question ({known})")
