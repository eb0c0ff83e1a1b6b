"""How fast ``interview-kit`` answers, start-up included, against the bare floor of each.

Targets (issue 13): ``interview-kit --version`` <= 2x ``python -c pass``; ``interview-kit
candidate list`` on a 10k-candidate database <= 2x a bare SQLAlchemy Core script reading
the same page (the same 50 rows with their cached scores, and the total) and printing it.

    python benchmarks/bench_cli.py [--candidates 10000] [--seed 7] [--repeat 15]
                                   [--db FILE|URL] [--fresh]

Every measurement is a new process, run the way the console script runs it (this
checkout's package first on the path), interleaved round by round so a busy machine
slows all of them alike; medians and the fastest run are printed side by side, and the
ratios of both (the verdict is the medians'). The
database is built once with ``interview-kit demo`` in a folder under the system's
temporary folder and reused by later runs (``--fresh`` builds it again, ``--db`` names a
file to use instead, or a PostgreSQL URL: both scripts then read that database).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kept import is_current  # noqa: E402 - this script's folder is on the path

CONSOLE_SCRIPT = (
    "import re, sys\n"
    "from interview_kit.cli import main\n"
    "sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n"
    "sys.exit(main())\n"
)
"""What setuptools writes into the ``interview-kit`` console script."""

BARE_PAGE = """
import sys
from sqlalchemy import column, create_engine, func, select, table

candidates = table(
    "candidates", column("id"), column("uuid"), column("name"), column("name_key"),
    column("email"), column("source"), column("origin_path"), column("role_title"),
    column("status"), column("stage_id"), column("created_at"), column("updated_at"),
)
summaries = table(
    "candidate_summaries", column("candidate_id"), column("score"), column("recommendation"),
    column("level"), column("submitted_count"), column("committee_decision"),
)
target = sys.argv[1]
engine = create_engine(target if "://" in target else "sqlite:///" + target)
page = (
    select(
        candidates.c.uuid, candidates.c.name, candidates.c.email, candidates.c.source,
        candidates.c.origin_path, candidates.c.role_title, candidates.c.status,
        candidates.c.stage_id, candidates.c.created_at, candidates.c.updated_at,
        summaries.c.score, summaries.c.recommendation, summaries.c.level,
        summaries.c.submitted_count, summaries.c.committee_decision,
    )
    .select_from(candidates.outerjoin(summaries, summaries.c.candidate_id == candidates.c.id))
    .order_by(candidates.c.name_key, candidates.c.id)
    .limit(50)
)
with engine.connect() as connection:
    rows = connection.execute(page).all()
    total = connection.scalar(select(func.count()).select_from(candidates))
for row in rows:
    print("  ".join("-" if value is None else str(value) for value in row[:1] + row[6:]))
print(f"1-{len(rows)} of {total} candidates")
"""
"""The same page as ``candidate list`` (first 50 by name, with scores, and the total),
read and printed with nothing but SQLAlchemy Core."""


def demo_database(candidates: int, seed: int, *, fresh: bool) -> Path:
    folder = Path(tempfile.gettempdir()) / "interview-kit-bench"
    folder.mkdir(exist_ok=True)
    path = folder / f"cli-{candidates}-seed{seed}.sqlite3"
    if path.exists() and not fresh and is_current(path):
        print(f"reusing {path}")
        return path
    for stale in folder.glob(f"{path.name}*"):
        stale.unlink()
    print(f"building {path} with interview-kit demo --candidates {candidates} ...")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", CONSOLE_SCRIPT, "--db", str(path), "demo",
         "--candidates", str(candidates), "--seed", str(seed)],
        check=True, env=environment(), stdout=subprocess.DEVNULL,
    )  # fmt: skip
    print(f"  built in {time.perf_counter() - started:.1f} s")
    return path


def environment() -> dict[str, str]:
    """This checkout first on the path; bytecode cached, as an installed copy has it."""
    environment = dict(os.environ, PYTHONPATH=str(REPO))
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    return environment


def interview_kit(*argv: str) -> list[str]:
    return [sys.executable, "-c", CONSOLE_SCRIPT, *argv]


def run_once(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=environment(), stdout=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def load_average() -> str:
    if not hasattr(os, "getloadavg"):
        return ""
    return f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--db", help="a database file or URL (a PostgreSQL one too)")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()

    database = args.db or demo_database(args.candidates, args.seed, fresh=args.fresh)
    rubric = REPO / "resources" / "rubrics" / "builder.toml"
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "interview-kit --version": interview_kit("--version"),
        "interview-kit --help": interview_kit("--help"),
        "interview-kit rubric validate builder.toml": interview_kit(
            "rubric", "validate", str(rubric)
        ),
        "bare SQLAlchemy Core page script": [sys.executable, "-c", BARE_PAGE, str(database)],
        "interview-kit candidate list": interview_kit("--db", str(database), "candidate", "list"),
    }
    for command in commands.values():
        run_once(command)  # warm the file cache and the bytecode
    samples: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(args.repeat):
        for label, command in commands.items():
            samples[label].append(run_once(command))
    medians = {label: statistics.median(times) for label, times in samples.items()}
    fastest = {label: min(times) for label, times in samples.items()}

    print(f"{args.repeat} runs each, interleaved; {load_average()}; database {database}")
    for label in samples:
        print(f"{label:44} median {medians[label]:7.1f} ms  fastest {fastest[label]:7.1f} ms")
    print("ratios, of the medians and of the fastest runs (steadier on a busy machine):")
    for label, floor, target in (
        ("interview-kit --version", "python -c pass", 2.0),
        ("interview-kit --help", "python -c pass", None),
        ("interview-kit rubric validate builder.toml", "python -c pass", None),
        ("interview-kit candidate list", "bare SQLAlchemy Core page script", 2.0),
    ):
        ratio = medians[label] / medians[floor]
        fast_ratio = fastest[label] / fastest[floor]
        verdict = ""
        if target is not None:
            verdict = f" (target <= {target:g}x: {'ok' if ratio <= target else 'OVER TARGET'})"
        print(f"{label:44} {ratio:5.2f}x / {fast_ratio:5.2f}x {floor}{verdict}")


if __name__ == "__main__":
    main()
