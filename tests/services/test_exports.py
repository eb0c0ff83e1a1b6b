"""Spreadsheet exports written to real files and read back: CSV with the csv module,
XLSX with openpyxl (the library that wrote it, reading what a spreadsheet would)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from svc_support import Panel, complete_changes

from interview_kit.domain.scorecard import Vote
from interview_kit.services import assignments, candidates, exports, independence, scorecards
from interview_kit.services.errors import ConflictError, InvalidInputError, NotFoundError
from interview_kit.services.exports import ExportKind, ExportOptions, export_sheet

FORMULA = '=HYPERLINK("http://x.example","click")'


def _submit(panel: Panel, candidate: str, who: str, rating: int = 3) -> None:
    card = scorecards.start_scorecard(panel.db, candidate, panel.stage, who)
    changes = complete_changes(panel.rubric, panel.stage, rating, Vote.YES)
    scorecards.save_draft(panel.db, card.uuid, changes)
    scorecards.submit_scorecard(panel.db, card.uuid)


def _csv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def _xlsx(path: Path) -> tuple[Any, list[list[Any]]]:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    return sheet, [list(row) for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def scored(panel: Panel) -> Panel:
    _submit(panel, panel.candidate.uuid, panel.bo.uuid, rating=4)
    _submit(panel, panel.candidate.uuid, panel.cy.uuid, rating=3)
    candidates.add_candidate(panel.db, name=FORMULA, email="evil@example.org")
    return panel


def test_pipeline_xlsx_has_typed_cells_a_frozen_header_and_widths(
    scored: Panel, tmp_path: Path
) -> None:
    out = tmp_path / "pipeline.xlsx"
    result = export_sheet(scored.db, "pipeline", out)
    assert result.rows == 2
    sheet, rows = _xlsx(out)
    header = rows[0]
    stage_titles = [f"{s.number}. {s.title}" for s in scored.rubric.stages]
    assert header == [
        "Name",
        "Where",
        *stage_titles,
        "Score",
        "Recommendation",
        "Decision",
        "Source",
        "E-mail",
        "Updated (UTC)",
    ]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width == 28
    by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    zoe = by_name["Zoë Ångström"]
    assert isinstance(zoe["Score"], float)
    assert zoe[stage_titles[0]] == "2/2" or zoe[stage_titles[0]].startswith("✓")
    assert zoe["E-mail"] == "zoe@example.org"
    assert zoe["Updated (UTC)"].year >= 2026
    # A formula-looking name is a string cell, marked as quoted text: it never runs.
    evil = next(row for row in sheet.iter_rows(min_row=2) if row[0].value == FORMULA)
    assert evil[0].data_type == "s"
    assert evil[0].quotePrefix


def test_csv_cells_that_would_run_get_an_apostrophe(scored: Panel, tmp_path: Path) -> None:
    candidates.add_candidate(scored.db, name="+1 555 0100", email="plus@example.org")
    candidates.add_candidate(scored.db, name="@mention", email="at@example.org")
    candidates.add_candidate(scored.db, name="-minus", email="minus@example.org")
    out = tmp_path / "pipeline.csv"
    export_sheet(scored.db, "pipeline", out)
    names = {row[0] for row in _csv(out)[1:]}
    assert {"'" + FORMULA, "'+1 555 0100", "'@mention", "'-minus", "Zoë Ångström"} <= names
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 only with a BOM


def test_scores_in_long_form(scored: Panel, tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    export_sheet(scored.db, ExportKind.SCORES, out)
    _, rows = _xlsx(out)
    assert rows[0][:6] == ["Candidate", "Stage", "Interviewer", "Criterion", "Rating", "Evidence"]
    stage = scored.rubric.stage(scored.stage)
    assert len(rows) - 1 == 2 * len(stage.criteria)
    first = rows[1]
    assert first[0] == "Zoë Ångström"
    assert first[1] == stage.title
    assert {row[2] for row in rows[1:]} == {"Bo Diddley", "Cy Twombly"}
    assert {row[3] for row in rows[1:]} == {c.title for c in stage.criteria}
    assert {row[4] for row in rows[1:]} == {3, 4}
    assert all(isinstance(row[4], int) for row in rows[1:])
    assert first[5].startswith("evidence for ")


def test_anonymised_exports_name_nobody(scored: Panel, tmp_path: Path) -> None:
    options = ExportOptions(anonymise=True)
    for kind in ExportKind:
        out = tmp_path / f"{kind.value}.csv"
        export_sheet(scored.db, kind, out, options=options)
        text = out.read_text(encoding="utf-8-sig")
        for secret in ("Zoë", "Ångström", "zoe@example.org", "Bo Diddley", "Cy Twombly", "Founder"):
            assert secret not in text, (kind, secret)
    scores = _csv(tmp_path / "scores.csv")
    assert {row[2] for row in scores[1:]} == {"Interviewer 1", "Interviewer 2"}
    assert scores[1][0] == exports._Names(options).candidate(scored.candidate.uuid, "")


def test_independence_applies_as_on_screen(scored: Panel, tmp_path: Path) -> None:
    zoe = scored.candidate.uuid
    assignments.assign(scored.db, zoe, scored.stage, scored.ada.uuid)
    as_ada = ExportOptions(viewer=scored.ada.uuid)
    export_sheet(scored.db, "pipeline", tmp_path / "p.csv", options=as_ada)
    rows = _csv(tmp_path / "p.csv")
    header = rows[0]
    zoe_row = dict(zip(header, next(r for r in rows if r[0] == "Zoë Ångström"), strict=True))
    assert zoe_row["Score"] == ""
    assert zoe_row["Recommendation"] == independence.HIDDEN_TEXT
    export_sheet(scored.db, "scores", tmp_path / "s.csv", options=as_ada)
    assert len(_csv(tmp_path / "s.csv")) == 1  # the header only
    export_sheet(scored.db, "calibration", tmp_path / "c.csv", options=as_ada)
    assert len(_csv(tmp_path / "c.csv")) == 1
    # Once Ada submits, she sees the panel.
    _submit(scored, zoe, scored.ada.uuid)
    export_sheet(scored.db, "scores", tmp_path / "s2.csv", options=as_ada)
    assert len(_csv(tmp_path / "s2.csv")) > 1


def test_decisions_and_calibration(scored: Panel, tmp_path: Path) -> None:
    from interview_kit.services import decisions

    level = scored.rubric.levels[1]
    band = level.band
    decisions.record_decision(
        scored.db,
        scored.candidate.uuid,
        decision="hire",
        level=level.id,
        base=band.base_max + 1000,
        justification="=competing offer",
        override_reason="",
    )
    export_sheet(scored.db, "decisions", tmp_path / "d.xlsx")
    sheet, rows = _xlsx(tmp_path / "d.xlsx")
    record = dict(zip(rows[0], rows[1], strict=True))
    assert record["Candidate"] == "Zoë Ångström"
    assert (record["Decision"], record["Level"], record["Base"]) == (
        "hire",
        level.id,
        band.base_max + 1000,
    )
    assert record["Outside band"] == "yes"
    assert record["Justification"] == "=competing offer"
    assert sheet.cell(2, 9).data_type == "s"
    assert record["In force"] == "yes"
    export_sheet(scored.db, "calibration", tmp_path / "c.xlsx")
    _, calibration = _xlsx(tmp_path / "c.xlsx")
    assert calibration[0][:3] == ["Interviewer", "Versus panel", "Comparisons"]
    assert {row[0] for row in calibration[1:]} == {"Bo Diddley", "Cy Twombly"}
    assert all(isinstance(row[2], int) for row in calibration[1:])


def test_refusals(scored: Panel, tmp_path: Path) -> None:
    existing = tmp_path / "x.csv"
    existing.write_text("keep me")
    with pytest.raises(ConflictError):
        export_sheet(scored.db, "pipeline", existing)
    assert existing.read_text() == "keep me"
    export_sheet(scored.db, "pipeline", existing, overwrite=True)
    assert existing.read_text(encoding="utf-8-sig").startswith("Name,")
    with pytest.raises(InvalidInputError, match="csv or xlsx"):
        export_sheet(scored.db, "pipeline", tmp_path / "x.ods")
    with pytest.raises(InvalidInputError, match="not an export"):
        export_sheet(scored.db, "everything", tmp_path / "y.csv")
    with pytest.raises(NotFoundError, match="no folder"):
        export_sheet(scored.db, "pipeline", tmp_path / "missing" / "y.csv")
    with pytest.raises(NotFoundError, match="no role"):
        export_sheet(
            scored.db, "pipeline", tmp_path / "z.csv", options=ExportOptions(rubric_id="x")
        )
    assert not list(tmp_path.glob(".*partial"))
