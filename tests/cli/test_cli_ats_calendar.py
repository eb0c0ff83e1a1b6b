"""``interview-kit scorecard import-external``, ``calendar`` and ``reminders``."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cli_support import Run
from icalendar import Calendar

from interview_kit.cli import ExitCode
from interview_kit.services import assignments, candidates, interviewers, rubrics
from interview_kit.services.database import open_database

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


@pytest.fixture
def ats_db(db_path: Path) -> Path:
    with open_database(db_path, actor="tests") as db:
        rubrics.ensure_default_rubric(db)
        interviewers.add_interviewer(db, name="Kate Austen", email="kate@example.com")
        candidates.add_candidate(db, name="Ada Lovelace", email="ada.lovelace@example.com")
    return db_path


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder)
    return folder


def test_import_external_dry_run_then_real_then_again(
    run: Run, ats_db: Path, examples: Path
) -> None:
    args = (
        "scorecard",
        "import-external",
        str(examples / "greenhouse-scorecards.json"),
        "--from",
        "greenhouse",
        "--mapping",
        str(examples / "greenhouse-mapping.toml"),
    )
    dry = run(*args, "--dry-run")
    assert dry.code == ExitCode.OK, dry.err
    assert (
        "Greenhouse 211231: Ada Lovelace, technical_deep_dive, by Kate Austen, 3 ratings: "
        "would be added" in dry.out
    )
    assert "Nothing was written (dry run)." in dry.out
    assert "ignored attribute 'Willing to travel' (not in the mapping)" in dry.err

    real = run(*args)
    assert real.code == ExitCode.OK, real.err
    assert "2 scorecards new, 0 already imported, 1 interviewer new" in real.out

    again = run(*args)
    assert again.code == ExitCode.OK
    assert "0 scorecards new, 2 already imported" in again.out
    assert again.out.count("already imported") == 3


def test_import_external_failures_say_what_and_where(
    run: Run, ats_db: Path, examples: Path
) -> None:
    gh = str(examples / "greenhouse-scorecards.json")
    mapping = examples / "greenhouse-mapping.toml"
    missing = run("scorecard", "import-external", gh, "--from", "greenhouse", "--mapping", "x.toml")
    assert missing.code == ExitCode.NOT_FOUND
    assert "mapping file x.toml: no such file" in missing.err

    wrong = run("scorecard", "import-external", gh, "--from", "lever", "--mapping", str(mapping))
    assert wrong.code == ExitCode.INVALID_INPUT
    assert "this mapping is for Greenhouse, not Lever" in wrong.err

    usage = run("scorecard", "import-external", gh, "--from", "workday", "--mapping", str(mapping))
    assert usage.code == ExitCode.USAGE

    mapping.write_text(mapping.read_text().replace("strong_yes = 4", "strong_yes = 5"))
    bad = run("scorecard", "import-external", gh, "--from", "greenhouse", "--mapping", str(mapping))
    assert bad.code == ExitCode.INVALID_INPUT
    assert "the mapping file has problems" in bad.err
    assert '[ratings] "strong_yes": Input should be less than or equal to 4' in bad.err


def test_calendar_schedule_export_and_reminders(run: Run, ats_db: Path, tmp_path: Path) -> None:
    with open_database(ats_db) as db:
        ada = candidates.resolve_candidate(db, "Ada")
        kate = interviewers.resolve_interviewer(db, "Kate")
        assignments.assign(db, ada.uuid, "initial_screen", kate.uuid)
    when = (datetime.now(UTC) - timedelta(days=3)).replace(microsecond=0)
    scheduled = run(
        "calendar", "schedule", "Ada", "initial_screen", "Kate",
        "--at", when.isoformat(), "--minutes", "45", "--place", "Room 4",
    )  # fmt: skip
    assert scheduled.code == ExitCode.OK, scheduled.err
    assert "45 min, Room 4 (update 1)" in scheduled.out

    out = tmp_path / "kate.ics"
    exported = run("calendar", "export", "--interviewer", "kate@example.com", "--out", str(out))
    assert exported.code == ExitCode.OK, exported.err
    assert exported.out.strip() == f"Wrote 1 invitation to {out}"
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == when
    assert int(event["SEQUENCE"]) == 1

    refused = run("calendar", "export", "--candidate", "Ada", "--out", str(out))
    assert refused.code == ExitCode.CONFLICT
    both = run("calendar", "export", "--candidate", "Ada", "--interviewer", "Kate", "--out", "x")
    assert both.code == ExitCode.USAGE
    nobody = run("calendar", "export", "--interviewer", "Nobody", "--out", str(tmp_path / "n"))
    assert nobody.code == ExitCode.NOT_FOUND
    naive = run("calendar", "schedule", "Ada", "initial_screen", "Kate", "--at", "2026-12-07T14:00")
    assert naive.code == ExitCode.USAGE
    assert "has no time zone" in naive.err
    unassigned = run("calendar", "schedule", "Ada", "technical_deep_dive", "Kate", "--at",
                     when.isoformat())  # fmt: skip
    assert unassigned.code == ExitCode.NOT_FOUND
    assert "is not assigned" in unassigned.err

    listed = run("reminders")
    assert listed.code == ExitCode.OK
    assert "Kate Austen" in listed.out
    assert "not started" in listed.out
    data = json.loads(run("reminders", "--json").out)
    (person,) = data["interviewers"]
    assert person["email"] == "kate@example.com"
    assert person["mailto"].startswith("mailto:kate@example.com?subject=")
    (item,) = person["overdue"]
    assert item["stage_id"] == "initial_screen"
    assert item["hours_overdue"] >= 24
    mail = run("reminders", "--mailto")
    assert "Kate Austen: mailto:kate@example.com?subject=" in mail.out

    cleared = run("calendar", "schedule", "Ada", "initial_screen", "Kate")
    assert "no time set" in cleared.out
    assert run("reminders").out.strip() == "No overdue feedback."
