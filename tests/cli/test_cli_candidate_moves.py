"""``interview-kit candidate advance|reject|withdraw|reopen`` and ``list --page/--after``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit.cli import ExitCode
from interview_kit.services import audit
from interview_kit.services.database import open_database


def _status(run: Run, name: str) -> tuple[str, str | None]:
    data = json.loads(run("candidate", "show", name, "--json").out)
    return data["status"], data["stage"]


def test_reject_then_reopen_back_where_it_left(run: Run, demo_db: Path) -> None:
    assert _status(run, "Jonas") == ("deep_dive", "technical_deep_dive")
    rejected = run("candidate", "reject", "Jonas", "--reason", "Wants to manage")
    assert rejected.code == ExitCode.OK, rejected.err
    assert rejected.out.strip() == "Jonas Müller: Deep dive -> Rejected"
    assert _status(run, "Jonas") == ("rejected", "technical_deep_dive")
    reopened = run("candidate", "reopen", "Jonas", "--reason", "Rejected the wrong Jonas")
    assert reopened.code == ExitCode.OK, reopened.err
    assert reopened.out.strip() == (
        "Jonas Müller: Rejected -> Deep dive (stage technical_deep_dive)"
    )
    assert _status(run, "Jonas") == ("deep_dive", "technical_deep_dive")
    with open_database(demo_db) as db:
        uuid = json.loads(run("candidate", "show", "Jonas", "--json").out)["uuid"]
        details = [e.detail for e in audit.audit_entries(db, subject_uuid=uuid)][:2]
    assert details == [
        "rejected -> deep_dive: Rejected the wrong Jonas",
        "deep_dive -> rejected: Wants to manage",
    ]


def test_withdraw_and_reopen_at_a_chosen_stage_as_json(run: Run, demo_db: Path) -> None:
    assert run("candidate", "withdraw", "Siobhán").code == ExitCode.OK
    moved = run(
        "candidate", "reopen", "siobhan", "--reason", "Back", "--stage", "initial_screen", "--json"
    )
    assert moved.code == ExitCode.OK, moved.err
    data = json.loads(moved.out)
    assert (data["status"], data["stage"]) == ("screening", "initial_screen")


def test_advance_with_the_expected_stage(run: Run, demo_db: Path) -> None:
    assert _status(run, "Siobhán") == ("new", None)
    moved = run("candidate", "advance", "Siobhán", "--stage", "initial_screen", "--reason", "ok")
    assert moved.code == ExitCode.OK, moved.err
    assert _status(run, "Siobhán") == ("screening", "initial_screen")
    # Run twice by mistake: the guard refuses instead of skipping a stage.
    again = run("candidate", "advance", "Siobhán", "--stage", "initial_screen")
    assert again.code == ExitCode.CONFLICT
    assert "next step is Advance to Technical deep dive" in again.err
    assert "nothing moved" in again.err
    assert _status(run, "Siobhán") == ("screening", "initial_screen")


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["reject", "Jonas"], ExitCode.INVALID_INPUT, "say why the candidate is rejected"),
        (["reopen", "Amara"], ExitCode.INVALID_INPUT, "say why the candidate is reopened"),
        (["reopen", "Jonas", "--reason", "x"], ExitCode.CONFLICT, "nothing to reopen"),
        (["reopen", "Łukasz", "--reason", "x"], ExitCode.CONFLICT, "a hire is not reopened"),
        (["reject", "Amara", "--reason", "x"], ExitCode.CONFLICT, "already rejected"),
        (["advance", "Łukasz"], ExitCode.CONFLICT, "there is no next step"),
        (["withdraw", "nobody at all"], ExitCode.NOT_FOUND, "no candidate matches"),
        (["advance", "a"], ExitCode.CONFLICT, "matches several candidates"),
        (
            ["reopen", "Amara", "--reason", "x", "--stage", "nowhere"],
            ExitCode.INVALID_INPUT,
            "stage 'nowhere' is not in Amara Okonkwo's rubric",
        ),
        (["reject", "Jonas", "--stage", "x"], ExitCode.USAGE, "unrecognized arguments"),
        (["reopen"], ExitCode.USAGE, "CANDIDATE"),
    ],
)
def test_moves_refused_in_words(
    run: Run, demo_db: Path, argv: list[str], code: ExitCode, message: str
) -> None:
    before = json.loads(run("candidate", "list", "--json", "--status", "rejected").out)
    result = run("candidate", *argv)
    assert result.code == code, result.err
    assert message in result.err
    assert "Traceback" not in result.err
    after = json.loads(run("candidate", "list", "--json", "--status", "rejected").out)
    assert after == before


def test_list_by_page_and_after_a_token(run: Run, demo_db: Path) -> None:
    def page(*argv: str) -> dict:
        return json.loads(run("candidate", "list", "--json", "--limit", "5", *argv).out)

    everyone = [row["name"] for row in page("--limit", "50")["candidates"]]
    for sort in ("name", "score", "updated", "stage"):
        for descending in ((), ("--descending",)):
            order = ("--sort", sort, *descending)
            whole = [row["name"] for row in page("--limit", "50", *order)["candidates"]]
            assert sorted(whole) == sorted(everyone)
            by_page = []
            for number in (1, 2, 3):
                found = page("--page", str(number), *order)
                assert found["offset"] == (number - 1) * 5
                by_page += [row["name"] for row in found["candidates"]]
            assert by_page == whole, (sort, descending)
            by_token, token = [], None
            while True:
                found = page(*order, *(("--after", token) if token else ()))
                by_token += [row["name"] for row in found["candidates"]]
                token = found["next"]
                if token is None:
                    break
            assert by_token == whole, (sort, descending)
    text = run("candidate", "list", "--limit", "5", "--page", "2").out.splitlines()
    assert text[-2] == "6–10 of 13 candidates"
    assert text[-1].startswith("Next page: --after ")
    last = run("candidate", "list", "--limit", "5", "--page", "3").out.splitlines()
    assert last[-1] == "11–13 of 13 candidates"
    beyond = run("candidate", "list", "--limit", "5", "--page", "9")
    assert beyond.code == ExitCode.OK
    assert "No candidates on this page (13 candidates match, page 9)." in beyond.out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["--after", "not-a-token"], ExitCode.INVALID_INPUT, "is not a page position"),
        (["--page", "0"], ExitCode.USAGE, "pages are numbered from 1"),
        (["--page", "2", "--offset", "3"], ExitCode.USAGE, "not allowed with"),
        (["--page", "two"], ExitCode.USAGE, "expected a whole number"),
    ],
)
def test_list_paging_refused_in_words(
    run: Run, demo_db: Path, argv: list[str], code: ExitCode, message: str
) -> None:
    result = run("candidate", "list", *argv)
    assert result.code == code
    assert message in result.err
