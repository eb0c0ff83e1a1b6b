"""The words the domain uses about a candidate: where they came from, the path their
maturity grew along, where they are in the pipeline, and what the committee decided.

Storage keeps these as text columns checked against the values here; everything above
storage speaks these enums.
"""

from __future__ import annotations

from enum import StrEnum


class CandidateSource(StrEnum):
    FOUNDER = "founder"
    """Founder or indie hacker."""
    SENIOR_ENGINEER = "senior_engineer"
    TECHNICAL_PM = "technical_pm"
    OTHER = "other"
    UNKNOWN = "unknown"
    """Not known (an imported list that does not say)."""

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    CandidateSource.FOUNDER: "Founder / indie hacker",
    CandidateSource.SENIOR_ENGINEER: "Senior engineer",
    CandidateSource.TECHNICAL_PM: "Technical PM",
    CandidateSource.OTHER: "Other",
    CandidateSource.UNKNOWN: "Unknown",
}


class OriginPath(StrEnum):
    """Where the candidate's maturity comes from, as in the maturity model."""

    PM = "pm"
    ENGINEER = "engineer"
    UNKNOWN = "unknown"
    """Not known (an imported list that does not say)."""

    @property
    def label(self) -> str:
        return _ORIGIN_LABELS[self]


_ORIGIN_LABELS = {
    OriginPath.PM: "PM path",
    OriginPath.ENGINEER: "Engineer path",
    OriginPath.UNKNOWN: "Path unknown",
}


class PipelineStatus(StrEnum):
    NEW = "new"
    SCREENING = "screening"
    DEEP_DIVE = "deep_dive"
    PRODUCT = "product"
    COMMITTEE = "committee"
    OFFER = "offer"
    HIRED = "hired"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()

    @property
    def is_closed(self) -> bool:
        return self in (PipelineStatus.HIRED, PipelineStatus.REJECTED, PipelineStatus.WITHDRAWN)


class CommitteeOutcome(StrEnum):
    HIRE = "hire"
    NO_HIRE = "no_hire"
