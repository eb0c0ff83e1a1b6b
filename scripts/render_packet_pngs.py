"""Render sample hiring-packet and scoring-sheet pages to PNG for the README.

Builds the sample packet (plain data, no database), the same packet with evidence in
Arabic, Hebrew and Chinese, and the Builder rubric's stage 2 scoring sheet, then renders
chosen pages with poppler's ``pdftoppm`` into ``docs/images/``. Run it after changing the
packet's layout and look at the images:

    python scripts/render_packet_pngs.py [--dpi 60] [--out docs/images]

Names in Chinese or Japanese are embedded from an installed TrueType font
(Debian/Ubuntu: fonts-droid-fallback, see README); without one the script says so, as
those names would then depend on the viewer's fonts.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_kit import paths
from interview_kit.domain.rubric import load_rubric
from interview_kit.reports import build_packet, build_scoring_sheet
from interview_kit.reports.fonts import font_chain
from interview_kit.reports.packet_data import PacketData, Report
from interview_kit.reports.sample import sample_packet

ROOT = Path(__file__).resolve().parent.parent

# (PDF, page number, image name)
PAGES = (
    ("packet", 1, "packet-page-1.png"),
    ("packet", 2, "packet-page-2.png"),
    ("packet", 4, "packet-page-4.png"),
    ("scripts", 4, "packet-scripts.png"),
    ("sheet", 3, "scoring-sheet.png"),
)

# Evidence as panels outside Europe write it: right-to-left text with numbers and Latin
# names inside, and Chinese.
REPORTS_IN_MANY_SCRIPTS = (
    Report("سارا کریمی", "شارك في 3 مشاريع مع ACME (لندن) وقاد فريقاً من خمسة مهندسين لمدة سنتين."),
    Report(
        "נועה כהן", "עבדה שנתיים ב-Wix על מערכת התשלומים [גרסה 2] והובילה צוות של ארבעה מפתחים."
    ),
    Report("王静", "用两周时间独立完成了计费迁移，并在上线前访谈了五位客户。"),
)


def packet_in_many_scripts() -> PacketData:
    data = sample_packet(4)
    first = data.signals[0]
    signal = dataclasses.replace(first, reports=REPORTS_IN_MANY_SCRIPTS + first.reports)
    return dataclasses.replace(data, signals=(signal, *data.signals[1:]))


def warn_about_missing_fonts() -> None:
    """Say when Chinese or Japanese would not be embedded from an installed font.

    (Korean is set in ReportLab's standard Korean font unless a TrueType one is found.)
    """
    chain = font_chain()
    for sample in ("王", "あ"):
        font = chain.font_for(ord(sample))
        if font is None or not font.startswith("InterviewKitFallback"):
            sys.stderr.write(
                f"no installed TrueType font shows {sample!r}: the images will use the "
                "viewer's fonts for it (Debian/Ubuntu: apt-get install fonts-droid-fallback)\n"
            )


def render(pdf: Path, page: int, target: Path, dpi: int, pdftoppm: str) -> None:
    stem = target.with_suffix("")
    subprocess.run(
        [
            pdftoppm,
            "-png",
            "-r",
            str(dpi),
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dpi", type=int, default=72)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "images")
    args = parser.parse_args()
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        sys.stderr.write("pdftoppm is not installed (Debian/Ubuntu: poppler-utils)\n")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    warn_about_missing_fonts()
    with tempfile.TemporaryDirectory() as folder:
        pdfs = {name: Path(folder) / f"{name}.pdf" for name in ("packet", "scripts", "sheet")}
        build_packet(sample_packet(4), pdfs["packet"], invariant=True)
        build_packet(packet_in_many_scripts(), pdfs["scripts"], invariant=True)
        build_scoring_sheet(
            load_rubric(paths.default_rubric_path()), "2", pdfs["sheet"], invariant=True
        )
        for kind, page, name in PAGES:
            render(pdfs[kind], page, args.out / name, args.dpi, pdftoppm)
            sys.stdout.write(f"{args.out / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
