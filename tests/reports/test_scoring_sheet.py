"""Blank scoring sheets: everything an interviewer needs to score a stage on paper."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from packet_helpers import page_texts, pdf_text, reader

from interview_kit.domain.rubric import Rubric, load_rubric, rubric_from_data
from interview_kit.reports import build_scoring_sheet
from interview_kit.reports.sheet import UnknownStageError, find_stage

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric(REPO / "resources" / "rubrics" / "builder.toml")


def sheet_bytes(rubric: Rubric, stage: str) -> bytes:
    stream = io.BytesIO()
    build_scoring_sheet(rubric, stage, stream, invariant=True)
    return stream.getvalue()


@pytest.mark.parametrize("stage_index", [0, 1, 2])
def test_sheet_holds_every_part_of_the_stage(rubric: Rubric, stage_index: int) -> None:
    stage = rubric.stages[stage_index]
    pdf = sheet_bytes(rubric, stage.id)
    text = pdf_text(pdf)
    assert f"Stage {stage.number} · {stage.title}" in text
    assert "Candidate" in text
    assert "Interviewer" in text
    for exercise in stage.exercises:
        assert exercise.title in text
        assert f"{exercise.minutes} min" in text
    for criterion in stage.criteria:
        assert criterion.title in text
        # Anchors are wrapped across lines: compare their first words.
        assert " ".join(criterion.anchors.strong_yes.split()[:4]) in text
    for rating in ("☐ 1 Strong no", "☐ 2 No", "☐ 3 Yes", "☐ 4 Strong yes", "☐ N/A"):
        assert rating in text
    for signal in rubric.signals:
        assert signal.label in text
    for flag in rubric.red_flags:
        assert flag.label in text
    assert "☐ Below L4" in text
    for level in rubric.levels:
        assert f"☐ {level.id} {level.title}" in text
    assert "☐ Strong no ☐ No ☐ Yes ☐ Strong yes" in text
    assert "Summary" in text
    assert "Signature" in text


def test_sheet_pages_are_numbered_and_titled(rubric: Rubric) -> None:
    pdf = sheet_bytes(rubric, "2")
    pages = page_texts(pdf)
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    info = reader(pdf).metadata
    assert info is not None
    assert info.title == f"Scoring sheet — Stage 2: {rubric.stages[1].title}"


def test_stage_by_number_or_id(rubric: Rubric) -> None:
    assert find_stage(rubric, "2") == rubric.stages[1]
    assert find_stage(rubric, rubric.stages[2].id) == rubric.stages[2]


def test_unknown_stage_says_which_stages_exist(rubric: Rubric, tmp_path: Path) -> None:
    with pytest.raises(UnknownStageError) as caught:
        build_scoring_sheet(rubric, "stage_nine", tmp_path / "x.pdf")
    message = str(caught.value)
    assert "no stage 'stage_nine'" in message
    for stage in rubric.stages:
        assert stage.id in message
    assert not list(tmp_path.iterdir())


def test_sheet_is_byte_stable(rubric: Rubric) -> None:
    assert sheet_bytes(rubric, "1") == sheet_bytes(rubric, "1")


def test_hostile_rubric_text_prints_literally(rubric: Rubric) -> None:
    data = rubric.to_data()
    stage = data["stages"][0]
    stage["title"] = "<b>Ελένη</b> & Юлия's stage 日本"
    stage["criteria"][0]["title"] = "Tom & <i>Jerry</i>"
    stage["criteria"][0]["anchors"]["4"] = "W" * 3000
    stage["exercises"][0]["prompts"] = ["emoji 🚀 and control\x07char"]
    hostile = rubric_from_data(data)
    text = pdf_text(sheet_bytes(hostile, "1"))
    assert "<b>Ελένη</b> & Юлия's stage 日本" in text
    assert "Tom & <i>Jerry</i>" in text
    assert "emoji \ufffd and controlchar" in text


def test_sheet_to_a_path(rubric: Rubric, tmp_path: Path) -> None:
    target = tmp_path / "sheets" / "stage-1.pdf"
    build_scoring_sheet(rubric, "1", target)
    assert target.read_bytes().startswith(b"%PDF-")
