"""When scheduled work is due: pure rules over times, no database (issue 15).

A run is identified by its slot, a string unique per owner and kind: the scheduler claims a
slot once, so the same digest or capture can never be started twice, however many
schedulers and workers share the database."""

from __future__ import annotations

from datetime import datetime, time, timedelta

# A digest whose hour passed while the machine slept still goes out, up to this late;
# later it would arrive as noise, and the next day's digest says the same.
DIGEST_LATE_LIMIT = timedelta(hours=6)

# Retries after a failed run: 1, 5, 30 minutes, then 2 hours; after MAX_ATTEMPTS tries, give up.
BACKOFF_MINUTES = (1, 5, 30, 120)
MAX_ATTEMPTS = 5

# A run still "running" this long after it started lost its worker (killed, machine asleep): try again.
STALE_AFTER = timedelta(minutes=15)


def digest_slot(local_now: datetime, at: time, days: list[int]) -> str | None:
    """The digest slot (its local date, "2026-12-03") due at `local_now`, or None.

    Due on a chosen weekday from the chosen hour until DIGEST_LATE_LIMIT later."""
    if local_now.weekday() not in days:
        return None
    due = local_now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    if due <= local_now < due + DIGEST_LATE_LIMIT:
        return local_now.date().isoformat()
    return None


def every_slot(moment: datetime, every_minutes: int) -> str:
    """The slot of a job run every N minutes: the number of the N-minute window `moment` is in
    (counted from the Unix epoch, so every scheduler computes the same one)."""
    minutes = int(moment.timestamp() // 60)
    return str(minutes // max(1, every_minutes))


def next_try(failed_at: datetime, attempts: int) -> datetime | None:
    """When to try a failed run again after `attempts` tries, or None to give up."""
    if attempts >= MAX_ATTEMPTS:
        return None
    wait = BACKOFF_MINUTES[min(attempts, len(BACKOFF_MINUTES)) - 1] if attempts > 0 else BACKOFF_MINUTES[0]
    return failed_at + timedelta(minutes=wait)
