"""Escaping, cleaning and font choice for user text, character by character."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from interview_kit.reports.fonts import (
    REGULAR,
    REPLACEMENT,
    FontChain,
    cjk_font_for,
    font_chain,
)
from interview_kit.reports.styles import stylesheet
from interview_kit.reports.text import clean, inline, one_line, para, shown_text, truncate


def bare_chain() -> FontChain:
    """The shipped font and ReportLab's own CJK fonts only, whatever this machine has."""
    return font_chain().with_candidates([])


@pytest.mark.parametrize(
    ("raw", "markup"),
    [
        ("plain", "plain"),
        ("a & b", "a &amp; b"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("&amp;", "&amp;amp;"),
        ("say \"hi\" 'there'", "say \"hi\" 'there'"),
        ("line one\nline two", "line one<br/>line two"),
        ("crlf\r\nmac\rsep\u2028", "crlf<br/>mac<br/>sep<br/>"),
        ("tab\there", "tab    here"),
        ("bell\x07null\x00esc\x1b", "bellnullesc"),
        ("", ""),
    ],
)
def test_para_escapes_and_keeps_line_breaks(raw: str, markup: str) -> None:
    assert para(raw) == markup


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  two   spaces\n\nand lines ", "two spaces and lines"),
        ("\x00", ""),
        ("e\u0301", "é"),
    ],
)
def test_one_line_folds_whitespace_and_normalises(raw: str, expected: str) -> None:
    assert one_line(raw) == expected


def test_lone_surrogates_become_replacement_marks() -> None:
    assert clean("a\ud800b") == f"a{REPLACEMENT}b"


@pytest.mark.parametrize(
    ("text", "font"),
    [
        ("Łukasz Zoë Ørsted", ""),
        ("Ελένη", ""),
        ("Юлия", ""),
        ("שלום", ""),
        ("日本語", "STSong-Light"),
        ("テキスト", "HeiseiKakuGo-W5"),
        ("한국어", "HYGothic-Medium"),
    ],
)
def test_each_script_gets_a_font_that_shows_it(text: str, font: str) -> None:
    runs = list(bare_chain().runs(text))
    assert runs == [(font, text)]


def test_runs_switch_font_per_script_and_keep_spaces_inside_runs() -> None:
    runs = list(bare_chain().runs("Zoë 日本 語 and 한국"))
    assert runs == [
        ("", "Zoë "),
        ("STSong-Light", "日本 語 "),
        ("", "and "),
        ("HYGothic-Medium", "한국"),
    ]


def test_unshowable_characters_become_a_visible_mark_and_joiners_vanish() -> None:
    runs = list(font_chain().runs("a🚀b\u200dc\ufe0f"))
    assert "".join(r for _, r in runs) == f"a{REPLACEMENT}bc"


def test_cjk_fonts_by_range() -> None:
    assert cjk_font_for(ord("한")) == "HYGothic-Medium"
    assert cjk_font_for(ord("カ")) == "HeiseiKakuGo-W5"
    assert cjk_font_for(ord("中")) == "STSong-Light"
    assert cjk_font_for(ord("a")) is None


def test_fallback_runs_are_wrapped_in_font_tags() -> None:
    assert para("x 中", chain=bare_chain()) == 'x <font name="STSong-Light">中</font>'


def test_chart_labels_use_the_base_font_only() -> None:
    assert shown_text("Zoë 中 x") == "Zoë \ufffd x"


def test_truncate() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("a much longer label", 8) == "a much…"


def test_a_missing_fallback_font_file_is_skipped(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    chain = FontChain(
        frozenset({ord("a")}), frozenset({ord("a")}), [str(broken), "/nonexistent.ttf"]
    )
    assert chain.font_for(ord("中")) == "STSong-Light"
    assert chain.font_for(ord("\u0e01")) is None  # Thai: nothing here shows it


def test_an_installed_truetype_fallback_is_used_when_it_has_the_glyph() -> None:
    from interview_kit.reports.fonts import font_file

    # DejaVu itself stands in for an installed fallback font.
    chain = FontChain(
        frozenset({ord("a")}), frozenset({ord("a")}), [str(font_file("DejaVuSans.ttf"))]
    )
    name = chain.font_for(ord("Ж"))
    assert name is not None
    assert name.startswith("InterviewKitFallback")


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_any_text_makes_valid_paragraph_markup(text: str) -> None:
    style = stylesheet()["body"]
    paragraph = Paragraph(para(text), style)
    paragraph.wrap(300, 1000)
    Paragraph(inline(text, bold=True), style).wrap(300, 1000)


def test_base_font_is_registered() -> None:
    from reportlab.pdfbase import pdfmetrics

    font_chain()
    assert pdfmetrics.getFont(REGULAR).fontName == REGULAR
