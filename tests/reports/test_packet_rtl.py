"""Right-to-left names and text (Arabic, Hebrew) in packets: joined, and in reading order.

PDF text is drawn left to right in the order it is stored, so a right-to-left run must
be stored in visual order (its first letter drawn rightmost). pypdf reads a run of
right-to-left letters back into logical order, so a name that was drawn correctly comes
back exactly as typed; one drawn in typing order (the old packet) comes back reversed.
Lines that mix directions are checked where they are laid out, word by word.
"""

from __future__ import annotations

import dataclasses
import itertools
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from bidi.mirror import MIRRORED
from hypothesis import given
from hypothesis import strategies as st
from packet_helpers import packet_bytes, page_texts
from PIL import Image

from interview_kit.reports import bidi, build_packet
from interview_kit.reports.packet_data import PacketData, Report, Verdict
from interview_kit.reports.sample import sample_packet
from interview_kit.reports.styles import stylesheet
from interview_kit.reports.text import clean, inline, one_line, para

ARABIC_NAME = "سارا کریمی"
# The same name in the joined forms it must be drawn with: seen initial, alef final,
# reh isolated, alef isolated; keheh initial, reh final, farsi yeh initial, meem medial,
# farsi yeh final.
ARABIC_NAME_JOINED = "\ufeb3\ufe8e\ufead\ufe8d \ufb90\ufeae\ufbfe\ufee4\ufbfd"
HEBREW_NAME = "נועה כהן"
ARABIC_EVIDENCE = "شارك في 3 مشاريع مع ACME (لندن) وقاد فريقا من خمسة مهندسين"
HEBREW_SUMMARY = "עבדה שנתיים ב-Wix על מערכת התשלומים [גרסה 2] והובילה צוות של ארבעה מפתחים."


def rtl_packet() -> PacketData:
    data = sample_packet(4)
    signal = data.signals[0]
    signal = dataclasses.replace(
        signal,
        reports=(Report(HEBREW_NAME, HEBREW_SUMMARY), Report(ARABIC_NAME, ARABIC_EVIDENCE)),
    )
    first = data.stages[0]
    first = dataclasses.replace(
        first, verdicts=(Verdict(HEBREW_NAME, "Yes", "L5", HEBREW_SUMMARY, 3.2), *first.verdicts)
    )
    return dataclasses.replace(
        data,
        candidate_name=ARABIC_NAME,
        signals=(signal, *data.signals[1:]),
        stages=(first, *data.stages[1:]),
        trace=(ARABIC_EVIDENCE, *data.trace),
    )


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return packet_bytes(rtl_packet())


def lines_of(markup: str, width: float, style: str = "body") -> tuple[bidi.Paragraph, list[str]]:
    """A paragraph laid out at ``width``: each line's text as drawn, left to right."""
    paragraph = bidi.Paragraph(markup, stylesheet()[style])
    paragraph.wrap(width, 1000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return paragraph, ["".join(words) for _, words in lines]
    return paragraph, ["".join(frag.text for frag in line.words) for line in lines]


# -- in the PDF ----------------------------------------------------------------------


def test_an_arabic_name_is_joined_and_reads_back_as_typed(pdf: bytes) -> None:
    first = page_texts(pdf)[0]
    assert ARABIC_NAME_JOINED in first
    assert ARABIC_NAME in unicodedata.normalize("NFKC", first)
    assert ARABIC_NAME[::-1] not in unicodedata.normalize("NFKC", first)


def test_hebrew_names_read_back_as_typed_wherever_they_are(pdf: bytes) -> None:
    pages = page_texts(pdf)
    everything = " ".join(pages)
    # The stage verdict, the signal's reporters and their evidence, the running header.
    assert everything.count(HEBREW_NAME) >= 3
    assert HEBREW_NAME[::-1] not in everything
    assert all(ARABIC_NAME_JOINED in page for page in pages[1:])  # the running header


def test_no_direction_marks_are_left_in_the_pdf(pdf: bytes) -> None:
    text = " ".join(page_texts(pdf))
    assert not set(text) & {bidi.START_RTL, bidi.START_LTR, bidi.END}


def test_a_packet_with_right_to_left_text_is_byte_stable() -> None:
    assert packet_bytes(rtl_packet()) == packet_bytes(rtl_packet())


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm is not installed")
def test_a_right_to_left_title_is_drawn_as_joined_letters(tmp_path: Path) -> None:
    """Joined Arabic letters touch: the title's ink has fewer gaps than the same
    letters drawn in their isolated forms."""

    def gaps(name: str) -> int:
        out = tmp_path / name.encode().hex()[:12]
        out.mkdir()
        build_packet(dataclasses.replace(rtl_packet(), candidate_name=name), out / "p.pdf")
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "150",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                str(out / "p.pdf"),
                str(out / "p"),
            ],
            check=True,
        )
        with Image.open(next(out.glob("p*.png"))) as image:
            grey = image.convert("L")
            width, height = grey.size
            # The title line: about 8-11 % down the page.
            band = [
                any(
                    grey.getpixel((x, y)) < 128
                    for y in range(int(height * 0.075), int(height * 0.11))
                )
                for x in range(width)
            ]
        return sum(1 for a, b in itertools.pairwise(band) if a and not b)

    isolated = " ".join(unicodedata.normalize("NFKC", c) for c in ARABIC_NAME.replace(" ", ""))
    assert gaps(ARABIC_NAME) < gaps(isolated)


# -- laid out ------------------------------------------------------------------------


def test_a_wrapped_hebrew_paragraph_keeps_its_lines_in_reading_order() -> None:
    words = [
        "אחת",
        "שתיים",
        "שלוש",
        "ארבע",
        "חמש",
        "שש",
        "שבע",
        "שמונה",
        "תשע",
        "עשר",
        "אחת-עשרה",
        "שתים-עשרה",
    ]
    paragraph, lines = lines_of(para(" ".join(words)), 120)
    assert len(lines) >= 3
    shown = 0
    for line in lines:
        drawn = line.strip().split(" ")
        # Right to left: the line's first word is drawn rightmost, each word's letters
        # from right to left.
        logical = [word[::-1] for word in reversed(drawn)]
        assert logical == words[shown : shown + len(logical)]
        shown += len(logical)
    assert shown == len(words)
    assert paragraph.style.alignment == 2  # flush right


def test_one_line_of_right_to_left_text_keeps_the_styles_alignment() -> None:
    paragraph, lines = lines_of(para(HEBREW_NAME), 400)
    assert lines == ["ןהכ העונ"]
    assert paragraph.style.alignment == 0


def test_numbers_and_latin_words_keep_their_direction_inside_hebrew() -> None:
    assert bidi.visual(bidi.shape(HEBREW_SUMMARY)) == (
        ".םיחתפמ העברא לש תווצ הליבוהו [2 הסרג] םימולשתה תכרעמ לע Wix-ב םייתנש הדבע"
    )


@pytest.mark.parametrize(
    ("text", "drawn"),
    [
        ("(שלום)", "(םולש)"),  # brackets mirrored: each still opens towards the word
        ("abc (שלום) def", "abc (םולש) def"),
        ("שלום 2026", "2026 םולש"),
        ("Noa כהן", "Noa ןהכ"),  # a left-to-right start keeps its place
    ],
)
def test_brackets_numbers_and_base_direction(text: str, drawn: str) -> None:
    assert bidi.visual(text) == drawn


def test_a_right_to_left_name_stays_where_the_wording_puts_it() -> None:
    markup = f"<b>{inline(HEBREW_NAME, bold=True)}:</b> {para('Led the rollout.')}"
    _, lines = lines_of(markup, 400)
    assert lines == ["ןהכ העונ: Led the rollout."]


def test_each_piece_keeps_its_own_style_when_reordered() -> None:
    markup = f"<b>{inline(HEBREW_NAME, bold=True)}:</b> {para(HEBREW_SUMMARY)}"
    paragraph, lines = lines_of(markup, 1000)
    (line,) = paragraph.blPara.lines
    bold = "".join(f.text for f in line.words if f.fontName.endswith("Bold"))
    assert bold.strip() == "ןהכ העונ:"
    assert lines[0].startswith("ןהכ העונ: .םיחתפמ")


def test_arabic_is_shaped_before_it_is_laid_out() -> None:
    assert bidi.shape(ARABIC_NAME) == ARABIC_NAME_JOINED
    assert bidi.visual(ARABIC_NAME_JOINED) == ARABIC_NAME_JOINED[::-1]


def test_a_joined_form_the_font_lacks_falls_back_to_the_plain_letter() -> None:
    shaped = bidi.shape("سارا", covers=lambda code: code != 0xFEB3)
    assert shaped == "س\ufe8e\ufead\ufe8d"


def test_text_without_right_to_left_letters_is_untouched() -> None:
    for text in ("Zoë Ørsted", "王静", "Юлия", "(a) [b] 12"):
        assert bidi.START_RTL not in para(text)
        assert bidi.START_LTR not in para(text)
        assert bidi.visual(text) == text


def test_chart_labels_are_joined_and_in_reading_order() -> None:
    from interview_kit.reports.charts import _wrap

    assert _wrap(ARABIC_NAME, 200, 8) == [ARABIC_NAME_JOINED[::-1]]
    # Wrapped: the first words on the first line, each line drawn right to left.
    lines = _wrap("אחת שתיים שלוש ארבע חמש", 40, 8, max_lines=5)
    assert len(lines) > 1
    assert lines[0].split(" ")[-1] == "תחא"


def test_line_breaks_inside_right_to_left_text_are_kept() -> None:
    _, lines = lines_of(f"<b>Noa:</b> {para('שורה אחת' + chr(10) + 'שורה שתיים')}", 400)
    assert [line.strip() for line in lines] == ["Noa: תחא הרוש", "םייתש הרוש"]


MIXED = st.text(
    alphabet=st.sampled_from(
        list("אבגדהוזחטיכלמנסעפצקרשת")
        + list("ابتثجحخدذرزسشصضطظعغفقكلمنهوي")
        + list("abcXYZ0123456789٠١٢ ()[]<>{}.,:;-!?&\"'")
        + ["\n", "王", "é"]
    ),
    max_size=120,
)


def _drawn_chars(text: str) -> list[str]:
    """Characters other than spaces, a bracket and its mirror counted as one."""
    return sorted(min(c, MIRRORED.get(c, c)) for c in text if not c.isspace())


@given(MIXED, MIXED)
def test_reordering_draws_every_character_once(name: str, evidence: str) -> None:
    markup = f"<b>{inline(name, bold=True)}:</b> {para(evidence)}"
    paragraph = bidi.Paragraph(markup, stylesheet()["evidence"])
    paragraph.wrap(120, 10_000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        drawn = "".join("".join(words) for _, words in lines)
    else:
        drawn = "".join(getattr(f, "text", "") for line in lines for f in line.words)
    assert not set(drawn) & {bidi.START_RTL, bidi.START_LTR, bidi.END}
    shown = "".join(
        c
        for c in bidi.shape(one_line(name)) + ":" + bidi.shape(clean(evidence))
        if c not in bidi.START_RTL + bidi.START_LTR + bidi.END
    )
    assert _drawn_chars(drawn) == _drawn_chars(shown)
