"""Workers: run queued tasks (django-tasks-db's worker loop) and, unless told not to, tick the
scheduler. `goodwill worker` runs one in the foreground; `goodwill serve` runs one in a
background thread. A scheduling worker also keeps the firm's stored strengths fresh (jobs.strength)
and makes stored vectors again after a release with another sentence model (jobs.meaning). Any
number may share a PostgreSQL database: claims and task locks keep each run to one worker."""

from __future__ import annotations

import logging
import os
import threading
import time

from django.db import close_old_connections

from goodwill.jobs import meaning, scheduler, strength

# How often the scheduler looks for due work; GOODWILL_TICK_SECONDS changes it (tests tick every second).
TICK_SECONDS = float(os.environ.get("GOODWILL_TICK_SECONDS", "30"))
POLL_SECONDS = 1.0  # how often an idle worker looks for queued tasks
PRUNE_EVERY = 3600.0

log = logging.getLogger("goodwill.jobs")


def _db_worker(worker_id: str, *, batch: bool):
    from django_tasks_db.management.commands.db_worker import Worker

    return Worker(
        queue_names=["default"],
        interval=POLL_SECONDS,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id[:64],
        excluded_queue_names=[],
    )


def run_once(worker_id: str) -> int:
    """Tick the scheduler once and run everything queued, then return (`goodwill worker --once`,
    for a cron job or a test). Returns how many runs the tick queued."""
    queued = scheduler.tick()
    strength.refresh_once()
    meaning.upgrade_all()
    _db_worker(worker_id, batch=True).run()
    close_old_connections()
    return len(queued)


class Runner:
    """A worker loop, with a scheduler thread beside it when `schedule` is true."""

    def __init__(self, *, worker_id: str, schedule: bool = True, tick_seconds: float = TICK_SECONDS) -> None:
        self.stopping = threading.Event()
        self.schedule = schedule
        self.tick_seconds = tick_seconds
        self.worker = _db_worker(worker_id, batch=False)
        self._threads: list[threading.Thread] = []

    def _schedule_loop(self) -> None:
        last_prune = 0.0
        while not self.stopping.is_set():
            close_old_connections()
            try:
                scheduler.tick()
                if time.monotonic() - last_prune > PRUNE_EVERY:
                    scheduler.prune()
                    last_prune = time.monotonic()
            except Exception:  # a bad tick must not stop the scheduler; the next one tries again
                log.exception("scheduler tick failed")
            finally:
                close_old_connections()
            self.stopping.wait(self.tick_seconds)

    def run(self) -> None:
        """Run in this thread until stop() (or Ctrl+C in `goodwill worker`)."""
        if self.schedule:
            ticker = threading.Thread(target=self._schedule_loop, name="goodwill-scheduler", daemon=True)
            ticker.start()
            self._threads.append(ticker)
            keeper = strength.StrengthLoop(self.stopping, self.tick_seconds)
            refresher = threading.Thread(target=keeper.run, name="goodwill-strength", daemon=True)
            refresher.start()
            self._threads.append(refresher)
            remaker = meaning.MeaningLoop(self.stopping, self.tick_seconds)
            vectors = threading.Thread(target=remaker.run, name="goodwill-meaning", daemon=True)
            vectors.start()
            self._threads.append(vectors)
        try:
            self.worker.run()
        finally:
            self.stopping.set()
            close_old_connections()

    def start_in_background(self) -> None:
        thread = threading.Thread(target=self.run, name="goodwill-worker", daemon=True)
        thread.start()
        self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        self.stopping.set()
        self.worker.running = False
        for thread in self._threads:
            thread.join(timeout)


def start_job_worker() -> None:
    """A job worker with the scheduler, in background threads of this server process (`goodwill serve`)."""
    from goodwill.jobs.tasks import worker_name

    Runner(worker_id=worker_name()).start_in_background()
