"""``interview-kit pack|bundle export|import``: the offline loop from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from panel_helpers import PASSPHRASE, open_db, score_everything, set_up_panel, signed, snapshot

from interview_kit.cli import ExitCode, main
from interview_kit.exchange.formats import ScorecardBundle, encode
from interview_kit.exchange.sealing import FileKind, seal
from interview_kit.services import exchange


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("INTERVIEW_KIT_PASSPHRASE", PASSPHRASE)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_offline_loop_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recruiter_db = tmp_path / "recruiter.sqlite3"
    laptop_db = tmp_path / "mei.sqlite3"
    with open_db(recruiter_db) as db:
        panel = set_up_panel(db)
    pack = tmp_path / "mei.ikpack"

    code, out, err = run(
        capsys,
        "--db",
        str(recruiter_db),
        "pack",
        "export",
        "--interviewer",
        "mei tanaka",
        "--out",
        str(pack),
    )
    assert (code, err) == (ExitCode.OK, "")
    assert "Wrote panel pack for Mei Tanaka (2 candidates, 2 assignments)" in out

    code, out, _ = run(capsys, "--db", str(laptop_db), "pack", "import", str(pack), "--dry-run")
    assert code == ExitCode.OK
    assert "Dry run, nothing written. Will add 1 interviewer" in out
    assert "Add candidate Zoë Lefèvre" in out

    code, out, _ = run(capsys, "--db", str(laptop_db), "pack", "import", str(pack))
    assert code == ExitCode.OK
    code, out, _ = run(capsys, "--db", str(laptop_db), "pack", "import", str(pack))
    assert "Nothing new" in out

    with open_db(laptop_db) as db:
        score_everything(db, panel.interviewers["Mei Tanaka"])
    bundle = tmp_path / "mei.ikbundle"
    code, out, _ = run(
        capsys,
        "--db",
        str(laptop_db),
        "bundle",
        "export",
        "--interviewer",
        "MEI@example.com",
        "--out",
        str(bundle),
    )
    assert code == ExitCode.OK
    assert "2 scorecards, 0 amendments" in out

    code, out, _ = run(capsys, "--db", str(recruiter_db), "bundle", "import", str(bundle), "--json")
    assert code == ExitCode.OK
    data = json.loads(out)
    assert data["applied"] is True
    assert [c["action"] for c in data["changes"]] == ["create", "create"]


def test_wrong_passphrase_exit_code_and_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "r.sqlite3"
    with open_db(db_path) as db:
        panel = set_up_panel(db)
    pack = tmp_path / "p.ikpack"
    assert (
        run(
            capsys,
            "--db",
            str(db_path),
            "pack",
            "export",
            "--interviewer",
            panel.interviewers["Mei Tanaka"][:8],
            "--out",
            str(pack),
        )[0]
        == ExitCode.OK
    )
    monkeypatch.setenv("INTERVIEW_KIT_PASSPHRASE", "not the passphrase")
    code, _, err = run(capsys, "--db", str(tmp_path / "m.sqlite3"), "pack", "import", str(pack))
    assert code == ExitCode.INVALID_INPUT
    assert "p.ikpack: the passphrase does not open this panel pack" in err
    assert "Traceback" not in err

    code, _, err = run(capsys, "--db", str(tmp_path / "m.sqlite3"), "bundle", "import", str(pack))
    assert code == ExitCode.INVALID_INPUT


def test_bundle_given_to_pack_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "x.ikbundle"
    path.write_bytes(seal(b"{}", PASSPHRASE, FileKind.SCORECARD_BUNDLE))
    code, _, err = run(capsys, "--db", str(tmp_path / "m.sqlite3"), "pack", "import", str(path))
    assert code == ExitCode.INVALID_INPUT
    assert "this is a scorecard bundle, not a panel pack" in err


def test_conflict_lists_details_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "r.sqlite3"
    with open_db(db_path) as db:
        panel = set_up_panel(db)
        mei = panel.interviewers["Mei Tanaka"]
        score_everything(db, mei)
        bundle = tmp_path / "b.ikbundle"
        exchange.export_scorecard_bundle(db, mei, bundle, PASSPHRASE)
        opened = exchange.open_exchange_file(bundle, PASSPHRASE)
        assert isinstance(opened.payload, ScorecardBundle)
        forged = opened.payload.model_copy(
            update={
                "scorecards": tuple(
                    card.model_copy(update={"summary": "rewritten"})
                    for card in opened.payload.scorecards
                )
            }
        )
        bundle.write_bytes(seal(encode(signed(forged)), PASSPHRASE, FileKind.SCORECARD_BUNDLE))
        before = snapshot(db)
    code, _, err = run(capsys, "--db", str(db_path), "bundle", "import", str(bundle), "--dry-run")
    assert code == ExitCode.CONFLICT
    assert "2 conflicts with what is stored" in err
    assert err.count("different version of this scorecard") == 3
    with open_db(db_path) as db:
        assert snapshot(db) == before


def test_passphrase_from_file_and_none_at_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "r.sqlite3"
    with open_db(db_path) as db:
        set_up_panel(db)
    monkeypatch.delenv("INTERVIEW_KIT_PASSPHRASE")
    secret = tmp_path / "secret.txt"
    secret.write_text("short\n")
    args = ["--db", str(db_path), "pack", "export", "--interviewer", "Ingrid", "--out"]
    code, _, err = run(capsys, *args, str(tmp_path / "a.ikpack"), "--passphrase-file", str(secret))
    assert code == ExitCode.INVALID_INPUT
    assert "at least 8 characters" in err
    secret.write_text(PASSPHRASE + "\n")
    code, _, _ = run(capsys, *args, str(tmp_path / "a.ikpack"), "--passphrase-file", str(secret))
    assert code == ExitCode.OK

    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code, _, err = run(capsys, *args, str(tmp_path / "b.ikpack"))
    assert code == ExitCode.USAGE
    assert "--passphrase-file" in err


def test_unknown_and_ambiguous_interviewer(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db_path = tmp_path / "r.sqlite3"
    with open_db(db_path) as db:
        set_up_panel(db)
    base = ["--db", str(db_path), "pack", "export", "--out", str(tmp_path / "a.ikpack")]
    code, _, err = run(capsys, *base, "--interviewer", "Nobody")
    assert code == ExitCode.NOT_FOUND
    assert "no interviewer matches 'Nobody'" in err
    code, _, err = run(capsys, *base, "--interviewer", "a")
    assert code == ExitCode.CONFLICT
    assert "matches several interviewers" in err
    code, out, _ = run(capsys, *base, "--interviewer", "tomas")
    assert code == ExitCode.OK
    assert "Tomás Delgado" in out
