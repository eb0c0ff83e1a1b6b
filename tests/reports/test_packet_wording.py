"""What the packet says about the panel: votes in plain words, each reporter once."""

from __future__ import annotations

import dataclasses

import pytest
from packet_helpers import packet_bytes, page_texts, pdf_text

from interview_kit.reports.packet import panel_votes
from interview_kit.reports.packet_data import Agreement, Observed, Report
from interview_kit.reports.sample import sample_packet


@pytest.mark.parametrize(
    ("yes", "no", "words"),
    [
        (6, 0, "Unanimous: 6 yes"),
        (0, 2, "Unanimous: 2 no"),
        (4, 2, "Split: 4 yes, 2 no"),
        (1, 1, "Split: 1 yes, 1 no"),
        (0, 0, "No votes yet"),
    ],
)
def test_panel_votes_in_words(yes: int, no: int, words: str) -> None:
    assert panel_votes(yes, no) == words


@pytest.mark.parametrize(
    ("yes", "no", "row", "banner"),
    [
        (6, 0, "Unanimous: 6 yes", "Panel unanimous: 6 yes"),
        (4, 2, "Split: 4 yes, 2 no", "Panel split: 4 yes, 2 no"),
    ],
)
def test_page_one_calls_a_unanimous_panel_unanimous(
    yes: int, no: int, row: str, banner: str
) -> None:
    data = dataclasses.replace(
        sample_packet(4), agreement=Agreement(alpha=0.64, yes_side=yes, no_side=no)
    )
    first = page_texts(packet_bytes(data))[0]
    assert f"Panel agreement {row}" in first
    assert banner in first
    assert "yes-side" not in first
    if not no:
        assert "Split" not in first


def test_someone_who_reported_a_signal_twice_is_listed_and_counted_once() -> None:
    data = sample_packet(4)
    twice = Observed(
        label="Ships with minimal resources",
        reports=(
            Report("Łukasz Nowak", "Launched a paid beta alone in three weeks."),
            Report("Aisha Bello", "Built the billing page over a weekend."),
            Report("Łukasz Nowak", "Ran the support inbox for the beta himself."),
        ),
    )
    flag = Observed(
        label="Over-engineers",
        severity="concern",
        reports=(
            Report("Aisha Bello", "Reached for a plugin system."),
            Report("Aisha Bello", "Proposed a queue for ten events a day."),
        ),
    )
    data = dataclasses.replace(data, signals=(twice,), red_flags=(flag,))
    pages = page_texts(packet_bytes(data))
    text = pdf_text(packet_bytes(data))
    assert "Ships with minimal resources (2)" in pages[0]
    assert "CONCERN Over-engineers · 1 interviewer" in pages[0]
    assert "Ships with minimal resources · reported by 2: Łukasz Nowak, Aisha Bello" in text
    assert "Over-engineers · reported by 1: Aisha Bello" in text
    # Each person's evidence under their name once, all of it kept.
    assert text.count("Łukasz Nowak: Launched a paid beta") == 1
    assert "Ran the support inbox for the beta himself." in text
    assert text.count("Aisha Bello: Reached for a plugin system.") == 1
    assert "Proposed a queue for ten events a day." in text
    assert "Aisha Bello: Proposed" not in text


def test_a_candidate_with_nothing_rated_gets_no_empty_radar() -> None:
    data = sample_packet(0)
    assert data.radar is not None
    empty = dataclasses.replace(
        data,
        radar=dataclasses.replace(data.radar, candidate=(None,) * len(data.radar.labels)),
    )
    text = pdf_text(packet_bytes(empty))
    assert "Nothing has been rated yet" in text
    assert "The candidate's mean rating per" not in text
