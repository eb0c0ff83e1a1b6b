"""The committee's hiring-quality report (``interview-kit report quality``)."""

from __future__ import annotations

from pathlib import Path

from interview_kit.reports.quality_data import QualityReportData
from interview_kit.services.evidence.tables import quality_report
from interview_kit.storage.database import Database


def write_quality_report(db: Database, out: Path, *, invariant: bool = False) -> QualityReportData:
    """Gather the five views and write the PDF; returns what it shows."""
    from interview_kit.reports.quality import build_quality_report

    data = quality_report(db)
    build_quality_report(data, out, invariant=invariant)
    return data
