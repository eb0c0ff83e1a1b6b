"""``interview-kit packet`` and ``interview-kit sheet`` on real databases, and every
demo candidate's packet read back."""

from __future__ import annotations

from pathlib import Path

import pytest
from fresh_databases import fresh_demo
from packet_helpers import page_texts, pdf_text

from interview_kit.cli import ExitCode, main
from interview_kit.services import candidates, scorecard_reads
from interview_kit.services.database import open_database


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    return fresh_demo(tmp_path / "panel.sqlite3")


def run(db: Path, *argv: str) -> int:
    return main(["--db", str(db), *argv])


def test_every_demo_candidate_gets_a_correct_packet(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "packets"
    assert run(demo_db, "packet", "--all", "--out", str(out)) == ExitCode.OK
    printed = capsys.readouterr().out
    with open_database(demo_db) as db:
        people = {
            c.uuid: c
            for c in (candidates.get_candidate(db, u) for u in candidates.candidate_uuids(db))
        }
        private = [
            detail.private_notes
            for uuid in people
            for info in scorecard_reads.scorecards_for_candidate(db, uuid)
            if (detail := scorecard_reads.get_scorecard(db, info.uuid)).private_notes.strip()
        ]
    files = sorted(out.glob("*.pdf"))
    assert len(files) == len(people)
    assert f"Wrote {len(people)} packets to {out}" in printed
    texts = {path: page_texts(path.read_bytes()) for path in files}
    for person in people.values():
        matching = [p for p, pages in texts.items() if person.name in pages[0]]
        assert matching, f"no packet shows {person.name}"
        pages = texts[matching[0]]
        for number, page in enumerate(pages, start=1):
            assert f"Page {number} of {len(pages)}" in page
        assert "RECOMMENDATION" in pages[0]
        others = [
            o.name for o in people.values() if o.name != person.name and o.name not in person.name
        ]
        body = " ".join(pages)
        assert not [o for o in others if o in body], (
            f"{person.name}'s packet names another candidate"
        )
    everything = " ".join(" ".join(pages) for pages in texts.values())
    assert private, "the demo should hold private notes to prove they stay out"
    for note in private:
        assert note.strip() not in everything


def test_one_packet_by_name(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(demo_db) as db:
        first = candidates.get_candidate(db, candidates.candidate_uuids(db)[0])
    target = tmp_path / "one.pdf"
    assert run(demo_db, "packet", first.name, "--out", str(target)) == ExitCode.OK
    assert f"Wrote the packet for {first.name}" in capsys.readouterr().out
    assert first.name in pdf_text(target.read_bytes())
    # The same file again needs --force.
    assert run(demo_db, "packet", first.name, "--out", str(target)) == ExitCode.CONFLICT
    assert "already exists" in capsys.readouterr().err
    assert run(demo_db, "packet", first.name, "--out", str(target), "--force") == ExitCode.OK


def test_anonymised_packet_by_cli(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_database(demo_db) as db:
        first = candidates.get_candidate(db, candidates.candidate_uuids(db)[0])
    target = tmp_path / "blind.pdf"
    assert run(demo_db, "packet", first.uuid, "--out", str(target), "--anonymise") == ExitCode.OK
    assert "Wrote the packet for Candidate " in capsys.readouterr().out
    text = pdf_text(target.read_bytes())
    assert first.name not in text
    assert first.email not in text


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["packet", "--out", "x.pdf"], ExitCode.USAGE, "give one CANDIDATE or --all"),
        (["packet", "Zoë", "--all", "--out", "x"], ExitCode.USAGE, "give one CANDIDATE or --all"),
        (["packet", "nobody-at-all", "--out", "x.pdf"], ExitCode.NOT_FOUND, "nobody-at-all"),
        (["sheet", "9", "--out", "s.pdf"], ExitCode.NOT_FOUND, "no stage '9'"),
    ],
)
def test_mistakes_are_reported_not_raised(
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    code: ExitCode,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(demo_db, *argv) == code
    assert message in capsys.readouterr().err
    assert not list(tmp_path.glob("*.pdf"))


def test_packets_into_a_file_path_is_refused(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert run(demo_db, "packet", "--all", "--out", str(blocker)) == ExitCode.INVALID_INPUT
    assert "is a file" in capsys.readouterr().err


def test_sheet_by_number(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "stage2.pdf"
    assert run(demo_db, "sheet", "2", "--out", str(target)) == ExitCode.OK
    assert "Wrote the blank scoring sheet for stage 2" in capsys.readouterr().out
    text = pdf_text(target.read_bytes())
    assert "SCORING SHEET" in text
    assert "☐ 1 Strong no" in text
