"""The stage walk: brief → exercises → ratings → signals → level → review and submit."""

from interview_kit.gui.stage_walk.state import (
    CandidateBrief,
    HistoryEntry,
    PanelCard,
    Step,
    WalkSetup,
    step_of,
)
from interview_kit.gui.stage_walk.walk import AUTOSAVE_DELAY_MS, StageWalk

__all__ = [
    "AUTOSAVE_DELAY_MS",
    "CandidateBrief",
    "HistoryEntry",
    "PanelCard",
    "StageWalk",
    "Step",
    "WalkSetup",
    "step_of",
]
