"""Work the simulator does later, kept as data so that a restarted simulator still does it.

A job is a kind (which runner does it), a due time and JSON data: ``callback`` posts a payload
made earlier (a Result, a timeout notice, an STK callback, a C2B confirmation), ``stk_answer`` is
the customer answering a PIN prompt, ``c2b_payment`` a simulated customer payment. The runners
are given to ``start`` (``app.RUNNERS``), which runs every job on the server's loop when it is
due; a job leaves the queue once its runner has returned, so a job cut short by a stop runs again
after the next start (a callback may then arrive twice, as Daraja's sometimes do).

Due times are wall-clock seconds (``time.time()``), so they mean the same after a restart. A
restored job runs when it was due, or after ``callback_delay`` when that is sooner: pending work
is done late rather than never. Jobs added or finished since the last ``take_changed()`` are what
the next checkpoint saves or deletes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

log = logging.getLogger(__name__)

Runner = Callable[[dict[str, Any]], Awaitable[None]]


@dataclass
class Job:
    id: int
    kind: str
    due: float
    data: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class JobQueue:
    """Pending jobs; they run between ``start`` and ``stop``."""

    def __init__(self) -> None:
        self._jobs: dict[int, Job] = {}
        self._next_id = 1
        self._added: dict[int, Job] = {}
        self._finished: set[int] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._runners: Mapping[str, Runner] | None = None
        self._after: Callable[[], None] = lambda: None

    def pending(self) -> list[Job]:
        return sorted(self._jobs.values(), key=lambda job: (job.due, job.id))

    def restore(self, jobs: Iterable[Job], latest_due: float) -> None:
        """Put back saved jobs, each due at ``latest_due`` at the latest."""
        for job in jobs:
            job.due = min(job.due, latest_due)
            self._jobs[job.id] = job
            self._next_id = max(self._next_id, job.id + 1)

    def add(self, kind: str, delay: float, /, **data: Any) -> Job:
        """Do ``kind`` with ``data`` in ``delay`` seconds."""
        job = Job(self._next_id, kind, time.time() + delay, data)
        self._next_id += 1
        self._jobs[job.id] = job
        self._added[job.id] = job
        if self._runners is not None:
            self._launch(job)
        return job

    def take_changed(self) -> tuple[list[Job], list[int]]:
        """``(added, finished ids)`` since the last call; a job both added and finished in
        that time is in neither."""
        added, finished = list(self._added.values()), sorted(self._finished)
        self._added.clear()
        self._finished.clear()
        return added, finished

    def start(self, runners: Mapping[str, Runner], after: Callable[[], None]) -> None:
        """Run the pending jobs and those added later, each when due; call ``after()`` once a
        job has finished. Call on the server's loop."""
        self._runners = runners
        self._after = after
        for job in self.pending():
            self._launch(job)

    async def stop(self) -> None:
        """Stop running jobs (those cut short stay pending)."""
        self._runners = None
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    def _launch(self, job: Job) -> None:
        task = asyncio.get_running_loop().create_task(self._run(job))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _run(self, job: Job) -> None:
        await asyncio.sleep(max(0.0, job.due - time.time()))
        runner = (self._runners or {}).get(job.kind)
        try:
            if runner is None:
                log.warning("simulator: dropped a job of unknown kind %r", job.kind)
            else:
                await runner(job.data)
        except Exception:  # a bug in one job must not stop the server
            log.exception("simulator: a %s job failed", job.kind)
        self._jobs.pop(job.id, None)
        if self._added.pop(job.id, None) is None:
            self._finished.add(job.id)
        try:
            self._after()
        except Exception:
            log.exception("simulator: could not save the state after a %s job", job.kind)
