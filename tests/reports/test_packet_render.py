"""Packets render to images with poppler: pages are drawn, not just parsed."""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from interview_kit.reports import build_packet
from interview_kit.reports.sample import sample_packet

PDFTOPPM = shutil.which("pdftoppm")
pytestmark = pytest.mark.skipif(
    PDFTOPPM is None, reason="pdftoppm (poppler-utils) is not installed"
)


def render(pdf: Path, out_dir: Path) -> list[Path]:
    assert PDFTOPPM is not None
    subprocess.run(
        [PDFTOPPM, "-r", "40", "-png", str(pdf), str(out_dir / "page")],
        check=True,
        capture_output=True,
    )
    return sorted(out_dir.glob("page-*.png"))


def test_every_page_renders_with_content(tmp_path: Path) -> None:
    pdf = tmp_path / "packet.pdf"
    data = dataclasses.replace(sample_packet(4), trace=("日本語 한국어 简体中文 🚀",))
    build_packet(data, pdf)
    pages = render(pdf, tmp_path)
    assert len(pages) >= 4
    for page in pages:
        with Image.open(page) as image:
            assert image.size[0] < image.size[1]  # portrait A4
            spread = ImageStat.Stat(image.convert("L")).stddev[0]
            assert spread > 5, f"{page.name} looks blank"


def test_decision_banner_is_coloured_by_the_decision(tmp_path: Path) -> None:
    def banner_colour(hire: bool | None) -> tuple[int, int, int]:
        pdf = tmp_path / f"{hire}.pdf"
        build_packet(dataclasses.replace(sample_packet(1), hire=hire), pdf)
        out = tmp_path / str(hire)
        out.mkdir()
        first = render(pdf, out)[0]
        with Image.open(first) as image:
            rgb = image.convert("RGB")
            # The banner's left edge sits on the left margin, about a fifth of the way down.
            width, height = rgb.size
            column = [
                rgb.getpixel((int(width * 0.088), y)) for y in range(height // 8, height // 3)
            ]
        return min(column, key=sum)

    hire, no_hire = banner_colour(True), banner_colour(False)
    assert hire[1] > hire[0]  # green
    assert no_hire[0] > no_hire[1]  # red
