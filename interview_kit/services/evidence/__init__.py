"""Evidence about the hiring process itself (issue 16): how reliable the panels are,
which scores predicted how hires turned out, whether a step selects one group less
often, how interviewers drift, and every time the committee overrode the engine.

Each view is one function over a :class:`~interview_kit.storage.database.Database`
returning plain frozen dataclasses with ``to_json()``; the statistics live in
``domain/`` (reliability, validity, adverse_impact, drift, overrides). The views
aggregate in SQL and read a bounded number of rows, never every scorecard.
"""

from __future__ import annotations

from interview_kit.services.evidence.adverse_impact import (
    AdverseImpactReport,
    StageImpact,
    adverse_impact,
)
from interview_kit.services.evidence.debrief import (
    FrozenRecommendation,
    OverrideEntry,
    OverridesReport,
    Rescore,
    freeze_recommendation,
    frozen_recommendation,
    overrides,
    record_rescore,
    rescores_for_candidate,
)
from interview_kit.services.evidence.drift import DriftReport, drift
from interview_kit.services.evidence.planting import PlantedEvidence, plant_evidence
from interview_kit.services.evidence.records import (
    Checkpoint,
    Outcome,
    outcomes_for_candidate,
    record_outcome,
    record_self_identification,
    self_identification_questions,
)
from interview_kit.services.evidence.reliability import ReliabilityReport, reliability
from interview_kit.services.evidence.validity import ValidityReport, validity

__all__ = [
    "AdverseImpactReport",
    "Checkpoint",
    "DriftReport",
    "FrozenRecommendation",
    "Outcome",
    "OverrideEntry",
    "OverridesReport",
    "PlantedEvidence",
    "ReliabilityReport",
    "Rescore",
    "StageImpact",
    "ValidityReport",
    "adverse_impact",
    "drift",
    "freeze_recommendation",
    "frozen_recommendation",
    "outcomes_for_candidate",
    "overrides",
    "plant_evidence",
    "record_outcome",
    "record_rescore",
    "record_self_identification",
    "reliability",
    "rescores_for_candidate",
    "self_identification_questions",
    "validity",
]
