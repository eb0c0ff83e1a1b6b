"""Two app processes on one database file: every service write lands."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from svc_support import Panel, target_of

from interview_kit.services import audit, candidates, scorecard_reads

REPO = Path(__file__).resolve().parents[2]

_SCRIPT = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from interview_kit.services import candidates, interviewers, scorecard_reads, scorecards
    from interview_kit.services.database import open_database
    from interview_kit.domain.scorecard_content import ScorecardChanges

    path, tag, count, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    candidate, stage = sys.argv[5], sys.argv[6]
    db = open_database(path, actor=f"process {tag}")
    me = interviewers.add_interviewer(db, name=f"Interviewer {tag}")
    card = scorecards.start_scorecard(db, candidate, stage, me.uuid)
    while not go.exists():
        time.sleep(0.005)
    for i in range(count):
        candidates.add_candidate(db, name=f"{tag} {i}")
        scorecards.save_draft(db, card.uuid, ScorecardChanges(summary=f"{tag} draft {i}"))
    db.close()
    """
)


@pytest.mark.slow
def test_two_processes_adding_and_saving_at_once(panel: Panel, tmp_path: Path) -> None:
    go = tmp_path / "go"
    count = 20
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                _SCRIPT,
                target_of(panel.db),
                tag,
                str(count),
                str(go),
                panel.candidate.uuid,
                panel.stage,
            ],
            cwd=REPO,
            env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for tag in ("a", "b")
    ]
    time.sleep(0.5)
    go.touch()
    for process in processes:
        _, err = process.communicate(timeout=180)
        assert process.returncode == 0, err

    names = {
        row.name
        for row in candidates.list_candidates(panel.db, candidates.CandidateQuery(limit=500)).rows
    }
    assert {f"{tag} {i}" for tag in "ab" for i in range(count)} <= names
    added = audit.audit_entries(panel.db, action="candidate.added", limit=500)
    assert sum(1 for e in added if e.actor.startswith("process")) == 2 * count
    summaries = {
        info.interviewer_name: scorecard_reads.get_scorecard(panel.db, info.uuid).scorecard.summary
        for info in scorecard_reads.scorecards_for_candidate(panel.db, panel.candidate.uuid)
    }
    assert summaries == {
        "Interviewer a": f"a draft {count - 1}",
        "Interviewer b": f"b draft {count - 1}",
    }
