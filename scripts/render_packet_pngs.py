"""Render sample hiring-packet and scoring-sheet pages to PNG for the README.

Builds the sample packet (plain data, no database) and the Builder rubric's stage 2
scoring sheet, then renders chosen pages with poppler's ``pdftoppm`` into
``docs/images/``. Run it after changing the packet's layout and look at the images:

    python scripts/render_packet_pngs.py [--dpi 60] [--out docs/images]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_kit import paths
from interview_kit.domain.rubric import load_rubric
from interview_kit.reports import build_packet, build_scoring_sheet
from interview_kit.reports.sample import sample_packet

ROOT = Path(__file__).resolve().parent.parent

# (PDF, page number, image name)
PAGES = (
    ("packet", 1, "packet-page-1.png"),
    ("packet", 2, "packet-page-2.png"),
    ("packet", 4, "packet-page-4.png"),
    ("sheet", 3, "scoring-sheet.png"),
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
    with tempfile.TemporaryDirectory() as folder:
        pdfs = {"packet": Path(folder) / "packet.pdf", "sheet": Path(folder) / "sheet.pdf"}
        build_packet(sample_packet(4), pdfs["packet"], invariant=True)
        build_scoring_sheet(
            load_rubric(paths.default_rubric_path()), "2", pdfs["sheet"], invariant=True
        )
        for kind, page, name in PAGES:
            render(pdfs[kind], page, args.out / name, args.dpi, pdftoppm)
            sys.stdout.write(f"{args.out / name}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
