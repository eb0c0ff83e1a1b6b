"""Editing a rubric as data: structure helpers keep references whole; saving is all or nothing."""

from __future__ import annotations

import copy
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_kit.domain.rubric import RubricError, load_rubric, validate_rubric_data
from interview_kit.services import candidates, rubric_editing, rubrics
from interview_kit.services.errors import ConflictError, StaleEditError

BUILDER = Path(__file__).resolve().parents[2] / "resources" / "rubrics" / "builder.toml"
BUILDER_DATA = load_rubric(BUILDER).to_data()


def fresh() -> dict:
    return copy.deepcopy(BUILDER_DATA)


def references(data: dict) -> set[tuple[str, str]]:
    """Every (kind, id) some part of the rubric points at."""
    found: set[tuple[str, str]] = set()
    for stage in data["stages"]:
        found |= {("look_for", ref) for ref in stage.get("look_for", [])}
        for exercise in stage["exercises"]:
            found |= {("criterion", ref) for ref in exercise.get("criteria", [])}
        for criterion in stage["criteria"]:
            found |= {("dimension", ref) for ref in criterion.get("tags", [])}
            found |= {("signal", ref) for ref in criterion.get("signals", [])}
    for key in ("signals", "red_flags"):
        for item in data[key]:
            found |= {("dimension", ref) for ref in item.get("tags", [])}
    return found


def test_the_builder_rubric_is_valid_as_data() -> None:
    assert rubric_editing.validate(fresh()) == []


@pytest.mark.parametrize(
    ("kind", "stage_index", "blank_paths"),
    [
        ("stages", None, {"stages[{i}].title", "stages[{i}].purpose"}),
        ("exercises", 0, {"stages[0].exercises[{i}].title", "stages[0].exercises[{i}].prompts[0]"}),
        ("criteria", 1, {"stages[1].criteria[{i}].title", "stages[1].criteria[{i}].anchors.1"}),
        ("signals", None, {"signals[{i}].label"}),
        ("red_flags", None, {"red_flags[{i}].label"}),
        ("levels", None, {"levels[{i}].title", "levels[{i}].impact"}),
        ("dimensions", None, {"dimensions[{i}].label"}),
    ],
)
def test_new_items_are_blank_and_say_so(kind, stage_index, blank_paths) -> None:
    data = fresh()
    index = rubric_editing.add_item(data, kind, stage_index)
    blank_paths = {path.replace("{i}", str(index)) for path in blank_paths}
    paths = {issue.path for issue in rubric_editing.validate(data)}
    assert blank_paths <= paths, paths
    # Nothing else is wrong: the new item got a free id and sensible numbers.
    assert all(
        any(path.startswith(prefix) for prefix in (f"{kind}[{index}]", "stages[")) for path in paths
    )


def test_a_new_level_continues_the_ladder() -> None:
    data = fresh()
    index = rubric_editing.add_item(data, "levels")
    level = data["levels"][index]
    assert level["id"] == "L8"
    assert level["min_score"] > data["levels"][index - 1]["min_score"]
    assert level["band"]["currency"] == data["levels"][index - 1]["band"]["currency"]


def test_removing_a_signal_removes_every_reference() -> None:
    data = fresh()
    signal = data["signals"][0]["id"]
    assert ("signal", signal) in references(data)
    rubric_editing.remove_item(data, "signals", 0)
    assert ("signal", signal) not in references(data)
    assert ("look_for", signal) not in references(data)
    assert rubric_editing.validate(data) == []


def test_removing_a_stage_drops_its_weight_and_renumbers() -> None:
    data = fresh()
    removed = data["stages"][0]["id"]
    rubric_editing.remove_item(data, "stages", 0)
    assert removed not in data["rules"]["stage_weights"]
    assert [stage["number"] for stage in data["stages"]] == [1, 2]
    assert rubric_editing.validate(data) == []


def test_renaming_follows_references_and_never_merges() -> None:
    data = fresh()
    old = data["stages"][0]["criteria"][0]["id"]
    data["stages"][0]["criteria"][0]["id"] = "ownership_story"
    rubric_editing.rename_id(data, "criteria", 0, "ownership_story", 0, old_id=old)
    assert ("criterion", old) not in references(data)
    assert ("criterion", "ownership_story") in references(data)
    # A clash is left for the validator to report; references stay where they were.
    pointed_at = {ref for kind, ref in references(data) if kind in ("signal", "look_for")}
    index = next(i for i, s in enumerate(data["signals"]) if s["id"] in pointed_at)
    first = data["signals"][index]["id"]
    taken = data["signals"][index - 1]["id"]
    rubric_editing.rename_id(data, "signals", index, taken)
    assert first in {ref for _kind, ref in references(data)}
    problems = {issue.path for issue in rubric_editing.validate(data)}
    assert any(p.startswith("signals[") and p.endswith("].id") for p in problems)


_REFERENCE = re.compile(
    r"(\.look_for\[|\.signals\[|\.tags\[|\.exercises\[\d+\]\.criteria\[|^rules\.stage_weights\.)"
)


def _is_reference(path: str) -> bool:
    """A place that names another item. The level caps in the rules are left out: they
    are required, so removing their level leaves the validator to ask for another."""
    return bool(_REFERENCE.search(path))


_OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["add", "remove", "up", "down"]),
        st.sampled_from(
            ["stages", "exercises", "criteria", "signals", "red_flags", "levels", "dimensions"]
        ),
        st.integers(min_value=0, max_value=40),
    ),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_OPERATIONS)
def test_structure_edits_never_leave_a_dangling_reference(operations) -> None:
    data = fresh()
    for action, kind, number in operations:
        stages = len(data["stages"])
        stage = number % stages if kind in ("exercises", "criteria") and stages else None
        if kind in ("exercises", "criteria") and stage is None:
            continue
        items = data["stages"][stage][kind] if stage is not None else data[kind]
        if action == "add":
            rubric_editing.add_item(data, kind, stage)
        elif items:
            index = number % len(items)
            if action == "remove":
                rubric_editing.remove_item(data, kind, index, stage)
            else:
                rubric_editing.move_item(data, kind, index, -1 if action == "up" else 1, stage)
    dangling = [
        (issue.path, issue.message)
        for issue in validate_rubric_data(data)
        if _is_reference(issue.path)
    ]
    assert not dangling
    for kind in ("stages", "signals", "red_flags", "levels", "dimensions"):
        ids = [item["id"] for item in data[kind]]
        assert len(ids) == len(set(ids)), kind
    criterion_ids = [c["id"] for stage in data["stages"] for c in stage["criteria"]]
    assert len(criterion_ids) == len(set(criterion_ids))
    if data["stages"]:
        assert [s["number"] for s in data["stages"]] == list(range(1, len(data["stages"]) + 1))


def test_read_rubric_file_keeps_problems_for_the_editor(tmp_path) -> None:
    broken = tmp_path / "broken.toml"
    text = BUILDER.read_text(encoding="utf-8").replace('id = "builder"', 'id = "Builder"', 1)
    broken.write_text(text, encoding="utf-8")
    data = rubric_editing.read_rubric_file(broken)
    assert data["id"] == "Builder"
    with pytest.raises(RubricError, match="file not found"):
        rubric_editing.read_rubric_file(tmp_path / "missing.toml")
    (tmp_path / "bad.toml").write_text("a = [", encoding="utf-8")
    with pytest.raises(RubricError, match="not valid TOML"):
        rubric_editing.read_rubric_file(tmp_path / "bad.toml")


def test_export_valid_and_draft(tmp_path) -> None:
    out = tmp_path / "out.toml"
    rubric_editing.export_rubric_data(fresh(), out)
    assert load_rubric(out).content_hash() == load_rubric(BUILDER).content_hash()
    with pytest.raises(ConflictError, match="already exists"):
        rubric_editing.export_rubric_data(fresh(), out)
    draft = fresh()
    draft["levels"][0]["min_score"] = 9
    with pytest.raises(RubricError):
        rubric_editing.export_rubric_data(draft, tmp_path / "draft.toml")
    rubric_editing.export_rubric_data(draft, tmp_path / "draft.toml", allow_problems=True)
    written = (tmp_path / "draft.toml").read_text(encoding="utf-8")
    assert written.startswith("# An unfinished rubric")
    assert tomllib.loads(written)["levels"][0]["min_score"] == 9
    with pytest.raises(RubricError) as problems:
        load_rubric(tmp_path / "draft.toml")
    assert any(issue.path == "levels[0].min_score" for issue in problems.value.issues)


def test_save_is_all_or_nothing_and_says_whom_it_moves(db, rubric) -> None:
    waiting = candidates.add_candidate(db, name="Wendy Waiting")
    editable = rubric_editing.open_for_editing(db)
    data = editable.data
    data["rules"]["hire_bar"] = 1.5  # below strong_no_hire_below: invalid
    with pytest.raises(RubricError):
        rubric_editing.save_edited_rubric(db, data, expected_version=editable.expected_version)
    assert [v.version for v in rubrics.list_rubric_versions(db, "builder")] == [1]
    data["rules"]["hire_bar"] = 3.0
    impact = rubric_editing.save_impact(db, data)
    assert [ref.name for ref in impact.moves] == ["Wendy Waiting"]
    assert impact.keeps == ()
    assert not impact.unchanged
    saved = rubric_editing.save_edited_rubric(db, data, expected_version=editable.expected_version)
    assert saved.created
    assert saved.info.version == 2
    assert [ref.uuid for ref in saved.moved] == [waiting.uuid]
    assert "It applies to 1 open candidate: Wendy Waiting." in saved.describe()
    assert rubric_editing.save_impact(db, data).unchanged
    with pytest.raises(StaleEditError):
        rubric_editing.save_edited_rubric(db, fresh(), expected_version=1)
