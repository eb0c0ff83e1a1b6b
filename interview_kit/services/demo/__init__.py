"""Demo data: a believable Builder hiring panel, and synthetic volume for benchmarks.

- :mod:`.records`: the plain values a plan is made of;
- :mod:`.corpus`: the people and words, read from ``resources/demo/corpus.toml``;
- :mod:`.generator`: the pure half, :func:`build_plan` (the same seed gives the same
  plan, uuids and times included) and the summaries by the one summary rule;
- :mod:`.rows`: a plan chunk as table rows;
- :mod:`.loader`: :func:`load_demo`, one transaction of bulk inserts through
  :mod:`interview_kit.storage.bulk`, chunks built in worker processes where that pays.
"""

from __future__ import annotations

from interview_kit.services.demo.generator import (
    BASE_TIME,
    DEFAULT_CANDIDATES,
    DEFAULT_SEED,
    build_plan,
    compute_summaries,
    effective_scorecards,
    interviewer_count,
)
from interview_kit.services.demo.loader import DemoResult, load_demo
from interview_kit.services.demo.records import (
    DemoAmendment,
    DemoCandidate,
    DemoDecision,
    DemoInterviewer,
    DemoPlan,
    DemoScorecard,
)
from interview_kit.services.demo.rows import amendment_changes

__all__ = [
    "BASE_TIME",
    "DEFAULT_CANDIDATES",
    "DEFAULT_SEED",
    "DemoAmendment",
    "DemoCandidate",
    "DemoDecision",
    "DemoInterviewer",
    "DemoPlan",
    "DemoResult",
    "DemoScorecard",
    "amendment_changes",
    "build_plan",
    "compute_summaries",
    "effective_scorecards",
    "interviewer_count",
    "load_demo",
]
