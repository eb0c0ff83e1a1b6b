"""Blind-review packets: a stable pseudonym, interviewers by role, no name or email left."""

from __future__ import annotations

import dataclasses

import pytest
from packet_helpers import packet_bytes, pdf_text, reader

from interview_kit.reports import anonymise
from interview_kit.reports.anonymise import interviewer_roles, pseudonym
from interview_kit.reports.packet_data import Report
from interview_kit.reports.sample import INTERVIEWERS, sample_packet

SALT = "panel-2026"


def _with_names_in_free_text(count: int = 4):  # type: ignore[no-untyped-def]
    data = sample_packet(count)
    mention = (
        "Zoë said Ørsted family moved; email her at ZOE.ORSTED@example.org. "
        "Łukasz agreed with Nowak's read; Юлия disagreed."
    )
    return dataclasses.replace(
        data,
        trace=(*data.trace, mention),
        signals=(
            *data.signals[:-1],
            dataclasses.replace(data.signals[-1], reports=(Report(INTERVIEWERS[0], mention),)),
        ),
    )


def test_pseudonym_is_stable_per_candidate_and_salt() -> None:
    data = sample_packet(2)
    first = anonymise(data, SALT).candidate_name
    assert first == anonymise(data, SALT).candidate_name
    assert first.startswith("Candidate ")
    assert first != anonymise(data, "another salt").candidate_name
    other = dataclasses.replace(data, candidate_ref="another-uuid")
    assert anonymise(other, SALT).candidate_name != first


def test_pseudonym_falls_back_to_email_then_name() -> None:
    assert pseudonym("email:a@b.c", SALT) != pseudonym("email:x@b.c", SALT)
    data = dataclasses.replace(sample_packet(1), candidate_ref="")
    renamed = dataclasses.replace(data, candidate_name="Someone Else")
    assert anonymise(data, SALT).candidate_name == anonymise(renamed, SALT).candidate_name


def test_interviewers_become_numbered_roles_with_their_stage() -> None:
    roles = interviewer_roles(sample_packet(4))
    assert roles == {
        "Łukasz Nowak": "Interviewer 1 (Stage 1)",
        "Aisha Bello": "Interviewer 2 (Stage 1)",
        "Ελένη Παπαδοπούλου": "Interviewer 3 (Stage 2)",
        "Юлия Смирнова": "Interviewer 4 (Stage 3)",
    }


@pytest.mark.parametrize("count", [0, 1, 4, 10])
def test_anonymised_packet_contains_no_name_or_email(count: int) -> None:
    data = _with_names_in_free_text(count) if count >= 4 else sample_packet(count)
    blind = anonymise(data, SALT)
    pdf = packet_bytes(blind)
    text = pdf_text(pdf)
    info = reader(pdf).metadata
    assert info is not None
    everything = text + " " + str(info.title) + " " + str(info.subject)
    for secret in ("Zoë", "Ørsted", "zoe.orsted", "ZOE.ORSTED", "example.org", "Founder"):
        assert secret not in everything
    for name in INTERVIEWERS[:count]:
        for part in name.split():
            if len(part) > 2:
                assert part not in everything, part
    assert blind.candidate_name in text
    assert "BLIND REVIEW" in text
    assert "Source: Withheld" in text
    if count:
        assert "Interviewer 1 (Stage 1)" in text


def test_free_text_mentions_are_replaced() -> None:
    blind = anonymise(_with_names_in_free_text(), SALT)
    alias = blind.candidate_name
    mention = blind.trace[-1]
    assert mention == (
        f"{alias} said {alias} family moved; email her at {alias}. "
        "Interviewer 1 (Stage 1) agreed with Interviewer 1 (Stage 1)'s read; "
        "Interviewer 4 (Stage 3) disagreed."
    )


def test_words_that_merely_contain_a_name_are_left_alone() -> None:
    data = dataclasses.replace(
        sample_packet(1, candidate="Ann Lee"),
        candidate_email="",
        trace=("Annual planning with Leeds office",),
    )
    assert anonymise(data, SALT).trace[-1] == "Annual planning with Leeds office"


def test_nothing_else_changes() -> None:
    data = sample_packet(3)
    blind = anonymise(data, SALT)
    assert blind.score == data.score
    assert blind.band == data.band
    assert blind.decision == data.decision
    assert [s.title for s in blind.stages] == [s.title for s in data.stages]
    assert blind.anonymised
    assert not data.anonymised
