"""How fast the recommendation engine is, in-process (no database).

Targets (issue 3): one recommendation <= 2 ms; recomputing a 10k-candidate database
(3 stages x 3 interviewers) <= 10 s including loading. Loading from the database is
measured with storage; this script times building the scorecard values and the
recommendations, plus interviewer calibration over all of them.

    python benchmarks/bench_engine.py [--candidates 10000] [--rubric path/to/rubric.toml]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from interview_kit import paths
from interview_kit.domain.calibration import calibrate
from interview_kit.domain.engine import recommend, verdict
from interview_kit.domain.rubric import Rubric, load_rubric
from interview_kit.domain.scorecard import (
    BELOW_LADDER,
    CriterionRating,
    Observation,
    Scorecard,
    Vote,
)

INTERVIEWERS_PER_STAGE = 3
PANEL = [f"Interviewer {n:02d}" for n in range(40)]


def synthetic_candidate(rubric: Rubric, number: int, rng: random.Random) -> list[Scorecard]:
    """A plausible panel: a candidate strength, ratings around it, some N/A, signals,
    the odd red flag, level evidence and votes."""
    strength = rng.uniform(1.5, 4.0)
    levels = [level.id for level in rubric.levels]
    cards = []
    for stage in rubric.stages:
        for name in rng.sample(PANEL, INTERVIEWERS_PER_STAGE):
            ratings = tuple(
                CriterionRating(
                    criterion.id,
                    None
                    if rng.random() < 0.05
                    else max(1, min(4, round(strength + rng.gauss(0, 0.6)))),
                    "evidence",
                )
                for criterion in stage.criteria
            )
            signals = tuple(
                Observation(signal.id, "seen")
                for signal in rubric.signals
                if rng.random() < (strength - 1) / 6
            )
            flags = tuple(
                Observation(flag.id, "seen") for flag in rubric.red_flags if rng.random() < 0.02
            )
            position = int((strength - 1.5) / 2.5 * (len(levels) + 1)) - 1
            evidence = BELOW_LADDER if position < 0 else levels[min(position, len(levels) - 1)]
            vote = list(Vote)[max(0, min(3, round(strength + rng.gauss(0, 0.5)) - 1))]
            cards.append(
                Scorecard(
                    uuid=f"card-{number}-{stage.id}-{name}",
                    candidate_uuid=f"cand-{number}",
                    stage_id=stage.id,
                    interviewer_uuid=name.lower().replace(" ", "-"),
                    interviewer_name=name,
                    ratings=ratings,
                    signals=signals,
                    red_flags=flags,
                    level_evidence=evidence if rng.random() < 0.9 else None,
                    vote=vote,
                )
            )
    return cards


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--rubric", type=Path, default=paths.default_rubric_path())
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "getloadavg"):
        print(f"load average before the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    rubric = load_rubric(args.rubric)
    rng = random.Random(args.seed)
    print(
        f"rubric: {rubric.name} ({len(rubric.stages)} stages, "
        f"{sum(len(s.criteria) for s in rubric.stages)} criteria, {len(rubric.levels)} levels)"
    )

    one = synthetic_candidate(rubric, 0, rng)
    recommend(rubric, one)  # warm caches
    samples = []
    for _ in range(2000):
        start = time.perf_counter()
        recommend(rubric, one)
        samples.append(time.perf_counter() - start)
    samples.sort()
    print(
        f"one recommendation ({len(one)} scorecards): median "
        f"{statistics.median(samples) * 1000:.3f} ms, p95 "
        f"{samples[int(len(samples) * 0.95)] * 1000:.3f} ms, max {samples[-1] * 1000:.3f} ms "
        f"(target <= 2 ms)"
    )

    start = time.perf_counter()
    candidates = [synthetic_candidate(rubric, n, rng) for n in range(args.candidates)]
    built = time.perf_counter() - start
    start, cpu_start = time.perf_counter(), time.process_time()
    decisions: dict[str, int] = {}
    for cards in candidates:
        decision = recommend(rubric, cards).decision.value
        decisions[decision] = decisions.get(decision, 0) + 1
    computed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    count = sum(len(c) for c in candidates)
    print(f"building {args.candidates} candidates ({count} scorecard values): {built:.2f} s")
    print(
        f"recommending {args.candidates} candidates: {computed:.2f} s wall, {cpu:.2f} s CPU "
        f"({computed / args.candidates * 1000:.3f} ms each; target for the whole recompute "
        f"including loading <= 10 s)"
    )
    print("decisions: " + ", ".join(f"{k} {v}" for k, v in sorted(decisions.items())))
    start, cpu_start = time.perf_counter(), time.process_time()
    for cards in candidates:
        verdict(rubric, cards)
    alone, alone_cpu = time.perf_counter() - start, time.process_time() - cpu_start
    print(
        f"the verdict alone (what a summary stores), {args.candidates} candidates: "
        f"{alone:.2f} s wall, {alone_cpu:.2f} s CPU ({alone / computed:.2f}x the full "
        "recommendations)"
    )

    start = time.perf_counter()
    calibration = calibrate(card for cards in candidates for card in cards)
    print(
        f"calibration over {count} scorecards ({len(calibration)} interviewers): "
        f"{time.perf_counter() - start:.2f} s"
    )


if __name__ == "__main__":
    main()
