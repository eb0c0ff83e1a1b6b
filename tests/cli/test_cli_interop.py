"""The command line for what the app does: CSV import, exports, interviewers, assignments,
decisions, erasure and roles; each command's failures with their exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from cli_support import Run

from interview_kit import paths
from interview_kit.cli import ExitCode
from interview_kit.domain.scorecard import Vote
from interview_kit.services import candidates, interviewers, rubrics, scorecards
from interview_kit.services.database import open_database
from tests.services.svc_support import complete_changes


@pytest.fixture
def roles_db(run: Run, db_path: Path, tmp_path: Path) -> Path:
    """A database with two roles: Builder and Product Designer."""
    assert run("rubric", "import", str(paths.default_rubric_path())).code == ExitCode.OK
    text = paths.default_rubric_path().read_text(encoding="utf-8")
    text = text.replace('id = "builder"', 'id = "designer"', 1)
    text = text.replace('role_title = "Builder"', 'role_title = "Product Designer"', 1)
    designer = tmp_path / "designer.toml"
    designer.write_text(text, encoding="utf-8")
    assert run("rubric", "import", str(designer)).code == ExitCode.OK
    return db_path


# ---------------------------------------------------------------------------------------
# candidate add / list --role / erase


def test_add_needs_a_role_when_several_are_hired_for(run: Run, roles_db: Path) -> None:
    refused = run("candidate", "add", "--name", "Ada", "--email", "ada@example.org")
    assert refused.code == ExitCode.INVALID_INPUT
    assert "several roles" in refused.err
    assert "builder (Builder)" in refused.err
    unknown = run("candidate", "add", "--name", "Ada", "--email", "a@x.org", "--rubric", "chef")
    assert unknown.code == ExitCode.NOT_FOUND
    added = run(
        "candidate", "add", "--name", "Ada", "--email", "ada@example.org",
        "--rubric", "product designer", "--json",
    )  # fmt: skip
    assert added.code == ExitCode.OK, added.err
    data = json.loads(added.out)
    assert (data["rubric_id"], data["role"]) == ("designer", "Product Designer")
    assert (data["source"], data["origin"]) == ("unknown", "unknown")
    run("candidate", "add", "--name", "Bo", "--email", "bo@example.org", "--rubric", "builder")

    designers = run("candidate", "list", "--role", "designer", "--json")
    assert [c["name"] for c in json.loads(designers.out)["candidates"]] == ["Ada"]
    builders = run("candidate", "list", "--role", "Builder")
    assert "Bo" in builders.out
    assert "Ada" not in builders.out
    missing = run("candidate", "list", "--role", "chef")
    assert missing.code == ExitCode.NOT_FOUND
    assert "no role 'chef'" in missing.err


def test_erase_asks_for_the_name(run: Run, demo_db: Path) -> None:
    wrong = run("candidate", "erase", "Amara", "--confirm", "amara")
    assert wrong.code == ExitCode.CONFLICT
    assert "--confirm 'Amara Okonkwo'" in wrong.err
    assert run("candidate", "show", "Amara").code == ExitCode.OK
    missing_confirm = run("candidate", "erase", "Amara")
    assert missing_confirm.code == ExitCode.USAGE
    erased = run("candidate", "erase", "Amara", "--confirm", "Amara Okonkwo")
    assert erased.code == ExitCode.OK, erased.err
    assert erased.out.startswith("Erased Amara Okonkwo (")
    assert "scorecard" in erased.out
    assert run("candidate", "show", "Amara").code == ExitCode.NOT_FOUND
    assert run("candidate", "erase", "Nobody", "--confirm", "Nobody").code == ExitCode.NOT_FOUND


# ---------------------------------------------------------------------------------------
# candidate import


def test_import_previews_then_imports(run: Run, roles_db: Path, tmp_path: Path) -> None:
    source = tmp_path / "people.csv"
    source.write_bytes(
        "Vorname;Nachname;E-Mail;Stelle\nZoë;Åberg;zoe@example.org;Product Designer\n"
        "Jonas;Müller;jonas@example.org;\n".encode("cp1252")
    )
    preview = run("candidate", "import", str(source), "--dry-run")
    assert preview.code == ExitCode.OK, preview.err
    assert "Read as cp1252, semicolon-separated." in preview.out
    assert "Dry run: 2 to add, 0 to update, 0 unchanged. Nothing was stored." in preview.out
    assert "Stelle → ignore" in preview.out
    assert json.loads(run("candidate", "list", "--json").out)["total"] == 0

    done = run("candidate", "import", str(source), "--map", "Stelle=role", "--rubric", "builder")
    assert done.code == ExitCode.OK, done.err
    assert "Imported: 2 added, 0 updated, 0 unchanged." in done.out
    listed = json.loads(run("candidate", "list", "--role", "designer", "--json").out)
    assert [c["name"] for c in listed["candidates"]] == ["Zoë Åberg"]
    again = json.loads(run("candidate", "import", str(source), "--json").out)
    assert (again["added"], again["skipped"], again["written"]) == (0, 2, True)


def test_import_failures(run: Run, db_path: Path, tmp_path: Path) -> None:
    missing = run("candidate", "import", str(tmp_path / "nope.csv"))
    assert missing.code == ExitCode.NOT_FOUND
    folder = run("candidate", "import", str(tmp_path))
    assert folder.code == ExitCode.INVALID_INPUT

    broken = tmp_path / "broken.csv"
    broken.write_text(
        "Name,Email\nAda,ada@example.org\nAda Two,ada@example.org\n,x@example.org\n",
        encoding="utf-8",
    )
    result = run("candidate", "import", str(broken))
    assert result.code == ExitCode.INVALID_INPUT
    assert "2 problems in" in result.err
    assert "nothing was imported" in result.err
    assert "row 3, column 'Email': ada@example.org is also on row 2" in result.err
    assert "row 4, column 'Name': name is required" in result.err
    assert json.loads(run("candidate", "list", "--json").out)["total"] == 0

    as_json = run("candidate", "import", str(broken), "--json")
    assert as_json.code == ExitCode.INVALID_INPUT
    assert [p["row"] for p in json.loads(as_json.out)["problems"]] == [3, 4]

    bad_map = run("candidate", "import", str(broken), "--map", "Email=phone")
    assert bad_map.code == ExitCode.INVALID_INPUT
    assert "'phone' is not a field" in bad_map.err
    no_column = run("candidate", "import", str(broken), "--map", "Phone=notes")
    assert no_column.code == ExitCode.INVALID_INPUT
    assert "row 1, column 'Phone'" in no_column.err
    encoding = run("candidate", "import", str(broken), "--encoding", "klingon")
    assert encoding.code == ExitCode.INVALID_INPUT
    no_rubric = run("candidate", "import", str(broken), "--rubric", "chef")
    assert no_rubric.code == ExitCode.NOT_FOUND


# ---------------------------------------------------------------------------------------
# export


def test_export_each_list(run: Run, demo_db: Path, tmp_path: Path) -> None:
    for kind in ("pipeline", "scores", "decisions", "calibration"):
        out = tmp_path / f"{kind}.xlsx"
        result = run("export", kind, "--format", "xlsx", "--out", str(out))
        assert result.code == ExitCode.OK, result.err
        sheet = openpyxl.load_workbook(out).worksheets[0]
        assert sheet.freeze_panes == "A2"
        assert f"Wrote {sheet.max_row - 1} rows of {kind}" in result.out
    csv_out = tmp_path / "scores.csv"
    assert run("export", "scores", "--out", str(csv_out), "--anonymise").code == ExitCode.OK
    text = csv_out.read_text(encoding="utf-8-sig")
    assert text.startswith("Candidate,Stage,Interviewer,Criterion,Rating,Evidence")
    assert "Amara Okonkwo" not in text


def test_export_failures(run: Run, demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "p.csv"
    out.write_text("keep")
    exists = run("export", "pipeline", "--out", str(out))
    assert exists.code == ExitCode.CONFLICT
    assert out.read_text() == "keep"
    assert run("export", "pipeline", "--out", str(out), "--force").code == ExitCode.OK
    suffix = run("export", "pipeline", "--out", str(tmp_path / "p.ods"))
    assert suffix.code == ExitCode.USAGE
    assert "--format csv|xlsx" in suffix.err
    assert run("export", "everything", "--out", str(out)).code == ExitCode.USAGE
    assert run("export", "pipeline", "--format", "ods", "--out", "x").code == ExitCode.USAGE
    folder = run("export", "pipeline", "--out", str(tmp_path / "no" / "p.csv"))
    assert folder.code == ExitCode.NOT_FOUND
    role = run("export", "pipeline", "--out", str(tmp_path / "r.csv"), "--role", "chef")
    assert role.code == ExitCode.NOT_FOUND
    viewer = run("export", "pipeline", "--out", str(tmp_path / "v.csv"), "--as", "Nobody Atall")
    assert viewer.code == ExitCode.NOT_FOUND


# ---------------------------------------------------------------------------------------
# interviewer, assign, unassign


def test_interviewers(run: Run, db_path: Path) -> None:
    empty = run("interviewer", "list")
    assert "No interviewers yet" in empty.out
    added = run("interviewer", "add", "--name", "Ada Lovelace", "--email", "ada@example.org")
    assert added.code == ExitCode.OK
    assert run("interviewer", "add", "--name", "Ada Byron", "--json").code == ExitCode.OK
    edited = run("interviewer", "edit", "lovelace", "--role", "Staff engineer", "--json")
    assert json.loads(edited.out)["role"] == "Staff engineer"
    listed = json.loads(run("interviewer", "list", "--json").out)["interviewers"]
    assert [(i["name"], i["open_assignments"]) for i in listed] == [
        ("Ada Byron", 0),
        ("Ada Lovelace", 0),
    ]
    assert "Staff engineer" in run("interviewer", "list").out

    assert run("interviewer", "add").code == ExitCode.USAGE
    assert run("interviewer", "add", "--name", " ").code == ExitCode.INVALID_INPUT
    bad_mail = run("interviewer", "add", "--name", "C", "--email", "nope")
    assert bad_mail.code == ExitCode.INVALID_INPUT
    assert run("interviewer", "edit", "lovelace").code == ExitCode.USAGE
    ambiguous = run("interviewer", "edit", "ada", "--name", "X")
    assert ambiguous.code == ExitCode.CONFLICT
    assert "matches several interviewers" in ambiguous.err
    assert run("interviewer", "edit", "Zed", "--name", "X").code == ExitCode.NOT_FOUND


def test_assign_and_unassign(run: Run, demo_db: Path) -> None:
    run("interviewer", "add", "--name", "Quinn Newcomer", "--email", "quinn@example.org")
    stage = "initial_screen"
    done = run("assign", "Noor Haddad", "--stage", stage, "--interviewer", "quinn")
    assert done.code == ExitCode.OK, done.err
    assert done.out.startswith("Assigned Quinn Newcomer to Noor Haddad")
    again = run("assign", "Noor Haddad", "--stage", stage, "--interviewer", "quinn")
    assert "already" in again.out
    listed = json.loads(run("interviewer", "list", "--json").out)["interviewers"]
    quinn = next(i for i in listed if i["name"] == "Quinn Newcomer")
    assert quinn["open_assignments"] in (0, 1)  # Noor may already be closed in the demo

    bad_stage = run("assign", "Noor Haddad", "--stage", "lunch", "--interviewer", "quinn")
    assert bad_stage.code == ExitCode.INVALID_INPUT
    assert "not in the candidate's rubric" in bad_stage.err
    assert run("assign", "Nobody", "--stage", stage, "--interviewer", "quinn").code == 4
    assert run("assign", "Noor Haddad", "--stage", stage, "--interviewer", "zz").code == 4
    assert run("assign", "Noor Haddad", "--interviewer", "quinn").code == ExitCode.USAGE

    off = run("unassign", "Noor Haddad", "--stage", stage, "--interviewer", "quinn")
    assert off.code == ExitCode.OK
    assert "(any scorecard they wrote stays)" in off.out
    not_on = run("unassign", "Noor Haddad", "--stage", stage, "--interviewer", "quinn")
    assert not_on.code == ExitCode.NOT_FOUND
    assert "is not assigned" in not_on.err


# ---------------------------------------------------------------------------------------
# decision


@pytest.fixture
def at_committee(db_path: Path) -> str:
    """A candidate with two submitted scorecards, moved to the committee (which freezes
    the recommendation a decision may depart from only with a reason)."""
    with open_database(db_path, actor="tests") as db:
        rubrics.ensure_default_rubric(db)
        rubric = rubrics.active_rubric(db).rubric
        candidate = candidates.add_candidate(db, name="Zoë Ångström", email="zoe@example.org")
        for name in ("Ada Lovelace", "Bo Diddley"):
            who = interviewers.add_interviewer(db, name=name)
            card = scorecards.start_scorecard(db, candidate.uuid, rubric.stages[0].id, who.uuid)
            changes = complete_changes(rubric, rubric.stages[0].id, 1, Vote.STRONG_NO)
            scorecards.save_draft(db, card.uuid, changes)
            scorecards.submit_scorecard(db, card.uuid)
        candidates.set_status(db, candidate.uuid, "committee")
        return candidate.uuid


def test_decision_rules(run: Run, at_committee: str) -> None:
    no_level = run("decision", "record", "Zoë", "--decision", "hire")
    assert no_level.code == ExitCode.INVALID_INPUT
    departs = run("decision", "record", "Zoë", "--decision", "hire", "--level", "L5")
    assert departs.code == ExitCode.INVALID_INPUT
    assert "write an override reason" in departs.err
    outside = run(
        "decision", "record", "Zoë", "--decision", "hire", "--level", "L5",
        "--base", "9,000,000", "--override-reason", "Strong references",
    )  # fmt: skip
    assert outside.code == ExitCode.INVALID_INPUT
    assert "outside the L5 band" in outside.err
    assert run("decision", "record", "Zoë", "--decision", "hire", "--level", "L99").code == 3
    assert run("decision", "record", "Zoë", "--decision", "maybe").code == ExitCode.USAGE
    assert run("decision", "record", "Zoë", "--decision", "hire", "--base", "-1").code == 2
    assert run("decision", "record", "Nobody", "--decision", "no_hire").code == 4
    assert "No decision recorded" in run("decision", "list", "Zoë").out
    assert run("decision", "list", "Nobody").code == ExitCode.NOT_FOUND
    assert run("decision", "record", "Zoë").code == ExitCode.USAGE

    version = json.loads(run("decision", "list", "Zoë", "--json").out)["version"]
    stored = run(
        "decision", "record", "Zoë", "--decision", "hire", "--level", "L5",
        "--base", "9,000,000", "--justification", "Competing offer",
        "--override-reason", "Strong references", "--expected-version", str(version), "--json",
    )  # fmt: skip
    assert stored.code == ExitCode.OK, stored.err
    data = json.loads(stored.out)
    assert (data["decision"], data["level"], data["outside_band"]) == ("hire", "L5", True)
    stale = run(
        "decision", "record", "Zoë", "--decision", "no_hire",
        "--expected-version", str(version),
    )  # fmt: skip
    assert stale.code == ExitCode.CONFLICT
    history = run("decision", "list", "Zoë")
    assert "in force" in history.out
    assert "hire" in history.out


# ---------------------------------------------------------------------------------------
# Pipes


@pytest.mark.slow
@pytest.mark.parametrize(
    "argv",
    [["interviewer", "list"], ["candidate", "list", "--limit", "200"]],
)
def test_output_into_head_ends_quietly(demo_db: Path, argv: list[str]) -> None:
    command = " ".join(
        [sys.executable, "-m", "interview_kit", "--db", f"'{demo_db}'", *argv, "| head -1"]
    )
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert len(done.stdout.splitlines()) == 1
