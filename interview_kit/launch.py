"""``interview-kit-app``: start the desktop app (see :mod:`interview_kit.app`).

This module is the command's entry point so that something runs before the app's own
imports: start-up makes many long-lived objects and frees few, so the cycle collector's
passes over them only slow it (about 0.1 s until Home lists its first page). The
collector is paused here and set going again once every section is built, with what
start-up made kept out of its passes (:func:`interview_kit.app.finish_start`).
"""

from __future__ import annotations

import gc


def pause_collector() -> None:
    """Pause the cycle collector until the app has started (it resumes it)."""
    gc.disable()


def main() -> int:
    pause_collector()
    from interview_kit.app import main as run

    return run()


if __name__ == "__main__":
    raise SystemExit(main())
