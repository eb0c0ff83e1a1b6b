"""How fast the interviewer app feels, measured side by side in one run.

    python benchmarks/bench_app.py [--runs 7] [--db10k FILE] [--db100k FILE] [--pg URL...]

- Start-up: a fresh process until the main window is shown and painted with a
  10k-candidate database, against a fresh process showing a bare ``QMainWindow`` that has
  also imported SQLAlchemy. Runs alternate, medians compared (target <= 1.3x). The app's
  process also reports whether ReportLab was imported (it must not be), how long after
  the first frame every section is set up and Home filled (the window does not respond
  meanwhile), and the first visit of each other section (where its lists are read).
- Usable start: a fresh process until Home lists its first page of candidates, against
  a fresh process showing a bare window that reads the same 50 rows (with their cached
  scores and the total) through SQLAlchemy Core into a table (target <= 1.5x), at 10k
  and at 100k candidates (and on each PostgreSQL database ``--pg`` names). The app
  starts as the ``interview-kit-app`` command starts it.
- Opening a stage walk (target <= 150 ms), a rating until "Saved" shows (<= 1 s; most
  of it is the deliberate autosave delay), and a search keystroke until the list is
  repainted at 10k (<= 50 ms) and 100k candidates (<= 250 ms).

Databases are built on first use; ``--db10k``/``--db100k`` keep them between runs. The
10k one is the demo panel (fully interviewed candidates); the 100k one adds plain
candidates in bulk on top of it, since only the list is measured there.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STARTUP_RATIO_TARGET = 1.3
USABLE_RATIO_TARGET = 1.5
WALK_TARGET_MS = 150.0
SAVED_TARGET_MS = 1000.0
SEARCH_TARGETS_MS = {10_000: 50.0, 100_000: 250.0}

FIRST_PAINT = """
import sys, time
from PySide6.QtCore import QEvent, QObject

class FirstPaint(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.UpdateRequest:
            self.done = True
            print("shown", flush=True)
        return False
"""

BARE = (
    FIRST_PAINT
    + """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
import sqlalchemy, sqlalchemy.orm
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
spy = FirstPaint()
window.installEventFilter(spy)
window.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""
)

BARE_ROWS = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTableWidget, QTableWidgetItem
from sqlalchemy import create_engine, text
app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1280, 800)
table = QTableWidget(0, 5)
window.setCentralWidget(table)
window.show()

def fill():
    target = sys.argv[1]
    engine = create_engine(target if "://" in target else "sqlite:///" + target)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT c.name, c.email, c.status, s.score, s.recommendation FROM candidates c"
            " LEFT JOIN candidate_summaries s ON s.candidate_id = c.id"
            " ORDER BY c.name_key, c.id LIMIT 51")).all()
        total = connection.execute(text("SELECT count(*) FROM candidates")).scalar()
    table.setRowCount(min(len(rows), 50))
    for r, row in enumerate(rows[:50]):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    window.setWindowTitle(f"{total} candidates")
    app.processEvents()
    print("usable", flush=True)
    app.quit()

QTimer.singleShot(0, fill)
app.exec()
"""

USABLE = """
import sys
from interview_kit.launch import pause_collector
pause_collector()  # as the interview-kit-app command does
from PySide6.QtCore import QTimer
from interview_kit.app import create_app
app = create_app(["--db", sys.argv[1], "--settings", sys.argv[2]], defer=True, show=False)
app.window.resize(1280, 800)
app.window.show()

def poll():
    try:
        home = app.window.page("home")
    except KeyError:  # not built yet
        home = None
    if home is None or home.candidates.rowCount() == 0:
        QTimer.singleShot(1, poll)
        return
    app.qt.processEvents()
    print("usable", flush=True)
    app.qt.quit()

QTimer.singleShot(0, poll)
app.qt.exec()
app.db.close()
"""

SECTIONS = ("pipeline", "people", "committee", "insights", "rubric")
"""Sections read their lists when first shown, not while hidden at start-up."""

APP = (
    FIRST_PAINT
    + f"SECTIONS = {SECTIONS!r}\n"
    + """
from interview_kit.launch import pause_collector
pause_collector()  # as the interview-kit-app command does
from PySide6.QtCore import QTimer
from interview_kit.app import create_app
app = create_app(["--db", sys.argv[1], "--settings", sys.argv[2]], defer=True, show=False)
spy = FirstPaint()
app.window.installEventFilter(spy)
app.window.resize(1280, 800)
app.window.show()
started = time.perf_counter()

def poll():
    if app.controller is None:
        QTimer.singleShot(1, poll)
        return
    app.qt.processEvents()
    print("ready", round((time.perf_counter() - started) * 1000), flush=True)
    print("reportlab", any(m.split(".")[0] == "reportlab" for m in sys.modules), flush=True)
    for key in SECTIONS:
        began = time.perf_counter()
        app.window.show_page(key)
        app.qt.processEvents()
        print("section", key, round((time.perf_counter() - began) * 1000), flush=True)
    app.qt.quit()

QTimer.singleShot(0, poll)
app.qt.exec()
app.db.close()
"""
)


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER TARGET"


# ---------------------------------------------------------------------------------------
# Databases


def ensure_10k(path: Path) -> None:
    from interview_kit.services import candidates, demo
    from interview_kit.services.database import open_database

    db = open_database(path)
    try:
        total = candidates.list_candidates(db, candidates.CandidateQuery(limit=1)).total
        if total != 10_000:
            print(f"building the 10k demo database in {path} …", flush=True)
            demo.load_demo(db, candidates=10_000, force=bool(total))
    finally:
        db.close()


def ensure_100k(path: Path, base: Path) -> None:
    """The 10k demo plus 90k plain candidates, inserted in bulk (a fixture, not a path
    the app takes; the candidate list reads the same columns either way)."""
    import shutil

    from sqlalchemy import insert

    from interview_kit.services import candidates
    from interview_kit.services.database import open_database
    from interview_kit.storage.models import CandidateRow, CandidateSummaryRow
    from interview_kit.storage.tables import search_key

    if path.exists():
        db = open_database(path)
        try:
            total = candidates.list_candidates(db, candidates.CandidateQuery(limit=1)).total
        finally:
            db.close()
        if total == 100_000:
            return
        path.unlink()
    print(f"building the 100k database in {path} …", flush=True)
    shutil.copyfile(base, path)
    db = open_database(path)
    first = ("Ana", "Bo", "Chen", "Dmitri", "Eve", "Farah", "Gus", "Hana", "Ivo", "Jun")
    last = ("Ortiz", "Nakamura", "Müller", "Okafor", "Lindqvist", "Rossi", "Kaur", "Dubois")
    now = datetime.now(UTC)
    rows = []
    for index in range(90_000):
        name = f"{first[index % len(first)]} {last[(index // 10) % len(last)]} {index:05d}"
        email = f"person{index}@bulk.example.com"
        rows.append(
            {
                "uuid": str(uuid.UUID(int=index + 1)),
                "name": name,
                "name_key": search_key(name),
                "email": email,
                "search_key": search_key(name, email),
                "source": "other",
                "origin_path": "engineer",
                "role_title": "",
                "status": "new",
                "stage_id": None,
                "notes": "",
                "created_at": now,
                "updated_at": now,
                "row_version": 1,
            }
        )
    try:
        with db.write() as session:
            session.execute(insert(CandidateRow), rows)
            session.execute(
                insert(CandidateSummaryRow).from_select(
                    ["candidate_id", "submitted_count"],
                    session.query(CandidateRow.id, 0)
                    .filter(CandidateRow.email.like("%@bulk.example.com"))
                    .statement,
                )
            )
    finally:
        db.close()


# ---------------------------------------------------------------------------------------
# Start-up, in fresh processes


def time_process(args: list[str], first_line: str = "shown") -> tuple[float, list[str]]:
    """Seconds from starting a process until it prints ``first_line``, and what it
    printed after that."""
    env = dict(os.environ, PYTHONPATH=str(REPO), QT_QPA_PLATFORM="offscreen")
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=REPO,
    ) as process:
        assert process.stdout is not None
        first = process.stdout.readline()
        elapsed = time.perf_counter() - started
        rest = process.stdout.read().splitlines()
        process.wait()
    assert first.strip() == first_line, f"not {first_line}: {first!r}"
    return elapsed, rest


def time_until_usable(args: list[str]) -> float:
    return time_process(args, "usable")[0]


def usable_start(db: Path | str, settings: Path, runs: int, size: str = "10k") -> None:
    bare_args, app_args = ["-c", BARE_ROWS, str(db)], ["-c", USABLE, str(db), str(settings)]
    time_until_usable(bare_args)  # warm the file cache for both
    time_until_usable(app_args)
    bare, app = [], []
    for _ in range(runs):
        bare.append(time_until_usable(bare_args))
        app.append(time_until_usable(app_args))
    side_by_side(
        (f"usable start at {size}, bare window + rows", bare),
        (f"usable start at {size}, app with Home filled", app),
        USABLE_RATIO_TARGET,
    )


def side_by_side(
    bare: tuple[str, list[float]], app: tuple[str, list[float]], target: float
) -> None:
    """The medians of a bare process and the app's, in ms, and their ratio's verdict."""
    bare_ms = statistics.median(bare[1]) * 1000
    app_ms = statistics.median(app[1]) * 1000
    ratio = app_ms / bare_ms
    print(f"{bare[0]:<44} median {bare_ms:7.0f} ms")
    print(
        f"{app[0]:<44} median {app_ms:7.0f} ms  "
        f"ratio {ratio:.2f}x (target <= {target}x: {verdict(ratio <= target)})"
    )


def startup(db10k: Path, settings: Path, runs: int) -> None:
    bare, app, ready = [], [], []
    sections: dict[str, list[float]] = {key: [] for key in SECTIONS}
    reportlab = set()
    time_process(["-c", BARE])  # warm the file cache for both
    time_process(["-c", APP, str(db10k), str(settings)])
    for _ in range(runs):
        seconds, _rest = time_process(["-c", BARE])
        bare.append(seconds)
        seconds, rest = time_process(["-c", APP, str(db10k), str(settings)])
        app.append(seconds)
        reportlab.update(line for line in rest if line.startswith("reportlab"))
        ready += [float(line.split()[1]) for line in rest if line.startswith("ready")]
        for line in rest:
            if line.startswith("section"):
                _word, key, ms = line.split()
                sections[key].append(float(ms))
    side_by_side(
        ("start-up, bare QMainWindow + SQLAlchemy", bare),
        ("start-up, app with 10k candidates", app),
        STARTUP_RATIO_TARGET,
    )
    print(
        f"  then every section set up and Home filled   median {statistics.median(ready):7.0f} ms "
        "after the first frame"
    )
    for key, samples in sections.items():
        median = statistics.median(samples)
        print(f"  first visit of {key:<10}                   median {median:7.0f} ms")
    imported = "reportlab True" in reportlab
    print(f"ReportLab imported at start-up: {'YES (bad)' if imported else 'no'}")


# ---------------------------------------------------------------------------------------
# In one running app


def pump(qt: object, until: object = None, timeout: float = 5.0) -> None:
    from PySide6.QtWidgets import QApplication

    deadline = time.perf_counter() + timeout
    QApplication.processEvents()
    while until is not None and not until() and time.perf_counter() < deadline:  # type: ignore[operator]
        QApplication.processEvents()
        time.sleep(0.001)


def in_app(db10k: Path, db100k: Path, settings: Path, runs: int) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    from interview_kit.app import create_app
    from interview_kit.gui.stage_walk import Step
    from interview_kit.services import candidates, interviewers

    app = create_app(["--db", str(db10k), "--settings", str(settings)])
    assert app is not None
    qt = app.qt
    app.window.resize(1280, 800)
    db = app.controller.context.db
    person = interviewers.find_interviewer(db, email="bench@example.com") or (
        interviewers.add_interviewer(db, name="Bench Marker", email="bench@example.com")
    )
    app.controller.set_interviewer(person)
    pump(qt)
    page = candidates.list_candidates(db, candidates.CandidateQuery(limit=runs + 1))
    targets = [row.uuid for row in page.rows]

    samples = []
    for number, candidate in enumerate(targets):
        started = time.perf_counter()
        app.controller.walks.open(candidate, "technical_deep_dive")
        pump(qt)
        samples.append((time.perf_counter() - started) * 1000)
        if number < len(targets) - 1:
            app.controller.walks.close()
            pump(qt)
    first, rest = samples[0], statistics.median(samples[1:])
    print(
        f"open a stage walk                           first {first:5.0f} ms, median {rest:5.0f} ms"
        f"  (target <= {WALK_TARGET_MS:g} ms: {verdict(rest <= WALK_TARGET_MS)})"
    )

    walk = app.controller.walks.walk
    walk.go_to(Step.RATINGS)
    selectors = [card.selector for card in walk.ratings.cards.values()]
    samples = []
    for number in range(min(runs, 4)):
        selector = selectors[number % len(selectors)]
        key = "2" if selector.value() == 3 else "3"  # always a change
        started = time.perf_counter()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                selector, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, key)
            )
        pump(qt, lambda: not walk.is_dirty and walk.saved_text().startswith("Saved"))
        samples.append((time.perf_counter() - started) * 1000)
    saved = statistics.median(samples)
    print(
        f'rating until "Saved" shows                  median {saved:5.0f} ms'
        f"  (target <= {SAVED_TARGET_MS:g} ms: {verdict(saved <= SAVED_TARGET_MS)};"
        " includes the 400 ms autosave delay)"
    )
    app.controller.walks.close()
    search(app, 10_000)
    app.window.close()
    db.close()

    big = create_app(["--db", str(db100k), "--settings", str(settings)])
    assert big is not None
    big.window.resize(1280, 800)
    pump(big.qt)
    search(big, 100_000)
    big.window.close()
    big.controller.context.db.close()


def search(app: object, size: int) -> None:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    home = app.window.page("home")  # type: ignore[attr-defined]
    app.window.show_page("home")  # type: ignore[attr-defined]
    pump(None)
    assert home.candidates.total == size, home.candidates.total
    box = home.ui.search
    samples = []
    for word in ("ana", "müller", "zq", "okafor 4", "person12"):
        box.clear()
        pump(None)
        for char in word:
            started = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    box, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )
            pump(None)
            home.ui.candidates.viewport().repaint()
            samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    median = statistics.median(samples)
    worst = samples[-1]
    target = SEARCH_TARGETS_MS[size]
    print(
        f"search keystroke at {size:>7,} candidates      median {median:5.1f} ms, worst "
        f"{worst:5.1f} ms  (target <= {target:g} ms: {verdict(worst <= target)})"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--db10k", type=Path)
    parser.add_argument("--db100k", type=Path)
    parser.add_argument(
        "--pg",
        nargs="*",
        default=[],
        metavar="URL",
        help="PostgreSQL databases holding a demo: usable start is measured on each too",
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    db10k = args.db10k or work / "10k.sqlite3"
    db100k = args.db100k or work / "100k.sqlite3"
    settings = work / "settings.ini"
    ensure_10k(db10k)
    ensure_100k(db100k, db10k)
    startup(db10k, settings, args.runs)
    usable_start(db10k, settings, args.runs)
    usable_start(db100k, settings, args.runs, "100k")
    for url in args.pg:
        usable_start(url, settings, args.runs, url.rsplit("/", 1)[-1])
    in_app(db10k, db100k, settings, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
