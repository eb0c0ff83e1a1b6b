"""The stage walk: brief → exercises → ratings → signals → level → review and submit."""

from interview_kit.gui.stage_walk.state import (
    CandidateBrief,
    HistoryEntry,
    PanelCard,
    Problem,
    Step,
    WalkContent,
    WalkSetup,
)
from interview_kit.gui.stage_walk.walk import AUTOSAVE_DELAY_MS, StageWalk

__all__ = [
    "AUTOSAVE_DELAY_MS",
    "CandidateBrief",
    "HistoryEntry",
    "PanelCard",
    "Problem",
    "StageWalk",
    "Step",
    "WalkContent",
    "WalkSetup",
]
