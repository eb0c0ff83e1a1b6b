"""A rubric's own ``[[self_identification]]`` questions: read, checked and located."""

from __future__ import annotations

import tomllib
from pathlib import Path

import jsonschema
import pytest
import tomli_w

from interview_kit.domain.rubric import (
    RubricError,
    RubricIssue,
    parse_rubric,
    rubric_json_schema,
)
from interview_kit.domain.rubric.locations import describe_location
from interview_kit.domain.self_identification import DEFAULT_QUESTIONS, PREFER_NOT_TO_SAY

BUILDER = Path(__file__).resolve().parents[2] / "resources" / "rubrics" / "builder.toml"
TEXT = BUILDER.read_text(encoding="utf-8")

REGION = """
[[self_identification]]
id = "region"
label = "Home region"
categories = [
  { id = "north", label = "North" },
  { id = "south", label = "South" },
]

[[self_identification]]
id = "first_generation"
label = "First in family at university"

[[self_identification.categories]]
id = "yes"
label = "Yes"

[[self_identification.categories]]
id = "no"
label = "No"

[[self_identification.categories]]
id = "prefer_not_to_say"
label = "Would rather not say"
"""


def issues_of(text: str) -> tuple[RubricIssue, ...]:
    with pytest.raises(RubricError) as caught:
        parse_rubric(text, "builder.toml")
    return caught.value.issues


def line_of(text: str, snippet: str) -> int:
    assert text.count(snippet) == 1, snippet
    return text[: text.index(snippet)].count("\n") + 1


def test_a_rubric_without_the_section_asks_the_default_questions() -> None:
    rubric = parse_rubric(TEXT)
    assert rubric.self_identification == ()
    assert rubric.self_identification_questions() == DEFAULT_QUESTIONS
    # Old rubrics keep their content hash: the empty section is not part of their data.
    assert "self_identification" not in rubric.to_data()


def test_the_rubrics_questions_replace_the_defaults_with_prefer_not_to_say_last() -> None:
    rubric = parse_rubric(TEXT + REGION)
    region, first = rubric.self_identification_questions()
    assert (region.id, region.label) == ("region", "Home region")
    assert [(c.id, c.label) for c in region.categories] == [
        ("north", "North"),
        ("south", "South"),
        (PREFER_NOT_TO_SAY, "Prefer not to say"),
    ]
    # Listed explicitly, "prefer not to say" keeps the rubric's label.
    assert [(c.id, c.label) for c in first.categories][-1] == (
        PREFER_NOT_TO_SAY,
        "Would rather not say",
    )
    assert not first.categories[-1].compared


def test_the_section_round_trips_through_data_and_toml_and_changes_the_hash() -> None:
    rubric = parse_rubric(TEXT + REGION)
    data = rubric.to_data()
    assert [q["id"] for q in data["self_identification"]] == ["region", "first_generation"]
    again = parse_rubric(tomli_w.dumps(data))
    assert again == rubric
    assert again.content_hash() == rubric.content_hash() != parse_rubric(TEXT).content_hash()


def test_the_documented_example_asks_its_own_questions() -> None:
    doc = (BUILDER.parents[2] / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    [example] = [block.split("```")[0] for block in doc.split("```toml\n")[1:]]
    region, first = parse_rubric(example).self_identification_questions()
    assert [c.label for c in region.categories][-1] == "Would rather not say"
    assert [c.id for c in first.categories] == ["yes", "no", PREFER_NOT_TO_SAY]


def test_the_json_schema_describes_the_section() -> None:
    validator = jsonschema.Draft202012Validator(rubric_json_schema())
    data = tomllib.loads(TEXT + REGION)
    assert list(validator.iter_errors(data)) == []
    data["self_identification"][0]["categories"][0]["colour"] = "blue"
    assert list(validator.iter_errors(data))


@pytest.mark.parametrize(
    ("extra", "path", "message", "marker"),
    [
        (
            (
                '[[self_identification]]\nid = "region"\nlabel = "Region"\n'
                'categories = [{ id = "north", label = "North" }, '
                '{ id = "prefer_not_to_say", label = "No thanks" }]\n'
            ),
            "self_identification[0].categories",
            (
                "needs at least two categories besides prefer_not_to_say, so that groups can "
                "be compared; it has 1"
            ),
            "categories = [",
        ),
        (
            '[[self_identification]]\nid = "region"\nlabel = "Region"\ncategories = []\n',
            "self_identification[0].categories",
            "needs at least one entry",
            "categories = []",
        ),
        (
            (
                '[[self_identification]]\nid = "region"\nlabel = "  "\n'
                'categories = [{ id = "a", label = "A" }, { id = "b", label = "B" }]\n'
            ),
            "self_identification[0].label",
            "must not be blank",
            'label = "  "',
        ),
        (
            (
                '[[self_identification]]\nid = "region"\nlabel = "Region"\n'
                'categories = [{ id = "a", label = "" }, { id = "b", label = "B" }]\n'
            ),
            "self_identification[0].categories[0].label",
            "must not be empty",
            "categories = [",
        ),
        (
            (
                '[[self_identification]]\nid = "Region"\nlabel = "Region"\n'
                'categories = [{ id = "a", label = "A" }, { id = "b", label = "B" }]\n'
            ),
            "self_identification[0].id",
            (
                "malformed id 'Region': use lowercase letters, digits and underscores, starting "
                "with a letter (at most 64 characters)"
            ),
            'id = "Region"',
        ),
        (
            (
                '[[self_identification]]\nid = "region"\nlabel = "Region"\n'
                'categories = [{ id = "a", label = "A" }, { id = "a", label = "B" }]\n'
            ),
            "self_identification[0].categories[1].id",
            "duplicate category id 'a': already used at self_identification[0].categories[0].id",
            "categories = [",
        ),
        (
            (
                '[[self_identification]]\nid = "region"\nlabel = "Region"\n'
                'categories = [{ id = "a", label = "A" }, { id = "b", label = "B" }]\n'
                '[[self_identification]]\nid = "region" # again\nlabel = "Region again"\n'
                'categories = [{ id = "a", label = "A" }, { id = "b", label = "B" }]\n'
            ),
            "self_identification[1].id",
            (
                "duplicate self-identification question id 'region': already used at "
                "self_identification[0].id"
            ),
            'id = "region" # again',
        ),
        (
            (
                '[[self_identification]]\nid = "region"\nlabel = "Region"\nhint = "x"\n'
                'categories = [{ id = "a", label = "A" }, { id = "b", label = "B" }]\n'
            ),
            "self_identification[0].hint",
            "is not a known key",
            'hint = "x"',
        ),
    ],
    ids=[
        "one-group",
        "no-categories",
        "blank-label",
        "empty-category-label",
        "malformed-id",
        "duplicate-category",
        "duplicate-question",
        "unknown-key",
    ],
)
def test_problems_in_the_section_are_reported_where_they_are(
    extra: str, path: str, message: str, marker: str
) -> None:
    text = TEXT + "\n" + extra
    issues = [issue for issue in issues_of(text) if issue.path.startswith("self_identification")]
    assert [(issue.path, issue.message) for issue in issues] == [(path, message)]
    # The marker is searched in the section only: builder.toml has its own ids and labels.
    offset = TEXT.count("\n") + 1
    assert issues[0].line == offset + line_of(extra, marker)


def test_locations_in_words_name_the_question_and_the_category() -> None:
    data = tomllib.loads(TEXT + REGION)
    assert (
        describe_location("self_identification[0].categories[1].label", data)
        == "Self-identification › Home region › South › label"
    )
    assert (
        describe_location("self_identification[1].id", None)
        == "Self-identification › Self-identification question 2 › id"
    )
