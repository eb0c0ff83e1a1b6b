"""``interview-kit rubric`` and a rubric's own ``[[self_identification]]`` questions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit import paths
from interview_kit.cli import ExitCode
from interview_kit.domain.rubric import load_rubric

SECTION = """
[[self_identification]]
id = "region"
label = "Home region"
categories = [
  { id = "north", label = "North" },
  { id = "south", label = "South" },
]
"""


@pytest.fixture
def builder_text() -> str:
    return paths.default_rubric_path().read_text(encoding="utf-8")


def test_validate_reports_problems_in_the_section_with_their_lines(
    run: Run, tmp_path: Path, builder_text: str
) -> None:
    broken = tmp_path / "broken.toml"
    text = builder_text + SECTION.replace('  { id = "south", label = "South" },\n', "")
    text += '\n[[self_identification]]\nid = "region"\nlabel = ""\n'
    text += 'categories = [{ id = "a", label = "A" }, { id = "b", label = "B" }]\n'
    broken.write_text(text, encoding="utf-8")
    result = run("rubric", "validate", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert lines[0] == f"interview-kit: error: {broken}: 3 problems in the rubric"
    first = builder_text.count("\n") + 2  # the section's [[self_identification]] line
    assert lines[1:] == [
        (
            f"  {broken}:{first + 3}: self_identification[0].categories: needs at least two "
            "categories besides prefer_not_to_say, so that groups can be compared; it has 1"
        ),
        (
            f"  {broken}:{first + 8}: self_identification[1].id: duplicate "
            "self-identification question id 'region': already used at self_identification[0].id"
        ),
        f"  {broken}:{first + 9}: self_identification[1].label: must not be empty",
    ]


def test_a_valid_section_is_counted_imported_shown_and_exported_as_it_was(
    run: Run, tmp_path: Path, builder_text: str
) -> None:
    source = tmp_path / "regions.toml"
    source.write_text(builder_text + SECTION, encoding="utf-8")
    result = run("rubric", "validate", str(source))
    assert result.code == ExitCode.OK
    assert "4 levels, 1 self-identification question" in result.out

    assert run("rubric", "import", str(source)).code == ExitCode.OK
    shown = run("rubric", "show")
    assert "Self-identification (this rubric's own):" in shown.out
    assert "  Home region (region): North, South, Prefer not to say" in shown.out
    data = json.loads(run("rubric", "show", "--json").out)
    assert data["rubric"]["self_identification"][0]["categories"][1] == {
        "id": "south",
        "label": "South",
    }

    out = tmp_path / "exported.toml"
    assert run("rubric", "export", "--out", str(out)).code == ExitCode.OK
    assert out.read_text(encoding="utf-8") == builder_text + SECTION
    assert load_rubric(out).self_identification == load_rubric(source).self_identification


def test_show_names_the_default_questions_when_the_rubric_has_none(run: Run) -> None:
    run("rubric", "import", str(paths.default_rubric_path()))
    shown = run("rubric", "show").out
    assert "Self-identification (the default EEO questions):" in shown
    assert "  Sex (sex): Female, Male, Another description, Prefer not to say" in shown
