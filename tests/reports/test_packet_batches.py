"""Packet batches from the database as the app runs them: names announced before each
packet, cancelling between packets, one candidate's failure reported while the rest are
written, and never a half-written file in the folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fresh_databases import fresh_demo
from packet_helpers import pdf_text

from interview_kit.reports import packet as packet_module
from interview_kit.services import candidates
from interview_kit.services import packets as packet_service
from interview_kit.services.candidates import CandidateQuery
from interview_kit.services.database import Database, open_database

TODAY = date(2026, 11, 20)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(fresh_demo(tmp_path / "demo.sqlite3"), actor="Riley Recruiter")
    yield database
    database.close()


def uuids_of(db: Database, *names: str) -> list[str]:
    found = {row.name: row.uuid for row in candidates.list_candidates(db, CandidateQuery()).rows}
    return [found[name] for name in names]


def folder_is_clean(folder: Path) -> None:
    """Every file a finished PDF, no temporary left behind."""
    for path in folder.iterdir():
        assert not path.name.startswith(".partial"), path.name
        if path.is_file():
            assert path.read_bytes().startswith(b"%PDF-"), path.name
            assert path.read_bytes().rstrip().endswith(b"%%EOF"), path.name


def test_each_packet_is_announced_by_the_name_it_shows(db: Database, tmp_path: Path) -> None:
    wanted = uuids_of(db, "Priya Raman", "Jonas Müller", "Ελένη Παπαδοπούλου")
    started: list[tuple[int, int, str]] = []
    finished: list[int] = []
    result = packet_service.write_packets(
        db,
        tmp_path / "out",
        candidate_uuids=wanted,
        starting=lambda number, total, name: started.append((number, total, name)),
        progress=lambda number, _total, _path: finished.append(number),
        today=TODAY,
    )
    assert started == [
        (1, 3, "Priya Raman"),
        (2, 3, "Jonas Müller"),
        (3, 3, "Ελένη Παπαδοπούλου"),
    ]
    assert finished == [1, 2, 3]
    assert not result.failed
    assert not result.cancelled
    assert "Ελένη Παπαδοπούλου" in pdf_text(result.written[2].read_bytes())


def test_anonymised_batch_announces_pseudonyms(db: Database, tmp_path: Path) -> None:
    wanted = uuids_of(db, "Priya Raman", "Jonas Müller")
    started: list[str] = []
    result = packet_service.write_packets(
        db,
        tmp_path / "blind",
        candidate_uuids=wanted,
        anonymise=True,
        starting=lambda _number, _total, name: started.append(name),
        today=TODAY,
    )
    assert all(name.startswith("Candidate ") for name in started)
    assert [p.name for p in result.written] == [
        f"packet-{n.replace(' ', '-')}.pdf" for n in started
    ]
    for path in result.written:
        text = pdf_text(path.read_bytes())
        assert "Priya" not in text
        assert "Jonas" not in text
        assert "@candidates.example.com" not in text


def test_cancelled_batch_stops_between_packets(db: Database, tmp_path: Path) -> None:
    wanted = uuids_of(db, "Priya Raman", "Jonas Müller", "Noor Haddad", "Astrid Ørsted")
    done: list[int] = []
    result = packet_service.write_packets(
        db,
        tmp_path / "out",
        candidate_uuids=wanted,
        progress=lambda number, _total, _path: done.append(number),
        cancelled=lambda: len(done) >= 2,
    )
    assert result.cancelled
    assert [p.name for p in result.written] == ["packet-Priya-Raman.pdf", "packet-Jonas-Müller.pdf"]
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(
        p.name for p in result.written
    )
    folder_is_clean(tmp_path / "out")


def test_an_erased_candidate_is_reported_and_the_rest_written(db: Database, tmp_path: Path) -> None:
    priya, noor, jonas = uuids_of(db, "Priya Raman", "Noor Haddad", "Jonas Müller")
    candidates.erase_candidate(db, noor)  # someone else erased Noor after the selection
    result = packet_service.write_packets(
        db, tmp_path / "out", candidate_uuids=[priya, noor, jonas]
    )
    assert [p.name for p in result.written] == ["packet-Priya-Raman.pdf", "packet-Jonas-Müller.pdf"]
    assert result.failed == ((noor, "no longer in the database (erased since it was chosen?)"),)


def test_an_erased_candidate_in_a_blind_batch_is_named_by_pseudonym(
    db: Database, tmp_path: Path
) -> None:
    priya, noor = uuids_of(db, "Priya Raman", "Noor Haddad")
    expected = packet_service.packet_data(db, noor, anonymise=True).candidate_name
    assert packet_service.candidate_pseudonym(noor) == expected
    candidates.erase_candidate(db, noor)
    result = packet_service.write_packets(
        db, tmp_path / "out", candidate_uuids=[noor, priya], anonymise=True
    )
    assert len(result.written) == 1
    assert [who for who, _reason in result.failed] == [expected]


def test_a_packet_that_cannot_be_written_is_reported(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "packet-Jonas-Müller.pdf").mkdir(parents=True)  # a folder where the file goes
    wanted = uuids_of(db, "Priya Raman", "Jonas Müller", "Noor Haddad")
    result = packet_service.write_packets(db, out, candidate_uuids=wanted)
    assert [p.name for p in result.written] == ["packet-Priya-Raman.pdf", "packet-Noor-Haddad.pdf"]
    [(who, reason)] = result.failed
    assert who == "Jonas Müller"
    assert "packet-Jonas-Müller.pdf" in reason
    folder_is_clean(out)


def test_a_packet_failing_half_way_leaves_no_file(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """The document fails after its first pages went to disk: the batch reports it, the
    folder keeps no trace of it, and the next candidate's packet is written."""
    real_document = packet_module._document

    class Breaks:
        def __init__(self, data, out, invariant):  # type: ignore[no-untyped-def]
            self.doc = real_document(data, out, invariant)
            self.out = out
            self.name = data.candidate_name

        def make(self, story):  # type: ignore[no-untyped-def]
            if self.name == "Jonas Müller":
                self.out.write(b"%PDF-1.4 first pages of a packet that never finishes")
                raise RuntimeError("layout gave up")
            self.doc.make(story)

    monkeypatch.setattr(packet_module, "_document", Breaks)
    out = tmp_path / "out"
    wanted = uuids_of(db, "Jonas Müller", "Priya Raman")
    result = packet_service.write_packets(db, out, candidate_uuids=wanted)
    assert [p.name for p in result.written] == ["packet-Priya-Raman.pdf"]
    [(who, reason)] = result.failed
    assert who == "Jonas Müller"
    assert "layout gave up" in reason
    assert "packet for candidate" in caplog.text
    assert sorted(p.name for p in out.iterdir()) == ["packet-Priya-Raman.pdf"]
    folder_is_clean(out)


def test_a_single_packet_cancelled_before_it_is_moved_into_place(
    db: Database, tmp_path: Path
) -> None:
    [priya] = uuids_of(db, "Priya Raman")
    target = tmp_path / "priya.pdf"
    target.write_bytes(b"an older packet")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 1  # not before reading, but once the PDF is built

    with pytest.raises(packet_service.PacketCancelled):
        packet_service.write_packet(db, priya, target, cancelled=cancelled)
    assert target.read_bytes() == b"an older packet"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == ["priya.pdf"]
    data = packet_service.write_packet(db, priya, target, cancelled=lambda: False)
    assert data.candidate_name in pdf_text(target.read_bytes())
