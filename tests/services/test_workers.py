"""Worker processes end with their parent: a ``demo`` or ``recompute`` killed outright
(SIGKILL, no clean-up of any kind) leaves no worker behind."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from interview_kit.services import demo, workers
from interview_kit.services.database import open_database

REPO = Path(__file__).resolve().parents[2]

_RUN_THEN_HANG = textwrap.dedent(
    """
    import os, sys, threading
    from pathlib import Path
    from interview_kit.services import demo, summaries, workers
    from interview_kit.services.database import open_database

    ready, mode, path = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    read = workers.Workers._read

    def read_then_hang(self, index):
        answer = read(self, index)
        # Mid-run: the first answer is in, the workers hold more work. Say who is
        # running, then wait here until killed.
        ready.with_suffix(".part").write_text(" ".join(map(str, [os.getpid(), *self.pids])))
        ready.with_suffix(".part").rename(ready)
        threading.Event().wait()
        return answer

    workers.Workers._read = read_then_hang
    with open_database(path) as db:
        if mode == "demo":
            demo.load_demo(db, candidates=60, seed=2, workers=2, chunk_size=10)
        else:
            summaries.refresh_all(db, batch_size=5, workers=3)
    """
)


def _state(pid: int) -> str:
    """A process's state letter ("Z" for a zombie), or "" once it is gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except FileNotFoundError:
        return ""
    return stat.rsplit(")", 1)[1].split()[0]


def _gone(pid: int) -> bool:
    return _state(pid) in ("", "Z", "X")


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers fork on Linux only")
@pytest.mark.parametrize("mode", ["demo", "recompute"])
def test_no_worker_survives_its_parent(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "panel.sqlite3"
    if mode == "recompute":
        with open_database(path) as db:
            demo.load_demo(db, candidates=40, seed=2, workers=0)
    ready = tmp_path / "ready"
    parent = subprocess.Popen(
        [sys.executable, "-c", _RUN_THEN_HANG, str(ready), mode, str(path)],
        cwd=REPO,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 120
        while not ready.exists():
            assert parent.poll() is None, parent.communicate()[1]
            assert time.monotonic() < deadline, "the run never got going"
            time.sleep(0.01)
        pid, *worker_pids = map(int, ready.read_text(encoding="ascii").split())
        assert pid == parent.pid
        assert len(worker_pids) == 2
        assert not any(_gone(worker) for worker in worker_pids)
    finally:
        parent.kill()
        parent.wait()
        assert parent.stderr is not None
        parent.stderr.close()
    deadline = time.monotonic() + 30
    while not all(_gone(worker) for worker in worker_pids) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert [worker for worker in worker_pids if not _gone(worker)] == []


_SERVE = """
from contextlib import contextmanager
from interview_kit.services import workers

assert workers.can_fork(), "a fresh process may fork"

@contextmanager
def serve():
    yield lambda task: task * 2

pool = workers.Workers(serve, 2)
"""


def _in_a_fresh_process(body: str) -> None:
    """Run ``body`` after :data:`_SERVE` in a new Python process (one running the test
    runner's threads may not fork); it must end cleanly."""
    result = subprocess.run(
        [sys.executable, "-c", _SERVE + textwrap.dedent(body)],
        capture_output=True, text=True, cwd=REPO, timeout=120, check=False,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
def test_workers_end_when_the_parent_closes_their_pipes() -> None:
    """Without the kernel's help (another system): a worker whose task pipe reaches its
    end stops, since it holds no other end of it."""
    _in_a_fresh_process(
        """
        with pool:
            assert pool.hand(0, 21)
            assert pool.receive(0) == (21, 42)
            processes = list(pool._processes)
            for channel in pool._tasks:
                channel.close()  # as the parent's death would close them
            for process in processes:
                process.join(timeout=30)
            assert [process.exitcode for process in processes] == [0, 0]
            pool._tasks = []
        """
    )


def test_a_parent_sees_which_answers_are_in_without_waiting() -> None:
    """What the demo's writer asks before it builds a chunk itself instead of waiting."""
    _in_a_fresh_process(
        """
        with pool:
            assert pool.ready(timeout=0) == []
            assert not pool.busy()
            assert pool.hand(1, 21)
            assert pool.busy()
            assert pool.ready(timeout=None) == [1]
            assert pool.receive(1) == (21, 42)
            assert pool.ready(timeout=0) == []
            assert not pool.busy()
        """
    )


@pytest.mark.parametrize("free", [1, 2, 8])
def test_a_demo_forks_from_its_threshold_one_worker_per_free_core_besides_the_writer(
    monkeypatch: pytest.MonkeyPatch, free: int
) -> None:
    from interview_kit.services.demo import loader

    monkeypatch.setattr(loader, "free_cores", lambda: free)
    assert loader.demo_workers(loader.PARALLEL_FROM - 1) == 0
    expected = max(1, min(loader.MAX_WORKERS, free - 1)) if workers.can_fork() else 0
    assert loader.demo_workers(loader.PARALLEL_FROM) == expected
    assert loader.demo_workers(1_000_000) == expected
