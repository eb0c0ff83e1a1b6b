"""Nothing is lost: kill the app with SIGKILL mid-edit, start it again, find the draft.

The app runs in a real subprocess that types into an exercise note, one key event every
few tens of milliseconds, printing when each character went in. The test kills it without
warning; everything typed more than a second before the kill must be in the database and
back on screen after a restart.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from interview_kit.gui.settings import AppSettings
from interview_kit.gui.stage_walk import Step
from interview_kit.services import candidates, interviewers, scorecard_reads
from interview_kit.services.database import open_database

REPO = Path(__file__).resolve().parents[2]
TEXT = "Shipped the clinic prototype · café ✓ שלום "

DRIVER = textwrap.dedent(
    """
    import os, sys, time
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtCore import QEvent, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from interview_kit.app import create_app
    from interview_kit.gui.stage_walk import Step

    db, settings, candidate, stage, text = sys.argv[1:6]
    app = create_app(["--db", db, "--settings", settings])
    app.controller.walks.open(candidate, stage)
    walk = app.controller.walks.walk

    def key(widget, char, code=0):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, code, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)

    walk.go_to(Step.RATINGS)
    selector = next(iter(walk.ratings.cards.values())).selector
    key(selector, "3", Qt.Key.Key_3)
    print("rated", repr(time.time()), flush=True)
    walk.go_to(Step.EXERCISES)
    notes = next(iter(walk.exercises.cards.values())).notes
    notes.setFocus()
    typed = [0]

    def tick():
        char = text[typed[0] % len(text)]
        key(notes, char)
        print("typed", typed[0], repr(time.time()), flush=True)
        typed[0] += 1

    timer = QTimer()
    timer.timeout.connect(tick)
    timer.start(30)
    app.qt.exec()
    """
)


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_app_restores_everything_older_than_a_second(
    demo_db, tmp_path, make_app, qtbot
) -> None:
    settings = tmp_path / "settings.ini"
    db = open_database(demo_db)
    try:
        me = interviewers.add_interviewer(db, name="Kim Kill", email="kim@example.com")
        candidate = candidates.resolve_candidate(db, "Siobhán").uuid
    finally:
        db.close()
    AppSettings(settings).interviewer_uuid = me.uuid
    stage_id = "initial_screen"

    env = dict(os.environ, PYTHONPATH=str(REPO))
    errors = tmp_path / "app-stderr.txt"
    times: list[float] = []
    with (
        errors.open("w", encoding="utf-8") as stderr,
        subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(demo_db), str(settings), candidate, stage_id, TEXT],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
            encoding="utf-8",
        ) as process,
    ):
        try:
            assert process.stdout is not None
            for line in process.stdout:
                if line.startswith("typed"):
                    _word, _number, stamp = line.split()
                    times.append(float(stamp))
                    # Kill mid-edit, well after the first saves, while keys keep coming.
                    if len(times) >= 90:
                        break
            killed_at = time.time()
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=30)
    assert len(times) >= 90, f"the app stopped early: {errors.read_text(encoding='utf-8')}"
    assert process.returncode == -signal.SIGKILL

    typed = "".join(TEXT[i % len(TEXT)] for i in range(len(times)))
    must_have = sum(1 for stamp in times if stamp <= killed_at - 1.0)
    assert must_have > 20, "the test did not type long enough before the kill"

    db = open_database(demo_db)
    try:
        detail = scorecard_reads.find_scorecard(db, candidate, stage_id, me.uuid)
    finally:
        db.close()
    assert detail is not None, "the draft was lost"
    stage = detail.scorecard
    first_exercise = next(iter(stage.exercise_notes), None)
    notes = stage.exercise_notes.get(first_exercise, "") if first_exercise else ""
    assert typed.startswith(notes), "stored text is not what was typed"
    assert len(notes) >= must_have, (
        f"only {len(notes)} of the {must_have} characters typed a second before the kill survived"
    )
    assert stage.ratings
    assert stage.ratings[0].rating == 3

    # Start again: the walk shows the restored draft.
    app = make_app(demo_db, settings=settings)
    assert app.controller.context.interviewer.uuid == me.uuid
    app.controller.walks.open(candidate, stage_id)
    walk = app.controller.walks.walk
    walk.go_to(Step.EXERCISES)
    shown = next(iter(walk.exercises.cards.values())).notes.toPlainText()
    assert shown == notes
    assert not walk.is_submitted
    assert walk.saved_text().startswith("Saved ")
