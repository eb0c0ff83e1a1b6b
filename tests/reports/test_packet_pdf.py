"""Packets parsed back: what the committee must see is there, on the pages it belongs."""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from packet_helpers import packet_bytes, page_texts, pdf_text, reader

from interview_kit.reports import build_packet, build_packets
from interview_kit.reports.packet_data import CommitteeDecision, PacketData
from interview_kit.reports.sample import INTERVIEWERS, sample_decision, sample_packet


@pytest.fixture(scope="module")
def four() -> bytes:
    return packet_bytes(sample_packet(4))


def test_page_one_is_the_decision_summary(four: bytes) -> None:
    first = page_texts(four)[0]
    for expected in (
        "HIRING PACKET",
        "Zoë Ørsted",
        "Builder · 20 Nov 2026",
        "Rubric Builder 2026.1 (9f2c4e7a1b3d)",
        "RECOMMENDATION",
        "Hire · L5 Staff Builder",
        "Score 3.18 of 4.00",
        "Confidence Medium",
        "EUR 150,000 – EUR 195,000",
        "Suggested base EUR 178,000 · 62% into the band",
        "Equity: 0.10 % – 0.25 % over four years",
        "Learning and experimentation budget: EUR 5,000",
        "Coverage 92 %: one criterion was rated N/A.",
        "reliability (alpha) 0.64",
        "92% (11 of 12 ratings)",
        "CONCERN Over-engineers · 1 interviewer",
        "Frames technical decisions in business terms (3)",
        "No decision recorded yet",
    ):
        assert expected in first, expected


def test_sections_follow_in_order(four: bytes) -> None:
    text = pdf_text(four)
    headings = [
        "Competency picture",
        "Stage scores",
        "Stages",
        "Stage 1 · Initial screen · panel score",
        "Stage 2 · Technical deep dive",
        "Stage 3 · Product and cross-functional",
        "Signals and red flags",
        "Why: how the recommendation was reached",
        "Panel",
        "Amendments",
        "Committee decision",
    ]
    position = text.index("Committee") + 1  # after page 1's summary
    for heading in headings:
        position = text.index(heading, position) + len(heading)


def test_unicode_names_of_every_script_come_back(four: bytes) -> None:
    text = pdf_text(four)
    for name in (
        "Zoë Ørsted",
        "Łukasz Nowak",
        "Ελένη Παπαδοπούλου",
        "Юлия Смирнова",
        "Aisha Bello",
    ):
        assert name in text


def test_stage_details_evidence_votes_and_trace(four: bytes) -> None:
    text = pdf_text(four)
    assert "Łukasz Nowak: Walked through the billing migration they led" in text
    assert "Ownership story Łukasz Nowak: Finished in the time box" in text
    assert "Łukasz Nowak · vote Yes · level evidence L5 Staff Builder" in text
    assert "1. Candidate score 3.18 is above the hire bar 2.75: hire." in text
    assert "Technical depth: 2 → 3" in text
    assert "Rating entered on the wrong row" in text
    assert "reported by 3: Łukasz Nowak, Ελένη Παπαδοπούλου, Юлия Смирнова" in text


def test_metadata_is_set() -> None:
    info = reader(packet_bytes(sample_packet(2))).metadata
    assert info is not None
    assert info.title == "Hiring packet — Zoë Ørsted"
    assert info.subject == "Hiring recommendation for Builder (confidential)"
    assert info.author == "Interview Kit"
    assert info.creator.startswith("Interview Kit")


def test_every_page_has_the_footer_and_page_x_of_y(four: bytes) -> None:
    pages = page_texts(four)
    assert len(pages) >= 4
    for number, text in enumerate(pages, start=1):
        assert "Confidential — candidate data" in text
        assert f"Page {number} of {len(pages)}" in text


def test_later_pages_carry_the_running_header(four: bytes) -> None:
    pages = page_texts(four)
    assert "Hiring packet · Zoë Ørsted" not in pages[0]
    for text in pages[1:]:
        assert "Hiring packet · Zoë Ørsted · Builder · Hire L5" in text


def test_sections_are_bookmarked(four: bytes) -> None:
    titles = [item.title for item in reader(four).outline if not isinstance(item, list)]
    assert titles[:2] == ["Competency picture", "Stages"]
    assert "Committee decision" in titles


@pytest.mark.parametrize("count", [0, 1, 10])
def test_zero_one_and_ten_interviewers_lay_out(count: int) -> None:
    pdf = packet_bytes(sample_packet(count))
    text = pdf_text(pdf)
    for name in INTERVIEWERS[:count]:
        assert name in text
    for name in INTERVIEWERS[count:]:
        assert name not in text
    if count == 0:
        assert "Not enough evidence" in text
        assert "No scorecards have been submitted yet." in text
        assert "No stage has been scored yet." not in text  # the bars still show stages


def test_ten_interviewers_on_one_stage_get_numbered_columns() -> None:
    text = pdf_text(packet_bytes(sample_packet(10, one_stage=True)))
    assert "#1 #2 #3 #4 #5 #6 #7 #8 #9 #10 Mean Spread" in text
    assert "#1 Łukasz Nowak · #2 Ελένη Παπαδοπούλου" in text


def test_recorded_committee_decision_replaces_sign_off_lines() -> None:
    pending = pdf_text(packet_bytes(sample_packet(3)))
    assert "To be completed by the hiring committee" in pending
    assert "Signature" in pending
    decided = pdf_text(
        packet_bytes(dataclasses.replace(sample_packet(3), committee=sample_decision()))
    )
    assert "To be completed by the hiring committee" not in decided
    assert "Decided: Hire · L5 Staff Builder · 24 Nov 2026" in decided
    assert "EUR 178,000 base, 0.15 % equity" in decided
    assert "Concern about over-engineering noted for onboarding." in decided


def test_empty_committee_decision_still_lays_out() -> None:
    data = dataclasses.replace(sample_packet(1), committee=CommitteeDecision(decision=""))
    assert "Committee decision" in pdf_text(packet_bytes(data))


def test_invariant_output_is_byte_stable() -> None:
    data = sample_packet(4)
    first = packet_bytes(data)
    second = packet_bytes(data)
    assert first == second
    # And across processes: nothing depends on the order fonts were registered in.
    code = (
        "import io,sys,hashlib;"
        "from interview_kit.reports import build_packet;"
        "from interview_kit.reports.sample import sample_packet;"
        "s=io.BytesIO();build_packet(sample_packet(4),s,invariant=True);"
        "sys.stdout.write(hashlib.sha256(s.getvalue()).hexdigest())"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    import hashlib

    assert out.stdout == hashlib.sha256(first).hexdigest()


def test_without_invariant_the_creation_date_is_real() -> None:
    info = reader(packet_bytes(sample_packet(1), invariant=False)).metadata
    assert info is not None
    assert not str(info["/CreationDate"]).startswith("D:20000101")


def test_packet_data_has_no_field_for_private_notes() -> None:
    def names(cls: type) -> set[str]:
        found = set()
        for field in dataclasses.fields(cls):
            found.add(field.name)
        return found

    from interview_kit.reports import packet_data

    classes = [
        obj
        for obj in vars(packet_data).values()
        if isinstance(obj, type) and dataclasses.is_dataclass(obj)
    ]
    assert PacketData in classes
    for cls in classes:
        for name in names(cls):
            assert "private" not in name, f"{cls.__name__}.{name}"


def test_build_packet_to_a_path_leaves_no_partial_file(tmp_path: Path) -> None:
    target = tmp_path / "out" / "packet.pdf"
    build_packet(sample_packet(2), target)
    assert target.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in target.parent.iterdir()] == ["packet.pdf"]


def test_batch_writes_one_file_per_candidate_with_progress(tmp_path: Path) -> None:
    names = ["Zoë Ørsted", "Юлия Смирнова", "Zoë Ørsted", "../../etc/passwd", ""]
    seen: list[tuple[int, int | None, str]] = []
    result = build_packets(
        (sample_packet(1, candidate=name) for name in names),
        tmp_path,
        progress=lambda done, total, path: seen.append((done, total, path.name)),
        total=len(names),
    )
    assert not result.cancelled
    assert not result.failed
    assert [p.name for p in result.written] == [
        "packet-Zoë-Ørsted.pdf",
        "packet-Юлия-Смирнова.pdf",
        "packet-Zoë-Ørsted-2.pdf",
        "packet-etc-passwd.pdf",
        "packet-candidate.pdf",
    ]
    assert all(p.parent == tmp_path for p in result.written)
    assert [s[0] for s in seen] == [1, 2, 3, 4, 5]
    assert {s[1] for s in seen} == {5}
    assert "Юлия Смирнова" in pdf_text(result.written[1].read_bytes())


def test_batch_can_be_cancelled_between_packets(tmp_path: Path) -> None:
    produced: list[int] = []

    def packets():  # type: ignore[no-untyped-def]
        for index in range(10):
            produced.append(index)
            yield sample_packet(1, candidate=f"Candidate {index}")

    result = build_packets(packets(), tmp_path, cancelled=lambda: len(produced) > 3)
    assert result.cancelled
    assert len(result.written) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in result.written)


def test_batch_reports_a_packet_it_cannot_write_and_goes_on(tmp_path: Path) -> None:
    blocked = tmp_path / "packet-Blocked.pdf"
    blocked.mkdir()  # a folder where the file should go
    result = build_packets(
        [sample_packet(1, candidate="Blocked"), sample_packet(1, candidate="Fine")], tmp_path
    )
    assert [p.name for p in result.written] == ["packet-Fine.pdf"]
    assert len(result.failed) == 1
    assert result.failed[0][0] == "Blocked"
    assert "packet-Blocked.pdf" in result.failed[0][1]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".partial")]


def test_reportlab_is_imported_only_when_a_pdf_is_made() -> None:
    code = (
        "import sys;"
        "import interview_kit, interview_kit.reports, interview_kit.reports.packet_data,"
        " interview_kit.reports.anonymise, interview_kit.services.packets, interview_kit.cli;"
        "print(any(m.split('.')[0]=='reportlab' for m in sys.modules))"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


def test_a_stream_receives_a_complete_pdf() -> None:
    stream = io.BytesIO()
    build_packet(sample_packet(1), stream)
    data = stream.getvalue()
    assert data.startswith(b"%PDF-")
    assert re.search(rb"%%EOF\s*$", data)
