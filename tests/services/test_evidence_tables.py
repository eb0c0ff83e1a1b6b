"""The evidence tables say in words why a figure is missing rather than print dashes."""

from __future__ import annotations

from pathlib import Path

from interview_kit.cli import main
from interview_kit.domain.validity import FEWEST_FOR_A_CORRELATION
from interview_kit.services.evidence.tables import quality_report
from interview_kit.storage import open_database


def test_too_few_hires_with_an_outcome_is_one_sentence_not_pages_of_dashes(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "demo.sqlite3")
    assert main(["--db", path, "demo"]) == 0  # the demo plants a couple of outcomes
    with open_database(path, actor="tester") as db:
        report = quality_report(db)
    validity = next(s for s in report.sections if s.id == "validity")
    few = [t for t in validity.tables if " 1 hire with" in f" {t.title}" or "2 hires" in t.title]
    assert few, [t.title for t in validity.tables]
    for table in few:
        assert table.rows == ()
        assert table.empty_text.startswith("Only ")
        assert f"at least {FEWEST_FOR_A_CORRELATION}" in table.empty_text
    assert not any("1 hires" in t.title for t in validity.tables)


def test_a_question_whose_every_cell_is_suppressed_says_so_in_one_sentence(
    tmp_path: Path,
) -> None:
    path = str(tmp_path / "demo.sqlite3")
    assert main(["--db", path, "demo"]) == 0  # a handful of self-identifications
    with open_database(path, actor="tester") as db:
        report = quality_report(db)
    adverse = next(s for s in report.sections if s.id == "adverse_impact")
    assert adverse.tables
    for table in adverse.tables:
        assert table.rows == ()
        assert "all figures are suppressed" in table.empty_text
        assert "candidates answered" in table.title
