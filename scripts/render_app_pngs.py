"""Render the app, screen by screen and section by section, to PNG files (offscreen).

    python scripts/render_app_pngs.py [--out docs/images] [--variants light dark scaled]

Each variant runs in its own process (the scale factor must be set before Qt starts):
``light`` at both window sizes the app must stay usable at, 1280×800 (``app-NAME.png``)
and 1024×700 (``app-NAME-1024x700.png``); ``dark`` at 1280×800; ``scaled`` at 1280×800
logical pixels with ``QT_SCALE_FACTOR=2`` (a 2560×1600 image), as on a 200 % display. The
dark variant gives the app the dark palette a desktop in dark mode would.

Names in any script need the platform's fonts: on Debian or Ubuntu install
``fonts-noto-cjk fonts-noto-color-emoji fonts-dejavu-core`` before rendering (see README),
or Chinese names and emoji render as empty boxes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VARIANTS = ("light", "dark", "scaled")
SIZE = (1280, 800)
SMALL = (1024, 700)
SIZES = {"light": (SIZE, SMALL), "dark": (SIZE,), "scaled": (SIZE,)}
"""The window sizes each variant renders; 1280×800 keeps the plain file names."""


def size_suffix(size: tuple[int, int]) -> str:
    return "" if size == SIZE else f"-{size[0]}x{size[1]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    parser.add_argument("--variants", nargs="+", choices=VARIANTS, default=list(VARIANTS))
    parser.add_argument("--variant", choices=VARIANTS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.variant:
        for size in SIZES[args.variant]:
            render(args.variant, args.out, size)
        return 0
    for variant in args.variants:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(REPO))
        if variant == "scaled":
            env["QT_SCALE_FACTOR"] = "2"
        subprocess.run(
            [sys.executable, __file__, "--out", str(args.out), "--variant", variant],
            check=True,
            env=env,
            cwd=REPO,
        )
    return 0


def render(variant: str, out: Path, size: tuple[int, int] = SIZE) -> None:
    from PySide6.QtWidgets import QWidget

    from interview_kit.app import application, create_app
    from interview_kit.services import demo, interviewers
    from interview_kit.services.database import open_database

    qt = application([])
    _never_block()
    if variant == "dark":
        _dark_palette(qt)
    suffix = ("" if variant == "light" else f"-{variant}") + size_suffix(size)
    work = Path(tempfile.mkdtemp(prefix="interview-kit-shots-"))

    def shoot(widget: QWidget, name: str) -> None:
        for _ in range(3):
            qt.processEvents()
        path = out / f"app-{name}{suffix}.png"
        widget.grab().save(str(path))
        print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)  # noqa: T201

    # An empty database: the welcome.
    empty = create_app(["--db", str(work / "empty.sqlite3"), "--settings", str(work / "e.ini")])
    assert empty is not None
    empty.window.resize(*size)
    shoot(empty.window, "welcome")
    empty.window.close()
    empty.controller.context.db.close()

    # The demo panel.
    path = work / "demo.sqlite3"
    db = open_database(path)
    demo.load_demo(db)
    db.close()
    app = create_app(["--db", str(path), "--settings", str(work / "s.ini")])
    assert app is not None
    app.window.resize(*size)
    qt.processEvents()
    dialog = app.controller.identity_dialog or app.controller.ask_identity(first_start=True)
    qt.processEvents()
    shoot(dialog, "identity")
    dialog.reject()
    db = app.controller.context.db
    me = next(p for p in interviewers.list_interviewers(db) if p.name == "Ingrid Halvorsen")
    app.controller.set_interviewer(me)
    shoot(app.window, "home")
    try:
        render_walk(app, db, shoot)
    except Exception as exc:  # noqa: BLE001 - the walk's own shots must not stop the rest
        sys.stderr.write(f"the stage walk shots failed: {exc!r}\n")
    app.window.close()
    db.close()

    render_recruiter_pages(qt, path, work, shoot, size)


def render_walk(app: object, db: object, shoot: object) -> None:
    """A stage walk in progress, then a submitted and amended scorecard."""
    from interview_kit.domain.scorecard import Vote
    from interview_kit.gui.stage_walk import Step
    from interview_kit.services import candidates

    controller = app.controller  # type: ignore[attr-defined]
    window = app.window  # type: ignore[attr-defined]
    walks = controller.walks

    # A stage walk in progress: Siobhán's initial screen.
    siobhan = candidates.resolve_candidate(db, "Siobhán").uuid  # type: ignore[arg-type]
    walks.open(siobhan, "initial_screen")
    walk = walks.walk
    stage = walk.setup.stage
    first, second = stage.criteria[0], stage.criteria[1]
    exercise = walk.exercises.cards[stage.exercises[0].id]
    exercise.timer.add_seconds(13 * 60 + 42)
    exercise.notes.setPlainText(
        "Owned the scheduling product end to end: found the no-show problem in support "
        "tickets, shipped reminders in two weeks, cut no-shows by 18 %."
    )
    walk.exercises.cards[stage.exercises[1].id].timer.add_seconds(11 * 60 + 5)
    walk.ratings.cards[first.id].selector.set_value(4, notify=True)
    walk.ratings.cards[first.id].evidence.setPlainText(
        "Three initiatives from insight to measured impact; stopped one that missed its metric."
    )
    walk.ratings.cards[second.id].selector.set_value(1, notify=True)
    signal = walk.signals.items[("signal", "asks_about_customer_impact")]
    signal.check.setChecked(True)
    signal.evidence.setPlainText("Asked which clinics lose most revenue to no-shows.")
    walk.signals.items[("red_flag", "poor_communication")].check.setChecked(True)
    walk.level.level_buttons["L5"].setChecked(True)
    walk.save_now()
    for step in Step:
        walk.go_to(step)
        if step is Step.EXERCISES:
            walk.exercises.cards[stage.exercises[0].id].notes.setFocus()
        shoot(window, f"step-{step.value + 1}-{step.name.lower()}")  # type: ignore[operator]
    walks.close()

    # Submitted, amended, compared: Zoë's initial screen, where the panel has scored.
    zoe = candidates.resolve_candidate(db, "Zoë Lefèvre").uuid  # type: ignore[arg-type]
    walks.open(zoe, "initial_screen")
    walk = walks.walk
    for index, card in enumerate(walk.ratings.cards.values()):
        card.selector.set_value({0: 2, 3: 1}.get(index, 3), notify=True)
        card.evidence.setPlainText("Concrete examples with numbers.")
    walk.level.level_buttons["L5"].setChecked(True)
    walk.level.vote_buttons[Vote.YES].setChecked(True)
    walk.level.summary.setPlainText("Clear owner; strong on product thinking.")
    walk.save_now()
    walks._submit()
    controller.context.writes.wait_idle(30)
    walk.begin_amend()
    next(iter(walk.ratings.cards.values())).selector.set_value(3, notify=True)
    walks._amend("Re-read my notes: the first example was fully owned", walk.content)
    controller.context.writes.wait_idle(30)
    walk.go_to(Step.REVIEW)
    shoot(window, "submitted")  # type: ignore[operator]
    walks.close()


def render_recruiter_pages(
    qt: object, path: Path, work: Path, shoot: object, size: tuple[int, int] = SIZE
) -> None:
    """The recruiter's and committee's sections, seen by someone on no panel."""
    from PySide6.QtCore import QThreadPool

    from interview_kit.app import create_app
    from interview_kit.services import candidates

    app = create_app(["--db", str(path), "--settings", str(work / "recruiter.ini")])
    assert app is not None
    app.window.resize(*size)

    def settle() -> None:
        for _ in range(5):
            QThreadPool.globalInstance().waitForDone(5000)
            qt.processEvents()  # type: ignore[attr-defined]

    settle()
    if app.controller.identity_dialog is not None:
        app.controller.identity_dialog.reject()
    app.window.show_page("pipeline")
    settle()
    pipeline = app.window.page("pipeline")
    # A candidate chosen, so the actions (the long "Advance to …" among them) show.
    jonas = pipeline.model.index_of(lambda row: row.name.startswith("Jonas"))  # type: ignore[attr-defined]
    if jonas.isValid():
        pipeline.select_row(jonas.row())  # type: ignore[attr-defined]
    settle()
    shoot(app.window, "pipeline")  # type: ignore[operator]
    app.window.show_page("people")
    settle()
    shoot(app.window, "interviewers")  # type: ignore[operator]
    app.window.show_page("committee")
    settle()
    committee = app.window.page("committee")
    astrid = candidates.resolve_candidate(app.controller.context.db, "Astrid").uuid
    committee.candidateChosen.emit(astrid)  # type: ignore[attr-defined]
    settle()
    shoot(app.window, "panel-review")  # type: ignore[operator]
    for key, name in (
        ("insights", "insights"),
        ("evidence", "evidence"),
        ("rubric", "rubric-editor"),
    ):
        app.window.show_page(key)
        settle()
        shoot(app.window, name)  # type: ignore[operator]
    app.window.close()
    app.controller.context.db.close()


def _never_block() -> None:
    """A message box would wait forever for a click nobody makes: report it and go on."""
    from PySide6.QtWidgets import QMessageBox

    def report(box: QMessageBox) -> int:
        sys.stderr.write(f"message box: {box.windowTitle()}: {box.text()}\n")
        return int(QMessageBox.StandardButton.Cancel)

    QMessageBox.exec = report  # type: ignore[method-assign]


def _dark_palette(qt: object) -> None:
    """What a desktop in dark mode hands the app (the offscreen platform has no theme)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    assert isinstance(qt, QApplication)
    qt.styleHints().setColorScheme(Qt.ColorScheme.Dark)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e8e8e8",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#262626",
        QPalette.ColorRole.Text: "#e8e8e8",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e8e8e8",
        QPalette.ColorRole.Highlight: "#3d7fd6",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.ToolTipBase: "#353535",
        QPalette.ColorRole.ToolTipText: "#e8e8e8",
        QPalette.ColorRole.PlaceholderText: "#9a9a9a",
        QPalette.ColorRole.Mid: "#5a5a5a",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Link: "#7fb0ff",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    qt.setPalette(palette)


if __name__ == "__main__":
    raise SystemExit(main())
