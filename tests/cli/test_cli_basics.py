"""Global behaviour: usage, version, exit codes, database problems, Unicode output."""

from __future__ import annotations

import errno
import io
import os
import sqlite3
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit import __version__, cli
from interview_kit.cli import ExitCode, entry, main, text
from interview_kit.cli import calibration as calibration_command


def test_exit_codes_are_distinct_and_documented() -> None:
    values = [code.value for code in ExitCode]
    assert values == [0, 1, 2, 3, 4, 5, 6]
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    for code in ExitCode:
        assert f"| {code.value} |" in doc, f"exit code {code.name} is not in docs/cli.md"


def test_every_command_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "cli.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert f"interview-kit {name}" in doc, f"{name} is not in docs/cli.md"


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == ExitCode.OK
    assert capsys.readouterr().out.strip() == f"interview-kit {__version__}"


def test_help_lists_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == ExitCode.OK
    out = capsys.readouterr().out
    for command in ("demo", "rubric", "candidate", "scorecard", "recommend", "calibration"):
        assert command in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "the following arguments are required: COMMAND"),
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (["candidate"], "the following arguments are required: ACTION"),
        (["candidate", "list", "--limit", "ten"], "expected a whole number, got 'ten'"),
        (["candidate", "list", "--limit", "-1"], "must not be negative"),
        (["candidate", "list", "--status", "sleeping"], "invalid choice: 'sleeping'"),
        (["demo", "--candidates", "-3"], "must not be negative"),
        (["demo", "--bogus"], "unrecognized arguments: --bogus"),
        (["rubric", "export"], "the following arguments are required: --out"),
    ],
)
def test_usage_errors_exit_2_with_usage_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == ExitCode.USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("usage: interview-kit")
    assert message in captured.err
    assert "Traceback" not in captured.err


def test_default_database_lives_in_the_data_folder(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["candidate", "list"]) == ExitCode.OK
    assert "No candidates yet" in capsys.readouterr().out
    data_dir = Path(os.environ["INTERVIEW_KIT_DATA_DIR"])
    assert (data_dir / "interview-kit.sqlite3").is_file()


def test_environment_names_the_database(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "from-env.sqlite3"
    monkeypatch.setenv("INTERVIEW_KIT_DB", str(target))
    assert main(["candidate", "add", "--name", "Ana", "--email", "ana@example.com",
                 "--source", "other", "--origin", "pm"]) == ExitCode.OK  # fmt: skip
    assert target.is_file()
    other = tmp_path / "from-option.sqlite3"
    assert main(["--db", str(other), "candidate", "list"]) == ExitCode.OK
    assert "No candidates yet" in capsys.readouterr().out


def test_database_url_is_accepted(run: Run, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'by-url.sqlite3'}"
    result = run("candidate", "list", db=url)
    assert result.code == ExitCode.OK
    assert (tmp_path / "by-url.sqlite3").is_file()


@pytest.mark.parametrize(
    "url",
    [
        "nosuchdialect://host/db",
        "postgresql+nosuchdriver://localhost/db",
        "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=2",
    ],
)
def test_unusable_url_is_a_database_error(run: Run, url: str) -> None:
    result = run("candidate", "list", db=url)
    assert result.code == ExitCode.DATABASE
    assert result.err.startswith("interview-kit: error: ")
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err


def test_file_that_is_not_a_database(run: Run, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list\n", encoding="utf-8")
    result = run("candidate", "list", db=notes)
    assert result.code == ExitCode.DATABASE
    assert "not an Interview Kit database" in result.err
    assert notes.read_text(encoding="utf-8") == "shopping list\n"


def test_damaged_database_file(run: Run, demo_db: Path) -> None:
    data = bytearray(demo_db.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    demo_db.write_bytes(bytes(data))
    result = run("candidate", "list")
    assert result.code == ExitCode.DATABASE
    assert "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_folder_as_database(run: Run, tmp_path: Path) -> None:
    result = run("candidate", "list", db=tmp_path)
    assert result.code == ExitCode.DATABASE
    assert "folder" in result.err


def test_locked_database_is_reported_not_raised(
    run: Run, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("interview_kit.storage.engine.BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(demo_db, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        result = run(
            "candidate", "add", "--name", "Ada", "--email", "ada@example.com",
            "--source", "other", "--origin", "engineer",
        )  # fmt: skip
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.code == ExitCode.DATABASE
    assert "locked" in result.err
    assert "Traceback" not in result.err
    assert run("candidate", "show", "Ada").code == ExitCode.NOT_FOUND


def test_unexpected_error_is_one_line_and_debug_shows_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    def broken(*_args: object) -> int:
        raise RuntimeError("wires crossed")

    monkeypatch.setattr(calibration_command, "cmd_calibration", broken)
    assert main(["--db", str(db_path), "calibration"]) == ExitCode.ERROR
    err = capsys.readouterr().err
    assert err.strip() == (
        "interview-kit: error: unexpected RuntimeError: wires crossed "
        "(run with --debug for the traceback)"
    )
    with pytest.raises(RuntimeError, match="wires crossed"):
        main(["--debug", "--db", str(db_path), "calibration"])


def test_unicode_survives_a_console_that_cannot_show_it(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    entry._utf8_safe(stream)
    stream.write("Łukasz Ørsted 王静\n")
    stream.flush()
    assert raw.getvalue() == b"\\u0141ukasz \\xd8rsted \\u738b\\u9759\n"


def test_table_columns_line_up_with_wide_characters() -> None:
    table = text.table(
        ["NAME", "SCORE"],
        [["王静", "3.10"], ["Zoë Lefèvre", "2.90"], ["Ελένη Παπαδοπούλου", "—"]],
        [40, 5],
    )
    rows = table.splitlines()[2:]
    last_cells = ["3.10", "2.90", "—"]
    starts = {
        text.display_width(row) - text.display_width(cell) for row, cell in zip(rows, last_cells)
    }
    assert starts == {text.display_width("Ελένη Παπαδοπούλου") + 2}
    assert text.fit("Ελένη Παπαδοπούλου", 8) == "Ελένη Π…"
    assert text.display_width(text.fit("王静王静王静", 5)) == 5


def test_a_file_the_system_refuses_is_not_a_bug(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from interview_kit import paths

    assert run("rubric", "import", str(paths.default_rubric_path())).code == ExitCode.OK

    def full_disk(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("tempfile.mkstemp", full_disk)
    out = tmp_path / "rubric.toml"
    result = run("rubric", "export", "--out", str(out))
    assert result.code == ExitCode.INVALID_INPUT
    assert (
        result.err.strip() == f"interview-kit: error: cannot write {out}: No space left on device"
    )
    assert not out.exists()


def test_permission_errors_from_below_are_reported_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db_path: Path
) -> None:
    def refused(*_args: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/panel/secret.json")

    monkeypatch.setattr(calibration_command, "cmd_calibration", refused)
    assert main(["--db", str(db_path), "calibration"]) == ExitCode.INVALID_INPUT
    err = capsys.readouterr().err
    assert err == "interview-kit: error: /srv/panel/secret.json: Permission denied\n"
