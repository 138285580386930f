"""Keeping the firm's stored strengths fresh, beside the scheduler in every worker.

Every tick: the rows marked stale since they were computed (a logged encounter is stored
within a tick). Once a day: everything computed before today (scores decay as days pass),
in committed chunks (services.firm_strength.refresh). On PostgreSQL an advisory lock keeps
the daily pass to one worker at a time, however many share the database; the rest skip it.
It runs in its own thread so a long daily pass never delays a digest."""

from __future__ import annotations

import logging
import threading
from datetime import date

from django.db import close_old_connections, connection

from goodwill import clock

log = logging.getLogger("goodwill.jobs")
LOCK_KEY = 0x6F6F6477  # the daily pass's advisory lock (PostgreSQL)


def refresh_stale() -> int:
    from goodwill.services.firm_strength import refresh_stale as refresh

    return refresh().people


def refresh_daily(today: date | None = None) -> int | None:
    """The daily pass; None when another worker holds it."""
    from goodwill.services.firm_strength import refresh

    today = today or clock.today()
    if connection.vendor != "postgresql":
        return refresh(None, today).people
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
        if not cursor.fetchone()[0]:
            return None
        try:
            return refresh(None, today).people
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])


def refresh_once() -> None:
    """Both passes, once (`goodwill worker --once`, run by cron on a server without a worker)."""
    refresh_stale()
    refresh_daily()


class StrengthLoop:
    """The stale pass every `tick_seconds`, and the daily pass when the date changes."""

    def __init__(self, stopping: threading.Event, tick_seconds: float) -> None:
        self.stopping = stopping
        self.tick_seconds = tick_seconds
        self.done_on: date | None = None  # the last day the daily pass ran to its end here

    def step(self) -> None:
        refresh_stale()
        today = clock.today()
        if self.done_on != today and refresh_daily(today) is not None:
            self.done_on = today

    def run(self) -> None:
        while not self.stopping.is_set():
            close_old_connections()
            try:
                self.step()
            except Exception:  # a failed pass must not stop the loop; the next one tries again
                log.exception("strength refresh failed")
            finally:
                close_old_connections()
            self.stopping.wait(self.tick_seconds)
