"""Any text, any size: packets never fail on what users type, and print it literally."""

from __future__ import annotations

import dataclasses
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from packet_helpers import packet_bytes, pdf_text

from interview_kit.reports.packet_data import (
    CriterionResult,
    Observed,
    PacketData,
    RadarData,
    Report,
    StageBar,
    StageSection,
)
from interview_kit.reports.sample import sample_packet

HOSTILE = [
    "<b>not bold</b> & <i>x</i> <font name='Nope'>y</font> <para> </br> &amp; &lt;",
    'Tom & Jerry\'s "quotes" <script>alert(1)</script> {curly} %s %(x)s',
    "control\x00chars\x07here\x1b[31m\x7f\x85end",
    "שלום עולם · مرحبا بالعالم · mixed עברית and English 123",
    "emoji 🚀🎉👩‍💻🏳️‍🌈 and ☺ ★ ✓",
    "日本語のテキスト 한국어 텍스트 简体中文 繁體中文",
    "combining: e\u0301 a\u0308 Z\u0335\u0327\u0334",
    "zero\u200bwidth\u200djoiner\ufeffbom\u202eRTL override",
    "lone surrogate \ud800 here",
    "tab\tand\r\nwindows\rmac\u2028line\u2029para",
    "",
    " ",
    "\n\n\n",
    "Łukasz Zoë Ørsted Ελένη Юлия",
    "x" * 300,
]


def _replace_strings(value: Any, supply: Any) -> Any:
    """A copy of ``value`` with every string replaced by ``supply()``."""
    if isinstance(value, str):
        return supply()
    if isinstance(value, tuple):
        return tuple(_replace_strings(item, supply) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(
            value,
            **{
                f.name: _replace_strings(getattr(value, f.name), supply)
                for f in dataclasses.fields(value)
            },
        )
    return value


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_text_in_every_field_builds(text: str) -> None:
    data = _replace_strings(sample_packet(3), lambda: text)
    pdf = packet_bytes(data)
    assert pdf.startswith(b"%PDF-")


def test_markup_prints_literally() -> None:
    markup = "<b>not bold</b> & AT&T <i>x</i> &amp; 5 < 6 > 4 \"quoted\" 'single'"
    data = dataclasses.replace(sample_packet(1), candidate_name=markup, trace=(markup,))
    text = pdf_text(packet_bytes(data))
    assert markup in text


def test_scripts_the_font_lacks_use_a_fallback_or_a_visible_mark() -> None:
    trace = ("日本語のテキスト", "한국어", "简体中文", "rocket 🚀 here")
    text = pdf_text(packet_bytes(dataclasses.replace(sample_packet(1), trace=trace)))
    assert "日本語のテキスト" in text
    assert "한국어" in text
    assert "简体中文" in text
    assert "rocket \ufffd here" in text


def test_control_characters_are_dropped_not_printed() -> None:
    data = dataclasses.replace(sample_packet(1), trace=("before\x00\x07\x1bafter",))
    assert "beforeafter" in pdf_text(packet_bytes(data))


def test_a_20000_character_word_and_a_10000_character_note_lay_out() -> None:
    word = "W" * 20_000
    note = " ".join(f"word{i}" for i in range(1_700))[:10_000]
    base = sample_packet(2)
    stage = base.stages[0]
    criterion = dataclasses.replace(
        stage.criteria[0], title=word, evidence=(Report("Łukasz Nowak", note),)
    )
    stage = dataclasses.replace(stage, criteria=(criterion, *stage.criteria[1:]))
    data = dataclasses.replace(
        base,
        candidate_name=word,
        stages=(stage, *base.stages[1:]),
        trace=(word, note),
        signals=(Observed(word, (Report(word, note),)),),
    )
    pdf = packet_bytes(data)
    text = pdf_text(pdf)
    # The note crosses page breaks (and their header and footer): check every word of it.
    assert set(note.split()[:-1]) <= set(text.split())
    # The word is printed whole wherever it appears (title, criterion, trace, signal).
    assert text.count("W") >= 4 * 20_000


def test_huge_panel_and_many_items_lay_out() -> None:
    base = sample_packet(10)
    many = tuple(Observed(f"Signal {i}", (Report("Aisha Bello", "seen"),)) for i in range(60))
    criteria = tuple(
        CriterionResult(f"Criterion {i}", tuple([1, 2, 3, 4, None] * 2), 2.5, spread=True)
        for i in range(40)
    )
    stage = StageSection("Stage 9 · Marathon", tuple(f"Person {i}" for i in range(10)), criteria)
    data = dataclasses.replace(base, signals=many, red_flags=many, stages=(stage,))
    assert "Criterion 39" in pdf_text(packet_bytes(data))


def test_odd_numbers_never_break_the_charts() -> None:
    nan, inf = math.nan, math.inf
    base = sample_packet(2)
    assert base.band is not None
    data = dataclasses.replace(
        base,
        score=nan,
        band=dataclasses.replace(base.band, position=inf, suggested_base=nan, base_max=0.0),
        radar=RadarData(("a", "b", "c", "d"), (nan, inf, -inf, 99.0), (nan, None, 2.0, -5.0)),
        stage_bars=(StageBar("x", inf), StageBar("y", -3.0), StageBar("z", nan)),
        hire_bar=nan,
        level_minimum=inf,
    )
    assert packet_bytes(data).startswith(b"%PDF-")


def test_radar_with_two_spokes_explains_itself() -> None:
    data = dataclasses.replace(
        sample_packet(1), radar=RadarData(("a", "b"), (3.0, 2.0), (3.0, 3.0))
    )
    assert "Too few dimensions were rated for a radar chart." in pdf_text(packet_bytes(data))


def test_minimal_packet_with_only_required_fields() -> None:
    from datetime import date

    data = PacketData(
        candidate_name="",
        role_title="",
        packet_date=date(2026, 1, 1),
        rubric_version="",
        decision="",
        hire=None,
    )
    text = pdf_text(packet_bytes(data))
    assert "Unnamed candidate" in text
    assert "Page 1 of" in text


_any_text = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=120
) | st.sampled_from(HOSTILE)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_generated_text_never_raises(data: st.DataObject) -> None:
    packet = _replace_strings(sample_packet(2), lambda: data.draw(_any_text))
    assert packet_bytes(packet).startswith(b"%PDF-")
