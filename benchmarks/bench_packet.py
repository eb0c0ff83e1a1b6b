"""How fast hiring packets are made, against bare ReportLab in the same run.

Targets (issue 6): one packet <= 2x the time of a bare ReportLab document with the same
flowables; 100 packets <= 6 s on one core, with flat memory.

The bare document is ReportLab's ``SimpleDocTemplate`` building the very flowables the
packet is made of (made before the clock starts), with no page templates, header, footer,
page count or outline. The packet's time includes turning the data into flowables.

    python benchmarks/bench_packet.py [--runs 30] [--packets 100] [--interviewers 4]
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.platypus import SimpleDocTemplate

from interview_kit.reports import build_packet, build_packets
from interview_kit.reports.packet import packet_story
from interview_kit.reports.sample import sample_packet
from interview_kit.reports.styles import stylesheet


def _rss_mb() -> float:
    """Current resident set size (Linux); peak RSS elsewhere."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return _peak_mb()


def _peak_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def one_packet(runs: int, interviewers: int) -> None:
    data = sample_packet(interviewers)
    sheet = stylesheet()
    # Warm up: fonts registered, modules imported, caches filled, for both sides.
    build_packet(data, io.BytesIO())
    SimpleDocTemplate(io.BytesIO()).build(packet_story(data, sheet))

    ours: list[float] = []
    bare: list[float] = []
    # Alternate the two so a busy machine slows both alike; compare medians.
    pages = 0
    for _ in range(runs):
        story = packet_story(data, sheet)
        started = time.perf_counter()
        SimpleDocTemplate(io.BytesIO()).build(story)
        bare.append(time.perf_counter() - started)

        out = io.BytesIO()
        started = time.perf_counter()
        build_packet(data, out)
        ours.append(time.perf_counter() - started)
        pages = out.getvalue().count(b"/Type /Page\n")
    o, b = statistics.median(ours), statistics.median(bare)
    print(f"one packet ({interviewers} interviewers, {pages} pages), median of {runs} runs:")
    print(f"  bare ReportLab, same flowables : {b * 1000:7.1f} ms")
    print(f"  build_packet                   : {o * 1000:7.1f} ms")
    print(f"  ratio                          : {o / b:7.2f}x   (target <= 2x)")


def many_packets(count: int) -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    packets = [
        sample_packet(1 + index % 10, candidate=f"Candidate {index}") for index in range(count)
    ]
    build_packet(packets[0], io.BytesIO())  # fonts registered before the clock starts
    checkpoints: dict[int, float] = {}

    def progress(done: int, total: int | None, path: Path) -> None:
        if done in (1, count // 4, count // 2, count):
            checkpoints[done] = _rss_mb()

    with tempfile.TemporaryDirectory() as folder:
        started, cpu = time.perf_counter(), time.process_time()
        result = build_packets(iter(packets), folder, progress=progress, total=count)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        size = sum(p.stat().st_size for p in result.written)
    print(f"{count} packets (1-10 interviewers each) on one core:")
    print(f"  total                          : {elapsed:7.2f} s   (target <= 6 s)")
    print(f"  CPU time (what other work on a busy machine cannot inflate): {cpu:.2f} s")
    print(f"  per packet                     : {elapsed / count * 1000:7.1f} ms")
    print(f"  written                        : {len(result.written)} files, {size / 1e6:.1f} MB")
    print(
        "  resident memory after packet   : "
        + ", ".join(f"#{n} {mb:.0f} MB" for n, mb in sorted(checkpoints.items()))
    )
    print(f"  peak RSS                       : {_peak_mb():7.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--packets", type=int, default=100)
    parser.add_argument("--interviewers", type=int, default=4)
    args = parser.parse_args()
    one_packet(args.runs, args.interviewers)
    print()
    many_packets(args.packets)


if __name__ == "__main__":
    main()
