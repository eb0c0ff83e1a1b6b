"""A reader that leaves early, and arguments that are not text, in real processes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_support import Run

from interview_kit.cli import ExitCode

REPO = Path(__file__).resolve().parents[2]


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    environment["PYTHONPATH"] = os.pathsep.join(
        [str(REPO), *filter(None, [environment.get("PYTHONPATH")])]
    )
    return environment


def _run_into_a_closed_pipe(*argv: str | bytes) -> subprocess.CompletedProcess[bytes]:
    """Standard output is a pipe whose reader has already gone, as after ``| head -1``.

    The read end is closed before the program starts, so every write it makes to
    standard output fails: no race with the reader.
    """
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        return subprocess.run(
            [sys.executable, "-m", "interview_kit", *argv],
            stdout=write_end,
            stderr=subprocess.PIPE,
            env=_environment(),
            cwd=REPO,
            timeout=300,
            check=False,
        )
    finally:
        os.close(write_end)


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["--help"],
        ["candidate", "list"],
        ["candidate", "list", "--json"],
        ["rubric", "show", "--json"],  # larger than the stream's buffer: fails mid-command
        ["recommend", "Zoë"],
        ["calibration"],
        ["scorecard", "export", "--out", "-"],
    ],
    ids=" ".join,
)
def test_a_reader_that_leaves_ends_the_command_quietly(demo_db: Path, argv: list[str]) -> None:
    result = _run_into_a_closed_pipe("--db", str(demo_db), *argv)
    assert result.stderr.decode("utf-8", "replace") == ""
    assert result.returncode == ExitCode.OK


def test_head_gets_the_first_line(demo_db: Path) -> None:
    command = (
        f"{sys.executable} -m interview_kit --db '{demo_db}' rubric show --json | head -1; "
        'exit "${PIPESTATUS[0]}"'
    )
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env=_environment(),
        cwd=REPO,
        timeout=300,
        check=False,
    )
    assert result.stdout == "{\n"
    assert result.stderr == ""
    assert result.returncode == ExitCode.OK


@pytest.mark.parametrize(
    "argv",
    [
        ["candidate", "show", "Caf\udce9"],
        [
            "candidate",
            "add",
            "--name",
            "Caf\udce9",
            "--email",
            "cafe@example.com",
            "--source",
            "other",
            "--origin",
            "pm",
        ],
        ["rubric", "validate", "r\udcfcbrik.toml"],
        ["--db", "panel-\udcff.sqlite3", "candidate", "list"],
    ],
    ids=["candidate name", "stored value", "file name", "database"],
)
def test_an_argument_that_is_not_text_is_a_usage_error(run: Run, argv: list[str]) -> None:
    result = run(*argv)
    assert result.code == ExitCode.USAGE
    assert result.out == ""
    assert result.err.startswith("usage: interview-kit")
    assert "is not valid text (not UTF-8)" in result.err
    assert "Traceback" not in result.err
    assert run("candidate", "list").out.startswith("No candidates yet")


def test_bytes_that_are_not_utf8_on_a_real_command_line(db_path: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_kit",
            "--db",
            str(db_path),
            b"candidate",
            b"show",
            b"Caf\xe9",
        ],
        capture_output=True,
        env=_environment(),
        cwd=REPO,
        timeout=120,
        check=False,
    )
    err = result.stderr.decode("utf-8")
    assert result.returncode == ExitCode.USAGE
    assert "interview-kit: error: argument 'Caf\\xe9' is not valid text (not UTF-8)" in err
    assert "Traceback" not in err
    assert result.stdout == b""
