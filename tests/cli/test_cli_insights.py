"""``insights``, ``outcome`` and ``report quality`` on a demo database with planted evidence.

The demo command plants outcomes and self-identification (an effect in one criterion, a
group difference at the committee); the commands must show both, each figure with its
count, and the PDF must say the same when read back.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pypdf
import pytest
from cli_support import Run

from interview_kit.cli import main
from interview_kit.domain.candidate import PipelineStatus
from interview_kit.services import candidates, evidence
from interview_kit.services.database import open_database
from interview_kit.services.evidence.planting import PLANTED_CATEGORY, PLANTED_QUESTION

CANDIDATES = 160


@pytest.fixture(scope="module")
def evidence_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo database made by the command itself (which plants the evidence)."""
    path = tmp_path_factory.mktemp("evidence-template") / "evidence.sqlite3"
    assert main(["--db", str(path), "demo", "--candidates", str(CANDIDATES)]) == 0
    with open_database(path) as db, db.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def evidence_db(evidence_template: Path, db_path: Path) -> Path:
    shutil.copyfile(evidence_template, db_path)
    return db_path


def test_demo_plants_outcomes_and_self_identification(run: Run, db_path: Path) -> None:
    result = run("demo", "--candidates", "60")
    assert result.code == 0, result.err
    assert "hire outcomes" in result.out
    assert "self-identifications" in result.out
    with open_database(db_path) as db:
        report = evidence.validity(db)
    assert max(report.hires_with_outcomes.values()) > 0


def test_reliability_prints_each_figure_with_its_count(run: Run, evidence_db: Path) -> None:
    result = run("insights", "reliability")
    assert result.code == 0, result.err
    assert "RELIABILITY PLANNER" in result.out
    assert "Alpha (cases)" in result.out
    assert "For .70" in result.out
    with open_database(evidence_db) as db:
        report = evidence.reliability(db)
    first = report.stages[0].criteria[0]
    assert first.title in result.out
    assert f"({first.alpha_cases})" in result.out


@pytest.mark.parametrize(
    ("view", "service"),
    [
        ("reliability", evidence.reliability),
        ("validity", evidence.validity),
        ("adverse-impact", evidence.adverse_impact),
        ("drift", evidence.drift),
        ("overrides", evidence.overrides),
    ],
)
def test_json_is_the_services_answer(run: Run, evidence_db: Path, view: str, service) -> None:
    result = run("insights", view, "--json")
    assert result.code == 0, result.err
    with open_database(evidence_db) as db:
        expected = json.loads(json.dumps(service(db).to_json()))
    assert json.loads(result.out) == expected


def test_validity_shows_counts_intervals_and_caveats(run: Run, evidence_db: Path) -> None:
    result = run("insights", "validity")
    assert result.code == 0, result.err
    assert "95% interval" in result.out
    assert "Corrected r" in result.out
    assert "range restricted" in result.out
    assert "only hires have outcomes" in result.out
    assert "hires with an outcome" in result.out


def test_adverse_impact_flags_the_planted_group_at_the_committee(
    run: Run, evidence_db: Path
) -> None:
    result = run("insights", "adverse-impact", "--question", PLANTED_QUESTION)
    assert result.code == 0, result.err
    assert "Fisher p" in result.out
    flagged = [line for line in result.out.splitlines() if line.startswith("! ")]
    assert any("Committee" in line and PLANTED_CATEGORY.title() in line for line in flagged)
    assert "suppressed" in result.out or "under 5" in result.out


def test_an_unknown_question_is_invalid_input(run: Run, evidence_db: Path) -> None:
    result = run("insights", "adverse-impact", "--question", "shoe_size")
    assert result.code == 3
    assert "shoe_size" in result.err


def test_an_unknown_view_is_a_usage_error(run: Run, evidence_db: Path) -> None:
    assert run("insights", "astrology").code == 2


def test_drift_takes_its_thresholds(run: Run, evidence_db: Path) -> None:
    result = run("insights", "drift", "--shift", "0.1", "--min-comparisons", "1", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert data["shift"] == 0.1
    assert data["min_comparisons"] == 1
    assert any(item["flagged"] for item in data["interviewers"])


def _hired_and_not(db_path: Path) -> tuple[str, str]:
    with open_database(db_path) as db:
        hired = candidates.list_candidates(
            db, candidates.CandidateQuery(statuses=(PipelineStatus.HIRED,), limit=1)
        ).rows[0]
        other = candidates.list_candidates(
            db, candidates.CandidateQuery(statuses=(PipelineStatus.REJECTED,), limit=1)
        ).rows[0]
    return hired.uuid, other.uuid


def test_outcome_record_stores_and_show_lists_it(run: Run, evidence_db: Path) -> None:
    hired, _other = _hired_and_not(evidence_db)
    result = run(
        "outcome",
        "record",
        hired,
        "--checkpoint",
        "one_year",
        "--performance",
        "4",
        "--still-employed",
        "no",
        "--would-hire-again",
        "yes",
        "--json",
    )
    assert result.code == 0, result.err
    stored = json.loads(result.out)
    assert stored["performance"] == 4
    assert stored["still_employed"] is False
    assert stored["would_hire_again"] is True
    shown = run("outcome", "show", hired)
    assert shown.code == 0
    assert "One year" in shown.out
    with open_database(evidence_db) as db:
        found = {o.checkpoint.value: o for o in evidence.outcomes_for_candidate(db, hired)}
    assert found["one_year"].performance == 4


def test_outcome_for_a_candidate_not_hired_is_refused(run: Run, evidence_db: Path) -> None:
    _hired, other = _hired_and_not(evidence_db)
    result = run("outcome", "record", other, "--checkpoint", "90_days", "--still-employed", "yes")
    assert result.code == 3
    assert "not hired" in result.err


def test_outcome_performance_outside_the_scale_is_a_usage_error(
    run: Run, evidence_db: Path
) -> None:
    hired, _other = _hired_and_not(evidence_db)
    result = run(
        "outcome",
        "record",
        hired,
        "--checkpoint",
        "90_days",
        "--performance",
        "5",
        "--still-employed",
        "yes",
    )
    assert result.code == 2


def _pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_quality_report_reads_back_with_every_section(
    run: Run, evidence_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quality.pdf"
    result = run("report", "quality", "--out", str(out))
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"%PDF")
    text = _pdf_text(out)
    for title in (
        "Hiring quality",
        "Reliability planner",
        "Outcomes and validity",
        "Adverse-impact monitor",
        "Interviewer drift",
        "Overrides of the mechanical answer",
    ):
        assert title in text
    with open_database(evidence_db) as db:
        reliability = evidence.reliability(db)
        validity = evidence.validity(db)
    criterion = reliability.stages[0].criteria[0]
    assert f"{criterion.alpha:.2f} ({criterion.alpha_cases})" in text
    hires = validity.hires_with_outcomes["90_days"]
    assert f"90 days: {hires} hires with an outcome" in text
    assert "four-fifths" in text
    assert "Fisher" in text
    assert "only hires have outcomes" in text


def test_quality_report_refuses_to_overwrite_without_force(
    run: Run, evidence_db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quality.pdf"
    out.write_bytes(b"keep me")
    result = run("report", "quality", "--out", str(out))
    assert result.code == 5
    assert out.read_bytes() == b"keep me"
    assert run("report", "quality", "--out", str(out), "--force").code == 0
    assert out.read_bytes().startswith(b"%PDF")
