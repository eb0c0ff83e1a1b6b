"""``interview-kit candidate add|list|show``."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit.cli import ExitCode

DEMO_NAMES = (
    "Łukasz Kowalczyk", "Zoë Lefèvre", "Astrid Ørsted", "Ελένη Παπαδοπούλου", "Юлия Соколова",
    "Kwame Asante", "Priya Raman", "Mateo Fernández", "Siobhán Ní Bhriain", "王静",
    "Jonas Müller", "Amara Okonkwo", "Noor Haddad",
)  # fmt: skip


def _add(run: Run, name: str, email: str, *extra: str) -> object:
    return run(
        "candidate", "add", "--name", name, "--email", email, "--source", "founder",
        "--origin", "pm", *extra,
    )  # fmt: skip


def test_add_and_show(run: Run) -> None:
    added = _add(
        run, "Søren Ågård", "soren@example.com", "--role", "Builder", "--notes", "Met at a meetup."
    )
    assert added.code == ExitCode.OK, added.err
    assert added.out.startswith("Added candidate Søren Ågård (")
    new_id = added.out.strip().rsplit("(", 1)[1].rstrip(")")
    uuid.UUID(new_id)

    shown = run("candidate", "show", new_id[:8])
    assert shown.code == ExitCode.OK
    assert "Søren Ågård" in shown.out
    assert "Founder / indie hacker" in shown.out
    assert "PM path" in shown.out
    assert "Met at a meetup." in shown.out


def test_add_json(run: Run) -> None:
    result = _add(run, "Zoë Ångström", "zoe@example.com", "--json")
    data = json.loads(result.out)
    assert data["name"] == "Zoë Ångström"
    assert (data["source"], data["origin"], data["status"]) == ("founder", "pm", "new")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--name", "A", "--email", "not-an-address", "--source", "other", "--origin", "pm"],
         ExitCode.INVALID_INPUT, "does not look like an address"),
        (["--name", "  ", "--email", "a@example.com", "--source", "other", "--origin", "pm"],
         ExitCode.INVALID_INPUT, "name is required"),
        (["--name", "x" * 201, "--email", "a@example.com", "--source", "other", "--origin", "pm"],
         ExitCode.INVALID_INPUT, "too long"),
        (["--email", "a@example.com", "--source", "other", "--origin", "pm"],
         ExitCode.USAGE, "--name"),
        (["--name", "A", "--email", "a@example.com", "--source", "recruiter", "--origin", "pm"],
         ExitCode.USAGE, "invalid choice: 'recruiter'"),
        (["--name", "A", "--email", "a@example.com", "--source", "other", "--origin", "design"],
         ExitCode.USAGE, "invalid choice: 'design'"),
    ],
)  # fmt: skip
def test_add_refuses_bad_values(run: Run, argv: list[str], code: ExitCode, message: str) -> None:
    result = run("candidate", "add", *argv)
    assert result.code == code
    assert message in result.err
    assert "Traceback" not in result.err
    assert "No candidates yet" in run("candidate", "list").out


def test_list_empty(run: Run) -> None:
    result = run("candidate", "list")
    assert result.code == ExitCode.OK
    assert "No candidates yet" in result.out
    assert "interview-kit demo" in result.out


def test_list_shows_the_demo_panel(run: Run, demo_db: Path) -> None:
    result = run("candidate", "list")
    assert result.code == ExitCode.OK
    lines = result.out.splitlines()
    assert lines[0].split() == [
        "ID", "NAME", "STATUS", "STAGE", "SCORE", "RECOMMENDATION", "LEVEL", "DECISION",
    ]  # fmt: skip
    for name in DEMO_NAMES:
        assert name in result.out
    assert lines[-1] == "1–13 of 13 candidates"
    assert "strong no hire" in result.out
    assert "insufficient evidence" in result.out


def test_list_json(run: Run, demo_db: Path) -> None:
    data = json.loads(run("candidate", "list", "--json").out)
    assert data["total"] == 13
    assert {row["name"] for row in data["candidates"]} == set(DEMO_NAMES)
    lukasz = next(row for row in data["candidates"] if row["name"] == "Łukasz Kowalczyk")
    assert lukasz["status"] == "hired"
    assert lukasz["committee_decision"] == "hire"
    assert lukasz["submitted_scorecards"] >= 6
    assert 1.0 <= lukasz["score"] <= 4.0
    assert set(lukasz) == {
        "uuid", "name", "email", "source", "origin", "role", "status", "stage", "score",
        "recommendation", "level", "submitted_scorecards", "committee_decision",
        "created_at", "updated_at",
    }  # fmt: skip


def test_list_filters(run: Run, demo_db: Path) -> None:
    def names(*argv: str) -> set[str]:
        data = json.loads(run("candidate", "list", "--json", *argv).out)
        return {row["name"] for row in data["candidates"]}

    assert names("--status", "rejected") == {"Ελένη Παπαδοπούλου", "Kwame Asante", "Amara Okonkwo"}
    assert names("--status", "hired", "--status", "offer") == {"Łukasz Kowalczyk", "Zoë Lefèvre"}
    assert names("--stage", "initial_screen") == {"王静"}
    assert names("--search", "lefevre") == {"Zoë Lefèvre"}
    assert names("--search", "ΕΛΈΝΗ") == {"Ελένη Παπαδοπούλου"}
    assert names("--search", "candidates.example.com") == set(DEMO_NAMES)
    assert names("--search", "nobody-like-this") == set()


def test_list_pages_and_sorting(run: Run, demo_db: Path) -> None:
    page = json.loads(run("candidate", "list", "--json", "--limit", "5", "--offset", "10").out)
    assert (page["total"], page["offset"], len(page["candidates"])) == (13, 10, 3)
    text = run("candidate", "list", "--limit", "5", "--offset", "10").out
    assert text.splitlines()[-1] == "11–13 of 13 candidates"
    beyond = run("candidate", "list", "--offset", "40")
    assert "No candidates on this page" in beyond.out

    scored = json.loads(run("candidate", "list", "--json", "--sort", "score", "--descending").out)
    scores = [row["score"] for row in scored["candidates"] if row["score"] is not None]
    assert scores == sorted(scores, reverse=True)
    assert scored["candidates"][-1]["score"] is None  # unscored last


def test_list_no_match_message(run: Run, demo_db: Path) -> None:
    assert run("candidate", "list", "--search", "zzz").out.strip() == "No candidates match."


def test_show_by_every_kind_of_reference(run: Run, demo_db: Path) -> None:
    data = json.loads(run("candidate", "list", "--json", "--search", "Ørsted").out)
    astrid = data["candidates"][0]
    for reference in (
        astrid["uuid"],
        astrid["uuid"][:6],
        astrid["email"],
        "astrid ørsted",
        "Ørsted",
    ):
        result = run("candidate", "show", reference, "--json")
        assert result.code == ExitCode.OK, (reference, result.err)
        assert json.loads(result.out)["uuid"] == astrid["uuid"]


def test_show_text_has_the_summary(run: Run, demo_db: Path) -> None:
    result = run("candidate", "show", "Юлия")
    assert result.code == ExitCode.OK
    assert "Юлия Соколова" in result.out
    assert "Recommendation: insufficient evidence" in result.out
    assert "Status:         Product" in result.out


def test_show_ambiguous_lists_the_matches(run: Run, demo_db: Path) -> None:
    result = run("candidate", "show", "an")
    assert result.code == ExitCode.CONFLICT
    assert "matches several candidates" in result.err
    assert "Ana" not in result.err
    assert "Kwame Asante" in result.err or "Priya Raman" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_show_not_found(run: Run, demo_db: Path) -> None:
    result = run("candidate", "show", "Grace Hopper")
    assert result.code == ExitCode.NOT_FOUND
    assert result.err.strip() == "interview-kit: error: no candidate matches 'Grace Hopper'"


def test_show_on_an_empty_database(run: Run) -> None:
    assert run("candidate", "show", "anyone").code == ExitCode.NOT_FOUND
