"""Forked worker processes for bulk work: the demo's rows and the recompute's summaries.

One layer, so both follow the same rules: fork only where it is safe (Linux, a process
running no other thread), only as many processes as pay off here (:func:`process_count`),
and never leave a process behind. A worker ends with its parent, however the parent
ends: on Linux the kernel kills it when the parent dies (``PR_SET_PDEATHSIG``), and
everywhere it holds no end of a pipe but its own (the inherited parent ends are closed
first thing), so a parent that is gone shows as end-of-file on its task pipe or a broken
result pipe, and the worker stops.

A worker takes tasks from its own pipe and answers each with ``(task, result)``, or with
a :class:`Failure` and stops; the parent does whatever a failed worker left undone, so
results never depend on how the work was shared.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import pickle
import queue
import signal
import sys
import threading
from collections.abc import Callable
from contextlib import AbstractContextManager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from interview_kit.storage.database import Database

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

Serve = Callable[[], AbstractContextManager[Callable[[T], R]]]
"""Run in each worker once: sets up what its tasks share (a database connection) and
gives the function that does one task."""


# ---------------------------------------------------------------------------------------
# When and how many


def available_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def free_cores() -> int:
    """Cores not busy with other work right now (at least one): this process's cores less
    the load average of the last minute, which counts every runnable process."""
    cores = available_cores()
    if not hasattr(os, "getloadavg"):
        return cores
    busy = int(os.getloadavg()[0] + 0.5)
    return max(1, cores - busy)


def process_count(items: int, *, per_process: int, most: int) -> int:
    """How many processes to share ``items`` among: one more per ``per_process`` items
    (below that, starting a process and handing it work costs about what it saves), no
    more than the free cores (a process waiting for a core only adds switching), and at
    most ``most``. 1 means: all in this process."""
    if items < per_process or not can_fork():
        return 1
    return max(1, min(free_cores(), most, items // per_process))


def can_fork() -> bool:
    """Whether this process may fork workers: on Linux, from a single-threaded process
    (forking one that runs other threads, such as the app's, can leave the child waiting
    on a lock no thread of it will release)."""
    return sys.platform.startswith("linux") and _single_threaded()


def can_share(db: Database) -> bool:
    """Whether forked workers can read ``db`` too: a database another process can open (a
    file or a server, not an in-memory SQLite), and :func:`can_fork`."""
    if db.url.get_backend_name() == "sqlite" and db.path is None:
        return False
    return can_fork()


def _single_threaded() -> bool:
    """No other thread in this process, Python's or native ones (a GUI toolkit's pools
    run threads Python does not list)."""
    try:
        return sum(1 for _ in Path("/proc/self/task").iterdir()) == 1
    except OSError:
        return threading.active_count() == 1


# ---------------------------------------------------------------------------------------
# The workers


@dataclass(frozen=True)
class Failure:
    """What a worker answers instead of a result when its task failed (it then stops)."""

    why: str


class Workers(Generic[T, R]):
    """``count`` forked processes, each running ``serve`` and then one task after another.

    Use as a context manager; leaving it stops every worker (and terminates one that
    does not stop). Tasks and results travel pickled; results go back from a thread of
    the worker's own (:class:`_Outbox`), so a worker builds its next result while the
    parent reads the last.
    """

    def __init__(self, serve: Serve[T, R], count: int, *, name: str = "worker") -> None:
        self._serve = serve
        self._count = count
        self._name = name
        self._tasks: list[Any] = []
        self._results: list[Any] = []
        self._processes: list[Any] = []
        self._handed: list[list[T]] = []
        self._failed: set[int] = set()
        self._left: list[T] = []

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self._processes]

    def __enter__(self) -> Workers[T, R]:
        if self._count < 1:
            return self
        import multiprocessing

        context = multiprocessing.get_context("fork")
        parent = os.getpid()
        for _ in range(self._count):
            task_reader, task_writer = context.Pipe(duplex=False)
            result_reader, result_writer = context.Pipe(duplex=False)
            # Everything this process holds of the pipes so far: the new worker closes
            # all of it but its own two ends (see the module docstring).
            inherited = [*self._tasks, *self._results, task_writer, result_reader]
            process = context.Process(
                target=_work,
                args=(self._serve, parent, inherited, task_reader, result_writer),
                name=f"{self._name}-{len(self._processes) + 1}",
                daemon=True,
            )
            process.start()
            task_reader.close()
            result_writer.close()
            self._tasks.append(task_writer)
            self._results.append(result_reader)
            self._processes.append(process)
            self._handed.append([])
        return self

    def __exit__(self, *_exc: object) -> None:
        for index, channel in enumerate(self._tasks):
            if index not in self._failed:
                with suppress(OSError):
                    channel.send(None)
            channel.close()
        for channel in self._results:
            channel.close()
        for process in self._processes:
            process.join(timeout=5)
            if process.is_alive():
                process.terminate()
                process.join()
        self._tasks, self._results, self._processes, self._handed = [], [], [], []

    def live(self) -> list[int]:
        """The workers that have not failed, by number."""
        return [index for index in range(len(self._processes)) if index not in self._failed]

    def hand(self, index: int, task: T) -> bool:
        """Give worker ``index`` a task; False if it has failed (the task is not taken)."""
        if index in self._failed:
            return False
        try:
            self._tasks[index].send(task)
        except OSError as exc:
            self._fail(index, exc)
            return False
        self._handed[index].append(task)
        return True

    def receive(self, index: int) -> tuple[T, R] | None:
        """The next answer of worker ``index`` (waiting for it); None once it has failed
        (its unanswered tasks are then in :meth:`left_over`)."""
        if index in self._failed or not self._handed[index]:
            return None
        return self._read(index)

    def ready(self, timeout: float | None = None) -> list[int]:
        """The workers whose next answer is in (:meth:`receive` then takes it without
        waiting), waiting up to ``timeout`` seconds for one (``None``: as long as it
        takes); none when no live worker has a task."""
        from multiprocessing.connection import wait

        waiting = {self._results[index]: index for index in self.live() if self._handed[index]}
        if not waiting:
            return []
        return sorted(waiting[ready] for ready in wait(list(waiting), timeout))

    def busy(self) -> bool:
        """Whether a live worker has a task it has not answered yet."""
        return any(self._handed[index] for index in self.live())

    def left_over(self) -> list[T]:
        """Tasks handed to workers that failed before answering them (taken once)."""
        left, self._left = self._left, []
        return left

    def _read(self, index: int) -> tuple[T, R] | None:
        try:
            message = self._results[index].recv()
        except (EOFError, OSError):
            message = Failure("the process ended")
        expected = self._handed[index][0]
        if isinstance(message, tuple) and message[0] == expected:
            self._handed[index].pop(0)
            return message[0], message[1]
        self._fail(index, message.why if isinstance(message, Failure) else message)
        return None

    def _fail(self, index: int, why: object) -> None:
        logger.warning("a %s failed: %s; this process takes over its work", self._name, why)
        self._failed.add(index)
        self._left.extend(self._handed[index])
        self._handed[index] = []


def _work(
    serve: Serve[Any, Any], parent: int, inherited: list[Any], tasks: Any, results: Any
) -> None:
    """A worker: tasks from ``tasks`` until told to stop (None) or the parent is gone."""
    _end_with(parent)
    for channel in inherited:
        channel.close()
    # A task allocates millions of objects and frees them by reference counts; the
    # collector's automatic passes over them cost a sixth of a worker's time. It runs
    # once per task instead, over what this process made (not what it inherited).
    gc.disable()
    gc.freeze()
    outbox = _Outbox(results)
    try:
        with serve() as one:
            while (task := tasks.recv()) is not None:
                outbox.put((task, one(task)))
                gc.collect()
    except EOFError:
        pass  # the parent has gone
    except Exception as exc:
        logger.exception("a worker's task failed")
        with suppress(OSError):
            outbox.put(Failure(f"{type(exc).__name__}: {exc}"))
    finally:
        outbox.close()
        results.close()
        tasks.close()


_PR_SET_PDEATHSIG = 1


def _end_with(parent: int) -> None:
    """Have the kernel kill this process when its parent dies (Linux); if the parent
    died before that took effect, stop now. Elsewhere the closed pipes do it."""
    if not sys.platform.startswith("linux"):
        return
    with suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:
        os._exit(1)


class _Outbox:
    """A worker's messages, sent in order by a thread of their own.

    A pipe holds 64 KiB and a result can be megabytes: a plain ``send`` would wait until
    the parent has read it all, while this process could be building the next one. Once
    a send fails (the parent is gone), later messages are dropped and ``put`` raises, so
    the worker stops instead of waiting forever.
    """

    def __init__(self, sender: Any, ahead: int = 2) -> None:
        self.sender = sender
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=ahead)
        self.failure: OSError | None = None
        self.thread = threading.Thread(target=self._send, name="worker-outbox", daemon=True)
        self.thread.start()

    def put(self, message: object) -> None:
        if self.failure is not None:
            raise self.failure
        self.queue.put(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()

    def _send(self) -> None:
        while (data := self.queue.get()) is not None:
            if self.failure is None:
                try:
                    self.sender.send_bytes(data)
                except OSError as exc:
                    self.failure = exc
